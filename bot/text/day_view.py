"""A day's programme with ◀ ▶ buttons to the previous and next day, kept within the trip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.text.callbacks import CallbackData
from bot.text.i18n import day_label, t
from bot.text.render import render_day
from bot.text.views import Viewer, day_in_trip, not_on_road
from schedule import agenda
from schedule.itinerary import Event, Itinerary


@dataclass(frozen=True)
class DayButton(CallbackData):
    """A button that moves a day view to ``day``: ``day:2021-06-09``."""

    PREFIX: ClassVar[str] = "day"
    day: date


def day_view(
    itinerary: Itinerary,
    mine: Itinerary,
    day: date,
    viewer: Viewer,
    cancelled: Sequence[Event] = (),
) -> tuple[str, InlineKeyboardMarkup]:
    """Return a day of ``mine`` (what the member sees of ``itinerary``) and its ◀ ▶ buttons.

    ``cancelled`` are the day's events taken off the programme that the member would have
    seen: they stay in the day, struck through."""
    text = render_day(
        agenda.day_agenda(mine.events, mine.stops, day),
        mine,
        lang=viewer.lang,
        home=viewer.home,
        details=True,
        cancelled=cancelled,
    )
    if not day_in_trip(itinerary, day) and (note := not_on_road(itinerary, viewer.lang)):
        text += f"\n{note}"
    return text, day_keyboard(itinerary, day, viewer.lang)


def day_keyboard(itinerary: Itinerary, day: date, lang: str) -> InlineKeyboardMarkup:
    """Return buttons to the previous and next day; outside the trip, one back into it."""
    span = agenda.trip_span(itinerary.stops)
    if span is None:
        return InlineKeyboardMarkup([])
    first, last = span
    if day < first:
        return InlineKeyboardMarkup([[_button(lang, "day_button_next", first)]])
    if day > last:
        return InlineKeyboardMarkup([[_button(lang, "day_button_prev", last)]])
    buttons = []
    if day > first:
        buttons.append(_button(lang, "day_button_prev", day - timedelta(days=1)))
    if day < last:
        buttons.append(_button(lang, "day_button_next", day + timedelta(days=1)))
    return InlineKeyboardMarkup([buttons])


def _button(lang: str, label: str, target: date) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t(lang, label, day=day_label(lang, target)), callback_data=DayButton(target).pack()
    )
