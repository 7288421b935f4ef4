"""Who the bot talks to: members only, by invite or by the file; groups an organiser registered.

A stranger gets one short refusal and nothing of the itinerary, whatever they send.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.app import COMMANDS
from bot.offline.localapi import JSON, SentMessage
from bot.services.members import create_invite
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.kinds import Role
from bot.text.i18n import EN, KO
from schedule.itinerary import Itinerary
from tests.botkit import STRANGER_ID, BotHarness, change_member

TODAY_HEADING = "Tue 8 Jun 2021 – Tegucigalpa → Panama City"
GROUP_ID = -100_4242
DELEGATION = "Korean infrastructure delegation to Latin America"


def itinerary_words(sample: Itinerary) -> list[str]:
    """Return texts from the sample a stranger must never see."""
    words = [e.title for e in sample.events]
    words += [e.venue for e in sample.events if e.venue]
    words += [c.name for c in sample.counterparts]
    words += [s.city for s in sample.stops]
    words += [o.short or o.name for o in sample.organisations]
    words += [m.name for m in sample.members]
    return [*words, sample.delegation.name, "CABEI", "Mossi"]


def assert_no_itinerary(replies: list[SentMessage], sample: Itinerary) -> None:
    """Check that nothing of the itinerary was shown."""
    for message in replies:
        for word in itinerary_words(sample):
            assert word not in message.text
        assert not re.search(r"\b\d{1,2}:\d{2}\b", message.text)
        assert message.buttons() == []
        assert message.kind == "text"


def assert_one_refusal(replies: list[SentMessage], sample: Itinerary) -> None:
    """Check for exactly one short refusal and no itinerary."""
    assert [m.text for m in replies] == [EN["stranger"]]
    assert replies[0].chat_id == STRANGER_ID
    assert_no_itinerary(replies, sample)


def new_invite(harness: BotHarness, *, role: Role = "member", uses: int = 1) -> str:
    """Create an invite now and return its code."""
    with session_scope(harness.engine) as session:
        return create_invite(session, role=role, now=harness.clock.now(), uses=uses).code


def member_row(harness: BotHarness, telegram_id: int) -> db.Member | None:
    """Return the member bound to a Telegram id, if any."""
    with session_scope(harness.engine) as session:
        query = select(db.Member).where(db.Member.telegram_id == telegram_id)
        return session.exec(query).first()


def group_registered(harness: BotHarness, chat_id: int) -> bool:
    """Tell whether a group is registered in the database."""
    with session_scope(harness.engine) as session:
        return session.get(db.GroupChat, chat_id) is not None


# Strangers


@pytest.mark.parametrize(
    "text",
    [
        *(f"/{command}" for command in COMMANDS),
        "/agenda 8 June",
        "/start",
        "/register_group",
        "/reminders",
        "/teleport",
        "/today@comitiva_bot",
    ],
)
async def test_a_stranger_gets_one_refusal_for_any_command(
    harness: BotHarness, sample: Itinerary, text: str
) -> None:
    assert_one_refusal(await harness.send(harness.stranger, text), sample)


async def test_a_stranger_gets_one_refusal_for_plain_text(
    harness: BotHarness, sample: Itinerary
) -> None:
    replies = await harness.send(harness.stranger, "where is the CABEI meeting?")
    assert_one_refusal(replies, sample)


async def test_a_stranger_pressing_a_day_button_gets_an_alert_and_no_edit(
    harness: BotHarness, sample: Itinerary
) -> None:
    [refusal] = await harness.send(harness.stranger, "hello")
    answers_before = len(harness.api.state.callback_answers)
    replies = await harness.press(harness.stranger, refusal, "day:2021-06-08")
    assert replies == []
    assert refusal.edits == 0
    assert refusal.text == EN["stranger"]
    [answer] = harness.api.state.callback_answers[answers_before:]
    assert answer["show_alert"] is True
    assert answer["text"] == EN["stranger"]


async def test_a_stranger_pressing_a_settings_button_changes_nothing(
    harness: BotHarness,
) -> None:
    [refusal] = await harness.send(harness.stranger, "hello")
    assert await harness.press(harness.stranger, refusal, "set:lang:ko") == []
    assert refusal.edits == 0
    assert harness.api.state.callback_answers[-1]["text"] == EN["stranger"]
    assert member_row(harness, STRANGER_ID) is None


async def test_a_stranger_forwarding_a_message_gets_one_refusal(
    harness: BotHarness, sample: Itinerary
) -> None:
    update = harness.api.message_update(
        harness.stranger, "/today", queue=False, forwarded_from=harness.member
    )
    assert_one_refusal(await harness.process(update), sample)


async def test_a_stranger_editing_a_message_gets_one_refusal(
    harness: BotHarness, sample: Itinerary
) -> None:
    update = harness.api.edited_update(harness.stranger, "/today", queue=False)
    assert_one_refusal(await harness.process(update), sample)


async def test_a_stranger_sending_a_document_gets_one_refusal(
    harness: BotHarness, sample: Itinerary
) -> None:
    update = harness.api.message_update(
        harness.stranger, queue=False, document=("trip.yaml", b"delegation: {name: x}\n")
    )
    assert_one_refusal(await harness.process(update), sample)


async def test_a_stranger_inline_query_is_answered_with_no_results(
    harness: BotHarness,
) -> None:
    update = harness.api.inline_update(harness.stranger, "CABEI", queue=False)
    assert await harness.process(update) == []
    [answer] = harness.api.state.inline_answers
    assert list(answer["results"]) == []
    assert answer["is_personal"] is True


async def test_a_korean_stranger_is_refused_in_korean(harness: BotHarness) -> None:
    stranger = harness.person(7070, "Mina", language_code="ko")
    replies = await harness.send(stranger, "/today")
    assert [m.text for m in replies] == [KO["stranger"]]


async def test_a_stranger_is_not_made_a_member_by_writing(harness: BotHarness) -> None:
    await harness.send(harness.stranger, "/today")
    await harness.send(harness.stranger, "/start")
    assert member_row(harness, STRANGER_ID) is None


async def test_a_stranger_in_an_unregistered_group_gets_silence(harness: BotHarness) -> None:
    group = harness.api.group(GROUP_ID, "Lobby")
    for text in ("/today", "/start", "/register_group", "hello"):
        assert await harness.send(harness.stranger, text, chat=group) == []


async def test_a_stranger_in_a_registered_group_gets_silence(harness: BotHarness) -> None:
    group = harness.api.group(GROUP_ID, "Delegation")
    await harness.send(harness.organiser, "/register_group", chat=group)
    for text in ("/today", "/next", "/help", "hello"):
        assert await harness.send(harness.stranger, text, chat=group) == []


# Invites


async def test_an_invite_makes_a_stranger_a_member(harness: BotHarness) -> None:
    code = new_invite(harness)
    [welcome] = await harness.send(harness.stranger, f"/start {code}")
    assert welcome.text.startswith(f"Welcome, Mallory! You have joined {DELEGATION} as a member.")
    assert "<b>Korean infrastructure delegation to Latin America</b>" in welcome.html
    [today] = await harness.send(harness.stranger, "/today")
    assert today.text.startswith(TODAY_HEADING)
    row = member_row(harness, STRANGER_ID)
    assert row is not None
    assert (row.role, row.source, row.telegram_username) == ("member", "invite", "mallory")


async def test_an_organiser_invite_gives_the_organiser_role(harness: BotHarness) -> None:
    code = new_invite(harness, role="organiser")
    [welcome] = await harness.send(harness.stranger, f"/start {code}")
    assert "as an organiser." in welcome.text
    [help_] = await harness.send(harness.stranger, "/help")
    assert "/register_group" in help_.text


async def test_an_invite_is_single_use(harness: BotHarness, sample: Itinerary) -> None:
    code = new_invite(harness)
    await harness.send(harness.stranger, f"/start {code}")
    second = harness.person(7777, "Eve", username="eve")
    [refusal] = await harness.send(second, f"/start {code}")
    assert refusal.text == EN["invite_used"]
    assert "already been used" in refusal.text
    assert member_row(harness, 7777) is None
    [gate] = await harness.send(second, "/today")
    assert gate.text == EN["stranger"]
    assert_no_itinerary([refusal, gate], sample)


async def test_an_invite_for_two_lets_two_people_in_and_no_third(harness: BotHarness) -> None:
    code = new_invite(harness, uses=2)
    first, second, third = (harness.person(8000 + n, f"P{n}") for n in range(3))
    assert (await harness.send(first, f"/start {code}"))[0].text.startswith("Welcome, P0!")
    assert (await harness.send(second, f"/start {code}"))[0].text.startswith("Welcome, P1!")
    assert [m.text for m in await harness.send(third, f"/start {code}")] == [EN["invite_used"]]
    assert member_row(harness, 8000) is not None
    assert member_row(harness, 8001) is not None
    assert member_row(harness, 8002) is None


async def test_an_expired_invite_is_refused(harness: BotHarness, sample: Itinerary) -> None:
    code = new_invite(harness)
    harness.at(harness.clock.now() + timedelta(days=14, minutes=1))
    replies = await harness.send(harness.stranger, f"/start {code}")
    assert [m.text for m in replies] == [EN["invite_expired"]]
    assert member_row(harness, STRANGER_ID) is None
    assert_no_itinerary(replies, sample)


async def test_an_invite_still_works_just_before_it_expires(harness: BotHarness) -> None:
    code = new_invite(harness)
    harness.at(harness.clock.now() + timedelta(days=13, hours=23))
    [welcome] = await harness.send(harness.stranger, f"/start {code}")
    assert welcome.text.startswith("Welcome, Mallory!")


async def test_an_unknown_invite_is_refused(harness: BotHarness, sample: Itinerary) -> None:
    replies = await harness.send(harness.stranger, "/start notacode2345")
    assert [m.text for m in replies] == [EN["invite_unknown"]]
    assert member_row(harness, STRANGER_ID) is None
    assert_no_itinerary(replies, sample)


async def test_an_invite_redeemed_in_a_group_does_not_let_anyone_in(
    harness: BotHarness,
) -> None:
    code = new_invite(harness)
    group = harness.api.group(GROUP_ID, "Lobby")
    assert await harness.send(harness.stranger, f"/start {code}", chat=group) == []
    assert member_row(harness, STRANGER_ID) is None


async def test_a_member_using_an_invite_is_welcomed_back_and_keeps_it_unused(
    harness: BotHarness,
) -> None:
    code = new_invite(harness)
    [reply] = await harness.send(harness.member, f"/start {code}")
    assert reply.text.startswith("Hello again, Kim Min-seo.")
    [welcome] = await harness.send(harness.stranger, f"/start {code}")
    assert welcome.text.startswith("Welcome, Mallory!")


# Members known by username from the file


def give_username(harness: BotHarness, key: str, username: str) -> None:
    """Set a file member's Telegram username, as the itinerary file would."""
    change_member(harness.engine, key, telegram_username=username)


async def test_a_member_known_by_username_is_bound_and_served(harness: BotHarness) -> None:
    give_username(harness, "lee", "lee_seunghyun")
    lee = harness.person(3003, "Seung-hyun", username="lee_seunghyun")
    [today] = await harness.send(lee, "/today")
    assert today.text.startswith(TODAY_HEADING)
    row = member_row(harness, 3003)
    assert row is not None
    assert row.key == "lee"


async def test_a_username_match_ignores_case(harness: BotHarness) -> None:
    give_username(harness, "lee", "Lee_SeungHyun")
    lee = harness.person(3003, "Seung-hyun", username="lee_seunghyun")
    [today] = await harness.send(lee, "/today")
    assert today.text.startswith(TODAY_HEADING)


async def test_a_bound_member_keeps_their_id_when_someone_takes_the_username(
    harness: BotHarness, sample: Itinerary
) -> None:
    give_username(harness, "lee", "lee_seunghyun")
    await harness.send(harness.person(3003, "Seung-hyun", username="lee_seunghyun"), "/today")
    impostor = harness.person(3004, "Imp", username="lee_seunghyun")
    replies = await harness.send(impostor, "/today")
    assert [m.text for m in replies] == [EN["stranger"]]
    assert_no_itinerary(replies, sample)
    row = member_row(harness, 3003)
    assert row is not None
    assert row.key == "lee"
    assert member_row(harness, 3004) is None


async def test_a_username_that_only_matches_as_a_pattern_is_a_stranger(
    harness: BotHarness, sample: Itinerary
) -> None:
    # Underscores are legal in Telegram usernames and a wildcard in SQL LIKE.
    give_username(harness, "lee", "lee1sh")
    impostor = harness.person(3005, "Imp", username="lee_sh")
    replies = await harness.send(impostor, "/today")
    assert [m.text for m in replies] == [EN["stranger"]]
    assert_no_itinerary(replies, sample)
    assert member_row(harness, 3005) is None


# Groups


def in_group(harness: BotHarness, title: str = "Delegation") -> JSON:
    """Return the delegation's group chat."""
    return harness.api.group(GROUP_ID, title)


async def test_a_member_in_an_unregistered_group_gets_no_reply(harness: BotHarness) -> None:
    group = in_group(harness)
    for text in ("/today", "/next", "/help", "/settings", "hello"):
        assert await harness.send(harness.member, text, chat=group) == []


async def test_an_organiser_registers_a_group(harness: BotHarness) -> None:
    group = in_group(harness)
    [reply] = await harness.send(harness.organiser, "/register_group", chat=group)
    assert reply.text == EN["group_registered"]
    assert reply.chat_id == GROUP_ID
    assert group_registered(harness, GROUP_ID)


async def test_a_member_gets_today_in_a_registered_group(harness: BotHarness) -> None:
    group = in_group(harness)
    await harness.send(harness.organiser, "/register_group", chat=group)
    [today] = await harness.send(harness.member, "/today", chat=group)
    assert today.chat_id == GROUP_ID
    assert today.text.startswith(TODAY_HEADING)
    assert harness.api.sent_to(harness.member["id"]) == []


async def test_plain_talk_in_a_registered_group_gets_no_reply(harness: BotHarness) -> None:
    group = in_group(harness)
    await harness.send(harness.organiser, "/register_group", chat=group)
    assert await harness.send(harness.member, "see you at the lobby", chat=group) == []


async def test_a_members_register_group_in_a_new_group_registers_nothing(
    harness: BotHarness,
) -> None:
    group = in_group(harness)
    replies = await harness.send(harness.member, "/register_group", chat=group)
    # Silence or a refusal are both acceptable here; a registration is not.
    assert len(replies) <= 1
    assert [m.text for m in replies if m.text != EN["organisers_only"]] == []
    assert not group_registered(harness, GROUP_ID)
    assert await harness.send(harness.member, "/today", chat=group) == []


async def test_a_members_register_group_is_refused_for_organisers_only(
    harness: BotHarness,
) -> None:
    group = in_group(harness)
    await harness.send(harness.organiser, "/register_group", chat=group)
    [in_the_group] = await harness.send(harness.member, "/register_group", chat=group)
    [in_private] = await harness.send(harness.member, "/register_group")
    assert in_the_group.text == EN["organisers_only"]
    assert in_private.text == EN["organisers_only"]
    assert EN["group_registered"] not in (in_the_group.text, in_private.text)
    assert not group_registered(harness, harness.member["id"])


async def test_register_group_in_a_private_chat_points_to_the_group(
    harness: BotHarness,
) -> None:
    [reply] = await harness.send(harness.organiser, "/register_group")
    assert reply.text == EN["group_only"]
    assert not group_registered(harness, harness.organiser["id"])


async def test_settings_in_a_group_is_refused_as_private(harness: BotHarness) -> None:
    group = in_group(harness)
    await harness.send(harness.organiser, "/register_group", chat=group)
    [reply] = await harness.send(harness.member, "/settings", chat=group)
    assert reply.text == EN["settings_private"]
    assert "Home time beside local times" not in reply.text
    assert "Language:" not in reply.text
    assert reply.buttons() == []
