"""Buttons whose data the bot never wrote are answered, so the spinner stops, and do nothing."""

from __future__ import annotations

import pytest

from bot.offline.localapi import SentMessage
from tests.botkit import BotHarness

TODAY_HEADING = "Tue 8 Jun 2021 – Tegucigalpa → Panama City"


async def assert_only_answered(harness: BotHarness, message: SentMessage, data: str) -> None:
    text, answers = message.text, len(harness.api.state.callback_answers)
    assert await harness.press(harness.member, message, data) == []
    assert message.edits == 0
    assert message.text == text
    [answer] = harness.api.state.callback_answers[answers:]
    assert not answer.get("text")
    assert answer.get("show_alert") is not True


@pytest.mark.parametrize("data", ["day:2021-13-40", "day:tomorrow", "day", "day:2021-06-09:x"])
async def test_a_malformed_day_button_is_only_answered(harness: BotHarness, data: str) -> None:
    [today] = await harness.send(harness.member, "/today")
    await assert_only_answered(harness, today, data)
    assert today.text.startswith(TODAY_HEADING)


@pytest.mark.parametrize(
    "data", ["who:organisation:nobody", "who:place:Lima", "who:person", "who"]
)
async def test_an_unknown_who_button_is_only_answered(harness: BotHarness, data: str) -> None:
    [choose] = await harness.send(harness.member, "/who ministry of foreign affairs")
    await assert_only_answered(harness, choose, data)
    assert choose.text == "Which one do you mean?"


@pytest.mark.parametrize("data", ["set:home:yes", "set:mute", "set:colour:red", "set"])
async def test_an_unknown_settings_button_is_only_answered(harness: BotHarness, data: str) -> None:
    [shown] = await harness.send(harness.member, "/settings")
    await assert_only_answered(harness, shown, data)
    assert "Home time beside local times: off" in shown.text
