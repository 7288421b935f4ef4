"""``/calendar``: a member's private subscription address, in webcal:// and https:// forms."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.runtime import STATE_KEY, state
from bot.services.calendars import member_by_token
from bot.storage.db import session_scope
from bot.text.i18n import EN
from tests.botkit import BotHarness

PUBLIC = "https://comitiva.example.org"
GROUP_ID = -100777


def _serve_calendars(harness: BotHarness) -> None:
    """Run the bot as ``comitiva run --calendar-port N --public-url URL`` configures it."""
    harness.app.bot_data[STATE_KEY] = replace(state(harness.app), calendar_url=PUBLIC)


def _token(text: str) -> str:
    [token] = {str(found) for found in re.findall(r"/calendar/([A-Za-z0-9_-]+)\.ics", text)}
    return token


async def test_calendar_gives_both_addresses_of_the_members_feed(harness: BotHarness) -> None:
    _serve_calendars(harness)
    [answer] = await harness.send(harness.member, "/calendar")
    token = _token(answer.text)
    assert f"webcal://comitiva.example.org/calendar/{token}.ics" in answer.text
    assert f"{PUBLIC}/calendar/{token}.ics" in answer.text
    assert EN["calendar_private"].split(":")[0] in answer.text
    assert len(token) >= 32  # 24 random bytes: 192 bits
    with session_scope(harness.engine) as session:
        assert member_by_token(session, token) == "kim"


async def test_calendar_twice_gives_the_same_address(harness: BotHarness) -> None:
    _serve_calendars(harness)
    first = _token((await harness.send(harness.member, "/calendar"))[0].text)
    assert _token((await harness.send(harness.member, "/calendar"))[0].text) == first


async def test_calendar_reset_revokes_the_old_address_and_gives_a_new_one(
    harness: BotHarness,
) -> None:
    _serve_calendars(harness)
    old = _token((await harness.send(harness.member, "/calendar"))[0].text)
    [answer] = await harness.send(harness.member, "/calendar reset")
    new = _token(answer.text)
    assert new != old
    assert answer.text.startswith(EN["calendar_reset_done"])
    with session_scope(harness.engine) as session:
        assert member_by_token(session, old) is None
        assert member_by_token(session, new) == "kim"


async def test_without_a_feed_server_calendar_says_so(harness: BotHarness) -> None:
    [answer] = await harness.send(harness.member, "/calendar")
    assert EN["calendar_not_served"] in answer.text
    assert "webcal://" not in answer.text


async def test_calendar_in_a_group_never_shows_the_address(harness: BotHarness) -> None:
    _serve_calendars(harness)
    group = harness.api.group(GROUP_ID, "Delegation")
    await harness.send(harness.organiser, "/register_group", chat=group)
    replies = await harness.send(harness.member, "/calendar", chat=group)
    assert [m.text for m in replies] == [EN["calendar_private_only"]]
