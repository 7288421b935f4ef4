"""Someone the itinerary knows joined with a general code: ask, let organisers confirm, link.

After a general code, a new record is made (as for anyone). If the Telegram name matches
exactly one itinerary member who has not joined, the person is asked "Are you …?"; their
"Yes" is parked as a ``claim`` row and every organiser is asked to confirm. The first
answer takes the row, so it decides once; only a confirmation merges the record into the
member (``bot.services.linking_merge``). ``/link`` is the organisers' own way to merge,
previewed and confirmed as ``/move`` is, through a ``link`` row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from bot.services import pending
from bot.services.linking_merge import Merged, Pair, check, duplicates, find, merge
from bot.services.linking_names import same_person, telegram_spellings
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.text.i18n import pick_language

# Organisers answer between meetings: a claim waits longer than an organiser's preview.
CLAIM_LIFETIME = timedelta(days=3)
Message = tuple[int, int, str]  # an organiser's copy: chat id, message id, language


@dataclass(frozen=True)
class Guess:
    """The itinerary member a newcomer's name matches, to ask them about."""

    member_id: int
    name: str


@dataclass(frozen=True)
class Claim:
    """A "Yes, that is me" parked for the organisers, or why not."""

    outcome: str  # asked | already | gone
    change_id: int = 0
    name: str = ""  # the itinerary member claimed
    joiner: str = ""  # the newcomer's name, as Telegram gave it
    joiner_key: str = ""
    organisers: tuple[tuple[int, str], ...] = ()  # chat id, language


@dataclass(frozen=True)
class Decision:
    """What an organiser's confirm or refuse did, and who is to be told."""

    outcome: str  # linked | refused | decided | failed
    name: str = ""
    joiner: str = ""
    person: int | None = None  # the person's chat
    person_lang: str = "en"
    requests: tuple[Message, ...] = ()  # the other organisers' copies of the request
    problem: str | None = None


@dataclass(frozen=True)
class LinkProposal:
    """A ``/link`` to confirm, or why not."""

    problem: str | None = None  # link_usage or a Merged problem
    key: str = ""
    joined: str = ""
    target: str = ""
    change_id: int = 0
    names: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class LinkOutcome:
    """What pressing Confirm or Drop on a ``/link`` preview did."""

    outcome: str  # linked | dropped | expired | failed
    merged: Merged = field(default_factory=Merged)
    not_yours: bool = False


def _unjoined(session: Session) -> list[db.Member]:
    query = select(db.Member).where(
        db.Member.source == "file", col(db.Member.telegram_id).is_(None)
    )
    return list(session.exec(query))


def guess(*, engine: Engine, telegram_id: int, names: tuple[str | None, ...]) -> Guess | None:
    """Return the one unjoined itinerary member a newcomer's names match, else None."""
    spelt = telegram_spellings(*names)
    with session_scope(engine) as session:
        joiner = session.exec(
            select(db.Member).where(db.Member.telegram_id == telegram_id)
        ).first()
        if joiner is None or joiner.source != "invite":
            return None  # a personal code already made them who they are
        found = [m for m in _unjoined(session) if same_person(spelt, m.name)]
        if len(found) != 1 or found[0].id is None:
            return None  # several: an organiser decides with /link, not a guess
        return Guess(found[0].id, found[0].name)


def claim(*, engine: Engine, telegram_id: int, target_id: int, now: datetime) -> Claim:
    """Park the newcomer's claim to be member ``target_id``; return the organisers to ask."""
    with session_scope(engine) as session:
        joiner = session.exec(
            select(db.Member).where(db.Member.telegram_id == telegram_id)
        ).first()
        target = session.get(db.Member, target_id)
        if joiner is None or joiner.id is None or joiner.source != "invite":
            return Claim("gone")
        if target is None or target.telegram_id is not None:
            return Claim("gone")
        waiting = select(db.PendingChange).where(
            db.PendingChange.member_id == joiner.id,
            db.PendingChange.kind == "claim",
            col(db.PendingChange.expires_at) > now,
        )
        if session.exec(waiting).first() is not None:
            return Claim("already", name=target.name)
        payload = {"joined": joiner.key, "target": target.key, "requests": []}
        change_id = pending.park(
            session=session, member_id=joiner.id, kind="claim", payload=payload, now=now
        )
        row = session.get(db.PendingChange, change_id)
        assert row is not None
        row.expires_at = now + CLAIM_LIFETIME
        organisers = session.exec(
            select(db.Member).where(
                db.Member.role == "organiser",
                col(db.Member.telegram_id).is_not(None),
                col(db.Member.unreachable).is_(False),
            )
        )
        asked = tuple((o.telegram_id, pick_language(o.language, None)) for o in organisers)
        return Claim(
            "asked", change_id, target.name, joiner.name, joiner.key,
            tuple((chat, lang) for chat, lang in asked if chat is not None),
        )  # fmt: skip


def note_requests(*, engine: Engine, change_id: int, messages: list[Message]) -> None:
    """Remember where each organiser's copy of a claim is, to close the others on an answer."""
    with session_scope(engine) as session:
        row = session.get(db.PendingChange, change_id)
        if row is not None:
            row.payload = {**row.payload, "requests": [list(m) for m in messages]}
            session.add(row)


def decide(*, engine: Engine, change_id: int, approve: bool, now: datetime) -> Decision:
    """Take the claim ``change_id`` (once, whoever answers first); on approval, merge."""
    with session_scope(engine) as session:
        row = session.get(db.PendingChange, change_id)
        if row is None or row.kind != "claim" or row.expires_at <= now:
            return Decision("decided")
        payload, person = dict(row.payload), session.get(db.Member, row.member_id)
        # Deleting by id and counting: two organisers pressing at once decide it once.
        gone = session.connection().execute(
            delete(db.PendingChange).where(col(db.PendingChange.id) == change_id)
        )
        if gone.rowcount != 1 or person is None:
            return Decision("decided")
        chat, lang, joiner = person.telegram_id, person.language, person.name
        requests = tuple(
            (int(c), int(m), str(lang_)) for c, m, lang_ in payload.get("requests", [])
        )
        target = find(session, payload["target"])
        name = target.name if target is not None else payload["target"]
        if not approve:
            return Decision("refused", name, joiner, chat, pick_language(lang, None), requests)
        merged = merge(
            session, joined_key=payload["joined"], target_key=payload["target"], now=now
        )
        outcome = "failed" if merged.problem else "linked"
        language = pick_language(merged.language if not merged.problem else lang, None)
        return Decision(outcome, name, joiner, chat, language, requests, merged.problem)


def propose_link(
    *, engine: Engine, args: list[str], organiser_id: int, now: datetime
) -> LinkProposal:
    """Check ``/link <joined key> <itinerary key>`` and park it for confirming."""
    if len(args) != 2:
        return LinkProposal("link_usage")
    joined_key, target_key = (a.lower() for a in args)
    with session_scope(engine) as session:
        checked = check(session, joined_key, target_key)
        if checked.problem:
            return LinkProposal(checked.problem, checked.key)
        joined, target = find(session, joined_key), find(session, target_key)
        assert joined is not None
        assert target is not None
        payload = {"joined": joined_key, "target": target_key}
        change_id = pending.park(
            session=session, member_id=organiser_id, kind="link", payload=payload, now=now
        )
        return LinkProposal(
            None, "", joined_key, target_key, change_id, (joined.name, target.name)
        )


def confirm_link(
    *, engine: Engine, change_id: int, organiser_id: int, approve: bool, now: datetime
) -> LinkOutcome:
    """Merge (or drop) the ``/link`` ``organiser_id`` parked as ``change_id``."""
    with session_scope(engine) as session:
        taken = pending.take(session=session, change_id=change_id, member_id=organiser_id, now=now)
        change = taken.change
        if change is None or change.kind != "link":
            return LinkOutcome("expired", not_yours=taken.not_yours)
        if not approve:
            return LinkOutcome("dropped")
        joined, target = change.payload["joined"], change.payload["target"]
        merged = merge(session, joined_key=joined, target_key=target, now=now)
        return LinkOutcome("failed" if merged.problem else "linked", merged)


def likely_pairs(*, engine: Engine) -> list[Pair]:
    """Return the joined invitees whose names match an itinerary member not joined yet."""
    with session_scope(engine) as session:
        return duplicates(session)
