"""Running the bot for real: long polling against Telegram or a self-hosted Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import secrets
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import Engine
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer

from bot.app import build_application
from bot.config import Settings
from bot.delivery.dispatcher import Dispatcher, Outcome
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.offline.localapi import LocalBotApi
from bot.offline.sandbox import serve
from bot.runtime import STATE_KEY, state
from bot.serve.botapi import make_bot
from bot.serve.calendar_feed import feed_server
from bot.serve.webhook import serve_webhook
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from schedule import agenda, zones
from schedule.clock import Clock

logger = logging.getLogger(__name__)
EXIT_NO_TOKEN, EXIT_BAD_TOKEN, EXIT_NETWORK = 3, 4, 5


def setup_logging(
    level: int = logging.INFO, *, secrets: tuple[str, ...] = (), json_lines: bool = False
) -> None:
    """Log one line per event (JSON if asked), never showing a secret; quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(secrets) if json_lines else RedactingFormatter(secrets))
    handler.addFilter(_not_invalid_token)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name in ("httpx", "httpcore", "apscheduler", "tornado.access"):
        logging.getLogger(name).setLevel(logging.WARNING)


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Return ``text`` with every secret, and the secret half of a bot token, blanked out."""
    for secret in secrets:
        if not secret:
            continue
        # PTB and httpx may quote the token whole, or only what follows the bot's id.
        _, _, tail = secret.partition(":")
        for part in (secret, tail if len(tail) >= 8 else ""):
            if part:
                text = text.replace(part, "<token>")
    return text


REJECTED = "the Bot API rejected the token; check TELEGRAM_BOT_TOKEN"


def explain(error: TelegramError, secrets: Iterable[str | None]) -> str:
    """Say in one line, without the token, what the Bot API's refusal means."""
    if isinstance(error, InvalidToken):  # 401, or 404 for a malformed token or a wrong URL
        return REJECTED
    if isinstance(error, NetworkError):
        return redact(f"cannot reach the Bot API: {error}", secrets)
    return redact(f"the Bot API refused: {error}", secrets)


class RedactingFormatter(logging.Formatter):
    """Formats records and blanks out every secret (the bot token) in the result."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


class JsonFormatter(RedactingFormatter):
    """One JSON object a line, with the member and outbox row a send was for."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in ("member", "outbox_row", "chat"):
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False), self.secrets)


def _not_invalid_token(record: logging.LogRecord) -> bool:
    """Drop PTB's traceback for a rejected token: ``run`` says so in one line."""
    return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def rehearsal_start(engine: Engine, text: str, zone_name: str | None) -> datetime:
    """Read ``--at`` as local time in ``zone_name``, else where the delegation is that day."""
    naive = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")  # noqa: DTZ007 - localised below
    if zone_name is None:
        with session_scope(engine) as session:
            itinerary = load_itinerary(session)
        stops = agenda.stops_on(itinerary.stops, naive.date()) if itinerary else ()
        home = itinerary.delegation.home_timezone if itinerary else "UTC"
        zone_name = stops[0].timezone if stops else home
    return zones.localize(naive, zone_name)


def fail(reason: str) -> None:
    """Print one line saying why ``comitiva run`` stops."""
    print(f"comitiva run: {reason}", file=sys.stderr)


def run_bot(
    settings: Settings,
    engine: Engine,
    clock: Clock,
    *,
    rehearsal: bool = False,
    calendar: CalendarOptions | None = None,
) -> int:
    """Poll for updates until SIGINT or SIGTERM; return the exit code."""
    if not settings.token:
        fail("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        return EXIT_NO_TOKEN
    app = build_application(settings, clock, engine=engine)
    if calendar is not None:
        serve_calendar_feed(app, calendar)
    if rehearsal:
        start = f"{clock.now():%Y-%m-%d %H:%M}"
        logger.warning("Rehearsal: the clock starts at %s UTC and runs on in real time", start)
    signals = (signal.SIGINT, signal.SIGTERM)
    return until_stopped(
        lambda: app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=signals),
        (settings.token,),
    )


def until_stopped(serve: Callable[[], object], secrets: tuple[str | None, ...] = ()) -> int:
    """Run ``serve``; turn a rejected token or an unreachable Bot API into one line."""
    try:
        serve()
    except InvalidToken as error:
        fail(explain(error, ()))
        return EXIT_BAD_TOKEN
    except NetworkError as error:
        fail(explain(error, secrets))
        return EXIT_NETWORK
    return 0


def run_webhook_bot(
    settings: Settings, engine: Engine, clock: Clock, options: WebhookOptions
) -> int:
    """Serve the webhook until SIGINT or SIGTERM; return the exit code."""
    if not settings.token:
        fail("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        return EXIT_NO_TOKEN
    app = build_application(settings, clock, engine=engine, webhook=True)
    public = options.public_url or _origin(options.url)
    app.bot_data[STATE_KEY] = replace(state(app), calendar_url=public)
    serve = functools.partial(
        serve_webhook,
        app,
        url=options.url,
        listen=options.listen,
        port=options.port,
        path=options.path,
        secret=options.secret or secrets.token_urlsafe(32),
    )
    return until_stopped(lambda: asyncio.run(serve()), (settings.token,))


@dataclass(frozen=True)
class WebhookOptions:
    """Where Telegram posts and where we listen."""

    url: str
    listen: str = "0.0.0.0"
    port: int = 8443
    path: str = "/telegram"
    secret: str | None = None
    public_url: str | None = None  # for calendar links; default: the webhook URL's origin


def _origin(url: str) -> str:
    """Return ``scheme://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class CalendarOptions:
    """Polling mode's calendar feed: where it listens and the address members are given."""

    port: int
    listen: str = "0.0.0.0"
    public_url: str | None = None

    @property
    def url(self) -> str:
        """Return the public base URL, or this machine's address when none was given."""
        host = "127.0.0.1" if self.listen in ("0.0.0.0", "::", "") else self.listen
        return (self.public_url or f"http://{host}:{self.port}").rstrip("/")


def serve_calendar_feed(app: Application, options: CalendarOptions) -> None:  # type: ignore[type-arg]
    """Serve the calendar feed on its own port for as long as the polling bot runs."""
    app.bot_data[STATE_KEY] = replace(state(app), calendar_url=options.url)
    before_init, before_shutdown = app.post_init, app.post_shutdown
    servers: list[HTTPServer] = []

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        if before_init is not None:
            await before_init(application)
        server = feed_server(state(application).engine)
        servers.append(server.listen(options.port, address=options.listen))
        logger.info("Calendar feeds: %s/calendar/<token>.ics", options.url)

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        for server in servers:
            server.stop()
        if before_shutdown is not None:
            await before_shutdown(application)

    app.post_init, app.post_shutdown = post_init, post_shutdown


def run_worker(settings: Settings, engine: Engine, clock: Clock, *, once: bool = False) -> int:
    """Send due outbox rows until SIGTERM (or, with ``once``, until none is due).

    Several workers may share one PostgreSQL database: claims skip locked rows, so no
    row is sent twice; a worker stopped by SIGTERM finishes the send in flight.
    """
    request = HTTPXRequest(connection_pool_size=8)
    # The Sender does no pacing of its own: the limiter does.
    bot = make_bot(settings, request=request, rate_limiter=ChatRateLimiter())
    dispatcher = Dispatcher(engine, clock, Sender(bot))
    stopping = asyncio.Event()

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        dispatcher.recover()
        async with bot:
            while not stopping.is_set():
                outcome = await dispatcher.run_due(stop=stopping)
                if once and outcome == Outcome():
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), timeout=1.0)

    asyncio.run(main())
    return 0


def run_sandbox(port: int, token: str | None, clock: Clock) -> int:
    """Serve the local Bot API over HTTP until interrupted."""
    api = LocalBotApi(clock=clock)
    print(f"Local Bot API: TELEGRAM_API_BASE_URL=http://127.0.0.1:{port}/bot", flush=True)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, task.cancel)
        await serve(api, port, token=token)

    with contextlib.suppress(asyncio.CancelledError, KeyboardInterrupt):
        asyncio.run(main())
    return 0
