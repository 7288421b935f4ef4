"""What every handler shares, kept under one ``bot_data`` key and read through ``state``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from telegram.ext import CallbackContext

from bot.config import Settings
from schedule.clock import Clock

STATE_KEY = "comitiva"


@dataclass(frozen=True)
class BotState:
    """The engine, settings and clock of one running bot."""

    engine: Engine
    settings: Settings
    clock: Clock


def state(context: CallbackContext[Any, Any, Any, Any]) -> BotState:
    """Return the bot's shared state."""
    shared = context.bot_data[STATE_KEY]
    assert isinstance(shared, BotState)
    return shared
