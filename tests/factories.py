"""Factories for the rows and values tests build by hand, as the FastAPI template's tests/utils.

Each takes keyword overrides on top of defaults that make a valid thing: an hour-long event
in Tegucigalpa on the travel day of the sample trip, its stop, a delegation around them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from sqlmodel import Session

from bot.storage import models as db
from schedule import zones
from schedule.itinerary import Delegation, Event, Itinerary, Stop

TEGUCIGALPA = "America/Tegucigalpa"
_numbers = count(1)


def make_event(**overrides: Any) -> Event:
    """Return an event: 10:00 on 8 June 2021 in Tegucigalpa, titled by its key, an hour long."""
    fields: dict[str, Any] = {"key": "meeting", "timezone": TEGUCIGALPA}
    fields.update(overrides)
    if "start" not in fields:
        wall = datetime(2021, 6, 8, 10, 0)  # noqa: DTZ001 - localised in its zone next
        fields["start"] = zones.localize(wall, fields["timezone"])
    fields.setdefault("title", fields["key"])
    fields.setdefault("end", fields["start"] + timedelta(hours=1))
    return Event(**fields)


# The sample trip's cities: a stop in one of them needs no country or zone of its own.
CITIES = {
    "Tegucigalpa": ("Honduras", TEGUCIGALPA),
    "Panama City": ("Panama", "America/Panama"),
    "Lima": ("Peru", "America/Lima"),
}


def make_stop(city: str = "Tegucigalpa", **overrides: Any) -> Stop:
    """Return a stop: Tegucigalpa, Honduras, from 6 to 8 June 2021 (or another known city)."""
    country, timezone = CITIES.get(city, CITIES["Tegucigalpa"])
    fields: dict[str, Any] = {
        "city": city,
        "country": country,
        "timezone": timezone,
        "arrive": date(2021, 6, 6),
        "depart": date(2021, 6, 8),
    }
    fields.update(overrides)
    return Stop(**fields)


def make_itinerary(
    *,
    stops: tuple[Stop, ...] = (),
    members: tuple[Any, ...] = (),
    events: tuple[Event, ...] = (),
    **delegation: Any,
) -> Itinerary:
    """Return an itinerary of these stops, members and events; ``delegation`` overrides its own."""
    fields: dict[str, Any] = {"name": "Test delegation"}
    fields.update(delegation)
    return Itinerary(delegation=Delegation(**fields), stops=stops, members=members, events=events)


def with_event(itinerary: Itinerary, event_or_key: Event | str, **changes: Any) -> Itinerary:
    """Return ``itinerary`` with one event replaced by ``event`` (same key) or ``key`` changed."""
    key = event_or_key if isinstance(event_or_key, str) else event_or_key.key
    events = tuple(
        replace(e if isinstance(event_or_key, str) else event_or_key, **changes)
        if e.key == key
        else e
        for e in itinerary.events
    )
    return replace(itinerary, events=events)


def without_event(itinerary: Itinerary, key: str) -> Itinerary:
    """Return ``itinerary`` without the event ``key``."""
    return replace(itinerary, events=tuple(e for e in itinerary.events if e.key != key))


def make_member(session: Session, **overrides: Any) -> db.Member:
    """Add a member who joined by invite (``guest-N``) and flush, so that it has an id."""
    number = next(_numbers)
    defaults: dict[str, Any] = {"key": f"guest-{number}", "name": f"Guest {number}"}
    member = db.Member(**{**defaults, "source": "invite", **overrides})
    session.add(member)
    session.flush()
    return member


def make_outbox_row(session: Session, **overrides: Any) -> db.Outbox:
    """Add a pending reminder row (``member_id`` is required) and flush it."""
    fields: dict[str, Any] = {
        "kind": "reminder",
        "ref": "cabei-meeting@20210608T1600Z-60m",
        "due_at": datetime(2021, 6, 8, 15, 0, tzinfo=UTC),
        "created_at": datetime(2021, 6, 8, 12, 0, tzinfo=UTC),
    }
    fields.update(overrides)
    row = db.Outbox(**fields)
    session.add(row)
    session.flush()
    return row


def working_sessions(first: datetime, count: int = 24) -> tuple[Event, ...]:
    """Return ``count`` half-hourly sessions from ``first``: a day too long for one message."""
    return tuple(
        make_event(
            key=f"e{i:02}",
            title=f"Working session {i:02} on the trust fund and its projects",
            start=first + timedelta(minutes=30 * i),
            end=first + timedelta(minutes=30 * i + 25),
            venue=f"CABEI headquarters, meeting room {i}, fourth floor, east wing",
            address="Boulevard Suyapa, Tegucigalpa, Honduras, across from the stadium",
        )
        for i in range(count)
    )
