"""A member controls their reminders: lead times, the briefing, muting, and what comes next."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import MEMBER_ID, BotHarness


def kim(harness: BotHarness) -> db.Member:
    with session_scope(harness.engine) as session:
        return session.exec(select(db.Member).where(db.Member.telegram_id == MEMBER_ID)).one()


def pending(harness: BotHarness, kind: str) -> list[db.Outbox]:
    member = kim(harness)
    with session_scope(harness.engine) as session:
        query = select(db.Outbox).where(
            db.Outbox.member_id == member.id, db.Outbox.kind == kind, db.Outbox.status == "pending"
        )
        return list(session.exec(query))


async def test_own_lead_times_replace_the_delegations(harness: BotHarness) -> None:
    harness.alarm.replan()
    replies = await harness.send(harness.member, "/settings lead 30,10")
    assert "Reminders: 30, 10 min before each event" in replies[0].text
    assert kim(harness).lead_times == [30, 10]
    leads = {row.ref.rsplit("-", 1)[-1] for row in pending(harness, "reminder")}
    assert leads == {"30m", "10m"}


async def test_lead_times_go_back_to_the_delegations(harness: BotHarness) -> None:
    await harness.send(harness.member, "/settings lead 30")
    await harness.send(harness.member, "/settings lead default")
    assert kim(harness).lead_times is None
    assert {row.ref.rsplit("-", 1)[-1] for row in pending(harness, "reminder")} == {"60m", "15m"}


async def test_bad_lead_times_are_explained_and_change_nothing(harness: BotHarness) -> None:
    replies = await harness.send(harness.member, "/settings lead soon")
    assert "Give lead times in minutes" in replies[0].text
    assert kim(harness).lead_times is None


async def test_korean_words_set_lead_times_too(harness: BotHarness) -> None:
    await harness.send(harness.member, "/settings 알림 45")
    assert kim(harness).lead_times == [45]


async def test_briefing_off_skips_the_mornings_briefings(harness: BotHarness) -> None:
    harness.alarm.replan()
    assert pending(harness, "briefing")
    await harness.send(harness.member, "/settings briefing off")
    assert kim(harness).briefing_enabled is False
    assert pending(harness, "briefing") == []


async def test_briefing_button_turns_it_back_on(harness: BotHarness) -> None:
    await harness.send(harness.member, "/settings briefing off")
    [shown] = await harness.send(harness.member, "/settings")
    await harness.press(harness.member, shown, "set:briefing:1")
    assert kim(harness).briefing_enabled is True
    assert "Morning briefing: on" in shown.text
    assert pending(harness, "briefing")


async def test_mute_until_a_date_holds_everything_back_until_then(harness: BotHarness) -> None:
    harness.alarm.replan()
    await harness.send(harness.member, "/settings mute 9 June")
    muted = kim(harness).muted_until
    assert muted == datetime(2021, 6, 10, 5, 0, tzinfo=UTC)  # 9 June's end in Panama City
    assert all(row.due_at >= muted for row in pending(harness, "reminder"))


async def test_unmute_button_brings_reminders_back(harness: BotHarness) -> None:
    harness.alarm.replan()
    before = len(pending(harness, "reminder"))
    await harness.send(harness.member, "/settings mute 10 June")
    [shown] = await harness.send(harness.member, "/settings")
    await harness.press(harness.member, shown, "set:mute:off")
    assert kim(harness).muted_until is None
    assert len(pending(harness, "reminder")) == before


async def test_reminders_lists_whats_coming_in_local_time(harness: BotHarness) -> None:
    harness.alarm.replan()
    [listing] = await harness.send(harness.member, "/reminders")
    lines = listing.text.splitlines()
    assert lines[0] == "Coming up for you"
    assert lines[1] == "Tue 8 Jun 09:00 (Tegucigalpa, UTC−6) reminder: Meeting with CABEI"


async def test_reminders_says_so_when_nothing_is_planned(harness: BotHarness) -> None:
    [listing] = await harness.send(harness.member, "/reminders")
    assert listing.text == "Nothing planned for you."
