"""A button pressed twice (day arrows, settings) is answered and changes nothing the second time.

The second press asks Telegram for the text already shown; its "Message is not modified" is
taken as done in ``handlers.common.edit``, so nobody is told that something went wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.offline.localapi import SentMessage
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import save_itinerary
from schedule.clock import SimulatedClock
from tests.botkit import MEMBER_ID, BotHarness, make_harness
from tests.handlers.test_long_edits import busy_tuesday


def kim(harness: BotHarness) -> db.Member:
    with session_scope(harness.engine) as session:
        return session.exec(select(db.Member).where(db.Member.telegram_id == MEMBER_ID)).one()


def data_labelled(message: SentMessage, label: str) -> str:
    [data] = [b["callback_data"] for b in message.buttons() if b["text"].startswith(label)]
    return str(data)


async def press_twice(harness: BotHarness, message: SentMessage, data: str) -> SentMessage:
    """Press ``data`` on ``message`` twice; check the second press is answered and idle."""
    assert await harness.press(harness.member, message, data) == []
    shown = (message.html, message.reply_markup, message.edits)
    answers = len(harness.api.state.callback_answers)
    assert await harness.press(harness.member, message, data) == []  # no "went wrong"
    assert (message.html, message.reply_markup, message.edits) == shown
    assert len(harness.api.state.callback_answers) == answers + 1
    return message


@pytest.mark.parametrize(
    ("command", "arrow"), [("/today", "▶"), ("/today", "◀"), ("/tomorrow", "◀")]
)
async def test_a_day_arrow_pressed_twice_changes_nothing_the_second_time(
    harness: BotHarness, command: str, arrow: str
) -> None:
    [day] = await harness.send(harness.member, command)
    data = next(str(b["callback_data"]) for b in day.buttons() if arrow in b["text"])
    edits = day.edits
    await press_twice(harness, day, data)
    assert day.edits == edits + 1


@pytest.mark.parametrize(
    ("data", "field", "value"),
    [
        ("set:home:1", "show_home_time", True),
        ("set:home:0", "show_home_time", False),
        ("set:briefing:0", "briefing_enabled", False),
        ("set:briefing:1", "briefing_enabled", True),
        ("set:lang:ko", "language", "ko"),
        ("set:lang:en", "language", "en"),
        ("set:mute:off", "muted_until", None),
    ],
)
async def test_a_settings_button_pressed_twice_changes_nothing_the_second_time(
    harness: BotHarness, data: str, field: str, value: object
) -> None:
    await harness.send(harness.member, "/settings mute 2h")
    [shown] = await harness.send(harness.member, "/settings")
    await press_twice(harness, shown, data)
    assert getattr(kim(harness), field) == value


async def test_a_long_day_reached_twice_is_not_sent_again(engine: Engine) -> None:
    with session_scope(engine) as session:
        save_itinerary(session, busy_tuesday())
    kit = make_harness(engine, SimulatedClock(datetime(2021, 6, 7, 14, 0, tzinfo=UTC)))
    await kit.app.initialize()
    try:
        [monday] = await kit.send(kit.member, "/today")
        data = data_labelled(monday, "Tue 8 Jun")
        more = await kit.press(kit.member, monday, data)
        again = await kit.press(kit.member, monday, data)
    finally:
        await kit.app.shutdown()
    assert more  # the first press went on in new messages
    assert again == []  # the second sent neither the rest again nor an apology
