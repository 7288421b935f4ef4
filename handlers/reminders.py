"""``/reminders``: what the bot will send this member next, in local times."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.reading import coming_up
from bot.text.i18n import t
from bot.text.views import describe_row
from handlers.common import member_and_itinerary, reply


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/reminders``."""
    app.add_handler(CommandHandler("reminders", reminders))


async def reminders(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the member's next reminders and briefings with their local times."""
    if not (found := await member_and_itinerary(update, context)):
        return
    member, itinerary = found
    if not (planned := coming_up(state(context).engine, member.id)):
        await reply(update, t(member.lang, "reminders_none"))
        return
    lines = [t(member.lang, "reminders_heading")]
    lines += [describe_row(itinerary, p.kind, p.due_at, p.event_key, member.lang) for p in planned]
    await reply(update, "\n".join(lines))
