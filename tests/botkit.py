"""Drive the real Application through the local Bot API, as people would."""

from __future__ import annotations

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
from schedule.clock import SimulatedClock

MEMBER_ID = 1001  # kim, a member
ORGANISER_ID = 1002  # choi, the lead, an organiser
STRANGER_ID = 6666


def bind(engine: Engine, key: str, telegram_id: int) -> None:
    """Give a member from the itinerary file their Telegram id."""
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        member.telegram_id = telegram_id
        session.add(member)


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

    def at(self, instant: datetime) -> None:
        """Move the simulated clock."""
        self.clock.set(instant)

    @property
    def alarm(self) -> Alarm:
        """The outbox alarm: ``replan()``, ``await dispatch()``."""
        return state(self.app).alarm


def make_harness(engine: Engine, clock: SimulatedClock) -> BotHarness:
    """Build the Application on the local Bot API (no rate limiter: tests run fast)."""
    api = LocalBotApi(clock=clock)
    app = build_application(
        Settings(), clock, LocalRequest(api), engine=engine, rate_limit=False, per_chat_rate=0
    )
    return BotHarness(app=app, api=api, clock=clock, engine=engine)
