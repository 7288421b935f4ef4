"""Read a question: its intents, the people, organisations and places it names, its day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.answers.names import HANGUL, Match, cached_index, find_entities, fold
from bot.answers.vocabulary import DAY_PATTERNS, HOME_WORDS, KEYWORDS, VOCABULARY
from schedule.dates import parse_day
from schedule.itinerary import Itinerary, Stop


@dataclass(frozen=True)
class Question:
    """What a question asks: an intent and what it names."""

    text: str
    lang: str
    intents: frozenset[str]
    people: tuple[Match, ...] = ()
    organisations: tuple[Match, ...] = ()
    places: tuple[Stop, ...] = ()
    day: date | None = None
    home: bool = False


def language_of(text: str) -> str:
    """Return ``ko`` for a question with Hangul in it, else ``en``."""
    return "ko" if HANGUL.search(text) else "en"


def understand(text: str, itinerary: Itinerary, *, today: date) -> Question:
    """Read a question: its intents, the entities it names and the day it means."""
    folded = f" {fold(text)} "
    raw = f" {text.lower()} "
    intents = frozenset(
        intent
        for intent, words in KEYWORDS.items()
        if any((f" {w}" in folded) or (w in raw and HANGUL.search(w)) for w in words)
    )
    index = cached_index(itinerary)
    matches = find_entities(text, index, skip=VOCABULARY)
    stops = {s.city: s for s in itinerary.stops}
    return Question(
        text=text,
        lang=language_of(text),
        intents=intents,
        people=tuple(m for m in matches if m.entity.kind == "person"),
        organisations=tuple(m for m in matches if m.entity.kind == "organisation"),
        places=tuple(stops[m.entity.key] for m in matches if m.entity.kind == "place"),
        day=find_day(text, today),
        home=any(f" {w} " in folded or (HANGUL.search(w) and w in text) for w in HOME_WORDS),
    )


def find_day(text: str, today: date) -> date | None:
    """Return the first day the question names, read in the delegation's calendar.

    A day of the month alone ("the 12th", "11일") is in the month the delegation is in.
    """
    lowered = text.lower()
    for pattern in DAY_PATTERNS:
        for found in re.finditer(pattern, lowered):
            if (day := parse_day(found.group(0).replace(" of ", " "), today=today)) is not None:
                return day
    alone = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)\b|(?<![\d월])(\d{1,2})\s*일", lowered)
    if alone:
        try:
            return today.replace(day=int(alone.group(1) or alone.group(2)))
        except ValueError:
            return None
    return None
