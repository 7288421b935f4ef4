"""The local Bot API injects 429s, 500s, time-outs and dropped connections at random:
everything is delivered, once, when the faults stop."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from telegram.error import TimedOut

from bot.config import Settings
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.offline.localapi import JSON, ApiError, LocalBotApi, LocalRequest
from bot.serve.botapi import make_bot
from bot.services.outbox import apply_itinerary
from bot.storage.db import make_engine, session_scope
from schedule.clock import SimulatedClock
from tests.process.test_faults import FIRST_ID, MEMBERS, burst_itinerary


async def test_random_faults_then_calm_deliver_every_reminder_once() -> None:
    clock = SimulatedClock(datetime(2021, 6, 11, 14, 30, tzinfo=UTC))
    engine = make_engine("sqlite://")
    with session_scope(engine) as session:
        apply_itinerary(session, burst_itinerary(), now=clock.now())
    api = LocalBotApi(clock=clock)
    for n in range(MEMBERS):
        api.user(FIRST_ID + n, f"Member {n}")
    chance = random.Random(7)
    faulty = True

    async def faults(method: str, _params: JSON) -> None:
        if not faulty or not method.startswith("send") or chance.random() > 0.3:
            return
        kind = chance.choice(["429", "500", "timeout", "dropped"])
        if kind == "429":
            raise ApiError(429, "Too Many Requests: retry after 2", retry_after=2)
        if kind == "500":
            raise ApiError(500, "Internal Server Error")
        if kind == "timeout":
            raise TimedOut("timed out")
        raise ConnectionResetError("connection dropped")

    async def no_wait(_seconds: float) -> None:
        clock.advance(timedelta(seconds=_seconds))

    api.interceptor = faults
    limiter = ChatRateLimiter(overall_rate=0, private_rate=0, group_per_minute=0, sleep=no_wait)
    bot = make_bot(Settings(), request=LocalRequest(api), rate_limiter=limiter)
    async with bot:
        sender = Sender(bot, attempts=2, sleep=no_wait)
        dispatcher = Dispatcher(engine, clock, sender)
        clock.set(datetime(2021, 6, 11, 14, 45, tzinfo=UTC))
        await dispatcher.run_due()
        faulty = False
        for _ in range(6):  # failed rows come back after their retry delay, before 10:00
            clock.advance(timedelta(minutes=2))
            await dispatcher.run_due()
    counts = Counter(m.chat_id for m in api.state.sent)
    assert len(counts) == MEMBERS
    assert set(counts.values()) == {1}
