"""Agenda queries: days are local dates, order is by real instant, cities follow flights."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from schedule import zones
from schedule.agenda import (
    city_for_zone,
    current_events,
    day_agenda,
    local_day,
    local_times,
    next_event,
    stops_on,
    where_at,
)
from schedule.itinerary import Event, Itinerary
from tests.factories import make_event, make_stop

TEGUCIGALPA = make_stop()  # 6 to 8 June
PANAMA = make_stop("Panama City", arrive=date(2021, 6, 8), depart=date(2021, 6, 10))
LIMA = make_stop("Lima", arrive=date(2021, 6, 10), depart=date(2021, 6, 12))


def at(year: int, month: int, day: int, hour: int, minute: int, zone_name: str) -> datetime:
    """Return the UTC instant of a wall-clock time in ``zone_name``."""
    wall = datetime(year, month, day, hour, minute)  # noqa: DTZ001 - localised on the next line
    return zones.localize(wall, zone_name)


def local_event(
    key: str,
    zone_name: str,
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    **fields: Any,
) -> Event:
    """Return an event ``key`` starting at a wall-clock time in ``zone_name``."""
    start = at(year, month, day, hour, minute, zone_name)
    return make_event(key=key, start=start, timezone=zone_name, **fields)


def keys(events: list[Event] | tuple[Event, ...]) -> list[str]:
    return [e.key for e in events]


def by_key(sample: Itinerary, key: str) -> Event:
    return next(e for e in sample.events if e.key == key)


# --- stops_on and day_agenda ------------------------------------------------------------


def test_travel_day_has_both_cities_in_the_order_they_are_visited(sample: Itinerary) -> None:
    agenda = day_agenda(sample.events, sample.stops, date(2021, 6, 8))
    assert [s.city for s in agenda.stops] == ["Tegucigalpa", "Panama City"]
    assert agenda.is_travel_day


def test_travel_day_agenda_lists_its_events_in_start_order(sample: Itinerary) -> None:
    agenda = day_agenda(sample.events, sample.stops, date(2021, 6, 8))
    assert keys(agenda.events) == [
        "cabei-meeting",
        "transfer-tgu-departure",
        "flight-tgu-pty",
        "transfer-pty-arrival",
    ]
    starts = [e.start for e in agenda.events]
    assert starts == sorted(starts)


def test_day_in_one_city_is_not_a_travel_day(sample: Itinerary) -> None:
    agenda = day_agenda(sample.events, sample.stops, date(2021, 6, 9))
    assert [s.city for s in agenda.stops] == ["Panama City"]
    assert not agenda.is_travel_day
    assert keys(agenda.events) == [
        "embassy-briefing-panama",
        "panama-metro-meeting",
        "lunch-panama",
        "metro-line3-visit",
    ]


def test_day_outside_the_trip_has_no_stops_and_no_events(sample: Itinerary) -> None:
    agenda = day_agenda(sample.events, sample.stops, date(2021, 6, 20))
    assert agenda.stops == ()
    assert agenda.events == ()
    assert not agenda.is_travel_day


@pytest.mark.parametrize(
    ("day", "cities"),
    [
        (date(2021, 6, 3), []),
        (date(2021, 6, 4), ["Mexico City"]),
        (date(2021, 6, 6), ["Mexico City", "Tegucigalpa"]),
        (date(2021, 6, 7), ["Tegucigalpa"]),
        (date(2021, 6, 10), ["Panama City", "Lima"]),
        (date(2021, 6, 12), ["Lima"]),
        (date(2021, 6, 13), []),
    ],
)
def test_stops_on_gives_the_cities_covering_the_date_in_trip_order(
    sample: Itinerary, day: date, cities: list[str]
) -> None:
    assert [s.city for s in stops_on(sample.stops, day)] == cities


def test_stops_on_orders_by_arrival_not_by_the_order_given() -> None:
    assert stops_on([PANAMA, TEGUCIGALPA], date(2021, 6, 8)) == (TEGUCIGALPA, PANAMA)


@pytest.mark.parametrize(
    ("start", "zone_name", "own_day", "utc_day"),
    [
        (
            at(2021, 6, 10, 23, 30, "America/Lima"),
            "America/Lima",
            date(2021, 6, 10),
            date(2021, 6, 11),
        ),
        (
            at(2021, 6, 8, 23, 30, "America/Tegucigalpa"),
            "America/Tegucigalpa",
            date(2021, 6, 8),
            date(2021, 6, 9),
        ),
        (at(2021, 6, 9, 0, 30, "Asia/Seoul"), "Asia/Seoul", date(2021, 6, 9), date(2021, 6, 8)),
    ],
    ids=["lima-late-evening", "tegucigalpa-late-evening", "seoul-after-midnight"],
)
def test_event_belongs_to_the_local_date_where_it_starts(
    start: datetime, zone_name: str, own_day: date, utc_day: date
) -> None:
    event = make_event(key="late", start=start, timezone=zone_name)
    assert start.date() == utc_day
    stops = [TEGUCIGALPA, PANAMA, LIMA]
    assert keys(day_agenda([event], stops, own_day).events) == ["late"]
    assert day_agenda([event], stops, utc_day).events == ()


def test_event_is_on_its_own_zone_date_not_the_next_citys_date() -> None:
    # 23:30 in Tegucigalpa is already 00:30 on 9 June in Panama City.
    event = local_event("late", "America/Tegucigalpa", 2021, 6, 8, 23, 30)
    assert zones.local_date(event.start, "America/Panama") == date(2021, 6, 9)
    assert keys(day_agenda([event], [TEGUCIGALPA, PANAMA], date(2021, 6, 8)).events) == ["late"]


def test_day_agenda_orders_events_by_real_instant_not_wall_clock() -> None:
    # 17:00 in Tegucigalpa (23:00 UTC) comes after 17:30 in Panama City (22:30 UTC).
    tegucigalpa = local_event("a-tgu", "America/Tegucigalpa", 2021, 6, 8, 17, 0)
    panama = local_event("b-pty", "America/Panama", 2021, 6, 8, 17, 30)
    agenda = day_agenda([tegucigalpa, panama], [TEGUCIGALPA, PANAMA], date(2021, 6, 8))
    assert keys(agenda.events) == ["b-pty", "a-tgu"]


def test_day_agenda_breaks_a_tie_in_start_by_key() -> None:
    start = at(2021, 6, 9, 10, 0, "America/Panama")
    events = [
        make_event(key="b", start=start, timezone="America/Panama"),
        make_event(key="a", start=start, timezone="America/Panama"),
    ]
    assert keys(day_agenda(events, [PANAMA], date(2021, 6, 9)).events) == ["a", "b"]


# --- next_event -----------------------------------------------------------------------


def test_next_event_late_in_the_evening_is_the_next_morning(sample: Itinerary) -> None:
    now = at(2021, 6, 8, 23, 0, "America/Panama")
    upcoming = next_event(sample.events, now)
    assert upcoming is not None
    assert upcoming.key == "embassy-briefing-panama"
    assert zones.local_date(upcoming.start, upcoming.timezone) == date(2021, 6, 9)


def test_next_event_crosses_midnight_into_the_next_local_day() -> None:
    evening = local_event("dinner", "America/Lima", 2021, 6, 10, 20, 0)
    morning = local_event("briefing", "America/Lima", 2021, 6, 11, 7, 30)
    now = at(2021, 6, 10, 23, 0, "America/Lima")
    assert next_event([morning, evening], now) == morning


def test_next_event_just_before_departure_is_the_flight(sample: Itinerary) -> None:
    now = at(2021, 6, 8, 14, 0, "America/Tegucigalpa")
    upcoming = next_event(sample.events, now)
    assert upcoming is not None
    assert upcoming.key == "flight-tgu-pty"


def test_next_event_after_takeoff_is_in_the_arrival_zone(sample: Itinerary) -> None:
    flight = by_key(sample, "flight-tgu-pty")
    upcoming = next_event(sample.events, flight.start)
    assert upcoming is not None
    assert upcoming.key == "transfer-pty-arrival"
    assert upcoming.timezone == "America/Panama"


def test_next_event_is_ordered_by_real_instant_not_wall_clock_digits() -> None:
    lands = {"end": at(2021, 6, 8, 17, 20, "America/Panama"), "end_timezone": "America/Panama"}
    flight = local_event(
        "flight", "America/Tegucigalpa", 2021, 6, 8, 14, 30, kind="flight", **lands
    )
    # Reads earlier (17:00) but is later: 23:00 UTC.
    left_behind = local_event("luggage-call", "America/Tegucigalpa", 2021, 6, 8, 17, 0)
    # Reads later (17:30) but is earlier: 22:30 UTC.
    arrival = local_event("greeting", "America/Panama", 2021, 6, 8, 17, 30)
    events = [left_behind, arrival, flight]
    now = at(2021, 6, 8, 14, 15, "America/Tegucigalpa")
    assert next_event(events, now) == flight
    assert next_event(events, flight.start) == arrival
    assert next_event(events, arrival.start) == left_behind


def test_next_event_does_not_return_an_event_starting_now() -> None:
    event = local_event("meeting", "America/Panama", 2021, 6, 9, 10, 30)
    assert next_event([event], event.start) is None
    assert next_event([event], event.start - timedelta(seconds=1)) == event


def test_next_event_after_the_last_event_is_none(sample: Itinerary) -> None:
    assert next_event(sample.events, datetime(2021, 6, 20, 0, 0, tzinfo=UTC)) is None


# --- current_events -------------------------------------------------------------------


def test_current_events_during_a_meeting_is_that_meeting(sample: Itinerary) -> None:
    now = at(2021, 6, 8, 10, 30, "America/Tegucigalpa")
    assert keys(current_events(sample.events, now)) == ["cabei-meeting"]


def test_current_events_during_a_flight_is_the_flight(sample: Itinerary) -> None:
    now = at(2021, 6, 8, 16, 0, "America/Tegucigalpa")
    assert keys(current_events(sample.events, now)) == ["flight-tgu-pty"]


def test_current_events_includes_an_event_at_its_start_but_not_at_its_end() -> None:
    event = local_event("meeting", "America/Panama", 2021, 6, 9, 10, 30)
    assert event.end is not None
    assert current_events([event], event.start) == [event]
    assert current_events([event], event.end) == []


def test_current_events_between_events_is_empty(sample: Itinerary) -> None:
    now = at(2021, 6, 8, 13, 0, "America/Tegucigalpa")
    assert current_events(sample.events, now) == []


def test_current_events_lists_overlapping_events_in_start_order() -> None:
    visit = local_event(
        "visit", "America/Panama", 2021, 6, 9, 14, 30, end=at(2021, 6, 9, 17, 0, "America/Panama")
    )
    call = local_event("call", "America/Panama", 2021, 6, 9, 15, 0)
    now = at(2021, 6, 9, 15, 30, "America/Panama")
    assert current_events([call, visit], now) == [visit, call]


def test_current_events_leaves_out_an_event_without_an_end() -> None:
    event = local_event("open", "America/Panama", 2021, 6, 9, 10, 0, end=None)
    assert current_events([event], event.start + timedelta(minutes=5)) == []


# --- where_at, local_day, local_times ---------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [datetime(2021, 6, 1, 12, 0, tzinfo=UTC), datetime(2021, 6, 20, 12, 0, tzinfo=UTC)],
    ids=["before-the-trip", "after-the-trip"],
)
def test_where_at_outside_the_trip_is_none(sample: Itinerary, now: datetime) -> None:
    assert where_at(sample.stops, sample.events, now) is None


def test_where_at_before_the_flight_on_a_travel_day_is_the_city_left(sample: Itinerary) -> None:
    stop = where_at(sample.stops, sample.events, at(2021, 6, 8, 12, 0, "America/Tegucigalpa"))
    assert stop is not None
    assert stop.city == "Tegucigalpa"


def test_where_at_while_the_flight_is_in_the_air_is_still_the_city_left(
    sample: Itinerary,
) -> None:
    stop = where_at(sample.stops, sample.events, at(2021, 6, 8, 16, 0, "America/Tegucigalpa"))
    assert stop is not None
    assert stop.city == "Tegucigalpa"


def test_where_at_after_the_flight_lands_is_the_arrival_city(sample: Itinerary) -> None:
    stop = where_at(sample.stops, sample.events, at(2021, 6, 8, 18, 0, "America/Panama"))
    assert stop is not None
    assert stop.city == "Panama City"


def test_where_at_the_landing_instant_is_the_arrival_city(sample: Itinerary) -> None:
    flight = by_key(sample, "flight-tgu-pty")
    assert flight.end is not None
    stop = where_at(sample.stops, sample.events, flight.end)
    assert stop is not None
    assert stop.city == "Panama City"


@pytest.mark.parametrize(
    ("wall", "zone_name", "city"),
    [
        ((2021, 6, 5, 12, 0), "America/Mexico_City", "Mexico City"),
        ((2021, 6, 9, 12, 0), "America/Panama", "Panama City"),
        ((2021, 6, 10, 7, 0), "America/Panama", "Panama City"),
        ((2021, 6, 10, 12, 0), "America/Lima", "Lima"),
        ((2021, 6, 11, 12, 0), "America/Lima", "Lima"),
    ],
)
def test_where_at_follows_the_trip(
    sample: Itinerary, wall: tuple[int, int, int, int, int], zone_name: str, city: str
) -> None:
    stop = where_at(sample.stops, sample.events, at(*wall, zone_name))
    assert stop is not None
    assert stop.city == city


def test_local_day_on_the_trip_is_the_date_where_the_delegation_is(sample: Itinerary) -> None:
    # 22:00 on 10 June in Lima is 11 June in UTC and in Seoul.
    now = datetime(2021, 6, 11, 3, 0, tzinfo=UTC)
    assert local_day(sample.stops, sample.events, now, "Asia/Seoul") == date(2021, 6, 10)


def test_local_day_outside_the_trip_is_the_date_at_home(sample: Itinerary) -> None:
    # 20:00 UTC on 1 June is already 2 June in Seoul.
    now = datetime(2021, 6, 1, 20, 0, tzinfo=UTC)
    assert local_day(sample.stops, sample.events, now, "Asia/Seoul") == date(2021, 6, 2)


def test_local_times_lists_the_trip_cities_in_order_with_home_last(sample: Itinerary) -> None:
    now = by_key(sample, "cabei-meeting").start
    times = local_times(sample.stops, now, "Asia/Seoul")
    assert [t.city for t in times] == [
        "Mexico City",
        "Tegucigalpa",
        "Panama City",
        "Lima",
        "Seoul",
    ]
    assert [t.timezone for t in times] == [
        "America/Mexico_City",
        "America/Tegucigalpa",
        "America/Panama",
        "America/Lima",
        "Asia/Seoul",
    ]


def test_local_times_gives_the_wall_clock_time_in_each_city(sample: Itinerary) -> None:
    now = by_key(sample, "cabei-meeting").start
    walls = {
        t.city: (t.local.day, t.local.hour, t.local.minute)
        for t in local_times(sample.stops, now, "Asia/Seoul")
    }
    assert walls == {
        "Mexico City": (8, 11, 0),
        "Tegucigalpa": (8, 10, 0),
        "Panama City": (8, 11, 0),
        "Lima": (8, 11, 0),
        "Seoul": (9, 1, 0),
    }
    assert all(t.local == now for t in local_times(sample.stops, now, "Asia/Seoul"))


def test_local_times_does_not_repeat_a_home_city_on_the_trip() -> None:
    now = datetime(2021, 6, 9, 12, 0, tzinfo=UTC)
    times = local_times([PANAMA, LIMA], now, "America/Lima")
    assert [t.city for t in times] == ["Panama City", "Lima"]


def test_city_for_zone_prefers_the_stop_city_name() -> None:
    assert city_for_zone([TEGUCIGALPA, PANAMA], "America/Panama") == "Panama City"
    assert city_for_zone([TEGUCIGALPA, PANAMA], "Asia/Seoul") == "Seoul"
