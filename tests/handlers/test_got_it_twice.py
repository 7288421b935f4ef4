"""Pressing "Got it" twice answers both presses and changes nothing the second time."""

from __future__ import annotations

from tests.botkit import MEMBER_ID, BotHarness
from tests.handlers.test_organiser_flows import sent_announcement


async def test_a_second_got_it_is_answered_and_says_nothing_went_wrong(
    harness: BotHarness,
) -> None:
    await sent_announcement(harness)
    [kims] = [m for m in harness.api.sent_to(MEMBER_ID) if "Lobby call" in m.text]
    await harness.press(harness.member, kims, "ack:1")
    edits = kims.edits
    answers = len(harness.api.state.callback_answers)
    told = await harness.press(harness.member, kims, "ack:1")
    assert told == []  # no "something went wrong"
    assert kims.edits == edits
    assert len(harness.api.state.callback_answers) == answers + 1
    assert harness.api.state.callback_answers[-1].get("text") == "✅ Got it (recorded)"
    assert kims.buttons()[0]["text"] == "✅ Got it (recorded)"
