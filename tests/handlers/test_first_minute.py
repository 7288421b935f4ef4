"""A new member's first minute: /start after joining says who they are here, shows their
next event and the three commands to begin with, in their language (issue 14, point 8)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.services.invites import invite_member
from bot.services.members import create_invite
from bot.storage.db import session_scope
from bot.text.i18n import EN
from tests.botkit import BotHarness

NEWCOMER_ID = 5005
COMMANDS = ("/today: today's programme", "/next: your next event", "/settings: language")


def personal_code(engine: Engine, key: str, now: datetime) -> str:
    with session_scope(engine) as session:
        return invite_member(session, key, now=now).code


def general_code(harness: BotHarness) -> str:
    with session_scope(harness.engine) as session:
        return create_invite(session, role="member", now=harness.clock.now()).code


async def test_a_personal_link_welcomes_with_the_next_event_and_three_commands(
    harness: BotHarness,
) -> None:
    code = personal_code(harness.engine, "lee", harness.clock.now())
    [welcome] = await harness.send(harness.person(5003, "Seung"), f"/start {code}")
    assert welcome.text.startswith("Welcome, Lee Seung-hyun! You have joined")
    # Lee (partners) is not at the CABEI meeting: his next event is the 11:15 transfer.
    assert "Next: Transfer CABEI to Toncontín airport" in welcome.text
    assert "11:15" in welcome.text
    assert "Meeting with CABEI" not in welcome.text
    for line in COMMANDS:
        assert line in welcome.text
    assert welcome.text.index("Next:") < welcome.text.index("/today")
    assert "Send /today for today's programme" not in welcome.text  # one short welcome


async def test_a_general_code_welcomes_the_same_way_and_still_asks_are_you(
    harness: BotHarness,
) -> None:
    person = harness.person(NEWCOMER_ID, "Seung-hyun Lee")
    [welcome, question] = await harness.send(person, f"/start {general_code(harness)}")
    assert welcome.text.startswith("Welcome, Seung-hyun Lee! You have joined")
    assert "Next: Transfer CABEI to Toncontín airport" in welcome.text
    assert all(line in welcome.text for line in COMMANDS)
    assert question.text.startswith("Are you Lee Seung-hyun")


async def test_the_welcome_is_in_the_members_language(harness: BotHarness) -> None:
    person = harness.person(NEWCOMER_ID, "Mina", language_code="ko")
    [welcome] = await harness.send(person, f"/start {general_code(harness)}")
    assert welcome.text.startswith("Mina님, 환영합니다!")
    assert "Transfer CABEI to Toncontín airport" in welcome.text
    assert "/today: 오늘 일정" in welcome.text
    assert "/settings: 언어" in welcome.text


async def test_after_the_trip_the_welcome_says_nothing_more_is_on(harness: BotHarness) -> None:
    harness.at(datetime(2021, 7, 1, 12, tzinfo=UTC))
    code = personal_code(harness.engine, "jung", harness.clock.now())
    [welcome] = await harness.send(harness.person(5004, "Tae"), f"/start {code}")
    assert EN["no_next"] in welcome.text
    assert all(line in welcome.text for line in COMMANDS)


async def test_a_known_member_pressing_start_is_greeted_back_as_before(
    harness: BotHarness,
) -> None:
    [hello] = await harness.send(harness.member, "/start")
    assert hello.text == EN["welcome_back"].format(name="Kim Min-seo")
