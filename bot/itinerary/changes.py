"""What re-importing an itinerary adds, changes and removes, compared key by key."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, time

from schedule import zones
from schedule.itinerary import Event, Itinerary, Stop


@dataclass(frozen=True)
class Change:
    """One added, changed or removed thing, with the fields that differ."""

    action: str  # added | changed | removed
    kind: str  # delegation | stop | organisation | counterpart | member | event
    key: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.action} {self.kind} {self.key}"
        return text + (": " + "; ".join(self.details) if self.details else "")


@dataclass(frozen=True)
class Changes:
    """Every difference between the stored itinerary and a new one."""

    items: tuple[Change, ...]

    def of(self, action: str) -> list[Change]:
        """Return the changes with ``action``."""
        return [c for c in self.items if c.action == action]

    def summary(self) -> str:
        """Return ``3 added, 1 changed, 0 removed``."""
        counts = [f"{len(self.of(a))} {a}" for a in ("added", "changed", "removed")]
        return ", ".join(counts)

    def __bool__(self) -> bool:
        return bool(self.items)


def keep_learned(old: Itinerary | None, new: Itinerary) -> Itinerary:
    """Keep the Telegram ids the bot learned for members whose file entry gives none."""
    if old is None:
        return new
    learned = {m.key: m.telegram_id for m in old.members if m.telegram_id is not None}
    members = tuple(
        replace(m, telegram_id=learned[m.key]) if m.telegram_id is None and m.key in learned else m
        for m in new.members
    )
    return replace(new, members=members)


def stop_key(stops: Sequence[Stop], index: int) -> str:
    """Name a stop by its city, numbered when the delegation returns to a city."""
    city = stops[index].city
    seen = sum(1 for s in stops[:index] if s.city == city)
    return city if seen == 0 else f"{city} #{seen + 1}"


def diff(old: Itinerary | None, new: Itinerary, *, kept_members: Sequence[str] = ()) -> Changes:
    """Compare ``new`` with ``old``; members in ``kept_members`` are never reported removed."""
    found: list[Change] = []
    if old is None or old.delegation != new.delegation:
        before = old.delegation if old else None
        found += _compare("delegation", {"": before} if before else {}, {"": new.delegation})
    old_stops = old.stops if old else ()
    found += _compare(
        "stop",
        {stop_key(old_stops, i): s for i, s in enumerate(old_stops)},
        {stop_key(new.stops, i): s for i, s in enumerate(new.stops)},
    )
    for kind, name in (("organisation", "organisations"), ("counterpart", "counterparts")):
        before_items = getattr(old, name) if old else ()
        found += _compare(
            kind, {x.key: x for x in before_items}, {x.key: x for x in getattr(new, name)}
        )
    old_members: dict[str, object] = {m.key: m for m in (old.members if old else ())}
    for key in kept_members:
        old_members.pop(key, None)
    found += _compare("member", old_members, {m.key: m for m in new.members})
    old_events = {e.key: e for e in (old.events if old else ())}
    found += _compare("event", old_events, {e.key: e for e in new.events})
    return Changes(tuple(found))


def _compare(kind: str, old: Mapping[str, object], new: Mapping[str, object]) -> list[Change]:
    result = []
    for key, item in new.items():
        if key not in old:
            result.append(Change("added", kind, key or kind))
        elif old[key] != item:
            result.append(Change("changed", kind, key or kind, _field_changes(old[key], item)))
    result += [Change("removed", kind, key) for key in old if key not in new]
    return result


def _field_changes(before: object, after: object) -> tuple[str, ...]:
    details = []
    show = _shower(after)
    for spec in fields(before):  # type: ignore[arg-type]
        old_value, new_value = getattr(before, spec.name), getattr(after, spec.name)
        if old_value != new_value:
            details.append(
                f"{spec.name} {show(spec.name, old_value)} → {show(spec.name, new_value)}"
            )
    return tuple(details)


def _shower(item: object) -> Callable[[str, object], str]:
    """Return a formatter that shows event instants as local wall-clock times."""

    def show(name: str, value: object) -> str:
        if value is None or value == ():
            return "(none)"
        if isinstance(value, datetime) and isinstance(item, Event):
            zone = item.arrival_timezone if name == "end" else item.timezone
            return zones.format_wall(value, zone)
        if isinstance(value, time):
            return f"{value:%H:%M}"
        if isinstance(value, tuple):
            return "[" + ", ".join(str(v) for v in value) + "]"
        return str(value)

    return show
