"""Personal invites: one code per itinerary member who has not joined, by key or for all.

The codes themselves are made and redeemed in ``bot.services.members`` (``create_invite``,
``redeem_invite``); this module picks the members and hands back plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.services.members import INVITE_LIFETIME, InviteRefusedError, create_invite
from bot.storage import models as db
from bot.storage.db import session_scope


@dataclass(frozen=True)
class PersonalInvite:
    """A one-time code bound to one itinerary member."""

    member_id: int
    key: str
    name: str
    role: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Waiting:
    """An itinerary member who has not joined yet, as the organisers' buttons show them."""

    member_id: int
    key: str
    name: str


def deep_link(username: str | None, code: str) -> str:
    """Return ``https://t.me/<bot>?start=<code>``; a placeholder stands for an unknown bot."""
    return f"https://t.me/{username or '<bot username>'}?start={code}"


def not_joined(session: Session) -> list[db.Member]:
    """Return the members no Telegram user holds yet, organisers first, then by name."""
    query = (
        select(db.Member)
        .where(col(db.Member.telegram_id).is_(None))
        .order_by(col(db.Member.role).desc(), col(db.Member.name))
    )
    return list(session.exec(query))


def invite_member(
    session: Session, key: str, *, now: datetime, lifetime: timedelta = INVITE_LIFETIME
) -> PersonalInvite:
    """Make a personal code for member ``key``; refuse an unknown key or a joined member."""
    member = session.exec(select(db.Member).where(db.Member.key == key.strip().lower())).first()
    if member is None:
        raise InviteRefusedError(f"no member with key {key!r} in the itinerary")
    return _personal(session, member, now=now, lifetime=lifetime)


def invite_all(
    session: Session, *, now: datetime, lifetime: timedelta = INVITE_LIFETIME
) -> list[PersonalInvite]:
    """Make a personal code for every member who has not joined."""
    return [_personal(session, m, now=now, lifetime=lifetime) for m in not_joined(session)]


def _personal(
    session: Session, member: db.Member, *, now: datetime, lifetime: timedelta
) -> PersonalInvite:
    invite = create_invite(session, role=member.role, now=now, lifetime=lifetime, member=member)
    assert member.id is not None
    return PersonalInvite(
        member.id, member.key, member.name, member.role, invite.code, invite.expires_at
    )


def waiting(*, engine: Engine) -> list[Waiting]:
    """Return the members who have not joined, for ``/invite``'s buttons."""
    with session_scope(engine) as session:
        return [Waiting(m.id or 0, m.key, m.name) for m in not_joined(session)]


def invite_by_id(*, engine: Engine, member_id: int, now: datetime) -> PersonalInvite | None:
    """Make a personal code for the member a button named; None if gone or already joined."""
    with session_scope(engine) as session:
        member = session.get(db.Member, member_id)
        if member is None or member.telegram_id is not None:
            return None
        return _personal(session, member, now=now, lifetime=INVITE_LIFETIME)
