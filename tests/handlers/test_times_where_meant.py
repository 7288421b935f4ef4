"""A time typed on a travel day is read where the delegation is at that moment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.botkit import BotHarness


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("at 21:00", "Tue 8 Jun 21:00 (Panama City, UTC−5)"),  # landed at 17:20
        ("at 12:30", "Tue 8 Jun 12:30 (Tegucigalpa, UTC−6)"),  # still in Honduras
        ("at 07:00 tomorrow", "Wed 9 Jun 07:00 (Panama City, UTC−5)"),
    ],
)
async def test_a_time_typed_after_landing_is_read_in_the_arrival_city(
    harness: BotHarness, typed: str, shown: str
) -> None:
    harness.at(datetime(2021, 6, 9, 1, 0, tzinfo=UTC))  # 20:00 in Panama City
    [preview] = await harness.send(harness.organiser, f"/announce {typed} Dinner in the lobby")
    assert f"To be sent at {shown}." in preview.text
