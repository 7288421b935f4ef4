"""Read and check an itinerary file (the YAML format in DESIGN.md).

``parse_itinerary`` either returns a complete ``Itinerary`` or raises ``ItineraryError``
carrying every problem found, each with its place and line. Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from bot.itinerary.fields import WALL_TIME, Mapping, Reader, key_of, malformed_time, reserved_key
from bot.itinerary.source import MAX_FILE_BYTES as MAX_FILE_BYTES  # for the document handler
from bot.itinerary.source import TOO_LARGE, Problem, child, read
from schedule import zones
from schedule.itinerary import (
    DEFAULT_BRIEFING_TIME,
    DEFAULT_HOME_TIMEZONE,
    DEFAULT_REMINDERS,
    EVENT_KINDS,
    ROLES,
    Counterpart,
    Delegation,
    Event,
    Itinerary,
    Member,
    Organisation,
    Stop,
)

TOP_FIELDS = ("delegation", "stops", "organisations", "counterparts", "members", "events")
DELEGATION_FIELDS = ("name", "home_timezone", "reminders", "briefing_time", "about")
STOP_FIELDS = ("city", "country", "timezone", "arrive", "depart", "hotel", "aliases")
ORGANISATION_FIELDS = ("key", "name", "short", "country", "about", "projects", "aliases")
COUNTERPART_FIELDS = (
    "key",
    "name",
    "honorific",
    "title",
    "organisation",
    "aliases",
    "about",
    "topics",
)
MEMBER_FIELDS = ("key", "name", "role", "telegram_id", "telegram_username", "groups")
EVENT_FIELDS = (
    "key",
    "title",
    "kind",
    "start",
    "end",
    "timezone",
    "end_timezone",
    "venue",
    "address",
    "location",
    "counterparts",
    "attendees",
    "notes",
    "dress",
    "bring",
)


class ItineraryError(ValueError):
    """An itinerary file that cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        # In file order, so the list reads top to bottom; sorted() keeps ties in order.
        self.problems = sorted(problems, key=lambda p: p.line or 0)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}:\n{lines}")


def load_itinerary_file(path: Path) -> Itinerary:
    """Read and check the itinerary file at ``path``."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # refused unread: it could be anything
            raise ItineraryError([Problem(str(path), TOO_LARGE)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ItineraryError([Problem(str(path), f"cannot read the file: {error}")]) from None
    return parse_itinerary(text)


def check_document(data: bytes) -> Itinerary:
    """Check an uploaded itinerary file's bytes; blocking work, run it off the event loop."""
    if len(data) > MAX_FILE_BYTES:
        raise ItineraryError([Problem("", TOO_LARGE)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        at = data[: error.start].count(b"\n") + 1
        raise ItineraryError([Problem("", "the file is not UTF-8 text", at)]) from None
    return parse_itinerary(text)


def parse_itinerary(text: str) -> Itinerary:
    """Check an itinerary document and return it; raise ``ItineraryError`` listing all faults."""
    return _Checker(Reader(read(text))).check()


class _Checker:
    """Checks one document; each ``_section`` method reads one top-level list."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader
        self.stops_complete = True  # False once a stop is refused: zone inference is unsure

    def check(self) -> Itinerary:
        data = self.r.source.data
        if data is None and not self.r.problems:
            self.r.fail("", "the file is empty")
        root = self.r.mapping(data, "", TOP_FIELDS) if data is not None else None
        if root is None:
            raise ItineraryError(self.r.problems)
        delegation = self._delegation(root)
        stops = self._stops(root)
        organisations = self._organisations(root)
        counterparts = self._counterparts(root, {o.key for o in organisations})
        members = self._members(root)
        events = self._events(root, stops, counterparts, members)
        if self.r.problems or delegation is None:
            raise ItineraryError(self.r.problems)
        return Itinerary(
            delegation=delegation,
            stops=tuple(stops),
            organisations=tuple(organisations),
            counterparts=tuple(counterparts),
            members=tuple(members),
            events=tuple(events),
        )

    def _zone(self, data: Mapping, path: str, name: str, *, required: bool) -> str | None:
        value = self.r.text(data, path, name, required=required)
        if value is not None and not zones.is_zone(value):
            self.r.fail(child(path, name), str(zones.UnknownZoneError(value)))
            return None
        return value

    def _entries(
        self, root: Mapping, name: str, fields: tuple[str, ...]
    ) -> list[tuple[str, Mapping]]:
        """Return (path, mapping) for each well-formed entry of a top-level list."""
        found = []
        for index, item in enumerate(self.r.items(root, "", name)):
            path = child(name, index)
            entry = self.r.mapping(item, path, fields)
            if entry is not None:
                found.append((path, entry))
        return found

    def _unique(self, keyed: Iterable[tuple[str, str | None]], what: str) -> None:
        """Refuse a key used twice in one list, naming where it was first used."""
        first: dict[str, str] = {}
        for path, key in keyed:
            if key is None:
                continue
            if key in first:
                line = self.r.source.line(first[key])
                self.r.fail(
                    child(path, "key"),
                    f"duplicate {what} key {key!r} (first used at {first[key]}, line {line})",
                )
            else:
                first[key] = path

    def _delegation(self, root: Mapping) -> Delegation | None:
        data = self.r.mapping(root.get("delegation"), "delegation", DELEGATION_FIELDS)
        if data is None:
            return None
        name = self.r.text(data, "delegation", "name", required=True)
        home = self._zone(data, "delegation", "home_timezone", required=False)
        reminders = self.r.minutes(data, "delegation", "reminders", DEFAULT_REMINDERS)
        briefing = self.r.clock_time(data, "delegation", "briefing_time", DEFAULT_BRIEFING_TIME)
        about = self.r.text(data, "delegation", "about")
        if name is None:
            return None
        return Delegation(name, home or DEFAULT_HOME_TIMEZONE, reminders, briefing, about)

    def _stops(self, root: Mapping) -> list[Stop]:
        stops = []
        for path, data in self._entries(root, "stops", STOP_FIELDS):
            city = self.r.text(data, path, "city", required=True)
            country = self.r.text(data, path, "country", required=True)
            zone = self._zone(data, path, "timezone", required=True)
            arrive = self.r.date(data, path, "arrive")
            depart = self.r.date(data, path, "depart")
            if arrive and depart and depart < arrive:
                self.r.fail(child(path, "depart"), f"departs {depart} before it arrives {arrive}")
                self.stops_complete = False
                continue
            if city and country and zone and arrive and depart:
                hotel = self.r.text(data, path, "hotel")
                aliases = self.r.texts(data, path, "aliases")
                stops.append(Stop(city, country, zone, arrive, depart, hotel, aliases))
            else:
                self.stops_complete = False
        return stops

    def _organisations(self, root: Mapping) -> list[Organisation]:
        found = []
        entries = self._entries(root, "organisations", ORGANISATION_FIELDS)
        for path, data in entries:
            key = self.r.key(data, path)
            name = self.r.text(data, path, "name", required=True)
            organisation = Organisation(
                key=key or "",
                name=name or "",
                short=self.r.text(data, path, "short"),
                country=self.r.text(data, path, "country"),
                about=self.r.text(data, path, "about"),
                projects=self.r.texts(data, path, "projects"),
                aliases=self.r.texts(data, path, "aliases"),
            )
            if key and name:
                found.append(organisation)
        self._unique(((p, key_of(d)) for p, d in entries), "organisation")
        return found

    def _counterparts(self, root: Mapping, organisations: set[str]) -> list[Counterpart]:
        found = []
        entries = self._entries(root, "counterparts", COUNTERPART_FIELDS)
        for path, data in entries:
            key = self.r.key(data, path)
            name = self.r.text(data, path, "name", required=True)
            organisation = self.r.text(data, path, "organisation")
            if organisation is not None and organisation not in organisations:
                self.r.fail(
                    child(path, "organisation"),
                    f"no organisation has the key {organisation!r}",
                )
            counterpart = Counterpart(
                key=key or "",
                name=name or "",
                honorific=self.r.text(data, path, "honorific"),
                title=self.r.text(data, path, "title"),
                organisation=organisation,
                aliases=self.r.texts(data, path, "aliases"),
                about=self.r.text(data, path, "about"),
                topics=self.r.texts(data, path, "topics"),
            )
            if key and name:
                found.append(counterpart)
        self._unique(((p, key_of(d)) for p, d in entries), "counterpart")
        return found

    def _members(self, root: Mapping) -> list[Member]:
        found = []
        entries = self._entries(root, "members", MEMBER_FIELDS)
        for path, data in entries:
            key = self.r.key(data, path)
            if key and (reserved := reserved_key(key)):
                self.r.fail(child(path, "key"), reserved)
                key = None
            name = self.r.text(data, path, "name", required=True)
            member = Member(
                key=key or "",
                name=name or "",
                role=self.r.choice(data, path, "role", ROLES),
                telegram_id=self.r.integer(data, path, "telegram_id"),
                telegram_username=self.r.username(data, path, "telegram_username"),
                groups=self.r.groups(data, path),
            )
            if key and name:
                found.append(member)
        self._unique(((p, key_of(d)) for p, d in entries), "member")
        self._unique_identity(entries, found)
        keys = {m.key for m in found}
        for path, data in entries:
            for index, group in enumerate(self.r.texts(data, path, "groups")):
                if group in keys:
                    self.r.fail(
                        child(child(path, "groups"), index),
                        f"group {group!r} has the same name as a member key; attendees "
                        "could not tell them apart",
                    )
        return found

    def _unique_identity(self, entries: list[tuple[str, Mapping]], members: list[Member]) -> None:
        """Refuse two members with one Telegram id or username: they could not be told apart."""
        by_key = {m.key: m for m in members}
        seen: dict[str, str] = {}
        for path, data in entries:
            member = by_key.get(key_of(data) or "")
            if member is None:
                continue
            for field, value in (("telegram_id", member.telegram_id),
                                 ("telegram_username", member.telegram_username)):  # fmt: skip
                if value is None:
                    continue
                token = f"{field}:{str(value).lower()}"
                if token in seen:
                    self.r.fail(child(path, field),
                                f"{value} is already given to {seen[token]}")  # fmt: skip
                else:
                    seen[token] = f"member {member.key!r}"

    def _events(
        self,
        root: Mapping,
        stops: list[Stop],
        counterparts: list[Counterpart],
        members: list[Member],
    ) -> list[Event]:
        found = []
        entries = self._entries(root, "events", EVENT_FIELDS)
        known_people = {c.key for c in counterparts}
        audiences = {m.key for m in members} | {g for m in members for g in m.groups}
        for path, data in entries:
            event = self._event(path, data, stops)
            for index, ref in enumerate(self.r.texts(data, path, "counterparts")):
                if ref not in known_people:
                    where = child(child(path, "counterparts"), index)
                    self.r.fail(where, f"no counterpart has the key {ref!r}")
            for index, ref in enumerate(self.r.texts(data, path, "attendees")):
                if ref not in audiences:
                    where = child(child(path, "attendees"), index)
                    self.r.fail(where, f"{ref!r} is neither a member key nor a group name")
            if event is not None:
                found.append(event)
        self._unique(((p, key_of(d)) for p, d in entries), "event")
        return found

    def _event(self, path: str, data: Mapping, stops: list[Stop]) -> Event | None:
        key = self.r.key(data, path)
        title = self.r.text(data, path, "title", required=True)
        kind = self.r.choice(data, path, "kind", (*EVENT_KINDS[-1:], *EVENT_KINDS[:-1]))
        start_text = self.r.text(data, path, "start", required=True)
        end_text = self.r.text(data, path, "end")
        zone = self._zone(data, path, "timezone", required=False)
        end_zone = self._zone(data, path, "end_timezone", required=False)
        given = self.r.text(data, path, "timezone") is not None
        if zone is None and not given and start_text is not None:
            zone = self._zone_from_stops(start_text, stops, child(path, "start"))
        start = end = None
        if zone is not None and start_text is not None:
            start = self.r.instant(start_text, zone, child(path, "start"))
        if end_text is not None and (end_zone or zone) is not None:
            end = self.r.instant(end_text, end_zone or zone or "", child(path, "end"))
        if start is not None and end is not None and end < start:
            shown = zones.format_wall(start, zone or "UTC")
            self.r.fail(child(path, "end"), f"ends {end_text} before it starts {shown}")
            return None
        if not (key and title and zone and start) or (end_text is not None and end is None):
            return None
        return Event(
            key=key,
            title=title,
            start=start,
            timezone=zone,
            kind=kind,
            end=end,
            end_timezone=end_zone if end_zone != zone else None,
            venue=self.r.text(data, path, "venue"),
            address=self.r.text(data, path, "address"),
            location=self.r.location(data, path, "location"),
            counterparts=self.r.texts(data, path, "counterparts"),
            attendees=tuple(dict.fromkeys(self.r.texts(data, path, "attendees"))),
            notes=self.r.text(data, path, "notes"),
            dress=self.r.text(data, path, "dress"),
            bring=self.r.text(data, path, "bring"),
        )

    def _zone_from_stops(self, start_text: str, stops: list[Stop], place: str) -> str | None:
        """Find the zone of an event that names none: the one stop covering its date."""
        match = WALL_TIME.fullmatch(start_text.strip())
        if not match:
            self.r.fail(place, malformed_time(start_text))
            return None
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as error:
            self.r.fail(place, f"{start_text!r} is not a real date: {error}")
            return None
        covering = [s for s in stops if s.covers(day)]
        if len(covering) == 1:
            return covering[0].timezone
        if covering:
            cities = " and ".join(s.city for s in covering)
            self.r.fail(
                place.rsplit(".", 1)[0] + ".timezone",
                f"{day} is covered by two stops ({cities}); say which with 'timezone'",
            )
        elif self.stops_complete:
            self.r.fail(
                place.rsplit(".", 1)[0] + ".timezone",
                f"no stop covers {day}; add 'timezone' to say where this happens",
            )
        else:
            self.r.fail(
                place.rsplit(".", 1)[0] + ".timezone",
                f"no valid stop covers {day}; fix the stops or add 'timezone'",
            )
        return None
