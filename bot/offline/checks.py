"""What Telegram refuses in a text, a caption or a keyboard, checked as Telegram does."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from bot.offline.apicore import JSON, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
HTML_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}


def readable(params: JSON, name: str, limit: int, *, required: bool = True) -> tuple[str, str]:
    """Return ``(as sent, as shown)`` for a text or caption, refusing what Telegram refuses."""
    raw = params.get(name)
    html = "" if raw is None else str(raw)
    if not html.strip():
        if required:
            raise bad_request("message text is empty")
        return "", ""
    text = parse_html(html) if str(params.get("parse_mode", "")).upper() == "HTML" else html
    if len(text.encode("utf-16-le")) // 2 > limit:
        raise bad_request(
            "message is too long" if name == "text" else "message caption is too long"
        )
    return html, text


def checked_markup(markup: object) -> JSON | None:
    """Return an inline keyboard as JSON, refusing buttons Telegram would refuse."""
    if markup is None:
        return None
    data = json.loads(markup) if isinstance(markup, str) else markup
    if not isinstance(data, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in data.get("inline_keyboard", []):
        for button in row:
            callback = button.get("callback_data")
            if callback is not None and not 1 <= len(str(callback).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
    return data


class _EntityParser(HTMLParser):
    """Checks Telegram's HTML subset and collects the text a person would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS and self.error is None:
            self.error = f'unsupported start tag "{tag}" at byte offset {self.getpos()[1]}'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            if self.error is None:
                self.error = f'can\'t find end tag corresponding to start tag "{tag}"'
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_BAD_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def parse_html(html: str) -> str:
    """Return the text a person sees in Telegram HTML, refusing what Telegram cannot parse."""
    if _BAD_AMPERSAND.search(html):
        raise bad_request("can't parse entities: unsupported entity or unescaped '&'")
    if re.search(r"<(?![a-zA-Z/])", html):
        raise bad_request("can't parse entities: unescaped '<' in the text")
    parser = _EntityParser()
    parser.feed(html)
    parser.close()
    if parser.error is None and parser.stack:
        parser.error = f'can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
    if parser.error:
        raise bad_request(f"can't parse entities: {parser.error}")
    return "".join(parser.parts)
