"""The command menu is published in each language when the bot starts."""

from __future__ import annotations

import json

from tests.botkit import BotHarness


async def test_start_publishes_the_command_menu_in_english_and_korean(harness: BotHarness) -> None:
    assert harness.app.post_init is not None
    await harness.app.post_init(harness.app)
    default = harness.api.state.commands[f"{json.dumps({'type': 'default'})}|"]
    korean = harness.api.state.commands[f"{json.dumps({'type': 'default'})}|ko"]
    assert [c["command"] for c in default] == [c["command"] for c in korean]
    assert {"today", "next", "reminders", "settings"} <= {c["command"] for c in default}
    assert dict((c["command"], c["description"]) for c in korean)["today"] == "오늘 일정"
