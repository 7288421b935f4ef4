"""``/settings``: home time and language, changed by buttons, kept in the database."""

from __future__ import annotations

from sqlmodel import select

from bot.offline.localapi import SentMessage
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.i18n import EN, KO
from tests.botkit import MEMBER_ID, BotHarness

KOREAN_HEADING = "2021년 6월 8일 (화) – Tegucigalpa → Panama City"


def settings_of(harness: BotHarness, key: str = "kim") -> tuple[str | None, bool]:
    """Return a member's stored language and home-time setting."""
    with session_scope(harness.engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        return member.language, member.show_home_time


async def open_settings(harness: BotHarness) -> SentMessage:
    """Send /settings as Kim and return the settings message."""
    [message] = await harness.send(harness.member, "/settings")
    return message


def button_data(message: SentMessage) -> list[str]:
    """Return the callback data of a message's buttons, in order."""
    return [str(b["callback_data"]) for b in message.buttons()]


async def test_settings_show_home_time_off_and_english_with_buttons(
    harness: BotHarness,
) -> None:
    message = await open_settings(harness)
    lines = message.text.split("\n")
    assert lines[:3] == ["Settings", "Home time beside local times: off", "Language: English"]
    labels = {str(b["text"]): str(b["callback_data"]) for b in message.buttons()}
    assert labels["Show home time"] == "set:home:1"
    assert labels["한국어"] == "set:lang:ko"
    assert "Hide home time" not in labels
    assert "English" not in labels


async def test_home_time_button_turns_it_on_in_place_and_in_the_database(
    harness: BotHarness,
) -> None:
    message = await open_settings(harness)
    assert await harness.press(harness.member, message, "set:home:1") == []
    assert message.edits == 1
    assert "Home time beside local times: on" in message.text
    assert "Home time beside local times: off" not in message.text
    assert "set:home:0" in button_data(message)
    assert "set:home:1" not in button_data(message)
    assert "set:lang:ko" in button_data(message)
    assert "Hide home time" in [b["text"] for b in message.buttons()]
    assert settings_of(harness) == (None, True)
    assert harness.api.state.callback_answers[-1]["text"] == EN["saved"]


async def test_home_time_button_turns_it_off_again(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:home:1")
    await harness.press(harness.member, message, "set:home:0")
    assert message.edits == 2
    assert "Home time beside local times: off" in message.text
    assert settings_of(harness) == (None, False)


async def test_home_time_on_shows_seoul_in_today(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:home:1")
    [today] = await harness.send(harness.member, "/today")
    assert "at home: Wed 9 Jun 01:00 (Seoul, UTC+9)" in today.text


async def test_language_button_redraws_the_settings_in_korean(harness: BotHarness) -> None:
    message = await open_settings(harness)
    assert await harness.press(harness.member, message, "set:lang:ko") == []
    assert message.edits == 1
    assert message.text.split("\n")[:3] == ["설정", "현지 시각 옆 본국 시간: 꺼짐", "언어: 한국어"]
    assert "Settings" not in message.text
    assert "Home time" not in message.text
    assert "English" in [b["text"] for b in message.buttons()]
    assert "한국어" not in [b["text"] for b in message.buttons()]
    assert "set:lang:en" in button_data(message)
    assert "set:lang:ko" not in button_data(message)
    assert settings_of(harness) == ("ko", False)
    assert harness.api.state.callback_answers[-1]["text"] == KO["saved"]


async def test_after_switching_to_korean_today_is_in_korean(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:lang:ko")
    [today] = await harness.send(harness.member, "/today")
    assert today.text.startswith(KOREAN_HEADING)
    assert "상대: Mr. Dante Mossi, Executive President, CABEI" in today.text
    assert "Tue 8 Jun" not in today.text
    assert [b["text"] for b in today.buttons()] == ["◀ 6월 7일 (월)", "6월 9일 (수) ▶"]


async def test_after_switching_to_korean_next_counts_down_in_korean(
    harness: BotHarness,
) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:lang:ko")
    [next_] = await harness.send(harness.member, "/next")
    assert next_.text.startswith("다음 일정: Meeting with CABEI\n")
    assert "2시간 10분 후 시작" in next_.text
    assert "starts in" not in next_.text


async def test_switching_back_to_english_restores_english(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:lang:ko")
    await harness.press(harness.member, message, "set:lang:en")
    assert message.text.startswith("Settings\n")
    assert settings_of(harness) == ("en", False)
    [today] = await harness.send(harness.member, "/today")
    assert today.text.startswith("Tue 8 Jun 2021 – Tegucigalpa → Panama City")


async def test_the_home_time_choice_survives_a_language_change(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:home:1")
    await harness.press(harness.member, message, "set:lang:ko")
    assert "현지 시각 옆 본국 시간: 켜짐" in message.text
    assert settings_of(harness) == ("ko", True)


async def test_an_unknown_language_button_changes_nothing(harness: BotHarness) -> None:
    message = await open_settings(harness)
    assert await harness.press(harness.member, message, "set:lang:fr") == []
    assert message.edits == 0
    assert message.text.startswith("Settings\n")
    assert settings_of(harness) == (None, False)


async def test_a_telegram_user_in_korean_gets_korean_without_settings(
    harness: BotHarness,
) -> None:
    kim = harness.person(MEMBER_ID, "Min-seo", language_code="ko")
    [today] = await harness.send(kim, "/today")
    [settings] = await harness.send(kim, "/settings")
    assert today.text.startswith(KOREAN_HEADING)
    assert settings.text.startswith("설정\n")
    assert "언어: 한국어" in settings.text
    assert settings_of(harness) == (None, False)


async def test_a_stored_language_wins_over_telegrams(harness: BotHarness) -> None:
    message = await open_settings(harness)
    await harness.press(harness.member, message, "set:lang:en")
    kim = harness.person(MEMBER_ID, "Min-seo", language_code="ko")
    [today] = await harness.send(kim, "/today")
    assert today.text.startswith("Tue 8 Jun 2021")


async def test_korean_help_lists_the_commands_in_korean(harness: BotHarness) -> None:
    kim = harness.person(MEMBER_ID, "Min-seo", language_code="ko-KR")
    [help_] = await harness.send(kim, "/help")
    assert help_.text.startswith("사용할 수 있는 명령\n")
    assert "/today: 오늘 일정" in help_.text
    assert "What I can do" not in help_.text


async def test_a_bad_day_is_explained_in_korean(harness: BotHarness) -> None:
    kim = harness.person(MEMBER_ID, "Min-seo", language_code="ko")
    [reply] = await harness.send(kim, "/agenda 바나나")
    assert reply.text == KO["bad_day"].format(text="바나나")
