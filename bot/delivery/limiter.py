"""The one rate limiter on the bot: Telegram's limits, overall and per chat, and its 429s.

Every request that names a chat goes through it (handler replies and outbox sends
alike): about 29 a second overall, one a second to a private chat, 20 a minute to a
group. A ``429 retry_after`` pauses only what it limits: the chat it came from, or
everything when the request named no chat; then the request is tried again, a bounded
number of times, and the last ``RetryAfter`` is raised for the caller to classify.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
Answer = bool | JSONDict | list[JSONDict]
MAX_CHATS = 1024  # idle chat limiters beyond this many are dropped
GLOBAL = "*"  # the pause key of a 429 that named no chat


def retry_seconds(error: RetryAfter) -> float:
    """Return how long a 429 asks to wait, whether PTB gives seconds or a timedelta."""
    wait: Any = error.retry_after
    return float(wait.total_seconds() if hasattr(wait, "total_seconds") else wait)


class _Gate:
    """Open unless a 429 paused it; several pauses at once keep it shut until the last ends."""

    def __init__(self) -> None:
        self.pauses = 0
        self.open = asyncio.Event()
        self.open.set()

    async def pause(self, seconds: float, sleep: Sleep) -> None:
        self.pauses += 1
        self.open.clear()
        try:
            await sleep(seconds)
        finally:
            self.pauses -= 1
            if not self.pauses:
                self.open.set()


def chat_key(chat_id: object) -> int | str | None:
    """Return the chat a request names, as a key (an int id, or an ``@channel`` name)."""
    if chat_id is None:
        return None
    with contextlib.suppress(TypeError, ValueError):
        return int(str(chat_id))
    return str(chat_id)


class ChatRateLimiter(BaseRateLimiter[int]):
    """Paces overall and per chat; a 429 pauses its own chat (or all) and is retried."""

    def __init__(
        self,
        *,
        overall_rate: float = 29.0,
        private_rate: float = 1.0,
        group_per_minute: float = 20.0,
        max_retries: int = 3,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        # One request every 1/rate seconds, no bursts: a burst would break Telegram's
        # per-second window even when the average is under the limit.
        self.overall = AsyncLimiter(1, 1 / overall_rate) if overall_rate else None
        self.private_rate, self.group_per_minute = private_rate, group_per_minute
        self.max_retries, self.sleep = max_retries, sleep
        self._chats: dict[int | str, AsyncLimiter] = {}
        self._gates: dict[int | str, _Gate] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _chat_limiter(self, chat: int | str) -> AsyncLimiter | None:
        group = isinstance(chat, str) or chat < 0
        if (group and not self.group_per_minute) or (not group and not self.private_rate):
            return None
        if chat not in self._chats and len(self._chats) >= MAX_CHATS:
            for key, idle in list(self._chats.items()):
                if idle.has_capacity(idle.max_rate):
                    del self._chats[key]
        if chat not in self._chats:
            if group:
                self._chats[chat] = AsyncLimiter(1, 60 / self.group_per_minute)
            else:
                self._chats[chat] = AsyncLimiter(1, 1 / self.private_rate)
        return self._chats[chat]

    async def _wait_gates(self, chat: int | str | None) -> None:
        """Wait while a 429 pauses everything or this chat."""
        keys: list[int | str] = [GLOBAL] if chat is None else [GLOBAL, chat]
        while True:
            shut = [g for k in keys if (g := self._gates.get(k)) and g.pauses]
            if not shut:
                return
            await shut[0].open.wait()

    async def _once(
        self, chat: int | str | None, call: Callable[[], Coroutine[Any, Any, Answer]]
    ) -> Answer:
        await self._wait_gates(chat)
        limiter = self._chat_limiter(chat) if chat is not None else None
        if limiter is not None:
            await limiter.acquire()
        if chat is not None and self.overall is not None:
            await self.overall.acquire()
        await self._wait_gates(chat)  # a 429 may have come while this one waited its turn
        return await call()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        """Send one request within the limits; wait out a 429 for what it limits, retry."""
        chat = chat_key(data.get("chat_id"))
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            try:
                return await self._once(chat, lambda: callback(*args, **kwargs))
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = retry_seconds(error)
                logger.info(
                    "429 on %s for chat %s: pausing %s for %.1f s",
                    endpoint,
                    chat,
                    "that chat" if chat is not None else "every request",
                    seconds,
                )
                key = GLOBAL if chat is None else chat
                gate = self._gates.setdefault(key, _Gate())
                await gate.pause(seconds, self.sleep)
                if not gate.pauses and self._gates.get(key) is gate:
                    del self._gates[key]  # no pause left: keep no state for the chat
        raise AssertionError("unreachable: the last attempt returns or raises")
