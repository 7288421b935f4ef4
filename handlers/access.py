"""The gate in front of every handler: strangers get one polite refusal and nothing else.

Runs in its own handler group before all others. A stranger may only redeem an invite
(``/start <code>`` in a private chat). In groups the bot answers only where an organiser
registered it; elsewhere it stays silent, except for an organiser's ``/register_group``.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.runtime import state
from bot.services.access import admission
from bot.text.i18n import pick_language, t
from handlers.common import telegram_user

GATE_GROUP = -10


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
    shared = state(context)
    group_id = None if private or chat is None else chat.id
    seen = admission(shared.engine, user, group_id=group_id, now=shared.clock.now())
    command, args = _command(update)
    if seen.role is None:
        if private and command == "start" and args:
            return  # an invite to redeem
        if private or update.callback_query or update.inline_query:
            await refuse(update, pick_language(None, user.language_code))
        raise ApplicationHandlerStop
    if not seen.registered and not (command == "register_group" and seen.role == "organiser"):
        raise ApplicationHandlerStop


async def refuse(update: Update, lang: str) -> None:
    """Say, once and politely, that the bot is for members only."""
    text = t(lang, "stranger")
    if (query := update.callback_query) is not None:
        await query.answer(text, show_alert=True)
    elif (inline := update.inline_query) is not None:
        await inline.answer([], cache_time=0, is_personal=True)
    elif (chat := update.effective_chat) is not None:
        await chat.send_message(text)
