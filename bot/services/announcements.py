"""Announcements: organisers reach members through the outbox and see who acknowledged.

An announcement is a row; sending it queues one outbox row per recipient (sent by the
dispatcher like every other message, within Telegram's limits), each with a "Got it"
button. Nudges are outbox rows too, skipped for those who acknowledged by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.storage import models as db
from bot.storage.kinds import OutboxKind
from bot.storage.store import load_itinerary
from schedule.agenda import attends

KIND: OutboxKind = "announcement"


@dataclass(frozen=True)
class Recipients:
    """Who an audience reaches: members with a Telegram chat, and those who cannot be reached."""

    reachable: list[db.Member]
    unreachable: list[db.Member]


def audience_members(session: Session, audience: str) -> Recipients:
    """Return the members an audience (``all``, ``group:NAME``, ``event:KEY``) stands for."""
    groups: dict[int, set[str]] = {}
    for link in session.exec(select(db.MemberGroup)):
        groups.setdefault(link.member_id, set()).add(link.group)
    members = list(session.exec(select(db.Member).order_by(col(db.Member.id))))
    kind, _, value = audience.partition(":")
    if kind == "group":
        members = [m for m in members if value in groups.get(m.id or 0, set())]
    elif kind == "event":
        itinerary = load_itinerary(session)
        event = next((e for e in itinerary.events if e.key == value), None) if itinerary else None
        members = [] if event is None else [
            m for m in members if attends(event, m.key, tuple(groups.get(m.id or 0, ())))
        ]  # fmt: skip
    reachable = [m for m in members if m.telegram_id is not None and not m.unreachable]
    return Recipients(reachable, [m for m in members if m not in reachable])


def create(
    session: Session,
    text: str,
    *,
    by: int,
    now: datetime,
    audience: str = "all",
    send_at: datetime | None = None,
    nudge_minutes: int | None = None,
) -> db.Announcement:
    """Store a draft announcement."""
    announcement = db.Announcement(text=text, audience=audience, created_by=by, created_at=now,
                                   send_at=send_at, nudge_minutes=nudge_minutes)  # fmt: skip
    session.add(announcement)
    session.flush()
    return announcement


def queue(session: Session, announcement_id: int, *, now: datetime) -> int:
    """Confirm a draft: queue one row per recipient at its time; return how many."""
    announcement = session.get(db.Announcement, announcement_id)
    if announcement is None or announcement.status not in ("draft",):
        return 0
    due = announcement.send_at or now
    announcement.status = "scheduled" if announcement.send_at and due > now else "sent"
    session.add(announcement)
    members = audience_members(session, announcement.audience).reachable
    for member in members:
        assert member.id is not None
        _row(session, member.id, announcement_id, "first", due, now)
        if announcement.nudge_minutes:
            nudge_at = due + timedelta(minutes=announcement.nudge_minutes)
            _row(session, member.id, announcement_id, "nudge", nudge_at, now)
    session.flush()
    return len(members)


def _row(session: Session, member_id: int, announcement_id: int, part: str, due: datetime,
         now: datetime) -> None:  # fmt: skip
    ref = f"{KIND}:{announcement_id}:{part}"
    session.add(db.Outbox(member_id=member_id, kind=KIND, ref=ref, due_at=due, created_at=now,
                          payload={"announcement": announcement_id, "part": part}))  # fmt: skip


def resend_to_silent(session: Session, announcement_id: int, *, now: datetime) -> int:
    """Send the announcement again to recipients who have not acknowledged; return how many."""
    announcement = session.get(db.Announcement, announcement_id)
    if announcement is None or announcement.status != "sent":
        return 0
    announcement.resends += 1
    session.add(announcement)
    acked = acknowledged_ids(session, announcement_id)
    silent = [m for m in audience_members(session, announcement.audience).reachable
              if m.id not in acked]  # fmt: skip
    for member in silent:
        assert member.id is not None
        _row(session, member.id, announcement_id, f"again-{announcement.resends}", now, now)
    session.flush()
    return len(silent)


def cancel(session: Session, announcement_id: int) -> bool:
    """Cancel a draft or scheduled announcement and its rows not yet sent."""
    announcement = session.get(db.Announcement, announcement_id)
    if announcement is None or announcement.status not in ("draft", "scheduled"):
        return False
    announcement.status = "cancelled"
    session.add(announcement)
    session.execute(
        update(db.Outbox)
        .where(col(db.Outbox.kind) == KIND, col(db.Outbox.status) == "pending",
               col(db.Outbox.ref).startswith(f"{KIND}:{announcement_id}:"))
        .values(status="skipped", last_error="the announcement was cancelled")
    )  # fmt: skip
    return True


def acknowledge(session: Session, announcement_id: int, member_id: int, *, now: datetime) -> bool:
    """Record that a member got the announcement; False if it was not sent to them."""
    sent_to = session.exec(
        select(db.Outbox.id).where(
            db.Outbox.member_id == member_id, db.Outbox.kind == KIND,
            col(db.Outbox.ref).startswith(f"{KIND}:{announcement_id}:"),
        )
    ).first()  # fmt: skip
    if sent_to is None:
        return False
    if session.get(db.Acknowledgement, (announcement_id, member_id)) is None:
        session.add(
            db.Acknowledgement(announcement_id=announcement_id, member_id=member_id, at=now)
        )
    return True


def acknowledged_ids(session: Session, announcement_id: int) -> set[int]:
    """Return the ids of members who acknowledged."""
    query = select(db.Acknowledgement.member_id).where(
        db.Acknowledgement.announcement_id == announcement_id
    )
    return set(session.exec(query))


@dataclass(frozen=True)
class Progress:
    """Where delivery of an announcement stands."""

    total: int
    delivered: int
    unreachable: int
    failed: int
    pending: int
    acknowledged: int

    @property
    def finished(self) -> bool:
        """Tell whether every first message has been dealt with."""
        return self.pending == 0


def progress(session: Session, announcement_id: int) -> Progress:
    """Count the first messages of an announcement by outcome, and the acknowledgements."""
    rows = list(session.exec(select(db.Outbox).where(
        db.Outbox.kind == KIND, db.Outbox.ref == f"{KIND}:{announcement_id}:first"
    )))  # fmt: skip
    # The ref is per member; every member has their own row with the same ref text.
    delivered = sum(r.status == "sent" for r in rows)
    unreachable = sum(
        r.status in ("failed", "skipped") and _is_unreachable(session, r) for r in rows
    )
    failed = sum(r.status in ("failed", "skipped") for r in rows) - unreachable
    pending = sum(r.status in ("pending", "sending") for r in rows)
    acked = len(acknowledged_ids(session, announcement_id))
    return Progress(len(rows), delivered, unreachable, failed, pending, acked)


def missed(session: Session, announcement_id: int) -> list[tuple[str, str]]:
    """Return who did not get the announcement and why: blocked, not_started, not_joined, error."""
    announcement = session.get(db.Announcement, announcement_id)
    if announcement is None:
        return []
    rows = {
        r.member_id: r
        for r in session.exec(select(db.Outbox).where(
            db.Outbox.kind == KIND, db.Outbox.ref == f"{KIND}:{announcement_id}:first"
        ))
    }  # fmt: skip
    recipients = audience_members(session, announcement.audience)
    found = []
    for member in [*recipients.reachable, *recipients.unreachable]:
        row = rows.get(member.id or 0)
        if row is not None and row.status in ("sent", "pending", "sending"):
            continue
        if member.telegram_id is None:
            found.append((member.name, "not_joined"))
        elif member.unreachable:
            found.append((member.name, member.unreachable_reason or "blocked"))
        elif row is not None:
            found.append((member.name, "error"))
    return found


def _is_unreachable(session: Session, row: db.Outbox) -> bool:
    member = session.get(db.Member, row.member_id)
    return member is not None and member.unreachable


def latest(session: Session) -> db.Announcement | None:
    """Return the most recent announcement that was sent."""
    query = select(db.Announcement).where(db.Announcement.status == "sent")
    return session.exec(query.order_by(col(db.Announcement.id).desc())).first()


def scheduled(session: Session) -> list[db.Announcement]:
    """Return the announcements waiting for their time, soonest first."""
    query = select(db.Announcement).where(db.Announcement.status == "scheduled")
    return list(session.exec(query.order_by(col(db.Announcement.send_at))))


def mark_due_as_sent(session: Session, *, now: datetime) -> None:
    """A scheduled announcement whose time has come counts as sent."""
    session.execute(
        update(db.Announcement)
        .where(col(db.Announcement.status) == "scheduled", col(db.Announcement.send_at) <= now)
        .values(status="sent")
    )
