"""Clocks: the system clock, a simulated clock set by hand, a rehearsal clock that runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from schedule.clock import Clock, RehearsalClock, SimulatedClock, SystemClock, today

START = datetime(2021, 6, 8, 16, 0, tzinfo=UTC)
TEGUCIGALPA_OFFSET = timezone(timedelta(hours=-6))


def test_system_clock_reads_the_real_time_in_utc() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    after = datetime.now(UTC)
    assert before <= now <= after
    assert now.utcoffset() == timedelta(0)


def test_simulated_clock_stands_still_at_its_start() -> None:
    clock = SimulatedClock(START)
    assert clock.now() == START
    assert clock.now() == START


def test_simulated_clock_jumps_to_the_instant_it_is_set_to() -> None:
    clock = SimulatedClock(START)
    clock.set(datetime(2021, 6, 10, 13, 15, tzinfo=UTC))
    assert clock.now() == datetime(2021, 6, 10, 13, 15, tzinfo=UTC)


def test_simulated_clock_advances_by_the_delta() -> None:
    clock = SimulatedClock(START)
    clock.advance(timedelta(hours=6, minutes=20))
    assert clock.now() == datetime(2021, 6, 8, 22, 20, tzinfo=UTC)


def test_simulated_clock_moves_back_by_a_negative_delta() -> None:
    clock = SimulatedClock(START)
    clock.advance(timedelta(minutes=-15))
    assert clock.now() == datetime(2021, 6, 8, 15, 45, tzinfo=UTC)


def test_simulated_clock_reports_an_offset_start_in_utc() -> None:
    clock = SimulatedClock(datetime(2021, 6, 8, 10, 0, tzinfo=TEGUCIGALPA_OFFSET))
    assert clock.now() == START
    assert clock.now().tzinfo is UTC


def test_simulated_clock_refuses_a_naive_start() -> None:
    naive = datetime(2021, 6, 8, 16, 0)  # noqa: DTZ001 - the naive input being refused
    with pytest.raises(ValueError, match="aware"):
        SimulatedClock(naive)


def test_simulated_clock_refuses_to_be_set_to_a_naive_instant() -> None:
    clock = SimulatedClock(START)
    naive = datetime(2021, 6, 9, 16, 0)  # noqa: DTZ001 - the naive input being refused
    with pytest.raises(ValueError, match="aware"):
        clock.set(naive)
    assert clock.now() == START


def test_rehearsal_clock_starts_at_the_given_instant_and_moves_forward() -> None:
    clock = RehearsalClock(START)
    first = clock.now()
    second = clock.now()
    assert START <= first <= second
    # It runs in real time from the start, so a read straight away is close to it.
    assert second - START < timedelta(minutes=1)


def test_rehearsal_clock_reports_an_offset_start_in_utc() -> None:
    clock = RehearsalClock(datetime(2021, 6, 8, 10, 0, tzinfo=TEGUCIGALPA_OFFSET))
    now = clock.now()
    assert now >= START
    assert now.utcoffset() == timedelta(0)


def test_rehearsal_clock_refuses_a_naive_start() -> None:
    naive = datetime(2021, 6, 8, 16, 0)  # noqa: DTZ001 - the naive input being refused
    with pytest.raises(ValueError, match="aware"):
        RehearsalClock(naive)


def test_every_clock_satisfies_the_clock_protocol() -> None:
    clocks: list[Clock] = [SystemClock(), SimulatedClock(START), RehearsalClock(START)]
    for clock in clocks:
        assert clock.now().utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("instant", "zone_name", "expected"),
    [
        (datetime(2021, 6, 9, 3, 0, tzinfo=UTC), "America/Lima", date(2021, 6, 8)),
        (datetime(2021, 6, 9, 3, 0, tzinfo=UTC), "America/Tegucigalpa", date(2021, 6, 8)),
        (datetime(2021, 6, 9, 3, 0, tzinfo=UTC), "Asia/Seoul", date(2021, 6, 9)),
        (datetime(2021, 6, 8, 15, 0, tzinfo=UTC), "Asia/Seoul", date(2021, 6, 9)),
        (datetime(2021, 6, 8, 14, 59, tzinfo=UTC), "Asia/Seoul", date(2021, 6, 8)),
        (datetime(2021, 6, 9, 5, 0, tzinfo=UTC), "America/Lima", date(2021, 6, 9)),
    ],
)
def test_today_is_the_date_in_the_zone_not_in_utc(
    instant: datetime, zone_name: str, expected: date
) -> None:
    assert today(SimulatedClock(instant), zone_name) == expected


def test_today_turns_over_at_local_midnight_as_the_clock_advances() -> None:
    clock = SimulatedClock(datetime(2021, 6, 11, 4, 59, tzinfo=UTC))  # 23:59 in Lima
    assert today(clock, "America/Lima") == date(2021, 6, 10)
    clock.advance(timedelta(minutes=1))
    assert today(clock, "America/Lima") == date(2021, 6, 11)
