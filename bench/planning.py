"""Re-planning after one event moves, on 200 members and 300 events."""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from scaled import scaled

from bot.services.outbox import apply_itinerary
from bot.storage.db import make_engine, session_scope

GOAL_MS = 200.0


def main() -> dict[str, object]:
    itinerary = scaled()
    now = datetime(2021, 6, 4, 0, 0, tzinfo=UTC)
    engine = make_engine("sqlite://")
    with session_scope(engine) as session:
        apply_itinerary(session, itinerary, now=now)
    timings = []
    for round_ in range(5):
        event = itinerary.events[100]
        moved = replace(
            event,
            start=event.start + timedelta(minutes=30 * (round_ + 1)),
            end=(event.end or event.start) + timedelta(minutes=30 * (round_ + 1)),
        )
        changed = replace(
            itinerary, events=tuple(moved if e.key == event.key else e for e in itinerary.events)
        )
        started = time.perf_counter()
        with session_scope(engine) as session:
            apply_itinerary(session, changed, now=now)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    return {
        "name": "re-plan after one event moves (200 members x 300 events), median of 5",
        "value": round(median, 1),
        "unit": "ms",
        "goal": GOAL_MS,
        "ratio_to_goal": round(median / GOAL_MS, 2),
        "pass": median < GOAL_MS,
    }


if __name__ == "__main__":
    print(main())
