"""Organisers name events as they speak of them: a key, the title, a few words, or a button."""

from __future__ import annotations

from sqlmodel import select

from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import BotHarness


def event_row(harness: BotHarness, key: str) -> db.Event:
    with session_scope(harness.engine) as session:
        return session.exec(select(db.Event).where(db.Event.key == key)).one()


async def test_move_by_a_word_of_the_title_previews_that_event(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/move CABEI 11:30")
    assert "Before: Meeting with CABEI: Tue 8 Jun 10:00–11:00" in preview.text
    assert "After: Meeting with CABEI: Tue 8 Jun 11:30–12:30" in preview.text


async def test_move_by_title_words_with_a_typo_finds_the_event(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/move meting with ortega tomorrow 11:00")
    assert "After: Meeting with Mr. Ortega, Panama Metro: Wed 9 Jun 11:00–12:30" in preview.text


async def test_an_ambiguous_name_offers_the_events_as_buttons(harness: BotHarness) -> None:
    [choices] = await harness.send(harness.organiser, "/cancel briefing")
    assert choices.text == "Which event? Pick one:"
    labels = [b["text"] for b in choices.buttons()]
    assert "Wed 9 Jun 08:30 Briefing at the Korean Embassy in Panama" in labels
    assert len(labels) > 1
    assert choices.reply_markup is not None
    assert all(len(row) == 1 for row in choices.reply_markup["inline_keyboard"])
    await harness.tap(harness.organiser, choices, "Wed 9 Jun 08:30")
    assert "Cancel this event?\nBriefing at the Korean Embassy in Panama" in choices.text
    await harness.tap(harness.organiser, choices, "Yes, cancel it")
    with session_scope(harness.engine) as session:
        gone = session.exec(select(db.Event).where(db.Event.key == "embassy-briefing-panama"))
        assert gone.first() is None


async def test_no_name_offers_today_and_tomorrows_events(harness: BotHarness) -> None:
    [choices] = await harness.send(harness.organiser, "/move")
    labels = [b["text"] for b in choices.buttons()]
    assert labels[0] == "Tue 8 Jun 10:00 Meeting with CABEI"
    assert all(label.startswith(("Tue 8 Jun", "Wed 9 Jun")) for label in labels)
    await harness.tap(harness.organiser, choices, "Tue 8 Jun 10:00")
    assert choices.text.startswith("Write /move cabei-meeting with the new time")


async def test_venue_by_name_takes_the_rest_as_the_new_venue(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/venue CABEI Hotel Clarion")
    await harness.tap(harness.organiser, preview, "Confirm")
    assert event_row(harness, "cabei-meeting").venue == "Hotel Clarion"


async def test_note_by_name_changes_the_events_notes(harness: BotHarness) -> None:
    [preview] = await harness.send(harness.organiser, "/note meeting with cabei Bring the MoU")
    await harness.tap(harness.organiser, preview, "Confirm")
    assert event_row(harness, "cabei-meeting").notes == "Bring the MoU"


async def test_a_name_that_finds_nothing_is_refused(harness: BotHarness) -> None:
    [refused] = await harness.send(harness.organiser, "/cancel zzzz")
    assert refused.text == "Not changed: no event is called 'zzzz'"
    assert refused.buttons() == []
