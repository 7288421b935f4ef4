"""Questions about counterparts: cards, ambiguity buttons, no match, Korean, strangers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.offline.localapi import SentMessage
from tests.botkit import BotHarness


def only_text(replies: list[SentMessage]) -> str:
    assert len(replies) == 1
    return replies[0].text


async def test_who_shows_the_card_of_a_counterpart(harness: BotHarness) -> None:
    [card] = await harness.send(harness.member, "/who Mossi")
    lines = card.text.splitlines()
    assert lines[0] == "Mr. Dante Mossi"
    assert (
        lines[1] == "Executive President, Central American Bank for Economic Integration (CABEI)"
    )
    assert "Country: Honduras" in card.text
    assert "Talking points\n• Korea-CABEI Trust Fund" in card.text
    assert "Tue 8 Jun 10:00–11:00 (Tegucigalpa, UTC−6) Meeting with CABEI" in card.text
    assert "(starts in 2 h 10 min)" in card.text


async def test_who_shows_the_card_of_an_organisation(harness: BotHarness) -> None:
    [card] = await harness.send(harness.member, "/who CABEI")
    assert card.text.startswith("Central American Bank for Economic Integration (CABEI)")
    assert "People we meet\n• Mr. Dante Mossi, Executive President, CABEI" in card.text
    assert "Projects\n• Korea-CABEI Trust Fund" in card.text
    assert "Meeting with CABEI" in card.text


async def test_a_name_that_fits_several_offers_buttons_to_choose(harness: BotHarness) -> None:
    [choose] = await harness.send(harness.member, "/who ministry of foreign affairs")
    assert choose.text == "Which one do you mean?"
    assert [b["callback_data"] for b in choose.buttons()] == [
        "who:organisation:mofa-korea",
        "who:organisation:honduras-mfa",
        "who:organisation:peru-mfa",
    ]


async def test_choosing_a_button_edits_in_the_card(harness: BotHarness) -> None:
    [choose] = await harness.send(harness.member, "/who ministry of foreign affairs")
    await harness.press(harness.member, choose, "who:organisation:peru-mfa")
    assert choose.text.startswith("Ministry of Foreign Affairs of Peru")
    assert choose.buttons() == []


@pytest.mark.parametrize(
    ("question", "opening", "inside"),
    [
        pytest.param(
            "who is Mr. Ortiga Mosa?",
            "I don't know anyone called",
            "Ortega",
            id="no_match_says_so_and_offers_the_closest_names",
        ),
        pytest.param(
            "파나마 메트로는 언제 만나?",
            "Panama Metro 면담 일정",
            "6월 9일 (수) 10:30–12:00 (Panama City, UTC−5)",
            id="a_korean_question_is_answered_in_korean",
        ),
        pytest.param(
            "/people tomorrow",
            "Who we meet, Wed 9 Jun",
            "Mr. Héctor Ortega, Director General, Panama Metro",
            id="people_lists_who_we_meet_on_a_day",
        ),
    ],
)
async def test_a_question_is_answered_from_the_itinerary(
    harness: BotHarness, question: str, opening: str, inside: str
) -> None:
    text = only_text(await harness.send(harness.member, question))
    assert text.startswith(opening)
    assert inside in text


async def test_nothing_to_answer_gets_example_questions(harness: BotHarness) -> None:
    text = only_text(await harness.send(harness.member, "will it rain tomorrow?"))
    assert "could not find an answer" in text
    assert '"Who is Mr. Mossi?"' in text


async def test_typos_and_missing_accents_still_find_the_person(harness: BotHarness) -> None:
    for question in ("who is mosi", "who is Hector Ortga", "who is lopez"):
        text = only_text(await harness.send(harness.member, question))
        assert text.startswith(("Mr. Dante Mossi", "Mr. Héctor Ortega", "Mr. López")), question


async def test_an_english_question_from_a_korean_member_is_answered_in_english(
    harness: BotHarness,
) -> None:
    user = harness.api.user(1001, "Min-seo", language_code="ko")
    text = only_text(await harness.send(user, "what time is it in Lima?"))
    assert text == "Lima: 08:50 on Tue 8 Jun (UTC−5)"


async def test_a_stranger_asking_who_is_mossi_gets_nothing_of_him(harness: BotHarness) -> None:
    text = only_text(await harness.send(harness.stranger, "who is Mossi?"))
    assert "Mossi" not in text
    assert "CABEI" not in text
    assert text.startswith("Sorry, I only talk to members")
    # One refusal a day, then silence (issue 18, item 7).
    for question in ("/who Mossi", "모시는 누구야?", "/people today"):
        assert await harness.send(harness.stranger, question) == []


async def test_on_a_travel_day_tonights_hotel_is_in_the_city_we_fly_to(
    harness: BotHarness,
) -> None:
    # 07:50 in Tegucigalpa on 8 June; the flight to Panama City leaves at 14:30.
    text = only_text(await harness.send(harness.member, "where are we staying tonight?"))
    assert "Panama City" in text
    assert "Tegucigalpa" not in text


async def test_after_the_final_departure_there_is_no_hotel_tonight(harness: BotHarness) -> None:
    harness.at(datetime(2021, 6, 12, 21, 0, tzinfo=UTC))  # 16:00 in Lima, flying out today
    text = only_text(await harness.send(harness.member, "where are we staying tonight?"))
    assert text == "The itinerary has no hotel for tonight: the delegation leaves today."


async def test_asked_for_the_last_night_ahead_the_answer_says_there_is_no_hotel(
    harness: BotHarness,
) -> None:
    text = only_text(await harness.send(harness.member, "where do we stay on 12 June?"))
    assert text == (
        "The itinerary has no hotel for the night of Sat 12 Jun: the delegation leaves that day."
    )
