"""Time zones: historical offsets, refused local times, and how instants are shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from schedule import zones
from schedule.itinerary import Itinerary
from schedule.zones import LocalTimeError, UnknownZoneError

JUNE_2021 = [
    ("America/Mexico_City", timedelta(hours=-5), "UTC−5"),
    ("America/Tegucigalpa", timedelta(hours=-6), "UTC−6"),
    ("America/Panama", timedelta(hours=-5), "UTC−5"),
    ("America/Lima", timedelta(hours=-5), "UTC−5"),
    ("Asia/Seoul", timedelta(hours=9), "UTC+9"),
]


def wall_time(written: str) -> datetime:
    """Return the wall-clock time written ``YYYY-MM-DD HH:MM``, naive, to be localised."""
    return datetime.fromisoformat(written)


def utc(written: str) -> datetime:
    """Return the instant written ``YYYY-MM-DD HH:MM`` in UTC."""
    return datetime.fromisoformat(written).replace(tzinfo=UTC)


def _event_start(sample: Itinerary, key: str) -> datetime:
    return next(e.start for e in sample.events if e.key == key)


@pytest.mark.parametrize(
    ("wall", "expected_utc"),
    [
        (
            wall_time("2021-06-05 10:00"),
            utc("2021-06-05 15:00"),
        ),
        (
            wall_time("2022-11-07 10:00"),
            utc("2022-11-07 16:00"),
        ),
    ],
    ids=["june-2021-dst", "november-2022-no-dst"],
)
def test_mexico_city_offset_follows_the_rules_in_force_on_the_date(
    wall: datetime, expected_utc: datetime
) -> None:
    assert zones.localize(wall, "America/Mexico_City") == expected_utc


@pytest.mark.parametrize(
    ("instant", "label"),
    [
        (utc("2021-06-05 15:00"), "UTC−5"),
        (utc("2022-11-07 16:00"), "UTC−6"),
    ],
    ids=["june-2021", "november-2022"],
)
def test_mexico_city_offset_label_is_historical(instant: datetime, label: str) -> None:
    assert zones.offset_label(instant, "America/Mexico_City") == label


@pytest.mark.parametrize(("zone_name", "offset", "label"), JUNE_2021)
def test_localize_applies_the_june_2021_offset_of_each_city(
    zone_name: str, offset: timedelta, label: str
) -> None:
    wall = wall_time("2021-06-08 10:00")
    instant = zones.localize(wall, zone_name)
    assert instant == utc("2021-06-08 10:00") - offset
    assert instant.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("zone_name", "offset", "label"), JUNE_2021)
def test_offset_label_names_the_june_2021_offset_with_a_minus_sign(
    zone_name: str, offset: timedelta, label: str
) -> None:
    instant = utc("2021-06-08 16:00")
    assert zones.offset_label(instant, zone_name) == label
    assert zones.utc_offset(instant, zone_name) == offset


def test_offset_label_uses_the_unicode_minus_sign_not_a_hyphen() -> None:
    label = zones.offset_label(utc("2021-06-08 16:00"), "America/Tegucigalpa")
    assert label == "UTC\u22126"
    assert "-" not in label


@pytest.mark.parametrize(
    ("zone_name", "label"), [("Asia/Kolkata", "UTC+5:30"), ("America/St_Johns", "UTC−2:30")]
)
def test_offset_label_shows_minutes_of_a_half_hour_zone(zone_name: str, label: str) -> None:
    instant = utc("2021-06-08 16:00")
    assert zones.offset_label(instant, zone_name) == label


@pytest.mark.parametrize(
    ("written", "refusal"),
    [("2021-03-14 02:30", "does not exist"), ("2021-11-07 01:30", "happens twice")],
    ids=["spring-forward-gap", "fall-back-fold"],
)
def test_localize_refuses_a_time_in_a_gap_or_a_fold_naming_time_and_zone(
    written: str, refusal: str
) -> None:
    with pytest.raises(LocalTimeError, match=refusal) as caught:
        zones.localize(wall_time(written), "America/Chicago")
    assert written in str(caught.value)
    assert "America/Chicago" in str(caught.value)


@pytest.mark.parametrize(
    ("wall", "expected_utc"),
    [
        (
            wall_time("2021-03-14 03:30"),
            utc("2021-03-14 08:30"),
        ),
        (
            wall_time("2021-03-14 01:30"),
            utc("2021-03-14 07:30"),
        ),
        (
            wall_time("2021-11-07 00:30"),
            utc("2021-11-07 05:30"),
        ),
        (
            wall_time("2021-11-07 02:30"),
            utc("2021-11-07 08:30"),
        ),
    ],
    ids=["after-gap", "before-gap", "before-fold", "after-fold"],
)
def test_localize_accepts_times_next_to_a_gap_or_fold(
    wall: datetime, expected_utc: datetime
) -> None:
    assert zones.localize(wall, "America/Chicago") == expected_utc


@pytest.mark.parametrize(
    ("wall", "expected_offset"),
    [
        (
            wall_time("2021-01-15 12:00"),
            timedelta(hours=1),
        ),
        (
            wall_time("2021-07-15 12:00"),
            timedelta(hours=2),
        ),
    ],
    ids=["winter-cet", "summer-cest"],
)
def test_localize_uses_the_zone_rules_not_local_mean_time(
    wall: datetime, expected_offset: timedelta
) -> None:
    instant = zones.localize(wall, "Europe/Berlin")
    assert instant == wall.replace(tzinfo=UTC) - expected_offset
    assert zones.to_local(instant, "Europe/Berlin").utcoffset() == expected_offset
    # Attaching the pytz zone directly gives Berlin's local mean time, +00:53.
    naive_attach = wall.replace(tzinfo=zones.zone("Europe/Berlin"))
    assert naive_attach.utcoffset() == timedelta(minutes=53)
    assert instant != naive_attach


def test_localize_refuses_an_aware_datetime() -> None:
    with pytest.raises(LocalTimeError, match="without a UTC offset"):
        zones.localize(utc("2021-06-08 10:00"), "America/Tegucigalpa")


def test_localize_refuses_an_unknown_zone_with_a_suggestion() -> None:
    wall = wall_time("2021-06-08 10:00")
    with pytest.raises(UnknownZoneError, match="America/Tegucigalpa"):
        zones.localize(wall, "America/Tegucigalpha")


def test_to_local_refuses_a_naive_datetime() -> None:
    naive = datetime(2021, 6, 8, 10, 0)  # noqa: DTZ001 - the naive input being refused
    with pytest.raises(LocalTimeError, match="aware"):
        zones.to_local(naive, "America/Tegucigalpa")


def test_flight_arrival_instant_reads_as_landing_time_in_the_arrival_zone(
    sample: Itinerary,
) -> None:
    flight = next(e for e in sample.events if e.key == "flight-tgu-pty")
    assert flight.end == utc("2021-06-08 22:20")
    landed = zones.to_local(flight.end, flight.arrival_timezone)
    assert (landed.date(), landed.hour, landed.minute) == (date(2021, 6, 8), 17, 20)
    assert landed.utcoffset() == timedelta(hours=-5)


def test_flight_arrival_instant_is_an_hour_earlier_on_the_departure_clock() -> None:
    landed = zones.to_local(utc("2021-06-08 22:20"), "America/Tegucigalpa")
    assert (landed.hour, landed.minute) == (16, 20)
    assert landed.utcoffset() == timedelta(hours=-6)


@pytest.mark.parametrize(
    ("instant", "zone_name", "expected"),
    [
        (utc("2021-06-09 03:00"), "America/Lima", date(2021, 6, 8)),
        (utc("2021-06-09 03:00"), "Asia/Seoul", date(2021, 6, 9)),
        (utc("2021-06-08 16:00"), "Asia/Seoul", date(2021, 6, 9)),
    ],
)
def test_local_date_is_the_calendar_date_in_the_zone(
    instant: datetime, zone_name: str, expected: date
) -> None:
    assert zones.local_date(instant, zone_name) == expected


def test_format_instant_shows_date_time_city_and_offset(sample: Itinerary) -> None:
    start = _event_start(sample, "cabei-meeting")
    text = zones.format_instant(start, "America/Tegucigalpa", "Tegucigalpa")
    assert text == "Tue 8 Jun 10:00 (Tegucigalpa, UTC−6)"


def test_format_instant_adds_home_time_with_its_date_when_the_day_differs(
    sample: Itinerary,
) -> None:
    start = _event_start(sample, "cabei-meeting")
    text = zones.format_instant(
        start, "America/Tegucigalpa", "Tegucigalpa", home_zone="Asia/Seoul"
    )
    assert text == "Tue 8 Jun 10:00 (Tegucigalpa, UTC−6) · Wed 9 Jun 01:00 Seoul"


def test_format_instant_adds_only_home_time_when_the_day_is_the_same() -> None:
    start = utc("2021-06-08 11:00")  # 05:00 Tegucigalpa, 20:00 Seoul
    text = zones.format_instant(
        start, "America/Tegucigalpa", "Tegucigalpa", home_zone="Asia/Seoul"
    )
    assert text == "Tue 8 Jun 05:00 (Tegucigalpa, UTC−6) · 20:00 Seoul"


def test_format_instant_names_the_home_city_given() -> None:
    start = utc("2021-06-08 11:00")
    text = zones.format_instant(
        start, "America/Tegucigalpa", "Tegucigalpa", home_zone="Asia/Seoul", home_city="서울"
    )
    assert text.endswith(" · 20:00 서울")


def test_format_instant_uses_the_24_hour_clock(sample: Itinerary) -> None:
    start = _event_start(sample, "flight-tgu-pty")
    text = zones.format_instant(start, "America/Tegucigalpa", "Tegucigalpa")
    assert text == "Tue 8 Jun 14:30 (Tegucigalpa, UTC−6)"
    assert "PM" not in text


def test_format_time_uses_the_24_hour_clock() -> None:
    instant = utc("2021-06-08 20:30")
    assert zones.format_time(instant, "America/Tegucigalpa") == "14:30"


def test_format_wall_shows_the_local_date_and_time() -> None:
    instant = utc("2021-06-08 20:30")
    assert zones.format_wall(instant, "America/Tegucigalpa") == "2021-06-08 14:30"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2021, 6, 8), "Tue 8 Jun"),
        (date(2021, 6, 12), "Sat 12 Jun"),
        (date(2022, 11, 7), "Mon 7 Nov"),
    ],
)
def test_format_date_shows_weekday_day_without_padding_and_month(day: date, text: str) -> None:
    assert zones.format_date(day) == text


@pytest.mark.parametrize(
    ("day", "zone_name", "begins", "ends"),
    [
        (
            date(2021, 6, 10),
            "America/Lima",
            utc("2021-06-10 05:00"),
            utc("2021-06-11 05:00"),
        ),
        (
            date(2021, 6, 10),
            "Asia/Seoul",
            utc("2021-06-09 15:00"),
            utc("2021-06-10 15:00"),
        ),
    ],
    ids=["lima", "seoul"],
)
def test_day_bounds_are_the_utc_instants_of_local_midnights(
    day: date, zone_name: str, begins: datetime, ends: datetime
) -> None:
    assert zones.day_bounds(day, zone_name) == (begins, ends)


def test_day_bounds_of_a_spring_forward_day_are_23_hours_apart() -> None:
    begins, ends = zones.day_bounds(date(2021, 3, 14), "America/Chicago")
    assert begins == utc("2021-03-14 06:00")
    assert ends - begins == timedelta(hours=23)


def test_day_bounds_of_a_day_whose_midnight_is_skipped_begin_when_the_clocks_jump() -> None:
    # Santiago jumped from 00:00 (UTC−4) to 01:00 (UTC−3) on 5 September 2021.
    begins, ends = zones.day_bounds(date(2021, 9, 5), "America/Santiago")
    assert begins == utc("2021-09-05 04:00")
    assert ends == utc("2021-09-06 03:00")


def test_suggest_zones_puts_the_zone_of_a_bare_city_first() -> None:
    assert zones.suggest_zones("Tegucigalpa")[0] == "America/Tegucigalpa"


def test_suggest_zones_matches_a_city_written_with_spaces() -> None:
    assert zones.suggest_zones("America/Mexico City")[0] == "America/Mexico_City"


def test_suggest_zones_corrects_a_typo() -> None:
    assert zones.suggest_zones("America/Tegucigalpha")[0] == "America/Tegucigalpa"


def test_unknown_zone_error_message_contains_the_suggestion() -> None:
    with pytest.raises(UnknownZoneError) as caught:
        zones.zone("America/Mexico City")
    assert "America/Mexico_City" in str(caught.value)
    assert "America/Mexico City" in str(caught.value)
    assert caught.value.suggestions[0] == "America/Mexico_City"


def test_unknown_zone_error_is_a_local_time_error() -> None:
    assert issubclass(UnknownZoneError, LocalTimeError)


@pytest.mark.parametrize(
    ("name", "known"),
    [("America/Tegucigalpa", True), ("Asia/Seoul", True), ("Tegucigalpa", False)],
)
def test_is_zone_accepts_only_iana_names(name: str, known: bool) -> None:
    assert zones.is_zone(name) is known


@pytest.mark.parametrize(
    ("zone_name", "city"),
    [("America/Mexico_City", "Mexico City"), ("Asia/Seoul", "Seoul")],
)
def test_city_of_reads_the_city_from_the_zone_name(zone_name: str, city: str) -> None:
    assert zones.city_of(zone_name) == city
