"""A day view edited in place by ◀ ▶ that grows past Telegram's 4,096 characters arrives whole."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from bot.storage.db import session_scope
from bot.storage.store import save_itinerary
from bot.text.split import MAX_MESSAGE, units
from schedule import zones
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary, Member
from tests.botkit import MEMBER_ID, make_harness
from tests.factories import make_event, make_itinerary, make_stop, working_sessions

QUIET, BUSY = date(2021, 6, 7), date(2021, 6, 8)


def busy_tuesday() -> Itinerary:
    """One event on Monday 7 June, 24 long ones on Tuesday 8 June, in Tegucigalpa."""
    first = zones.localize(datetime(2021, 6, 8, 7, 0), "America/Tegucigalpa")  # noqa: DTZ001
    busy = working_sessions(first)
    monday = make_event(key="arrival", title="Arrival", start=first - timedelta(days=1))
    return make_itinerary(
        stops=(make_stop(arrive=QUIET, depart=BUSY),),
        members=(Member("kim", "Kim Min-seo", telegram_id=MEMBER_ID),),
        events=(monday, *busy),
    )


async def test_moving_to_a_busy_day_keeps_every_event_and_the_buttons_last(engine: Engine) -> None:
    itinerary = busy_tuesday()
    with session_scope(engine) as session:
        save_itinerary(session, itinerary)
    kit = make_harness(engine, SimulatedClock(datetime(2021, 6, 7, 14, 0, tzinfo=UTC)))
    await kit.app.initialize()
    try:
        [monday] = await kit.send(kit.member, "/today")
        assert "Arrival" in monday.text
        more = await kit.tap(kit.member, monday, "Tue 8 Jun")
    finally:
        await kit.app.shutdown()
    parts = [monday, *more]
    assert len(parts) >= 2  # the edit kept the first part, the rest came after it
    assert all(units(p.html) <= MAX_MESSAGE for p in parts)
    whole = "\n".join(p.text for p in parts)
    for event in itinerary.events[1:]:
        assert whole.count(event.title) == 1, event.key
    assert monday.buttons() == []  # ◀ ▶ now sit under the last part
    assert [b["text"] for b in parts[-1].buttons()] == ["◀ Mon 7 Jun"]
