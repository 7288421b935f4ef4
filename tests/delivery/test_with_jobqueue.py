"""Every delivery path with the real JobQueue running on a file database.

Nothing here calls ``dispatch()``: each message must go out because the product armed its
alarm after the commit that made the rows. A wake-up armed before that commit reads no new
rows, so nothing arrives until the 60 s safety tick, and ``until`` gives up long before.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.offline.localapi import SentMessage
from schedule.clock import SimulatedClock
from tests.botkit import MEMBER_ID, BotHarness, make_harness, running, until

CABEI = "Meeting with CABEI"
NUDGE = "📣 Reminder: please acknowledge"  # the heading of an announcement sent again


def harness_at(engine: Engine, hour: int, minute: int = 0) -> BotHarness:
    """The harness on 8 June 2021 at ``hour:minute`` UTC, Kim's and Choi's chats open."""
    kit = make_harness(engine, SimulatedClock(datetime(2021, 6, 8, hour, minute, tzinfo=UTC)))
    kit.member  # noqa: B018 - Kim has started the bot: her chat exists
    kit.organiser  # noqa: B018
    return kit


def to_kim(kit: BotHarness, heading: str, text: str = "") -> list[SentMessage]:
    """Return what the bot sent Kim under ``heading`` (its first line) that says ``text``."""
    return [
        m
        for m in kit.api.sent_to(MEMBER_ID)
        if m.text.splitlines()[0] == heading and text in m.text
    ]


async def only_to_kim(kit: BotHarness, heading: str) -> SentMessage:
    """Wait until the bot has sent Kim a message under ``heading``; return it, the only one."""
    arrived = await until(lambda: to_kim(kit, heading))
    assert len(arrived) == 1
    return arrived[0]


async def announced(kit: BotHarness, text: str) -> SentMessage:
    """Announce ``text`` to everyone, press Send, and return Kim's copy once it arrives."""
    [preview] = await kit.send(kit.organiser, f"/announce {text}")
    await kit.tap(kit.organiser, preview, "Send")
    [kims] = await until(lambda: to_kim(kit, "📣 Announcement", text))
    return kims


async def test_a_reminder_due_at_start_reaches_the_member_from_the_startup_alarm(
    on_file: Engine,
) -> None:
    kit = harness_at(on_file, 15)  # 09:00 in Tegucigalpa, an hour before the CABEI meeting
    async with running(kit.app):
        arrived = await only_to_kim(kit, f"⏰ {CABEI}")
    assert "starts in 1 h" in arrived.text


async def test_a_reminder_made_due_by_new_lead_times_reaches_the_member_at_once(
    on_file: Engine,
) -> None:
    kit = harness_at(on_file, 13, 50)  # 07:50 in Tegucigalpa: 130 min before 10:00
    async with running(kit.app):
        await kit.send(kit.member, "/settings lead 130")
        arrived = await only_to_kim(kit, f"⏰ {CABEI}")
    assert "starts in 2 h 10 min" in arrived.text


async def test_an_announcement_reaches_the_member_when_the_organiser_presses_send(
    on_file: Engine,
) -> None:
    kit = harness_at(on_file, 13, 50)
    async with running(kit.app):
        kims = await announced(kit, "Lobby call 07:15")
    assert kims.buttons()[0]["text"] == "👍 Got it"


async def test_send_again_after_acks_reaches_the_member_who_has_not_acknowledged(
    on_file: Engine,
) -> None:
    kit = harness_at(on_file, 13, 50)
    async with running(kit.app):
        await announced(kit, "Lobby call 07:15")
        [acks] = await kit.send(kit.organiser, "/acks")
        await kit.tap(kit.organiser, acks, "Send again")
        nudges = await until(lambda: to_kim(kit, NUDGE, "Lobby call 07:15"))
    assert len(nudges) == 1


async def test_a_confirmed_move_sends_the_member_a_change_notice_at_once(
    on_file: Engine,
) -> None:
    kit = harness_at(on_file, 13, 50)
    async with running(kit.app):
        [preview] = await kit.send(kit.organiser, "/move cabei-meeting 11:30")
        await kit.tap(kit.organiser, preview, "Confirm")
        arrived = await only_to_kim(kit, f"🔄 Changed: {CABEI}")
    assert "11:30–12:30 (Tegucigalpa, UTC−6)" in arrived.text
