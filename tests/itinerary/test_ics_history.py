"""Updates calendar clients apply: SEQUENCE, LAST-MODIFIED, cancelled events, UIDs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
from sqlalchemy import Engine

from bot.itinerary.ics import key_of_uid
from bot.services.calendars import delegation_calendar
from bot.services.edits import cancel_event, move_event, set_venue
from bot.services.outbox import apply_itinerary
from bot.storage.db import make_engine, session_scope
from bot.storage.migrate import upgrade
from bot.storage.store import load_itinerary
from schedule.itinerary import Itinerary
from tests.factories import with_event

MOVED_AT = datetime(2021, 6, 7, 15, 0, tzinfo=UTC)


def _vevents(engine: Engine) -> dict[str, Any]:
    with session_scope(engine) as session:
        feed = delegation_calendar(session)
    assert feed is not None
    calendar = icalendar.Calendar.from_ical(feed.body)
    return {key_of_uid(str(v["UID"])): v for v in calendar.walk("VEVENT")}


def _change(engine: Engine, edit: Any, *, now: datetime = MOVED_AT) -> None:
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
        assert itinerary is not None
        apply_itinerary(session, edit(itinerary), now=now)


def test_a_moved_event_keeps_its_uid_with_a_higher_sequence(loaded: Engine) -> None:
    before = _vevents(loaded)["cabei-meeting"]
    start = before.decoded("DTSTART").astimezone(UTC) + timedelta(hours=1, minutes=30)
    _change(loaded, lambda it: move_event(it, "cabei-meeting", start))
    after = _vevents(loaded)["cabei-meeting"]
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART").astimezone(UTC) == start
    assert after.decoded("LAST-MODIFIED") == MOVED_AT


def test_each_noticed_change_raises_sequence_again(loaded: Engine) -> None:
    _change(loaded, lambda it: set_venue(it, "cabei-meeting", "CABEI annex"))
    _change(loaded, lambda it: with_event(it, "cabei-meeting", title="CABEI, moved"))
    assert int(_vevents(loaded)["cabei-meeting"]["SEQUENCE"]) == 2


def test_a_change_of_notes_dates_the_event_but_keeps_its_sequence(loaded: Engine) -> None:
    later = MOVED_AT + timedelta(hours=2)
    _change(loaded, lambda it: with_event(it, "cabei-meeting", notes="Bring the MoU."), now=later)
    vevent = _vevents(loaded)["cabei-meeting"]
    assert int(vevent["SEQUENCE"]) == 0
    assert vevent.decoded("LAST-MODIFIED") == later


def test_a_cancelled_event_comes_back_as_cancelled_with_a_higher_sequence(
    loaded: Engine,
) -> None:
    uid = _vevents(loaded)["cabei-meeting"]["UID"]
    _change(loaded, lambda it: cancel_event(it, "cabei-meeting"))
    vevent = _vevents(loaded)["cabei-meeting"]
    assert vevent["UID"] == uid
    assert vevent["STATUS"] == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent.decoded("LAST-MODIFIED") == MOVED_AT
    # Every other view goes on without it, as before.
    with session_scope(loaded) as session:
        itinerary = load_itinerary(session)
    assert itinerary is not None
    assert "cabei-meeting" not in {e.key for e in itinerary.events}


def test_an_event_added_back_after_cancelling_is_confirmed_above_the_cancellation(
    loaded: Engine, sample: Itinerary
) -> None:
    _change(loaded, lambda it: cancel_event(it, "cabei-meeting"))
    _change(loaded, lambda it: sample, now=MOVED_AT + timedelta(hours=1))
    vevent = _vevents(loaded)["cabei-meeting"]
    assert vevent["STATUS"] == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 2


def test_two_delegations_share_no_uid(tmp_path: Any, sample: Itinerary) -> None:
    uids = []
    for name in ("one", "two"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.db")
        upgrade(engine)
        with session_scope(engine) as session:
            apply_itinerary(session, sample, now=MOVED_AT)
        uids.append({str(v["UID"]) for v in _vevents(engine).values()})
        engine.dispose()
    assert len(uids[0]) == len(sample.events)
    assert not uids[0] & uids[1]


def test_uids_stay_the_same_across_exports(loaded: Engine) -> None:
    first = {k: v["UID"] for k, v in _vevents(loaded).items()}
    assert first == {k: v["UID"] for k, v in _vevents(loaded).items()}


def test_the_calendar_is_named_published_and_has_no_empty_property(loaded: Engine) -> None:
    with session_scope(loaded) as session:
        feed = delegation_calendar(session)
    assert feed is not None
    lines = feed.body.decode().splitlines()
    assert "METHOD:PUBLISH" in lines
    assert "X-WR-CALNAME:Korean infrastructure delegation to Latin America" in lines
    # A folded line continues with a space; every property line has something after ':'.
    properties = [line for line in lines if not line.startswith(" ")]
    assert not [line for line in properties if line.endswith(":")]
