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
from sqlmodel import col, select
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.delivery.dispatcher import Dispatcher, Outcome
from bot.services import announcements
from bot.services.outbox import replan
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.announce_report import missed_text
from bot.text.i18n import pick_language, t
from schedule.clock import Clock

logger = logging.getLogger(__name__)
WAKE_JOB = "outbox-wake"
SAFETY_JOB = "outbox-safety"
SAFETY_INTERVAL = 60.0  # seconds
# APScheduler skips a job that starts more than a second late (its default grace). A
# wake-up armed before the JobQueue starts (run_polling calls post_init first) or on a
# busy loop would then be lost until the safety tick: a late wake-up must still ring.
RING_HOWEVER_LATE = {"misfire_grace_time": None, "coalesce": True}


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
            queue.run_repeating(
                self._wake,
                interval=SAFETY_INTERVAL,
                first=SAFETY_INTERVAL,
                name=SAFETY_JOB,
                job_kwargs=RING_HOWEVER_LATE,
            )
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
        queue.run_once(self._wake, when=delay, name=WAKE_JOB, job_kwargs=RING_HOWEVER_LATE)

    async def dispatch(self) -> Outcome:
        """Send what is due, tell organisers how their announcements went, re-arm."""
        outcome = await self.dispatcher.run_due()
        if outcome != Outcome():
            logger.info("Dispatched: %s", outcome)
        with session_scope(self.engine) as session:
            announcements.mark_due_as_sent(session, now=self.clock.now())
        await self.report()
        self.arm()
        return outcome

    async def report(self) -> None:
        """Edit each organiser's progress message in place; the last edit is the report."""
        with session_scope(self.engine) as session:
            open_reports = list(
                session.exec(
                    select(db.Announcement).where(
                        col(db.Announcement.report_message_id).is_not(None),
                        col(db.Announcement.finished).is_(False),
                    )
                )
            )
            updates = []
            for item in open_reports:
                assert item.id is not None
                done = announcements.progress(session, item.id)
                organiser = session.get(db.Member, item.created_by) if item.created_by else None
                lang = pick_language(organiser.language if organiser else None, None)
                key = "announce_final" if done.finished else "announce_progress"
                text = t(
                    lang,
                    key,
                    delivered=done.delivered,
                    total=done.total,
                    unreachable=done.unreachable,
                    failed=done.failed,
                )
                if done.finished:  # who missed it, and why: the organisers chase them
                    text += missed_text(announcements.missed(session, item.id), lang)
                if text != item.report_text:
                    item.report_text, item.finished = text, done.finished
                    session.add(item)
                    updates.append((item.report_chat_id, item.report_message_id, text))
        for chat_id, message_id, text in updates:
            try:
                await self.app.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
            except TelegramError:
                logger.warning("Could not update the progress of an announcement", exc_info=True)

    async def _wake(self, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.dispatch()
