"""The one sender of outbox messages: it says how each send ended, and retries what may pass.

Pacing and ``429 retry_after`` belong to the bot's rate limiter
(``bot.delivery.limiter``), the one layer every request goes through; a 429 that is
still there after the limiter's retries comes back here as a failure to try later.
Server errors and time-outs are retried here with backoff; a ``403``, or a chat Telegram
does not know, means the member cannot be reached (blocked, or never pressed Start).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from bot.delivery.limiter import retry_seconds
from bot.services.members import BLOCKED, NOT_STARTED
from bot.storage.kinds import UnreachableReason

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Delivery:
    """How a send ended: ``sent`` (with the message id), ``unreachable`` or ``failed``."""

    status: str
    message_id: int | None = None
    error: str | None = None
    retryable: bool = False  # a failure that may pass: try the row again later
    reason: UnreachableReason | None = None  # unreachable: why
    refused: bool = False  # Telegram refused the message itself (400 Bad Request)


def unreachable_reason(error: Exception) -> UnreachableReason | None:
    """Return why Telegram says the chat cannot be written to, or None if it can."""
    text = str(error).lower()
    if "chat not found" in text or "can't initiate" in text or "cannot initiate" in text:
        return NOT_STARTED  # the person has never pressed Start
    if isinstance(error, Forbidden):
        return BLOCKED
    return None


class Sender:
    """Sends one message to a chat and classifies the answer; retries 5xx and time-outs."""

    def __init__(
        self,
        bot: ExtBot[Any],  # an ExtBot: its Defaults say HTML (bot.serve.botapi.make_bot)
        *,
        attempts: int = 5,
        backoff: float = 1.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep

    async def send(
        self, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> Delivery:
        """Send ``text`` (HTML) to ``chat_id``; never raises for Telegram's answers."""
        failure = "not tried"
        for attempt in range(1, self.attempts + 1):
            try:
                # HTML and no link previews come from the bot's Defaults (bot.serve.botapi).
                message = await self.bot.send_message(chat_id, text, reply_markup=keyboard)
                return Delivery("sent", message.message_id)
            except (Forbidden, BadRequest) as error:
                if (reason := unreachable_reason(error)) is not None:
                    return Delivery("unreachable", error=str(error), reason=reason)
                return Delivery("failed", error=str(error), refused=True)
            except RetryAfter as error:
                # The limiter already waited and retried: give the row back for later.
                failure = f"429 retry after {retry_seconds(error):g}"
                return Delivery("failed", error=failure, retryable=True)
            except (TimedOut, NetworkError) as error:
                failure = f"{type(error).__name__}: {error}"
                if attempt < self.attempts:
                    await self.sleep(self.backoff * 2 ** (attempt - 1))
            logger.info("Send to chat %s failed (attempt %d): %s", chat_id, attempt, failure)
        return Delivery("failed", error=failure, retryable=True)
