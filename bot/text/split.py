"""Fitting text into Telegram messages: UTF-16 lengths, splits at line breaks, balanced HTML."""

from __future__ import annotations

import re

MAX_MESSAGE = 4096


def units(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units (an emoji is often two)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split ``text`` at line breaks into pieces Telegram accepts (a long line is cut)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        if units(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            *whole, line = cut_html(line, limit)
            pieces += whole
        candidate = f"{current}\n{line}" if current else line
        if units(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces or [text[:limit]]


_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|.", re.DOTALL)


def cut_html(line: str, limit: int) -> list[str]:
    """Cut one long line of HTML into pieces, never inside a tag or an entity.

    A tag open at a cut is closed at the end of the piece and opened again in the next.
    """
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag)
    current, size = "", 0
    for token in _TOKEN.findall(line):
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        if size + units(token) + units(closing) > limit and current:
            pieces.append(current + closing)
            current = "".join(opening for _, opening in stack)
            size = units(current)
        current += token
        size += units(token)
        if token.startswith("</"):
            if stack:
                stack.pop()
        elif token.startswith("<") and len(token) > 1:
            stack.append((token[1:-1].split()[0], token))
    pieces.append(current)
    return pieces
