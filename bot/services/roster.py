"""The roster organisers keep: who is on it, invites, promoting and removing members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot.services import pending
from bot.services.members import create_invite
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.kinds import ROLES
from bot.storage.store import bump_version, load_itinerary
from schedule import agenda

ROLE_WORDS = {"운영진": "organiser", "단원": "member"}


@dataclass(frozen=True)
class MemberLine:
    """One member as ``/members`` lists them."""

    name: str
    key: str
    role: str
    groups: tuple[str, ...]
    joined: bool
    last_seen: datetime | None
    unreachable: bool
    unreachable_reason: str | None = None  # blocked | not_started (see bot.services.members)
    telegram: str | None = None  # who holds the record: "Min-seo (@minseo)"


@dataclass(frozen=True)
class Roster:
    """Everyone on the roster, organisers first, and the zone their last-seen times read in."""

    zone: str
    members: tuple[MemberLine, ...]


@dataclass(frozen=True)
class RosterProposal:
    """A promote or remove to confirm, or why not: no such member, or a rule refuses it."""

    key: str
    name: str | None = None
    problem: str | None = None  # last_organiser | already_organiser
    change_id: int | None = None


@dataclass(frozen=True)
class RosterResult:
    """What a confirmed promote or remove did: ``promoted``, ``removed`` or why not."""

    outcome: str  # promoted | removed | last_organiser | gone
    name: str = ""


def listing(*, engine: Engine, now: datetime) -> Roster:
    """Return every member with role, groups, joining and last seen, organisers first."""
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
        zone = agenda.zone_at(itinerary, now) if itinerary is not None else "UTC"
        groups: dict[int, list[str]] = {}
        for link in session.exec(select(db.MemberGroup)):
            groups.setdefault(link.member_id, []).append(link.group)
        query = select(db.Member).order_by(col(db.Member.role).desc(), col(db.Member.name))
        lines = tuple(
            MemberLine(m.name, m.key, m.role, tuple(groups.get(m.id or 0, [])),
                       m.telegram_id is not None, m.last_seen_at, m.unreachable,
                       m.unreachable_reason, telegram_label(m))
            for m in session.exec(query)
        )  # fmt: skip
    return Roster(zone, lines)


def telegram_label(member: db.Member) -> str | None:
    """Return the Telegram name and username a joined member holds the record with."""
    if member.telegram_id is None:
        return None
    at = f"@{member.telegram_username}" if member.telegram_username else ""
    if member.telegram_name and at:
        return f"{member.telegram_name} ({at})"
    return member.telegram_name or at or f"id {member.telegram_id}"


def invite(*, engine: Engine, word: str, now: datetime) -> tuple[str, str] | None:
    """Return the role and a new one-time code for ``member``/``organiser``, else None."""
    role = ROLE_WORDS.get(word.lower(), word.lower())
    if role not in ROLES:
        return None
    with session_scope(engine) as session:
        return role, create_invite(session, role=role, now=now).code


def is_last_organiser(session: Session, member: db.Member) -> bool:
    """Tell whether ``member`` is the only organiser left: the delegation needs one."""
    if member.role != "organiser":
        return False
    query = select(func.count()).select_from(db.Member).where(db.Member.role == "organiser")
    return int(session.exec(query).one()) <= 1


def propose(
    *, engine: Engine, kind: str, key: str, organiser_id: int, now: datetime
) -> RosterProposal:
    """Check a ``promote`` or ``remove`` of member ``key`` and park it for confirming."""
    key = key.lower()
    with session_scope(engine) as session:
        member = _member(session, key) if key else None
        if member is None:
            return RosterProposal(key)
        if kind == "remove" and is_last_organiser(session, member):
            return RosterProposal(key, member.name, "last_organiser")
        if kind == "promote" and member.role == "organiser":
            return RosterProposal(key, member.name, "already_organiser")
        change_id = pending.park(
            session=session, member_id=organiser_id, kind=kind, payload={"key": key}, now=now
        )
        return RosterProposal(key, member.name, None, change_id)


def apply(*, session: Session, kind: str, key: str) -> RosterResult:
    """Promote or remove member ``key`` in ``session``, unless a rule now refuses it."""
    member = _member(session, key)
    if member is None:
        return RosterResult("gone")
    if kind == "remove":
        if is_last_organiser(session, member):
            return RosterResult("last_organiser")
        session.delete(member)
        outcome = "removed"
    else:
        member.role = "organiser"
        session.add(member)
        outcome = "promoted"
    bump_version(session)
    return RosterResult(outcome, member.name)


def _member(session: Session, key: str) -> db.Member | None:
    return session.exec(select(db.Member).where(db.Member.key == key)).first()
