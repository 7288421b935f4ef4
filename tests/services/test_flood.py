"""The flood guard: a few updates a second per chat, one warning a flood, strangers once a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.services.flood import FloodGuard

T0 = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)


def test_a_burst_of_a_few_updates_is_handled() -> None:
    guard = FloodGuard(burst=6, per_second=2)
    assert all(guard.admit(1, T0).allowed for _ in range(6))


def test_the_excess_is_dropped_with_one_warning() -> None:
    guard = FloodGuard(burst=6, per_second=2)
    for _ in range(6):
        guard.admit(1, T0)
    verdicts = [guard.admit(1, T0) for _ in range(194)]
    assert not any(v.allowed for v in verdicts)
    assert sum(v.warn for v in verdicts) == 1


def test_one_chat_flooding_leaves_another_chat_alone() -> None:
    guard = FloodGuard(burst=6, per_second=2)
    for _ in range(50):
        guard.admit(1, T0)
    assert guard.admit(2, T0).allowed


def test_a_chat_is_heard_again_once_it_slows_down() -> None:
    guard = FloodGuard(burst=6, per_second=2)
    for _ in range(20):
        guard.admit(1, T0)
    assert guard.admit(1, T0 + timedelta(seconds=1)).allowed


def test_a_second_flood_is_warned_again_after_a_calm() -> None:
    guard = FloodGuard(burst=3, per_second=1)
    first = [guard.admit(1, T0).warn for _ in range(10)]
    later = T0 + timedelta(minutes=5)
    second = [guard.admit(1, later).warn for _ in range(10)]
    assert sum(first) == 1
    assert sum(second) == 1


def test_a_stranger_hears_the_refusal_once_a_day() -> None:
    guard = FloodGuard()
    tuesday = date(2021, 6, 8)
    answers = [guard.first_refusal_today(6666, tuesday) for _ in range(200)]
    assert answers.count(True) == 1
    assert guard.first_refusal_today(6666, tuesday + timedelta(days=1))
