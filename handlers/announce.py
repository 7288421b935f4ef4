"""Organisers reach every member: ``/announce``, "Got it", ``/acks``, ``/scheduled``.

``/announce [to:GROUP|to:event:KEY] [nudge:MINUTES] [at HH:MM [day] [in CITY]] text``
shows a preview with the number of recipients and audience buttons; Send queues it in the
outbox (or for its time), Cancel drops it. Members acknowledge with the button under it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services import announcements as ann
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.i18n import day_label, t
from handlers.common import (
    current_itinerary,
    local_today,
    reply,
    require_member,
    require_organiser,
)
from schedule import agenda, zones
from schedule.dates import parse_day
from schedule.itinerary import Itinerary

PREFIX = "ann:"
KOREAN_OPTIONS = {"대상:": "to:", "일정:": "to:event:", "재알림:": "nudge:"}


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the announcement commands and buttons."""
    app.add_handler(CommandHandler("announce", announce))
    app.add_handler(CommandHandler("acks", acks))
    app.add_handler(CommandHandler("scheduled", scheduled))
    app.add_handler(CallbackQueryHandler(on_announce, pattern=f"^{PREFIX}"))
    app.add_handler(CallbackQueryHandler(on_ack, pattern="^ack:"))


@dataclass
class Options:
    """What may stand in front of an announcement's text."""

    audience: str = "all"
    nudge: int | None = None
    at: datetime | None = None
    bad_time: bool = False


def parse_options(words: list[str], context: ContextTypes.DEFAULT_TYPE) -> tuple[Options, str]:
    """Read ``to:…``, ``nudge:N`` and ``at HH:MM …`` in front of the text."""
    options = Options()
    while words:
        head = words[0].lower()
        for korean, english in KOREAN_OPTIONS.items():
            if head.startswith(korean):
                head = english + head[len(korean) :]
        if head.startswith("to:"):
            target = head[3:]
            options.audience = (
                target if target == "all" or target.startswith("event:") else f"group:{target}"
            )
            words = words[1:]
        elif re.fullmatch(r"nudge:\d+", head):
            options.nudge = int(head[6:])
            words = words[1:]
        elif (
            head in ("at", "시각", "예약")
            and len(words) > 1
            and re.fullmatch(r"\d{1,2}:\d{2}", words[1])
        ):
            options.at, words = _read_time(words[1:], context)
            options.bad_time = options.at is None
        else:
            break
    return options, " ".join(words).strip()


def _read_time(
    words: list[str], context: ContextTypes.DEFAULT_TYPE
) -> tuple[datetime | None, list[str]]:
    """``07:00 [tomorrow | 10 June] [in Lima]``: an instant in the city the delegation is in."""
    itinerary = current_itinerary(context)
    if itinerary is None:
        return None, words[1:]
    hour, minute = (int(x) for x in words[0].split(":"))
    rest = words[1:]
    today = local_today(itinerary, context)
    day = today
    for size in (3, 2, 1):
        if len(rest) >= size and (found := parse_day(" ".join(rest[:size]), today=today)):
            day, rest = found, rest[size:]
            break
    stops = agenda.stops_on(itinerary.stops, day)
    zone = stops[0].timezone if stops else itinerary.delegation.home_timezone
    if len(rest) >= 2 and rest[0].lower() == "in":
        for stop in itinerary.stops:
            size = len(stop.city.split())
            if " ".join(rest[1 : 1 + size]).lower() == stop.city.lower():
                zone, rest = stop.timezone, rest[1 + size :]
                break
    try:
        naive = datetime(day.year, day.month, day.day, hour, minute)  # noqa: DTZ001
        return zones.localize(naive, zone), rest
    except (ValueError, zones.LocalTimeError):
        return None, rest


def audience_label(audience: str, lang: str) -> str:
    """``everyone``, ``group advance``, ``attendees of cabei-meeting``."""
    kind, _, value = audience.partition(":")
    if kind == "group":
        return t(lang, "audience_group", name=html.escape(value))
    if kind == "event":
        return t(lang, "audience_event", name=html.escape(value))
    return t(lang, "audience_all")


def local_when(instant: datetime, itinerary: Itinerary | None, lang: str) -> str:
    """``Wed 9 Jun 07:00 (Panama City, UTC−5)``: where the delegation is at that instant."""
    if itinerary is None:
        return f"{instant:%Y-%m-%d %H:%M} UTC"
    stop = agenda.where_at(itinerary.stops, itinerary.events, instant)
    zone = stop.timezone if stop else itinerary.delegation.home_timezone
    local = zones.to_local(instant, zone)
    city = html.escape(agenda.city_for_zone(itinerary.stops, zone))
    offset = zones.offset_label(instant, zone)
    return f"{day_label(lang, local.date())} {local:%H:%M} ({city}, {offset})"


def preview(
    announcement: db.Announcement,
    recipients: ann.Recipients,
    lang: str,
    itinerary: Itinerary | None,
) -> str:
    """The draft as the organiser checks it before sending."""
    lines = [
        t(
            lang,
            "announce_preview",
            audience=audience_label(announcement.audience, lang),
            count=len(recipients.reachable),
        )
    ]
    if recipients.unreachable:
        lines.append(t(lang, "announce_unreachable", count=len(recipients.unreachable)))
    if announcement.send_at is not None:
        lines.append(
            t(lang, "announce_at", when=local_when(announcement.send_at, itinerary, lang))
        )
    if announcement.nudge_minutes:
        lines.append(t(lang, "announce_nudge", minutes=announcement.nudge_minutes))
    return "\n".join(lines) + "\n\n" + html.escape(announcement.text)


def preview_keyboard(announcement_id: int, groups: list[str], lang: str) -> InlineKeyboardMarkup:
    """Audience buttons, then Send and Cancel."""
    audiences = [
        InlineKeyboardButton(
            t(lang, "audience_all"), callback_data=f"{PREFIX}to:{announcement_id}:all"
        )
    ]
    audiences += [
        InlineKeyboardButton(g, callback_data=f"{PREFIX}to:{announcement_id}:group:{g}")
        for g in groups[:6]
    ]
    return InlineKeyboardMarkup(
        [
            audiences,
            [
                InlineKeyboardButton(
                    t(lang, "send"), callback_data=f"{PREFIX}send:{announcement_id}"
                ),
                InlineKeyboardButton(
                    t(lang, "cancel"), callback_data=f"{PREFIX}drop:{announcement_id}"
                ),
            ],
        ]
    )


def _groups(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    with session_scope(state(context).engine) as session:
        return sorted(set(session.exec(select(db.MemberGroup.group))))


async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Draft an announcement and show its preview (organisers only)."""
    if not (organiser := await require_organiser(update, context)):
        return
    options, text = parse_options(list(context.args or []), context)
    if not text:
        await reply(update, t(organiser.lang, "announce_usage"))
        return
    if options.bad_time:
        await reply(update, t(organiser.lang, "announce_bad_time"))
        return
    shared = state(context)
    with session_scope(shared.engine) as session:
        draft = ann.create(
            session,
            text,
            by=organiser.id,
            now=shared.clock.now(),
            audience=options.audience,
            send_at=options.at,
            nudge_minutes=options.nudge,
        )
        shown = preview(
            draft,
            ann.audience_members(session, draft.audience),
            organiser.lang,
            current_itinerary(context),
        )
        draft_id = draft.id or 0
    await reply(update, shown, preview_keyboard(draft_id, _groups(context), organiser.lang))


async def on_announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Audience, Send, Cancel, Resend and Unschedule buttons (organisers only)."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    action, _, rest = (query.data or "").removeprefix(PREFIX).partition(":")
    number, _, value = rest.partition(":")
    if not number.isdigit():
        await query.answer()
        return
    announcement_id = int(number)
    shared = state(context)
    now = shared.clock.now()
    lang = organiser.lang
    with session_scope(shared.engine) as session:
        announcement = session.get(db.Announcement, announcement_id)
        if announcement is None:
            await query.answer()
            return
        if action == "to" and announcement.status == "draft":
            announcement.audience = value
            session.add(announcement)
            text = preview(
                announcement,
                ann.audience_members(session, value),
                lang,
                current_itinerary(context),
            )
            markup: InlineKeyboardMarkup | None = preview_keyboard(
                announcement_id, _groups(context), lang
            )
        elif action == "send" and announcement.status == "draft":
            count = ann.queue(session, announcement_id, now=now)
            if announcement.status == "scheduled":
                text, markup = t(lang, "announce_scheduled", count=count), None
            else:
                text, markup = (
                    t(lang, "announce_progress", delivered=0, total=count, unreachable=0),
                    None,
                )
                announcement.report_chat_id = query.message.chat.id if query.message else None
                announcement.report_message_id = (
                    query.message.message_id if query.message else None
                )
                announcement.report_text = text
                session.add(announcement)
        elif action in ("drop", "unschedule") and ann.cancel(session, announcement_id):
            text, markup = t(lang, "announce_cancelled"), None
        elif action == "again":
            count = ann.resend_to_silent(session, announcement_id, now=now)
            await query.answer(t(lang, "announce_resent", count=count), show_alert=True)
            shared.alarm.arm()
            return
        else:
            await query.answer()
            return
    await query.answer()
    shared.alarm.arm()
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def on_ack(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A member pressed "Got it": record it and show that it was recorded."""
    query = update.callback_query
    if query is None or not (member := await require_member(update, context)):
        return
    number = (query.data or "").removeprefix("ack:")
    if not number.isdigit():
        await query.answer()
        return
    shared = state(context)
    with session_scope(shared.engine) as session:
        recorded = ann.acknowledge(session, int(number), member.id, now=shared.clock.now())
    await query.answer(t(member.lang, "got_it_recorded") if recorded else None)
    if recorded:
        done = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t(member.lang, "got_it_recorded"), callback_data=f"ack:{number}"
                    )
                ]
            ]
        )
        await query.edit_message_reply_markup(reply_markup=done)


def acks_text(
    session_data: tuple[db.Announcement, list[str], list[str], list[str]], lang: str
) -> str:
    """Who acknowledged, who has not, who cannot be reached."""
    announcement, acked, silent, unreachable = session_data
    lines = [t(lang, "acks_heading", text=html.escape(announcement.text[:60]))]
    lines.append(t(lang, "acks_yes", count=len(acked), names=", ".join(acked) or "—"))
    lines.append(t(lang, "acks_no", count=len(silent), names=", ".join(silent) or "—"))
    lines.append(
        t(lang, "acks_unreachable", count=len(unreachable), names=", ".join(unreachable) or "—")
    )
    return "\n".join(lines)


async def acks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/acks [number]``: who acknowledged the last (or given) announcement."""
    if not (organiser := await require_organiser(update, context)):
        return
    with session_scope(state(context).engine) as session:
        announcement = (
            session.get(db.Announcement, int(context.args[0]))
            if context.args and context.args[0].isdigit()
            else ann.latest(session)
        )
        if announcement is None or announcement.id is None:
            await reply(update, t(organiser.lang, "acks_none"))
            return
        acked_ids = ann.acknowledged_ids(session, announcement.id)
        recipients = ann.audience_members(session, announcement.audience)
        acked = [html.escape(m.name) for m in recipients.reachable if m.id in acked_ids]
        silent = [html.escape(m.name) for m in recipients.reachable if m.id not in acked_ids]
        unreachable = [html.escape(m.name) for m in recipients.unreachable]
        text = acks_text((announcement, acked, silent, unreachable), organiser.lang)
        number = announcement.id
    markup = None
    if silent:
        label = t(organiser.lang, "announce_again", count=len(silent))
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=f"{PREFIX}again:{number}")]]
        )
    await reply(update, text, markup)


async def scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/scheduled``: announcements waiting for their time, each with a cancel button."""
    if not (organiser := await require_organiser(update, context)):
        return
    itinerary = current_itinerary(context)
    with session_scope(state(context).engine) as session:
        waiting = [(a.id or 0, a.send_at, a.text) for a in ann.scheduled(session)]
    if not waiting:
        await reply(update, t(organiser.lang, "scheduled_none"))
        return
    lines, buttons = [t(organiser.lang, "scheduled_heading")], []
    for number, send_at, text in waiting:
        assert send_at is not None
        when = local_when(send_at, itinerary, organiser.lang)
        lines.append(f"{number}. {when}: {html.escape(text[:80])}")
        buttons.append(
            [
                InlineKeyboardButton(
                    t(organiser.lang, "unschedule", number=number),
                    callback_data=f"{PREFIX}unschedule:{number}",
                )
            ]
        )
    await reply(update, "\n".join(lines), InlineKeyboardMarkup(buttons))
