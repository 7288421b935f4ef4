"""Fan-out: one announcement to 1,000 members through the outbox, on a local Bot API that
enforces Telegram's limits (30 messages a second, one a second per chat) with 429s.

Reports the achieved rate as a fraction of 30 a second, and lost and duplicated messages
(both must be zero). Run: ``make bench``.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot.config import Settings
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.itinerary.checker import load_itinerary_file
from bot.offline.localapi import LocalBotApi, LocalRequest
from bot.serve.botapi import make_bot
from bot.services import announcements
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule import zones
from schedule.clock import SimulatedClock, SystemClock
from schedule.itinerary import Delegation, Event, Itinerary, Member, Stop

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = 1_000
TELEGRAM_LIMIT = 30.0
GOAL = 0.9


async def run(url: str) -> dict[str, object]:
    clock = SystemClock()
    engine = make_engine(url)
    sample = load_itinerary_file(ROOT / "examples" / "korea-latam-2021.yaml")
    extra = tuple(
        Member(f"m{n}", f"Member {n}", telegram_id=5_000_000 + n) for n in range(MEMBERS)
    )
    api = LocalBotApi(clock=clock, limit_per_second=TELEGRAM_LIMIT)
    with session_scope(engine) as session:
        save_itinerary(session, replace(sample, members=extra))
        organiser = session.exec(select(db.Member)).first()
        assert organiser is not None
        assert organiser.id is not None
        draft = announcements.create(session, "Lobby call 07:15", by=organiser.id, now=clock.now())
        assert draft.id is not None
        queued = announcements.queue(session, draft.id, now=clock.now())
    for member in extra:
        assert member.telegram_id is not None
        api.user(member.telegram_id, member.name)
    bot = make_bot(Settings(), request=LocalRequest(api), rate_limiter=ChatRateLimiter())
    async with bot:
        dispatcher = Dispatcher(engine, clock, Sender(bot))
        started = time.perf_counter()
        outcome = await dispatcher.run_due()
        elapsed = time.perf_counter() - started
    received = Counter(m.chat_id for m in api.state.sent)
    lost = sum(1 for m in extra if received[m.telegram_id or 0] == 0)
    duplicated = sum(count - 1 for count in received.values() if count > 1)
    rate = outcome.sent / elapsed
    fraction = rate / TELEGRAM_LIMIT
    return {
        "name": f"fan-out of one announcement to {queued} members, 30/s enforced",
        "value": round(fraction, 3),
        "unit": "of 30/s",
        "goal": GOAL,
        "higher_is_better": True,
        "ratio_to_goal": round(fraction / GOAL, 2),
        "pass": fraction >= GOAL and lost == 0 and duplicated == 0,
        "messages_per_second": round(rate, 2),
        "seconds": round(elapsed, 1),
        "lost": lost,
        "duplicated": duplicated,
        "answered_429": api.state.refused_429,
    }


async def reminders(url: str) -> dict[str, object]:
    """A burst: one meeting, 1,000 members, each reminded 15 minutes before, all due at once."""
    start = zones.localize(datetime(2021, 6, 11, 10, 0), "America/Lima")  # noqa: DTZ001
    extra = tuple(
        Member(f"m{n}", f"Member {n}", telegram_id=5_000_000 + n) for n in range(MEMBERS)
    )
    itinerary = Itinerary(
        Delegation("Burst", reminders=(15,), briefing_time=None),
        stops=(Stop("Lima", "Peru", "America/Lima", start.date(), start.date()),),
        members=extra,
        events=(Event("meeting", "Meeting", start, "America/Lima", "meeting"),),
    )
    engine = make_engine(url)
    with session_scope(engine) as session:
        apply_itinerary(session, itinerary, now=start - timedelta(hours=1))
    clock = SimulatedClock(start - timedelta(minutes=15))
    api = LocalBotApi(clock=clock, limit_per_second=TELEGRAM_LIMIT)
    for member in extra:
        api.user(member.telegram_id or 0, member.name)
    bot = make_bot(Settings(), request=LocalRequest(api), rate_limiter=ChatRateLimiter())
    async with bot:
        dispatcher = Dispatcher(engine, clock, Sender(bot))
        started = time.perf_counter()
        outcome = await dispatcher.run_due()
        elapsed = time.perf_counter() - started
    received = Counter(m.chat_id for m in api.state.sent)
    lost = sum(1 for m in extra if received[m.telegram_id or 0] == 0)
    duplicated = sum(count - 1 for count in received.values() if count > 1)
    fraction = outcome.sent / elapsed / TELEGRAM_LIMIT
    return {
        "name": f"fan-out of a burst of reminders to {MEMBERS} members, 30/s enforced",
        "value": round(fraction, 3),
        "unit": "of 30/s",
        "goal": GOAL,
        "higher_is_better": True,
        "ratio_to_goal": round(fraction / GOAL, 2),
        "pass": fraction >= GOAL and lost == 0 and duplicated == 0,
        "lost": lost,
        "duplicated": duplicated,
        "answered_429": api.state.refused_429,
    }


def main() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        return [
            asyncio.run(run(f"sqlite:///{folder}/fanout.db")),
            asyncio.run(reminders(f"sqlite:///{folder}/burst.db")),
        ]


if __name__ == "__main__":
    print(main())
