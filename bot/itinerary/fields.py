"""Field readers for the itinerary checker: one function per kind of value.

Each reader takes the mapping it reads from, the mapping's path and the field name,
records a ``Problem`` with place and line when the value is wrong, and returns the
value (or a default) so that checking goes on and every error is found in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from datetime import date, time

from bot.itinerary.source import Problem, Source, child

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{3,32}$")
Mapping = dict[str, object]


class Reader:
    """Reads typed values out of a ``Source`` and collects what is wrong."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = list(source.problems)

    def fail(self, path: str, message: str) -> None:
        """Record a problem at ``path``, unless reading it already failed there."""
        if path in self.source.unreadable:
            return
        self.problems.append(Problem(path, message, self.source.line(path)))

    def mapping(self, value: object, path: str, allowed: Collection[str]) -> Mapping | None:
        """Return ``value`` if it is a mapping whose fields are all ``allowed``."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping of fields, got {_kind(value)}")
            return None
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, list(allowed), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                known = ", ".join(sorted(allowed))
                self.fail(child(path, name), f"unknown field {name!r}{hint} (known: {known})")
        return value

    def items(self, data: Mapping, path: str, name: str) -> list[object]:
        """Return the list under ``name`` (missing or null is an empty list)."""
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(child(path, name), f"expected a list, got {_kind(value)}")
            return []
        return value

    def text(self, data: Mapping, path: str, name: str, *, required: bool = False) -> str | None:
        """Return a text field; any plain scalar is read as the text it was written as."""
        value = data.get(name)
        place = child(path, name)
        if value is None:
            if required:
                self.fail(place, f"{name!r} is required" if name not in data else "is empty")
            return None
        if isinstance(value, dict | list):
            self.fail(place, f"expected text, got {_kind(value)}")
            return None
        raw = self.source.raw(place)
        result = (raw if raw is not None else str(value)).strip()
        if not result and required:
            self.fail(place, "is empty")
            return None
        return result or None

    def key(self, data: Mapping, path: str, name: str = "key") -> str | None:
        """Return a key: lowercase letters, digits and '-'."""
        value = self.text(data, path, name, required=True)
        if value is not None and not KEY_PATTERN.match(value):
            self.fail(
                child(path, name),
                f"{value!r} is not a valid key: use lowercase letters, digits and '-'",
            )
            return None
        return value

    def texts(self, data: Mapping, path: str, name: str) -> tuple[str, ...]:
        """Return a list of texts (a single text is taken as a list of one)."""
        value = data.get(name)
        place = child(path, name)
        if value is None:
            return ()
        if not isinstance(value, list):
            value = [value]
            one = self.text(data, path, name)
            return (one,) if one else ()
        result = []
        for index, item in enumerate(value):
            where = child(place, index)
            if item is None or isinstance(item, dict | list):
                self.fail(where, f"expected text, got {_kind(item)}")
                continue
            raw = self.source.raw(where)
            result.append((raw if raw is not None else str(item)).strip())
        return tuple(result)

    def choice(self, data: Mapping, path: str, name: str, options: tuple[str, ...]) -> str:
        """Return one of ``options``; the first is the default."""
        value = self.text(data, path, name)
        if value is None:
            return options[0]
        if value not in options:
            self.fail(child(path, name), f"{value!r} is not one of: {', '.join(options)}")
            return options[0]
        return value

    def date(self, data: Mapping, path: str, name: str) -> date | None:
        """Return a required ``YYYY-MM-DD`` date."""
        value = self.text(data, path, name, required=True)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(child(path, name), f"{value!r} is not a date; write it as YYYY-MM-DD")
            return None

    def clock_time(self, data: Mapping, path: str, name: str, default: time) -> time | None:
        """Return an ``HH:MM`` time of day; null turns it off, leaving it out gives the default."""
        if name not in data:
            return default
        value = self.text(data, path, name)
        if value is None:
            return None
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.fail(child(path, name), f"{value!r} is not a time of day; write it as HH:MM")
            return default
        return time(int(match[1]), int(match[2]))

    def integer(self, data: Mapping, path: str, name: str) -> int | None:
        """Return an optional whole number."""
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(child(path, name), f"expected a whole number, got {_kind(value)}")
            return None
        return value

    def minutes(
        self, data: Mapping, path: str, name: str, default: tuple[int, ...]
    ) -> tuple[int, ...]:
        """Return a list of distinct lead times in minutes (1 minute to 7 days)."""
        if name not in data:
            return default
        place = child(path, name)
        result: list[int] = []
        for index, item in enumerate(self.items(data, path, name)):
            where = child(place, index)
            if isinstance(item, bool) or not isinstance(item, int) or not 0 < item <= 7 * 24 * 60:
                self.fail(where, f"{item!r} is not a number of minutes between 1 and 10080")
            elif item in result:
                self.fail(where, f"{item} minutes is listed twice")
            else:
                result.append(item)
        return tuple(result)

    def location(self, data: Mapping, path: str, name: str) -> tuple[float, float] | None:
        """Return ``[latitude, longitude]`` in degrees."""
        value = data.get(name)
        if value is None:
            return None
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        )
        if not ok:
            self.fail(child(path, name), "expected [latitude, longitude] in degrees")
            return None
        assert isinstance(value, list)
        latitude, longitude = float(value[0]), float(value[1])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.fail(
                child(path, name),
                f"[{latitude}, {longitude}] is off the globe: latitude is -90..90, "
                "longitude -180..180",
            )
            return None
        return latitude, longitude

    def username(self, data: Mapping, path: str, name: str) -> str | None:
        """Return a Telegram username without its '@'."""
        value = self.text(data, path, name)
        if value is None:
            return None
        value = value.removeprefix("@")
        if not USERNAME_PATTERN.match(value):
            self.fail(child(path, name), f"{value!r} is not a Telegram username")
            return None
        return value


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    return repr(value)
