"""The events taken off a day's programme, as its day views still show them, struck through.

They are read from ``cancelled_event``, the rows kept for the calendar export: no other copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine

from bot.storage.db import session_scope
from bot.storage.history import load_cancelled
from schedule.agenda import attends, event_day
from schedule.itinerary import Event


def cancelled_on(
    engine: Engine, *, day: date, key: str, groups: Iterable[str], organiser: bool
) -> tuple[Event, ...]:
    """Return the events cancelled on local ``day`` that this person would have seen.

    Organisers see every one; a member only those they attended.
    """
    kept = tuple(groups)
    # Only the cancelled rows: a day view is a hot path, and the live events' stamps are the
    # calendar's business.
    with session_scope(engine) as session:
        cancelled = load_cancelled(session)
    return tuple(
        event
        for event, _ in cancelled
        if event_day(event) == day and (organiser or attends(event, key, kept))
    )
