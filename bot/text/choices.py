"""Buttons for a question that could mean several people or organisations, and their cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers.engine import Answer, organisation_card, person_card
from bot.text.callbacks import CallbackData
from schedule.itinerary import Itinerary


@dataclass(frozen=True)
class WhoButton(CallbackData):
    """The one a member meant: ``who:person:mossi`` or ``who:organisation:cabei``."""

    PREFIX: ClassVar[str] = "who"
    kind: str  # person | organisation
    key: str


def choices_keyboard(result: Answer) -> InlineKeyboardMarkup | None:
    """Return one button per person or organisation the question could mean."""
    if not result.choices:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(c.label, callback_data=WhoButton(c.kind, c.key).pack())]
            for c in result.choices
        ]
    )


def chosen_card(
    itinerary: Itinerary, mine: Itinerary, button: WhoButton, now: datetime, lang: str
) -> str | None:
    """Return the card of the one pressed, with the meetings in ``mine``; None if unknown."""
    if button.kind == "person" and any(c.key == button.key for c in itinerary.counterparts):
        return person_card(itinerary, button.key, mine.events, now, lang).text
    if button.kind == "organisation" and any(o.key == button.key for o in itinerary.organisations):
        return organisation_card(itinerary, button.key, mine.events, now, lang).text
    return None
