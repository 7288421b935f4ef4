"""A local Bot API: the Telegram methods Comitiva uses, in process, without Telegram.

``LocalBotApi`` keeps chats, messages and pending updates in memory and answers like
Telegram where it matters to us: it refuses texts over 4096 characters, malformed HTML,
``callback_data`` over 64 bytes, and answers 403 for a user who blocked the bot.
``LocalRequest`` plugs it into python-telegram-bot as a ``BaseRequest``; the sandbox
server (``bot.offline.sandbox``) serves the same object over HTTP.

The pieces live beside it: the memory in ``apicore``, the method handlers in ``methods``,
the people's side in ``people``, Telegram's refusals in ``checks``, the transport in
``request``. Everything tests import is re-exported here.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from bot.offline.apicore import BOT_ID as BOT_ID
from bot.offline.apicore import JSON as JSON
from bot.offline.apicore import ApiError as ApiError
from bot.offline.apicore import SentMessage as SentMessage
from bot.offline.apicore import bad_request as bad_request
from bot.offline.checks import MAX_TEXT as MAX_TEXT
from bot.offline.methods import ApiMethods
from bot.offline.people import PeopleSide
from bot.offline.request import LocalRequest as LocalRequest
from schedule.clock import Clock

Handler = Callable[[JSON, dict[str, bytes]], JSON | list[Any] | bool]


class LocalBotApi(ApiMethods, PeopleSide):
    """The Bot API methods Comitiva uses, answered from memory."""

    def __init__(
        self,
        *,
        username: str = "comitiva_bot",
        clock: Clock | None = None,
        limit_per_second: float | None = None,
    ) -> None:
        super().__init__(username=username, clock=clock)
        # Telegram's flood limits, when asked for: messages a second overall and one a
        # second per chat; beyond them a 429 with retry_after, as Telegram answers.
        self.limit_per_second = limit_per_second
        self._sends: deque[float] = deque()
        self._last_per_chat: dict[int, float] = {}
        self.interceptor: Callable[[str, JSON], Awaitable[None]] | None = None
        self.methods: dict[str, Handler] = {
            "getMe": lambda _p, _f: self.me,
            "deleteWebhook": lambda _p, _f: True,
            "setWebhook": self._set_webhook,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendVenue": self._send_venue,
            "sendLocation": self._send_location,
            "sendChatAction": lambda _p, _f: True,
            "answerInlineQuery": self._answer_inline_query,
            "deleteMessage": self._delete_message,
            "getFile": self._get_file,
            "close": lambda _p, _f: True,
        }

    async def call(
        self, method: str, params: JSON, files: dict[str, bytes] | None = None
    ) -> tuple[int, JSON]:
        """Answer one Bot API call: ``(HTTP status, JSON body)``."""
        try:
            if self.interceptor is not None:
                await self.interceptor(method, params)
            if self.limit_per_second and method.startswith("send"):
                self._check_flood(params)
            # Wall time on purpose, not the bot's clock: bench/startup.py compares it with the
            # moment it started the process, to measure how long start-up really took.
            self.state.first_call.setdefault(method, time.time())
            if method == "getUpdates":
                return 200, {"ok": True, "result": await self._get_updates(params)}
            handler = self.methods.get(method)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            return 200, {"ok": True, "result": handler(params, files or {})}
        except ApiError as error:
            return error.code, error.payload()

    def _check_flood(self, params: JSON) -> None:
        """Refuse a send beyond the limits, like Telegram's ``429 Too Many Requests``."""
        assert self.limit_per_second is not None
        moment = time.monotonic()
        while self._sends and moment - self._sends[0] >= 1.0:
            self._sends.popleft()
        chat = int(str(params.get("chat_id", 0)) or 0)
        last = self._last_per_chat.get(chat)
        if len(self._sends) >= self.limit_per_second or (last is not None and moment - last < 1.0):
            self.state.refused_429 += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        self._sends.append(moment)
        self._last_per_chat[chat] = moment

    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        if offset:
            self.state.updates = [u for u in self.state.updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self.state.updates and timeout > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                return []
        limit = int(params.get("limit") or 100)
        return self.state.updates[:limit]
