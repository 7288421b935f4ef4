"""Invited members' keys cannot collide with a group or a member the file adds later."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.itinerary.checker import ItineraryError
from bot.services.members import TelegramUser, create_invite, redeem_invite
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.kinds import Role
from bot.storage.store import load_itinerary, save_itinerary
from schedule.agenda import visible_to
from schedule.itinerary import Itinerary, Member
from tests.botkit import BotHarness

NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)
WONG = TelegramUser(id=7007, first_name="Wong", username="wong")
LEADS = TelegramUser(id=7008, first_name="Leads", username="leads")


def join(engine: Engine, user: TelegramUser, role: Role = "member") -> db.Member:
    """Let ``user`` redeem a fresh invite and return the member they became."""
    with session_scope(engine) as session:
        invite = create_invite(session, role=role, now=NOW)
        redemption = redeem_invite(session, invite.code, user, now=NOW)
        assert redemption.outcome == "joined"
        assert redemption.member is not None
        session.expunge(redemption.member)
        return redemption.member


def with_member(itinerary: Itinerary, member: Member) -> Itinerary:
    return replace(itinerary, members=(*itinerary.members, member))


def test_an_invited_member_gets_the_reserved_key_of_their_telegram_id(loaded: Engine) -> None:
    assert join(loaded, WONG).key == "tg-7007"


def test_an_invitee_called_leads_does_not_see_the_leads_groups_events(
    loaded: Engine, sample: Itinerary
) -> None:
    member = join(loaded, LEADS)
    restricted = [e.key for e in sample.events if e.attendees and "leads" in e.attendees]
    assert "prep-honduras" in restricted
    seen = visible_to(sample, key=member.key, groups=(), organiser=False)
    assert not {e.key for e in seen.events} & set(restricted)


def test_an_invitee_called_wong_does_not_become_the_files_later_member_wong(
    loaded: Engine, sample: Itinerary
) -> None:
    join(loaded, WONG)
    later = Member("wong", "Wong Kar-wai", "organiser", None, "wong_kw", ())
    with session_scope(loaded) as session:
        save_itinerary(session, with_member(sample, later))
    with session_scope(loaded) as session:
        invitee = session.exec(select(db.Member).where(db.Member.telegram_id == WONG.id)).one()
        listed = session.exec(select(db.Member).where(db.Member.key == "wong")).one()
        assert (invitee.key, invitee.role, invitee.source) == ("tg-7007", "member", "invite")
        assert (listed.telegram_id, listed.role, listed.source) == (None, "organiser", "file")


def legacy_invitee(engine: Engine, key: str, telegram_id: int) -> None:
    """Store a member who joined by invite before keys took the reserved form."""
    with session_scope(engine) as session:
        session.add(db.Member(key=key, name="Wong", source="invite", telegram_id=telegram_id))


def test_a_file_key_equal_to_an_invited_members_key_is_refused_with_its_place(
    loaded: Engine, sample: Itinerary
) -> None:
    legacy_invitee(loaded, "wong", 7007)
    later = Member("wong", "Wong Kar-wai", "organiser", None, None, ())
    with session_scope(loaded) as session, pytest.raises(ItineraryError) as refused:
        save_itinerary(session, with_member(sample, later))
    [problem] = refused.value.problems
    assert problem.place == f"members[{len(sample.members)}].key"
    assert "joined with an invite" in problem.message
    assert "telegram_id: 7007" in problem.message
    with session_scope(loaded) as session:
        row = session.exec(select(db.Member).where(db.Member.key == "wong")).one()
        assert (row.role, row.source) == ("member", "invite")


def test_a_file_key_equal_to_an_invited_members_key_is_taken_when_it_names_their_id(
    loaded: Engine, sample: Itinerary
) -> None:
    legacy_invitee(loaded, "wong", 7007)
    same = Member("wong", "Wong Kar-wai", "organiser", 7007, None, ())
    with session_scope(loaded) as session:
        save_itinerary(session, with_member(sample, same))
    with session_scope(loaded) as session:
        stored = load_itinerary(session)
    assert stored is not None
    assert [m for m in stored.members if m.key == "wong"] == [same]


def test_a_group_named_like_an_invited_members_key_is_refused_with_its_place(
    loaded: Engine, sample: Itinerary
) -> None:
    legacy_invitee(loaded, "leads-team", 7008)
    first = sample.members[0]
    regrouped = replace(first, groups=(*first.groups, "leads-team"))
    changed = replace(sample, members=(regrouped, *sample.members[1:]))
    with session_scope(loaded) as session, pytest.raises(ItineraryError) as refused:
        save_itinerary(session, changed)
    [problem] = refused.value.problems
    assert problem.place == f"members[0].groups[{len(first.groups)}]"
    assert "joined with an invite" in problem.message


async def test_an_invited_member_is_welcomed_and_listed_under_the_reserved_key(
    harness: BotHarness,
) -> None:
    with session_scope(harness.engine) as session:
        code = create_invite(session, role="member", now=harness.clock.now()).code
    [welcome] = await harness.send(harness.stranger, f"/start {code}")
    assert welcome.text.startswith("Welcome, Mallory!")
    [listing] = await harness.send(harness.organiser, "/members")
    assert "Mallory (tg-6666)" in listing.text
