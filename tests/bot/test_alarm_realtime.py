"""The real APScheduler on real time wakes the dispatcher and one reminder arrives, once.

The only test in the suite that waits for the wall clock: it is what proves the JobQueue
wiring, so it polls the local Bot API (bounded) instead of driving a simulated clock.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import Engine

from bot.offline.localapi import LocalBotApi, SentMessage
from bot.services.outbox import apply_itinerary
from bot.storage.db import session_scope
from schedule.clock import SystemClock
from schedule.itinerary import Member
from tests.botkit import make_application, running
from tests.factories import make_event, make_itinerary, make_stop

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
    itinerary = make_itinerary(
        name="Real time",
        reminders=(LEAD,),
        briefing_time=None,
        stops=(make_stop(arrive=today - timedelta(1), depart=today + timedelta(1)),),
        members=(Member("kim", "Kim Min-seo", telegram_id=KIM),),
        events=(make_event(key="soon", title="Meeting soon", start=start, kind="meeting"),),
    )
    with session_scope(engine) as session:
        apply_itinerary(session, itinerary, now=now)
    api = LocalBotApi(clock=clock)
    api.user(KIM, "Min-seo")
    async with running(make_application(engine, clock, api)):  # APScheduler on real time
        arrived = await reminders_within(api, DEADLINE)
        assert len(arrived) == 1, "no reminder within the deadline"
        await asyncio.sleep(SETTLE)  # watch for a duplicate from the safety tick or a re-arm

    [sent] = api.sent_to(KIM)
    assert sent.text.splitlines()[0] == "⏰ Meeting soon"
    assert "starts in 1 h" in sent.text
