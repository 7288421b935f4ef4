"""Typed callback data: what one family packs, only that family unpacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import pytest

from bot.text.callbacks import CallbackData, CallbackDataError


@dataclass(frozen=True)
class DayButton(CallbackData):
    PREFIX: ClassVar[str] = "day"
    day: date


@dataclass(frozen=True)
class Pick(CallbackData):
    PREFIX: ClassVar[str] = "pick"
    number: int
    flag: bool
    name: str


def test_a_button_reads_back_what_it_wrote() -> None:
    button = Pick(number=12, flag=True, name="group:advance")
    assert button.pack() == "pick:12:1:group:advance"
    assert Pick.unpack(button.pack()) == button


def test_a_day_button_reads_back_its_date() -> None:
    assert DayButton.unpack(DayButton(date(2021, 6, 8)).pack()) == DayButton(date(2021, 6, 8))


@pytest.mark.parametrize(
    "data",
    ["day:2021-06-08", "pick", "pick:x:1:a", "pick:3:2:a", "pick:3:1", "", None, "pickle:1:1:a"],
)
def test_data_another_family_or_nobody_wrote_is_refused(data: str | None) -> None:
    assert Pick.unpack(data) is None


def test_a_malformed_date_is_refused() -> None:
    assert DayButton.unpack("day:2021-13-40") is None


def test_data_over_64_bytes_is_refused_when_packed() -> None:
    with pytest.raises(CallbackDataError, match="64 bytes"):
        Pick(number=1, flag=False, name="x" * 60).pack()


def test_a_colon_in_a_field_before_the_last_is_refused() -> None:
    @dataclass(frozen=True)
    class Two(CallbackData):
        PREFIX: ClassVar[str] = "two"
        first: str
        second: str

    with pytest.raises(CallbackDataError, match="last field"):
        Two("a:b", "c").pack()


def test_the_handler_pattern_matches_only_the_family() -> None:
    assert re.match(Pick.pattern(), "pick:1:1:a")
    assert not re.match(Pick.pattern(), "pickle:1")
