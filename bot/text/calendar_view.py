"""The reply to ``/calendar``: the member's private subscription address, in two forms."""

from __future__ import annotations

from html import escape

from bot.text.i18n import t

FEED_PATH = "/calendar/{token}.ics"


def feed_urls(base: str, token: str) -> tuple[str, str]:
    """Return the ``https://`` (or ``http://``) address and its ``webcal://`` twin."""
    url = base.rstrip("/") + FEED_PATH.format(token=token)
    scheme, _, rest = url.partition("://")
    return url, f"webcal://{rest}" if scheme in ("http", "https") else url


def render_calendar_address(lang: str, token: str, base: str | None, *, reset: bool) -> str:
    """Return the /calendar reply: both addresses, or the path when no feed is served."""
    lead = t(lang, "calendar_reset_done") if reset else t(lang, "calendar_intro")
    if base is None:
        path = FEED_PATH.format(token=token)
        return f"{lead}\n\n<code>{escape(path)}</code>\n\n{t(lang, 'calendar_not_served')}"
    url, webcal = feed_urls(base, token)
    return (
        f"{lead}\n\n{t(lang, 'calendar_webcal')}\n<code>{escape(webcal)}</code>\n\n"
        f"{t(lang, 'calendar_https')}\n<code>{escape(url)}</code>\n\n{t(lang, 'calendar_private')}"
    )
