"""Every text the bot sends: the catalogues (``bot.text.en``, ``bot.text.ko``) and lookup.

Templates take keyword arguments (``str.format``); the HTML in them is ours, and every
value put into them is escaped by the caller. A test checks that both catalogues have
the same keys and placeholders and that no Korean entry is left in English.
"""

from __future__ import annotations

from datetime import date

from bot.text.en import EN as EN
from bot.text.ko import KO as KO
from schedule import zones

LANGUAGES = ("en", "ko")
DEFAULT_LANGUAGE = "en"
KO_WEEKDAYS = "월화수목금토일"

CATALOGUES = {"en": EN, "ko": KO}


def pick_language(stored: str | None, telegram_code: str | None) -> str:
    """Return the member's language: their setting, else their Telegram language, else English."""
    if stored in CATALOGUES:
        return stored
    code = (telegram_code or "").split("-")[0].lower()
    return code if code in CATALOGUES else DEFAULT_LANGUAGE


def t(lang: str, key: str, /, **values: object) -> str:
    """Return the text ``key`` in ``lang``, filled with ``values``."""
    return CATALOGUES.get(lang, EN)[key].format(**values)


def day_label(lang: str, day: date) -> str:
    """Format a date as ``Tue 8 Jun`` or ``6월 8일 (화)``."""
    if lang == "ko":
        return f"{day.month}월 {day.day}일 ({KO_WEEKDAYS[day.weekday()]})"
    return zones.format_date(day)
