"""Replies that are cards: a counterpart, an organisation, one event on a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.answers.names import Entity, fold
from bot.answers.vocabulary import MEETING_KINDS
from bot.text.i18n import day_label, t
from bot.text.render import describe_person, esc, when
from bot.text.views import relative
from schedule import zones
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation


@dataclass(frozen=True)
class Answer:
    """A reply, with what it names (for measuring) and choices when the name is ambiguous."""

    intent: str
    lang: str
    text: str
    named: tuple[str, ...] = ()  # counterpart, organisation and event keys the reply names
    choices: tuple[Entity, ...] = ()
    declined: bool = False
    suggestions: tuple[Entity, ...] = field(default=())


def event_line(itinerary: Itinerary, event: Event, now: datetime, lang: str) -> str:
    """One event on a line: local day and time with city, title, venue, how soon."""
    local_day = day_label(lang, zones.local_date(event.start, event.timezone))
    venue = f", {esc(event.venue)}" if event.venue else ""
    soon = f" ({relative(lang, event.start, now)})" if event.start > now else ""
    return f"• {local_day} {when(event, itinerary.stops)} <b>{esc(event.title)}</b>{venue}{soon}"


def meetings_with(itinerary: Itinerary, entity: Entity, events: tuple[Event, ...]) -> list[Event]:
    """Return the events where the delegation meets a person or an organisation."""
    if entity.kind == "person":
        return sorted((e for e in events if entity.key in e.counterparts), key=lambda e: e.start)
    body = next(o for o in itinerary.organisations if o.key == entity.key)
    staff = {c.key for c in itinerary.counterparts if c.organisation == body.key}
    names = [fold(n) for n in (body.name, body.short, *body.aliases) if n]
    found = []
    for event in events:
        title = f" {fold(event.title)} "
        named = any(f" {n} " in title for n in names)
        if staff & set(event.counterparts) or (event.kind in MEETING_KINDS and named):
            found.append(event)
    return sorted(found, key=lambda e: e.start)


def person_card(
    itinerary: Itinerary, key: str, events: tuple[Event, ...], now: datetime, lang: str
) -> Answer:
    """The briefing card of a counterpart: who, title, organisation, about, talking points,
    meetings."""
    person = next(c for c in itinerary.counterparts if c.key == key)
    body = next((o for o in itinerary.organisations if o.key == person.organisation), None)
    lines = [f"<b>{esc(person_name(person))}</b>"]
    if person.title or body:
        role = ", ".join(
            esc(p) for p in (person.title, organisation_name(body) if body else None) if p
        )
        lines.append(role)
    if body and body.country:
        lines.append(t(lang, "qa_country", country=esc(body.country)))
    if person.about:
        lines += ["", esc(person.about)]
    if person.topics:
        lines += ["", t(lang, "qa_topics")] + [f"• {esc(topic)}" for topic in person.topics]
    meetings = meetings_with(itinerary, Entity("person", key, person.name), events)
    lines += _meeting_lines(itinerary, meetings, now, lang)
    named = (key, *((body.key,) if body else ()), *(e.key for e in meetings))
    return Answer("who", lang, "\n".join(lines), named=named)


def organisation_card(
    itinerary: Itinerary, key: str, events: tuple[Event, ...], now: datetime, lang: str
) -> Answer:
    """The card of an organisation: what it is, its people, its meetings, its projects."""
    body = next(o for o in itinerary.organisations if o.key == key)
    lines = [f"<b>{esc(organisation_name(body))}</b>"]
    if body.country:
        lines.append(t(lang, "qa_country", country=esc(body.country)))
    if body.about:
        lines += ["", esc(body.about)]
    staff = [c for c in itinerary.counterparts if c.organisation == key]
    if staff:
        organisations = {o.key: o for o in itinerary.organisations}
        lines += ["", t(lang, "qa_people")] + [
            f"• {esc(describe_person(c, organisations))}" for c in staff
        ]
    if body.projects:
        lines += ["", t(lang, "qa_projects_short")] + [f"• {esc(p)}" for p in body.projects]
    meetings = meetings_with(itinerary, Entity("organisation", key, body.name), events)
    lines += _meeting_lines(itinerary, meetings, now, lang)
    named = (key, *(c.key for c in staff), *(e.key for e in meetings))
    return Answer("what", lang, "\n".join(lines), named=named)


def _meeting_lines(
    itinerary: Itinerary, meetings: list[Event], now: datetime, lang: str
) -> list[str]:
    """Return the "Meetings" part of a card: a heading and one line a meeting (none: no part)."""
    if not meetings:
        return []
    return ["", t(lang, "qa_meetings")] + [event_line(itinerary, e, now, lang) for e in meetings]


def person_name(person: Counterpart) -> str:
    """Return ``Mr. Dante Mossi``: the honorific and the name."""
    return " ".join(p for p in (person.honorific, person.name) if p)


def organisation_name(body: Organisation) -> str:
    """Return ``Central American Bank for Economic Integration (CABEI)``."""
    return f"{body.name} ({body.short})" if body.short else body.name


def examples(lang: str) -> str:
    """Two or three questions the bot can answer, for a reply it could not."""
    return t(lang, "qa_examples")
