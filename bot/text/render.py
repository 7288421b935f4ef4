"""Text for people: a day's agenda and one event, in local times.

Everything is rendered once, as Telegram HTML with every stored value escaped; the
command line shows the same text through ``plain``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime

from bot.text.i18n import day_label, t
from schedule import zones
from schedule.agenda import DayAgenda, city_for_zone
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation, Stop
from schedule.whereabouts import route

DASH = "\N{EN DASH}"
ARROW = "\N{RIGHTWARDS ARROW}"
MAP_URL = "https://www.google.com/maps/search/?api=1&query={lat},{lon}"
NOTES_SHORT = 90  # characters of an event's notes in a day's list; the card has them all
esc = html.escape


def plain(text: str) -> str:
    """Return what a person sees of rendered HTML: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def day_heading(agenda: DayAgenda, lang: str) -> str:
    """Return ``Tue 8 Jun 2021 – Tegucigalpa → Panama City``."""
    cities = f" {ARROW} ".join(esc(c) for c in route(agenda.stops, agenda.events, agenda.day))
    label = t(lang, "day_heading", day=day_label(lang, agenda.day), year=agenda.day.year)
    return f"<b>{label}</b>" + (f" {DASH} {cities}" if cities else "")


def render_day(
    agenda: DayAgenda,
    itinerary: Itinerary,
    *,
    lang: str = "en",
    home: bool = False,
    details: bool = False,
    cancelled: Sequence[Event] = (),
) -> str:
    """Render a day: a heading with the cities, then each event in local time.

    With ``details`` (a member's day view), each event also shows a map link beside its
    place, its notes in short, its dress code and what to bring. The day's ``cancelled``
    events take their place in time order, struck through and marked cancelled."""
    heading = day_heading(agenda, lang)
    if not agenda.events and not cancelled:
        return f"{heading}\n{t(lang, 'nothing_on')}"
    shown = sorted(
        [(e, False) for e in agenda.events] + [(e, True) for e in cancelled],
        key=lambda pair: (pair[0].start, pair[0].key),
    )
    blocks = [
        _struck(e, itinerary, lang)
        if gone
        else render_event(e, itinerary, lang=lang, home=home, details=details)
        for e, gone in shown
    ]
    return heading + "\n\n" + "\n\n".join(blocks)


def _struck(event: Event, itinerary: Itinerary, lang: str) -> str:
    """Render a cancelled event on one line: its time and title struck through."""
    line = f"{when(event, itinerary.stops)}  {esc(event.title)}"
    return t(lang, "day_cancelled", event=line)


def render_event(
    event: Event,
    itinerary: Itinerary,
    *,
    lang: str = "en",
    home: bool = False,
    details: bool = False,
) -> str:
    """Render one event compactly: when (local), what, where, with whom; with ``details``
    a map link beside the place, then its notes, dress code and what to bring."""
    lines = [f"{when(event, itinerary.stops)}  <b>{esc(event.title)}</b>"]
    if home:
        lines.append(f"    {home_time(event, itinerary, lang)}")
    where = ", ".join(esc(p) for p in (event.venue, event.address) if p)
    link = map_link(event, lang) if details else None
    if where or link:
        lines.append("    " + " · ".join(p for p in (where, link) if p))
    people = {c.key: c for c in itinerary.counterparts}
    organisations = {o.key: o for o in itinerary.organisations}
    for key in event.counterparts:
        person = esc(describe_person(people[key], organisations))
        lines.append(f"    {t(lang, 'with_person', person=person)}")
    if details:
        lines += _details(event, lang)
    return "\n".join(lines)


def _details(event: Event, lang: str) -> list[str]:
    """Return an event's notes in short and its kit on one line, indented."""
    lines = []
    if event.notes:
        lines.append(f"    {t(lang, 'notes_line', notes=esc(shorten(event.notes)))}")
    kit = [
        t(lang, key, text=esc(value))
        for key, value in (("dress_line", event.dress), ("bring_line", event.bring))
        if value
    ]
    if kit:
        lines.append("    " + " · ".join(kit))
    return lines


def to_know(event: Event, lang: str) -> list[str]:
    """Return an event's notes, dress code and what to bring, a line each, in full."""
    lines = [t(lang, "notes_line", notes=esc(event.notes))] if event.notes else []
    if event.dress:
        lines.append(t(lang, "dress_line", text=esc(event.dress)))
    if event.bring:
        lines.append(t(lang, "bring_line", text=esc(event.bring)))
    return lines


def shorten(text: str, limit: int = NOTES_SHORT) -> str:
    """Return the first ``limit`` characters of ``text`` on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def map_link(event: Event, lang: str) -> str | None:
    """Return an HTML link to the event's place on a map, if it has coordinates."""
    if event.location is None:
        return None
    lat, lon = event.location
    return f'<a href="{esc(MAP_URL.format(lat=lat, lon=lon))}">{t(lang, "map")}</a>'


def moment(instant: datetime, zone: str, stops: Sequence[Stop], lang: str) -> str:
    """Return ``Tue 8 Jun 10:00 (Tegucigalpa, UTC−6)`` (``6월 8일 (화) 10:00 …`` in Korean)."""
    local = zones.to_local(instant, zone)
    city = esc(city_for_zone(stops, zone))
    offset = zones.offset_label(instant, zone)
    return f"{day_label(lang, local.date())} {local:%H:%M} ({city}, {offset})"


def home_time(event: Event, itinerary: Itinerary, lang: str) -> str:
    """Return when ``event`` starts at home: ``home Tue 8 Jun 01:00 (Seoul, UTC+9)``."""
    shown = moment(event.start, itinerary.delegation.home_timezone, (), lang)
    return t(lang, "home_time", time=shown)


def when(event: Event, stops: Sequence[Stop]) -> str:
    """Return the local time span of ``event`` with its city and UTC offset."""
    city = esc(city_for_zone(stops, event.timezone))
    start = zones.format_time(event.start, event.timezone)
    offset = zones.offset_label(event.start, event.timezone)
    if event.end is None:
        return f"{start} ({city}, {offset})"
    end = zones.format_time(event.end, event.arrival_timezone)
    if event.end_timezone is None:
        return f"{start}{DASH}{end} ({city}, {offset})"
    arrival = esc(city_for_zone(stops, event.arrival_timezone))
    arrival_offset = zones.offset_label(event.end, event.arrival_timezone)
    return f"{start} {city} ({offset}) {ARROW} {end} {arrival} ({arrival_offset})"


def describe_person(person: Counterpart, organisations: dict[str, Organisation]) -> str:
    """Return ``Mr. Dante Mossi, Executive President, CABEI`` (not escaped)."""
    name = " ".join(p for p in (person.honorific, person.name) if p)
    organisation = organisations.get(person.organisation or "")
    org_name = (organisation.short or organisation.name) if organisation else None
    return ", ".join(p for p in (name, person.title, org_name) if p)
