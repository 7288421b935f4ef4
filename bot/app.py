"""Wiring: build the python-telegram-bot Application with every feature, in order."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes
from telegram.request import BaseRequest

from bot.config import Settings
from bot.delivery.alarm import Alarm
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.runtime import STATE_KEY, BotState
from bot.serve.botapi import LOCAL_TOKEN as LOCAL_TOKEN  # tests build bots with it
from bot.serve.botapi import configure
from bot.text.i18n import CATALOGUES, pick_language, t
from handlers import (
    access,
    agenda,
    announce,
    calendar,
    fallback,
    flood,
    groups,
    invites,
    linking,
    member_groups,
    membership,
    organisers,
    questions,
    reminders,
    settings,
    start,
)
from schedule.clock import Clock

logger = logging.getLogger(__name__)
COMMANDS = (
    "today", "tomorrow", "agenda", "next", "now", "who", "people", "trip", "reminders", "ics",
    "calendar", "settings", "help",
)  # fmt: skip


def build_application(
    settings_: Settings,
    clock: Clock,
    request: BaseRequest | None = None,
    *,
    engine: Engine,
    rate_limit: bool = True,
    per_chat_rate: float = 1.0,
    webhook: bool = False,
) -> Application:  # type: ignore[type-arg]
    """Return the Application with every feature registered; nothing runs yet."""
    # The one limiter for replies and outbox sends alike: the Sender does no pacing.
    limiter = ChatRateLimiter(private_rate=per_chat_rate, max_retries=3) if rate_limit else None
    builder = configure(Application.builder(), settings_, request=request, rate_limiter=limiter)
    builder = builder.post_init(_post_init)
    if webhook:
        builder = builder.updater(None)  # updates arrive through bot.serve.webhook, not polling
    app = builder.build()
    sender = Sender(app.bot)
    alarm = Alarm(app, engine, clock, Dispatcher(engine, clock, sender))
    app.bot_data[STATE_KEY] = BotState(engine=engine, settings=settings_, clock=clock, alarm=alarm)
    # Note: order matters. Each of the first three runs in its own group, before every
    # feature: the flood guard (-20) drops a chat's excess before any database work; the
    # my_chat_member handler (-15) records blocks and unblocks and ends those updates; the
    # gate (-10) stops strangers, and stops the update when it cannot tell. The fallback
    # answers whatever no feature took, so it comes last.
    flood.register(app)
    membership.register(app)
    access.register(app)
    start.register(app)
    agenda.register(app)
    calendar.register(app)
    reminders.register(app)
    announce.register(app)
    organisers.register(app)
    invites.register(app)
    linking.register(app)
    questions.register(app)  # its plain-text handler must come before the fallback's
    settings.register(app)
    groups.register(app)
    member_groups.register(app)
    fallback.register(app)
    app.add_error_handler(error_handler)
    return app


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    """Publish the command menu in each language and say who we are."""
    for lang in CATALOGUES:
        commands = [BotCommand(name, t(lang, f"cmd_{name}")) for name in COMMANDS]
        await app.bot.set_my_commands(commands, language_code=None if lang == "en" else lang)
    logger.info("Comitiva is running as @%s", app.bot.username)
    await app.bot_data[STATE_KEY].alarm.start()


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback and apologise to the member."""
    logger.error("Update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    lang = pick_language(None, user.language_code if user else None)
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    try:
        await update.effective_chat.send_message(t(lang, "error"))
    except Exception:  # the apology is best effort; the failure is already logged
        logger.warning("Could not send the apology", exc_info=True)
