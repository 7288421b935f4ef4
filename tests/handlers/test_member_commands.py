"""What a member asks for and gets: the day, the next event, where we are, the trip, a calendar.

The clock stands at 07:50 on Tuesday 8 June 2021 in Tegucigalpa, the day the delegation
flies on to Panama City. Kim is a member (group ``partners``); Choi is the organiser.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
import vobject

from bot.itinerary.ics import key_of_uid
from bot.offline.localapi import SentMessage
from bot.services.members import create_invite
from bot.storage.db import session_scope
from bot.storage.store import save_itinerary
from bot.text.i18n import EN
from schedule.agenda import attends
from schedule.itinerary import Itinerary
from tests.botkit import BotHarness, change_member

TODAY_HEADING = "Tue 8 Jun 2021 – Tegucigalpa → Panama City"
CABEI = "Meeting with CABEI"
CABEI_TIME = "10:00–11:00 (Tegucigalpa, UTC−6)"
FLIGHT_TIME = "14:30 Tegucigalpa (UTC−6) → 17:20 Panama City (UTC−5)"
# An event Kim is not expected at: attendees [leads, mofa, lee], on Monday 7 June.
NOT_KIMS = "Meeting with the Ministry of Public Innovation"


def text_of(replies: list[SentMessage]) -> str:
    """Return what the member reads, all replies together."""
    return "\n".join(m.text for m in replies)


def only(replies: list[SentMessage]) -> SentMessage:
    """Return the one reply there should be."""
    assert len(replies) == 1, [m.text for m in replies]
    return replies[0]


def button_data(message: SentMessage) -> list[str]:
    """Return the callback data of a message's buttons, in order."""
    return [str(b["callback_data"]) for b in message.buttons()]


def set_home_time(harness: BotHarness, key: str, on: bool) -> None:
    """Turn home time on or off for a member, straight in the database."""
    change_member(harness.engine, key, show_home_time=on)


# /today, /tomorrow, /agenda


async def test_today_shows_the_travel_day_with_both_cities(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/today"))
    assert reply.text.startswith(TODAY_HEADING)
    assert f"{CABEI_TIME}  {CABEI}" in reply.text
    assert "with Mr. Dante Mossi, Executive President, CABEI" in reply.text
    assert f"{FLIGHT_TIME}  Flight Tegucigalpa to Panama City" in reply.text
    assert "<b>Tue 8 Jun 2021</b>" in reply.html


async def test_today_shows_only_todays_events(harness: BotHarness) -> None:
    text = only(await harness.send(harness.member, "/today")).text
    assert "Meeting with the Ministry of Foreign Affairs of Honduras" not in text  # 7 June
    assert "Briefing at the Korean Embassy in Panama" not in text  # 9 June
    assert "Wed 9 Jun 2021" not in text


async def test_today_without_home_time_shows_no_seoul_time(harness: BotHarness) -> None:
    text = only(await harness.send(harness.member, "/today")).text
    assert "Seoul" not in text
    assert "at home" not in text


async def test_tomorrow_shows_the_ninth_in_panama_city(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/tomorrow"))
    assert reply.text.startswith("Wed 9 Jun 2021 – Panama City\n")
    assert "08:30–09:30 (Panama City, UTC−5)  Briefing at the Korean Embassy in Panama" in (
        reply.text
    )
    assert "with Mr. Héctor Ortega, Director General, Panama Metro" in reply.text
    assert CABEI not in reply.text
    assert "Tegucigalpa" not in reply.text


@pytest.mark.parametrize(
    "day", ["8 June", "June 8", "2021-06-08", "Tuesday", "tue", "6월 8일", "화요일", "today"]
)
async def test_agenda_reads_the_day_however_it_is_written(harness: BotHarness, day: str) -> None:
    reply = only(await harness.send(harness.member, f"/agenda {day}"))
    assert reply.text.startswith(TODAY_HEADING)
    assert CABEI_TIME in reply.text


async def test_agenda_without_a_day_shows_today(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/agenda"))
    assert reply.text.startswith(TODAY_HEADING)


async def test_agenda_of_another_day_shows_that_day(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/agenda 11 June"))
    assert reply.text.startswith("Fri 11 Jun 2021 – Lima\n")
    assert "09:30–10:45 (Lima, UTC−5)" in reply.text
    assert CABEI not in reply.text


@pytest.mark.parametrize("day", ["nonsense", "31 June", "<b>soon</b> & later"])
async def test_agenda_of_a_nonsense_day_says_so_clearly(harness: BotHarness, day: str) -> None:
    reply = only(await harness.send(harness.member, f"/agenda {day}"))
    assert reply.text == EN["bad_day"].format(text=day)
    assert reply.buttons() == []
    assert CABEI not in reply.text
    assert EN["error"] not in reply.text


async def test_agenda_outside_the_trip_says_when_the_trip_runs(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/agenda 20 June"))
    assert reply.text.startswith("Sun 20 Jun 2021\n")
    assert EN["nothing_on"] in reply.text
    assert "the trip runs Fri 4 Jun to Sat 12 Jun 2021" in reply.text
    assert button_data(reply) == ["day:2021-06-12"]


# Day buttons


async def test_today_offers_the_previous_and_next_day(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/today"))
    assert [b["text"] for b in reply.buttons()] == ["◀ Mon 7 Jun", "Wed 9 Jun ▶"]
    assert button_data(reply) == ["day:2021-06-07", "day:2021-06-09"]


async def test_next_day_button_edits_the_same_message_in_place(harness: BotHarness) -> None:
    message = only(await harness.send(harness.member, "/today"))
    new = await harness.press(harness.member, message, "day:2021-06-09")
    assert new == []
    assert message.edits == 1
    assert message.text.startswith("Wed 9 Jun 2021 – Panama City\n")
    assert CABEI not in message.text
    assert button_data(message) == ["day:2021-06-08", "day:2021-06-10"]
    assert harness.api.state.callback_answers[-1].get("show_alert") is not True


async def test_previous_day_button_edits_the_same_message_in_place(harness: BotHarness) -> None:
    message = only(await harness.send(harness.member, "/today"))
    assert await harness.press(harness.member, message, "day:2021-06-07") == []
    assert message.edits == 1
    assert message.text.startswith("Mon 7 Jun 2021 – Tegucigalpa\n")
    assert "Meeting with the Ministry of Foreign Affairs of Honduras" in message.text
    assert CABEI not in message.text


async def test_day_buttons_walk_back_and_forth(harness: BotHarness) -> None:
    message = only(await harness.send(harness.member, "/today"))
    await harness.press(harness.member, message, "day:2021-06-09")
    await harness.press(harness.member, message, "day:2021-06-08")
    assert message.edits == 2
    assert message.text.startswith(TODAY_HEADING)
    assert len(harness.api.sent_to(message.chat_id)) == 1


async def test_the_first_day_of_the_trip_has_no_previous_button(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/agenda 4 June"))
    assert reply.text.startswith("Fri 4 Jun 2021 – Los Angeles → Mexico City\n")
    assert button_data(reply) == ["day:2021-06-05"]
    assert not any(str(b["text"]).startswith("◀") for b in reply.buttons())


async def test_the_last_day_of_the_trip_has_no_next_button(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/agenda 12 June"))
    assert reply.text.startswith("Sat 12 Jun 2021 – Lima → Los Angeles\n")
    assert button_data(reply) == ["day:2021-06-11"]
    assert not any(str(b["text"]).endswith("▶") for b in reply.buttons())


async def test_pressing_onto_the_first_day_drops_the_previous_button(
    harness: BotHarness,
) -> None:
    message = only(await harness.send(harness.member, "/agenda 5 June"))
    await harness.press(harness.member, message, "day:2021-06-04")
    assert message.text.startswith("Fri 4 Jun 2021 – Los Angeles → Mexico City\n")
    assert button_data(message) == ["day:2021-06-05"]


async def test_pressing_the_same_day_twice_is_harmless(harness: BotHarness) -> None:
    message = only(await harness.send(harness.member, "/today"))
    replies = await harness.press(harness.member, message, "day:2021-06-08")
    assert replies == []
    assert message.edits == 0
    assert message.text.startswith(TODAY_HEADING)


async def test_a_day_button_with_a_broken_date_changes_nothing(harness: BotHarness) -> None:
    message = only(await harness.send(harness.member, "/today"))
    assert await harness.press(harness.member, message, "day:2021-13-45") == []
    assert message.edits == 0
    assert message.text.startswith(TODAY_HEADING)


# Home time


async def test_with_home_time_on_today_shows_seoul_beside_each_event(
    harness: BotHarness,
) -> None:
    set_home_time(harness, "kim", True)
    text = only(await harness.send(harness.member, "/today")).text
    assert f"{CABEI_TIME}  {CABEI}\n    at home: Wed 9 Jun 01:00 (Seoul, UTC+9)" in text
    assert "at home: Wed 9 Jun 05:30 (Seoul, UTC+9)" in text  # the 14:30 flight
    assert text.count("at home:") == 4


async def test_with_home_time_on_next_shows_seoul_too(harness: BotHarness) -> None:
    set_home_time(harness, "kim", True)
    text = only(await harness.send(harness.member, "/next")).text
    assert "at home: Wed 9 Jun 01:00 (Seoul, UTC+9)" in text


async def test_with_home_time_on_day_buttons_keep_seoul_time(harness: BotHarness) -> None:
    set_home_time(harness, "kim", True)
    message = only(await harness.send(harness.member, "/today"))
    await harness.press(harness.member, message, "day:2021-06-09")
    assert "at home: Wed 9 Jun 22:30 (Seoul, UTC+9)" in message.text  # 08:30 in Panama


# /next


async def test_next_is_the_cabei_meeting_with_how_soon_where_and_whom(
    harness: BotHarness,
) -> None:
    reply = only(await harness.send(harness.member, "/next"))
    lines = reply.text.split("\n")
    assert lines[0] == f"Next: {CABEI}"
    assert lines[1] == f"Tue 8 Jun {CABEI_TIME}, starts in 2 h 10 min"
    assert "Where: CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras" in lines
    assert "With: Mr. Dante Mossi, Executive President, CABEI" in lines
    assert "Transfer CABEI to Toncontín airport" not in reply.text


async def test_next_links_to_the_place_on_a_map(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/next"))
    link = re.search(r'<a href="([^"]+)">Map</a>', reply.html)
    assert link is not None
    assert "14.0812,-87.1769" in link[1]
    assert link[1].startswith("https://")


async def test_next_follows_the_clock(harness: BotHarness) -> None:
    harness.at(datetime(2021, 6, 8, 16, 50, tzinfo=UTC))  # 10:50 in Tegucigalpa
    text = only(await harness.send(harness.member, "/next")).text
    assert text.startswith("Next: Transfer CABEI to Toncontín airport\n")
    assert "starts in 25 min" in text
    assert CABEI not in text.split("\n")[0]


async def test_next_after_the_last_event_says_nothing_is_left(harness: BotHarness) -> None:
    harness.at(datetime(2021, 6, 14, 12, 0, tzinfo=UTC))
    reply = only(await harness.send(harness.member, "/next"))
    assert reply.text == EN["no_next"]


async def test_next_skips_an_event_the_member_is_not_expected_at(harness: BotHarness) -> None:
    harness.at(datetime(2021, 6, 7, 20, 30, tzinfo=UTC))  # 14:30 on Monday in Tegucigalpa
    kims = only(await harness.send(harness.member, "/next")).text
    choi = only(await harness.send(harness.organiser, "/next")).text
    assert kims.startswith(f"Next: {CABEI}\n")
    assert NOT_KIMS not in kims
    assert choi.startswith(f"Next: {NOT_KIMS}\n")


# /now


async def test_now_says_where_the_delegation_is_and_the_time_everywhere(
    harness: BotHarness,
) -> None:
    lines = only(await harness.send(harness.member, "/now")).text.split("\n")
    assert lines[0] == "The delegation is in Tegucigalpa, Honduras."
    assert lines[1] == "Travel day: Tegucigalpa → Panama City."
    assert lines[lines.index("Local time") + 1 :] == [
        "Mexico City: Tue 8 Jun 08:50 (UTC−5)",
        "Tegucigalpa: Tue 8 Jun 07:50 (UTC−6)",
        "Panama City: Tue 8 Jun 08:50 (UTC−5)",
        "Lima: Tue 8 Jun 08:50 (UTC−5)",
        "Seoul (home): Tue 8 Jun 22:50 (UTC+9)",
    ]


async def test_now_after_landing_is_in_panama_city(harness: BotHarness) -> None:
    harness.at(datetime(2021, 6, 8, 22, 30, tzinfo=UTC))  # 17:30 in Panama, after landing
    text = only(await harness.send(harness.member, "/now")).text
    assert text.startswith("The delegation is in Panama City, Panama.")
    assert "Seoul (home): Wed 9 Jun 07:30 (UTC+9)" in text


# /trip


async def test_trip_lists_the_four_cities_in_order(harness: BotHarness) -> None:
    text = text_of(await harness.send(harness.member, "/trip"))
    assert text.startswith("Korean infrastructure delegation to Latin America\n")
    headings = [line for line in text.split("\n") if ": " in line and " to " in line]
    assert headings == [
        "Mexico City, Mexico: Fri 4 Jun to Sun 6 Jun",
        "Tegucigalpa, Honduras: Sun 6 Jun to Tue 8 Jun",
        "Panama City, Panama: Tue 8 Jun to Thu 10 Jun",
        "Lima, Peru: Thu 10 Jun to Sat 12 Jun",
    ]


async def test_trip_puts_each_event_under_its_city(harness: BotHarness) -> None:
    text = text_of(await harness.send(harness.member, "/trip"))
    tegucigalpa = text.index("Tegucigalpa, Honduras:")
    panama = text.index("Panama City, Panama:")
    assert tegucigalpa < text.index("Tue 8 Jun 14:30  Flight Tegucigalpa to Panama City") < panama
    assert panama < text.index("Tue 8 Jun 18:00  Transfer Tocumen airport to hotel")


# Who sees what


async def test_a_member_does_not_see_an_event_they_are_not_expected_at(
    harness: BotHarness,
) -> None:
    day = only(await harness.send(harness.member, "/agenda 7 June")).text
    trip = text_of(await harness.send(harness.member, "/trip"))
    assert "Meeting with the Ministry of Foreign Affairs of Honduras" in day
    assert NOT_KIMS not in day
    assert NOT_KIMS not in trip
    assert "Site visit to Panama Metro Line 3" not in trip  # [leads, jung, advance]
    assert "Preparation session for Honduras and CABEI" in trip  # [leads, advance, kim]


async def test_an_organiser_sees_every_event(harness: BotHarness, sample: Itinerary) -> None:
    day = only(await harness.send(harness.organiser, "/agenda 7 June")).text
    trip = text_of(await harness.send(harness.organiser, "/trip"))
    assert NOT_KIMS in day
    for event in sample.events:
        assert event.title in trip


async def test_an_organiser_outside_an_events_audience_still_sees_it(
    harness: BotHarness, sample: Itinerary
) -> None:
    with session_scope(harness.engine) as session:
        code = create_invite(session, role="organiser", now=harness.clock.now()).code
    newcomer = harness.person(4040, "Ana", username="ana_lopez")
    await harness.send(newcomer, f"/start {code}")
    trip = text_of(await harness.send(newcomer, "/trip"))
    restricted = [e for e in sample.events if not attends(e, "ana-lopez", ())]
    assert restricted
    for event in restricted:
        assert event.title in trip


# /ics


def read_calendar(message: SentMessage) -> Any:
    """Parse the calendar file the bot sent, with a reader Comitiva does not write with."""
    assert message.document is not None
    return vobject.readOne(message.document.decode("utf-8"))


async def test_ics_is_a_calendar_of_exactly_the_events_kim_attends(
    harness: BotHarness, sample: Itinerary
) -> None:
    reply = only(await harness.send(harness.member, "/ics"))
    kim = next(m for m in sample.members if m.key == "kim")
    expected = {e.key for e in sample.events if attends(e, kim.key, kim.groups)}
    calendar = read_calendar(reply)
    found = {key_of_uid(str(v.uid.value)) for v in calendar.vevent_list}
    assert reply.kind == "document"
    assert reply.filename == "comitiva-kim.ics"
    assert found == expected
    assert "public-innovation-meeting" not in found
    assert reply.text == EN["ics_caption"].format(count=len(expected))


async def test_ics_keeps_each_event_in_its_own_zone(harness: BotHarness) -> None:
    calendar = read_calendar(only(await harness.send(harness.member, "/ics")))
    cabei = next(v for v in calendar.vevent_list if key_of_uid(v.uid.value) == "cabei-meeting")
    start: datetime = cabei.dtstart.value
    assert start.astimezone(UTC) == datetime(2021, 6, 8, 16, 0, tzinfo=UTC)
    assert cabei.summary.value == CABEI


# /help


async def test_help_for_a_member_lists_the_commands_without_organiser_ones(
    harness: BotHarness,
) -> None:
    text = only(await harness.send(harness.member, "/help")).text
    for command in ("/today", "/tomorrow", "/agenda", "/next", "/now", "/trip", "/ics"):
        assert command in text
    assert "/agenda <day>" in text
    assert "Organisers" not in text
    assert "/register_group" not in text


async def test_help_for_an_organiser_adds_the_organiser_section(harness: BotHarness) -> None:
    text = only(await harness.send(harness.organiser, "/help")).text
    assert "/today" in text
    assert "Organisers" in text
    assert "/register_group" in text


async def test_an_unknown_command_points_to_help(harness: BotHarness) -> None:
    reply = only(await harness.send(harness.member, "/teleport"))
    assert reply.text == EN["unknown_command"]


async def test_a_question_in_plain_words_is_answered_from_the_itinerary(
    harness: BotHarness,
) -> None:
    reply = only(await harness.send(harness.member, "when is the flight?"))
    assert reply.text.startswith("• Tue 8 Jun 14:30 Tegucigalpa (UTC−6) → 17:20 Panama City")


# Robustness: hostile and huge itinerary text

NASTY = "<b>&amp;</b> & \"quoted\" 'single' <script>x</script> > < 🇰🇷🎉 한국어"
HUGE = 10_000


def nasty(text: str | None) -> str | None:
    """Return ``text`` with HTML specials, emoji and Korean around it."""
    return None if text is None else f"{NASTY} {text} {NASTY}"


def hostile(sample: Itinerary) -> Itinerary:
    """Return the sample with HTML specials in every text and one 10,000-character event."""
    chunk = "<Trust & \"Fund\"> '기금' 🇰🇷 "
    huge_title = (chunk * (HUGE // len(chunk) + 1))[:HUGE]
    events = tuple(
        replace(
            e,
            title=huge_title if e.key == "cabei-meeting" else str(nasty(e.title)),
            venue=nasty(e.venue),
            address=nasty(e.address),
            notes=huge_title if e.key == "cabei-meeting" else nasty(e.notes),
        )
        for e in sample.events
    )
    return replace(
        sample,
        delegation=replace(
            sample.delegation,
            name=str(nasty("대표단 <Delegation> & co")),
            about=nasty(sample.delegation.about),
        ),
        stops=tuple(
            replace(s, city=f"{s.city} <&> 🏙", country=str(nasty(s.country))) for s in sample.stops
        ),
        organisations=tuple(
            replace(o, name=str(nasty(o.name)), short=nasty(o.short), about=nasty(o.about))
            for o in sample.organisations
        ),
        counterparts=tuple(
            replace(
                c,
                name=f'단테 모시 <{c.name}> & "{c.key}"',
                honorific=nasty(c.honorific),
                title=nasty(c.title),
                about=nasty(c.about),
            )
            for c in sample.counterparts
        ),
        members=tuple(replace(m, name=str(nasty(m.name))) for m in sample.members),
        events=events,
    )


def utf16_length(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def hostile_harness(harness: BotHarness, sample: Itinerary) -> BotHarness:
    """The harness with the hostile itinerary stored over the sample."""
    with session_scope(harness.engine) as session:
        save_itinerary(session, hostile(sample))
    return harness


@pytest.mark.parametrize(
    "command",
    ["/today", "/next", "/trip", "/agenda 8 June", "/agenda 9 June", "/now", "/tomorrow"],
)
async def test_hostile_itinerary_renders_without_any_api_error(
    hostile_harness: BotHarness, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        replies = await hostile_harness.send(hostile_harness.organiser, command)
    assert replies
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert EN["error"] not in text_of(replies)
    for message in replies:
        assert 0 < utf16_length(message.text) <= 4096


async def test_hostile_text_is_shown_as_typed_not_as_markup(hostile_harness: BotHarness) -> None:
    text = text_of(await hostile_harness.send(hostile_harness.organiser, "/agenda 9 June"))
    assert f"{NASTY} Briefing at the Korean Embassy in Panama {NASTY}" in text
    assert '단테 모시 <Héctor Ortega> & "ortega"' in text
    assert "Panama City <&> 🏙" in text


@pytest.mark.parametrize("command", ["/today", "/agenda 8 June", "/trip"])
async def test_a_huge_event_is_split_into_messages_telegram_accepts(
    hostile_harness: BotHarness, command: str
) -> None:
    replies = await hostile_harness.send(hostile_harness.organiser, command)
    assert len(replies) >= 3
    assert all(utf16_length(m.text) <= 4096 for m in replies)
    shown = "".join(m.text for m in replies)
    assert shown.count("'기금'") >= HUGE // 30


async def test_a_huge_next_event_is_split_and_its_map_link_kept(
    hostile_harness: BotHarness,
) -> None:
    replies = await hostile_harness.send(hostile_harness.organiser, "/next")
    assert len(replies) >= 3
    assert all(utf16_length(m.text) <= 4096 for m in replies)
    assert '">Map</a>' in replies[-1].html


async def test_day_buttons_sit_on_the_last_piece_of_a_split_day(
    hostile_harness: BotHarness,
) -> None:
    replies = await hostile_harness.send(hostile_harness.organiser, "/today")
    assert [m.buttons() for m in replies[:-1]] == [[] for _ in replies[:-1]]
    assert button_data(replies[-1]) == ["day:2021-06-07", "day:2021-06-09"]


@pytest.mark.parametrize("title", ["🇰🇷" * 5_000, "한" * HUGE, "&" * HUGE, "<" * HUGE])
async def test_a_huge_title_of_one_kind_of_character_is_split_acceptably(
    harness: BotHarness, sample: Itinerary, title: str
) -> None:
    events = tuple(
        replace(e, title=title) if e.key == "cabei-meeting" else e for e in sample.events
    )
    with session_scope(harness.engine) as session:
        save_itinerary(session, replace(sample, events=events))
    replies = await harness.send(harness.organiser, "/today")
    assert EN["error"] not in text_of(replies)
    assert len(replies) >= 2
    assert all(0 < utf16_length(m.text) <= 4096 for m in replies)
    assert "".join(m.text for m in replies).count(title[:2]) >= len(title) // 2 - 1


@pytest.mark.parametrize(
    ("instant", "first", "second"),
    [
        # 12 June 16:00 and 22:00 in Lima: on the flight home
        (
            datetime(2021, 6, 12, 21, tzinfo=UTC),
            "The delegation is in the air: Flight Lima to Los Angeles, Lima → Los Angeles, "
            "landing Sat 12 Jun 20:20 (Los Angeles, UTC−7).",
            "Travel day: Lima → Los Angeles.",
        ),
        (
            datetime(2021, 6, 13, 3, tzinfo=UTC),
            "The delegation is in the air: Flight Lima to Los Angeles, Lima → Los Angeles, "
            "landing Sat 12 Jun 20:20 (Los Angeles, UTC−7).",
            "Travel day: Lima → Los Angeles.",
        ),
        (
            datetime(2021, 6, 13, 5, tzinfo=UTC),
            "The trip is over: the delegation was last seen leaving Lima for Los Angeles, "
            "Sat 12 Jun 13:40 (Lima, UTC−5).",
            "",
        ),
        (
            datetime(2021, 6, 2, 12, tzinfo=UTC),
            "The trip has not begun: it starts in Mexico City, Mexico, on Fri 4 Jun.",
            "",
        ),
        (
            datetime(2021, 6, 8, 21, tzinfo=UTC),
            "The delegation is in the air: Flight Tegucigalpa to Panama City, Tegucigalpa → "
            "Panama City, landing Tue 8 Jun 17:20 (Panama City, UTC−5).",
            "Travel day: Tegucigalpa → Panama City.",
        ),
    ],
)
async def test_now_knows_the_delegation_in_the_air_and_before_and_after_the_trip(
    harness: BotHarness, instant: datetime, first: str, second: str
) -> None:
    harness.at(instant)
    lines = only(await harness.send(harness.member, "/now")).text.split("\n")
    assert lines[:2] == [first, second]
