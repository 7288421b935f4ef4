"""Where the delegation is, before, during and after every flight of the sample trip."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schedule.itinerary import Itinerary
from schedule.whereabouts import AfterTrip, BeforeTrip, InAir, InCity, route, tonight, whereabouts


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    """Return an instant in June 2021, in UTC."""
    return datetime(2021, 6, day, hour, minute, tzinfo=UTC)


# Each flight of the sample: an instant before take-off, one in the air, one after landing.
FLIGHTS = [
    ("flight-lax-mex", "Los Angeles", "Mexico City", utc(4, 7), utc(4, 9), utc(4, 12)),
    ("flight-mex-tgu", "Mexico City", "Tegucigalpa", utc(6, 15), utc(6, 16), utc(6, 18)),
    ("flight-tgu-pty", "Tegucigalpa", "Panama City", utc(8, 20), utc(8, 21), utc(8, 23)),
    ("flight-pty-lim", "Panama City", "Lima", utc(10, 13), utc(10, 15), utc(10, 17)),
    ("flight-lim-lax", "Lima", "Los Angeles", utc(12, 18), utc(12, 21), utc(13, 4)),
]


@pytest.mark.parametrize(("key", "origin", "destination", "before", "during", "after"), FLIGHTS)
def test_the_delegation_is_in_the_air_from_take_off_to_landing(
    sample: Itinerary,
    key: str,
    origin: str,
    destination: str,
    before: datetime,
    during: datetime,
    after: datetime,
) -> None:
    place = whereabouts(sample.stops, sample.events, during)
    assert isinstance(place, InAir)
    assert (place.journey.key, place.origin, place.destination) == (key, origin, destination)
    assert place.lands == place.journey.end


@pytest.mark.parametrize(("key", "origin", "destination", "before", "during", "after"), FLIGHTS)
def test_before_a_flight_the_delegation_is_where_it_leaves_and_after_where_it_lands(
    sample: Itinerary,
    key: str,
    origin: str,
    destination: str,
    before: datetime,
    during: datetime,
    after: datetime,
) -> None:
    first, last = key == "flight-lax-mex", key == "flight-lim-lax"
    ahead = whereabouts(sample.stops, sample.events, before)
    behind = whereabouts(sample.stops, sample.events, after)
    if not first:
        assert isinstance(ahead, InCity)
        assert ahead.stop.city == origin
    if last:
        assert behind == AfterTrip("Lima", "Los Angeles", utc(12, 18, 40), "America/Lima")
    else:
        assert isinstance(behind, InCity)
        assert behind.stop.city == destination


def test_before_the_trip_it_starts_in_mexico_city(sample: Itinerary) -> None:
    place = whereabouts(sample.stops, sample.events, utc(2, 12))
    assert isinstance(place, BeforeTrip)
    assert (place.first.city, place.first.arrive) == ("Mexico City", date(2021, 6, 4))


def test_weeks_after_the_trip_it_was_last_seen_leaving_lima(sample: Itinerary) -> None:
    place = whereabouts(sample.stops, sample.events, datetime(2021, 7, 1, tzinfo=UTC))
    assert isinstance(place, AfterTrip)
    assert (place.origin, place.destination) == ("Lima", "Los Angeles")


@pytest.mark.parametrize(
    ("instant", "city"),
    [
        (utc(8, 12), "Panama City"),  # the morning of the Tegucigalpa to Panama flight
        (utc(8, 21), "Panama City"),  # in the air
        (utc(11, 12), "Lima"),
        (utc(12, 12), None),  # the last day: the flight home leaves at 13:40
        (utc(12, 21), None),  # 16:00 in Lima, in the air
        (utc(13, 3), None),  # 22:00 in Lima
        (utc(2, 12), None),  # before the trip
    ],
)
def test_tonight_is_where_the_delegation_sleeps(
    sample: Itinerary, instant: datetime, city: str | None
) -> None:
    stop = tonight(sample.stops, sample.events, instant)
    assert (stop.city if stop else None) == city


@pytest.mark.parametrize(
    ("day", "cities"),
    [
        (4, ("Los Angeles", "Mexico City")),
        (5, ("Mexico City",)),
        (8, ("Tegucigalpa", "Panama City")),
        (12, ("Lima", "Los Angeles")),
        (13, ()),
    ],
)
def test_a_day_route_names_where_its_journeys_go(
    sample: Itinerary, day: int, cities: tuple[str, ...]
) -> None:
    assert route(sample.stops, sample.events, date(2021, 6, day)) == cities
