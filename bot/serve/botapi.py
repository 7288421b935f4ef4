"""The one place a Bot API client is built: token, base URLs, Defaults and rate limiter."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, BaseRateLimiter, Defaults, ExtBot
from telegram.request import BaseRequest

from bot.config import Settings

LOCAL_TOKEN = "0:local"  # the local Bot API accepts any token
TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
TELEGRAM_BASE_FILE_URL = "https://api.telegram.org/file/bot"

Builder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


def bot_defaults() -> Defaults:
    """Return the defaults of every message the bot sends: HTML, no link previews."""
    # No tzinfo here: pytz stays in schedule/zones.py, and PTB deprecates it in Defaults.
    return Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


def make_bot(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> ExtBot[Any]:
    """Return a Bot API client for ``settings``, with the bot's defaults and limiter."""
    return ExtBot(
        settings.token or LOCAL_TOKEN,
        base_url=settings.api_base_url or TELEGRAM_BASE_URL,
        base_file_url=settings.api_base_file_url or TELEGRAM_BASE_FILE_URL,
        request=request,
        defaults=bot_defaults(),
        rate_limiter=rate_limiter,
    )


def configure(
    builder: Builder,
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> Builder:
    """Give an ApplicationBuilder the same bot settings ``make_bot`` uses."""
    # PTB's builder takes the parts, not a ready ExtBot, if the Application is to own its
    # requests (get_updates) and limiter; so the same parts are passed one by one.
    builder = builder.token(settings.token or LOCAL_TOKEN).defaults(bot_defaults())
    builder = builder.base_url(settings.api_base_url or TELEGRAM_BASE_URL)
    builder = builder.base_file_url(settings.api_base_file_url or TELEGRAM_BASE_FILE_URL)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    return builder


def ask_username(settings: Settings) -> str:
    """Ask the Bot API who we are (getMe) and return the bot's username; raise TelegramError."""

    async def ask() -> str:
        async with make_bot(settings) as bot:
            return bot.username

    return asyncio.run(ask())
