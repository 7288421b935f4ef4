"""The ``/settings`` message: every setting of a member, and buttons to change them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import ClassVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.access import MemberView
from bot.services.settings import Refused
from bot.text.callbacks import CallbackData
from bot.text.i18n import LANGUAGES, t
from bot.text.render import moment
from bot.text.views import render_settings
from schedule import agenda
from schedule.itinerary import Itinerary


@dataclass(frozen=True)
class SettingButton(CallbackData):
    """A settings button: ``set:home:1``, ``set:briefing:0``, ``set:mute:off``, ``set:lang:ko``."""

    PREFIX: ClassVar[str] = "set"
    setting: str
    value: str


def settings_keyboard(member: MemberView) -> InlineKeyboardMarkup:
    """Return buttons for home time, the briefing, muting and the other languages."""
    lang = member.lang
    home = "hide_home" if member.show_home_time else "show_home"
    briefing = "briefing_off" if member.briefing else "briefing_on"
    rows = [
        [
            _button(t(lang, home), "home", str(int(not member.show_home_time))),
            _button(t(lang, briefing), "briefing", str(int(not member.briefing))),
        ]
    ]
    if member.muted_until is not None:
        rows.append([_button(t(lang, "unmute"), "mute", "off")])
    rows.append(
        [_button(t(code, "language_name"), "lang", code) for code in LANGUAGES if code != lang]
    )
    return InlineKeyboardMarkup(rows)


def _button(label: str, setting: str, value: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=SettingButton(setting, value).pack())


def settings_text(member: MemberView, itinerary: Itinerary | None) -> str:
    """Render every setting of ``member``; lead times default to the delegation's."""
    lang = member.lang
    default_leads = itinerary.delegation.reminders if itinerary else ()
    leads = member.lead_times if member.lead_times is not None else default_leads
    shown = ", ".join(str(m) for m in leads)
    lead_text = (
        t(lang, "no_reminders")
        if not leads
        else t(lang, "lead_default" if member.lead_times is None else "lead_own", leads=shown)
    )
    more = t(
        lang,
        "settings_more",
        leads=lead_text,
        briefing=t(lang, "on" if member.briefing else "off"),
        muted=_muted(member, itinerary),
    )
    return "\n".join(
        [render_settings(lang, member.show_home_time), more, "", t(lang, "settings_usage")]
    )


def _muted(member: MemberView, itinerary: Itinerary | None) -> str:
    """Return when the mute ends, where the delegation will be then: its zone is named."""
    if member.muted_until is None:
        return t(member.lang, "not_muted")
    if itinerary is None:
        return moment(member.muted_until, "UTC", (), member.lang)
    zone = agenda.zone_at(itinerary, member.muted_until)
    return moment(member.muted_until, zone, itinerary.stops, member.lang)


def refusal_text(lang: str, refused: Refused) -> str:
    """Say why a typed setting was not stored, quoting what the member typed."""
    if refused.quoted is None:
        return t(lang, refused.key)
    return t(lang, refused.key, text=f"<i>{html.escape(refused.quoted)}</i>")
