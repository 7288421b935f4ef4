"""What every handler shares, kept under one ``bot_data`` key and read through ``state``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine

from bot.config import Settings
from bot.services.flood import FloodGuard
from schedule.clock import Clock, SystemClock

if TYPE_CHECKING:
    from bot.delivery.alarm import Alarm

STATE_KEY = "comitiva"


@dataclass(frozen=True)
class BotState:
    """The engine, settings, clock, outbox alarm and flood guard of one running bot."""

    engine: Engine
    settings: Settings
    clock: Clock
    alarm: Alarm
    flood: FloodGuard = field(default_factory=FloodGuard)
    # Floods are paced on real time, not on ``clock``: a simulated clock stands still (tests,
    # ``comitiva chat``), and a person typing there would otherwise be cut off for good.
    pace: Clock = field(default_factory=SystemClock)
    # Where members' calendar feeds are served (``https://host``), None when they are not.
    calendar_url: str | None = None


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
