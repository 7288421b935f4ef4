"""Time zones: the only module that touches pytz.

Instants are aware UTC datetimes; zones travel as IANA names. Wall-clock times are
localised with ``is_dst=None`` so that a time in a DST gap or fold is refused, never
guessed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache

import pytz

MINUS = "\N{MINUS SIGN}"


class LocalTimeError(ValueError):
    """A local time or zone that cannot be turned into an instant; the text says why."""


class UnknownZoneError(LocalTimeError):
    """A zone name that is not in the IANA database."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.suggestions = suggest_zones(name)
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown time zone {name!r}{hint}")


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(pytz.all_timezones)


def _folded(name: str) -> str:
    return name.replace(" ", "_").replace("-", "_").lower()


def suggest_zones(name: str, limit: int = 3) -> list[str]:
    """Return the valid zone names nearest to ``name``, best first."""
    wanted = _folded(name)
    by_folded = {_folded(zone): zone for zone in _zone_names()}
    # A bare city ("Lima", "mexico city") matches the last part of a zone name.
    by_city = [zone for zone in _zone_names() if _folded(zone.rsplit("/", 1)[-1]) == wanted]
    if by_city:
        return by_city[:limit]
    scored = sorted(
        ((difflib.SequenceMatcher(None, wanted, folded).ratio(), folded) for folded in by_folded),
        reverse=True,
    )
    best = scored[0][0] if scored else 0.0
    # Only the names nearly as close as the best one: a clear typo gets one answer.
    close = [folded for ratio, folded in scored[:limit] if ratio >= max(0.6, best - 0.05)]
    found = by_city + [by_folded[f] for f in close]
    return list(dict.fromkeys(found))[:limit]


def is_zone(name: str) -> bool:
    """Tell whether ``name`` is an IANA zone name."""
    return name in _zone_names()


@cache
def zone(name: str) -> tzinfo:
    """Return the pytz zone called ``name``; raise ``UnknownZoneError`` otherwise."""
    if not is_zone(name):
        raise UnknownZoneError(name)
    return pytz.timezone(name)


def localize(naive: datetime, zone_name: str) -> datetime:
    """Turn a wall-clock time in ``zone_name`` into an aware UTC instant.

    Refuses a time that does not exist (clocks jumped over it) or happens twice.
    """
    if naive.tzinfo is not None:
        raise LocalTimeError("expected a wall-clock time without a UTC offset")
    tz = zone(zone_name)
    assert isinstance(tz, pytz.tzinfo.BaseTzInfo)
    try:
        local = tz.localize(naive, is_dst=None)
    except pytz.NonExistentTimeError:
        raise LocalTimeError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone_name}: "
            "the clocks jump over it (daylight saving time begins)"
        ) from None
    except pytz.AmbiguousTimeError:
        raise LocalTimeError(
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone_name}: "
            "the clocks fall back over it (daylight saving time ends); "
            "give a time outside that hour"
        ) from None
    return local.astimezone(UTC)


def wall(day: date, clock: time, zone_name: str) -> datetime:
    """Return the instant of wall-clock ``clock`` on local ``day`` in ``zone_name``."""
    return localize(datetime.combine(day, clock), zone_name)


def to_local(instant: datetime, zone_name: str) -> datetime:
    """Return ``instant`` as an aware wall-clock time in ``zone_name``."""
    if instant.tzinfo is None:
        raise LocalTimeError("expected an aware instant")
    tz = zone(zone_name)
    assert isinstance(tz, pytz.tzinfo.BaseTzInfo)
    return tz.normalize(instant.astimezone(tz))


def local_date(instant: datetime, zone_name: str) -> date:
    """Return the calendar date of ``instant`` where ``zone_name`` applies."""
    return to_local(instant, zone_name).date()


def day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """Return the UTC instants at which local ``day`` begins and the next one begins."""
    tz = zone(zone_name)
    assert isinstance(tz, pytz.tzinfo.BaseTzInfo)

    def start_of(d: date) -> datetime:
        # Midnight may fall in a DST gap in a few zones; let pytz pick standard time.
        naive = datetime(d.year, d.month, d.day)  # noqa: DTZ001 - localised on the next line
        return tz.normalize(tz.localize(naive, is_dst=False)).astimezone(UTC)

    return start_of(day), start_of(day + timedelta(days=1))


def wall_text(instant: datetime, zone_name: str) -> str:
    """Return ``YYYY-MM-DD HH:MM``, with the offset added where that time happens twice.

    This is the form itinerary files use; the offset keeps a time in a DST fold exact.
    """
    local = to_local(instant, zone_name)
    try:
        localize(local.replace(tzinfo=None), zone_name)
    except LocalTimeError:
        offset = local.strftime("%z")
        return f"{local:%Y-%m-%d %H:%M}{offset[:3]}:{offset[3:]}"
    return f"{local:%Y-%m-%d %H:%M}"


def offset_label(instant: datetime, zone_name: str) -> str:
    """Return the UTC offset in force at ``instant``: ``UTC−6``, ``UTC+9``, ``UTC+5:30``."""
    offset = to_local(instant, zone_name).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else MINUS
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def utc_offset(instant: datetime, zone_name: str) -> timedelta:
    """Return the UTC offset of ``zone_name`` at ``instant``."""
    return to_local(instant, zone_name).utcoffset() or timedelta(0)


def format_date(day: date) -> str:
    """Format a date as ``Tue 8 Jun``."""
    return f"{day:%a} {day.day} {day:%b}"


def format_time(instant: datetime, zone_name: str) -> str:
    """Format the wall-clock time of ``instant`` in ``zone_name`` as ``10:00``."""
    return f"{to_local(instant, zone_name):%H:%M}"


def format_wall(instant: datetime, zone_name: str) -> str:
    """Format ``instant`` as the ``YYYY-MM-DD HH:MM`` wall-clock time in ``zone_name``."""
    return f"{to_local(instant, zone_name):%Y-%m-%d %H:%M}"


def format_instant(
    instant: datetime,
    zone_name: str,
    city: str,
    *,
    home_zone: str | None = None,
    home_city: str = "Seoul",
) -> str:
    """Format ``Tue 8 Jun 10:00 (Tegucigalpa, UTC−6)``, home time beside it on request."""
    local = to_local(instant, zone_name)
    text = (
        f"{format_date(local.date())} {local:%H:%M} ({city}, {offset_label(instant, zone_name)})"
    )
    if home_zone is not None:
        home = to_local(instant, home_zone)
        same_day = home.date() == local.date()
        when = f"{home:%H:%M}" if same_day else f"{format_date(home.date())} {home:%H:%M}"
        text += f" · {when} {home_city}"
    return text


def city_of(zone_name: str) -> str:
    """Return the city part of a zone name: ``America/Mexico_City`` gives ``Mexico City``."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


@dataclass(frozen=True)
class Transition:
    """A change of a zone's UTC offset: when (UTC), from what, to what, and its name after."""

    at: datetime
    offset_before: timedelta
    offset_after: timedelta
    dst: bool
    abbreviation: str


def transitions(zone_name: str, start: datetime, end: datetime) -> list[Transition]:
    """Return the rule in force at ``start`` (as a transition at ``start``), then each change.

    The changes are those strictly after ``start`` and before ``end``, as pytz's copy of
    the IANA database has them; a zone with fixed offset has only the first item.
    """
    tz = zone(zone_name)
    assert isinstance(tz, pytz.tzinfo.BaseTzInfo)
    local = to_local(start, zone_name)
    offset = local.utcoffset() or timedelta(0)
    first = Transition(start, offset, offset, bool(local.dst()), local.tzname() or "")
    found = [first]
    times = getattr(tz, "_utc_transition_times", None)
    infos = getattr(tz, "_transition_info", None)
    if not times or not infos:
        return found
    for index in range(1, len(times)):
        at = times[index].replace(tzinfo=UTC)
        if start < at < end:
            after, dst, name = infos[index]
            found.append(Transition(at, infos[index - 1][0], after, bool(dst), name))
    return found
