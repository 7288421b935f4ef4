"""Answer questions typed in plain words, in English or Korean, from the itinerary alone.

``understand`` reads a question into an intent and the people, organisations, places and
day it names; ``answer`` turns that into a reply. A question it cannot answer gets an
honest reply with example questions, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.answers.cards import (
    Answer,
    event_line,
    examples,
    meetings_with,
    organisation_card,
    organisation_name,
    person_card,
    person_name,
)
from bot.answers.names import Entity, Match, NameIndex, cached_index, fold
from bot.answers.reading import Question, understand
from bot.answers.vocabulary import (
    DATE_WORDS,
    MEETING_KINDS,
    VOCABULARY,
)
from bot.text.i18n import day_label, t
from bot.text.render import describe_person, esc
from schedule import agenda, zones
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation, Stop
from schedule.whereabouts import sleeping_on, tonight


def answer(
    text: str,
    itinerary: Itinerary,
    *,
    now: datetime,
    member: tuple[str, tuple[str, ...]] | None = None,
) -> Answer:
    """Answer ``text`` from the itinerary; ``member`` (key, groups) limits events to theirs."""
    today = agenda.local_today(itinerary, now)
    question = understand(text, itinerary, today=today)
    events = itinerary.events
    if member is not None:
        events = tuple(e for e in events if agenda.attends(e, member[0], member[1]))
    return _Responder(itinerary, events, question, now, today).respond()


@dataclass
class _Responder:
    itinerary: Itinerary
    events: tuple[Event, ...]
    q: Question
    now: datetime
    today: date

    @property
    def lang(self) -> str:
        return self.q.lang

    def respond(self) -> Answer:
        q = self.q
        kinds = [i.removeprefix("kind_") for i in q.intents if i.startswith("kind_")]
        if "decline" in q.intents and not (q.people or q.organisations):
            return self.declined()
        if kinds and "next" in q.intents:
            return self.events_of_kind(kinds, limit=1)
        if "time_in" in q.intents and not (q.people or q.organisations or kinds):
            return self.time_in()
        if "staying" in q.intents:
            return self.staying()
        if "where_delegation" in q.intents and not (q.people or q.organisations):
            return self.where_delegation()
        if "projects" in q.intents:
            return self.projects()
        if "next" in q.intents and not (q.people or q.organisations):
            return self.next_event()
        words = set(fold(q.text).split())
        meets = bool(words & {"meet", "meeting", "see", "seeing", "visit", "visiting"}) or any(
            w in q.text for w in ("만나", "면담")
        )
        if "meeting_people" in q.intents or (
            ("who" in words or "누구" in q.text)
            and meets
            and not q.people
            and not q.organisations
            and (q.day or q.places)
        ):
            return self.meeting_people()
        if q.people or q.organisations:
            return self.about_entity()
        if kinds:
            return self.events_of_kind(kinds)
        if "agenda" in q.intents or (q.day is not None and not self._unexplained()):
            return self.day_agenda()
        return self.declined()

    # -- entities --------------------------------------------------------------------------

    def about_entity(self) -> Answer:
        q = self.q
        matches = q.people or q.organisations
        choices = _ambiguous(matches)
        if len(choices) > 1:
            return Answer("choose", self.lang, t(self.lang, "qa_choose"), choices=tuple(choices))
        entity = matches[0].entity
        if entity.kind == "person":
            person = next(c for c in self.itinerary.counterparts if c.key == entity.key)
            if "organisation_of" in q.intents and "when" not in q.intents:
                return self.person_organisation(person)
            if "title" in q.intents and not ({"when", "where"} & q.intents):
                return self.person_title(person)
        if {"when", "where"} & q.intents or "meeting_people" in q.intents:
            return self.meetings_with(entity)
        if entity.kind == "person":
            return self.person_card(entity.key)
        return self.organisation_card(entity.key)

    def person_title(self, person: Counterpart) -> Answer:
        text = t(
            self.lang, "qa_title", name=esc(person_name(person)), title=esc(person.title or "?")
        )
        organisation = self._organisation(person.organisation)
        if organisation is not None:
            text += f" ({esc(organisation.name)})"
        return Answer("title", self.lang, text, named=(person.key,))

    def person_organisation(self, person: Counterpart) -> Answer:
        organisation = self._organisation(person.organisation)
        if organisation is None:
            text = t(self.lang, "qa_no_organisation", name=esc(person_name(person)))
            return Answer("organisation_of", self.lang, text, named=(person.key,))
        text = t(
            self.lang,
            "qa_works_for",
            name=esc(person_name(person)),
            title=esc(person.title or ""),
            organisation=esc(organisation_name(organisation)),
        )
        return Answer("organisation_of", self.lang, text, named=(person.key, organisation.key))

    def person_card(self, key: str) -> Answer:
        return person_card(self.itinerary, key, self.events, self.now, self.lang)

    def organisation_card(self, key: str) -> Answer:
        return organisation_card(self.itinerary, key, self.events, self.now, self.lang)

    def meetings_with(self, entity: Entity) -> Answer:
        meetings = meetings_with(self.itinerary, entity, self.events)
        label = entity.label
        if entity.kind == "person":
            label = person_name(
                next(c for c in self.itinerary.counterparts if c.key == entity.key)
            )
        if not meetings:
            text = t(self.lang, "qa_no_meeting", name=esc(label))
            return Answer("meetings", self.lang, text, named=(entity.key,))
        lines = [t(self.lang, "qa_meetings_with", name=esc(label))]
        lines += [self._event_line(e) for e in meetings]
        return Answer(
            "meetings", self.lang, "\n".join(lines), named=(entity.key, *(e.key for e in meetings))
        )

    # -- days, places, time -------------------------------------------------------------------

    def meeting_people(self) -> Answer:
        q = self.q
        day = q.day
        chosen = [e for e in self.events if e.kind in MEETING_KINDS]
        if q.places:
            cities = {s.city for s in q.places}
            chosen = [
                e
                for e in chosen
                if agenda.city_for_zone(self.itinerary.stops, e.timezone) in cities
            ]
        if day is not None or not q.places:
            day = day or self.today
            chosen = [e for e in chosen if agenda.event_day(e) == day]
        where = " / ".join(esc(s.city) for s in q.places)
        scope = day_label(self.lang, day) if day else where
        if not chosen:
            return Answer("meeting_people", self.lang, t(self.lang, "qa_nobody", scope=scope))
        lines = [t(self.lang, "qa_meeting_people", scope=scope)]
        named: list[str] = []
        people = {c.key: c for c in self.itinerary.counterparts}
        organisations = {o.key: o for o in self.itinerary.organisations}
        for event in sorted(chosen, key=lambda e: e.start):
            lines.append(self._event_line(event))
            for key in event.counterparts:
                lines.append(f"    {esc(describe_person(people[key], organisations))}")
                named.append(key)
            named.append(event.key)
        return Answer("meeting_people", self.lang, "\n".join(lines), named=tuple(named))

    def day_agenda(self) -> Answer:
        day = self.q.day or self.today
        todays = agenda.day_agenda(self.events, self.itinerary.stops, day)
        if not todays.events:
            text = f"{day_label(self.lang, day)}: {t(self.lang, 'nothing_on')}"
            return Answer("agenda", self.lang, text)
        lines = [f"<b>{day_label(self.lang, day)}</b>"] + [
            self._event_line(e) for e in todays.events
        ]
        return Answer(
            "agenda", self.lang, "\n".join(lines), named=tuple(e.key for e in todays.events)
        )

    def events_of_kind(self, kinds: list[str], limit: int = 5) -> Answer:
        """The flights (lunches, visits …) of a day, or the ones still to come."""
        chosen = [e for e in self.events if e.kind in kinds]
        if self.q.day is not None:
            chosen = [e for e in chosen if agenda.event_day(e) == self.q.day]
        else:
            chosen = [e for e in chosen if e.start > self.now]
        if not chosen:
            return Answer("kind", self.lang, t(self.lang, "qa_none_of_kind"))
        chosen.sort(key=lambda e: e.start)
        lines = [self._event_line(e) for e in chosen[:limit]]
        return Answer(
            "kind", self.lang, "\n".join(lines), named=tuple(e.key for e in chosen[:limit])
        )

    def next_event(self) -> Answer:
        event = agenda.next_event(self.events, self.now)
        if event is None:
            return Answer("next", self.lang, t(self.lang, "no_next"))
        text = (
            t(self.lang, "next_heading", title=esc(event.title)) + "\n" + self._event_line(event)
        )
        return Answer("next", self.lang, text, named=(event.key, *event.counterparts))

    def time_in(self) -> Answer:
        places = [(s.city, s.timezone) for s in self.q.places]
        home = self.itinerary.delegation.home_timezone
        if not places:
            here = agenda.where_at(self.itinerary.stops, self.itinerary.events, self.now)
            if here is not None and not self.q.home:
                places.append((here.city, here.timezone))
        if self.q.home or not places:
            places.append((zones.city_of(home), home))
        return Answer("time_in", self.lang, "\n".join(self._clock(c, z) for c, z in places))

    def _clock(self, city: str, zone: str) -> str:
        local = zones.to_local(self.now, zone)
        return t(
            self.lang,
            "qa_time_in",
            place=esc(city),
            time=f"{local:%H:%M}",
            day=day_label(self.lang, local.date()),
            offset=zones.offset_label(self.now, zone),
        )

    def _stop_for(self) -> Stop | None:
        if self.q.places:
            return self.q.places[0]
        if self.q.day is not None:
            return sleeping_on(self.itinerary.stops, self.q.day)
        # Tonight, not now: on a travel day the bed is in the city the delegation flies to,
        # and after the final departure there is none.
        return tonight(self.itinerary.stops, self.itinerary.events, self.now)

    def _no_bed(self) -> str:
        """Say why there is no hotel: that night is not in the trip, or the trip ends then."""
        day = self.q.day or self.today
        span = agenda.trip_span(self.itinerary.stops)
        if span is None or not span[0] <= day <= span[1]:
            return t(self.lang, "not_travelling")
        if day == self.today:  # "tonight" names today
            return t(self.lang, "qa_no_hotel_tonight")
        return t(self.lang, "qa_no_hotel_that_night", day=day_label(self.lang, day))

    def staying(self) -> Answer:
        stop = self._stop_for()
        if stop is None:
            return Answer("staying", self.lang, self._no_bed())
        if not stop.hotel:
            return Answer("staying", self.lang, t(self.lang, "qa_no_hotel", city=esc(stop.city)))
        first, last = day_label(self.lang, stop.arrive), day_label(self.lang, stop.depart)
        text = t(
            self.lang,
            "qa_hotel",
            city=esc(stop.city),
            hotel=esc(stop.hotel),
            first=first,
            last=last,
        )
        return Answer("staying", self.lang, text, named=(stop.city,))

    def where_delegation(self) -> Answer:
        if self.q.day is not None:
            covering = agenda.stops_on(self.itinerary.stops, self.q.day)
            if not covering:
                return Answer("where", self.lang, t(self.lang, "not_travelling"))
            cities = " → ".join(esc(s.city) for s in covering)
            text = t(self.lang, "qa_where_on", day=day_label(self.lang, self.q.day), cities=cities)
            return Answer("where", self.lang, text, named=tuple(s.city for s in covering))
        stop = agenda.where_at(self.itinerary.stops, self.itinerary.events, self.now)
        if stop is None:
            return Answer("where", self.lang, t(self.lang, "not_travelling"))
        text = t(self.lang, "in_city", city=esc(stop.city), country=esc(stop.country))
        return Answer("where", self.lang, text, named=(stop.city,))

    def projects(self) -> Answer:
        q = self.q
        bodies = [self._organisation(m.entity.key) for m in q.organisations]
        people = {c.key: c for c in self.itinerary.counterparts}
        bodies += [self._organisation(people[m.entity.key].organisation) for m in q.people]
        chosen = [b for b in bodies if b is not None]
        if not chosen and q.places:
            countries = {s.country for s in q.places}
            chosen = [o for o in self.itinerary.organisations if o.country in countries]
        if not chosen:
            chosen = list(self.itinerary.organisations)
        lines = [
            t(
                self.lang,
                "qa_projects",
                scope=" / ".join(esc(organisation_name(b)) for b in chosen)
                if q.organisations or q.people
                else " / ".join(esc(s.country) for s in q.places) or t(self.lang, "qa_the_trip"),
            )
        ]
        seen: set[str] = set()
        for body in chosen:
            for project in body.projects:
                if project not in seen:
                    seen.add(project)
                    lines.append(f"• {esc(project)} ({esc(organisation_name(body))})")
        if not seen:
            lines.append(t(self.lang, "qa_no_projects"))
        return Answer("projects", self.lang, "\n".join(lines), named=tuple(b.key for b in chosen))

    def declined(self) -> Answer:
        suggestions: tuple[Entity, ...] = ()
        leftover = [w for w in fold(self.q.text).split() if w not in VOCABULARY and len(w) > 2]
        if leftover and ("who" in fold(self.q.text).split() or "누구" in self.q.text):
            suggestions = tuple(cached_index(self.itinerary).candidates(" ".join(leftover)))
        text = t(self.lang, "qa_declined", examples=examples(self.lang))
        if suggestions:
            names = ", ".join(esc(e.label) for e in suggestions)
            text = t(self.lang, "qa_unknown_name", name=esc(" ".join(leftover)), names=names)
        return Answer("declined", self.lang, text, declined=True, suggestions=suggestions)

    # -- helpers ---------------------------------------------------------------------------------

    def _unexplained(self) -> list[str]:
        """Words that are neither the questions' own vocabulary nor part of a date."""
        return [
            w
            for w in fold(self.q.text).split()
            if w not in VOCABULARY
            and w not in DATE_WORDS
            and not w.isdigit()
            and not re.fullmatch(r"\d+(st|nd|rd|th|월|일|년)", w)
        ]

    def _organisation(self, key: str | None) -> Organisation | None:
        return next((o for o in self.itinerary.organisations if o.key == key), None)

    def _event_line(self, event: Event) -> str:
        return event_line(self.itinerary, event, self.now, self.lang)


def _ambiguous(matches: tuple[Match, ...]) -> list[Entity]:
    """Return the entities the first-named span could mean (more than one: ask)."""
    first = matches[0]
    return [m.entity for m in matches if (m.start, m.end) == (first.start, first.end)]


__all__ = [
    "Answer",
    "NameIndex",
    "Question",
    "answer",
    "organisation_card",
    "person_card",
    "understand",
]
