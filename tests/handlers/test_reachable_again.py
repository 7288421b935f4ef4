"""Issue 18 item 2 on the handler side: a member who unblocks the bot (``my_chat_member``)
gets the next reminder, organisers see who has not pressed Start apart from who blocked the
bot, and a member who presses Start at last gets the announcement they missed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from bot.offline.localapi import SentMessage
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.i18n import EN, KO
from schedule.clock import SimulatedClock
from tests.botkit import (
    MEMBER_ID,
    ORGANISER_ID,
    STRANGER_ID,
    BotHarness,
    make_harness,
    running,
    until,
)

CABEI = "Meeting with CABEI"  # 10:00 in Tegucigalpa, 16:00 UTC; reminders at 60 and 15


def utc(hour: int, minute: int = 0) -> datetime:
    """Return an instant on 8 June 2021, in UTC."""
    return datetime(2021, 6, 8, hour, minute, tzinfo=UTC)


def status_change(kit: BotHarness, user_id: int, old: str, new: str) -> dict[str, Any]:
    """Return the ``my_chat_member`` update Telegram sends when a person (un)blocks the bot."""
    user = kit.api.state.users[user_id]

    def member(status: str) -> dict[str, Any]:
        return {"user": kit.api.me, "status": status, "until_date": 0}

    change = {
        "chat": kit.api.state.chats[user_id],
        "from": user,
        "date": int(kit.clock.now().timestamp()),
        "old_chat_member": member(old),
        "new_chat_member": member(new),
    }
    return {"update_id": 900_000 + len(kit.api.state.sent), "my_chat_member": change}


def kim_row(kit: BotHarness) -> tuple[bool, str | None]:
    """Return whether Kim is unreachable, and why."""
    with session_scope(kit.engine) as session:
        kim = session.exec(select(db.Member).where(db.Member.key == "kim")).one()
        return kim.unreachable, kim.unreachable_reason


def to_kim(kit: BotHarness, text: str) -> list[SentMessage]:
    """Return what the bot sent Kim that says ``text``."""
    return [m for m in kit.api.sent_to(MEMBER_ID) if text in m.text]


async def test_a_blocked_member_who_unblocks_gets_the_next_reminder(on_file: Engine) -> None:
    kit = make_harness(on_file, SimulatedClock(utc(14, 50)))
    kit.member  # noqa: B018 - Kim has started the bot: her chat exists
    kit.organiser  # noqa: B018
    async with running(kit.app):
        kit.api.block(MEMBER_ID)
        assert await kit.process(status_change(kit, MEMBER_ID, "member", "kicked")) == []
        assert kim_row(kit) == (True, "blocked")

        kit.at(utc(15, 45))  # the quarter-hour reminder is due; she unblocks just then
        kit.api.block(MEMBER_ID, blocked=False)
        assert await kit.process(status_change(kit, MEMBER_ID, "kicked", "member")) == []

        assert kim_row(kit) == (False, None)
        [reminder] = await until(lambda: to_kim(kit, CABEI))
        assert "15 min" in reminder.text or "10:00" in reminder.text


async def test_a_blocked_member_who_just_writes_gets_the_due_reminder_at_once(
    on_file: Engine,
) -> None:
    kit = make_harness(on_file, SimulatedClock(utc(14, 50)))
    kit.member  # noqa: B018 - Kim has started the bot: her chat exists
    async with running(kit.app):
        kit.api.block(MEMBER_ID)
        await kit.process(status_change(kit, MEMBER_ID, "member", "kicked"))
        kit.at(utc(15, 45))  # the quarter-hour reminder is due; Telegram never told us more
        kit.api.block(MEMBER_ID, blocked=False)
        await kit.send(kit.member, "/now")  # writing is enough: no my_chat_member update
        assert kim_row(kit) == (False, None)
        # Well before the 60-second safety tick: the gate woke the alarm after the heal.
        [reminder] = await until(lambda: to_kim(kit, CABEI))
        assert "15 min" in reminder.text or "10:00" in reminder.text


async def test_a_stranger_blocking_the_bot_is_not_answered(harness: BotHarness) -> None:
    harness.stranger  # noqa: B018 - the stranger's chat exists
    assert await harness.process(status_change(harness, STRANGER_ID, "member", "kicked")) == []
    assert await harness.process(status_change(harness, STRANGER_ID, "kicked", "member")) == []


async def test_members_shows_who_has_not_started_apart_from_who_blocked(
    harness: BotHarness,
) -> None:
    harness.organiser  # noqa: B018 - Kim never pressed Start: the bot cannot write to her
    harness.alarm.replan()
    harness.at(utc(15))
    await harness.alarm.dispatch()
    assert kim_row(harness) == (True, "not_started")
    with session_scope(harness.engine) as session:
        others = session.exec(select(db.Member).where(col(db.Member.key).not_in(["kim", "choi"])))
        blocked = others.first()
        assert blocked is not None
        blocked.unreachable, blocked.unreachable_reason = True, "blocked"
        session.add(blocked)
        blocked_name = blocked.name

    [listing] = await harness.send(harness.organiser, "/members")
    kim_line = next(line for line in listing.text.splitlines() if "(kim)" in line)
    other_line = next(line for line in listing.text.splitlines() if blocked_name in line)
    assert kim_line.endswith(f"⚠️ {EN['unreachable_not_started']}")
    assert other_line.endswith(f"⚠️ {EN['unreachable_blocked']}")

    choi = harness.person(ORGANISER_ID, "Jong-uk", language_code="ko")
    [korean] = await harness.send(choi, "/members")
    assert KO["unreachable_not_started"] in korean.text
    assert KO["unreachable_blocked"] in korean.text


async def test_a_member_who_presses_start_at_last_gets_the_announcement_she_missed(
    on_file: Engine,
) -> None:
    kit = make_harness(on_file, SimulatedClock(utc(13, 50)))
    kit.organiser  # noqa: B018 - Kim has not pressed Start yet
    async with running(kit.app):
        [preview] = await kit.send(kit.organiser, "/announce Lobby call 09:30")
        await kit.tap(kit.organiser, preview, "Send")
        await until(lambda: [] if kim_row(kit)[0] is False else [preview])
        assert kim_row(kit) == (True, "not_started")

        kim = kit.member  # she opens the chat and presses Start
        [welcome] = await kit.send(kim, "/start")
        assert welcome.text == EN["welcome_back"].format(name="Kim Min-seo")
        [announcement] = await until(lambda: to_kim(kit, "Lobby call 09:30"))
        assert announcement.buttons()  # with its "Got it" button, as everyone else's


async def test_a_member_who_blocked_the_bot_and_presses_start_again_is_the_same_member(
    harness: BotHarness,
) -> None:
    harness.member  # noqa: B018 - Kim has started the bot: her chat exists
    harness.api.block(MEMBER_ID)
    await harness.process(status_change(harness, MEMBER_ID, "member", "kicked"))
    assert kim_row(harness) == (True, "blocked")
    harness.api.block(MEMBER_ID, blocked=False)
    [welcome] = await harness.send(harness.member, "/start")
    assert welcome.text.startswith("Hello again, Kim Min-seo.")
    assert kim_row(harness) == (False, None)
    with session_scope(harness.engine) as session:
        assert (
            len(session.exec(select(db.Member).where(db.Member.telegram_id == MEMBER_ID)).all())
            == 1
        )
