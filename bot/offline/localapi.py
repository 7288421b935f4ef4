"""A local Bot API: the Telegram methods Comitiva uses, in process, without Telegram.

``LocalBotApi`` keeps chats, messages and pending updates in memory and answers like
Telegram where it matters to us: it refuses texts over 4096 characters, malformed HTML,
``callback_data`` over 64 bytes, and answers 403 for a user who blocked the bot.
``LocalRequest`` plugs it into python-telegram-bot as a ``BaseRequest``; the sandbox
server (``bot.offline.sandbox``) serves the same object over HTTP.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from schedule.clock import Clock, SystemClock

JSON = dict[str, Any]
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
HTML_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
BOT_ID = 7_000_000_001


class ApiError(Exception):
    """An error answer, as Telegram gives it."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def payload(self) -> JSON:
        """Return the JSON body Telegram sends with this error."""
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> ApiError:
    """Return a ``400 Bad Request`` error."""
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class SentMessage:
    """A message the bot sent (or last edited), with the HTML it was written in."""

    chat_id: int
    message_id: int
    text: str  # as a person sees it: tags removed, entities decoded
    html: str  # as the bot sent it
    reply_markup: JSON | None = None
    kind: str = "text"  # text | document | venue | location
    document: bytes | None = None
    filename: str | None = None
    edits: int = 0

    def buttons(self) -> list[JSON]:
        """Return the inline buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class _State:
    updates: list[JSON] = field(default_factory=list)
    messages: dict[tuple[int, int], SentMessage] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    users: dict[int, JSON] = field(default_factory=dict)
    chats: dict[int, JSON] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    commands: dict[str, list[JSON]] = field(default_factory=dict)
    callback_answers: list[JSON] = field(default_factory=list)
    inline_answers: list[JSON] = field(default_factory=list)
    refused_429: int = 0
    webhook: JSON | None = None
    first_call: dict[str, float] = field(default_factory=dict)  # method -> wall time
    files: dict[str, bytes] = field(default_factory=dict)


class LocalBotApi:
    """The Bot API methods Comitiva uses, answered from memory."""

    def __init__(
        self,
        *,
        username: str = "comitiva_bot",
        clock: Clock | None = None,
        limit_per_second: float | None = None,
    ) -> None:
        self.username = username
        # Telegram's flood limits, when asked for: messages a second overall and one a
        # second per chat; beyond them a 429 with retry_after, as Telegram answers.
        self.limit_per_second = limit_per_second
        self._sends: deque[float] = deque()
        self._last_per_chat: dict[int, float] = {}
        self.clock = clock or SystemClock()
        self.state = _State()
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self.interceptor: Callable[[str, JSON], Awaitable[None]] | None = None
        self.methods: dict[str, Callable[[JSON, dict[str, bytes]], JSON | list[Any] | bool]] = {
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
            "sendVenue": self._send_venue,
            "sendLocation": self._send_location,
            "sendChatAction": lambda _p, _f: True,
            "answerInlineQuery": self._answer_inline_query,
            "deleteMessage": self._delete_message,
            "getFile": self._get_file,
            "close": lambda _p, _f: True,
        }

    # -- what the bot sees ---------------------------------------------------------------

    @property
    def me(self) -> JSON:
        """Return the bot's own user."""
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Comitiva",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
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

    def _set_webhook(self, params: JSON, _files: dict[str, bytes]) -> bool:
        self.state.webhook = dict(params)
        return True

    def _set_my_commands(self, params: JSON, _files: dict[str, bytes]) -> bool:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        self.state.commands[f"{scope}|{params.get('language_code') or ''}"] = list(
            params["commands"]
        )
        return True

    def _get_my_commands(self, params: JSON, _files: dict[str, bytes]) -> list[JSON]:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return self.state.commands.get(f"{scope}|{params.get('language_code') or ''}", [])

    def _chat(self, chat_id: object) -> JSON:
        try:
            chat = self.state.chats[int(str(chat_id))]
        except (KeyError, ValueError):
            raise bad_request("chat not found") from None
        if chat["id"] in self.state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _message(self, chat: JSON, sent: SentMessage, extra: JSON) -> JSON:
        message = {
            "message_id": sent.message_id,
            "date": self._timestamp(),
            "chat": chat,
            "from": self.me,
            **extra,
        }
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        return message

    def _record(self, sent: SentMessage) -> SentMessage:
        self.state.messages[(sent.chat_id, sent.message_id)] = sent
        self.state.sent.append(sent)
        return sent

    def _send_message(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        chat = self._chat(params.get("chat_id"))
        html, text = _readable(params, "text", MAX_TEXT)
        markup = _checked_markup(params.get("reply_markup"))
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, html, markup))
        return self._message(chat, sent, {"text": text})

    def _edited(self, params: JSON) -> tuple[JSON, SentMessage]:
        chat = self._chat(params.get("chat_id"))
        sent = self.state.messages.get((chat["id"], int(params.get("message_id") or 0)))
        if sent is None:
            raise bad_request("message to edit not found")
        return chat, sent

    def _edit_message_text(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        chat, sent = self._edited(params)
        html, text = _readable(params, "text", MAX_TEXT)
        markup = _checked_markup(params.get("reply_markup"))
        if html == sent.html and markup == sent.reply_markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.html, sent.text, sent.reply_markup = html, text, markup
        sent.edits += 1
        return self._message(chat, sent, {"text": text, "edit_date": self._timestamp()})

    def _edit_reply_markup(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        chat, sent = self._edited(params)
        markup = _checked_markup(params.get("reply_markup"))
        if markup == sent.reply_markup:
            raise bad_request("message is not modified")
        sent.reply_markup = markup
        sent.edits += 1
        return self._message(chat, sent, {"text": sent.text, "edit_date": self._timestamp()})

    def _answer_callback_query(self, params: JSON, _files: dict[str, bytes]) -> bool:
        self.state.callback_answers.append(dict(params))
        return True

    def _answer_inline_query(self, params: JSON, _files: dict[str, bytes]) -> bool:
        self.state.inline_answers.append(dict(params))
        return True

    def _send_document(self, params: JSON, files: dict[str, bytes]) -> JSON:
        chat = self._chat(params.get("chat_id"))
        html, text = _readable(params, "caption", MAX_CAPTION, required=False)
        content = next(iter(files.values()), b"")
        name = str(params.get("_filename") or "document")
        sent = SentMessage(chat["id"], next(self._ids), text, html, kind="document")
        sent.document, sent.filename = content, name
        file_id = self._store_file(content)
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
        self._record(sent)
        return self._message(chat, sent, {"document": document, "caption": text})

    def _send_venue(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        chat = self._chat(params.get("chat_id"))
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        text = f"{params.get('title', '')}\n{params.get('address', '')}".strip()
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, text, kind="venue"))
        venue = {
            "location": location,
            "title": params.get("title"),
            "address": params.get("address"),
        }
        return self._message(chat, sent, {"venue": venue, "location": location})

    def _send_location(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        chat = self._chat(params.get("chat_id"))
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        text = f"{location['latitude']}, {location['longitude']}"
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, text, kind="location"))
        return self._message(chat, sent, {"location": location})

    def _delete_message(self, params: JSON, _files: dict[str, bytes]) -> bool:
        chat = self._chat(params.get("chat_id"))
        if self.state.messages.pop((chat["id"], int(params.get("message_id") or 0)), None) is None:
            raise bad_request("message to delete not found")
        return True

    def _store_file(self, content: bytes) -> str:
        file_id = f"file-{next(self._ids)}"
        self.state.files[file_id] = content
        return file_id

    def _get_file(self, params: JSON, _files: dict[str, bytes]) -> JSON:
        file_id = str(params.get("file_id"))
        if file_id not in self.state.files:
            raise bad_request("invalid file_id")
        size = len(self.state.files[file_id])
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": size,
            "file_path": file_id,
        }

    def download(self, file_path: str) -> bytes | None:
        """Return the bytes of a stored file, as the file endpoint serves them."""
        return self.state.files.get(file_path)

    def _timestamp(self) -> int:
        return int(self.clock.now().timestamp())

    # -- what people do ------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """Make (or return) a Telegram user and their private chat with the bot."""
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.state.users[user_id] = user
        self.state.chats.setdefault(
            user_id, {"id": user_id, "type": "private", "first_name": first_name}
        )
        return user

    def group(self, chat_id: int, title: str) -> JSON:
        """Make (or return) a group chat the bot is in."""
        return self.state.chats.setdefault(
            chat_id, {"id": chat_id, "type": "supergroup", "title": title}
        )

    def block(self, user_id: int, blocked: bool = True) -> None:
        """Mark a user as having blocked the bot (or unblocked it)."""
        (self.state.blocked.add if blocked else self.state.blocked.discard)(user_id)

    def push(self, kind: str, payload: JSON) -> JSON:
        """Queue an update for ``getUpdates`` and return it."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self.state.updates.append(update)
        self._new_update.set()
        return update

    def message_update(
        self,
        user: JSON,
        text: str | None = None,
        *,
        chat: JSON | None = None,
        document: tuple[str, bytes] | None = None,
        forwarded_from: JSON | None = None,
        queue: bool = True,
    ) -> JSON:
        """Build the update for a message a person sends (queued for polling by default)."""
        chat = chat or self.state.chats[user["id"]]
        message: JSON = {
            "message_id": next(self._ids),
            "date": self._timestamp(),
            "chat": chat,
            "from": user,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}
                ]
        if document is not None:
            name, content = document
            file_id = self._store_file(content)
            message["document"] = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": name,
                "file_size": len(content),
            }
        if forwarded_from is not None:
            message["forward_origin"] = {
                "type": "user",
                "date": self._timestamp(),
                "sender_user": forwarded_from,
            }
        return self._queue_or_wrap("message", message, queue)

    def press_update(
        self, user: JSON, sent: SentMessage, data: str, *, queue: bool = True
    ) -> JSON:
        """Build the update for a button press on a message the bot sent."""
        chat = self.state.chats[sent.chat_id]
        message = self._message(chat, sent, {"text": sent.text})
        query = {
            "id": str(next(self._ids)),
            "from": user,
            "chat_instance": str(chat["id"]),
            "message": message,
            "data": data,
        }
        return self._queue_or_wrap("callback_query", query, queue)

    def inline_update(self, user: JSON, query: str, *, queue: bool = True) -> JSON:
        """Build the update for an inline query (``@bot something`` typed in any chat)."""
        payload = {"id": str(next(self._ids)), "from": user, "query": query, "offset": ""}
        return self._queue_or_wrap("inline_query", payload, queue)

    def edited_update(self, user: JSON, text: str, *, queue: bool = True) -> JSON:
        """Build the update for a message a person edited."""
        chat = self.state.chats[user["id"]]
        message = {
            "message_id": next(self._ids),
            "date": self._timestamp(),
            "chat": chat,
            "from": user,
            "text": text,
            "edit_date": self._timestamp(),
        }
        return self._queue_or_wrap("edited_message", message, queue)

    def _queue_or_wrap(self, kind: str, payload: JSON, queue: bool) -> JSON:
        if queue:
            return self.push(kind, payload)
        return {"update_id": next(self._update_ids), kind: payload}

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        """Return what the bot sent to a chat, oldest first (edits show the latest text)."""
        return [m for m in self.state.sent if m.chat_id == chat_id]


class LocalRequest(BaseRequest):
    """python-telegram-bot's transport, answered by a ``LocalBotApi`` in the same process."""

    def __init__(self, api: LocalBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout, as PTB requires."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Route ``.../bot<token>/<method>`` to the local API."""
        if "/file/bot" in url:
            content = self.api.download(url.rsplit("/", 1)[-1])
            return (200, content) if content is not None else (404, b"")
        params: JSON = dict(request_data.parameters) if request_data else {}
        files: dict[str, bytes] = {}
        if request_data and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                upload = part[1]
                files[name] = upload if isinstance(upload, bytes) else upload.read()
                params.setdefault("_filename", part[0])
        status, body = await self.api.call(url.rsplit("/", 1)[-1], params, files)
        return status, json.dumps(body).encode("utf-8")


def _readable(params: JSON, name: str, limit: int, *, required: bool = True) -> tuple[str, str]:
    """Return ``(as sent, as shown)`` for a text or caption, refusing what Telegram refuses."""
    raw = params.get(name)
    html = "" if raw is None else str(raw)
    if not html.strip():
        if required:
            raise bad_request("message text is empty")
        return "", ""
    text = _parse_html(html) if str(params.get("parse_mode", "")).upper() == "HTML" else html
    if len(text.encode("utf-16-le")) // 2 > limit:
        raise bad_request(
            "message is too long" if name == "text" else "message caption is too long"
        )
    return html, text


def _checked_markup(markup: object) -> JSON | None:
    if markup is None:
        return None
    data = json.loads(markup) if isinstance(markup, str) else markup
    if not isinstance(data, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in data.get("inline_keyboard", []):
        for button in row:
            callback = button.get("callback_data")
            if callback is not None and not 1 <= len(str(callback).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
    return data


class _EntityParser(HTMLParser):
    """Checks Telegram's HTML subset and collects the text a person would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS and self.error is None:
            self.error = f'unsupported start tag "{tag}" at byte offset {self.getpos()[1]}'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            if self.error is None:
                self.error = f'can\'t find end tag corresponding to start tag "{tag}"'
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_BAD_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def _parse_html(html: str) -> str:
    if _BAD_AMPERSAND.search(html):
        raise bad_request("can't parse entities: unsupported entity or unescaped '&'")
    if re.search(r"<(?![a-zA-Z/])", html):
        raise bad_request("can't parse entities: unescaped '<' in the text")
    parser = _EntityParser()
    parser.feed(html)
    parser.close()
    if parser.error is None and parser.stack:
        parser.error = f'can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
    if parser.error:
        raise bad_request(f"can't parse entities: {parser.error}")
    return "".join(parser.parts)
