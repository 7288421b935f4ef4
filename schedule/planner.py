"""Plan what each member is owed: reminders before events, morning briefings, change notices.

Pure: every function takes the itinerary, the members' settings and ``now``, and returns
frozen plans. Storing, re-planning and sending live in ``bot.services.outbox``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from schedule import zones
from schedule.agenda import attends, stops_on, trip_span
from schedule.itinerary import Event, Itinerary

BRIEFING_GRACE = timedelta(hours=2)  # a briefing later than this is no use any more
LATE_AFTER = timedelta(minutes=1)  # sent within this of its due time is on time


@dataclass(frozen=True)
class Recipient:
    """A member as the planner sees them: who they are and what they asked for."""

    key: str
    groups: tuple[str, ...] = ()
    lead_times: tuple[int, ...] | None = None  # None: the delegation's
    briefing: bool = True
    muted_until: datetime | None = None


@dataclass(frozen=True)
class Planned:
    """One message a member is owed, due at an instant (UTC)."""

    member: str
    kind: str  # reminder | briefing | notice
    ref: str
    due: datetime
    event: str | None = None


def reminder_ref(event: Event, lead: int) -> str:
    """Name a reminder by its event, the event's start and the lead time.

    The start is part of it: when an event moves, its reminders are new ones.
    """
    return f"{event.key}@{event.start:%Y%m%dT%H%MZ}-{lead}m"


def plan_reminders(
    itinerary: Itinerary,
    recipients: Iterable[Recipient],
    *,
    now: datetime,
    briefings: bool = True,
) -> list[Planned]:
    """Return every reminder (and, unless told not to, briefing) still to come."""
    plans: list[Planned] = []
    for person in recipients:
        plans += _reminders(itinerary, person, now)
        if briefings:
            plans += _briefings(itinerary, person, now)
    return sorted(plans, key=lambda p: (p.due, p.member, p.ref))


def _reminders(itinerary: Itinerary, person: Recipient, now: datetime) -> list[Planned]:
    leads = person.lead_times if person.lead_times is not None else itinerary.delegation.reminders
    plans = []
    for event in itinerary.events:
        if event.start <= now or not attends(event, person.key, person.groups):
            continue
        for lead in leads:
            due = event.start - timedelta(minutes=lead)
            if due < now or (person.muted_until is not None and due < person.muted_until):
                continue
            plans.append(
                Planned(person.key, "reminder", reminder_ref(event, lead), due, event.key)
            )
    return plans


def _briefings(itinerary: Itinerary, person: Recipient, now: datetime) -> list[Planned]:
    at = itinerary.delegation.briefing_time
    span = trip_span(itinerary.stops)
    if at is None or not person.briefing or span is None:
        return []
    plans = []
    day = span[0]
    while day <= span[1]:
        city = stops_on(itinerary.stops, day)[
            0
        ]  # where it wakes up: on a travel day, the city left
        naive = datetime.combine(day, at)
        due = zones.localize(naive, city.timezone)
        muted = person.muted_until is not None and due < person.muted_until
        if due >= now and not muted:
            plans.append(Planned(person.key, "briefing", f"briefing:{day.isoformat()}", due))
        day += timedelta(days=1)
    return plans


@dataclass(frozen=True)
class Notice:
    """A change a member must hear about: before and after, or that they are out of it."""

    member: str
    event: str
    change: str  # changed | added | removed | cancelled
    before: Event
    after: Event | None


NOTICED_FIELDS = ("start", "end", "timezone", "end_timezone", "venue", "address", "location")


def plan_notices(
    old: Itinerary | None, new: Itinerary, recipients: Sequence[Recipient], *, now: datetime
) -> list[Notice]:
    """Return the notices a change of itinerary owes, for events not yet over."""
    if old is None:
        return []
    after = {e.key: e for e in new.events}
    notices = []
    for before in old.events:
        if (before.end or before.start) <= now:
            continue
        current = after.get(before.key)
        if current == before:
            continue  # unchanged: nobody to tell
        for person in recipients:
            was_in = attends(before, person.key, person.groups)
            is_in = current is not None and attends(current, person.key, person.groups)
            if not was_in:
                if is_in:
                    notices.append(Notice(person.key, before.key, "added", before, current))
                continue
            if current is None:
                notices.append(Notice(person.key, before.key, "cancelled", before, None))
            elif not is_in:
                notices.append(Notice(person.key, before.key, "removed", before, current))
            elif any(getattr(before, f) != getattr(current, f) for f in NOTICED_FIELDS):
                notices.append(Notice(person.key, before.key, "changed", before, current))
    return notices


def notice_ref(notice: Notice) -> str:
    """Name a notice by the change it announces: the event's state before and after."""

    def state(event: Event | None) -> str:
        if event is None:
            return "gone"
        return "|".join(str(getattr(event, f)) for f in NOTICED_FIELDS)

    text = f"{state(notice.before)}>{state(notice.after)}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]  # stable across processes
    return f"{notice.event}:{notice.change}:{digest}"


def superseded_by(due: datetime, siblings: Iterable[datetime], now: datetime) -> datetime | None:
    """Return the latest of an event's other reminders due by ``now`` and after ``due``.

    When several lead times of one event fall due at once (a restart, a jump of the
    clock), only the latest is worth sending: "in 10 min" says all "in 60 min" would.
    """
    later = [other for other in siblings if due < other <= now]
    return max(later, default=None)


def delay_offline(due: datetime, started: datetime, now: datetime) -> timedelta | None:
    """Return how late a row is sent because no dispatcher ran when it fell due, or None.

    A row due before this dispatcher started fell due while the bot was down; one due
    since (the clock jumped on, the alarm woke late) is not "late" in a member's eyes.
    """
    if due >= started - LATE_AFTER or now - due <= LATE_AFTER:
        return None
    return now - due


def lateness(kind: str, due: datetime, event_start: datetime | None, now: datetime) -> str | None:
    """Say why a row that fell due while the bot was down must be skipped, or None to send it.

    A reminder is still useful until its event starts; a briefing for two hours.
    """
    if kind == "reminder" and event_start is not None and event_start <= now:
        return "the event had already started"
    if kind == "briefing" and now - due > BRIEFING_GRACE:
        return "the briefing was more than two hours late"
    return None
