"""Typed callback data: one frozen dataclass per button family, packed to at most 64 bytes.

As aiogram's ``CallbackData``: a subclass names its ``PREFIX`` and its fields (``int``,
``str``, ``bool`` or ``date``); ``pack()`` writes ``prefix:field:field``, and ``unpack()``
reads back only what that class wrote, returning None for anything else. Only the last
field may contain a colon.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, ClassVar, Self, get_type_hints

MAX_BYTES = 64  # Telegram's limit on callback_data
SEPARATOR = ":"


class CallbackDataError(ValueError):
    """A button whose data would not fit Telegram's 64 bytes or cannot be read back."""


@dataclasses.dataclass(frozen=True)
class CallbackData:
    """The base of every button family; subclasses are frozen dataclasses with a prefix."""

    PREFIX: ClassVar[str] = ""

    def pack(self) -> str:
        """Return ``prefix:field:…``; refuse data Telegram would not take back."""
        values = [_write(getattr(self, f.name)) for f in dataclasses.fields(self)]
        if any(SEPARATOR in v for v in values[:-1]):
            raise CallbackDataError(f"only the last field of {self.PREFIX!r} may contain ':'")
        data = SEPARATOR.join([self.PREFIX, *values])
        if len(data.encode()) > MAX_BYTES:
            raise CallbackDataError(f"{data!r} is over {MAX_BYTES} bytes")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """Return the button ``data`` describes, or None if this class did not write it."""
        fields = dataclasses.fields(cls)
        prefix, _, rest = (data or "").partition(SEPARATOR)
        if prefix != cls.PREFIX:
            return None
        parts = rest.split(SEPARATOR, len(fields) - 1) if fields else []
        if len(parts) != len(fields) or (not fields and rest):
            return None
        types = get_type_hints(cls)
        values: dict[str, Any] = {}
        for field, text in zip(fields, parts, strict=True):
            value = _read(types[field.name], text)
            if value is None:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """Return the regular expression PTB's ``CallbackQueryHandler`` matches this family by."""
        return f"^{cls.PREFIX}(:|$)"


def _write(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _read(kind: Any, text: str) -> object | None:
    """Return ``text`` read as ``kind``, or None if it is not one."""
    if kind is bool:
        return {"1": True, "0": False}.get(text)
    if kind is int:
        return int(text) if text.lstrip("-").isdigit() else None
    if kind is date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if kind is str:
        return text
    raise TypeError(f"callback data cannot hold {kind!r}")
