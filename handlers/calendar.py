"""``/ics``: the member's own events as a calendar file."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.itinerary.export import to_ics
from bot.runtime import state
from bot.text.i18n import t
from handlers.common import member_and_itinerary, reply, visible


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/ics``."""
    app.add_handler(CommandHandler("ics", ics))


async def ics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the events this member attends as an iCalendar file."""
    if not (found := await member_and_itinerary(update, context)):
        return
    member, itinerary = found
    # Organisers see every event; their own calendar holds only the ones they attend.
    mine = visible(itinerary, replace(member, role="member"))
    if not mine.events or (chat := update.effective_chat) is None:
        await reply(update, t(member.lang, "ics_none"))
        return
    data = to_ics(mine, now=state(context).clock.now())
    await chat.send_document(
        data,
        filename=f"comitiva-{member.key}.ics",
        caption=t(member.lang, "ics_caption", count=len(mine.events)),
    )
