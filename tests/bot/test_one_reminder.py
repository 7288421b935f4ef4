"""One reminder per event: when several lead times fall due at once only the latest is
sent, and "late" is said only when the bot really was down, with by how much."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from schedule.planner import delay_offline, superseded_by
from tests.bot.test_dispatcher import (
    CABEI,
    CABEI_TITLE,
    about,
    reminder,
    restarted,
    utc,
)
from tests.botkit import MEMBER_ID, BotHarness


@pytest.fixture
def kit(harness: BotHarness) -> BotHarness:
    """The harness, with Kim's private chat open with the bot."""
    assert harness.member["id"] == MEMBER_ID
    return harness


async def test_two_lead_times_due_at_once_give_one_reminder_not_marked_late(
    kit: BotHarness,
) -> None:
    kit.alarm.replan()
    kit.at(utc(15, 50))  # the clock jumped past 15:00 and 15:45, as /clock +2h does

    await kit.alarm.dispatch()

    [sent] = about(kit.api, MEMBER_ID, CABEI_TITLE)
    assert "starts in 10 min" in sent.text
    assert "late" not in sent.text
    assert reminder(kit.engine, "kim", CABEI, 15).status == "sent"
    hour_before = reminder(kit.engine, "kim", CABEI, 60)
    assert hour_before.status == "superseded"
    assert hour_before.last_error == "superseded by the 15 min reminder, due at the same time"
    assert hour_before.telegram_message_id is None


async def test_after_a_restart_one_reminder_says_how_late_it_is(kit: BotHarness) -> None:
    kit.alarm.replan()
    kit.at(utc(15, 50))  # down from before 15:00 until 15:50

    async with restarted(kit) as alarm:
        await alarm.dispatch()
        await alarm.dispatch()

    [sent] = about(kit.api, MEMBER_ID, CABEI_TITLE)
    assert "starts in 10 min" in sent.text
    assert "(sent 5 min late: the bot was offline)" in sent.text
    assert reminder(kit.engine, "kim", CABEI, 60).status == "superseded"
    row = reminder(kit.engine, "kim", CABEI, 15)
    assert (row.status, row.late) == ("sent", True)


async def test_lead_times_due_apart_each_send_their_reminder(kit: BotHarness) -> None:
    kit.alarm.replan()

    kit.at(utc(15))
    await kit.alarm.dispatch()
    kit.at(utc(15, 45))
    await kit.alarm.dispatch()

    sent = about(kit.api, MEMBER_ID, CABEI_TITLE)
    assert ["starts in 1 h" in m.text for m in sent] == [True, False]
    assert "starts in 15 min" in sent[1].text


def test_only_the_latest_due_reminder_supersedes() -> None:
    start = utc(16)
    due = [start - timedelta(minutes=m) for m in (60, 15, 5)]
    now = utc(15, 50)

    assert superseded_by(due[0], due, now) == due[1]  # the 5-minute one is not due yet
    assert superseded_by(due[1], due, now) is None


@pytest.mark.parametrize(
    ("due", "started", "late"),
    [
        (utc(15), utc(15, 20), timedelta(minutes=20)),  # due while down
        (utc(15), utc(12), None),  # due while running: the clock jumped on
        (utc(15, 19) + timedelta(seconds=30), utc(15, 20), None),  # within a minute: on time
    ],
)
def test_late_is_said_only_for_rows_due_while_the_bot_was_down(
    due: datetime, started: datetime, late: timedelta | None
) -> None:
    assert delay_offline(due, started, utc(15, 20)) == late
