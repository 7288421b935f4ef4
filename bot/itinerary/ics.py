"""Write the itinerary as an iCalendar file (RFC 5545) that every calendar client reads alike.

Each zone used gets a VTIMEZONE built from the IANA transitions Comitiva itself reads,
one observance per transition (no RDATE lists: several parsers read only their first
value), so a client that trusts the file's VTIMEZONE and one that trusts the zone name
put every event at the same instant. UIDs carry the delegation's id; SEQUENCE and
LAST-MODIFIED tell a client which copy of an event is newer; a cancelled event stays in
the file as ``STATUS:CANCELLED`` so subscribed calendars remove it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import icalendar

from bot.text.render import describe_person
from schedule import zones
from schedule.agenda import city_for_zone
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation

ICS_PRODID = "-//Comitiva//Delegation itinerary//EN"
UID_DOMAIN = "comitiva"
# Calendar apps that subscribe poll at their own pace; this asks for hourly.
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Stamp:
    """What the database remembers of an event's history: its SEQUENCE and when it changed."""

    sequence: int = 0
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class History:
    """Each event's stamp by key, and the cancelled events a calendar must still remove."""

    delegation_id: str | None = None
    stamps: Mapping[str, Stamp] = field(default_factory=dict)
    cancelled: tuple[tuple[Event, Stamp], ...] = ()


def event_uid(key: str, delegation_id: str) -> str:
    """Return the UID of event ``key``: the same in every export, unique per delegation."""
    return f"{key}.{delegation_id}@{UID_DOMAIN}"


def key_of_uid(uid: str) -> str:
    """Return the event key a UID written by ``event_uid`` names."""
    return uid.removesuffix(f"@{UID_DOMAIN}").rsplit(".", 1)[0]


def fallback_delegation_id(itinerary: Itinerary) -> str:
    """Return an id from the delegation's name, for an itinerary the database never held."""
    return hashlib.sha256(itinerary.delegation.name.encode()).hexdigest()[:16]


def to_ics(itinerary: Itinerary, *, now: datetime, history: History | None = None) -> bytes:
    """Return an RFC 5545 calendar: each event in its own zone, with its VTIMEZONE."""
    history = history or History()
    delegation_id = history.delegation_id or fallback_delegation_id(itinerary)
    calendar = icalendar.Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", itinerary.delegation.name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    people = {c.key: c for c in itinerary.counterparts}
    organisations = {o.key: o for o in itinerary.organisations}
    entries = []
    for event in itinerary.events:
        entry = _vevent(event, now, delegation_id, history.stamps.get(event.key, Stamp()))
        if description := _description(event, itinerary, people, organisations):
            entry.add("description", description)
        entries.append(entry)
    for event, stamp in history.cancelled:
        entry = _vevent(event, now, delegation_id, stamp)
        entry["status"] = "CANCELLED"
        entries.append(entry)
    events = [*itinerary.events, *(e for e, _ in history.cancelled)]
    for vtimezone in vtimezones(_zones_used(entries), _span(events)):
        calendar.add_component(vtimezone)
    for entry in entries:
        calendar.add_component(entry)
    ical: bytes = calendar.to_ical()
    return ical


def _vevent(event: Event, now: datetime, delegation_id: str, stamp: Stamp) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event_uid(event.key, delegation_id))
    entry.add("dtstamp", now.astimezone(UTC))
    entry.add("sequence", stamp.sequence)
    if stamp.created is not None:
        entry.add("created", stamp.created.astimezone(UTC))
    if stamp.modified is not None:
        entry.add("last-modified", stamp.modified.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("dtstart", _when(event.start, event.timezone))
    if event.end is not None:
        entry.add("dtend", _when(event.end, event.arrival_timezone))
    if location := ", ".join(part for part in (event.venue, event.address) if part):
        entry.add("location", location)
    if event.location:
        entry.add("geo", event.location)
    entry.add("categories", [event.kind])
    entry.add("status", "CONFIRMED")
    return entry


def _when(instant: datetime, zone_name: str) -> datetime:
    """Return the wall time in ``zone_name``, or UTC where that wall time happens twice.

    RFC 5545 reads a wall time in a fold as its first occurrence; UTC keeps the second exact.
    """
    if zones.wall_text(instant, zone_name) != zones.format_wall(instant, zone_name):
        return instant.astimezone(UTC)
    return zones.to_local(instant, zone_name)


def _zones_used(entries: Iterable[icalendar.Event]) -> list[str]:
    """Return the zones the entries' TZIDs name, in name order (UTC is written ``Z``)."""
    used = {
        str(entry[prop].params["TZID"])
        for entry in entries
        for prop in ("dtstart", "dtend")
        if prop in entry and "TZID" in entry[prop].params
    }
    return sorted(used)


def _span(events: Iterable[Event]) -> tuple[datetime, datetime]:
    """Return a year either side of the events: the span the VTIMEZONEs cover."""
    instants = [i for e in events for i in (e.start, e.end) if i is not None]
    if not instants:
        return datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 1, 2, tzinfo=UTC)
    first, last = min(instants), max(instants)
    # Noon UTC on 1 January is 1 January on the wall in every zone (UTC-12 to UTC+14).
    start = datetime(first.year - 1, 1, 1, 12, tzinfo=UTC)
    return start, datetime(last.year + 2, 1, 1, 12, tzinfo=UTC)


def vtimezones(
    zone_names: Iterable[str], span: tuple[datetime, datetime]
) -> list[icalendar.Timezone]:
    """Return a VTIMEZONE per zone: one observance per onset, at the wall time before it."""
    found = []
    for name in zone_names:
        vtimezone = icalendar.Timezone()
        vtimezone.add("tzid", name)
        for change in zones.transitions(name, *span):
            kind = icalendar.TimezoneDaylight if change.dst else icalendar.TimezoneStandard
            observance = kind()
            # RFC 5545: an onset is the local time in the offset in force before it.
            onset = (change.at + change.offset_before).replace(tzinfo=None)
            observance.add("dtstart", onset)
            observance.add("tzoffsetfrom", change.offset_before)
            observance.add("tzoffsetto", change.offset_after)
            if change.abbreviation:
                observance.add("tzname", change.abbreviation)
            vtimezone.add_component(observance)
        found.append(vtimezone)
    return found


def _description(
    event: Event,
    itinerary: Itinerary,
    people: dict[str, Counterpart],
    organisations: dict[str, Organisation],
) -> str:
    lines = []
    if event.end_timezone:
        arrival = city_for_zone(itinerary.stops, event.arrival_timezone)
        lines.append(f"Arrives in {arrival} ({event.arrival_timezone}).")
    lines += [f"With {describe_person(people[key], organisations)}" for key in event.counterparts]
    if event.notes:
        lines.append(event.notes)
    return "\n".join(lines)
