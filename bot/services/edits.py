"""Changes organisers make from the field: move, cancel, change the venue of an event.

Pure functions over the itinerary: each returns the changed itinerary, which is then
saved with ``bot.services.outbox.apply_itinerary`` so that notices and re-planning follow.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from schedule import zones
from schedule.dates import parse_day, parse_moment
from schedule.itinerary import Event, Itinerary

MOVE_SPEC = re.compile(r"\d{1,2}:\d{2}")


class EditError(ValueError):
    """A change that cannot be made; the text says why."""


def find_event(itinerary: Itinerary, key: str) -> Event:
    """Return the event with ``key``, or explain that there is none."""
    event = next((e for e in itinerary.events if e.key == key.strip().lower()), None)
    if event is None:
        raise EditError(f"no event has the key {key!r}")
    return event


def _with(itinerary: Itinerary, key: str, changed: Event | None) -> Itinerary:
    """Return the itinerary with event ``key`` replaced by ``changed`` (None: removed)."""
    events: list[Event] = []
    for event in itinerary.events:
        if event.key != key:
            events.append(event)
        elif changed is not None:
            events.append(changed)
    return replace(itinerary, events=tuple(events))


def parse_new_start(event: Event, text: str, *, today: date) -> datetime:
    """Read ``11:30``, ``tomorrow 11:30`` or ``2021-06-08 11:30`` in the event's own zone."""
    match = re.fullmatch(r"(?:(.+?)\s+)?(\d{1,2}:\d{2})", text.strip())
    if not match:
        raise EditError(f"{text!r} is not a time; write 11:30, tomorrow 11:30 or 2021-06-08 11:30")
    # The day is judged before the time, so "someday 25:00" is told about its day first.
    if match[1] and parse_day(match[1], today=today) is None:
        raise EditError(f"{match[1]!r} is not a day")
    moment = parse_moment(text, today=today)
    if moment is None:
        raise EditError(f"{text!r} is not a time of day")
    day = moment.day or zones.local_date(event.start, event.timezone)
    try:
        return zones.wall(day, moment.time, event.timezone)
    except zones.LocalTimeError as error:
        raise EditError(str(error)) from None


def move_event(itinerary: Itinerary, key: str, start: datetime) -> Itinerary:
    """Move an event to ``start``, keeping its length (a flight keeps its duration too)."""
    event = find_event(itinerary, key)
    shift = start - event.start
    end = event.end + shift if event.end is not None else None
    return _with(itinerary, key, replace(event, start=start, end=end))


def cancel_event(itinerary: Itinerary, key: str) -> Itinerary:
    """Take an event off the programme."""
    find_event(itinerary, key)
    return _with(itinerary, key, None)


def set_note(itinerary: Itinerary, key: str, note: str) -> Itinerary:
    """Replace an event's notes (what members read under it)."""
    event = find_event(itinerary, key)
    if not note.strip():
        raise EditError("give the note after the event")
    return _with(itinerary, key, replace(event, notes=note.strip()))


def split_move(words: list[str], *, today: date) -> tuple[list[str], list[str]]:
    """Split ``/move`` words into the event's name and the new time after it."""
    if not words or not MOVE_SPEC.fullmatch(words[-1]):
        return words, []
    # The longest run of day words before the time that leaves a name: "cabei tomorrow 09:00".
    for size in (3, 2, 1):
        if len(words) - 1 > size and parse_day(" ".join(words[-1 - size : -1]), today=today):
            return words[: -1 - size], words[-1 - size :]
    return words[:-1], words[-1:]


def set_venue(itinerary: Itinerary, key: str, venue: str) -> Itinerary:
    """Give an event a new venue (the address and map point no longer apply)."""
    event = find_event(itinerary, key)
    if not venue.strip():
        raise EditError("give the new venue after the event")
    return _with(itinerary, key, replace(event, venue=venue.strip(), address=None, location=None))
