"""What calendars need to know of an event's past: SEQUENCE, when it changed, and if cancelled.

Kept apart from the itinerary the other views read: a cancelled event leaves ``event``
as it always did and waits in ``cancelled_event`` only to be exported as cancelled.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.itinerary.ics import History, Stamp
from bot.storage import models as db
from schedule import itinerary as it

# The fields whose change a member would notice: a calendar must take the new copy.
NOTICED = (
    "title", "start_utc", "end_utc", "timezone", "end_timezone", "venue", "address",
    "latitude", "longitude",
)  # fmt: skip


def snapshot(row: db.Event) -> tuple[Any, ...]:
    """Return what a member would notice of an event row, to compare after writing it."""
    return tuple(getattr(row, name) for name in NOTICED)


def stamp_event(
    session: Session, row: db.Event, before: tuple[Any, ...] | None, now: datetime | None
) -> None:
    """Raise SEQUENCE on a noticed change and date the write; ``before`` None: a new row.

    An event added back under the key of a cancelled one takes up its UID's history, so
    its SEQUENCE stays above the cancellation's and calendars show it again.
    """
    if before is None:
        query = select(db.CancelledEvent).where(db.CancelledEvent.key == row.key)
        if (cancelled := session.exec(query).first()) is not None:
            row.sequence = cancelled.sequence + 1
            row.created_at = cancelled.created_at or now
            session.delete(cancelled)
        else:
            row.created_at = now
    elif before != snapshot(row):
        row.sequence += 1
    if now is not None:
        row.modified_at = now
    session.add(row)


def cancel_missing_events(session: Session, keep: set[str], now: datetime | None) -> None:
    """Delete the events not in ``keep``, keeping each as a cancelled one for calendars."""
    for row in session.exec(select(db.Event)):
        if row.key in keep:
            continue
        refs = session.exec(
            select(db.EventAttendee.ref)
            .where(db.EventAttendee.event_id == row.id)
            .order_by(col(db.EventAttendee.position))
        ).all()
        old = session.exec(select(db.CancelledEvent).where(db.CancelledEvent.key == row.key))
        for stale in old:
            session.delete(stale)
        session.flush()
        session.add(
            db.CancelledEvent(
                key=row.key, title=row.title, kind=row.kind, start_utc=row.start_utc,
                end_utc=row.end_utc, timezone=row.timezone, end_timezone=row.end_timezone,
                venue=row.venue, address=row.address, attendees=list(refs),
                sequence=row.sequence + 1, created_at=row.created_at,
                cancelled_at=now or row.modified_at,
            )
        )  # fmt: skip
        session.delete(row)
    session.flush()


def load_history(session: Session) -> History:
    """Return the delegation's calendar id, every event's stamp and the cancelled events."""
    delegation = session.exec(select(db.Delegation)).first()
    stamps = {
        row.key: Stamp(row.sequence, row.created_at, row.modified_at)
        for row in session.exec(select(db.Event))
    }
    cancelled = load_cancelled(session)
    return History(delegation.calendar_id if delegation else None, stamps, cancelled)


def load_cancelled(session: Session) -> tuple[tuple[it.Event, Stamp], ...]:
    """Return the cancelled events in order of start, each with its calendar stamp."""
    return tuple(
        (
            it.Event(
                key=row.key, title=row.title, start=row.start_utc, timezone=row.timezone,
                kind=row.kind, end=row.end_utc, end_timezone=row.end_timezone,
                venue=row.venue, address=row.address, attendees=tuple(row.attendees),
            ),
            Stamp(row.sequence, row.created_at, row.cancelled_at),
        )
        for row in session.exec(
            select(db.CancelledEvent).order_by(col(db.CancelledEvent.start_utc))
        )
    )  # fmt: skip
