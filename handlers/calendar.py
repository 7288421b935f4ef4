"""``/ics``: the member's own events as a calendar file."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.itinerary.export import to_ics
from bot.runtime import state
from bot.text.i18n import t
from handlers.common import reply, require_itinerary, require_member, visible


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/ics``."""
    app.add_handler(CommandHandler("ics", ics))


async def ics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the events this member attends as an iCalendar file."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
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
