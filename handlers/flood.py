"""The flood guard in front of the gate: each chat gets a few updates a second.

Runs in its own handler group before the access gate, so an excess update is dropped
before it costs a reply or a database read. A flood is told to slow down once, and only in
a known member's private chat: a stranger hears nothing beyond the gate's daily refusal.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.runtime import state
from bot.text.i18n import t
from handlers.common import require_member

FLOOD_GROUP = -20  # before the gate's -10
logger = logging.getLogger(__name__)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Put the flood guard in front of the gate."""
    app.add_handler(TypeHandler(Update, guard), group=FLOOD_GROUP)


def _paced_chat(update: Update) -> int | None:
    """Return the chat (or, for inline queries, the user) a message or button counts for."""
    # Membership changes (my_chat_member) are Telegram's, not the sender's: never dropped.
    if not (update.message or update.edited_message or update.callback_query):
        return update.inline_query.from_user.id if update.inline_query else None
    chat = update.effective_chat
    return chat.id if chat is not None else None


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop an update from a chat over its rate; warn a member once a flood."""
    if (chat_id := _paced_chat(update)) is None:
        return
    shared = state(context)
    verdict = shared.flood.admit(chat_id, shared.pace.now())
    if verdict.allowed:
        return
    if verdict.warn:
        logger.info("Chat %s is flooding: dropping its updates for a moment", chat_id)
        await _warn(update, context)
    raise ApplicationHandlerStop


async def _warn(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    # One read per flood, not per update: who is asking decides whether anyone hears it.
    if (member := await require_member(update, context)) is None:
        return
    await chat.send_message(t(member.lang, "slow_down"))
