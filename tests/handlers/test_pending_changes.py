"""Organisers' confirmations are rows: they survive a restart, expire, are used once, and
belong to the organiser who asked; the buttons carry typed data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from bot.app import build_application
from bot.config import Settings
from bot.delivery.alarm import Alarm
from bot.offline.localapi import LocalRequest, SentMessage
from bot.runtime import state
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from bot.text.buttons import AnnouncementButton, ChangeButton
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, bind, make_harness
from tests.handlers.test_organiser_flows import data_of, sent_announcement

PARK_ID = 1004
CABEI_START = datetime(2021, 6, 8, 16, 0, tzinfo=UTC)
MOVED_START = datetime(2021, 6, 8, 17, 30, tzinfo=UTC)


def cabei_start(harness: BotHarness) -> datetime:
    with session_scope(harness.engine) as session:
        event = session.exec(select(db.Event).where(db.Event.key == "cabei-meeting")).one()
    return event.start_utc


def pending_rows(harness: BotHarness) -> int:
    with session_scope(harness.engine) as session:
        return len(list(session.exec(select(db.PendingChange))))


async def previewed_move(harness: BotHarness) -> SentMessage:
    [preview] = await harness.send(harness.organiser, "/move cabei-meeting 11:30")
    return preview


async def test_a_move_previewed_before_a_restart_is_confirmed_after_it(
    harness: BotHarness,
) -> None:
    preview = await previewed_move(harness)
    # A new process on the same database and the same chat: the first one is gone.
    await harness.app.shutdown()
    app = build_application(
        Settings(), harness.clock, LocalRequest(harness.api), engine=harness.engine,
        rate_limit=False, per_chat_rate=0,
    )  # fmt: skip
    await app.initialize()
    restarted = BotHarness(app=app, api=harness.api, clock=harness.clock, engine=harness.engine)
    await restarted.press(restarted.organiser, preview, data_of(preview, "ok"))
    await app.shutdown()
    await harness.app.initialize()  # the fixture shuts the first one down again
    assert preview.text.startswith("Done (0 added, 1 changed, 0 removed)")
    assert cabei_start(harness) == MOVED_START
    assert pending_rows(harness) == 0


async def test_a_confirmed_change_pressed_twice_is_applied_once(harness: BotHarness) -> None:
    preview = await previewed_move(harness)
    confirm = data_of(preview, "ok")
    await harness.press(harness.organiser, preview, confirm)
    await harness.press(harness.organiser, preview, confirm)
    assert preview.text == "This change is no longer waiting; start again."
    assert cabei_start(harness) == MOVED_START


async def test_a_change_left_for_over_an_hour_has_expired(harness: BotHarness) -> None:
    preview = await previewed_move(harness)
    harness.at(harness.clock.now() + timedelta(hours=1, minutes=1))
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    assert preview.text == "This change is no longer waiting; start again."
    assert cabei_start(harness) == CABEI_START


async def test_another_organiser_cannot_confirm_someone_elses_change(
    harness: BotHarness,
) -> None:
    bind(harness.engine, "park", PARK_ID)
    park = harness.person(PARK_ID, "Ji-hoon")
    preview = await previewed_move(harness)
    before = preview.text
    await harness.press(park, preview, data_of(preview, "ok"))
    answer = harness.api.state.callback_answers[-1]
    assert answer.get("text") == "This change is no longer waiting; start again."
    assert preview.text == before
    assert cabei_start(harness) == CABEI_START
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    assert preview.text.startswith("Done (0 added, 1 changed, 0 removed)")
    assert cabei_start(harness) == MOVED_START


async def test_dropping_a_change_removes_its_row(harness: BotHarness) -> None:
    preview = await previewed_move(harness)
    assert pending_rows(harness) == 1
    await harness.press(harness.organiser, preview, data_of(preview, ":no:"))
    assert preview.text == "Dropped; nothing was changed."
    assert pending_rows(harness) == 0


async def test_the_confirm_buttons_carry_the_row_id(harness: BotHarness) -> None:
    preview = await previewed_move(harness)
    with session_scope(harness.engine) as session:
        row = session.exec(select(db.PendingChange)).one()
    assert row.id is not None
    assert [b["callback_data"] for b in preview.buttons()] == [
        ChangeButton("ok", row.id).pack(),
        ChangeButton("no", row.id).pack(),
    ]
    assert row.expires_at - row.created_at == timedelta(hours=1)


async def test_malformed_button_data_is_only_answered(harness: BotHarness) -> None:
    preview = await previewed_move(harness)
    before = preview.text
    for data in ("org:ok:x", "org:maybe:1", "org:", "ann:send:x", "ann:to:1", "ack:x"):
        answers = len(harness.api.state.callback_answers)
        replies = await harness.press(harness.organiser, preview, data)
        assert replies == []
        assert len(harness.api.state.callback_answers) == answers + 1
    assert preview.text == before
    assert cabei_start(harness) == CABEI_START


async def test_send_again_wakes_the_alarm_at_once(tmp_path: Path, sample: Itinerary) -> None:
    # A database file: each session has its own connection and sees only committed rows.
    engine = make_engine(f"sqlite:///{tmp_path / 'comitiva.db'}")
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    bind(engine, "kim", MEMBER_ID)
    bind(engine, "choi", ORGANISER_ID)
    harness = make_harness(engine, SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC)))
    await harness.app.initialize()
    try:
        await sent_announcement(harness)
        [acks] = await harness.send(harness.organiser, "/acks")
        alarm: Alarm = state(harness.app).alarm
        assert alarm.armed_for is None or alarm.armed_for > harness.clock.now()
        await harness.press(harness.organiser, acks, AnnouncementButton("again", 1).pack())
        assert alarm.armed_for is not None
        assert alarm.armed_for <= harness.clock.now()
    finally:
        await harness.app.shutdown()
        engine.dispose()


async def test_an_audience_button_for_a_long_group_name_carries_its_index(
    harness: BotHarness,
) -> None:
    long_name = "delegation-" + "x" * 60
    with session_scope(harness.engine) as session:
        kim = session.exec(select(db.Member).where(db.Member.key == "kim")).one()
        session.add(db.MemberGroup(member_id=kim.id or 0, group=long_name))
    [preview] = await harness.send(harness.organiser, "/announce Hello")
    [button] = [b for b in preview.buttons() if b["text"] == long_name]
    assert len(button["callback_data"].encode()) <= 64
    await harness.press(harness.organiser, preview, button["callback_data"])
    assert f"to group {long_name} (1 members)" in preview.text
