"""Find the event an organiser means by its key, its title or a few words of it.

Under pressure nobody types ``cabei-meeting``: ``CABEI``, ``meeting with cabei`` or a typo
of it must do. The best tier that finds anything wins; several events in it are for the
organiser to pick from, never for us to guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from difflib import SequenceMatcher

from bot.answers.names import fold
from schedule import agenda
from schedule.itinerary import Event, Itinerary

MAX_CHOICES = 8  # buttons offered for an ambiguous name: more is a list nobody reads
FUZZY = 0.8  # how close a typed word must be to a title word (``cabie`` for ``cabei``)


def _words(event: Event) -> list[str]:
    return fold(
        f"{event.title} {event.key.replace('-', ' ')} {' '.join(event.counterparts)}"
    ).split()


def _all_prefixes(query: list[str], words: list[str]) -> bool:
    return all(any(w.startswith(q) for w in words) for q in query)


def _all_close(query: list[str], words: list[str]) -> bool:
    return all(any(SequenceMatcher(None, q, w).ratio() >= FUZZY for w in words) for q in query)


def find_events(itinerary: Itinerary, text: str) -> list[Event]:
    """Return the events ``text`` names, best tier only, soonest first (empty: none)."""
    query = fold(text).split()
    if not query:
        return []
    key = "-".join(query)
    events = sorted(itinerary.events, key=lambda e: e.start)
    tiers = (
        lambda e: e.key == key,
        lambda e: e.key.startswith(key + "-"),
        lambda e: _all_prefixes(query, _words(e)),
        lambda e: _all_close(query, _words(e)),
    )
    for tier in tiers:
        if found := [e for e in events if tier(e)]:
            return found
    return []


def soon(itinerary: Itinerary, today: date) -> list[Event]:
    """Return today's and tomorrow's events (local days), soonest first."""
    days = (today, today + timedelta(days=1))
    events = sorted(itinerary.events, key=lambda e: e.start)
    return [e for e in events if agenda.event_day(e) in days]


def shortlist(events: Sequence[Event], today: date) -> list[Event]:
    """Keep at most ``MAX_CHOICES``, today's and tomorrow's first."""
    near = {today, today + timedelta(days=1)}
    ranked = sorted(events, key=lambda e: (agenda.event_day(e) not in near, e.start))
    return sorted(ranked[:MAX_CHOICES], key=lambda e: e.start)


def split_name(itinerary: Itinerary, words: list[str]) -> tuple[str, str]:
    """Split ``words`` into the longest leading event name that finds events, and the rest.

    For ``/venue`` and ``/note``, whose text after the event is free: ``CABEI Hotel
    Clarion`` is the event ``CABEI`` and the venue ``Hotel Clarion``.
    """
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if any(True for _ in _exact_tiers(itinerary, name)):
            return name, " ".join(words[size:])
    return (words[0] if words else ""), " ".join(words[1:])


def _exact_tiers(itinerary: Itinerary, text: str) -> list[Event]:
    """Events named by key, key prefix or title words (no typo tolerance: the text is free)."""
    query = fold(text).split()
    key = "-".join(query)
    return [
        e
        for e in itinerary.events
        if query
        and (e.key == key or e.key.startswith(key + "-") or _all_prefixes(query, _words(e)))
    ]
