"""``/move`` by how much or to when: +30m, -1h, 10:30, 10:30-11:30, tomorrow 09:00."""

from __future__ import annotations

import pytest

from tests.botkit import BotHarness


@pytest.mark.parametrize(
    ("when", "after"),
    [
        ("+30m", "Tue 8 Jun 10:30–11:30 (Tegucigalpa, UTC−6)"),
        ("-1h", "Tue 8 Jun 09:00–10:00 (Tegucigalpa, UTC−6)"),
        ("+1h30m", "Tue 8 Jun 11:30–12:30 (Tegucigalpa, UTC−6)"),
        ("10:30", "Tue 8 Jun 10:30–11:30 (Tegucigalpa, UTC−6)"),
        ("10:30-12:00", "Tue 8 Jun 10:30–12:00 (Tegucigalpa, UTC−6)"),
        ("tomorrow 09:00", "Wed 9 Jun 09:00–10:00 (Tegucigalpa, UTC−6)"),
    ],
)
async def test_a_move_shows_before_and_after_in_local_time_with_the_zone(
    harness: BotHarness, when: str, after: str
) -> None:
    [preview] = await harness.send(harness.organiser, f"/move CABEI {when}")
    assert "Before: Meeting with CABEI: Tue 8 Jun 10:00–11:00 (Tegucigalpa, UTC−6)" in preview.text
    assert f"After: Meeting with CABEI: {after}" in preview.text


async def test_a_relative_move_is_applied_on_confirm(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/move cabei-meeting +30m")
    await harness.tap(harness.organiser, preview, "Confirm")
    [agenda] = await harness.send(harness.organiser, "/today")
    assert "10:30" in agenda.text


async def test_an_end_before_the_start_is_refused(harness: BotHarness) -> None:
    [refused] = await harness.send(harness.organiser, "/move CABEI 11:30-11:00")
    assert refused.text == "Not changed: the end 11:00 is not after the start 11:30"


async def test_a_move_without_a_time_says_how_to_write_one(harness: BotHarness) -> None:
    [told] = await harness.send(harness.organiser, "/move CABEI soon")
    assert told.text == (
        "Not changed: 'soon' is not a time; write +30m, -1h, 11:30, 11:30-12:30 or tomorrow 11:30"
    )
