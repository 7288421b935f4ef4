"""Every card tells what to know: notes, dress code and what to bring reach members in a
reminder, /next and the day view; the day view has a map link beside each place."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.itinerary.checker import parse_itinerary
from bot.itinerary.export import to_yaml
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, BotHarness

CABEI_TITLE = "Meeting with CABEI"
MAP = "https://www.google.com/maps/search/?api=1&amp;query=14.0812,-87.1769"


async def test_a_reminder_carries_the_notes_the_dress_code_and_what_to_bring(
    harness: BotHarness,
) -> None:
    assert harness.member["id"] == MEMBER_ID  # Kim's chat with the bot is open
    harness.alarm.replan()
    harness.at(datetime(2021, 6, 8, 15, tzinfo=UTC))  # an hour before the CABEI meeting

    await harness.alarm.dispatch()

    [sent] = [m for m in harness.api.sent_to(MEMBER_ID) if CABEI_TITLE in m.text]
    lines = sent.text.splitlines()
    assert "📝 Discuss cooperation in transport" in sent.text
    assert "Check out of the hotel before leaving; luggage goes straight to the airport." in (
        sent.text
    )
    assert "👔 Dress: Business suit" in lines
    assert "🎒 Bring: Passport (the flight to Panama City follows); business cards" in lines


async def test_next_carries_the_notes_the_dress_code_and_what_to_bring(
    harness: BotHarness,
) -> None:
    harness.at(datetime(2021, 6, 9, 19, tzinfo=UTC))  # 14:00 in Panama: next, the flight to Lima

    [reply] = await harness.send(harness.member, "/next")

    lines = reply.text.splitlines()
    assert lines[0] == "Next: Flight Panama City to Lima"
    assert "📝 Illustrative flight. Lobby call 05:45 at the hotel." in reply.text
    assert "🎒 Bring: Passport, negative COVID-19 test result, Peru health declaration" in lines
    assert not any(line.startswith("👔") for line in lines)  # no dress code for the flight


async def test_the_day_view_shows_notes_and_kit_compactly_and_a_map_beside_each_place(
    harness: BotHarness,
) -> None:
    [reply] = await harness.send(harness.member, "/agenda 8 June")

    block = reply.text.split("\n\n")[
        next(i for i, b in enumerate(reply.text.split("\n\n")) if CABEI_TITLE in b)
    ]
    lines = block.splitlines()
    assert lines[1] == "    CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras · Map"
    assert lines[-2].startswith("    📝 Discuss cooperation in transport")
    assert lines[-2].endswith("…")
    assert len(lines[-2]) < 100
    assert lines[-1] == (
        "    👔 Dress: Business suit · "
        "🎒 Bring: Passport (the flight to Panama City follows); business cards"
    )
    assert MAP in reply.html


def test_dress_and_bring_are_read_and_exported_back(sample: Itinerary) -> None:
    again = parse_itinerary(to_yaml(sample))

    [cabei] = [e for e in again.events if e.key == "cabei-meeting"]
    assert cabei.dress == "Business suit"
    assert cabei.bring == "Passport (the flight to Panama City follows); business cards"
    assert again == sample


def test_dress_and_bring_are_stored(harness: BotHarness, sample: Itinerary) -> None:
    with session_scope(harness.engine) as session:
        stored = load_itinerary(session)
    assert stored is not None
    [visit] = [e for e in stored.events if e.key == "metro-line3-visit"]
    assert (visit.dress, visit.bring) == (
        "Business casual, flat closed shoes",
        "Sun protection and water",
    )
