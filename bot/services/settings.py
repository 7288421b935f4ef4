"""A member's own settings: reminder lead times, the briefing, muting, home time, language.

They are typed after ``/settings`` (``lead 30,10``, ``mute until 10 June``, ``mute 2h``,
``unmute``; in Korean ``알림 30,10``, ``중지 6월 10일``, ``중지 2시간``) or pressed as buttons.
Each change is one short session; the caller replans the outbox after it when
``Saved.replan`` says the outbox depends on what changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.services.members import set_briefing, set_lead_times, set_muted_until, update_settings
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from bot.text.i18n import LANGUAGES
from schedule import agenda, zones
from schedule.dates import parse_day, parse_duration
from schedule.itinerary import Itinerary

LEAD_MINUTES = range(1, 7 * 24 * 60 + 1)  # up to a week before an event
_NOT_A_LIST = re.compile(r"[^\d,\s]")
WORDS = {
    "lead": "lead",
    "leads": "lead",
    "reminders": "lead",
    "알림": "lead",
    "briefing": "briefing",
    "브리핑": "briefing",
    "mute": "mute",
    "중지": "mute",
    "unmute": "unmute",
    "중지해제": "unmute",
    "default": "default",
    "기본": "default",
    "on": "on",
    "켜기": "on",
    "off": "off",
    "끄기": "off",
    "해제": "off",
}
_FLAGS = {"1": True, "0": False}


@dataclass(frozen=True)
class Saved:
    """A setting was stored; ``replan`` when the planned reminders depend on it."""

    replan: bool


@dataclass(frozen=True)
class Refused:
    """Why a typed setting was not stored: a catalogue key and the member's text to quote."""

    key: str
    quoted: str | None = None


def lead_times(text: str) -> list[int] | None:
    """Return the minutes in ``30, 10``, or None unless it is only such numbers, 1 to 10080."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers or _NOT_A_LIST.search(text) or not all(n in LEAD_MINUTES for n in numbers):
        return None
    return numbers


_UNTIL = re.compile(r"^(?:until|till|til|for)\s+|\s*(?:까지|동안)$")


def mute_until(itinerary: Itinerary | None, text: str, *, now: datetime) -> datetime | None:
    """Return when a mute ``text`` asks for ends, or None if it names no day or duration.

    ``2h``, ``30m`` count from ``now``; a day (``until 9 June``, ``6월 9일까지``) is muted
    through its end where the delegation is that night.
    """
    text = _UNTIL.sub("", text.strip())
    if (span := parse_duration(text)) is not None:
        return now + span
    if itinerary is None or not text:
        return None
    day = parse_day(text, today=agenda.local_today(itinerary, now))
    return None if day is None else zones.day_bounds(day, _night_zone(itinerary, day))[1]


def _night_zone(itinerary: Itinerary, day: date) -> str:
    """Return the zone the delegation ends local ``day`` in: on a travel day, the city reached."""
    stops = agenda.stops_on(itinerary.stops, day)
    return stops[-1].timezone if stops else itinerary.delegation.home_timezone


def apply_typed(
    engine: Engine, member_id: int, args: Sequence[str], *, now: datetime
) -> Saved | Refused:
    """Apply ``lead 30,10``, ``briefing off``, ``mute 2h`` or ``unmute``, or say why not."""
    what, rest = WORDS.get(args[0].lower(), args[0]), " ".join(args[1:]).strip()
    word = WORDS.get(rest.lower())
    with session_scope(engine) as session:
        if what == "unmute" and not rest:
            set_muted_until(session, member_id, None)
            return Saved(replan=True)
        if what == "lead":
            return _lead(session, member_id, rest)
        if what == "briefing" and word in ("on", "off"):
            set_briefing(session, member_id, word == "on")
            return Saved(replan=True)
        if what == "mute":
            return _mute(session, member_id, rest, now=now)
    return Refused("settings_usage")


def _lead(session: Session, member_id: int, text: str) -> Saved | Refused:
    if WORDS.get(text.lower()) == "default":
        set_lead_times(session, member_id, None)
        return Saved(replan=True)
    if (minutes := lead_times(text)) is None:
        return Refused("settings_bad_lead")
    set_lead_times(session, member_id, minutes)
    return Saved(replan=True)


def _mute(session: Session, member_id: int, text: str, *, now: datetime) -> Saved | Refused:
    if WORDS.get(text.lower()) == "off":
        set_muted_until(session, member_id, None)
        return Saved(replan=True)
    if (until := mute_until(load_itinerary(session), text, now=now)) is None:
        return Refused("settings_bad_mute", quoted=text)
    if until <= now:
        return Refused("settings_mute_past", quoted=_UNTIL.sub("", text))  # the day alone
    set_muted_until(session, member_id, until)
    return Saved(replan=True)


def apply_button(engine: Engine, member_id: int, setting: str, value: str) -> Saved | None:
    """Apply a pressed settings button; None for one the settings never offer."""
    flag = _FLAGS.get(value)
    with session_scope(engine) as session:
        if setting == "home" and flag is not None:
            update_settings(session, member_id, show_home_time=flag)
            return Saved(replan=False)
        if setting == "lang" and value in LANGUAGES:
            update_settings(session, member_id, language=value)
            return Saved(replan=False)
        if setting == "briefing" and flag is not None:
            set_briefing(session, member_id, flag)
            return Saved(replan=True)
        if setting == "mute" and value == "off":
            set_muted_until(session, member_id, None)
            return Saved(replan=True)
    return None
