"""``/groups``: organisers change who is in which group from the chat; reminders follow."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.services.outbox import outbox_rows
from bot.storage.db import session_scope
from bot.text.en import EN
from tests.botkit import BotHarness

GROUPS = ("advance", "leads", "mofa", "partners")  # the sample's, in alphabetical order
VISIT = "Site visit to Panama Metro Line 3"  # 9 June, for leads, jung and advance


def reminders_of(engine: Engine, key: str, event: str) -> int:
    """Count the pending reminders ``key`` has for the event ``event``."""
    with session_scope(engine) as session:
        rows = outbox_rows(session, member=key)
        return sum(1 for r in rows if r.row.kind == "reminder" and r.row.event_key == event)


async def test_adding_a_member_to_a_group_gives_them_its_events_and_reminders(
    harness: BotHarness,
) -> None:
    harness.alarm.replan()
    assert reminders_of(harness.engine, "kim", "metro-line3-visit") == 0
    [reply] = await harness.send(harness.organiser, "/groups kim add advance")
    assert "Kim Min-seo" in reply.text
    assert "partners, advance" in reply.text
    assert "reminders follow" in reply.text
    assert reminders_of(harness.engine, "kim", "metro-line3-visit") == 2  # 60 and 15 min
    [day] = await harness.send(harness.member, "/agenda 9 June")
    assert VISIT in day.text


async def test_taking_a_member_out_of_a_group_takes_its_events_and_reminders_away(
    harness: BotHarness,
) -> None:
    await harness.send(harness.organiser, "/groups kim add advance")
    [reply] = await harness.send(harness.organiser, "/groups kim remove advance")
    assert reply.text.startswith("Kim Min-seo (kim): partners\n")
    assert reminders_of(harness.engine, "kim", "metro-line3-visit") == 0
    [day] = await harness.send(harness.member, "/agenda 9 June")
    assert VISIT not in day.text


async def test_adding_a_group_twice_changes_nothing(harness: BotHarness) -> None:
    await harness.send(harness.organiser, "/groups kim add advance")
    [reply] = await harness.send(harness.organiser, "/groups kim add advance")
    assert "Nothing to change" in reply.text
    assert reminders_of(harness.engine, "kim", "metro-line3-visit") == 2


async def test_groups_alone_lists_every_group_with_its_members(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.organiser, "/groups")
    heading, *lines, _, usage = reply.text.split("\n")
    assert (heading, usage) == ("Groups", EN["groups_usage"])
    assert [line.split(":")[0] for line in lines] == [f"• {g}" for g in GROUPS]
    assert "Kim Min-seo" in next(line for line in lines if line.startswith("• partners"))


async def test_one_members_groups_are_shown_with_their_key(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.organiser, "/groups kim")
    assert reply.text == "Kim Min-seo (kim): partners"


async def test_a_group_name_the_file_could_not_hold_is_refused_with_why(
    harness: BotHarness,
) -> None:
    [reply] = await harness.send(harness.organiser, "/groups kim add Advance_Team")
    assert "cannot be used" in reply.text
    assert "lowercase letters, digits and '-'" in reply.text
    [reply] = await harness.send(harness.organiser, "/groups kim add tg-1234")
    assert "kept for members who join with an invite" in reply.text


async def test_an_unknown_key_is_named_and_members_is_offered(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.organiser, "/groups kimm add advance")
    assert reply.text == "No member has the key kimm: /members lists the keys."


async def test_a_word_other_than_add_or_remove_gets_the_usage(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.organiser, "/groups kim join advance")
    assert "/groups KEY add GROUP" in reply.text


async def test_korean_words_change_groups_too(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.organiser, "/groups kim 추가 advance")
    assert "partners, advance" in reply.text


async def test_a_member_cannot_change_groups(harness: BotHarness) -> None:
    [reply] = await harness.send(harness.member, "/groups kim add leads")
    assert reply.text == "Only organisers can do that."
    [reply] = await harness.send(harness.organiser, "/groups kim")
    assert "leads" not in reply.text


async def test_groups_in_a_group_chat_is_sent_back_to_a_private_chat(harness: BotHarness) -> None:
    group = harness.api.group(-100777, "Delegation")
    await harness.send(harness.organiser, "/register_group", chat=group)
    [reply] = await harness.send(harness.organiser, "/groups", chat=group)
    assert reply.text == "Send me this in a private chat."
