"""The clock: the one source of ``now`` in Comitiva.

Everything that needs the time is handed a ``Clock``. The system clock reads the real
time; a simulated clock is set and advanced by hand (tests, the offline chat); a
rehearsal clock starts at a chosen instant and then runs in real time.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from schedule import zones


class Clock(Protocol):
    """Something that tells the current instant."""

    def now(self) -> datetime:
        """Return the current instant, aware, in UTC."""
        ...


def _require_aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("the clock needs an aware instant")
    return instant.astimezone(UTC)


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Return the real current instant."""
        return datetime.now(UTC)


class SimulatedClock:
    """A clock that stands still until it is set or advanced."""

    def __init__(self, start: datetime) -> None:
        self._now = _require_aware(start)

    def now(self) -> datetime:
        """Return the simulated instant."""
        return self._now

    def set(self, instant: datetime) -> None:
        """Jump to ``instant``."""
        self._now = _require_aware(instant)

    def advance(self, delta: timedelta) -> None:
        """Move forward (or, with a negative delta, back) by ``delta``."""
        self._now += delta


class RehearsalClock:
    """A clock that starts at a chosen instant and then runs in real time."""

    def __init__(self, start: datetime) -> None:
        self._start = _require_aware(start)
        self._started = time.monotonic()

    def now(self) -> datetime:
        """Return the start instant plus the real time elapsed since."""
        return self._start + timedelta(seconds=time.monotonic() - self._started)


def today(clock: Clock, zone_name: str) -> date:
    """Return the calendar date of the clock's instant in ``zone_name``."""
    return zones.local_date(clock.now(), zone_name)
