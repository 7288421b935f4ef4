"""The itinerary as plain, frozen data: what the agenda and the planners read.

The itinerary file parser produces it, the store loads and saves it, and the exporters
write it out. Instants are aware UTC datetimes; zones are IANA names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

ROLES = ("member", "organiser")
EVENT_KINDS = ("meeting", "flight", "transfer", "meal", "briefing", "visit", "other")
DEFAULT_HOME_TIMEZONE = "Asia/Seoul"
DEFAULT_REMINDERS = (60, 15)
DEFAULT_BRIEFING_TIME = time(7, 0)


@dataclass(frozen=True)
class Delegation:
    """The delegation itself and its defaults."""

    name: str
    home_timezone: str = DEFAULT_HOME_TIMEZONE
    reminders: tuple[int, ...] = DEFAULT_REMINDERS
    briefing_time: time | None = DEFAULT_BRIEFING_TIME
    about: str | None = None


@dataclass(frozen=True)
class Stop:
    """A city the delegation stays in, from ``arrive`` to ``depart`` (local dates, inclusive)."""

    city: str
    country: str
    timezone: str
    arrive: date
    depart: date
    hotel: str | None = None
    aliases: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        """Tell whether the delegation is in this city on local ``day``."""
        return self.arrive <= day <= self.depart


@dataclass(frozen=True)
class Organisation:
    """A body the delegation meets."""

    key: str
    name: str
    short: str | None = None
    country: str | None = None
    about: str | None = None
    projects: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counterpart:
    """A person the delegation meets."""

    key: str
    name: str
    honorific: str | None = None
    title: str | None = None
    organisation: str | None = None
    aliases: tuple[str, ...] = ()
    about: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    """A member of the delegation, as the itinerary file lists them."""

    key: str
    name: str
    role: str = "member"
    telegram_id: int | None = None
    telegram_username: str | None = None
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """Something on the programme, with its instants in UTC and the zones it happens in."""

    key: str
    title: str
    start: datetime
    timezone: str
    kind: str = "other"
    end: datetime | None = None
    end_timezone: str | None = None
    venue: str | None = None
    address: str | None = None
    location: tuple[float, float] | None = None
    counterparts: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    notes: str | None = None
    dress: str | None = None  # the dress code
    bring: str | None = None  # what to bring

    @property
    def arrival_timezone(self) -> str:
        """Return the zone the event ends in (a flight's landing zone)."""
        return self.end_timezone or self.timezone


@dataclass(frozen=True)
class Itinerary:
    """Everything an itinerary file holds."""

    delegation: Delegation
    stops: tuple[Stop, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    counterparts: tuple[Counterpart, ...] = ()
    members: tuple[Member, ...] = ()
    events: tuple[Event, ...] = field(default=())
