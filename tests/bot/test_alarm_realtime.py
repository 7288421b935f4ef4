"""The real APScheduler on real time wakes the dispatcher and one reminder arrives, once.

The only test in the suite that waits for the wall clock: it is what proves the JobQueue
wiring, so it polls the local Bot API (bounded) instead of driving a simulated clock.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import Engine

from bot.app import build_application
from bot.config import Settings
from bot.offline.localapi import LocalBotApi, LocalRequest, SentMessage
from bot.runtime import state
from bot.services.outbox import apply_itinerary
from bot.storage.db import session_scope
from schedule.clock import SystemClock
from schedule.itinerary import Delegation, Event, Itinerary, Member, Stop

KIM = 1001
TEGUCIGALPA = "America/Tegucigalpa"
LEAD = 60  # minutes
POLL = 0.1  # seconds
DEADLINE = 20.0  # seconds to wait for the reminder at most
SETTLE = 2.0  # seconds to keep watching for a second one


async def reminders_within(api: LocalBotApi, seconds: float) -> list[SentMessage]:
    """Poll the local Bot API until a reminder arrives or ``seconds`` pass; return them all."""
    for _ in range(round(seconds / POLL)):
        if found := api.sent_to(KIM):
            return found
        await asyncio.sleep(POLL)
    return api.sent_to(KIM)


async def test_the_real_scheduler_sends_one_reminder_when_it_falls_due(engine: Engine) -> None:
    clock = SystemClock()
    now = clock.now()
    start = now + timedelta(minutes=LEAD, seconds=3)
    today = now.date()
    itinerary = Itinerary(
        delegation=Delegation("Real time", reminders=(LEAD,), briefing_time=None),
        stops=(
            Stop(
                "Tegucigalpa", "Honduras", TEGUCIGALPA, today - timedelta(1), today + timedelta(1)
            ),
        ),
        members=(Member("kim", "Kim Min-seo", telegram_id=KIM),),
        events=(Event("soon", "Meeting soon", start, TEGUCIGALPA, kind="meeting"),),
    )
    with session_scope(engine) as session:
        apply_itinerary(session, itinerary, now=now)
    api = LocalBotApi(clock=clock)
    api.user(KIM, "Min-seo")
    app = build_application(
        Settings(), clock, LocalRequest(api), engine=engine, rate_limit=False, per_chat_rate=0
    )
    await app.initialize()
    await app.start()  # starts the JobQueue: APScheduler on real time
    try:
        await state(app).alarm.start()

        arrived = await reminders_within(api, DEADLINE)
        assert len(arrived) == 1, "no reminder within the deadline"
        await asyncio.sleep(SETTLE)  # watch for a duplicate from the safety tick or a re-arm
    finally:
        await app.stop()
        await app.shutdown()

    [sent] = api.sent_to(KIM)
    assert sent.text.splitlines()[0] == "⏰ Meeting soon"
    assert "starts in 1 h" in sent.text
