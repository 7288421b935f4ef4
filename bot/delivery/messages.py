"""The texts of messages the bot sends on its own: reminders, briefings, change notices."""

from __future__ import annotations

from datetime import date, datetime

from bot.text.i18n import day_label, t
from bot.text.render import esc, render_event, when
from bot.text.views import Viewer, event_card
from schedule import agenda, zones
from schedule.itinerary import Event, Itinerary


def render_reminder(
    itinerary: Itinerary, event: Event, now: datetime, viewer: Viewer, *, late: str | None = None
) -> str:
    """What, when (local, city, how soon), where (with a map link), with whom; a flight in
    both its zones. ``late`` is how late it is sent after the bot was down."""
    heading = t(viewer.lang, "reminder_heading", title=esc(event.title))
    lines = event_card(itinerary, event, now, viewer, heading)
    if late is not None:
        lines.append(t(viewer.lang, "reminder_late_by", delta=late))
    return "\n".join(lines)


def render_briefing(itinerary: Itinerary, day: date, events: list[Event], viewer: Viewer) -> str:
    """The morning briefing: the day's events in the city the delegation wakes up in."""
    lang = viewer.lang
    stops = agenda.stops_on(itinerary.stops, day)
    city = stops[0].city if stops else ""
    lines = [t(lang, "briefing_heading", city=esc(city))]
    if not events:
        lines.append(t(lang, "nothing_on"))
    lines += [render_event(e, itinerary, lang=lang, home=viewer.home) for e in events]
    return "\n\n".join(lines)


def _moment(event: Event, itinerary: Itinerary, lang: str) -> str:
    local_day = day_label(lang, zones.local_date(event.start, event.timezone))
    where = ", ".join(esc(p) for p in (event.venue, event.address) if p)
    return f"{local_day} {when(event, itinerary.stops)}" + (f", {where}" if where else "")


def render_notice(
    itinerary: Itinerary, change: str, before: Event, after: Event | None, lang: str
) -> str:
    """A change notice: before → after, or that the event is cancelled or not for them."""
    if change == "cancelled" or after is None:
        return t(
            lang,
            "notice_cancelled",
            title=esc(before.title),
            when=_moment(before, itinerary, lang),
        )
    if change == "added":
        return t(
            lang, "notice_added", title=esc(after.title), when=_moment(after, itinerary, lang)
        )
    if change == "removed":
        return t(
            lang, "notice_removed", title=esc(before.title), when=_moment(before, itinerary, lang)
        )
    return "\n".join(
        [
            t(lang, "notice_changed", title=esc(after.title)),
            t(lang, "notice_before", text=_moment(before, itinerary, lang)),
            t(lang, "notice_after", text=_moment(after, itinerary, lang)),
        ]
    )
