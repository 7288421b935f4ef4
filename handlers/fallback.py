"""What the bot says to a member's unknown command (plain words go to ``questions``)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.text.i18n import t
from handlers.common import reply, require_member


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Answer unknown commands; must come after every other handler."""
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point the member to /help."""
    if member := await require_member(update, context):
        await reply(update, t(member.lang, "unknown_command"))
