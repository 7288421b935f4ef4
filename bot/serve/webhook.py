"""Webhook mode: Telegram posts updates to us; ``/healthz`` tells a load balancer we are well.

The same listener serves members' calendar feeds at ``/calendar/<token>.ics``.

A small tornado server (PTB's own webhook server has no room for a health endpoint)
checks Telegram's secret token on every post, hands the update to the Application, and
answers ``/healthz`` with the database's reachability and migration level and the
dispatcher's next wake-up.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from typing import Any

from sqlalchemy import text
from telegram import Update
from telegram.ext import Application
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler, stream_request_body

from bot.runtime import state
from bot.serve.calendar_feed import feed_routes
from bot.storage.migrate import current, head

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1_000_000  # 1 MB: an update is a few kB


@stream_request_body
class UpdateHandler(RequestHandler):
    """``POST <path>``: one update from Telegram, refused without the right secret.

    The body is streamed, so the secret is checked on the headers before any of it is
    read, and no more than ``MAX_BODY_BYTES`` of it is ever kept.
    """

    def initialize(self, app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.app, self.secret = app, secret
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("Refused a webhook post without the right secret token")
            self._refuse(403, "forbidden")
        elif int(self.request.headers.get("Content-Length") or 0) > MAX_BODY_BYTES:
            self._refuse(413, "too large")

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= MAX_BODY_BYTES:  # a body without a length is cut off here
            self.chunks.append(chunk)

    async def post(self) -> None:
        if self.size > MAX_BODY_BYTES:
            self._refuse(413, "too large")
            return
        try:
            data = json.loads(b"".join(self.chunks))
            update = Update.de_json(data, self.app.bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            update = None
        if update is None:
            self._refuse(400, "not an update")
            return
        await self.app.update_queue.put(update)
        self.finish({"ok": True})

    def _refuse(self, status: int, error: str) -> None:
        self.set_status(status)
        self.finish({"ok": False, "error": error})


class HealthHandler(RequestHandler):
    """``GET /healthz``: database reachable and migrated, dispatcher armed."""

    def initialize(self, app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.app = app

    def get(self) -> None:
        self.set_status(200)
        report = health(self.app)
        if not report["ok"]:
            self.set_status(503)
        self.finish(report)


def health(app: Application) -> dict[str, Any]:  # type: ignore[type-arg]
    """Return the health report: database, migration level, dispatcher."""
    shared = state(app)
    report: dict[str, Any] = {"ok": True}
    try:
        with shared.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        level, latest = current(shared.engine), head()
        report["database"] = {"reachable": True, "migration": level, "latest": latest}
        report["ok"] = level == latest
    except Exception as error:  # any failure to reach the database is what we report
        report["database"] = {"reachable": False, "error": type(error).__name__}
        report["ok"] = False
    armed = shared.alarm.armed_for
    report["dispatcher"] = {
        "next_due": armed.isoformat() if armed is not None else None,
        "running": bool(app.running),
    }
    return report


def webhook_server(
    app: Application,  # type: ignore[type-arg]
    *,
    path: str,
    secret: str,
) -> WebApplication:
    """Return the web application: updates at ``path``, ``/healthz``, the calendar feeds."""
    routes: list[Any] = [
        (path, UpdateHandler, {"app": app, "secret": secret}),
        (r"/healthz", HealthHandler, {"app": app, "secret": secret}),
        *feed_routes(state(app).engine),
    ]
    return WebApplication(routes)


async def serve_webhook(
    app: Application,  # type: ignore[type-arg]
    *,
    url: str,
    listen: str,
    port: int,
    path: str,
    secret: str,
) -> None:
    """Run the bot on a webhook until SIGINT or SIGTERM, then stop cleanly."""
    server = webhook_server(app, path=path, secret=secret).listen(port, address=listen)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
    logger.info("Webhook mode: listening on %s:%d%s", listen, port, path)
    try:
        await stopping.wait()
    finally:
        server.stop()
        await app.stop()  # finishes the jobs (and so the sends) in flight
        await app.shutdown()
