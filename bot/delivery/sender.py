"""The one sender of outbox messages: within Telegram's limits, patient with its errors.

Overall, the Application's ``AIORateLimiter`` keeps to about 30 messages a second; here
each chat gets at most one a second. ``429 retry_after`` is waited out, server errors
and time-outs are retried with backoff, and a ``403`` means the member blocked the bot.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Delivery:
    """How a send ended: ``sent`` (with the message id), ``unreachable`` or ``failed``."""

    status: str
    message_id: int | None = None
    error: str | None = None
    retryable: bool = False  # a failure that may pass: try the row again later


class Sender:
    """Sends one message at a time to a chat, retrying what can be retried."""

    def __init__(
        self,
        bot: Bot,
        *,
        attempts: int = 5,
        backoff: float = 1.0,
        per_chat_rate: float = 1.0,
        overall_rate: float = 29.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.per_chat_rate = per_chat_rate
        # One message every 1/rate seconds, no bursts: a burst would break Telegram's
        # per-second window even when the average is under the limit.
        self.overall = AsyncLimiter(1, 1 / overall_rate) if overall_rate else None
        self._chats: dict[int, AsyncLimiter] = {}

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter | None:
        if not self.per_chat_rate:
            return None
        return self._chats.setdefault(chat_id, AsyncLimiter(1, 1 / self.per_chat_rate))

    async def send(
        self, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> Delivery:
        """Send ``text`` (HTML) to ``chat_id``; never raises for Telegram's answers."""
        failure = "not tried"
        for attempt in range(1, self.attempts + 1):
            try:
                await self._wait_turn(chat_id)
                message = await self.bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard,
                    disable_web_page_preview=True,
                )  # fmt: skip
                return Delivery("sent", message.message_id)
            except Forbidden as error:
                return Delivery("unreachable", error=str(error))
            except RetryAfter as error:
                failure = f"429 retry after {error.retry_after}"
                wait = error.retry_after
                if attempt < self.attempts:  # no point waiting before giving up
                    await self.sleep(
                        wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
                    )
            except BadRequest as error:
                return Delivery("failed", error=str(error))
            except (TimedOut, NetworkError) as error:
                failure = f"{type(error).__name__}: {error}"
                if attempt < self.attempts:
                    await self.sleep(self.backoff * 2 ** (attempt - 1))
            logger.info("Send to chat %s failed (attempt %d): %s", chat_id, attempt, failure)
        return Delivery("failed", error=failure, retryable=True)

    async def _wait_turn(self, chat_id: int) -> None:
        if (limiter := self._chat_limiter(chat_id)) is not None:
            await limiter.acquire()
        if self.overall is not None:
            await self.overall.acquire()
