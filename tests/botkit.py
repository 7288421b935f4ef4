"""Drive the real Application through the local Bot API, as people would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.delivery.alarm import Alarm
from bot.offline.localapi import JSON, LocalBotApi, LocalRequest, SentMessage
from bot.runtime import state
from bot.storage import models as db
from bot.storage.db import session_scope
from schedule.clock import Clock, SimulatedClock

MEMBER_ID = 1001  # kim, a member
ORGANISER_ID = 1002  # choi, the lead, an organiser
STRANGER_ID = 6666
PROMPTLY = 5.0  # seconds: far under the alarm's 60 s safety tick, far over a healthy wake-up
POLL = 0.02  # seconds between looks at what the bot sent while waiting for an event


def change_member(engine: Engine, key: str, **fields: Any) -> None:
    """Set fields of a member from the itinerary file, straight in the database."""
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        for name, value in fields.items():
            setattr(member, name, value)
        session.add(member)


def bind(engine: Engine, key: str, telegram_id: int) -> None:
    """Give a member from the itinerary file their Telegram id."""
    change_member(engine, key, telegram_id=telegram_id)


@dataclass
class BotHarness:
    """The Application, its local Bot API, its clock and its database."""

    app: Application  # type: ignore[type-arg]
    api: LocalBotApi
    clock: SimulatedClock
    engine: Engine

    def person(self, user_id: int, name: str, **extra: Any) -> JSON:
        """Return a Telegram user (and their private chat with the bot)."""
        return self.api.user(user_id, name, **extra)

    @property
    def member(self) -> JSON:
        """Kim, a member bound by telegram_id."""
        return self.api.user(MEMBER_ID, "Min-seo")

    @property
    def organiser(self) -> JSON:
        """Choi, the lead, an organiser bound by telegram_id."""
        return self.api.user(ORGANISER_ID, "Jong-uk")

    @property
    def stranger(self) -> JSON:
        """Someone who is not in the delegation."""
        return self.api.user(STRANGER_ID, "Mallory", username="mallory")

    async def process(self, update: JSON) -> list[SentMessage]:
        """Feed one update to the Application; return what the bot sent because of it."""
        before = len(self.api.state.sent)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.state.sent[before:]

    async def send(self, user: JSON, text: str, **options: Any) -> list[SentMessage]:
        """Send a message as ``user``; return the bot's replies."""
        return await self.process(self.api.message_update(user, text, queue=False, **options))

    async def press(self, user: JSON, message: SentMessage, data: str) -> list[SentMessage]:
        """Press a button on ``message`` as ``user``; return new messages (edits are in place)."""
        return await self.process(self.api.press_update(user, message, data, queue=False))

    async def tap(self, user: JSON, message: SentMessage, label: str) -> list[SentMessage]:
        """Press the button on ``message`` whose label starts with ``label``, whatever its data."""
        [data] = [b["callback_data"] for b in message.buttons() if b["text"].startswith(label)]
        return await self.press(user, message, str(data))

    def at(self, instant: datetime) -> None:
        """Move the simulated clock."""
        self.clock.set(instant)

    @property
    def alarm(self) -> Alarm:
        """The outbox alarm: ``replan()``, ``await dispatch()``."""
        return state(self.app).alarm


def make_application(
    engine: Engine,
    clock: Clock,
    api: LocalBotApi,
    *,
    rate_limit: bool = False,
    per_chat_rate: float = 0,
) -> Application:  # type: ignore[type-arg]
    """Build the real Application on the local Bot API; by default without rate limits.

    The one place tests build the Application: tests run fast unless they ask for
    Telegram's limits (``rate_limit`` for PTB's limiter, ``per_chat_rate`` for the sender's).
    """
    return build_application(
        Settings(),
        clock,
        LocalRequest(api),
        engine=engine,
        rate_limit=rate_limit,
        per_chat_rate=per_chat_rate,
    )


def make_harness(
    engine: Engine,
    clock: SimulatedClock,
    *,
    api: LocalBotApi | None = None,
    rate_limit: bool = False,
    per_chat_rate: float = 0,
) -> BotHarness:
    """Build the Application on the local Bot API (no rate limiter: tests run fast).

    Pass the ``api`` of an earlier harness to start a new process that talks to the same
    Telegram, as after a restart.
    """
    api = api or LocalBotApi(clock=clock)
    app = make_application(engine, clock, api, rate_limit=rate_limit, per_chat_rate=per_chat_rate)
    return BotHarness(app=app, api=api, clock=clock, engine=engine)


@asynccontextmanager
async def running(app: Application) -> AsyncIterator[None]:  # type: ignore[type-arg]
    """Run ``app`` as ``comitiva run`` does, minus polling: the JobQueue on real time.

    ``start()`` starts APScheduler before the alarm arms (what ``post_init`` does in
    ``run_polling``), so a wake-up due at once is not skipped as misfired while the
    scheduler is still down. ``stop()`` waits for running jobs before ``shutdown()``.
    """
    await app.initialize()
    try:
        await app.start()
        try:
            assert app.post_init is not None
            await app.post_init(app)  # publishes the commands and starts the alarm
            yield
        finally:
            await app.stop()
    finally:
        await app.shutdown()


async def until(
    found: Callable[[], list[SentMessage]], seconds: float = PROMPTLY
) -> list[SentMessage]:
    """Yield to the event loop until ``found()`` is not empty, for ``seconds`` at most.

    Waits for an event (a message the JobQueue's wake-up sent), not for time: it returns
    as soon as the message is there, and gives up well before the safety tick would mask
    a wake-up that was never armed.
    """
    for _ in range(round(seconds / POLL)):
        if arrived := found():
            return arrived
        await asyncio.sleep(POLL)
    return found()
