"""Write the itinerary out: YAML that re-imports to the same data, or an iCalendar file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import icalendar
import yaml

from bot.text.render import describe_person
from schedule import zones
from schedule.agenda import city_for_zone
from schedule.itinerary import Counterpart, Event, Itinerary, Member, Organisation, Stop

ICS_PRODID = "-//Comitiva//Delegation itinerary//EN"


def to_yaml(itinerary: Itinerary) -> str:
    """Return the itinerary file for ``itinerary``; importing it gives the same data."""
    d = itinerary.delegation
    document: dict[str, Any] = {
        "delegation": _compact(
            {
                "name": d.name,
                "home_timezone": d.home_timezone,
                "reminders": list(d.reminders),
                "briefing_time": f"{d.briefing_time:%H:%M}" if d.briefing_time else None,
                "about": d.about,
            },
            keep=("reminders", "briefing_time"),
        ),
        "stops": [_stop(s) for s in itinerary.stops],
        "organisations": [_organisation(o) for o in itinerary.organisations],
        "counterparts": [_counterpart(c) for c in itinerary.counterparts],
        "members": [_member(m) for m in itinerary.members],
        "events": [_event(e) for e in itinerary.events],
    }
    header = f"# Itinerary of {d.name}, exported by Comitiva. Times are local where they happen.\n"
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=99)
    return header + body


# The fields each part of the file writes, in the order people read them.
STOP_FIELDS = ("city", "country", "timezone", "arrive", "depart", "hotel", "aliases")
ORGANISATION_FIELDS = ("key", "name", "short", "country", "about", "projects", "aliases")
COUNTERPART_FIELDS = (
    "key", "name", "honorific", "title", "organisation", "aliases", "about", "topics",
)  # fmt: skip
MEMBER_FIELDS = ("key", "name", "role", "telegram_id", "telegram_username", "groups")


def _stop(s: Stop) -> dict[str, Any]:
    return _fields(s, STOP_FIELDS)


def _organisation(o: Organisation) -> dict[str, Any]:
    return _fields(o, ORGANISATION_FIELDS)


def _member(m: Member) -> dict[str, Any]:
    return _fields(m, MEMBER_FIELDS)


def _counterpart(c: Counterpart) -> dict[str, Any]:
    return _fields(c, COUNTERPART_FIELDS)


def _fields(item: object, names: tuple[str, ...]) -> dict[str, Any]:
    """Return the named fields of ``item`` as the file writes them (tuples as lists)."""
    values = {name: getattr(item, name) for name in names}
    return _compact({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})


class _Dumper(yaml.SafeDumper):
    """Write short lists of plain values inline (``reminders: [60, 15]``), as people do."""

    def represent_list(self, data: Iterable[Any]) -> yaml.SequenceNode:
        data = list(data)
        inline = all(isinstance(v, int | float | str) and len(str(v)) < 40 for v in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


_Dumper.add_representer(list, _Dumper.represent_list)


def _compact(fields: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop empty optional fields; ``keep`` names fields whose emptiness means something."""
    return {k: v for k, v in fields.items() if k in keep or v not in (None, [], "")}


def _event(e: Event) -> dict[str, Any]:
    return _compact(
        {
            "key": e.key,
            "title": e.title,
            "kind": e.kind,
            "start": zones.wall_text(e.start, e.timezone),
            "end": zones.wall_text(e.end, e.arrival_timezone) if e.end else None,
            "timezone": e.timezone,
            "end_timezone": e.end_timezone,
            "venue": e.venue,
            "address": e.address,
            "location": list(e.location) if e.location else None,
            "counterparts": list(e.counterparts),
            "attendees": list(e.attendees),
            "notes": e.notes,
            "dress": e.dress,
            "bring": e.bring,
        }
    )


def to_ics(itinerary: Itinerary, *, now: datetime) -> bytes:
    """Return an RFC 5545 calendar: each event in its own zone, with its VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", itinerary.delegation.name)
    people = {c.key: c for c in itinerary.counterparts}
    organisations = {o.key: o for o in itinerary.organisations}
    for event in itinerary.events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.key}@comitiva")
        entry.add("dtstamp", now)
        entry.add("summary", event.title)
        entry.add("dtstart", zones.to_local(event.start, event.timezone))
        if event.end is not None:
            entry.add("dtend", zones.to_local(event.end, event.arrival_timezone))
        location = ", ".join(part for part in (event.venue, event.address) if part)
        if location:
            entry.add("location", location)
        if event.location:
            entry.add("geo", event.location)
        entry.add("categories", [event.kind])
        entry.add("description", _description(event, itinerary, people, organisations))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    # Zones in name order (icalendar adds them in set order): the same data, the same file.
    calendar.subcomponents.sort(key=lambda c: (c.name != "VTIMEZONE", str(c.get("tzid", ""))))
    ical: bytes = calendar.to_ical()
    return ical


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
