"""What one outbox row says when it is sent, or why it is skipped instead."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from bot.delivery.messages import render_briefing, render_notice, render_reminder
from bot.services.announcements import acknowledged_ids
from bot.services.outbox import event_from_payload
from bot.storage import models as db
from bot.text.i18n import pick_language, t
from bot.text.render import esc
from bot.text.views import Viewer, duration
from schedule import agenda
from schedule.itinerary import Event, Itinerary
from schedule.planner import delay_offline, lateness, reminder_ref, superseded_by

SUPERSEDED = "superseded by "  # the reason's prefix: such a row is marked ``superseded``


def compose(
    session: Session,
    row: db.Outbox,
    member: db.Member,
    itinerary: Itinerary | None,
    now: datetime,
    *,
    started: datetime,
) -> tuple[str | None, str | None]:
    """Return ``(text, None)`` to send, or ``(None, reason)`` to skip the row.

    ``started`` is when this dispatcher began: rows due before it fell due while the bot
    was down, and only those are worded as late.
    """
    viewer = Viewer(lang=pick_language(member.language, None), home=member.show_home_time)
    groups = tuple(
        session.exec(select(db.MemberGroup.group).where(db.MemberGroup.member_id == member.id))
    )
    if row.kind == "announcement":
        return _announcement(session, row, member, viewer.lang)
    if itinerary is None:
        return None, "there is no itinerary"
    if row.kind == "notice":
        after_data = row.payload.get("after")
        before = event_from_payload(row.event_key or "", row.payload["before"])
        after = event_from_payload(row.event_key or "", after_data) if after_data else None
        return render_notice(itinerary, row.payload["change"], before, after, viewer.lang), None
    if row.kind == "reminder":
        return _reminder(session, row, member, groups, itinerary, now, viewer, started)
    if row.kind == "briefing":
        if reason := lateness("briefing", row.due_at, None, now):
            return None, reason
        day = date.fromisoformat(row.ref.removeprefix("briefing:"))
        events = [
            e
            for e in agenda.day_agenda(itinerary.events, itinerary.stops, day).events
            if agenda.attends(e, member.key, groups)
        ]
        return render_briefing(itinerary, day, events, viewer), None
    return None, f"unknown kind {row.kind!r}"


def _reminder(
    session: Session,
    row: db.Outbox,
    member: db.Member,
    groups: tuple[str, ...],
    itinerary: Itinerary,
    now: datetime,
    viewer: Viewer,
    started: datetime,
) -> tuple[str | None, str | None]:
    event = next((e for e in itinerary.events if e.key == row.event_key), None)
    if event is None or not agenda.attends(event, member.key, groups):
        return None, "the event is cancelled or the member no longer attends"
    if reminder_ref(event, _lead(row.ref)) != row.ref:
        return None, "the event moved"
    if reason := lateness("reminder", row.due_at, event.start, now):
        return None, reason
    siblings = _due_siblings(session, row, event)
    if (later := superseded_by(row.due_at, siblings, now)) is not None:
        lead = round((event.start - later).total_seconds() / 60)
        return None, f"{SUPERSEDED}the {lead} min reminder, due at the same time"
    delay = delay_offline(row.due_at, started, now)
    row.late = delay is not None
    late = duration(viewer.lang, delay) if delay is not None else None
    return render_reminder(itinerary, event, now, viewer, late=late), None


def _due_siblings(session: Session, row: db.Outbox, event: Event) -> list[datetime]:
    """Return when the member's other live reminders of this event, at its start, fall due."""
    query = select(db.Outbox.ref, db.Outbox.due_at).where(
        db.Outbox.member_id == row.member_id,
        db.Outbox.kind == "reminder",
        db.Outbox.event_key == row.event_key,
        col(db.Outbox.status).in_(("pending", "sending")),
        db.Outbox.id != row.id,
    )
    return [due for ref, due in session.exec(query) if reminder_ref(event, _lead(ref)) == ref]


def _announcement(
    session: Session, row: db.Outbox, member: db.Member, lang: str
) -> tuple[str | None, str | None]:
    announcement = session.get(db.Announcement, row.payload.get("announcement"))
    if announcement is None or announcement.status == "cancelled":
        return None, "the announcement was cancelled"
    part = str(row.payload.get("part", "first"))
    if part != "first" and member.id in acknowledged_ids(session, announcement.id or 0):
        return None, "the member has already acknowledged"
    heading = t(lang, "announcement_reminder" if part != "first" else "announcement_heading")
    return f"{heading}\n\n{esc(announcement.text)}", None


def _lead(ref: str) -> int:
    """Read the lead time in minutes back out of a reminder's ref (``…-60m``)."""
    minutes = ref.rsplit("-", 1)[-1].removesuffix("m")
    return int(minutes) if minutes.isdigit() else -1
