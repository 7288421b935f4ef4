"""The local Bot API's memory: chats, users, the messages the bot sent, its errors."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from schedule.clock import Clock, SystemClock

JSON = dict[str, Any]
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
    kind: str = "text"  # text | document | photo | venue | location
    document: bytes | None = None
    filename: str | None = None
    edits: int = 0

    def buttons(self) -> list[JSON]:
        """Return the inline buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class ApiState:
    """Everything the local Bot API remembers, for tests to read."""

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


class ApiCore:
    """The state the Bot API methods and the people's side share."""

    def __init__(self, *, username: str, clock: Clock | None) -> None:
        self.username = username
        self.clock = clock or SystemClock()
        self.state = ApiState()
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._new_update = asyncio.Event()

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

    def download(self, file_path: str) -> bytes | None:
        """Return the bytes of a stored file, as the file endpoint serves them."""
        return self.state.files.get(file_path)

    def _timestamp(self) -> int:
        return int(self.clock.now().timestamp())

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

    def _store_file(self, content: bytes) -> str:
        file_id = f"file-{next(self._ids)}"
        self.state.files[file_id] = content
        return file_id

    def _document(self, name: str, content: bytes) -> JSON:
        file_id = self._store_file(content)
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
