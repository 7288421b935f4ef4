"""The local Bot API over HTTP on 127.0.0.1, for trying ``comitiva run`` as a whole process.

Bot API calls go to ``/bot<token>/<method>`` (point ``TELEGRAM_API_BASE_URL`` at
``http://127.0.0.1:PORT/bot``). A person is played through a small JSON interface:

- ``POST /sandbox/messages`` ``{"user": {"id": 1, "first_name": "Kim"}, "text": "/today"}``
- ``POST /sandbox/presses`` ``{"user": {...}, "chat_id": 1, "message_id": 5, "data": "day:…"}``
- ``GET /sandbox/sent?chat_id=1`` what the bot sent to that chat, oldest first
- ``POST /sandbox/blocks`` ``{"user_id": 1, "blocked": true}``
- ``POST /sandbox/users`` ``{"ids": [1, 2, 3]}`` people who have started the bot
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import asdict
from typing import Any
from urllib.parse import parse_qs

from tornado.httputil import HTTPServerRequest
from tornado.web import Application, RequestHandler

from bot.offline.localapi import JSON, LocalBotApi, SentMessage

logger = logging.getLogger(__name__)
# Bot API parameters PTB sends JSON-encoded in a form; every other value is plain text.
JSON_PARAMETERS = {
    "chat_id", "message_id", "offset", "limit", "timeout", "allowed_updates", "reply_markup",
    "commands", "scope", "latitude", "longitude", "show_alert", "cache_time", "results",
    "disable_web_page_preview", "link_preview_options", "is_personal", "drop_pending_updates",
}  # fmt: skip


def read_parameters(request: HTTPServerRequest) -> tuple[JSON, dict[str, bytes]]:
    """Return the call's parameters and uploaded files, from JSON, a form or multipart."""
    files = {name: parts[0].body for name, parts in request.files.items()}
    params: JSON = {}
    if files:
        params["_filename"] = next(iter(request.files.values()))[0].filename
    if request.headers.get("Content-Type", "").startswith("application/json") and request.body:
        params.update(json.loads(request.body))
        return params, files
    fields = {k: v[-1].decode() for k, v in request.body_arguments.items()}
    fields.update({k: v[-1] for k, v in parse_qs(request.query).items()})
    for name, value in fields.items():
        params[name] = _decoded(value) if name in JSON_PARAMETERS else value
    return params, files


def _decoded(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def sent_json(message: SentMessage) -> JSON:
    """Return a sent message for the sandbox interface (documents as their size)."""
    data = asdict(message)
    data["document"] = len(message.document) if message.document is not None else None
    return data


class BotApiHandler(RequestHandler):
    """``/bot<token>/<method>``."""

    def initialize(self, api: LocalBotApi, token: str | None) -> None:
        self.api, self.token = api, token

    async def post(self, token: str, method: str) -> None:
        if self.token is not None and token != self.token:
            self.set_status(401)
            self.finish({"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params, files = read_parameters(self.request)
        status, body = await self.api.call(method, params, files)
        self.set_status(status)
        self.finish(body)

    get = post


class FileHandler(RequestHandler):
    """``/file/bot<token>/<path>``: files people sent."""

    def initialize(self, api: LocalBotApi, token: str | None) -> None:
        self.api = api

    def get(self, _token: str, path: str) -> None:
        content = self.api.download(path)
        if content is None:
            self.set_status(404)
            return
        self.finish(content)


class PersonHandler(RequestHandler):
    """The sandbox interface: play a person, read what the bot sent."""

    def initialize(self, api: LocalBotApi, token: str | None) -> None:
        self.api = api

    def post(self, action: str) -> None:
        body = json.loads(self.request.body or b"{}")
        if action == "blocks":
            self.api.block(int(body["user_id"]), bool(body.get("blocked", True)))
            self.finish({"ok": True})
            return
        if action == "users":  # many people at once, each with a chat, sending nothing
            for user_id in body.get("ids", []):
                self.api.user(int(user_id), f"User {user_id}")
            self.finish({"ok": True})
            return
        person = body.get("user") or {}
        user = self.api.user(
            int(person["id"]),
            str(person.get("first_name", "Guest")),
            username=person.get("username"),
            language_code=person.get("language_code", "en"),
        )
        if action == "messages":
            update = self.api.message_update(user, str(body.get("text", "")))
        elif action == "presses":
            key = (int(body["chat_id"]), int(body["message_id"]))
            update = self.api.press_update(user, self.api.state.messages[key], str(body["data"]))
        else:
            self.set_status(404)
            return
        self.finish({"ok": True, "update": update})

    def get(self, action: str) -> None:
        if action == "calls":  # when each method was first called (start-up measurements)
            self.finish({"ok": True, "result": self.api.state.first_call})
            return
        if action != "sent":
            self.set_status(404)
            return
        chat = self.get_query_argument("chat_id", None)
        sent = self.api.state.sent if chat is None else self.api.sent_to(int(chat))
        self.finish({"ok": True, "result": [sent_json(m) for m in sent]})


def make_app(api: LocalBotApi, token: str | None = None) -> Application:
    """Return the tornado application serving ``api``."""
    options = {"api": api, "token": token}
    return Application(
        [
            (r"/bot([^/]+)/(\w+)", BotApiHandler, options),
            (r"/file/bot([^/]+)/(.+)", FileHandler, options),
            (r"/sandbox/(\w+)", PersonHandler, options),
        ]
    )


async def serve(api: LocalBotApi, port: int, *, token: str | None = None) -> None:
    """Serve ``api`` on 127.0.0.1 until cancelled."""
    server = make_app(api, token).listen(port, address="127.0.0.1")
    logger.info("Local Bot API on http://127.0.0.1:%d/bot (sandbox at /sandbox)", port)
    try:
        await asyncio.Event().wait()
    finally:
        server.stop()
