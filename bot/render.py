"""Text for people: a day's agenda and one event, in local times."""

from __future__ import annotations

from collections.abc import Sequence

from schedule import zones
from schedule.agenda import DayAgenda, city_for_zone
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation, Stop

DASH = "\N{EN DASH}"
ARROW = "\N{RIGHTWARDS ARROW}"


def render_day(agenda: DayAgenda, itinerary: Itinerary, *, home: bool = False) -> str:
    """Render a day: a heading with the cities, then each event in local time."""
    cities = f" {ARROW} ".join(s.city for s in agenda.stops)
    heading = f"{zones.format_date(agenda.day)} {agenda.day.year}" + (
        f" {DASH} {cities}" if cities else ""
    )
    if not agenda.events:
        return f"{heading}\nNothing on the programme."
    blocks = [render_event(e, itinerary, home=home) for e in agenda.events]
    return heading + "\n\n" + "\n\n".join(blocks)


def render_event(event: Event, itinerary: Itinerary, *, home: bool = False) -> str:
    """Render one event: when (local), what, where, with whom."""
    lines = [f"{_when(event, itinerary.stops)}  {event.title}"]
    if home:
        home_zone = itinerary.delegation.home_timezone
        home_time = zones.format_instant(event.start, home_zone, zones.city_of(home_zone))
        lines.append(f"    at home: {home_time}")
    where = ", ".join(p for p in (event.venue, event.address) if p)
    if where:
        lines.append(f"    {where}")
    people = {c.key: c for c in itinerary.counterparts}
    organisations = {o.key: o for o in itinerary.organisations}
    for key in event.counterparts:
        lines.append(f"    with {describe_person(people[key], organisations)}")
    return "\n".join(lines)


def _when(event: Event, stops: Sequence[Stop]) -> str:
    city = city_for_zone(stops, event.timezone)
    start = zones.format_time(event.start, event.timezone)
    offset = zones.offset_label(event.start, event.timezone)
    if event.end is None:
        return f"{start} ({city}, {offset})"
    end = zones.format_time(event.end, event.arrival_timezone)
    if event.end_timezone is None:
        return f"{start}{DASH}{end} ({city}, {offset})"
    arrival = city_for_zone(stops, event.arrival_timezone)
    arrival_offset = zones.offset_label(event.end, event.arrival_timezone)
    return f"{start} {city} ({offset}) {ARROW} {end} {arrival} ({arrival_offset})"


def describe_person(person: Counterpart, organisations: dict[str, Organisation]) -> str:
    """Return ``Mr. Dante Mossi, Executive President, CABEI``."""
    name = " ".join(p for p in (person.honorific, person.name) if p)
    organisation = organisations.get(person.organisation or "")
    org_name = (organisation.short or organisation.name) if organisation else None
    return ", ".join(p for p in (name, person.title, org_name) if p)
