"""Replies a member reads: next event, where we are, the whole trip, settings.

Pure functions of the itinerary and ``now``, returning Telegram HTML in the member's
language with every stored value escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.text.i18n import day_label, t
from bot.text.render import describe_person, esc, home_time, map_link, moment, to_know, when
from schedule import agenda, zones
from schedule.itinerary import Event, Itinerary
from schedule.whereabouts import AfterTrip, BeforeTrip, InAir, route, whereabouts


@dataclass(frozen=True)
class Viewer:
    """Who a reply is for: their language and whether they want home time too."""

    lang: str = "en"
    home: bool = False


def duration(lang: str, delta: timedelta) -> str:
    """Return ``2 h 10 min`` (or ``2시간 10분``), rounded to the minute."""
    minutes = max(0, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return t(lang, "days", d=days, h=hours)
    if hours and mins:
        return t(lang, "hours_minutes", h=hours, m=mins)
    if hours:
        return t(lang, "hours", h=hours)
    return t(lang, "minutes", m=mins)


def relative(lang: str, start: datetime, now: datetime) -> str:
    """Return ``starts in 25 min``, ``started 5 min ago`` or ``starts now``."""
    delta = start - now
    if abs(delta) < timedelta(minutes=1):
        return t(lang, "starts_now")
    if delta > timedelta(0):
        return t(lang, "starts_in", delta=duration(lang, delta))
    return t(lang, "started_ago", delta=duration(lang, -delta))


def event_card(
    itinerary: Itinerary, event: Event, now: datetime, viewer: Viewer, heading: str
) -> list[str]:
    """An event as a member needs it: heading, when (local, city, how soon), home time on
    request, where, with whom, a map link. A flight shows both its zones."""
    lang = viewer.lang
    local_day = day_label(lang, zones.local_date(event.start, event.timezone))
    lines = [
        heading,
        f"{local_day} {when(event, itinerary.stops)}, {relative(lang, event.start, now)}",
    ]
    if viewer.home:
        lines.append(home_time(event, itinerary, lang))
    where = ", ".join(esc(p) for p in (event.venue, event.address) if p)
    if where:
        lines.append(t(lang, "where", where=where))
    people = {c.key: c for c in itinerary.counterparts}
    organisations = {o.key: o for o in itinerary.organisations}
    names = [
        esc(describe_person(people[k], organisations)) for k in event.counterparts if k in people
    ]
    if names:
        lines.append(t(lang, "with", people="; ".join(names)))
    lines += to_know(event, lang)
    if link := map_link(event, lang):
        lines.append(link)
    return lines


def render_next(itinerary: Itinerary, event: Event | None, now: datetime, viewer: Viewer) -> str:
    """Render the next event: what, when and how long from now, where, with whom, map."""
    if event is None:
        return t(viewer.lang, "no_next")
    heading = t(viewer.lang, "next_heading", title=esc(event.title))
    return "\n".join(event_card(itinerary, event, now, viewer, heading))


def render_now(itinerary: Itinerary, now: datetime, viewer: Viewer) -> str:
    """Render where the delegation is and the local time in every city and at home."""
    lang = viewer.lang
    lines = whereabouts_lines(itinerary, now, lang)
    lines += ["", t(lang, "local_times")]
    home_zone = itinerary.delegation.home_timezone
    for city in agenda.local_times(itinerary.stops, now, home_zone):
        label = (
            f"{esc(city.city)} ({t(lang, 'home_label')})"
            if city.timezone == home_zone
            else esc(city.city)
        )
        offset = zones.offset_label(now, city.timezone)
        lines.append(
            f"{label}: {day_label(lang, city.local.date())} {city.local:%H:%M} ({offset})"
        )
    return "\n".join(lines)


def whereabouts_lines(itinerary: Itinerary, now: datetime, lang: str) -> list[str]:
    """Say where the delegation is: a city, in the air, before or after the trip."""
    stops = itinerary.stops
    place = whereabouts(stops, itinerary.events, now)
    if isinstance(place, InAir):
        lines = [
            t(
                lang,
                "in_air",
                title=esc(place.journey.title),
                origin=esc(place.origin),
                destination=esc(place.destination),
                lands=moment(place.lands, place.lands_zone, stops, lang),
            )
        ]
    elif isinstance(place, BeforeTrip):
        first = place.first
        day = day_label(lang, first.arrive)
        return [t(lang, "before_trip", city=esc(first.city), country=esc(first.country), day=day)]
    elif isinstance(place, AfterTrip):
        if place.left is None or place.left_zone is None or place.destination is None:
            return [t(lang, "after_trip_ended", city=esc(place.origin))]
        left = moment(place.left, place.left_zone, stops, lang)
        destination = esc(place.destination)
        return [
            t(lang, "after_trip", origin=esc(place.origin), destination=destination, left=left)
        ]
    else:
        lines = [t(lang, "in_city", city=esc(place.stop.city), country=esc(place.stop.country))]
    cities = route(stops, itinerary.events, agenda.local_today(itinerary, now))
    if len(cities) > 1:
        lines.append(t(lang, "travelling", cities=" → ".join(esc(c) for c in cities)))
    return lines


def render_trip(itinerary: Itinerary, lang: str) -> str:
    """Render the whole trip, city by city, one line an event."""
    lines = [t(lang, "trip_heading", name=esc(itinerary.delegation.name))]
    placed = _events_by_stop(itinerary)
    for index, stop in enumerate(itinerary.stops):
        first, last = day_label(lang, stop.arrive), day_label(lang, stop.depart)
        heading = t(
            lang,
            "trip_stop",
            city=esc(stop.city),
            country=esc(stop.country),
            first=first,
            last=last,
        )
        lines += ["", heading]
        for event in placed[index]:
            local = zones.to_local(event.start, event.timezone)
            lines.append(f"{day_label(lang, local.date())} {local:%H:%M}  {esc(event.title)}")
    return "\n".join(lines)


def _events_by_stop(itinerary: Itinerary) -> dict[int, list[Event]]:
    """Put each event under the stop it happens in (on a travel day, by its zone)."""
    stops = itinerary.stops
    placed: dict[int, list[Event]] = {i: [] for i in range(len(stops))}
    if not stops:
        return placed
    for event in sorted(itinerary.events, key=lambda e: (e.start, e.key)):
        day = agenda.event_day(event)
        covering = [i for i, s in enumerate(stops) if s.covers(day)]
        same_zone = [i for i in covering if stops[i].timezone == event.timezone]
        nearest = min(range(len(stops)), key=lambda i: abs((stops[i].arrive - day).days))
        placed[(same_zone or covering or [nearest])[0]].append(event)
    return placed


def render_settings(lang: str, show_home_time: bool) -> str:
    """Render the member's settings."""
    home = t(lang, "on" if show_home_time else "off")
    return t(lang, "settings", home=home, language=t(lang, "language_name"))


def not_on_road(itinerary: Itinerary, lang: str) -> str | None:
    """Return the trip's dates, for a day outside it."""
    span = agenda.trip_span(itinerary.stops)
    if span is None:
        return None
    first, last = span
    return t(
        lang,
        "not_on_road",
        first=day_label(lang, first),
        last=f"{day_label(lang, last)} {last.year}",
    )


def day_in_trip(itinerary: Itinerary, day: date) -> bool:
    """Tell whether ``day`` is one of the trip's days."""
    span = agenda.trip_span(itinerary.stops)
    return span is not None and span[0] <= day <= span[1]


def describe_row(
    itinerary: Itinerary, kind: str, due: datetime, event_key: str | None, lang: str
) -> str:
    """One planned message: ``Tue 8 Jun 09:00 (Tegucigalpa, UTC−6) reminder: Meeting …``."""
    when_ = moment(due, agenda.zone_at(itinerary, due), itinerary.stops, lang)
    event = next((e for e in itinerary.events if e.key == event_key), None)
    title = f": {esc(event.title)}" if event else ""
    return f"{when_} {t(lang, f'kind_{kind}')}{title}"
