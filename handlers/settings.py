"""``/settings``: home time, language, reminder lead times, the morning briefing, muting.

Buttons flip home time, the briefing and muting and switch language; lead times and a
mute date are typed: ``/settings lead 30,10``, ``/settings mute 10 June`` (or in Korean,
``/settings 알림 30,10``, ``/settings 중지 6월 10일``).
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.members import set_briefing, set_lead_times, set_muted_until, update_settings
from bot.storage.db import session_scope
from bot.text.i18n import LANGUAGES, day_label, t
from bot.text.views import render_settings
from handlers.common import MemberView, current_itinerary, local_today, reply, require_member
from schedule import zones
from schedule.agenda import stops_on
from schedule.dates import parse_day

SETTINGS_PREFIX = "set:"
WORDS = {
    "lead": "lead",
    "leads": "lead",
    "reminders": "lead",
    "알림": "lead",
    "briefing": "briefing",
    "브리핑": "briefing",
    "mute": "mute",
    "중지": "mute",
    "default": "default",
    "기본": "default",
    "on": "on",
    "켜기": "on",
    "off": "off",
    "끄기": "off",
    "해제": "off",
}


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/settings`` and its buttons."""
    app.add_handler(CommandHandler("settings", settings))
    app.add_handler(CallbackQueryHandler(on_setting, pattern=f"^{SETTINGS_PREFIX}"))


def settings_keyboard(member: MemberView) -> InlineKeyboardMarkup:
    """Return buttons for home time, the briefing, muting and the other languages."""
    lang = member.lang
    home = "hide_home" if member.show_home_time else "show_home"
    briefing = "briefing_off" if member.briefing else "briefing_on"
    row = [
        InlineKeyboardButton(
            t(lang, home), callback_data=f"{SETTINGS_PREFIX}home:{int(not member.show_home_time)}"
        ),
        InlineKeyboardButton(
            t(lang, briefing),
            callback_data=f"{SETTINGS_PREFIX}briefing:{int(not member.briefing)}",
        ),
    ]
    rows = [row]
    if member.muted_until is not None:
        rows.append(
            [InlineKeyboardButton(t(lang, "unmute"), callback_data=f"{SETTINGS_PREFIX}mute:off")]
        )
    rows.append(
        [
            InlineKeyboardButton(
                t(code, "language_name"), callback_data=f"{SETTINGS_PREFIX}lang:{code}"
            )
            for code in LANGUAGES
            if code != lang
        ]
    )
    return InlineKeyboardMarkup(rows)


def settings_text(member: MemberView, default_leads: tuple[int, ...], zone: str) -> str:
    """Render every setting of ``member``."""
    lang = member.lang
    leads = member.lead_times if member.lead_times is not None else default_leads
    shown = ", ".join(str(m) for m in leads)
    lead_text = (
        t(lang, "no_reminders")
        if not leads
        else t(lang, "lead_default" if member.lead_times is None else "lead_own", leads=shown)
    )
    muted = t(lang, "not_muted")
    if member.muted_until is not None:
        local = zones.to_local(member.muted_until, zone)
        muted = f"{day_label(lang, local.date())} {local:%H:%M}"
    more = t(
        lang,
        "settings_more",
        leads=lead_text,
        briefing=t(lang, "on" if member.briefing else "off"),
        muted=muted,
    )
    return "\n".join(
        [render_settings(lang, member.show_home_time), more, "", t(lang, "settings_usage")]
    )


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the settings with buttons, or apply one typed after the command."""
    if not (member := await require_member(update, context)):
        return
    if not _private(update):
        await reply(update, t(member.lang, "settings_private"))
        return
    if context.args:
        problem = _apply_typed(context, member, context.args)
        if problem is not None:
            await reply(update, problem)
            return
        member = await require_member(update, context) or member
    await _show(update, context, member)


async def _show(update: Update, context: ContextTypes.DEFAULT_TYPE, member: MemberView) -> None:
    itinerary = current_itinerary(context)
    leads = itinerary.delegation.reminders if itinerary else ()
    zone = itinerary.delegation.home_timezone if itinerary else "UTC"
    await reply(update, settings_text(member, leads, zone), settings_keyboard(member))


def _apply_typed(
    context: ContextTypes.DEFAULT_TYPE, member: MemberView, args: list[str]
) -> str | None:
    """Apply ``lead 30,10``, ``briefing off``, ``mute 10 June``; return a problem, if any."""
    what, rest = WORDS.get(args[0].lower(), args[0]), " ".join(args[1:]).strip()
    shared = state(context)
    with session_scope(shared.engine) as session:
        if what == "lead":
            if WORDS.get(rest.lower()) == "default":
                set_lead_times(session, member.id, None)
            else:
                numbers = [int(n) for n in re.findall(r"\d+", rest)]
                if (
                    not numbers
                    or not all(0 < n <= 10080 for n in numbers)
                    or re.search(r"[^\d,\s]", rest)
                ):
                    return t(member.lang, "settings_bad_lead")
                set_lead_times(session, member.id, numbers)
        elif what == "briefing" and WORDS.get(rest.lower()) in ("on", "off"):
            set_briefing(session, member.id, WORDS[rest.lower()] == "on")
        elif what == "mute":
            if WORDS.get(rest.lower()) == "off":
                set_muted_until(session, member.id, None)
            else:
                until = _mute_until(context, rest)
                if until is None:
                    return t(member.lang, "settings_bad_mute", text=f"<i>{html.escape(rest)}</i>")
                set_muted_until(session, member.id, until)
        else:
            return t(member.lang, "settings_usage")
    shared.alarm.replan()
    return None


def _mute_until(context: ContextTypes.DEFAULT_TYPE, text: str) -> datetime | None:
    """Return the instant a mute ends: the start of that day where the delegation is."""
    itinerary = current_itinerary(context)
    if itinerary is None or not text:
        return None
    day = parse_day(text, today=local_today(itinerary, context))
    if day is None:
        return None
    stops = stops_on(itinerary.stops, day)
    zone = stops[0].timezone if stops else itinerary.delegation.home_timezone
    return zones.day_bounds(day, zone)[0]


async def on_setting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply a settings button and redraw the settings in place."""
    query = update.callback_query
    if query is None or not (member := await require_member(update, context)):
        return
    if not _private(update):
        await query.answer(t(member.lang, "settings_private"), show_alert=True)
        return
    _, name, value = ((query.data or "") + "::").split(":")[:3]
    shared = state(context)
    with session_scope(shared.engine) as session:
        if name == "home":
            update_settings(session, member.id, show_home_time=value == "1")
        elif name == "lang" and value in LANGUAGES:
            update_settings(session, member.id, language=value)
        elif name == "briefing":
            set_briefing(session, member.id, value == "1")
        elif name == "mute":
            set_muted_until(session, member.id, None)
        else:
            await query.answer()
            return
    if name in ("briefing", "mute"):
        shared.alarm.replan()
    member = await require_member(update, context) or member
    await query.answer(t(member.lang, "saved"))
    itinerary = current_itinerary(context)
    leads = itinerary.delegation.reminders if itinerary else ()
    zone = itinerary.delegation.home_timezone if itinerary else "UTC"
    await query.edit_message_text(
        settings_text(member, leads, zone),
        parse_mode=ParseMode.HTML,
        reply_markup=settings_keyboard(member),
    )
