"""``/reminders``: what the bot will send this member next, in local times."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.outbox import upcoming
from bot.storage.db import session_scope
from bot.text.i18n import t
from bot.text.views import describe_row
from handlers.common import reply, require_itinerary, require_member


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/reminders``."""
    app.add_handler(CommandHandler("reminders", reminders))


async def reminders(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the member's next reminders and briefings with their local times."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    with session_scope(state(context).engine) as session:
        rows = upcoming(session, member.id)
    if not rows:
        await reply(update, t(member.lang, "reminders_none"))
        return
    lines = [t(member.lang, "reminders_heading")]
    lines += [
        describe_row(itinerary, row.kind, row.due_at, row.event_key, member.lang) for row in rows
    ]
    await reply(update, "\n".join(lines))
