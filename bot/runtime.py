"""What every handler shares, kept under one ``bot_data`` key and read through ``state``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine

from bot.config import Settings
from schedule.clock import Clock

if TYPE_CHECKING:
    from bot.delivery.alarm import Alarm

STATE_KEY = "comitiva"


@dataclass(frozen=True)
class BotState:
    """The engine, settings, clock and outbox alarm of one running bot."""

    engine: Engine
    settings: Settings
    clock: Clock
    alarm: Alarm


class HasBotData(Protocol):
    """A callback context or the Application itself."""

    @property
    def bot_data(self) -> Any:
        """The dictionary shared by every handler."""


def state(holder: HasBotData) -> BotState:
    """Return the bot's shared state."""
    shared = holder.bot_data[STATE_KEY]
    assert isinstance(shared, BotState)
    return shared
