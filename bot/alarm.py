"""APScheduler (through PTB's JobQueue) as the alarm clock of the outbox.

One job wakes the dispatcher at the earliest pending due time and is re-armed whenever
rows change; another wakes it on a safety interval. Everything is re-read from the rows
after a restart: nothing lives only in the scheduler.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from telegram.ext import Application, ContextTypes

from bot.db import session_scope
from bot.dispatcher import Dispatcher, Outcome
from bot.outbox import replan
from schedule.clock import Clock

logger = logging.getLogger(__name__)
WAKE_JOB = "outbox-wake"
SAFETY_JOB = "outbox-safety"
SAFETY_INTERVAL = 60.0  # seconds


@dataclass
class Alarm:
    """Wakes the dispatcher when the next row falls due."""

    app: Application  # type: ignore[type-arg]
    engine: Engine
    clock: Clock
    dispatcher: Dispatcher
    armed_for: Any = field(default=None, init=False)

    async def start(self) -> None:
        """After a (re)start: take back crashed claims, re-plan, arm, and keep a safety tick."""
        recovered = self.dispatcher.recover()
        if recovered:
            logger.warning(
                "%d outbox rows were left sending by a crash; they go out again", recovered
            )
        self.replan()
        if (queue := self.app.job_queue) is not None:
            queue.run_repeating(self._wake, interval=SAFETY_INTERVAL, first=SAFETY_INTERVAL,
                                name=SAFETY_JOB)  # fmt: skip
        self.arm()

    def replan(self) -> None:
        """Make the rows match the itinerary and the members' settings, then re-arm."""
        with session_scope(self.engine) as session:
            result = replan(session, now=self.clock.now())
        logger.info("Re-planned the outbox: %s", result)
        self.arm()

    def arm(self) -> None:
        """Set the wake-up job at the earliest pending due time (now, if it is past)."""
        queue = self.app.job_queue
        if queue is None:
            return
        for job in queue.get_jobs_by_name(WAKE_JOB):
            job.schedule_removal()
        due = self.dispatcher.next_due()
        self.armed_for = due
        if due is None:
            return
        delay = max(0.0, (due - self.clock.now()).total_seconds())
        queue.run_once(self._wake, when=delay, name=WAKE_JOB)

    async def dispatch(self) -> Outcome:
        """Send what is due and re-arm for the next row."""
        outcome = await self.dispatcher.run_due()
        if outcome != Outcome():
            logger.info("Dispatched: %s", outcome)
        self.arm()
        return outcome

    async def _wake(self, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.dispatch()
