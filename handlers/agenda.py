"""The programme: ``/today``, ``/tomorrow``, ``/agenda <day>``, ``/next``, ``/now``, ``/trip``.

Day views carry ◀ ▶ buttons that edit the same message to the previous or next day.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.text.i18n import day_label, t
from bot.text.render import render_day
from bot.text.views import day_in_trip, not_on_road, render_next, render_now, render_trip
from handlers.common import (
    MemberView,
    current_itinerary,
    local_today,
    reply,
    require_itinerary,
    require_member,
    visible,
)
from schedule import agenda
from schedule.dates import parse_day
from schedule.itinerary import Itinerary

DAY_PREFIX = "day:"


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the programme commands and the day buttons."""
    app.add_handler(CommandHandler("today", today))
    app.add_handler(CommandHandler("tomorrow", tomorrow))
    app.add_handler(CommandHandler("agenda", agenda_))
    app.add_handler(CommandHandler("next", next_))
    app.add_handler(CommandHandler("now", now))
    app.add_handler(CommandHandler("trip", trip))
    app.add_handler(CallbackQueryHandler(on_day, pattern=f"^{DAY_PREFIX}"))


def day_view(
    itinerary: Itinerary, day: date, member: MemberView
) -> tuple[str, InlineKeyboardMarkup]:
    """Return a day's programme for ``member`` and its ◀ ▶ buttons."""
    mine = visible(itinerary, member)
    text = render_day(
        agenda.day_agenda(mine.events, mine.stops, day),
        mine,
        lang=member.lang,
        home=member.show_home_time,
    )
    if not day_in_trip(itinerary, day) and (note := not_on_road(itinerary, member.lang)):
        text += f"\n{note}"
    return text, day_keyboard(itinerary, day, member.lang)


def day_keyboard(itinerary: Itinerary, day: date, lang: str) -> InlineKeyboardMarkup:
    """Return buttons to the previous and next day, kept within the trip."""
    span = agenda.trip_span(itinerary.stops)
    buttons = []
    if span is None:
        return InlineKeyboardMarkup([])
    first, last = span
    if day < first or day > last:
        target = first if day < first else last
        label = t(
            lang,
            "day_button_next" if day < first else "day_button_prev",
            day=day_label(lang, target),
        )
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=f"{DAY_PREFIX}{target}")]]
        )
    if day > first:
        previous = day - timedelta(days=1)
        buttons.append(
            InlineKeyboardButton(
                t(lang, "day_button_prev", day=day_label(lang, previous)),
                callback_data=f"{DAY_PREFIX}{previous}",
            )
        )
    if day < last:
        following = day + timedelta(days=1)
        buttons.append(
            InlineKeyboardButton(
                t(lang, "day_button_next", day=day_label(lang, following)),
                callback_data=f"{DAY_PREFIX}{following}",
            )
        )
    return InlineKeyboardMarkup([buttons])


async def _show_day(update: Update, context: ContextTypes.DEFAULT_TYPE, offset: int) -> None:
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    day = local_today(itinerary, context) + timedelta(days=offset)
    await reply(update, *day_view(itinerary, day, member))


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send today's programme in local times."""
    await _show_day(update, context, 0)


async def tomorrow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send tomorrow's programme in local times."""
    await _show_day(update, context, 1)


async def agenda_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the programme of the day named after the command (today if none)."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    today_ = local_today(itinerary, context)
    text = " ".join(context.args or [])
    day = parse_day(text, today=today_) if text else today_
    if day is None:
        await reply(update, t(member.lang, "bad_day", text=f"<i>{html.escape(text)}</i>"))
        return
    await reply(update, *day_view(itinerary, day, member))


async def on_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Move a day view to another day, editing the message in place."""
    query = update.callback_query
    if query is None or not (member := await require_member(update, context)):
        return
    await query.answer()
    itinerary = current_itinerary(context)
    try:
        day = date.fromisoformat((query.data or "")[len(DAY_PREFIX) :])
    except ValueError:
        return
    if itinerary is None:
        return
    text, keyboard = day_view(itinerary, day, member)
    try:
        await query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=keyboard, disable_web_page_preview=True
        )
    except BadRequest as error:
        if "not modified" not in str(error):
            raise


async def next_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the next event: when and how soon, where, with whom, a map link."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    mine = visible(itinerary, member)
    moment = state(context).clock.now()
    await reply(
        update, render_next(mine, agenda.next_event(mine.events, moment), moment, member.viewer)
    )


async def now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send where the delegation is and the time in every city of the trip and at home."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    await reply(update, render_now(itinerary, state(context).clock.now(), member.viewer))


async def trip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the whole itinerary, city by city."""
    if not (member := await require_member(update, context)):
        return
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    await reply(update, render_trip(visible(itinerary, member), member.lang))
