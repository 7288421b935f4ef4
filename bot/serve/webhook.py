"""Webhook mode: Telegram posts updates to us; ``/healthz`` tells a load balancer we are well.

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
from tornado.web import RequestHandler

from bot.runtime import state
from bot.storage.migrate import current, head

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class UpdateHandler(RequestHandler):
    """``POST <path>``: one update from Telegram, refused without the right secret."""

    def initialize(self, app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.app, self.secret = app, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("Refused a webhook post without the right secret token")
            self.set_status(403)
            self.finish({"ok": False, "error": "forbidden"})
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            self.finish({"ok": False, "error": "not an update"})
            return
        await self.app.update_queue.put(update)
        self.finish({"ok": True})


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
    routes = [
        (path, UpdateHandler, {"app": app, "secret": secret}),
        (r"/healthz", HealthHandler, {"app": app, "secret": secret}),
    ]
    server = WebApplication(routes).listen(port, address=listen)
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
