"""Typed moments and where the delegation is: the helpers every handler and service shares."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from schedule import agenda, zones
from schedule.dates import Moment, parse_moment, parse_time_of_day, take_moment
from schedule.itinerary import Itinerary

TUESDAY = date(2021, 6, 8)  # Tegucigalpa in the morning, Panama City by night


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:05", time(9, 5)), ("23:59", time(23, 59)), (" 07:00 ", time(7, 0)), ("00:00", time(0))],
)
def test_a_time_of_day_is_read(text: str, expected: time) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:60", "9h", "7", "07:00:00", "", "noon"])
def test_what_is_not_a_time_of_day_is_refused(text: str) -> None:
    assert parse_time_of_day(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:30", Moment(None, time(11, 30))),
        ("tomorrow 11:30", Moment(date(2021, 6, 9), time(11, 30))),
        ("2021-06-10 06:00", Moment(date(2021, 6, 10), time(6, 0))),
        ("11:30 10 June", Moment(date(2021, 6, 10), time(11, 30))),
        ("thursday 11:30", Moment(date(2021, 6, 10), time(11, 30))),
        ("내일 09:00", Moment(date(2021, 6, 9), time(9, 0))),
        ("6월 10일 09:00", Moment(date(2021, 6, 10), time(9, 0))),
    ],
)
def test_a_moment_is_a_day_if_named_and_a_time(text: str, expected: Moment) -> None:
    assert parse_moment(text, today=TUESDAY) == expected


@pytest.mark.parametrize("text", ["", "tomorrow", "someday 11:30", "11:30 someday", "+30m"])
def test_what_is_not_a_moment_is_refused(text: str) -> None:
    assert parse_moment(text, today=TUESDAY) is None


def test_a_moment_at_the_front_leaves_the_words_after_it() -> None:
    words = ["07:00", "10", "June", "bring", "passports"]
    assert take_moment(words, today=TUESDAY) == (
        Moment(date(2021, 6, 10), time(7, 0)),
        ["bring", "passports"],
    )


def test_a_moment_at_the_front_without_a_day_keeps_every_word() -> None:
    assert take_moment(["07:00", "bus", "leaves"], today=TUESDAY) == (
        Moment(None, time(7, 0)),
        ["bus", "leaves"],
    )


def test_words_without_a_time_in_front_are_no_moment() -> None:
    assert take_moment(["bus", "07:00"], today=TUESDAY) is None


@pytest.mark.parametrize(
    ("day", "zone", "expected"),
    [
        (date(2021, 6, 5), "America/Mexico_City", datetime(2021, 6, 5, 15, 0, tzinfo=UTC)),
        (date(2022, 11, 7), "America/Mexico_City", datetime(2022, 11, 7, 16, 0, tzinfo=UTC)),
        (date(2021, 6, 8), "America/Tegucigalpa", datetime(2021, 6, 8, 16, 0, tzinfo=UTC)),
        (date(2021, 6, 9), "America/Panama", datetime(2021, 6, 9, 15, 0, tzinfo=UTC)),
        (date(2021, 6, 11), "America/Lima", datetime(2021, 6, 11, 15, 0, tzinfo=UTC)),
        (date(2021, 6, 8), "Asia/Seoul", datetime(2021, 6, 8, 1, 0, tzinfo=UTC)),
    ],
)
def test_a_wall_time_is_read_in_its_zone(day: date, zone: str, expected: datetime) -> None:
    assert zones.wall(day, time(10, 0), zone) == expected


def test_a_wall_time_in_a_dst_gap_is_refused() -> None:
    with pytest.raises(zones.LocalTimeError, match="does not exist"):
        zones.wall(date(2021, 3, 14), time(2, 30), "America/New_York")


def test_the_zone_follows_the_delegation_across_a_travel_day(sample: Itinerary) -> None:
    morning = datetime(2021, 6, 8, 14, 0, tzinfo=UTC)  # 08:00 in Tegucigalpa
    night = datetime(2021, 6, 9, 2, 0, tzinfo=UTC)  # 21:00 in Panama City, after landing
    assert agenda.zone_at(sample, morning) == "America/Tegucigalpa"
    assert agenda.zone_at(sample, night) == "America/Panama"


def test_outside_the_trip_the_zone_is_home(sample: Itinerary) -> None:
    assert agenda.zone_at(sample, datetime(2021, 7, 1, tzinfo=UTC)) == "Asia/Seoul"
    assert agenda.zone_on(sample, date(2021, 7, 1)) == "Asia/Seoul"


def test_a_travel_day_is_read_in_the_city_the_delegation_wakes_up_in(sample: Itinerary) -> None:
    assert agenda.zone_on(sample, TUESDAY) == "America/Tegucigalpa"


def test_local_today_is_the_date_where_the_delegation_is(sample: Itinerary) -> None:
    # 23:30 in Panama City on 8 June is already 9 June in Seoul.
    late = datetime(2021, 6, 9, 4, 30, tzinfo=UTC)
    assert agenda.local_today(sample, late) == TUESDAY


def test_a_member_sees_only_their_events_and_an_organiser_all(sample: Itinerary) -> None:
    restricted = [e for e in sample.events if e.attendees]
    assert restricted, "the sample has events for some members only"
    mine = agenda.visible_to(sample, key="nobody", groups=(), organiser=False)
    assert not set(mine.events) & set(restricted)
    assert agenda.visible_to(sample, key="nobody", groups=(), organiser=True) == sample
