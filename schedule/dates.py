"""Read the days and moments people type: ``8 June``, ``Tuesday``, ``6월 8일``, ``tomorrow 11:30``.

Pure: the caller passes ``today`` (the delegation's local date), against which relative
words and weekdays are read, and a year-less date is taken in the year nearest to it.
A moment is a local day (or none named) and a time of day; the caller picks its zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon", "월요일", "월"),
            ("tuesday", "tue", "tues", "화요일", "화"),
            ("wednesday", "wed", "수요일", "수"),
            ("thursday", "thu", "thur", "thurs", "목요일", "목"),
            ("friday", "fri", "금요일", "금"),
            ("saturday", "sat", "토요일", "토"),
            ("sunday", "sun", "일요일", "일"),
        ]
    )
    for name in names
}
RELATIVE = {
    "today": 0, "tonight": 0, "오늘": 0, "hoy": 0,
    "tomorrow": 1, "내일": 1, "mañana": 1,
    "yesterday": -1, "어제": -1,
    "모레": 2,
}  # fmt: skip


CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class Moment:
    """A typed local moment: the day it names (None: not named) and the time of day."""

    day: date | None
    time: time


def parse_time_of_day(text: str) -> time | None:
    """Return the time ``9:05`` or ``23:30`` names, or None (``24:00``, ``9h`` are not times)."""
    match = CLOCK.fullmatch(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def parse_moment(text: str, *, today: date) -> Moment | None:
    """Read ``11:30``, ``tomorrow 11:30``, ``2021-06-08 11:30`` or ``11:30 10 June``."""
    words = text.split()
    if not words:
        return None
    if (clock := parse_time_of_day(words[-1])) is not None:
        day_words, rest = words[:-1], []
    elif (clock := parse_time_of_day(words[0])) is not None:
        day_words, rest = [], words[1:]
    else:
        return None
    named = " ".join(day_words or rest)
    if not named:
        return Moment(None, clock)
    day = parse_day(named, today=today)
    return Moment(day, clock) if day is not None else None


def take_moment(words: list[str], *, today: date) -> tuple[Moment, list[str]] | None:
    """Read ``07:00 [day]`` from the front of ``words``; return it and the words after it.

    The day is the longest run of up to three words that names one (``10 June``, ``내일``).
    """
    if not words or (clock := parse_time_of_day(words[0])) is None:
        return None
    rest = words[1:]
    for size in (3, 2, 1):
        if len(rest) >= size and (day := parse_day(" ".join(rest[:size]), today=today)):
            return Moment(day, clock), rest[size:]
    return Moment(None, clock), rest


def parse_day(text: str, *, today: date) -> date | None:
    """Return the date ``text`` names, or None if it names none."""
    words = re.sub(r"[,.]", " ", text.strip().lower())
    words = re.sub(r"\b(on|the|of|next|this)\b", " ", words)
    words = " ".join(words.split())
    if not words:
        return None
    if words in RELATIVE:
        return today + timedelta(days=RELATIVE[words])
    if words in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[words] - today.weekday()) % 7)
    return _iso(words) or _korean(words, today) or _named(words, today)


def _iso(words: str) -> date | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words)
    return _safe(int(match[1]), int(match[2]), int(match[3])) if match else None


def _korean(words: str, today: date) -> date | None:
    match = re.fullmatch(
        r"(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일(?:\s*\S+요일)?", words
    )
    if not match:
        return None
    month, day = int(match[2]), int(match[3])
    return _safe(int(match[1]), month, day) if match[1] else _nearest(month, day, today)


def _named(words: str, today: date) -> date | None:
    words = re.sub(r"^(?:[a-z]+day|[a-z]{3})\s+(?=\d)", "", words)  # "tue 8 june" -> "8 june"
    day_first = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-zñ]+)(?:\s+(\d{4}))?", words)
    month_first = re.fullmatch(r"([a-zñ]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?", words)
    if day_first and day_first[2] in MONTHS:
        day, month, year = int(day_first[1]), MONTHS[day_first[2]], day_first[3]
    elif month_first and month_first[1] in MONTHS:
        day, month, year = int(month_first[2]), MONTHS[month_first[1]], month_first[3]
    else:
        return None
    return _safe(int(year), month, day) if year else _nearest(month, day, today)


def _nearest(month: int, day: int, today: date) -> date | None:
    """Pick the year that puts month/day nearest to ``today``."""
    candidates = [
        d for y in (today.year - 1, today.year, today.year + 1) if (d := _safe(y, month, day))
    ]
    return min(candidates, key=lambda d: abs((d - today).days), default=None)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_DURATION_UNITS = {
    "d": 24 * 60, "day": 24 * 60, "days": 24 * 60,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "시간": 60,
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "분": 1,
}  # fmt: skip
_DURATION_PART = re.compile(r"(\d{1,4})\s*([a-z]+|시간|분)\s*")


def parse_duration(text: str) -> timedelta | None:
    """Return the span ``2h``, ``30m``, ``1h 30m``, ``2 hours``, ``2시간 30분`` names, or None."""
    words, total, at = text.strip().lower(), 0, 0
    while at < len(words):
        part = _DURATION_PART.match(words, at)
        if part is None or part[2] not in _DURATION_UNITS:
            return None
        total, at = total + int(part[1]) * _DURATION_UNITS[part[2]], part.end()
    return timedelta(minutes=total) if total else None
