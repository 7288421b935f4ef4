"""Load the itinerary from the database and write a new one over it, upserting by key."""

from __future__ import annotations

import secrets
import weakref
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, time
from typing import TypeVar

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from bot.itinerary.changes import Changes, diff, keep_learned
from bot.itinerary.checker import ItineraryError
from bot.itinerary.source import Problem
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.history import cancel_missing_events, snapshot, stamp_event
from bot.storage.kinds import as_role
from schedule import itinerary as it

# One copy per engine, gone with it (a new engine at the same address must not see it).
_CACHE: weakref.WeakKeyDictionary[object, tuple[int, it.Itinerary]] = weakref.WeakKeyDictionary()


def load_itinerary(session: Session) -> it.Itinerary | None:
    """Return the stored itinerary, or None when nothing has been imported yet.

    The itinerary is read whole only when its version changed: every reply needs it, and
    one small query tells whether the copy in memory is still the truth.
    """
    version = session.exec(select(db.Delegation.version)).first()
    if version is None:
        return None
    where = session.get_bind()
    cached = _CACHE.get(where)
    if cached is not None and cached[0] == version:
        return cached[1]
    itinerary = _read_itinerary(session)
    if itinerary is not None:
        _CACHE[where] = (version, itinerary)
    return itinerary


def _read_itinerary(session: Session) -> it.Itinerary | None:
    delegation = session.exec(select(db.Delegation)).first()
    if delegation is None:
        return None
    organisations = session.exec(select(db.Organisation).order_by(col(db.Organisation.id))).all()
    org_keys = {o.id: o.key for o in organisations}
    counterparts = session.exec(select(db.Counterpart).order_by(col(db.Counterpart.id))).all()
    return it.Itinerary(
        delegation=_delegation(delegation),
        stops=tuple(
            it.Stop(s.city, s.country, s.timezone, s.arrive, s.depart, s.hotel, tuple(s.aliases))
            for s in session.exec(select(db.Stop).order_by(col(db.Stop.position)))
        ),
        organisations=tuple(
            it.Organisation(
                o.key, o.name, o.short, o.country, o.about, tuple(o.projects), tuple(o.aliases)
            )
            for o in organisations
        ),
        counterparts=tuple(
            it.Counterpart(
                c.key,
                c.name,
                c.honorific,
                c.title,
                org_keys.get(c.organisation_id),
                tuple(c.aliases),
                c.about,
                tuple(c.topics),
            )
            for c in counterparts
        ),
        members=load_members(session),
        events=_events(session, {c.id: c.key for c in counterparts}),
    )


def load_members(session: Session) -> tuple[it.Member, ...]:
    """Return every member, file-listed or joined by invite, in the order they were added."""
    groups: dict[int, list[str]] = defaultdict(list)
    for link in session.exec(select(db.MemberGroup).order_by(col(db.MemberGroup.position))):
        groups[link.member_id].append(link.group)
    return tuple(
        it.Member(
            m.key,
            m.name,
            m.role,
            m.telegram_id,
            m.telegram_username,
            tuple(groups[m.id or 0]),
        )
        for m in session.exec(select(db.Member).order_by(col(db.Member.id)))
    )


def _delegation(row: db.Delegation) -> it.Delegation:
    briefing = time.fromisoformat(row.briefing_time) if row.briefing_time else None
    return it.Delegation(row.name, row.home_timezone, tuple(row.reminders), briefing, row.about)


def _events(session: Session, counterpart_keys: dict[int | None, str]) -> tuple[it.Event, ...]:
    people: dict[int, list[str]] = defaultdict(list)
    for link in session.exec(
        select(db.EventCounterpart).order_by(col(db.EventCounterpart.position))
    ):
        people[link.event_id].append(counterpart_keys[link.counterpart_id])
    audience: dict[int, list[str]] = defaultdict(list)
    for row in session.exec(select(db.EventAttendee).order_by(col(db.EventAttendee.position))):
        audience[row.event_id].append(row.ref)
    rows = session.exec(select(db.Event).order_by(col(db.Event.start_utc), col(db.Event.id)))
    return tuple(
        it.Event(
            key=e.key,
            title=e.title,
            start=e.start_utc,
            timezone=e.timezone,
            kind=e.kind,
            end=e.end_utc,
            end_timezone=e.end_timezone,
            venue=e.venue,
            address=e.address,
            location=(e.latitude, e.longitude)
            if e.latitude is not None and e.longitude is not None
            else None,
            counterparts=tuple(people[e.id or 0]),
            attendees=tuple(audience[e.id or 0]),
            notes=e.notes,
            dress=e.dress,
            bring=e.bring,
        )
        for e in rows
    )


def invited_member_keys(session: Session) -> list[str]:
    """Return the keys of members who joined by invite rather than from the file."""
    query = select(db.Member.key).where(db.Member.source != "file")
    return list(session.exec(query))


def plan_import(session: Session, new: it.Itinerary) -> tuple[it.Itinerary, Changes]:
    """Return what would be stored and how it differs from what is stored now.

    Raises ``ItineraryError`` when a file member's Telegram id belongs to someone else.
    """
    _check_identities(session, new)
    old = load_itinerary(session)
    merged = keep_learned(old, new)
    listed = {m.key for m in new.members}
    kept = [key for key in invited_member_keys(session) if key not in listed]
    return merged, diff(old, merged, kept_members=kept)


def _check_identities(session: Session, new: it.Itinerary) -> None:
    holders = {
        m.telegram_id: m.key
        for m in session.exec(select(db.Member).where(col(db.Member.telegram_id).is_not(None)))
    }
    problems = [
        Problem(f"members[{index}].telegram_id",
                f"{m.telegram_id} already belongs to member {holders[m.telegram_id]!r}, "
                "who joined with an invite; use that key or remove them first")
        for index, m in enumerate(new.members)
        if m.telegram_id is not None and holders.get(m.telegram_id, m.key) != m.key
    ]  # fmt: skip
    problems += _invited_key_clashes(session, new)
    if problems:
        raise ItineraryError(problems)


def _invited_key_clashes(session: Session, new: it.Itinerary) -> list[Problem]:
    """Refuse file keys and groups equal to an invited member's key, unless it is them.

    Invited members now get keys of a form the file may not use; these are members who
    joined before, keyed by the name they gave, and the file must not take them over.
    """
    invited = {m.key: m for m in session.exec(select(db.Member).where(db.Member.source != "file"))}
    problems = []
    for index, m in enumerate(new.members):
        holder = invited.get(m.key)
        if holder is not None and holder.telegram_id not in (None, m.telegram_id):
            problems.append(
                Problem(
                    f"members[{index}].key",
                    f"{m.key!r} is the key of {holder.name}, who joined with an invite; choose "
                    f"another key, or give telegram_id: {holder.telegram_id} if this is them",
                )
            )
        problems += [
            Problem(f"members[{index}].groups[{position}]",
                    f"group {group!r} has the name of a member who joined with an invite")
            for position, group in enumerate(m.groups) if group in invited
        ]  # fmt: skip
    return problems


def save_itinerary(session: Session, new: it.Itinerary, *, now: datetime | None = None) -> Changes:
    """Write ``new`` over the stored itinerary (upsert by key) and return the differences.

    The caller's transaction makes it all or nothing; ``now`` dates the events' changes
    for calendars (left undated without it).
    """
    merged, changes = plan_import(session, new)
    if changes or session.exec(select(db.Delegation)).first() is None:
        bump_version(session)
    # Only what was added or changed is written: moving one event writes one event.
    touched = {(c.kind, c.key) for c in changes.items if c.action != "removed"}
    _write_delegation(session, merged.delegation)
    _write_stops(session, merged.stops)
    org_ids = _write_organisations(session, merged.organisations, touched)
    people_ids = _write_counterparts(session, merged.counterparts, org_ids, touched)
    _write_members(session, merged.members, touched)
    _write_events(session, merged.events, people_ids, touched, now)
    # Removals last and children first, so that foreign keys hold at every step.
    cancel_missing_events(session, {e.key for e in merged.events}, now)
    _remove_missing(session, db.Counterpart, set(people_ids))
    _remove_missing(session, db.Organisation, set(org_ids))
    listed = {m.key for m in merged.members}
    for member in session.exec(select(db.Member).where(db.Member.source == "file")):
        if member.key not in listed:
            session.delete(member)
    session.flush()
    return changes


def bump_version(session: Session) -> None:
    """Tell every reader that the itinerary (or its roster) changed."""
    row = session.exec(select(db.Delegation)).first()
    if row is not None:
        row.version += 1
        session.add(row)


def _write_delegation(session: Session, new: it.Delegation) -> None:
    row = session.exec(select(db.Delegation)).first() or db.Delegation(name="", home_timezone="")
    row.name, row.home_timezone, row.about = new.name, new.home_timezone, new.about
    row.reminders = list(new.reminders)
    row.briefing_time = f"{new.briefing_time:%H:%M}" if new.briefing_time else None
    row.calendar_id = row.calendar_id or secrets.token_hex(8)
    session.add(row)


def _write_stops(session: Session, stops: Iterable[it.Stop]) -> None:
    session.execute(delete(db.Stop))
    for position, s in enumerate(stops):
        session.add(
            db.Stop(
                position=position,
                city=s.city,
                country=s.country,
                timezone=s.timezone,
                arrive=s.arrive,
                depart=s.depart,
                hotel=s.hotel,
                aliases=list(s.aliases),
            )
        )


Keyed = TypeVar("Keyed", db.Organisation, db.Counterpart, db.Member, db.Event)


def _by_key(session: Session, model: type[Keyed]) -> dict[str, Keyed]:
    return {row.key: row for row in session.exec(select(model))}


Touched = set[tuple[str, str]]


def _write_organisations(
    session: Session, items: Iterable[it.Organisation], touched: Touched
) -> dict[str, int]:
    rows = _by_key(session, db.Organisation)
    for o in items:
        if o.key in rows and ("organisation", o.key) not in touched:
            continue
        row = rows.get(o.key) or db.Organisation(key=o.key, name=o.name)
        row.name, row.short, row.country, row.about = o.name, o.short, o.country, o.about
        row.projects, row.aliases = list(o.projects), list(o.aliases)
        session.add(row)
        rows[o.key] = row
    session.flush()
    return {key: row.id for key, row in rows.items() if row.id is not None}


def _write_counterparts(
    session: Session, items: Iterable[it.Counterpart], org_ids: dict[str, int], touched: Touched
) -> dict[str, int]:
    rows = _by_key(session, db.Counterpart)
    wanted = set()
    for c in items:
        wanted.add(c.key)
        if c.key in rows and ("counterpart", c.key) not in touched:
            continue
        row = rows.get(c.key) or db.Counterpart(key=c.key, name=c.name)
        row.name, row.honorific, row.title, row.about = c.name, c.honorific, c.title, c.about
        row.organisation_id = org_ids[c.organisation] if c.organisation else None
        row.aliases, row.topics = list(c.aliases), list(c.topics)
        session.add(row)
        rows[c.key] = row
    session.flush()
    return {key: row.id for key, row in rows.items() if key in wanted and row.id is not None}


def _write_members(session: Session, items: Iterable[it.Member], touched: Touched) -> None:
    rows = _by_key(session, db.Member)
    for m in items:
        if m.key in rows and rows[m.key].source == "file" and ("member", m.key) not in touched:
            continue
        row = rows.get(m.key) or db.Member(key=m.key, name=m.name)
        row.name, row.role, row.source = m.name, as_role(m.role), "file"
        # A member who joined by link keeps their Telegram identity: the file rarely knows it.
        row.telegram_id = m.telegram_id if m.telegram_id is not None else row.telegram_id
        row.telegram_username = m.telegram_username or row.telegram_username
        session.add(row)
        session.flush()
        assert row.id is not None
        session.execute(delete(db.MemberGroup).where(col(db.MemberGroup.member_id) == row.id))
        for position, group in enumerate(m.groups):
            session.add(db.MemberGroup(member_id=row.id, group=group, position=position))


def _write_events(
    session: Session,
    items: Iterable[it.Event],
    people_ids: dict[str, int],
    touched: Touched,
    now: datetime | None,
) -> None:
    rows = _by_key(session, db.Event)
    for e in items:
        if e.key in rows and ("event", e.key) not in touched:
            continue
        before = snapshot(rows[e.key]) if e.key in rows else None
        row = rows.get(e.key) or db.Event(
            key=e.key, title=e.title, start_utc=e.start, timezone=e.timezone
        )
        row.title, row.kind, row.start_utc, row.end_utc = e.title, e.kind, e.start, e.end
        row.timezone, row.end_timezone = e.timezone, e.end_timezone
        row.venue, row.address, row.notes = e.venue, e.address, e.notes
        row.dress, row.bring = e.dress, e.bring
        row.latitude, row.longitude = e.location if e.location else (None, None)
        stamp_event(session, row, before, now)
        session.flush()
        assert row.id is not None
        session.execute(
            delete(db.EventCounterpart).where(col(db.EventCounterpart.event_id) == row.id)
        )
        session.execute(delete(db.EventAttendee).where(col(db.EventAttendee.event_id) == row.id))
        for position, key in enumerate(e.counterparts):
            session.add(
                db.EventCounterpart(
                    event_id=row.id, counterpart_id=people_ids[key], position=position
                )
            )
        for position, ref in enumerate(e.attendees):
            session.add(db.EventAttendee(event_id=row.id, ref=ref, position=position))


def _remove_missing(session: Session, model: type[Keyed], keep: set[str]) -> None:
    for row in session.exec(select(model)):
        if row.key not in keep:
            session.delete(row)
    session.flush()


def read_itinerary(engine: Engine) -> it.Itinerary | None:
    """Return the stored itinerary, read in a short session of its own."""
    with session_scope(engine) as session:
        return load_itinerary(session)
