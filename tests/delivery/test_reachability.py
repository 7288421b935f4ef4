"""Reachability heals: a member who blocked the bot, or never pressed Start, is written to
again once they write or unblock, and gets the reminders still ahead of them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.services.members import BLOCKED, NOT_STARTED, set_reachable
from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness

CABEI_TITLE = "Meeting with CABEI"  # 10:00 in Tegucigalpa, 16:00 UTC; reminders at 60 and 15


def utc(hour: int, minute: int = 0) -> datetime:
    """Return an instant on 8 June 2021, in UTC."""
    return datetime(2021, 6, 8, hour, minute, tzinfo=UTC)


def kim(kit: BotHarness) -> db.Member:
    """Return Kim's row as it is now."""
    with session_scope(kit.engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == "kim")).one()
        session.expunge(member)
        return member


def reminders_to_kim(kit: BotHarness) -> list[str]:
    """Return the texts of the CABEI reminders Kim received."""
    return [m.text for m in kit.api.sent_to(MEMBER_ID) if CABEI_TITLE in m.text]


async def test_a_member_who_unblocks_and_writes_gets_the_next_reminder(
    harness: BotHarness,
) -> None:
    kit = harness
    assert kit.member["id"] == MEMBER_ID
    assert kit.organiser["id"] == ORGANISER_ID
    kit.alarm.replan()
    kit.api.block(MEMBER_ID)
    kit.at(utc(15))  # the hour-before reminder falls due while Kim has blocked the bot
    await kit.alarm.dispatch()
    assert (kim(kit).unreachable, kim(kit).unreachable_reason) == (True, BLOCKED)
    kit.alarm.replan()  # a restart: her later reminders are no longer planned

    kit.api.block(MEMBER_ID, blocked=False)
    kit.at(utc(15, 10))
    replies = await kit.send(kit.member, "/today")
    assert replies  # she is answered
    assert (kim(kit).unreachable, kim(kit).unreachable_reason) == (False, None)
    before = len(kit.api.sent_to(MEMBER_ID))
    kit.at(utc(15, 45))
    await kit.alarm.dispatch()

    [reminder] = kit.api.sent_to(MEMBER_ID)[before:]
    assert CABEI_TITLE in reminder.text


async def test_a_member_who_never_pressed_start_is_told_apart_from_one_who_blocked(
    harness: BotHarness,
) -> None:
    kit = harness
    assert kit.organiser["id"] == ORGANISER_ID  # Kim has no chat with the bot yet
    kit.alarm.replan()
    kit.at(utc(15))

    await kit.alarm.dispatch()

    assert (kim(kit).unreachable, kim(kit).unreachable_reason) == (True, NOT_STARTED)
    assert reminders_to_kim(kit) == []


async def test_told_she_unblocked_a_member_is_planned_again_without_writing(
    harness: BotHarness,
) -> None:
    kit = harness
    assert kit.member["id"] == MEMBER_ID
    kit.alarm.replan()
    kit.api.block(MEMBER_ID)
    kit.at(utc(15))
    await kit.alarm.dispatch()
    kit.alarm.replan()

    kit.api.block(MEMBER_ID, blocked=False)
    with session_scope(kit.engine) as session:
        changed = set_reachable(session, MEMBER_ID, True, now=kit.clock.now())
        again = set_reachable(session, MEMBER_ID, True, now=kit.clock.now())
    kit.at(utc(15, 45))
    await kit.alarm.dispatch()

    assert (changed, again) == (True, False)
    assert len(reminders_to_kim(kit)) == 1
