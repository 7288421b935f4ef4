"""A general code redeemed by someone the itinerary knows, and organisers mending duplicates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.offline.localapi import JSON, SentMessage
from bot.services.members import create_invite, set_lead_times, update_settings
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import save_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.botkit import ORGANISER_ID, BotHarness, bind, make_harness

PARK_ID = 1004  # the second organiser
NEWCOMER_ID = 7001
MORNING = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa, the CABEI day


@pytest.fixture
async def harness(engine: Engine, sample: Itinerary) -> AsyncIterator[BotHarness]:
    """The sample delegation on 8 June: both organisers joined, Kim has not."""
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    bind(engine, "choi", ORGANISER_ID)
    bind(engine, "park", PARK_ID)
    kit = make_harness(engine, SimulatedClock(MORNING))
    kit.organiser  # noqa: B018 - Choi has started the bot: his chat exists
    kit.person(PARK_ID, "Ji-hoon")
    await kit.app.initialize()
    yield kit
    await kit.app.shutdown()


def general_code(harness: BotHarness) -> str:
    with session_scope(harness.engine) as session:
        return create_invite(session, role="member", now=harness.clock.now()).code


async def join(harness: BotHarness, name: str, **extra: str) -> tuple[JSON, list[SentMessage]]:
    """A new Telegram user redeems a general code; return them and what the bot answered."""
    person = harness.person(NEWCOMER_ID, name)
    person.update(extra)  # a last name, as Telegram sends it
    replies = await harness.send(person, f"/start {general_code(harness)}")
    return person, replies


def member(harness: BotHarness, key: str) -> db.Member | None:
    with session_scope(harness.engine) as session:
        found = session.exec(select(db.Member).where(db.Member.key == key)).first()
        if found is not None:
            session.expunge(found)
        return found


def invitees(harness: BotHarness) -> list[str]:
    with session_scope(harness.engine) as session:
        return list(session.exec(select(db.Member.key).where(db.Member.source == "invite")))


async def asked_and_said_yes(harness: BotHarness) -> tuple[JSON, SentMessage]:
    person, [_, question] = await join(harness, "Min-seo Kim")
    assert question.text.startswith("Are you Kim Min-seo")
    await harness.tap(person, question, "Yes")
    return person, question


def request_to(harness: BotHarness, chat_id: int) -> SentMessage:
    [request] = [m for m in harness.api.sent_to(chat_id) if "says they are" in m.text]
    return request


async def test_a_known_name_is_asked_and_linked_once_an_organiser_confirms(
    harness: BotHarness,
) -> None:
    person, question = await asked_and_said_yes(harness)
    assert "asked the organisers" in question.text
    assert not question.buttons()
    [before] = await harness.send(person, "/today")
    assert "Meeting with CABEI" not in before.text  # until confirmed: the programme for all
    choi, park = request_to(harness, ORGANISER_ID), request_to(harness, PARK_ID)
    assert "Min-seo Kim" in choi.text
    assert "Kim Min-seo" in choi.text
    [told] = await harness.tap(harness.organiser, choi, "Confirm")
    assert choi.text.startswith("Confirmed: Min-seo Kim is now Kim Min-seo")
    assert park.text.startswith("Decided by Choi Jong-uk")
    assert not park.buttons()
    assert told.chat_id == NEWCOMER_ID
    assert "you are Kim Min-seo" in told.text
    kim = member(harness, "kim")
    assert kim is not None
    assert kim.telegram_id == NEWCOMER_ID
    assert invitees(harness) == []  # the duplicate is gone
    [after] = await harness.send(person, "/today")
    assert "Meeting with CABEI" in after.text


async def test_an_organiser_refusing_leaves_the_newcomer_new_and_tells_them(
    harness: BotHarness,
) -> None:
    person, _ = await asked_and_said_yes(harness)
    park = harness.api.state.users[PARK_ID]
    choi = request_to(harness, ORGANISER_ID)
    [told] = await harness.tap(park, request_to(harness, PARK_ID), "Refuse")
    assert told.chat_id == NEWCOMER_ID
    assert "could not confirm" in told.text
    assert choi.text.startswith("Decided by Park Ji-hoon: refused")
    kim = member(harness, "kim")
    assert kim is not None
    assert kim.telegram_id is None
    [today] = await harness.send(person, "/today")
    assert "Meeting with CABEI" not in today.text


async def test_no_i_am_new_asks_nobody(harness: BotHarness) -> None:
    person, [_, question] = await join(harness, "Min-seo Kim")
    await harness.tap(person, question, "No, I am new")
    assert question.text == "All right: you joined as a new member."
    assert not [m for m in harness.api.sent_to(ORGANISER_ID) if "says they are" in m.text]
    assert len(invitees(harness)) == 1


async def test_a_name_the_itinerary_does_not_know_is_not_asked(harness: BotHarness) -> None:
    _, replies = await join(harness, "Mallory")
    assert [r.text.startswith("Welcome") for r in replies] == [True]
    assert len(invitees(harness)) == 1


async def test_a_korean_name_matches_the_romanised_member(harness: BotHarness) -> None:
    _, [_, question] = await join(harness, "김민서")
    assert question.text.startswith("Are you Kim Min-seo")


async def test_a_first_and_last_name_are_read_together(harness: BotHarness) -> None:
    _, [_, question] = await join(harness, "Min-seo", last_name="Kim")
    assert question.text.startswith("Are you Kim Min-seo")


async def test_pressing_yes_twice_asks_the_organisers_once(harness: BotHarness) -> None:
    person, question = await asked_and_said_yes(harness)
    data = f"iam:yes:{member(harness, 'kim').id}"  # type: ignore[union-attr]
    assert await harness.press(person, question, data) == []
    assert "already been asked" in question.text
    request_to(harness, ORGANISER_ID)  # still exactly one


async def test_a_second_confirm_changes_nothing(harness: BotHarness) -> None:
    await asked_and_said_yes(harness)
    choi, park_copy = request_to(harness, ORGANISER_ID), request_to(harness, PARK_ID)
    data = str(choi.buttons()[0]["callback_data"])
    await harness.press(harness.organiser, choi, data)
    assert await harness.press(harness.organiser, choi, data) == []
    park = harness.api.state.users[PARK_ID]
    assert await harness.press(park, park_copy, data) == []
    answer = harness.api.state.callback_answers[-1]
    assert answer["text"] == "This request was already decided."
    told = [m for m in harness.api.sent_to(NEWCOMER_ID) if "organisers confirmed it" in m.text]
    assert len(told) == 1


async def test_a_member_pressing_an_organisers_button_is_refused(harness: BotHarness) -> None:
    person, _ = await asked_and_said_yes(harness)
    choi = request_to(harness, ORGANISER_ID)
    await harness.press(person, choi, str(choi.buttons()[0]["callback_data"]))
    assert harness.api.state.callback_answers[-1]["text"] == "Only organisers can do that."
    kim = member(harness, "kim")
    assert kim is not None
    assert kim.telegram_id is None
    assert choi.buttons()  # still the organisers' to decide


async def announce_and_acknowledge(harness: BotHarness, person: JSON) -> None:
    [preview] = await harness.send(harness.organiser, "/announce Lobby call 07:15")
    send = next(b for b in preview.buttons() if "send" in str(b["callback_data"]))
    await harness.press(harness.organiser, preview, str(send["callback_data"]))
    await harness.alarm.dispatch()
    [lobby] = [m for m in harness.api.sent_to(NEWCOMER_ID) if "Lobby call" in m.text]
    [got_it] = [b for b in lobby.buttons() if str(b["callback_data"]).startswith("ack:")]
    await harness.press(person, lobby, str(got_it["callback_data"]))


async def test_link_merges_a_duplicate_and_loses_nothing(harness: BotHarness) -> None:
    person, _ = await join(harness, "Kimmy")  # no match: a duplicate of Kim is made
    [key] = invitees(harness)
    duplicate = member(harness, key)
    assert duplicate is not None
    assert duplicate.id is not None
    with session_scope(harness.engine) as session:
        update_settings(session, duplicate.id, language="ko", show_home_time=True)
        set_lead_times(session, duplicate.id, [30])
    await announce_and_acknowledge(harness, person)
    [preview] = await harness.send(harness.organiser, f"/link {key} kim")
    assert "Merge Kimmy" in preview.text
    assert "Kim Min-seo (kim)" in preview.text
    [told] = await harness.tap(harness.organiser, preview, "Confirm")
    assert preview.text.startswith("Linked: Kim Min-seo")
    assert told.chat_id == NEWCOMER_ID
    assert "Kim Min-seo 님입니다" in told.text
    kim = member(harness, "kim")
    assert kim is not None
    assert kim.id is not None
    assert (kim.telegram_id, kim.language, kim.show_home_time, kim.lead_times) == (
        NEWCOMER_ID,
        "ko",
        True,
        [30],
    )
    assert invitees(harness) == []
    with session_scope(harness.engine) as session:
        acks = session.exec(
            select(db.Acknowledgement).where(db.Acknowledgement.member_id == kim.id)
        )
        assert len(acks.all()) == 1
        cabei = session.exec(
            select(db.Outbox).where(
                db.Outbox.member_id == kim.id, db.Outbox.event_key == "cabei-meeting",
                db.Outbox.status == "pending",
            )
        ).all()  # fmt: skip
    assert [row.ref.rsplit("-", 1)[-1] for row in cabei] == ["30m"]  # her own lead time
    await harness.alarm.dispatch()
    harness.at(cabei[0].due_at)
    await harness.alarm.dispatch()
    texts = [m.text for m in harness.api.sent_to(NEWCOMER_ID)]
    assert len([t for t in texts if "Lobby call" in t]) == 1
    assert len([t for t in texts if "Meeting with CABEI" in t]) == 1  # not the welcome card
    assert len(texts) == len(set(texts))  # nothing the two records had is sent twice


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/link choi kim", "choi is on the itinerary: only a record an invite made can be merged"),
        ("/link kim", "Write /link JOINED-KEY ITINERARY-KEY"),
        ("/link nobody kim", "There is no member nobody."),
    ],
)
async def test_link_refuses_what_it_cannot_merge(
    harness: BotHarness, command: str, answer: str
) -> None:
    [reply] = await harness.send(harness.organiser, command)
    assert reply.text.startswith(answer)
    assert not reply.buttons()


async def test_link_is_for_organisers_only(harness: BotHarness) -> None:
    person, _ = await join(harness, "Kimmy")
    [reply] = await harness.send(person, f"/link {invitees(harness)[0]} kim")
    assert reply.text == "Only organisers can do that."
    assert len(invitees(harness)) == 1
