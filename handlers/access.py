"""The gate in front of every handler: strangers get one polite refusal a day, then silence.

Runs in its own handler group before all others (after the flood guard). A stranger may
only redeem an invite (``/start <code>`` in a private chat). In groups the bot answers only
where an organiser registered it; elsewhere it stays silent, except for an organiser's
``/register_group``. When the gate itself fails, the update stops here with one apology.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.runtime import state
from bot.services.access import Admission, admission
from bot.services.members import TelegramUser
from bot.text.i18n import pick_language, t
from handlers.common import telegram_user

GATE_GROUP = -10
logger = logging.getLogger(__name__)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Put the gate in front of every other handler."""
    app.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)


def _command(update: Update) -> tuple[str, list[str]]:
    message = update.message
    text = message.text if message and message.text else ""
    if not text.startswith("/"):
        return "", []
    head, *args = text.split()
    return head[1:].split("@")[0].lower(), args


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let members through; refuse strangers; keep quiet in unregistered groups."""
    user = telegram_user(update)
    if user is None:
        raise ApplicationHandlerStop
    chat = update.effective_chat
    private = chat is None or chat.type == ChatType.PRIVATE
    group_id = None if private or chat is None else chat.id
    seen = await _admit(update, context, user, group_id)
    if seen.healed:
        state(context).alarm.arm()  # what they missed was re-planned: send it now, not in a minute
    command, args = _command(update)
    if seen.role is None:
        if private and command == "start" and args:
            return  # an invite to redeem
        if (
            update.callback_query
            or update.inline_query
            or (private and _first_today(context, user))
        ):
            await refuse(update, pick_language(None, user.language_code))
        raise ApplicationHandlerStop
    if not seen.registered and not (command == "register_group" and seen.role == "organiser"):
        raise ApplicationHandlerStop


def _first_today(context: ContextTypes.DEFAULT_TYPE, user: TelegramUser) -> bool:
    """Tell whether a stranger's message gets the refusal: the first one of the (UTC) day."""
    # A button or inline query is answered every time (an alert, not a message in the
    # chat); messages are what a flood of refusals would be made of.
    shared = state(context)
    return shared.flood.first_refusal_today(user.id, shared.clock.now().date())


async def _admit(
    update: Update, context: ContextTypes.DEFAULT_TYPE, user: TelegramUser, group_id: int | None
) -> Admission:
    """Return the admission; if the gate cannot tell (database locked), stop the update."""
    shared = state(context)
    try:
        return admission(shared.engine, user, group_id=group_id, now=shared.clock.now())
    except Exception:
        # PTB would hand this to the error handler and then run the later groups anyway:
        # an update the gate could not check must never reach a feature handler.
        logger.exception("The access gate failed on update %s", update.update_id)
        await _apologise(update, pick_language(None, user.language_code))
        raise ApplicationHandlerStop from None


async def _apologise(update: Update, lang: str) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    try:
        await chat.send_message(t(lang, "error"))
    except Exception:  # the apology is best effort; the failure is already logged
        logger.warning("Could not send the apology", exc_info=True)


async def refuse(update: Update, lang: str) -> None:
    """Say, once and politely, that the bot is for members only."""
    text = t(lang, "stranger")
    if (query := update.callback_query) is not None:
        await query.answer(text, show_alert=True)
    elif (inline := update.inline_query) is not None:
        await inline.answer([], cache_time=0, is_personal=True)
    elif (chat := update.effective_chat) is not None:
        await chat.send_message(text)
