"""Field readers for the itinerary checker: one function per kind of value.

Each reader takes the mapping it reads from, the mapping's path and the field name,
records a ``Problem`` with place and line when the value is wrong, and returns the
value (or a default) so that checking goes on and every error is found in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from bot.itinerary.source import Problem, Source, child
from schedule import zones

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{3,32}$")
# Keys and group names travel in button data (64 bytes) and in messages: keep them short.
MAX_KEY_LENGTH = 32
# Members who join by invite get the key ``tg-<telegram id>``; the file may not use the form,
# so that an invitee can never become a group or a member the file adds later.
INVITED_KEY_PREFIX = "tg-"
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
        """Return a key: lowercase letters, digits and '-', at most 32 characters."""
        value = self.text(data, path, name, required=True)
        if value is None:
            return None
        problem = name_problem(value, "key")
        if problem:
            self.fail(child(path, name), problem)
            return None
        return value

    def groups(self, data: Mapping, path: str, name: str = "groups") -> tuple[str, ...]:
        """Return a member's group names, each a valid name not of the invited-member form."""
        found = []
        for index, group in enumerate(self.texts(data, path, name)):
            problem = group_name_problem(group)
            if problem:
                self.fail(child(child(path, name), index), problem)
            else:
                found.append(group)
        return tuple(dict.fromkeys(found))

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

    def instant(self, text: str, zone: str, place: str) -> datetime | None:
        """Read ``YYYY-MM-DD HH:MM`` (with an optional UTC offset) in ``zone`` as a UTC instant."""
        match = WALL_TIME.fullmatch(text.strip())
        if not match:
            self.fail(place, malformed_time(text))
            return None
        try:
            year, month, day, hour, minute = (int(match[i]) for i in range(1, 6))
            second = int(match[6] or 0)
            # A wall-clock time; it is localised in its zone below.
            naive = datetime(year, month, day, hour, minute, second)  # noqa: DTZ001
        except ValueError as error:
            self.fail(place, f"{text!r} is not a real date and time: {error}")
            return None
        offset = match["offset"]
        if offset is None:
            try:
                return zones.localize(naive, zone)
            except zones.LocalTimeError as problem:
                self.fail(place, str(problem))
                return None
        return self._with_offset(naive, _offset(offset), zone, text, place)

    def _with_offset(
        self, naive: datetime, offset: timedelta, zone: str, text: str, place: str
    ) -> datetime | None:
        """Accept an explicit offset only where the zone agrees with it at that time."""
        instant = (naive - offset).replace(tzinfo=UTC)
        if zones.to_local(instant, zone).replace(tzinfo=None) == naive:
            return instant
        expected = _expected_offset(naive, zone)
        self.fail(
            place,
            f"{text!r} gives UTC offset {_show_offset(offset)}, but {zone} is at {expected} then",
        )
        return None


WALL_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?"
)


def malformed_time(text: str) -> str:
    """Say how to write a time that could not be read."""
    return f"{text!r} is not a time; write it as YYYY-MM-DD HH:MM (local time where it happens)"


def _offset(text: str) -> timedelta:
    if text == "Z":
        return timedelta(0)
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    size = timedelta(hours=hours, minutes=minutes)
    return size if text[0] == "+" else -size


def _show_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else zones.MINUS
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def _expected_offset(naive: datetime, zone: str) -> str:
    try:
        return zones.offset_label(zones.localize(naive, zone), zone)
    except zones.LocalTimeError as problem:
        return f"no single offset ({problem})"


def name_problem(value: str, what: str) -> str | None:
    """Say what is wrong with a key or group name, or return None when it is fine."""
    if not KEY_PATTERN.match(value):
        return f"{value!r} is not a valid {what}: use lowercase letters, digits and '-'"
    if len(value) > MAX_KEY_LENGTH:
        return f"{value!r} is longer than {MAX_KEY_LENGTH} characters; use a shorter {what}"
    return None


def group_name_problem(value: str) -> str | None:
    """Say what is wrong with a group name (as the file or an organiser writes it), or None."""
    return name_problem(value, "group name") or _reserved(value, "a group name")


def reserved_key(value: str) -> str | None:
    """Say why a file member may not have the key ``value``, or return None."""
    return _reserved(value, "a member key")


def _reserved(value: str, what: str) -> str | None:
    if not value.startswith(INVITED_KEY_PREFIX):
        return None
    return (
        f"{value!r} cannot be {what}: keys starting with {INVITED_KEY_PREFIX!r} are kept "
        "for members who join with an invite"
    )


def key_of(data: Mapping) -> str | None:
    """Return the key as the reader reads it: the text written, trimmed."""
    key = data.get("key")
    if key is None or isinstance(key, dict | list | bool):
        return None
    return str(key).strip() or None


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
