"""Groups organisers change from the chat: ``/groups kim add advance``.

A member's groups decide which events they attend (``attendees: [advance]``), so a change
re-plans their reminders in the same unit of work; the caller wakes the alarm after it.
The itinerary file stays the source: re-importing it sets the groups it gives again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from bot.itinerary.fields import group_name_problem
from bot.services.outbox import replan
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import bump_version

Action = Literal["add", "remove"]
ACTION_WORDS: dict[str, Action] = {
    "add": "add",
    "추가": "add",
    "remove": "remove",
    "삭제": "remove",
}


@dataclass(frozen=True)
class GroupChange:
    """A member's groups after a change, or why nothing changed."""

    key: str
    name: str | None = None  # None: no member has that key
    groups: tuple[str, ...] = ()
    problem: str | None = None  # a bad group name, said as the checker says it
    changed: bool = False


@dataclass(frozen=True)
class GroupListing:
    """Every group and its members' names, for ``/groups`` alone."""

    groups: tuple[tuple[str, tuple[str, ...]], ...]


def change_groups(
    *, engine: Engine, key: str, action: Action, groups: list[str], now: datetime
) -> GroupChange:
    """Add ``key`` to ``groups`` or take them out of them; re-plan their reminders."""
    names = [g.strip().lower() for g in groups if g.strip()]
    for name in names:
        if problem := group_name_problem(name):
            return GroupChange(key, problem=problem)
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key.lower())).first()
        if member is None or member.id is None:
            return GroupChange(key)
        before = _groups_of(session, member.id)
        if action == "add":
            after = before + [g for g in dict.fromkeys(names) if g not in before]
        else:
            after = [g for g in before if g not in names]
        if after != before:
            _write(session, member.id, after)
            bump_version(session)
            session.flush()
            replan(session, now=now)
        return GroupChange(member.key, member.name, tuple(after), changed=after != before)


def member_groups(*, engine: Engine, key: str) -> GroupChange:
    """Return the groups of the member ``key`` (name None: no such member)."""
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key.lower())).first()
        if member is None or member.id is None:
            return GroupChange(key)
        return GroupChange(member.key, member.name, tuple(_groups_of(session, member.id)))


def all_groups(*, engine: Engine) -> GroupListing:
    """Return every group with the names of its members, groups in alphabetical order."""
    with session_scope(engine) as session:
        rows = session.exec(
            select(db.MemberGroup.group, db.Member.name)
            .join(db.Member, col(db.Member.id) == col(db.MemberGroup.member_id))
            .order_by(col(db.MemberGroup.group), col(db.Member.name))
        )
        listing: dict[str, list[str]] = {}
        for group, name in rows:
            listing.setdefault(group, []).append(name)
    return GroupListing(tuple((g, tuple(names)) for g, names in listing.items()))


def _groups_of(session: Session, member_id: int) -> list[str]:
    query = (
        select(db.MemberGroup.group)
        .where(col(db.MemberGroup.member_id) == member_id)
        .order_by(col(db.MemberGroup.position), col(db.MemberGroup.group))
    )
    return list(session.exec(query))


def _write(session: Session, member_id: int, groups: list[str]) -> None:
    session.execute(delete(db.MemberGroup).where(col(db.MemberGroup.member_id) == member_id))
    session.add_all(
        db.MemberGroup(member_id=member_id, group=g, position=i) for i, g in enumerate(groups)
    )
