"""Reading the days people type, in English and Korean, against the delegation's today."""

from __future__ import annotations

from datetime import date

import pytest

from schedule.dates import parse_day

TUESDAY = date(2021, 6, 8)  # the travel day from Tegucigalpa to Panama City
WEDNESDAY = date(2021, 6, 9)


@pytest.mark.parametrize(
    "text",
    ["8 June", "June 8", "8 Jun 2021", "2021-06-08", "8th June", "Tue 8 June", "8 june, 2021"],
)
def test_a_named_or_iso_date_is_read(text: str) -> None:
    assert parse_day(text, today=date(2021, 6, 4)) == TUESDAY


@pytest.mark.parametrize("text", ["6월 8일", "6월8일", "2021년 6월 8일", "6월 8일 화요일"])
def test_a_korean_date_is_read(text: str) -> None:
    assert parse_day(text, today=date(2021, 6, 4)) == TUESDAY


@pytest.mark.parametrize("text", ["Tuesday", "tue", "TUESDAY", "화요일"])
def test_a_weekday_on_that_weekday_is_today(text: str) -> None:
    assert parse_day(text, today=TUESDAY) == TUESDAY


@pytest.mark.parametrize("text", ["Tuesday", "tue", "화요일"])
def test_a_weekday_is_its_next_occurrence_after_today(text: str) -> None:
    assert parse_day(text, today=WEDNESDAY) == date(2021, 6, 15)


@pytest.mark.parametrize("text", ["Friday", "fri", "금요일"])
def test_a_weekday_later_in_the_week_stays_in_this_week(text: str) -> None:
    assert parse_day(text, today=TUESDAY) == date(2021, 6, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TUESDAY),
        ("Today", TUESDAY),
        ("오늘", TUESDAY),
        ("tomorrow", WEDNESDAY),
        ("내일", WEDNESDAY),
    ],
)
def test_relative_words_count_from_today(text: str, expected: date) -> None:
    assert parse_day(text, today=TUESDAY) == expected


@pytest.mark.parametrize(
    "text", ["nonsense", "banana 12", "", "   ", "13/45", "8 Juneteenth", "2021-13-01", "tues8"]
)
def test_nonsense_names_no_day(text: str) -> None:
    assert parse_day(text, today=TUESDAY) is None


@pytest.mark.parametrize("text", ["31 June", "June 31", "6월 31일", "2021-06-31", "30 February"])
def test_a_date_that_does_not_exist_names_no_day(text: str) -> None:
    assert parse_day(text, today=TUESDAY) is None


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("2 January", date(2021, 12, 30), date(2022, 1, 2)),
        ("30 December", date(2022, 1, 2), date(2021, 12, 30)),
        ("1월 2일", date(2021, 12, 30), date(2022, 1, 2)),
        ("8 June", date(2021, 6, 20), date(2021, 6, 8)),
        ("8 June", date(2021, 1, 1), date(2021, 6, 8)),
    ],
)
def test_a_date_without_a_year_takes_the_year_nearest_today(
    text: str, today: date, expected: date
) -> None:
    assert parse_day(text, today=today) == expected


def test_29_february_without_a_year_finds_the_nearest_leap_year() -> None:
    assert parse_day("29 February", today=date(2021, 1, 10)) == date(2020, 2, 29)


def test_an_explicit_year_is_kept_even_far_from_today() -> None:
    assert parse_day("8 Jun 2019", today=TUESDAY) == date(2019, 6, 8)
