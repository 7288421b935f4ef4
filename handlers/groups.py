"""``/register_group``: an organiser lets the bot answer members in a group."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.access import register_chat
from bot.text.i18n import t
from handlers.common import reply, require_organiser


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/register_group``."""
    app.add_handler(CommandHandler("register_group", register_group_))


async def register_group_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Register the group this is sent in (organisers only)."""
    if not (member := await require_organiser(update, context)):
        return
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        await reply(update, t(member.lang, "group_only"))
        return
    shared = state(context)
    register_chat(shared.engine, chat.id, chat.title, by=member.id, now=shared.clock.now())
    await reply(update, t(member.lang, "group_registered"))
