"""The audience grammar: what may stand in front of an announcement's text.

``to:GROUP``, ``to:event:KEY``, ``nudge:MINUTES`` and ``at HH:MM [day] [in CITY]`` (and
their Korean forms), read off the front of the words until the text begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from schedule import agenda, zones
from schedule.dates import parse_time_of_day, take_moment
from schedule.itinerary import Itinerary

KOREAN_OPTIONS = {"대상:": "to:", "일정:": "to:event:", "재알림:": "nudge:"}
AT_WORDS = ("at", "시각", "예약")


@dataclass(frozen=True)
class Options:
    """The audience, nudge and sending time written in front of an announcement."""

    audience: str = "all"
    nudge: int | None = None
    at: datetime | None = None
    bad_time: bool = False


def parse_options(
    words: list[str], *, itinerary: Itinerary | None, now: datetime
) -> tuple[Options, str]:
    """Read ``to:…``, ``nudge:N`` and ``at HH:MM …`` in front of the text; return both."""
    options = Options()
    while words:
        head = words[0].lower()
        for korean, english in KOREAN_OPTIONS.items():
            if head.startswith(korean):
                head = english + head[len(korean) :]
        if head.startswith("to:"):
            target = head[3:]
            audience = (
                target if target == "all" or target.startswith("event:") else f"group:{target}"
            )
            options, words = replace(options, audience=audience), words[1:]
        elif re.fullmatch(r"nudge:\d+", head):
            options, words = replace(options, nudge=int(head[6:])), words[1:]
        elif head in AT_WORDS and len(words) > 1 and re.fullmatch(r"\d{1,2}:\d{2}", words[1]):
            at, words = read_time(words[1:], itinerary=itinerary, now=now)
            options = replace(options, at=at, bad_time=at is None)
        else:
            break
    return options, " ".join(words).strip()


def read_time(
    words: list[str], *, itinerary: Itinerary | None, now: datetime
) -> tuple[datetime | None, list[str]]:
    """``07:00 [tomorrow | 10 June] [in Lima]``: an instant in the city the delegation is in."""
    if itinerary is None:
        return None, words[1:]
    today = agenda.local_today(itinerary, now)
    clock = parse_time_of_day(words[0])
    # A time of day that is none (25:00) still takes its day words, as it always has.
    taken = take_moment(["00:00" if clock is None else words[0], *words[1:]], today=today)
    assert taken is not None
    moment, rest = taken
    day = moment.day or today
    zone = (
        zone_meant(itinerary, day, clock) if clock is not None else agenda.zone_on(itinerary, day)
    )
    if len(rest) >= 2 and rest[0].lower() == "in":
        for stop in itinerary.stops:
            size = len(stop.city.split())
            if " ".join(rest[1 : 1 + size]).lower() == stop.city.lower():
                zone, rest = stop.timezone, rest[1 + size :]
                break
    if clock is None:
        return None, rest
    try:
        return zones.wall(day, clock, zone), rest
    except zones.LocalTimeError:
        return None, rest


def zone_meant(itinerary: Itinerary, day: date, clock: time) -> str:
    """The zone a typed ``clock`` on local ``day`` is meant in: where the delegation is then.

    On a travel day ``21:00`` is read in the arrival city if the delegation has landed by
    21:00 there, else in the city it woke up in (``agenda.zone_on``).
    """
    for stop in agenda.stops_on(itinerary.stops, day):
        try:
            instant = zones.wall(day, clock, stop.timezone)
        except zones.LocalTimeError:
            continue
        if agenda.zone_at(itinerary, instant) == stop.timezone:
            return stop.timezone
    return agenda.zone_on(itinerary, day)
