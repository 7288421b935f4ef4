"""Write the itinerary out: YAML that re-imports to the same data, or an iCalendar file.

The iCalendar writer lives in ``bot.itinerary.ics``; ``to_ics`` is importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from bot.itinerary.ics import ICS_PRODID, to_ics
from schedule import zones
from schedule.itinerary import Counterpart, Event, Itinerary, Member, Organisation, Stop

__all__ = ["ICS_PRODID", "to_ics", "to_yaml"]


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
