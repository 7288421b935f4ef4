"""Changes organisers make from the field: move, cancel, change the venue of an event.

Pure functions over the itinerary: each returns the changed itinerary, which is then
saved with ``bot.services.outbox.apply_itinerary`` so that notices and re-planning follow.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from schedule import zones
from schedule.dates import parse_day, parse_moment, parse_time_of_day
from schedule.itinerary import Event, Itinerary

# ``+30m``, ``-1h``, ``+1h30m``; ``10:30``; ``10:30-11:30``: what ends a /move.
RELATIVE = re.compile(r"([+-])(?:(\d+)h)?(?:(\d+)m)?")
CLOCKS = re.compile(r"(\d{1,2}:\d{2})(?:[-–](\d{1,2}:\d{2}))?")
MOVE_SPEC = re.compile(rf"{RELATIVE.pattern}|{CLOCKS.pattern}")


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


def parse_move(event: Event, text: str, *, today: date) -> tuple[datetime, datetime | None]:
    """Read ``+30m``, ``-1h``, ``10:30``, ``10:30-11:30`` or ``tomorrow 09:00``: start, end.

    The end is None unless one is typed (the move then keeps the event's length).
    """
    words = text.split()
    relative = RELATIVE.fullmatch(words[-1]) if len(words) == 1 else None
    if relative and (relative[2] or relative[3]):
        minutes = int(relative[2] or 0) * 60 + int(relative[3] or 0)
        shift = timedelta(minutes=minutes if relative[1] == "+" else -minutes)
        return event.start + shift, None
    clocks = CLOCKS.fullmatch(words[-1]) if words else None
    if clocks is None or not clocks[2]:
        return parse_new_start(event, text, today=today), None
    start = parse_new_start(event, " ".join([*words[:-1], clocks[1]]), today=today)
    end_zone = event.end_timezone or event.timezone
    end_clock = parse_time_of_day(clocks[2])
    if end_clock is None:
        raise EditError(f"{clocks[2]!r} is not a time of day")
    try:
        end = zones.wall(zones.local_date(start, end_zone), end_clock, end_zone)
    except zones.LocalTimeError as error:
        raise EditError(str(error)) from None
    if end <= start:
        raise EditError(f"the end {clocks[2]} is not after the start {clocks[1]}")
    return start, end


def parse_new_start(event: Event, text: str, *, today: date) -> datetime:
    """Read ``11:30``, ``tomorrow 11:30`` or ``2021-06-08 11:30`` in the event's own zone."""
    match = re.fullmatch(r"(?:(.+?)\s+)?(\d{1,2}:\d{2})", text.strip())
    if not match:
        raise EditError(
            f"{text!r} is not a time; write +30m, -1h, 11:30, 11:30-12:30 or tomorrow 11:30"
        )
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


def move_event(
    itinerary: Itinerary, key: str, start: datetime, end: datetime | None = None
) -> Itinerary:
    """Move an event to ``start``, keeping its length unless ``end`` is given."""
    event = find_event(itinerary, key)
    if end is None and event.end is not None:
        end = event.end + (start - event.start)
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
