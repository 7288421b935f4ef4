"""The outbox: every message the bot sends on its own is a row, planned from the itinerary.

``replan`` makes the rows match what the planner says each member is owed (idempotent:
the unique rule on member, kind and ref makes a second plan of the same reminder
impossible); ``apply_itinerary`` saves a new itinerary and adds the change notices it owes.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.itinerary.changes import Changes
from bot.storage import models as db
from bot.storage.kinds import PLANNED_KINDS, OutboxStatus
from bot.storage.store import load_itinerary, save_itinerary
from schedule import zones
from schedule.agenda import city_for_zone, where_at
from schedule.itinerary import Event, Itinerary
from schedule.planner import Notice, Planned, Recipient, notice_ref, plan_notices, plan_reminders


@dataclass(frozen=True)
class Replan:
    """What re-planning did."""

    added: int
    skipped: int
    revived: int


def recipients(session: Session) -> dict[str, tuple[int, Recipient]]:
    """Return every reachable member's id and planning settings, by member key."""
    groups: dict[int, list[str]] = defaultdict(list)
    for link in session.exec(select(db.MemberGroup)):
        groups[link.member_id].append(link.group)
    found = {}
    for member in session.exec(select(db.Member).where(col(db.Member.unreachable).is_(False))):
        assert member.id is not None
        leads = tuple(member.lead_times) if member.lead_times is not None else None
        found[member.key] = (
            member.id,
            Recipient(
                member.key,
                tuple(groups[member.id]),
                leads,
                member.briefing_enabled,
                member.muted_until,
            ),
        )
    return found


WantedKey = tuple[int, str, str]  # member id, kind, ref


def replan(
    session: Session,
    *,
    now: datetime,
    itinerary: Itinerary | None = None,
    events: set[str] | None = None,
) -> Replan:
    """Make the pending reminders and briefings match the plan; keep what was sent.

    With ``events``, only the reminders of those events are re-planned (an organiser
    moved one meeting: the other 299 events' rows are left as they are).
    """
    itinerary = itinerary or load_itinerary(session)
    wanted = _wanted(session, itinerary, events=events, now=now)
    to_skip, to_revive = _sort_existing(session, wanted, events=events, now=now)
    _set_status(session, to_skip, "skipped", "no longer planned: the event or settings changed")
    _set_status(session, to_revive, "pending", None)
    _insert_planned(session, wanted, now=now)
    session.flush()
    return Replan(len(wanted), len(to_skip), len(to_revive))


def _wanted(
    session: Session, itinerary: Itinerary | None, *, events: set[str] | None, now: datetime
) -> dict[WantedKey, Planned]:
    """Return what the planner says each reachable member is owed, by outbox key."""
    if itinerary is None:
        return {}
    people = recipients(session)
    scope = itinerary
    if events is not None:
        scope = replace(itinerary, events=tuple(e for e in itinerary.events if e.key in events))
    plans = plan_reminders(
        scope, [r for _, r in people.values()], now=now, briefings=events is None
    )
    return {(people[plan.member][0], plan.kind, plan.ref): plan for plan in plans}


def _sort_existing(
    session: Session,
    wanted: dict[WantedKey, Planned],
    *,
    events: set[str] | None,
    now: datetime,
) -> tuple[list[int], list[int]]:
    """Return the future rows to skip and to revive; pop the rows that exist from ``wanted``."""
    # Plain columns, not ORM objects: a restart re-plans against every row, so this is hot.
    query = sa_select(
        col(db.Outbox.id),
        col(db.Outbox.member_id),
        col(db.Outbox.kind),
        col(db.Outbox.ref),
        col(db.Outbox.status),
        col(db.Outbox.due_at),
    ).where(col(db.Outbox.kind).in_(PLANNED_KINDS))
    if events is not None:
        query = query.where(
            col(db.Outbox.kind) == "reminder", col(db.Outbox.event_key).in_(events)
        )
    to_skip: list[int] = []
    to_revive: list[int] = []
    for row_id, member_id, kind, ref, status, due_at in session.execute(query):
        still_wanted = wanted.pop((member_id, kind, ref), None) is not None
        if not still_wanted and status == "pending" and due_at >= now:
            to_skip.append(row_id)
        elif still_wanted and status == "skipped" and due_at >= now:
            to_revive.append(row_id)
    return to_skip, to_revive


def _set_status(
    session: Session, ids: list[int], status: OutboxStatus, last_error: str | None
) -> None:
    """Give the rows ``ids`` a new status and last error, in one statement."""
    if ids:
        session.execute(
            update(db.Outbox)
            .where(col(db.Outbox.id).in_(ids))
            .values(status=status, last_error=last_error)
        )


def _insert_planned(session: Session, wanted: dict[WantedKey, Planned], *, now: datetime) -> None:
    """Insert a pending row for each planned message not in the outbox yet."""
    # In slices: 200 members x 300 events is 120,000 rows, too many to build at once.
    pending_rows = iter(wanted.items())
    while chunk := list(itertools.islice(pending_rows, 2_000)):
        session.execute(
            insert(db.Outbox),
            [
                {
                    "member_id": member_id,
                    "kind": kind,
                    "ref": ref,
                    "event_key": plan.event,
                    "due_at": plan.due,
                    "created_at": now,
                    "status": "pending",
                    "attempts": 0,
                    "late": False,
                    "payload": {},
                }
                for (member_id, kind, ref), plan in chunk
            ],
        )


def apply_itinerary(session: Session, new: Itinerary, *, now: datetime) -> Changes:
    """Save ``new``, add the change notices it owes and re-plan; one transaction."""
    old = load_itinerary(session)
    people_before = recipients(session)
    changes = save_itinerary(session, new, now=now)
    notices = plan_notices(old, new, [r for _, r in people_before.values()], now=now)
    # Members the new file drops are gone, and their rows with them: they get no notice.
    remaining = {key: ids for key, (ids, _) in recipients(session).items()}
    add_notices(session, notices, remaining, now=now)
    # Events alone changed: re-plan just those; anything else can touch every row.
    if old is not None and all(
        c.kind in ("event", "organisation", "counterpart") for c in changes.items
    ):
        replan(
            session,
            now=now,
            itinerary=new,
            events={c.key for c in changes.items if c.kind == "event"},
        )
    else:
        replan(session, now=now)
    return changes


def add_notices(
    session: Session, notices: list[Notice], member_ids: dict[str, int], *, now: datetime
) -> int:
    """Queue each notice, unless the member's last notice for that event said the same.

    So the same change queued twice is announced once, while moving an event back and
    forth is announced at every move.
    """
    events = {n.event for n in notices}
    last: dict[tuple[int, str | None], str] = {}
    if events:
        query = (
            select(db.Outbox.member_id, db.Outbox.event_key, db.Outbox.ref)
            .where(db.Outbox.kind == "notice", col(db.Outbox.event_key).in_(events))
            .order_by(col(db.Outbox.id))
        )
        last = {(member, event): ref for member, event, ref in session.exec(query)}
    rows = []
    for notice in notices:
        member_id = member_ids.get(notice.member)
        change = notice_ref(notice)
        previous = last.get((member_id or 0, notice.event))
        if member_id is None or (previous is not None and previous.split("@", 1)[0] == change):
            continue
        last[(member_id, notice.event)] = change
        payload = {
            "change": notice.change,
            "before": event_payload(notice.before),
            "after": event_payload(notice.after) if notice.after else None,
        }
        rows.append(
            {
                "member_id": member_id,
                "kind": "notice",
                "ref": f"{change}@{now.isoformat()}",
                "event_key": notice.event,
                "due_at": now,
                "payload": payload,
                "created_at": now,
                "status": "pending",
                "attempts": 0,
                "late": False,
            }
        )
    if rows:
        session.execute(insert(db.Outbox), rows)
    session.flush()
    return len(rows)


def event_payload(event: Event) -> dict[str, Any]:
    """Return what a notice must remember of an event, as JSON."""
    return {
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "timezone": event.timezone,
        "end_timezone": event.end_timezone,
        "venue": event.venue,
        "address": event.address,
    }


def event_from_payload(key: str, data: dict[str, Any]) -> Event:
    """Rebuild the event a notice remembered."""
    return Event(
        key=key,
        title=data["title"],
        start=datetime.fromisoformat(data["start"]),
        end=datetime.fromisoformat(data["end"]) if data.get("end") else None,
        timezone=data["timezone"],
        end_timezone=data.get("end_timezone"),
        venue=data.get("venue"),
        address=data.get("address"),
    )


def upcoming(session: Session, member_id: int, *, limit: int = 10) -> list[db.Outbox]:
    """Return a member's pending rows, soonest first."""
    query = (
        select(db.Outbox)
        .where(db.Outbox.member_id == member_id, db.Outbox.status == "pending")
        .order_by(col(db.Outbox.due_at), col(db.Outbox.id))
        .limit(limit)
    )
    return list(session.exec(query))


@dataclass(frozen=True)
class RowView:
    """An outbox row with its member's key, for listings."""

    row: db.Outbox
    member: str


def outbox_rows(
    session: Session, *, member: str | None = None, pending_only: bool = True
) -> list[RowView]:
    """Return outbox rows in due order, with member keys; pending ones unless asked."""
    query = select(db.Outbox, db.Member.key).join(
        db.Member, col(db.Member.id) == db.Outbox.member_id
    )
    if member is not None:
        query = query.where(db.Member.key == member)
    if pending_only:
        query = query.where(col(db.Outbox.status).in_(("pending", "sending")))
    query = query.order_by(col(db.Outbox.due_at), col(db.Outbox.id))
    return [RowView(row, key) for row, key in session.exec(query)]


def _local_due(view: RowView, itinerary: Itinerary | None) -> tuple[str, str]:
    """Return the due time where the delegation is then, and that city."""
    due = view.row.due_at
    if itinerary is None:
        return zones.format_wall(due, "UTC"), "UTC"
    stop = where_at(itinerary.stops, itinerary.events, due)
    zone = stop.timezone if stop else itinerary.delegation.home_timezone
    return zones.format_wall(due, zone), city_for_zone(itinerary.stops, zone)


def row_json(view: RowView, itinerary: Itinerary | None) -> dict[str, Any]:
    """Return a row for scripts: member, kind, event, due (UTC and local), status."""
    row = view.row
    local, city = _local_due(view, itinerary)
    return {
        "id": row.id,
        "member": view.member,
        "kind": row.kind,
        "ref": row.ref,
        "event": row.event_key,
        "due_utc": row.due_at.isoformat(),
        "due_local": local,
        "city": city,
        "status": row.status,
        "attempts": row.attempts,
        "late": row.late,
        "last_error": row.last_error,
    }


def row_line(view: RowView, itinerary: Itinerary | None) -> str:
    """Return a row for people, one line."""
    row = view.row
    local, city = _local_due(view, itinerary)
    what = row.event_key or row.ref
    extra = f"  ({row.last_error})" if row.last_error else ""
    return (
        f"{row.due_at:%Y-%m-%d %H:%M} UTC  {local} {city:<12}  "
        f"{view.member:<10} {row.kind:<9} {row.status:<8} {what}{extra}"
    )
