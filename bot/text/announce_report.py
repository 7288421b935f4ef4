"""The end of an announcement's delivery report: who missed it, and why."""

from __future__ import annotations

import html

from bot.text.i18n import t


def missed_text(missed: list[tuple[str, str]], lang: str) -> str:
    """``\\nNot reached: Kim Min-seo (blocked the bot), Lee (has not joined yet)``, or nothing."""
    if not missed:
        return ""
    names = ", ".join(
        f"{html.escape(name)} ({t(lang, f'missed_{reason}')})" for name, reason in missed
    )
    return "\n" + t(lang, "announce_missed", names=names)
