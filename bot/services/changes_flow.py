"""Organisers' changes, previewed then confirmed: move, cancel, venue, a new file, the roster.

A preview parks the change as a row (``bot.services.pending``); confirming takes the row
in the transaction that applies the change, so it is applied once, by whoever asked. A file
is read off the event loop (a hostile one must not stall every other chat), once for the
preview and once more on Confirm from the parked text, which survives a restart.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bot.itinerary.checker import ItineraryError, check_document, parse_itinerary
from bot.services import event_names, pending, roster
from bot.services.edits import (
    EditError,
    cancel_event,
    find_event,
    move_event,
    parse_move,
    set_note,
    set_venue,
    split_move,
)
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary, plan_import
from schedule import agenda
from schedule.itinerary import Event, Itinerary, Stop

ROSTER_KINDS = ("promote", "remove")
LISTED = 40  # changes a file preview lists; the rest are counted


@dataclass(frozen=True)
class EditProposal:
    """An event change to confirm (before, after: None if cancelled), or why there is none.

    ``choices`` are the events a name left open (or today's and tomorrow's, with no name),
    offered as buttons that pick from the row ``pick_id``; ``key`` names the one event found
    when only the new time or text is missing.
    """

    usage: bool = False
    reason: str | None = None
    change_id: int = 0
    before: Event | None = None
    after: Event | None = None
    stops: tuple[Stop, ...] = ()
    choices: tuple[Event, ...] = ()
    pick_id: int = 0
    key: str = ""
    kind: str = ""


@dataclass(frozen=True)
class FileProposal:
    """An itinerary file to confirm, with its differences, or why it cannot be applied."""

    not_text: bool = False
    problems: tuple[str, ...] = ()
    summary: str = ""
    changes: tuple[str, ...] = ()
    more: int = 0
    change_id: int = 0


@dataclass(frozen=True)
class Outcome:
    """What pressing Confirm or Drop did; ``text`` names the catalogue entry to show."""

    text: str  # change_done | change_refused | change_expired | change_dropped | no_itinerary
    #            | promoted | removed | last_organiser
    summary: str = ""
    reason: str = ""
    name: str = ""
    not_yours: bool = False
    arm: bool = False  # new outbox rows were committed: wake the alarm
    replan: bool = False  # the roster changed: re-plan, then wake the alarm


def propose_edit(
    *, engine: Engine, kind: str, args: list[str], organiser_id: int, now: datetime
) -> EditProposal:
    """Find the event ``/move``, ``/cancel``, ``/venue`` or ``/note`` names, check, park."""
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
        if itinerary is None:
            return EditProposal(usage=True)
        today = agenda.local_today(itinerary, now)
        name, rest = _split(itinerary, kind, args, today)
        found = event_names.find_events(itinerary, name) if name else []
        if name and not found:
            return EditProposal(reason=_not_found(itinerary, kind, args))
        if len(found) == 1:
            return _park_edit(session, itinerary, kind, found[0].key, rest, organiser_id, now)
        choices = (
            event_names.shortlist(found, today) if found else event_names.soon(itinerary, today)
        )
        if not choices:
            return EditProposal(usage=True)
        payload = {"kind": kind, "rest": rest, "keys": [e.key for e in choices]}
        pick_id = pending.park(
            session=session, member_id=organiser_id, kind="pick", payload=payload, now=now
        )
    return EditProposal(choices=tuple(choices), pick_id=pick_id, stops=itinerary.stops)


def _not_found(itinerary: Itinerary, kind: str, args: list[str]) -> str:
    """Say why nothing was found: a name that finds nothing, or a time that is none."""
    if (
        kind == "move"
        and len(args) > 1
        and event_names.find_events(itinerary, " ".join(args[:-1]))
    ):
        return f"{args[-1]!r} is not a time; write +30m, -1h, 11:30, 11:30-12:30 or tomorrow 11:30"
    return f"no event is called {' '.join(args)!r}"


def _split(itinerary: Itinerary, kind: str, args: list[str], today: date) -> tuple[str, str]:
    if kind == "move":
        name, spec = split_move(args, today=today)
        return " ".join(name), " ".join(spec)
    if kind == "cancel":
        return " ".join(args), ""
    return event_names.split_name(itinerary, args)


def pick(
    *, engine: Engine, pick_id: int, index: int, organiser_id: int, now: datetime
) -> EditProposal | None:
    """The organiser picked an offered event: preview the change on it (None: expired)."""
    with session_scope(engine) as session:
        taken = pending.take(session=session, change_id=pick_id, member_id=organiser_id, now=now)
        itinerary = load_itinerary(session)
        if (change := taken.change) is None or change.kind != "pick" or itinerary is None:
            return None
        keys = list(change.payload.get("keys", []))
        if not 0 <= index < len(keys):
            return None
        kind, rest = str(change.payload["kind"]), str(change.payload.get("rest", ""))
        return _park_edit(session, itinerary, kind, keys[index], rest, organiser_id, now)


def _park_edit(
    session: Session,
    itinerary: Itinerary,
    kind: str,
    key: str,
    rest: str,
    organiser_id: int,
    now: datetime,
) -> EditProposal:
    if kind in ("move", "venue", "note") and not rest.strip():
        return EditProposal(usage=True, key=key, kind=kind)
    try:
        payload = _payload(itinerary, kind, key, rest, now)
        changed = _apply(itinerary, kind, payload)
        before = find_event(itinerary, key)
    except EditError as error:
        return EditProposal(reason=str(error), kind=kind)
    after = find_event(changed, key) if kind != "cancel" else None
    change_id = pending.park(
        session=session, member_id=organiser_id, kind=kind, payload=payload, now=now
    )
    return EditProposal(
        change_id=change_id, before=before, after=after, stops=itinerary.stops, key=key, kind=kind
    )


def _payload(
    itinerary: Itinerary, kind: str, key: str, rest: str, now: datetime
) -> dict[str, Any]:
    if kind == "move":
        today = agenda.local_today(itinerary, now)
        start, end = parse_move(find_event(itinerary, key), rest, today=today)
        payload = {"key": key, "start": start.isoformat()}
        return payload | ({"end": end.isoformat()} if end is not None else {})
    if kind in ("venue", "note"):
        return {"key": key, kind: rest}
    return {"key": key}


def _apply(
    itinerary: Itinerary, kind: str, payload: dict[str, Any], parsed: Itinerary | None = None
) -> Itinerary:
    if kind == "file" and parsed is not None:
        return parsed
    if kind == "move":
        end = datetime.fromisoformat(payload["end"]) if "end" in payload else None
        return move_event(itinerary, payload["key"], datetime.fromisoformat(payload["start"]), end)
    if kind == "cancel":
        return cancel_event(itinerary, payload["key"])
    if kind == "venue":
        return set_venue(itinerary, payload["key"], payload["venue"])
    if kind == "note":
        return set_note(itinerary, payload["key"], payload["note"])
    return parse_itinerary(payload["yaml"])


async def propose_file(
    *, engine: Engine, data: bytes, organiser_id: int, now: datetime
) -> FileProposal:
    """Check an itinerary file off the event loop, list what it would change, park it."""
    try:
        text = data.decode("utf-8")
        itinerary = await asyncio.to_thread(check_document, data)
        return _park_file(engine, itinerary, text, organiser_id=organiser_id, now=now)
    except UnicodeDecodeError:
        return FileProposal(not_text=True)
    except ItineraryError as error:
        return FileProposal(problems=tuple(str(p) for p in error.problems))


def _park_file(
    engine: Engine, itinerary: Itinerary, text: str, *, organiser_id: int, now: datetime
) -> FileProposal:
    with session_scope(engine) as session:
        _, changes = plan_import(session, itinerary)
        # The preview wrote the file to compare it: undo that before parking the row.
        session.rollback()
        if not changes:
            return FileProposal()
        change_id = pending.park(
            session=session, member_id=organiser_id, kind="file", payload={"yaml": text}, now=now
        )
    listed = tuple(str(c) for c in changes.items[:LISTED])
    more = max(0, len(changes.items) - LISTED)
    return FileProposal(False, (), changes.summary(), listed, more, change_id)


async def confirm(*, engine: Engine, change_id: int, organiser_id: int, now: datetime) -> Outcome:
    """Apply the change ``organiser_id`` parked as ``change_id``, consuming its row."""
    parsed: Itinerary | None = None
    if (text := _parked_file(engine, change_id, organiser_id, now)) is not None:
        try:
            parsed = await asyncio.to_thread(parse_itinerary, text)
        except ItineraryError as error:
            return _refused(engine, change_id, organiser_id, now, error)
    try:
        return _confirm(engine, change_id, organiser_id, now, parsed)
    except (EditError, ItineraryError) as error:
        return _refused(engine, change_id, organiser_id, now, error)


def _parked_file(engine: Engine, change_id: int, organiser_id: int, now: datetime) -> str | None:
    """Return the text of a file ``organiser_id`` parked as ``change_id`` (still waiting)."""
    with session_scope(engine) as session:
        row = session.get(db.PendingChange, change_id)
        if row is None or row.kind != "file" or row.member_id != organiser_id:
            return None
        if row.expires_at <= now:
            return None
        text = row.payload.get("yaml")
        return text if isinstance(text, str) else None


def _confirm(
    engine: Engine, change_id: int, organiser_id: int, now: datetime, parsed: Itinerary | None
) -> Outcome:
    with session_scope(engine) as session:
        taken = pending.take(session=session, change_id=change_id, member_id=organiser_id, now=now)
        if (change := taken.change) is None:
            return Outcome("change_expired", not_yours=taken.not_yours)
        if change.kind in ROSTER_KINDS:
            done = roster.apply(session=session, kind=change.kind, key=change.payload["key"])
            text = "change_expired" if done.outcome == "gone" else done.outcome
            changed_roster = text in ("promoted", "removed")
            return Outcome(text, name=done.name, arm=True, replan=changed_roster)
        itinerary = load_itinerary(session)
        if itinerary is None:
            return Outcome("no_itinerary", arm=True)
        changed = _apply(itinerary, change.kind, change.payload, parsed)
        changes = apply_itinerary(session, changed, now=now)
    return Outcome("change_done", summary=changes.summary(), arm=True)


def _refused(
    engine: Engine, change_id: int, organiser_id: int, now: datetime, error: Exception
) -> Outcome:
    # The change rolled back with its row (or was never tried); the row is spent all the same.
    with session_scope(engine) as session:
        pending.take(session=session, change_id=change_id, member_id=organiser_id, now=now)
    return Outcome("change_refused", reason=str(error), arm=True)


def drop(*, engine: Engine, change_id: int, organiser_id: int, now: datetime) -> Outcome:
    """Forget the change ``organiser_id`` parked as ``change_id``."""
    with session_scope(engine) as session:
        taken = pending.drop(session=session, change_id=change_id, member_id=organiser_id, now=now)
    if taken.change is None:
        return Outcome("change_expired", not_yours=taken.not_yours)
    return Outcome("change_dropped")
