"""A cancelled event stays in its day, struck through; /cancel asks in words that cannot be
misread (issue 14, point 5)."""

from __future__ import annotations

from sqlmodel import col, select

from bot.offline.localapi import SentMessage
from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import BotHarness, change_member

CABEI_STRUCK = "<s>10:00–11:00 (Tegucigalpa, UTC−6)  Meeting with CABEI</s> — <i>cancelled</i>"


def labels(message: SentMessage) -> list[str]:
    return [str(b["text"]) for b in message.buttons()]


async def cancelled(harness: BotHarness, command: str) -> None:
    """Send the organiser's ``/cancel …`` and say yes."""
    [preview] = await harness.send(harness.organiser, command)
    await harness.tap(harness.organiser, preview, "Yes, cancel it")


def pending_reminders(harness: BotHarness, key: str) -> int:
    with session_scope(harness.engine) as session:
        query = select(db.Outbox).where(
            db.Outbox.event_key == key,
            col(db.Outbox.status) == "pending",
            col(db.Outbox.kind) == "reminder",
        )
        return len(session.exec(query).all())


async def test_cancel_asks_cancel_this_event_with_yes_and_keep(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/cancel cabei-meeting")
    assert preview.text.startswith("Cancel this event?\nMeeting with CABEI: Tue 8 Jun 10:00")
    assert labels(preview) == ["Yes, cancel it", "Keep it"]


async def test_other_previews_keep_confirm_and_cancel(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/move cabei-meeting 11:30")
    assert labels(preview) == ["Confirm", "Cancel"]


async def test_keep_it_leaves_the_event_on_the_programme(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/cancel cabei-meeting")
    await harness.tap(harness.organiser, preview, "Keep it")
    assert preview.text == "Dropped; nothing was changed."
    [today] = await harness.send(harness.member, "/today")
    assert "<b>Meeting with CABEI</b>" in today.html
    assert "<s>" not in today.html


async def test_a_cancelled_event_stays_in_today_struck_through(harness: BotHarness) -> None:
    await cancelled(harness, "/cancel cabei-meeting")
    for person in (harness.member, harness.organiser):
        [today] = await harness.send(person, "/today")
        assert CABEI_STRUCK in today.html
        # In its place in time, before the 11:15 transfer.
        assert today.html.index(CABEI_STRUCK) < today.html.index("11:15")


async def test_a_cancelled_event_stays_in_agenda_and_the_day_buttons(
    harness: BotHarness,
) -> None:
    await cancelled(harness, "/cancel cabei-meeting")
    [day] = await harness.send(harness.member, "/agenda 8 June")
    assert CABEI_STRUCK in day.html
    [tomorrow] = await harness.send(harness.member, "/tomorrow")
    assert "CABEI" not in tomorrow.text  # only on its own day
    await harness.tap(harness.member, tomorrow, "◀")
    assert CABEI_STRUCK in tomorrow.html


async def test_a_cancelled_event_is_marked_in_korean(harness: BotHarness) -> None:
    change_member(harness.engine, "kim", language="ko")
    await cancelled(harness, "/cancel cabei-meeting")
    [today] = await harness.send(harness.member, "/today")
    assert "Meeting with CABEI</s> — <i>취소됨</i>" in today.html


async def test_a_member_sees_only_cancelled_events_they_attended(harness: BotHarness) -> None:
    await cancelled(harness, "/cancel metro-line3-visit")  # leads, jung, advance: not Kim
    [kim] = await harness.send(harness.member, "/agenda 9 June")
    assert "Site visit" not in kim.text
    assert "<s>" not in kim.html
    [choi] = await harness.send(harness.organiser, "/agenda 9 June")
    assert "Site visit to Panama Metro Line 3</s> — <i>cancelled</i>" in choi.html


async def test_a_cancelled_events_reminders_stop(harness: BotHarness) -> None:
    harness.member  # noqa: B018 - Kim has started the bot: her reminders are planned
    harness.alarm.replan()
    assert pending_reminders(harness, "cabei-meeting") > 0
    await cancelled(harness, "/cancel cabei-meeting")
    assert pending_reminders(harness, "cabei-meeting") == 0
