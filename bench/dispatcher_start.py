"""How long the dispatcher takes to be ready after a restart with 10,000 pending rows.

"Ready" is what ``Alarm.start`` does before the first send: take back crashed claims,
re-plan against the rows, and find the next due time. Run: ``make bench``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot.delivery.dispatcher import Dispatcher
from bot.itinerary.checker import load_itinerary_file
from bot.services.outbox import replan
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Member

ROOT = Path(__file__).resolve().parent.parent
ROWS = 10_000
GOAL_SECONDS = 1.0


def build(url: str, now: datetime) -> None:
    """A database with the sample, 200 members and 10,000 pending rows (some left sending)."""
    engine = make_engine(url)
    itinerary = load_itinerary_file(ROOT / "examples" / "korea-latam-2021.yaml")
    members = tuple(Member(key=f"m{i}", name=f"Member {i}") for i in range(200))
    with session_scope(engine) as session:
        save_itinerary(session, replace(itinerary, members=itinerary.members + members))
        replan(session, now=now)
        count = len(session.exec(select(db.Outbox.id)).all())
        ids = list(session.exec(select(db.Member.id)))
        extra = ROWS - count
        for n in range(max(0, extra)):
            session.add(
                db.Outbox(
                    member_id=ids[n % len(ids)],
                    kind="notice",
                    ref=f"bench-{n}",
                    due_at=now + timedelta(minutes=n),
                    created_at=now,
                    status="sending" if n % 100 == 0 else "pending",
                )
            )
    engine.dispose()


def measure(url: str, now: datetime) -> float:
    """Seconds from a fresh engine to knowing the next due row."""
    started = time.perf_counter()
    engine = make_engine(url)
    dispatcher = Dispatcher(engine, SimulatedClock(now), sender=None)  # type: ignore[arg-type]
    dispatcher.recover()
    with session_scope(engine) as session:
        replan(session, now=now)
    dispatcher.next_due()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def main() -> dict[str, object]:
    now = datetime(2021, 6, 4, 0, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        runs = []
        for attempt in range(3):
            url = f"sqlite:///{folder}/bench-{attempt}.db"
            build(url, now)
            runs.append(measure(url, now))
    median = statistics.median(runs)
    return {
        "name": "dispatcher ready after restart, 10,000 pending rows (median of 3)",
        "value": round(median, 3),
        "unit": "s",
        "runs": [round(r, 3) for r in runs],
        "goal": GOAL_SECONDS,
        "ratio_to_goal": round(median / GOAL_SECONDS, 2),
        "pass": median < GOAL_SECONDS,
    }


if __name__ == "__main__":
    outcome = main()
    print(json.dumps(outcome, indent=2))
    sys.exit(0)
