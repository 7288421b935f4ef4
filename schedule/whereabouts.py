"""Where the delegation is at any instant: in a city, in the air, before or after the trip.

Pure: a function of the stops, the events and ``now``. A journey is a flight, or a
transfer that lands in another zone; the delegation is on it from take-off to landing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from schedule import zones
from schedule.agenda import city_for_zone, stops_on, trip_span, where_at
from schedule.itinerary import Event, Stop


@dataclass(frozen=True)
class InCity:
    """On the ground in one of the trip's stops."""

    stop: Stop


@dataclass(frozen=True)
class InAir:
    """On a journey: ``journey`` from ``origin`` to ``destination``, landing at ``lands``."""

    journey: Event
    origin: str
    destination: str
    lands: datetime
    lands_zone: str


@dataclass(frozen=True)
class BeforeTrip:
    """The trip has not begun: it starts in ``first`` (a stop) on its arrival date."""

    first: Stop


@dataclass(frozen=True)
class AfterTrip:
    """The trip is over: last seen leaving ``origin`` for ``destination`` at ``left``."""

    origin: str
    destination: str | None
    left: datetime | None
    left_zone: str | None


Whereabouts = InCity | InAir | BeforeTrip | AfterTrip


def journeys(events: Iterable[Event]) -> list[Event]:
    """Return the flights and cross-zone transfers with a landing time, in order."""
    found = [
        e
        for e in events
        if e.end is not None
        and (e.kind == "flight" or (e.kind == "transfer" and e.arrival_timezone != e.timezone))
    ]
    return sorted(found, key=lambda e: (e.start, e.key))


def final_departure(stops: Sequence[Stop], events: Iterable[Event]) -> Event | None:
    """Return the journey that takes the delegation away from its last stop, if listed."""
    span = trip_span(stops)
    if span is None:
        return None
    last = max(stops, key=lambda s: (s.depart, s.arrive))
    for journey in reversed(journeys(events)):
        leaves_last = journey.timezone == last.timezone
        if leaves_last and zones.local_date(journey.start, last.timezone) == last.depart:
            return journey if not _lands_in_trip(stops, journey) else None
    return None


def whereabouts(stops: Sequence[Stop], events: Iterable[Event], now: datetime) -> Whereabouts:
    """Return where the delegation is at ``now``."""
    listed = list(events)
    span = trip_span(stops)
    for journey in journeys(listed):
        assert journey.end is not None
        if journey.start <= now < journey.end:
            return InAir(
                journey,
                city_for_zone(stops, journey.timezone),
                city_for_zone(stops, journey.arrival_timezone),
                journey.end,
                journey.arrival_timezone,
            )
    final = final_departure(stops, listed)
    if final is not None and now >= final.start:
        return _after(stops, final)
    if (stop := where_at(stops, listed, now)) is not None:
        return InCity(stop)
    first = min(stops, key=lambda s: (s.arrive, s.depart)) if span else None
    if first is not None and zones.local_date(now, first.timezone) < first.arrive:
        return BeforeTrip(first)
    last = max(stops, key=lambda s: (s.depart, s.arrive)) if span else None
    return AfterTrip(last.city if last else "", None, None, None)


def tonight(stops: Sequence[Stop], events: Iterable[Event], now: datetime) -> Stop | None:
    """Return the stop where the delegation sleeps tonight, or None (the trip ends today)."""
    place = whereabouts(stops, events, now)
    if isinstance(place, AfterTrip | BeforeTrip):
        return None
    zone = place.stop.timezone if isinstance(place, InCity) else place.lands_zone
    return sleeping_on(stops, zones.local_date(now, zone))


def sleeping_on(stops: Sequence[Stop], day: date) -> Stop | None:
    """Return the stop where the delegation sleeps the night of local ``day``, if any."""
    staying = [s for s in stops_on(stops, day) if s.depart > day]
    return staying[-1] if staying else None


def route(stops: Sequence[Stop], events: Iterable[Event], day: date) -> tuple[str, ...]:
    """Return the cities of local ``day`` in order: its stops and where its journeys go."""
    cities = [s.city for s in stops_on(stops, day)]
    for journey in journeys(events):
        if zones.local_date(journey.start, journey.timezone) != day:
            continue
        origin = city_for_zone(stops, journey.timezone)
        destination = city_for_zone(stops, journey.arrival_timezone)
        if origin not in cities:
            cities.insert(0, origin)
        if destination not in cities:
            cities.append(destination)
    return tuple(cities)


def _lands_in_trip(stops: Sequence[Stop], journey: Event) -> bool:
    assert journey.end is not None
    return any(
        s.timezone == journey.arrival_timezone
        and s.covers(zones.local_date(journey.end, s.timezone))
        for s in stops
    )


def _after(stops: Sequence[Stop], final: Event) -> AfterTrip:
    return AfterTrip(
        city_for_zone(stops, final.timezone),
        city_for_zone(stops, final.arrival_timezone),
        final.start,
        final.timezone,
    )
