"""Every message the bot sends on its own fits Telegram's limit: long texts arrive whole,
in consecutive messages, buttons under the last; a refusal is recorded with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from bot.delivery.dispatcher import REFUSED
from bot.offline.localapi import MAX_TEXT
from bot.serve.doctor import check_refused
from bot.services import announcements
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.split import units
from schedule import zones
from schedule.itinerary import Delegation, Event, Itinerary, Member, Stop
from tests.botkit import BotHarness

TEGUCIGALPA = "America/Tegucigalpa"
FIRST_ID = 4000
PEOPLE = 3


def busy_day(*, people: int = PEOPLE, events: int = 24) -> Itinerary:
    """A day of ``events`` ordinary events in Tegucigalpa, with a 07:00 briefing."""
    day = date(2021, 6, 8)
    start = zones.localize(datetime(2021, 6, 8, 8, 0), TEGUCIGALPA)  # noqa: DTZ001
    return Itinerary(
        delegation=Delegation("Busy", reminders=(15,), briefing_time=datetime.min.time()),
        stops=(Stop("Tegucigalpa", "Honduras", TEGUCIGALPA, day, day),),
        members=tuple(
            Member(f"p{n}", f"Person {n}", telegram_id=FIRST_ID + n) for n in range(people)
        ),
        events=tuple(
            Event(
                f"e{i:02}",
                f"Working session {i:02} on the Korea-CABEI trust fund and its projects",
                start + timedelta(minutes=30 * i),
                TEGUCIGALPA,
                "meeting",
                end=start + timedelta(minutes=30 * i + 25),
                venue=f"CABEI headquarters, meeting room {i}, fourth floor, east wing",
                address="Boulevard Suyapa, Tegucigalpa, Honduras, across from the stadium",
            )
            for i in range(events)
        ),
    )


def load(kit: BotHarness, itinerary: Itinerary) -> None:
    """Replace the sample with ``itinerary`` and open its members' chats."""
    with session_scope(kit.engine) as session:
        apply_itinerary(session, itinerary, now=kit.clock.now())
    for member in itinerary.members:
        kit.api.user(member.telegram_id or 0, member.name)


async def test_a_24_event_days_briefing_arrives_whole_and_split(harness: BotHarness) -> None:
    kit = harness
    kit.at(datetime(2021, 6, 8, 5, 0, tzinfo=UTC))  # 23:00 the evening before
    itinerary = busy_day()
    load(kit, itinerary)
    kit.at(datetime(2021, 6, 8, 6, 0, tzinfo=UTC))  # 00:00 in Tegucigalpa: briefing time

    await kit.alarm.dispatch()

    for n in range(PEOPLE):
        parts = kit.api.sent_to(FIRST_ID + n)
        assert len(parts) >= 2  # too long for one message
        assert all(units(p.text) <= MAX_TEXT for p in parts)
        whole = "\n".join(p.text for p in parts)
        for event in itinerary.events:
            assert whole.count(event.title) == 1  # every event once, none cut off
    with session_scope(kit.engine) as session:
        briefings = list(session.exec(select(db.Outbox).where(db.Outbox.kind == "briefing")))
        mine = [b for b in briefings if b.ref.endswith("2021-06-08") and b.status != "skipped"]
        assert {b.status for b in mine} == {"sent"}
        assert all(b.parts and b.parts_sent == len(b.parts) for b in mine)


async def test_a_long_announcement_and_its_heading_reach_every_member(
    harness: BotHarness,
) -> None:
    kit = harness
    load(kit, replace(busy_day(), events=()))
    text = ("Lobby call 07:30, bring passports. " * 120)[:4084]
    with session_scope(kit.engine) as session:
        organiser = session.exec(select(db.Member)).first()
        assert organiser is not None
        assert organiser.id is not None
        draft = announcements.create(session, text, by=organiser.id, now=kit.clock.now())
        assert draft.id is not None
        queued = announcements.queue(session, draft.id, now=kit.clock.now())

    await kit.alarm.dispatch()

    assert queued == PEOPLE
    for n in range(PEOPLE):
        parts = kit.api.sent_to(FIRST_ID + n)
        assert len(parts) == 2
        assert "📣" in parts[0].text  # the heading comes first
        assert text in "\n".join(p.text for p in parts)  # the text whole, not cut
        assert parts[0].buttons() == []
        assert [b["text"] for b in parts[-1].buttons()] == ["👍 Got it"]
    with session_scope(kit.engine) as session:
        rows = list(session.exec(select(db.Outbox).where(db.Outbox.kind == "announcement")))
        assert {r.status for r in rows} == {"sent"}


async def test_a_refused_row_is_reported_by_doctor_with_its_reason_and_id(
    harness: BotHarness,
) -> None:
    kit = harness
    load(kit, replace(busy_day(), events=()))

    async def refuse(method: str, _params: object) -> None:
        if method == "sendMessage":
            from bot.offline.localapi import bad_request

            raise bad_request("can't parse entities: unsupported start tag")

    kit.api.interceptor = refuse
    with session_scope(kit.engine) as session:
        organiser = session.exec(select(db.Member)).first()
        assert organiser is not None
        assert organiser.id is not None
        draft = announcements.create(session, "Lobby", by=organiser.id, now=kit.clock.now())
        assert draft.id is not None
        announcements.queue(session, draft.id, now=kit.clock.now())

    await kit.alarm.dispatch()

    with session_scope(kit.engine) as session:
        rows = list(session.exec(select(db.Outbox).where(db.Outbox.kind == "announcement")))
        ids = sorted(r.id or 0 for r in rows)
        assert all((r.last_error or "").startswith(REFUSED) for r in rows)
    ok, line = check_refused(kit.engine)
    assert not ok
    assert f"{PEOPLE} messages refused by Telegram: Can't parse entities" in line
    assert ", ".join(map(str, ids)) in line
