"""Organisers end to end through the local Bot API: announce, acknowledge, follow up,
schedule, change the programme, load a file, keep the roster; and nobody else may."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import TypeVar

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.offline.localapi import JSON, SentMessage
from bot.storage import models as db
from bot.storage.db import session_scope
from schedule.clock import SimulatedClock
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, bind, make_harness
from tests.conftest import SAMPLE

LEE_ID = 1003


def data_of(message: SentMessage, word: str) -> str:
    return str(next(b["callback_data"] for b in message.buttons() if word in b["callback_data"]))


async def sent_announcement(harness: BotHarness, text: str = "Lobby call 07:15") -> SentMessage:
    harness.member  # noqa: B018 - Kim has started the bot: her chat exists
    bind(harness.engine, "lee", LEE_ID)
    harness.api.user(LEE_ID, "Seung-hyun")
    [preview] = await harness.send(harness.organiser, f"/announce {text}")
    await harness.press(harness.organiser, preview, data_of(preview, "send"))
    await harness.alarm.dispatch()
    return preview


async def confirmed(harness: BotHarness, command: str) -> SentMessage:
    """Send the organiser's ``command`` and confirm its preview; return the preview."""
    [preview] = await harness.send(harness.organiser, command)
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    return preview


Keyed = TypeVar("Keyed", bound=db.Event | db.Member)


def row_of(engine: Engine, model: type[Keyed], key: str) -> Keyed | None:
    """Return the stored event or member ``key``, if there is one."""
    with session_scope(engine) as session:
        return session.exec(select(model).where(model.key == key)).first()


def count(engine: Engine, model: type[db.Acknowledgement] | type[db.Event]) -> int:
    with session_scope(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


async def test_announce_to_everyone_reaches_each_member_once_and_reports(
    harness: BotHarness,
) -> None:
    preview = await sent_announcement(harness)
    counts = Counter(m.chat_id for m in harness.api.state.sent if "Lobby call" in m.text)
    assert counts == Counter({MEMBER_ID: 1, ORGANISER_ID: 1, LEE_ID: 1})
    assert preview.text == (
        "Done: delivered 3 of 3, unreachable 0, failed 0. /acks shows who acknowledged.\n"
        "Not reached: Park Ji-hoon (not joined yet), Jung Tae-yong (not joined yet). "
        "/invite sends a personal link to those who have not joined."
    )
    kims = [m for m in harness.api.sent_to(MEMBER_ID) if "Lobby call" in m.text]
    assert kims[0].buttons() == [{"text": "👍 Got it", "callback_data": "ack:1"}]


async def test_announce_to_a_group_reaches_only_that_group(harness: BotHarness) -> None:
    harness.member  # noqa: B018
    [preview] = await harness.send(harness.organiser, "/announce to:leads Leads only")
    assert "to group leads (1 members)" in preview.text
    await harness.press(harness.organiser, preview, data_of(preview, "send"))
    await harness.alarm.dispatch()
    assert [m.chat_id for m in harness.api.state.sent if "Leads only" in m.text] == [ORGANISER_ID]


async def test_cancel_on_a_preview_sends_nothing(harness: BotHarness) -> None:
    harness.member  # noqa: B018
    [preview] = await harness.send(harness.organiser, "/announce Never mind")
    await harness.press(harness.organiser, preview, data_of(preview, "drop"))
    await harness.alarm.dispatch()
    assert not [m for m in harness.api.state.sent if "Never mind" in m.text]


async def test_got_it_is_recorded_once_and_the_button_says_so(harness: BotHarness) -> None:
    await sent_announcement(harness)
    [kims] = [m for m in harness.api.sent_to(MEMBER_ID) if "Lobby call" in m.text]
    await harness.press(harness.member, kims, "ack:1")
    await harness.press(harness.member, kims, "ack:1")
    assert count(harness.engine, db.Acknowledgement) == 1
    assert kims.buttons()[0]["text"] == "✅ Got it (recorded)"


async def test_acks_lists_who_has_not_and_resends_only_to_them(harness: BotHarness) -> None:
    await sent_announcement(harness)
    [kims] = [m for m in harness.api.sent_to(MEMBER_ID) if "Lobby call" in m.text]
    await harness.press(harness.member, kims, "ack:1")
    [acks] = await harness.send(harness.organiser, "/acks")
    assert "✅ 1 acknowledged: Kim Min-seo" in acks.text
    assert "⏳ 2 not yet: Choi Jong-uk, Lee Seung-hyun" in acks.text
    await harness.press(harness.organiser, acks, data_of(acks, "again"))
    await harness.alarm.dispatch()
    announced = [m for m in harness.api.state.sent if m.text.startswith("📣")]
    counts = Counter(m.chat_id for m in announced)
    assert counts == Counter({MEMBER_ID: 1, ORGANISER_ID: 2, LEE_ID: 2})


async def test_a_scheduled_announcement_survives_a_restart_and_is_sent_once(
    harness: BotHarness,
) -> None:
    harness.member  # noqa: B018
    [preview] = await harness.send(
        harness.organiser, "/announce at 07:00 tomorrow Breakfast 06:30"
    )
    assert "To be sent at Wed 9 Jun 07:00 (Panama City, UTC−5)." in preview.text
    await harness.press(harness.organiser, preview, data_of(preview, "send"))
    await harness.alarm.dispatch()
    assert not [m for m in harness.api.state.sent if "Breakfast" in m.text]
    [listing] = await harness.send(harness.organiser, "/scheduled")
    assert "Wed 9 Jun 07:00 (Panama City, UTC−5): Breakfast 06:30" in listing.text
    # A new process on the same database, at the announcement's time.
    later = make_harness(harness.engine, SimulatedClock(datetime(2021, 6, 9, 12, 0, tzinfo=UTC)))
    later.api.user(MEMBER_ID, "Min-seo")
    await later.app.initialize()
    await later.alarm.dispatch()
    await later.alarm.dispatch()
    await later.app.shutdown()
    assert [m.chat_id for m in later.api.state.sent if "Breakfast" in m.text] == [MEMBER_ID]


async def test_move_shows_before_and_after_then_notices_and_replans(harness: BotHarness) -> None:
    harness.member  # noqa: B018
    harness.alarm.replan()
    [preview] = await harness.send(harness.organiser, "/move cabei-meeting 11:30")
    assert "Before: Meeting with CABEI: Tue 8 Jun 10:00–11:00 (Tegucigalpa, UTC−6)" in preview.text
    assert "After: Meeting with CABEI: Tue 8 Jun 11:30–12:30 (Tegucigalpa, UTC−6)" in preview.text
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    await harness.alarm.dispatch()
    notice = harness.api.sent_to(MEMBER_ID)[-1]
    assert notice.text.startswith("🔄 Changed: Meeting with CABEI")
    with session_scope(harness.engine) as session:
        refs = {
            r.ref
            for r in session.exec(
                select(db.Outbox).where(
                    db.Outbox.event_key == "cabei-meeting", db.Outbox.status == "pending"
                )
            )
        }
    assert any(ref.startswith("cabei-meeting@20210608T1730Z") for ref in refs)


async def test_dropping_a_change_changes_nothing(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/cancel cabei-meeting")
    await harness.press(harness.organiser, preview, data_of(preview, ":no:"))
    assert preview.text == "Dropped; nothing was changed."
    assert count(harness.engine, db.Event) == 34


async def test_a_valid_file_shows_the_difference_and_applies_on_confirm(
    harness: BotHarness,
) -> None:
    text = SAMPLE.read_text().replace('start: "2021-06-08 10:00"', 'start: "2021-06-08 10:30"', 1)
    assert text != SAMPLE.read_text()
    update = harness.api.message_update(
        harness.organiser, document=("trip.yaml", text.encode()), queue=False
    )
    [preview] = await harness.process(update)
    assert "The file changes the itinerary (0 added, 1 changed, 0 removed)" in preview.text
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    assert preview.text.startswith("Done (0 added, 1 changed, 0 removed)")


async def test_an_invalid_file_shows_its_problems_and_writes_nothing(harness: BotHarness) -> None:
    text = SAMPLE.read_text().replace("America/Tegucigalpa", "America/Tegucigalpaa")
    update = harness.api.message_update(
        harness.organiser, document=("bad.yaml", text.encode()), queue=False
    )
    [refusal] = await harness.process(update)
    assert refusal.text.startswith("Not applied:")
    assert (
        "unknown time zone 'America/Tegucigalpaa'; did you mean America/Tegucigalpa?"
        in refusal.text
    )
    assert "line " in refusal.text
    assert refusal.buttons() == []


@pytest.mark.parametrize(
    ("commands", "changed", "removed"),
    [
        pytest.param(
            ["/venue cabei-meeting Hotel Clarion", "/cancel lunch-panama"],
            (db.Event, "cabei-meeting", "venue", "Hotel Clarion"),
            "lunch-panama",
            id="cancel_and_venue_change_the_programme",
        ),
        pytest.param(
            ["/promote kim", "/remove lee"],
            (db.Member, "kim", "role", "organiser"),
            "lee",
            id="promote_and_remove_change_the_delegation",
        ),
    ],
)
async def test_changes_are_applied_after_confirming(
    harness: BotHarness,
    commands: list[str],
    changed: tuple[type[db.Event] | type[db.Member], str, str, str],
    removed: str,
) -> None:
    for command in commands:
        await confirmed(harness, command)
    model, key, field, value = changed
    row = row_of(harness.engine, model, key)
    assert row is not None
    assert getattr(row, field) == value
    assert row_of(harness.engine, model, removed) is None


async def test_the_last_organiser_cannot_be_removed(harness: BotHarness) -> None:
    await confirmed(harness, "/remove park")
    [refused] = await harness.send(harness.organiser, "/remove choi")
    assert refused.text == "The last organiser cannot be removed: promote someone first."


ORGANISER_COMMANDS = [
    "/announce Hello",
    "/acks",
    "/scheduled",
    "/move cabei-meeting 11:30",
    "/cancel cabei-meeting",
    "/venue cabei-meeting Elsewhere",
    "/members",
    "/invite",
    "/promote kim",
    "/remove lee",
]


@pytest.mark.parametrize("command", ORGANISER_COMMANDS)
async def test_a_member_is_refused_every_organiser_command(
    harness: BotHarness, command: str
) -> None:
    replies = await harness.send(harness.member, command)
    assert [m.text for m in replies] == ["Only organisers can do that."]
    assert count(harness.engine, db.Event) == 34


@pytest.mark.parametrize("command", ORGANISER_COMMANDS)
async def test_a_stranger_is_refused_every_organiser_command(
    harness: BotHarness, command: str
) -> None:
    replies = await harness.send(harness.stranger, command)
    assert len(replies) == 1
    assert replies[0].text.startswith("Sorry, I only talk to members")


async def test_a_member_cannot_upload_an_itinerary(harness: BotHarness) -> None:
    update = harness.api.message_update(
        harness.member, document=("trip.yaml", b"x: 1"), queue=False
    )
    assert [m.text for m in await harness.process(update)] == ["Only organisers can do that."]


async def test_organiser_buttons_check_the_role_of_whoever_presses(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/announce Lobby call")
    [move] = await harness.send(harness.organiser, "/move cabei-meeting 11:30")
    for message, data in ((preview, data_of(preview, "send")), (move, data_of(move, "ok"))):
        await harness.press(harness.member, message, data)
        answer: JSON = harness.api.state.callback_answers[-1]
        assert answer.get("text") == "Only organisers can do that."
    with session_scope(harness.engine) as session:
        status = session.exec(select(db.Announcement.status)).one()
        cabei = session.exec(select(db.Event).where(db.Event.key == "cabei-meeting")).one()
    assert status == "draft"
    assert cabei.start_utc == datetime(2021, 6, 8, 16, 0, tzinfo=UTC)
