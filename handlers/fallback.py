"""What the bot says to a member's unknown command or plain text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.i18n import t
from handlers.common import reply, require_member


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Answer unknown commands and plain text; must come after every other handler."""
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, plain_text))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point the member to /help."""
    if member := await require_member(update, context):
        await reply(update, t(member.lang, "unknown_command"))


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point the member to the commands (questions in plain words come later)."""
    chat = update.effective_chat
    # In a group, plain talk among members is not addressed to the bot.
    if chat and chat.type == "private" and (member := await require_member(update, context)):
        await reply(update, t(member.lang, "plain_text"))
