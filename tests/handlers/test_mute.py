"""Muting means what it says: through the end of a day where the delegation is, or for a while."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import MEMBER_ID, BotHarness, change_member
from tests.handlers.test_organiser_flows import data_of

NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa
END_OF_9_JUNE = datetime(2021, 6, 10, 5, 0, tzinfo=UTC)  # midnight after it in Panama City


def kim(harness: BotHarness) -> db.Member:
    with session_scope(harness.engine) as session:
        return session.exec(select(db.Member).where(db.Member.telegram_id == MEMBER_ID)).one()


def rows(harness: BotHarness, kind: str, status: str = "pending") -> list[db.Outbox]:
    member = kim(harness)
    with session_scope(harness.engine) as session:
        query = select(db.Outbox).where(
            db.Outbox.member_id == member.id, db.Outbox.kind == kind, db.Outbox.status == status
        )
        return list(session.exec(query))


@pytest.mark.parametrize(
    "typed",
    [
        "mute until 9 June",
        "mute 9 June",
        "mute until Wednesday",
        "중지 6월 9일",
        "중지 6월 9일까지",
    ],
)
async def test_a_mute_until_a_day_lasts_through_its_end_where_the_delegation_is(
    harness: BotHarness, typed: str
) -> None:
    if not typed.startswith("mute"):
        change_member(harness.engine, "kim", language="ko")
    [shown] = await harness.send(harness.member, f"/settings {typed}")
    assert kim(harness).muted_until == END_OF_9_JUNE
    if typed.startswith("mute"):
        assert "Muted until: Thu 10 Jun 00:00 (Panama City, UTC−5)" in shown.text
    else:
        assert "알림 중지: 6월 10일 (목) 00:00 (Panama City, UTC−5)" in shown.text


async def test_nothing_arrives_on_the_muted_day_and_it_all_comes_back_after(
    harness: BotHarness,
) -> None:
    harness.alarm.replan()
    await harness.send(harness.member, "/settings mute until 9 June")
    assert not [r for r in rows(harness, "briefing") if r.ref == "briefing:2021-06-09"]
    assert all(row.due_at >= END_OF_9_JUNE for row in rows(harness, "reminder"))
    before = len(harness.api.sent_to(MEMBER_ID))
    harness.at(datetime(2021, 6, 10, 4, 59, tzinfo=UTC))  # 23:59 on 9 June in Panama City
    await harness.alarm.dispatch()
    assert len(harness.api.sent_to(MEMBER_ID)) == before
    harness.at(datetime(2021, 6, 10, 12, 0, tzinfo=UTC))
    await harness.alarm.dispatch()
    assert len(harness.api.sent_to(MEMBER_ID)) > before


@pytest.mark.parametrize(
    ("typed", "span", "shown"),
    [
        ("mute 2h", timedelta(hours=2), "Muted until: Tue 8 Jun 09:50 (Tegucigalpa, UTC−6)"),
        ("mute 30m", timedelta(minutes=30), "Muted until: Tue 8 Jun 08:20 (Tegucigalpa, UTC−6)"),
        ("mute for 1h 30m", timedelta(minutes=90), "Tue 8 Jun 09:20 (Tegucigalpa, UTC−6)"),
        ("중지 2시간", timedelta(hours=2), "Muted until: Tue 8 Jun 09:50 (Tegucigalpa, UTC−6)"),
    ],
)
async def test_a_mute_for_a_while_counts_from_now(
    harness: BotHarness, typed: str, span: timedelta, shown: str
) -> None:
    harness.alarm.replan()
    [settings] = await harness.send(harness.member, f"/settings {typed}")
    assert kim(harness).muted_until == NOW + span
    assert shown in settings.text
    assert all(row.due_at >= NOW + span for row in rows(harness, "reminder"))


async def test_cabei_reminders_are_held_back_only_while_muted(harness: BotHarness) -> None:
    harness.alarm.replan()
    await harness.send(harness.member, "/settings mute 2h")
    cabei = {r.ref.rsplit("-", 1)[-1] for r in rows(harness, "reminder") if "cabei" in r.ref}
    assert cabei == set()  # 09:00 and 09:45 fall before 09:50
    await harness.send(harness.member, "/settings mute 30m")
    cabei = {r.ref.rsplit("-", 1)[-1] for r in rows(harness, "reminder") if "cabei" in r.ref}
    assert cabei == {"60m", "15m"}


@pytest.mark.parametrize("typed", ["unmute", "mute off", "중지 해제", "중지해제"])
async def test_unmute_brings_everything_back(harness: BotHarness, typed: str) -> None:
    harness.alarm.replan()
    before = len(rows(harness, "reminder"))
    await harness.send(harness.member, "/settings mute until 9 June")
    [shown] = await harness.send(harness.member, f"/settings {typed}")
    assert kim(harness).muted_until is None
    assert len(rows(harness, "reminder")) == before
    assert "Unmute" not in [b["text"] for b in shown.buttons()]


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("mute 7 June", "<i>7 June</i> is already over where the delegation is"),
        ("mute until yesterday", "<i>yesterday</i> is already over where the delegation is"),
        ("중지 6월 7일", "<i>6월 7일</i>: 대표단이 있는 곳에서 이미 지난 날짜입니다"),
    ],
)
async def test_a_past_day_is_refused_with_a_reason(
    harness: BotHarness, typed: str, says: str
) -> None:
    if not typed.startswith("mute"):
        change_member(harness.engine, "kim", language="ko")
    [refused] = await harness.send(harness.member, f"/settings {typed}")
    assert says in refused.html
    assert kim(harness).muted_until is None


@pytest.mark.parametrize("typed", ["mute soon", "mute 0h", "mute 2x"])
async def test_a_mute_that_names_no_day_or_while_is_refused(
    harness: BotHarness, typed: str
) -> None:
    [refused] = await harness.send(harness.member, f"/settings {typed}")
    assert "as a day or a duration" in refused.text
    assert kim(harness).muted_until is None


async def test_a_muted_member_still_gets_change_notices(harness: BotHarness) -> None:
    harness.alarm.replan()
    await harness.send(harness.member, "/settings mute until 9 June")
    [preview] = await harness.send(harness.organiser, "/move cabei-meeting 11:30")
    await harness.press(harness.organiser, preview, data_of(preview, "ok"))
    await harness.alarm.dispatch()
    notice = harness.api.sent_to(MEMBER_ID)[-1]
    assert notice.text.startswith("🔄 Changed: Meeting with CABEI")
