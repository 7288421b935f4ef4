"""The programme: ``/today``, ``/tomorrow``, ``/agenda <day>``, ``/next``, ``/now``, ``/trip``.

Day views carry ◀ ▶ buttons that edit the same message to the previous or next day.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.cancelled import cancelled_on
from bot.text.day_view import DayButton, day_view
from bot.text.i18n import t
from bot.text.views import render_next, render_now, render_trip
from handlers.common import (
    MemberView,
    current_itinerary,
    edit,
    local_today,
    member_and_itinerary,
    pressed,
    reply,
    visible,
)
from schedule import agenda
from schedule.dates import parse_day
from schedule.itinerary import Itinerary


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the programme commands and the day buttons."""
    commands = {
        "today": today,
        "tomorrow": tomorrow,
        "agenda": agenda_,
        "next": next_,
        "now": now,
        "trip": trip,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(on_day, pattern=DayButton.pattern()))


def _view(
    context: ContextTypes.DEFAULT_TYPE, itinerary: Itinerary, day: date, member: MemberView
) -> tuple[str, InlineKeyboardMarkup]:
    cancelled = cancelled_on(
        state(context).engine,
        day=day,
        key=member.key,
        groups=member.groups,
        organiser=member.is_organiser,
    )
    return day_view(itinerary, visible(itinerary, member), day, member.viewer, cancelled)


async def _show_day(update: Update, context: ContextTypes.DEFAULT_TYPE, offset: int) -> None:
    if not (found := await member_and_itinerary(update, context)):
        return
    member, itinerary = found
    day = local_today(itinerary, context) + timedelta(days=offset)
    await reply(update, *_view(context, itinerary, day, member))


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send today's programme in local times."""
    await _show_day(update, context, 0)


async def tomorrow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send tomorrow's programme in local times."""
    await _show_day(update, context, 1)


async def agenda_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the programme of the day named after the command (today if none)."""
    if not (found := await member_and_itinerary(update, context)):
        return
    member, itinerary = found
    today_ = local_today(itinerary, context)
    text = " ".join(context.args or [])
    day = parse_day(text, today=today_) if text else today_
    if day is None:
        await reply(update, t(member.lang, "bad_day", text=f"<i>{html.escape(text)}</i>"))
        return
    await reply(update, *_view(context, itinerary, day, member))


async def on_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Move a day view to another day, editing the message in place."""
    if not (found := await pressed(update, context, DayButton)):
        return
    query, button, member = found
    await query.answer()
    if (itinerary := current_itinerary(context)) is None:
        return
    await edit(query, *_view(context, itinerary, button.day, member))


async def next_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the next event: when and how soon, where, with whom, a map link."""
    if not (found := await member_and_itinerary(update, context)):
        return
    member, itinerary = found
    mine = visible(itinerary, member)
    moment = state(context).clock.now()
    await reply(
        update, render_next(mine, agenda.next_event(mine.events, moment), moment, member.viewer)
    )


async def now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send where the delegation is and the time in every city of the trip and at home."""
    if found := await member_and_itinerary(update, context):
        member, itinerary = found
        await reply(update, render_now(itinerary, state(context).clock.now(), member.viewer))


async def trip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the whole itinerary, city by city."""
    if found := await member_and_itinerary(update, context):
        member, itinerary = found
        await reply(update, render_trip(visible(itinerary, member), member.lang))
