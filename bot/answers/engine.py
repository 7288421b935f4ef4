"""Answer questions typed in plain words, in English or Korean, from the itinerary alone.

``understand`` reads a question into an intent and the people, organisations, places and
day it names; ``answer`` turns that into a reply. A question it cannot answer gets an
honest reply with example questions, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.answers.names import HANGUL, Entity, Match, NameIndex, cached_index, find_entities, fold
from bot.text.i18n import day_label, t
from bot.text.render import describe_person, esc, when
from bot.text.views import relative
from schedule import agenda, zones
from schedule.dates import MONTHS, RELATIVE, WEEKDAYS, parse_day
from schedule.itinerary import Counterpart, Event, Itinerary, Organisation, Stop

MEETING_KINDS = ("meeting", "visit", "meal")
# Words of the questions themselves: they never name a person or a place.
VOCABULARY = frozenset(
    """who whos is are was were the a an of in on at to do does did we us our meet meeting
    meetings see seeing visit when where what whats which time it its today tomorrow tonight
    next title position job role organisation organization work works for about tell me
    projects project discussing discuss discussed with staying stay hotel delegation how
    please and or there schedule agenda programme program plan day date home local now
    whom whose will be going can you know info information 누구 누구야 누구예요
    언제 어디 어디서 무엇 뭐 뭐야 오늘 내일 일정 만나 만나요 만나나요 만나는 지금 몇 시
    프로젝트 사업 숙소 호텔 직함 직책 소속 기관 대해 알려줘 알려 주세요 있어 있나요""".split()  # noqa: SIM905
)
DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(RELATIVE) | {"june", "on"}
HOME_WORDS = ("home", "seoul", "korea", "본국", "서울", "한국")

KEYWORDS: dict[str, tuple[str, ...]] = {
    "time_in": (
        "what time",
        "time is it",
        "local time",
        "time in",
        "time at",
        "몇 시",
        "몇시",
        "시간은",
        "시각",
        "시간 알려",
        "현지 시간",
        "서울 시간",
        "본국 시간",
    ),
    "staying": (
        "staying",
        "stay ",
        "hotel",
        "accommodation",
        "sleep",
        "숙소",
        "호텔",
        "묵",
        "숙박",
        "어디서 자",
        "어디에서 자",
        "잠은",
    ),
    "where_delegation": (
        "where are we",
        "where is the delegation",
        "which city",
        "where we are",
        "어디에 있",
        "어디야",
        "어느 도시",
        "지금 어디",
        "어디 있",
    ),
    "next": ("next", "coming up", "after this", "다음", "이제 뭐", "이제 어디", "그 다음"),
    "projects": ("project", "프로젝트", "사업"),
    "meeting_people": (
        "who are we meeting",
        "who do we meet",
        "who are we seeing",
        "who will we",
        "who do we see",
        "whom do we",
        "who are we going",
        "누구를 만나",
        "누구 만나",
        "만나는 사람",
        "누구와 만나",
        "누굴 만나",
        "누구랑",
        "면담 상대",
        "누구 만났",
        "누구를 만났",
        "people we meet",
        "people are we meeting",
        "meeting with whom",
    ),
    "decline": (
        "how much",
        "price",
        "cost",
        "weather",
        "rain",
        "restaurant",
        "taxi",
        "exchange rate",
        "dollar",
        "joke",
        "wifi",
        "password",
        "날씨",
        "비 와",
        "환율",
        "얼마",
        "맛집",
        "택시",
        "식당 추천",
        "농담",
        "와이파이",
    ),
    "agenda": (
        "what is on",
        "what s on",
        "whats on",
        "schedule",
        "agenda",
        "programme",
        "program",
        "plan for",
        "happening",
        "일정",
        "스케줄",
        "뭐 있",
        "뭐 했",
        "뭐 해",
        "뭐해",
    ),
    "when": ("when", "what day", "what date", "언제", "며칠", "몇 일"),
    "where": ("where", "어디서", "어디에서", "장소", "어디"),
    "title": ("title", "position", "job", "role", "직함", "직책", "직위"),
    "kind_flight": ("flight", "fly", "plane", "airport", "비행기", "항공편", "비행", "공항"),
    "kind_meal": ("lunch", "dinner", "breakfast", "meal", "점심", "저녁", "식사", "오찬", "만찬"),
    "kind_briefing": ("briefing", "브리핑"),
    "kind_visit": ("site visit", "visit", "tour", "방문", "시찰", "견학"),
    "organisation_of": (
        "organisation",
        "organization",
        "work for",
        "works for",
        "which company",
        "which agency",
        "which bank",
        "소속",
        "어느 기관",
        "어디 소속",
        "work",
        "works",
        "어느 조직",
        "어디 사람",
    ),
}


@dataclass(frozen=True)
class Question:
    """What a question asks: an intent and what it names."""

    text: str
    lang: str
    intents: frozenset[str]
    people: tuple[Match, ...] = ()
    organisations: tuple[Match, ...] = ()
    places: tuple[Stop, ...] = ()
    day: date | None = None
    home: bool = False


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


def language_of(text: str) -> str:
    """Return ``ko`` for a question with Hangul in it, else ``en``."""
    return "ko" if HANGUL.search(text) else "en"


def understand(text: str, itinerary: Itinerary, *, today: date) -> Question:
    """Read a question: its intents, the entities it names and the day it means."""
    folded = f" {fold(text)} "
    raw = f" {text.lower()} "
    intents = frozenset(
        intent
        for intent, words in KEYWORDS.items()
        if any((f" {w}" in folded) or (w in raw and HANGUL.search(w)) for w in words)
    )
    index = cached_index(itinerary)
    matches = find_entities(text, index, skip=VOCABULARY)
    stops = {s.city: s for s in itinerary.stops}
    return Question(
        text=text,
        lang=language_of(text),
        intents=intents,
        people=tuple(m for m in matches if m.entity.kind == "person"),
        organisations=tuple(m for m in matches if m.entity.kind == "organisation"),
        places=tuple(stops[m.entity.key] for m in matches if m.entity.kind == "place"),
        day=find_day(text, today),
        home=any(f" {w} " in folded or (HANGUL.search(w) and w in text) for w in HOME_WORDS),
    )


DAY_PATTERNS = (
    r"\d{4}-\d{1,2}-\d{1,2}",
    r"\d{1,2}(?:st|nd|rd|th)? (?:of )?[a-z]{3,9}",
    r"[a-z]{3,9} \d{1,2}(?:st|nd|rd|th)?",
    r"(?:\d{4}\s*년\s*)?\d{1,2}\s*월\s*\d{1,2}\s*일",
    r"[월화수목금토일]요일",
    r"\b(?:today|tomorrow|tonight|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"오늘|내일|모레|어제",
)


def find_day(text: str, today: date) -> date | None:
    """Return the first day the question names, read in the delegation's calendar.

    A day of the month alone ("the 12th", "11일") is in the month the delegation is in.
    """
    lowered = text.lower()
    for pattern in DAY_PATTERNS:
        for found in re.finditer(pattern, lowered):
            if (day := parse_day(found.group(0).replace(" of ", " "), today=today)) is not None:
                return day
    alone = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)\b|(?<![\d월])(\d{1,2})\s*일", lowered)
    if alone:
        try:
            return today.replace(day=int(alone.group(1) or alone.group(2)))
        except ValueError:
            return None
    return None


def answer(
    text: str,
    itinerary: Itinerary,
    *,
    now: datetime,
    member: tuple[str, tuple[str, ...]] | None = None,
) -> Answer:
    """Answer ``text`` from the itinerary; ``member`` (key, groups) limits events to theirs."""
    today = agenda.local_day(
        itinerary.stops, itinerary.events, now, itinerary.delegation.home_timezone
    )
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
        text = t(self.lang, "qa_title", name=esc(_name(person)), title=esc(person.title or "?"))
        organisation = self._organisation(person.organisation)
        if organisation is not None:
            text += f" ({esc(organisation.name)})"
        return Answer("title", self.lang, text, named=(person.key,))

    def person_organisation(self, person: Counterpart) -> Answer:
        organisation = self._organisation(person.organisation)
        if organisation is None:
            text = t(self.lang, "qa_no_organisation", name=esc(_name(person)))
            return Answer("organisation_of", self.lang, text, named=(person.key,))
        text = t(
            self.lang,
            "qa_works_for",
            name=esc(_name(person)),
            title=esc(person.title or ""),
            organisation=esc(_org_name(organisation)),
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
            label = _name(next(c for c in self.itinerary.counterparts if c.key == entity.key))
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
            covering = agenda.stops_on(self.itinerary.stops, self.q.day)
            return covering[-1] if covering else None  # where we sleep that night
        return agenda.where_at(self.itinerary.stops, self.itinerary.events, self.now)

    def staying(self) -> Answer:
        stop = self._stop_for()
        if stop is None:
            return Answer("staying", self.lang, t(self.lang, "not_travelling"))
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
                scope=" / ".join(esc(_org_name(b)) for b in chosen)
                if q.organisations or q.people
                else " / ".join(esc(s.country) for s in q.places) or t(self.lang, "qa_the_trip"),
            )
        ]
        seen: set[str] = set()
        for body in chosen:
            for project in body.projects:
                if project not in seen:
                    seen.add(project)
                    lines.append(f"• {esc(project)} ({esc(_org_name(body))})")
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
    lines = [f"<b>{esc(_name(person))}</b>"]
    if person.title or body:
        role = ", ".join(esc(p) for p in (person.title, _org_name(body) if body else None) if p)
        lines.append(role)
    if body and body.country:
        lines.append(t(lang, "qa_country", country=esc(body.country)))
    if person.about:
        lines += ["", esc(person.about)]
    if person.topics:
        lines += ["", t(lang, "qa_topics")] + [f"• {esc(topic)}" for topic in person.topics]
    meetings = meetings_with(itinerary, Entity("person", key, person.name), events)
    if meetings:
        lines += ["", t(lang, "qa_meetings")] + [
            event_line(itinerary, e, now, lang) for e in meetings
        ]
    named = (key, *((body.key,) if body else ()), *(e.key for e in meetings))
    return Answer("who", lang, "\n".join(lines), named=named)


def organisation_card(
    itinerary: Itinerary, key: str, events: tuple[Event, ...], now: datetime, lang: str
) -> Answer:
    """The card of an organisation: what it is, its people, its meetings, its projects."""
    body = next(o for o in itinerary.organisations if o.key == key)
    lines = [f"<b>{esc(_org_name(body))}</b>"]
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
    if meetings:
        lines += ["", t(lang, "qa_meetings")] + [
            event_line(itinerary, e, now, lang) for e in meetings
        ]
    named = (key, *(c.key for c in staff), *(e.key for e in meetings))
    return Answer("what", lang, "\n".join(lines), named=named)


def _ambiguous(matches: tuple[Match, ...]) -> list[Entity]:
    """Return the entities the first-named span could mean (more than one: ask)."""
    first = matches[0]
    return [m.entity for m in matches if (m.start, m.end) == (first.start, first.end)]


def _name(person: Counterpart) -> str:
    return " ".join(p for p in (person.honorific, person.name) if p)


def _org_name(body: Organisation) -> str:
    return f"{body.name} ({body.short})" if body.short else body.name


def examples(lang: str) -> str:
    """Two or three questions the bot can answer, for a reply it could not."""
    return t(lang, "qa_examples")


__all__ = ["Answer", "NameIndex", "Question", "answer", "understand"]
