"""First contact: a member asks for today, a stranger gets nothing."""

from __future__ import annotations

from tests.botkit import BotHarness


async def test_member_gets_todays_programme_in_local_time(harness: BotHarness) -> None:
    replies = await harness.send(harness.member, "/today")
    text = "\n".join(m.text for m in replies)
    assert "Tue 8 Jun 2021" in text
    assert "10:00–11:00 (Tegucigalpa, UTC−6)" in text


async def test_stranger_gets_one_refusal_and_no_itinerary(harness: BotHarness) -> None:
    replies = await harness.send(harness.stranger, "/today")
    assert len(replies) == 1
    assert "only talk to members" in replies[0].text
    assert "CABEI" not in replies[0].text
