"""Issue 18 on the handler side: the gate stops what it cannot check, strangers hear one
refusal a day, floods are dropped per chat, organiser tools stay in private chats, and a
hostile itinerary file neither freezes the bot nor is downloaded when too large."""

from __future__ import annotations

import math
import time
from datetime import timedelta

from sqlalchemy import text

from bot.itinerary.checker import MAX_FILE_BYTES
from bot.offline.localapi import SentMessage
from bot.services.flood import BURST, PER_SECOND
from bot.text.i18n import EN, KO
from tests.botkit import ORGANISER_ID, STRANGER_ID, BotHarness

GROUP_ID = -100123
BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def texts(replies: list[SentMessage]) -> list[str]:
    """Return the texts of what the bot sent."""
    return [reply.text for reply in replies]


async def registered_group(kit: BotHarness) -> dict[str, object]:
    """Return a group chat Choi registered, so the bot answers members there."""
    group = kit.api.group(GROUP_ID, "Delegation")
    assert texts(await kit.send(kit.organiser, "/register_group", chat=group)) == [
        EN["group_registered"]
    ]
    return group


# -- the gate first (item 11) ----------------------------------------------------------------


async def test_a_gate_that_cannot_read_the_database_apologises_once_and_stops(
    harness: BotHarness,
) -> None:
    with harness.engine.begin() as connection:
        connection.execute(text("ALTER TABLE member RENAME TO member_gone"))
    replies = await harness.send(harness.member, "/next")
    assert texts(replies) == [EN["error"]]


async def test_a_gate_that_fails_in_a_group_lets_no_feature_answer_there(
    harness: BotHarness,
) -> None:
    group = harness.api.group(GROUP_ID, "Not registered")
    with harness.engine.begin() as connection:
        connection.execute(text("ALTER TABLE group_chat RENAME TO group_chat_gone"))
    assert await harness.send(harness.member, "/next", chat=group) == []
    assert await harness.send(harness.member, "who is Mossi?", chat=group) == []


# -- strangers and floods (item 7) -----------------------------------------------------------


async def test_a_stranger_sending_200_messages_gets_exactly_one_refusal(
    harness: BotHarness,
) -> None:
    sent: list[SentMessage] = []
    for n in range(200):
        sent += await harness.send(harness.stranger, f"hello {n}")
    assert texts(sent) == [EN["stranger"]]
    assert harness.api.sent_to(STRANGER_ID) == sent


async def test_a_stranger_hears_the_refusal_again_the_next_day(harness: BotHarness) -> None:
    [first] = await harness.send(harness.stranger, "hello")
    assert await harness.send(harness.stranger, "hello?") == []
    harness.clock.advance(timedelta(days=1))
    assert texts(await harness.send(harness.stranger, "anyone?")) == [EN["stranger"]]
    assert first.text == EN["stranger"]


async def test_a_member_flooding_next_gets_a_bounded_number_of_replies_and_one_slow_down(
    harness: BotHarness,
) -> None:
    started = time.monotonic()
    sent: list[SentMessage] = []
    for _ in range(200):
        sent += await harness.send(harness.member, "/next")
    elapsed = time.monotonic() - started
    slow_downs = [m for m in sent if m.text == EN["slow_down"]]
    answers = [m for m in sent if m.text != EN["slow_down"]]
    assert len(slow_downs) == 1
    assert BURST <= len(answers) <= BURST + math.ceil(elapsed * PER_SECOND)
    assert len(answers) < 200
    # Choi's chat has its own allowance: he is answered at once, in full.
    [choi] = await harness.send(harness.organiser, "/next")
    assert choi.text == answers[0].text


async def test_a_stranger_flooding_hears_no_slow_down(harness: BotHarness) -> None:
    for n in range(3 * BURST):
        await harness.send(harness.stranger, f"/start {n}")  # an invite to try: let through
    assert EN["slow_down"] not in texts(harness.api.sent_to(STRANGER_ID))


# -- private-only organiser tools (item 9) ----------------------------------------------------


async def test_organiser_tools_in_a_group_post_nothing_of_the_roster_or_a_link(
    harness: BotHarness,
) -> None:
    group = await registered_group(harness)
    for command in ("/invite organiser", "/invite", "/members", "/promote kim", "/remove kim"):
        replies = await harness.send(harness.organiser, command, chat=group)
        assert texts(replies) == [EN["private_only"]], command
    sent = " ".join(m.text for m in harness.api.sent_to(GROUP_ID))
    assert "start=" not in sent
    assert "Kim" not in sent


async def test_an_itinerary_file_sent_in_a_group_is_told_to_go_private(
    harness: BotHarness,
) -> None:
    group = await registered_group(harness)
    update = harness.api.message_update(
        harness.organiser, chat=group, document=("trip.yaml", b"delegation: {}\n"), queue=False
    )
    assert texts(await harness.process(update)) == [EN["private_only"]]
    pdf = harness.api.message_update(
        harness.organiser, chat=group, document=("agenda.pdf", b"%PDF-1.4"), queue=False
    )
    assert await harness.process(pdf) == []  # a file shared among members is not for us


async def test_private_only_is_said_in_korean_too(harness: BotHarness) -> None:
    group = await registered_group(harness)
    choi = harness.person(ORGANISER_ID, "Jong-uk", language_code="ko")
    assert texts(await harness.send(choi, "/members", chat=group)) == [KO["private_only"]]


# -- documents (item 3) ------------------------------------------------------------------------


async def test_a_billion_laughs_file_is_refused_and_the_bot_answers_next_at_once(
    harness: BotHarness,
) -> None:
    update = harness.api.message_update(
        harness.organiser, document=("laughs.yaml", BILLION_LAUGHS), queue=False
    )
    [refusal] = await harness.process(update)
    assert refusal.text.startswith("Not applied:")
    assert "alias" in refusal.text
    [answer] = await harness.send(harness.member, "/next")
    assert answer.chat_id == harness.member["id"]
    assert answer.text == (await harness.send(harness.organiser, "/next"))[0].text


async def test_a_file_over_the_limit_is_refused_before_it_is_downloaded(
    harness: BotHarness,
) -> None:
    update = harness.api.message_update(
        harness.organiser, document=("huge.yaml", b"delegation: {}\n"), queue=False
    )
    update["message"]["document"]["file_size"] = MAX_FILE_BYTES + 1
    [refusal] = await harness.process(update)
    assert refusal.text == EN["file_too_big"].format(size=1001, limit=1000)
    assert "getFile" not in harness.api.state.first_call
