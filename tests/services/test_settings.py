"""A member's settings rules: lead times within a week, a mute through a local day or a while."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.services.settings import Refused, Saved, apply_button, apply_typed, lead_times, mute_until
from bot.storage import models as db
from bot.storage.db import session_scope
from schedule.itinerary import Itinerary

NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa


def kim(engine: Engine) -> db.Member:
    with session_scope(engine) as session:
        return session.exec(select(db.Member).where(db.Member.key == "kim")).one()


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30,10", [30, 10]), ("30, 10", [30, 10]), ("45", [45]), ("1", [1]), ("10080", [10080])],
)
def test_lead_times_are_minutes_from_one_to_a_week(text: str, minutes: list[int]) -> None:
    assert lead_times(text) == minutes


@pytest.mark.parametrize("text", ["", "soon", "0", "10081", "30 min", "30;10", "-5", "1.5"])
def test_anything_but_a_list_of_minutes_within_a_week_is_refused(text: str) -> None:
    assert lead_times(text) is None


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("9 June", datetime(2021, 6, 10, 5, 0, tzinfo=UTC)),  # midnight after it in Panama City
        ("until 9 June", datetime(2021, 6, 10, 5, 0, tzinfo=UTC)),
        ("6월 9일까지", datetime(2021, 6, 10, 5, 0, tzinfo=UTC)),
        ("10 June", datetime(2021, 6, 11, 5, 0, tzinfo=UTC)),  # flown on to Lima that day
        (
            "8 June",
            datetime(2021, 6, 9, 5, 0, tzinfo=UTC),
        ),  # woke in Tegucigalpa, sleeps in Panama
        ("today", datetime(2021, 6, 9, 5, 0, tzinfo=UTC)),
        ("20 June", datetime(2021, 6, 20, 15, 0, tzinfo=UTC)),  # after the trip: Seoul
    ],
)
def test_a_mute_lasts_through_the_end_of_that_day_where_the_delegation_is(
    sample: Itinerary, text: str, until: datetime
) -> None:
    assert mute_until(sample, text, now=NOW) == until


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2h", timedelta(hours=2)),
        ("30m", timedelta(minutes=30)),
        ("for 2 hours", timedelta(hours=2)),
        ("1h 30m", timedelta(minutes=90)),
        ("2시간", timedelta(hours=2)),
        ("30분 동안", timedelta(minutes=30)),
    ],
)
def test_a_mute_for_a_while_counts_from_now(text: str, span: timedelta) -> None:
    assert mute_until(None, text, now=NOW) == NOW + span


@pytest.mark.parametrize("text", ["", "banana", "0h", "2x", "h", "2h banana"])
def test_a_mute_needs_a_day(sample: Itinerary, text: str) -> None:
    assert mute_until(sample, text, now=NOW) is None


def test_a_mute_until_a_day_needs_an_itinerary() -> None:
    assert mute_until(None, "10 June", now=NOW) is None


def test_typed_lead_times_are_stored_longest_first(loaded: Engine) -> None:
    assert apply_typed(loaded, kim(loaded).id or 0, ["lead", "10,30"], now=NOW) == Saved(True)
    assert kim(loaded).lead_times == [30, 10]


def test_bad_typed_lead_times_are_refused_and_change_nothing(loaded: Engine) -> None:
    outcome = apply_typed(loaded, kim(loaded).id or 0, ["lead", "10081"], now=NOW)
    assert outcome == Refused("settings_bad_lead")
    assert kim(loaded).lead_times is None


def test_a_bad_mute_day_is_refused_quoting_what_was_typed(loaded: Engine) -> None:
    outcome = apply_typed(loaded, kim(loaded).id or 0, ["중지", "바나나", "우유"], now=NOW)
    assert outcome == Refused("settings_bad_mute", quoted="바나나 우유")
    assert kim(loaded).muted_until is None


def test_a_typed_mute_is_stored_as_the_midnight_ending_that_day(loaded: Engine) -> None:
    assert apply_typed(loaded, kim(loaded).id or 0, ["mute", "9", "June"], now=NOW) == Saved(True)
    assert kim(loaded).muted_until == datetime(2021, 6, 10, 5, 0, tzinfo=UTC)


def test_a_mute_until_a_past_day_is_refused_and_changes_nothing(loaded: Engine) -> None:
    outcome = apply_typed(loaded, kim(loaded).id or 0, ["mute", "7", "June"], now=NOW)
    assert outcome == Refused("settings_mute_past", quoted="7 June")
    assert kim(loaded).muted_until is None


def test_unmute_clears_a_mute(loaded: Engine) -> None:
    apply_typed(loaded, kim(loaded).id or 0, ["mute", "2h"], now=NOW)
    assert apply_typed(loaded, kim(loaded).id or 0, ["unmute"], now=NOW) == Saved(True)
    assert kim(loaded).muted_until is None


def test_an_unknown_typed_setting_gets_the_usage(loaded: Engine) -> None:
    assert apply_typed(loaded, kim(loaded).id or 0, ["briefing", "maybe"], now=NOW) == Refused(
        "settings_usage"
    )


@pytest.mark.parametrize(
    ("setting", "value"),
    [("lang", "fr"), ("home", "yes"), ("briefing", ""), ("mute", "on"), ("colour", "1")],
)
def test_a_button_the_settings_never_offer_changes_nothing(
    loaded: Engine, setting: str, value: str
) -> None:
    before = kim(loaded)
    assert apply_button(loaded, before.id or 0, setting, value) is None
    after = kim(loaded)
    assert (after.language, after.show_home_time, after.briefing_enabled) == (
        before.language,
        before.show_home_time,
        before.briefing_enabled,
    )


def test_only_briefing_and_mute_buttons_ask_for_a_replan(loaded: Engine) -> None:
    member = kim(loaded).id or 0
    assert apply_button(loaded, member, "home", "1") == Saved(replan=False)
    assert apply_button(loaded, member, "lang", "ko") == Saved(replan=False)
    assert apply_button(loaded, member, "briefing", "0") == Saved(replan=True)
    assert apply_button(loaded, member, "mute", "off") == Saved(replan=True)
    stored = kim(loaded)
    assert (stored.language, stored.show_home_time, stored.briefing_enabled) == ("ko", True, False)
