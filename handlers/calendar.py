"""``/ics``: the member's own events as a calendar file; ``/calendar``: a feed to subscribe to."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.access import MemberView
from bot.services.calendars import calendar_address, calendar_file
from bot.text.calendar_view import render_calendar_address
from bot.text.i18n import t
from handlers.common import member_and_itinerary, reply, require_member


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/ics``, ``/calendar`` and ``/calendar_reset``."""
    app.add_handler(CommandHandler("ics", ics))
    app.add_handler(CommandHandler("calendar", calendar))
    # The same as "/calendar reset", as one tappable word (and for the Korean catalogue).
    app.add_handler(CommandHandler("calendar_reset", calendar_reset))


async def ics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the events this member attends as an iCalendar file."""
    if not (found_member := await member_and_itinerary(update, context)):
        return
    member, _ = found_member
    shared = state(context)
    # Organisers see every event; their own calendar holds only the ones they attend.
    found = calendar_file(shared.engine, member_key=member.key, now=shared.clock.now())
    if found is None or (chat := update.effective_chat) is None:
        await reply(update, t(member.lang, "ics_none"))
        return
    data, count = found
    await chat.send_document(
        data,
        filename=f"comitiva-{member.key}.ics",
        caption=t(member.lang, "ics_caption", count=count),
    )


async def calendar(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Give the member their private calendar address; ``/calendar reset`` makes a new one."""
    if not (member := await require_member(update, context)):
        return
    words = [w.lower() for w in context.args or ()]
    if words not in ([], ["reset"]):
        await reply(update, t(member.lang, "calendar_usage"))
        return
    await _give_address(update, context, member, reset=words == ["reset"])


async def calendar_reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Revoke the member's calendar address and give a new one."""
    if member := await require_member(update, context):
        await _give_address(update, context, member, reset=True)


async def _give_address(
    update: Update, context: ContextTypes.DEFAULT_TYPE, member: MemberView, *, reset: bool
) -> None:
    # The address opens the member's programme to whoever reads it: never in a group.
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        await reply(update, t(member.lang, "calendar_private_only"))
        return
    shared = state(context)
    token = calendar_address(
        shared.engine, member_key=member.key, now=shared.clock.now(), reset=reset
    )
    text = render_calendar_address(member.lang, token, shared.calendar_url, reset=reset)
    await reply(update, text)
