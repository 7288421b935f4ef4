"""Announcements as organisers work them: draft, pick the audience, send, follow up.

Each function is one unit of work on its own session, closed before the caller awaits
Telegram; the caller wakes the alarm after it returns, when the rows are committed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.services import announcements as ann
from bot.services import members
from bot.services.announce_options import parse_options
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.kinds import UnreachableReason
from bot.storage.store import load_itinerary
from bot.text.i18n import t
from schedule import agenda
from schedule.itinerary import Itinerary, Stop

# How far back a member who could not be reached still gets the announcements they missed.
# Not ``Announcement.finished``: that marks the organiser's delivery report as final, which
# happens at the first dispatch, before anyone who missed it could press Start.
CATCH_UP = timedelta(hours=12)


@dataclass(frozen=True)
class When:
    """An instant and the zone the delegation is in then (None: no itinerary, say UTC)."""

    instant: datetime
    zone: str | None
    stops: tuple[Stop, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A draft as its preview shows it, with the groups offered as audiences."""

    id: int
    text: str
    audience: str
    reachable: int
    unreachable: int
    send_at: When | None
    nudge_minutes: int | None
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Drafting:
    """The new draft, or why there is none (no text; a sending time that cannot be read)."""

    draft: Draft | None = None
    usage: bool = False
    bad_time: bool = False
    unknown_audience: str = ""  # a group or event that is none
    nearest: tuple[str, ...] = ()  # the group names (or event keys) closest to it


@dataclass(frozen=True)
class Sending:
    """A confirmed announcement: how many it goes to, and whether it waits for its time."""

    count: int
    scheduled: bool
    report_text: str = ""


@dataclass(frozen=True)
class AcksReport:
    """Who acknowledged an announcement, who has not, who cannot be reached."""

    id: int
    text: str
    acked: tuple[str, ...]
    silent: tuple[str, ...]
    unreachable: tuple[str, ...]


@dataclass(frozen=True)
class Waiting:
    """A scheduled announcement."""

    id: int
    send_at: When
    text: str


def draft(*, engine: Engine, words: list[str], by: int, now: datetime) -> Drafting:
    """Read the options in front of the text and store a draft announcement."""
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
        options, text = parse_options(words, itinerary=itinerary, now=now)
        if not text:
            return Drafting(usage=True)
        if options.bad_time:
            return Drafting(bad_time=True)
        if (refused := _unknown_audience(session, options.audience, itinerary)) is not None:
            return refused
        author = session.get(db.Member, by)
        signed = f"{text}\n\n— {author.name}" if author is not None else text
        row = ann.create(
            session, signed, by=by, now=now, audience=options.audience, send_at=options.at,
            nudge_minutes=options.nudge,
        )  # fmt: skip
        return Drafting(_draft(session, row, itinerary))


def _unknown_audience(
    session: Session, audience: str, itinerary: Itinerary | None
) -> Drafting | None:
    """Refuse a group or event nobody is in, naming the nearest ones (``to:partnerz``)."""
    kind, _, value = audience.partition(":")
    if kind == "group":
        known = _groups(session)
    elif kind == "event":
        known = tuple(e.key for e in itinerary.events) if itinerary else ()
    else:
        return None
    if value in known:
        return None
    nearest = difflib.get_close_matches(value, known, n=3, cutoff=0.3) or list(known[:3])
    return Drafting(unknown_audience=audience, nearest=tuple(nearest))


def choose_audience(*, engine: Engine, announcement_id: int, audience: str) -> Draft | None:
    """Give a draft a new audience (``#N`` is the N-th group); None if it is no draft."""
    with session_scope(engine) as session:
        row = session.get(db.Announcement, announcement_id)
        if row is None or row.status != "draft":
            return None
        if audience.startswith("#"):
            groups = _groups(session)
            index = int(audience[1:]) if audience[1:].isdigit() else len(groups)
            if index >= len(groups):
                return None
            audience = f"group:{groups[index]}"
        row.audience = audience
        session.add(row)
        return _draft(session, row, load_itinerary(session))


def send(
    *,
    engine: Engine,
    announcement_id: int,
    now: datetime,
    lang: str,
    report_to: tuple[int, int] | None,
) -> Sending | None:
    """Queue a draft for its recipients; a message sent now reports progress in ``report_to``."""
    with session_scope(engine) as session:
        row = session.get(db.Announcement, announcement_id)
        if row is None or row.status != "draft":
            return None
        count = ann.queue(session, announcement_id, now=now)
        if row.status == "scheduled":
            return Sending(count, scheduled=True)
        # The alarm edits this message as delivery goes on, comparing with the text stored.
        text = t(lang, "announce_progress", delivered=0, total=count, unreachable=0)
        row.report_chat_id, row.report_message_id = report_to or (None, None)
        row.report_text = text
        session.add(row)
    return Sending(count, scheduled=False, report_text=text)


def cancel(*, engine: Engine, announcement_id: int) -> bool:
    """Cancel a draft or scheduled announcement; False if there is none to cancel."""
    with session_scope(engine) as session:
        return ann.cancel(session, announcement_id)


def resend(*, engine: Engine, announcement_id: int, now: datetime) -> int | None:
    """Send again to those who have not acknowledged; how many (None: no such announcement)."""
    with session_scope(engine) as session:
        if session.get(db.Announcement, announcement_id) is None:
            return None
        return ann.resend_to_silent(session, announcement_id, now=now)


def acknowledge(*, engine: Engine, announcement_id: int, member_id: int, now: datetime) -> bool:
    """Record a member's "Got it"; False if the announcement was not sent to them."""
    with session_scope(engine) as session:
        return ann.acknowledge(session, announcement_id, member_id, now=now)


def acks(*, engine: Engine, announcement_id: int | None) -> AcksReport | None:
    """Return who acknowledged the given announcement (else the last one sent)."""
    with session_scope(engine) as session:
        row = (
            session.get(db.Announcement, announcement_id)
            if announcement_id is not None
            else ann.latest(session)
        )
        if row is None or row.id is None:
            return None
        acked_ids = ann.acknowledged_ids(session, row.id)
        recipients = ann.audience_members(session, row.audience)
        return AcksReport(
            row.id,
            row.text,
            tuple(m.name for m in recipients.reachable if m.id in acked_ids),
            tuple(m.name for m in recipients.reachable if m.id not in acked_ids),
            tuple(m.name for m in recipients.unreachable),
        )


def waiting(*, engine: Engine) -> tuple[Waiting, ...]:
    """Return the announcements waiting for their time, soonest first."""
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
        return tuple(
            Waiting(row.id or 0, _when(row.send_at, itinerary), row.text)
            for row in ann.scheduled(session)
            if row.send_at is not None
        )


def mark_reachable(
    *,
    engine: Engine,
    telegram_id: int,
    reachable: bool,
    now: datetime,
    reason: UnreachableReason,
) -> bool:
    """Record that a Telegram user blocked or unblocked the bot; tell whether it changed.

    Becoming reachable re-plans their reminders and queues the open announcements they
    missed; the caller wakes the alarm after this returns.
    """
    with session_scope(engine) as session:
        changed = members.set_reachable(session, telegram_id, reachable, now=now, reason=reason)
        if changed and reachable:
            _queue_missed(session, telegram_id, now=now)
    return changed


def catch_up(*, engine: Engine, telegram_id: int, now: datetime) -> int:
    """Queue again the open announcements a reachable member missed; return how many."""
    with session_scope(engine) as session:
        return _queue_missed(session, telegram_id, now=now)


def _queue_missed(session: Session, telegram_id: int, *, now: datetime) -> int:
    member = session.exec(select(db.Member).where(db.Member.telegram_id == telegram_id)).first()
    if member is None or member.id is None or member.unreachable:
        return 0
    queued = 0
    for row in session.exec(select(db.Announcement).where(db.Announcement.status == "sent")):
        if (row.send_at or row.created_at) < now - CATCH_UP or row.id is None:
            continue  # old news, or told in person by now
        if member not in ann.audience_members(session, row.audience).reachable:
            continue
        if (first := _missed_first(session, member.id, row.id, now=now)) is not None:
            session.add(first)
            queued += 1
    return queued


def _missed_first(
    session: Session, member_id: int, announcement_id: int, *, now: datetime
) -> db.Outbox | None:
    """Return the member's first message of an announcement, due now, if they never got it."""
    ref = f"{ann.KIND}:{announcement_id}:first"
    query = select(db.Outbox).where(
        db.Outbox.member_id == member_id, db.Outbox.kind == ann.KIND, db.Outbox.ref == ref
    )
    first = session.exec(query).first()
    if first is None:  # left out while unreachable
        payload = {"announcement": announcement_id, "part": "first"}
        return db.Outbox(
            member_id=member_id,
            kind=ann.KIND,
            ref=ref,
            due_at=now,
            created_at=now,
            payload=payload,
        )
    if first.status not in ("failed", "skipped"):  # sent, or on its way
        return None
    # Tried while they could not be reached: the same row goes out again, so it counts once.
    first.status, first.due_at, first.last_error, first.retry_at = "pending", now, None, None
    return first


def _draft(session: Session, row: db.Announcement, itinerary: Itinerary | None) -> Draft:
    recipients = ann.audience_members(session, row.audience)
    return Draft(
        id=row.id or 0,
        text=row.text,
        audience=row.audience,
        reachable=len(recipients.reachable),
        unreachable=len(recipients.unreachable),
        send_at=_when(row.send_at, itinerary) if row.send_at is not None else None,
        nudge_minutes=row.nudge_minutes,
        groups=_groups(session),
    )


def _groups(session: Session) -> tuple[str, ...]:
    return tuple(sorted(set(session.exec(select(db.MemberGroup.group)))))


def _when(instant: datetime, itinerary: Itinerary | None) -> When:
    if itinerary is None:
        return When(instant, None)
    return When(instant, agenda.zone_at(itinerary, instant), itinerary.stops)
