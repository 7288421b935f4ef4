"""Agenda queries: pure functions over the itinerary and ``now``.

A day is a local calendar date. An event belongs to the day on which it starts where it
starts (a 23:30 departure from Lima is on the Lima date), which is how the people on the
ground read their programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from schedule import zones
from schedule.itinerary import Event, Itinerary, Stop


@dataclass(frozen=True)
class DayAgenda:
    """One local date: the cities the delegation is in and its events, in order."""

    day: date
    stops: tuple[Stop, ...]
    events: tuple[Event, ...]

    @property
    def is_travel_day(self) -> bool:
        """Tell whether the delegation changes city on this day."""
        return len(self.stops) > 1


@dataclass(frozen=True)
class CityTime:
    """The current wall-clock time in one city."""

    city: str
    timezone: str
    local: datetime


def stops_on(stops: Iterable[Stop], day: date) -> tuple[Stop, ...]:
    """Return the stops that cover local ``day``, the one the delegation leaves first."""
    return tuple(sorted((s for s in stops if s.covers(day)), key=lambda s: (s.arrive, s.depart)))


def city_for_zone(stops: Iterable[Stop], zone_name: str) -> str:
    """Return the stop city that uses ``zone_name``, else the city in the zone's name."""
    for stop in stops:
        if stop.timezone == zone_name:
            return stop.city
    return zones.city_of(zone_name)


def event_day(event: Event) -> date:
    """Return the local date on which ``event`` starts, where it starts."""
    return zones.local_date(event.start, event.timezone)


def day_agenda(events: Iterable[Event], stops: Sequence[Stop], day: date) -> DayAgenda:
    """Return the agenda of local ``day``: its cities and the events that start on it."""
    todays = sorted((e for e in events if event_day(e) == day), key=lambda e: (e.start, e.key))
    return DayAgenda(day=day, stops=stops_on(stops, day), events=tuple(todays))


def next_event(events: Iterable[Event], now: datetime) -> Event | None:
    """Return the first event that starts after ``now``, wherever it happens."""
    upcoming = [e for e in events if e.start > now]
    return min(upcoming, key=lambda e: (e.start, e.key), default=None)


def current_events(events: Iterable[Event], now: datetime) -> list[Event]:
    """Return the events under way at ``now``, in order of start."""
    running = [e for e in events if e.start <= now and e.end is not None and now < e.end]
    return sorted(running, key=lambda e: (e.start, e.key))


def where_at(stops: Sequence[Stop], events: Iterable[Event], now: datetime) -> Stop | None:
    """Return the stop the delegation is in at ``now``, or None outside the trip.

    On a travel day two stops cover the date; the delegation is in the later one once a
    flight or transfer into that city's zone has landed, and in the earlier one before.
    """
    covering = [s for s in stops if s.covers(zones.local_date(now, s.timezone))]
    if not covering:
        return None
    covering.sort(key=lambda s: (s.arrive, s.depart))
    here = covering[0]
    for later in covering[1:]:
        if _has_arrived(later, events, now):
            here = later
    return here


def _has_arrived(stop: Stop, events: Iterable[Event], now: datetime) -> bool:
    for event in events:
        if event.kind not in ("flight", "transfer") or event.arrival_timezone != stop.timezone:
            continue
        landed = event.end if event.end is not None else event.start
        if landed <= now and stop.covers(zones.local_date(landed, stop.timezone)):
            return True
    return False


def local_day(stops: Sequence[Stop], events: Iterable[Event], now: datetime, home: str) -> date:
    """Return today's date where the delegation is, or at home outside the trip."""
    stop = where_at(stops, events, now)
    return zones.local_date(now, stop.timezone if stop else home)


def local_times(stops: Iterable[Stop], now: datetime, home_timezone: str) -> list[CityTime]:
    """Return the wall-clock time now in each stop's city and at home, in trip order."""
    seen: dict[str, CityTime] = {}
    for stop in sorted(stops, key=lambda s: (s.arrive, s.depart)):
        seen.setdefault(stop.city, CityTime(stop.city, stop.timezone, _local(now, stop.timezone)))
    home_city = zones.city_of(home_timezone)
    seen.setdefault(home_city, CityTime(home_city, home_timezone, _local(now, home_timezone)))
    return list(seen.values())


def _local(now: datetime, zone_name: str) -> datetime:
    return zones.to_local(now, zone_name)


def attends(event: Event, member_key: str, groups: Iterable[str]) -> bool:
    """Tell whether a member attends ``event``: no attendees listed means everyone."""
    if not event.attendees:
        return True
    return member_key in event.attendees or any(g in event.attendees for g in groups)


def trip_span(stops: Sequence[Stop]) -> tuple[date, date] | None:
    """Return the first and last local dates of the trip, or None without stops."""
    if not stops:
        return None
    return min(s.arrive for s in stops), max(s.depart for s in stops)


def zone_at(itinerary: Itinerary, instant: datetime) -> str:
    """Return the zone the delegation is in at ``instant``; the home zone outside the trip."""
    stop = where_at(itinerary.stops, itinerary.events, instant)
    return stop.timezone if stop else itinerary.delegation.home_timezone


def zone_on(itinerary: Itinerary, day: date) -> str:
    """Return the zone of local ``day``: the city the delegation wakes up in, else home."""
    stops = stops_on(itinerary.stops, day)
    return stops[0].timezone if stops else itinerary.delegation.home_timezone


def local_today(itinerary: Itinerary, now: datetime) -> date:
    """Return today's date where the delegation is at ``now`` (at home outside the trip)."""
    return zones.local_date(now, zone_at(itinerary, now))


def visible_to(
    itinerary: Itinerary, *, key: str, groups: Iterable[str], organiser: bool
) -> Itinerary:
    """Return the itinerary as one member sees it: organisers all, members their events."""
    if organiser:
        return itinerary
    kept = tuple(groups)
    events = tuple(e for e in itinerary.events if attends(e, key, kept))
    return replace(itinerary, events=events)
