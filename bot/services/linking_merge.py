"""Merge a record an invite made into the itinerary member it duplicates; find likely pairs.

The joined record carries the person (their Telegram identity, language, settings, what
they acknowledged, when they were last seen); the itinerary member carries the trip (their
groups, events and reminders). The merge keeps the member's key and moves the person onto
it, then removes the duplicate. An outbox row is never left twice for the same message:
where both records had one, the one already sent is kept and the other dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.services.linking_names import same_person, telegram_spellings
from bot.services.outbox import replan
from bot.storage import models as db
from bot.storage.kinds import Role
from bot.storage.store import bump_version

OUT_ALREADY = ("sent", "sending")  # a row the person has (or may have) received


@dataclass(frozen=True)
class Merged:
    """A merge done, or why not (``problem`` names the catalogue entry)."""

    problem: str | None = None  # link_unknown | link_from_itinerary | link_not_joined | …
    key: str = ""  # the key the problem is about
    name: str = ""  # the member the person now is
    telegram_id: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class Pair:
    """A joined invitee whose name matches an itinerary member who has not joined."""

    joined_key: str
    joined_name: str
    member_key: str
    member_name: str


def find(session: Session, key: str) -> db.Member | None:
    """Return the member with ``key`` (keys are lower case), or None."""
    return session.exec(select(db.Member).where(db.Member.key == key.lower())).first()


def check(session: Session, joined_key: str, target_key: str) -> Merged:
    """Say why ``joined_key`` cannot be merged into ``target_key``; no problem: Merged()."""
    joined, target = find(session, joined_key), find(session, target_key)
    if joined is None or target is None:
        return Merged("link_unknown", joined_key if joined is None else target_key)
    if joined.id == target.id:
        return Merged("link_same", target.key)
    if joined.source != "invite":
        return Merged("link_from_itinerary", joined.key)  # its own trip would be lost
    if joined.telegram_id is None:
        return Merged("link_not_joined", joined.key)
    if target.telegram_id is not None:
        return Merged("link_target_joined", target.key)
    return Merged(name=target.name, telegram_id=joined.telegram_id, language=joined.language)


def merge(session: Session, *, joined_key: str, target_key: str, now: datetime) -> Merged:
    """Move the person of ``joined_key`` onto member ``target_key``, remove the duplicate."""
    if (checked := check(session, joined_key, target_key)).problem:
        return checked
    joined, target = find(session, joined_key), find(session, target_key)
    assert joined is not None
    assert joined.id is not None
    assert target is not None
    assert target.id is not None
    _move_outbox(session, joined.id, target.id)
    _move_acknowledgements(session, joined.id, target.id)
    _move_groups(session, joined.id, target.id)
    session.execute(update(db.Announcement).where(col(db.Announcement.created_by) == joined.id)
                    .values(created_by=target.id))  # fmt: skip
    session.execute(update(db.GroupChat).where(col(db.GroupChat.registered_by) == joined.id)
                    .values(registered_by=target.id))  # fmt: skip
    person = joined.model_dump(exclude={"id", "key", "name", "source", "groups"})
    session.delete(joined)
    session.flush()  # the Telegram id is unique: the duplicate goes before it moves
    _carry(target, person)
    session.add(target)
    bump_version(session)
    session.flush()
    replan(session, now=now)
    return Merged(name=target.name, telegram_id=target.telegram_id, language=target.language)


def _carry(target: db.Member, person: dict[str, object]) -> None:
    """Give ``target`` the person's identity and settings; an organiser stays one."""
    role: Role = "organiser" if "organiser" in (person["role"], target.role) else "member"
    seen = [d for d in (person["last_seen_at"], target.last_seen_at) if isinstance(d, datetime)]
    for name, value in person.items():
        setattr(target, name, value)
    target.role = role
    target.last_seen_at = max(seen) if seen else None


def _move_outbox(session: Session, joined_id: int, target_id: int) -> None:
    """Give the duplicate's rows to the member, keeping one row per message: the sent one."""
    theirs = {
        (row.kind, row.ref): row
        for row in session.exec(select(db.Outbox).where(db.Outbox.member_id == target_id))
    }
    for row in session.exec(select(db.Outbox).where(db.Outbox.member_id == joined_id)).all():
        twin = theirs.get((row.kind, row.ref))
        if twin is not None and row.status not in OUT_ALREADY:
            session.delete(row)  # the member's own row stands; the re-plan settles it
            continue
        if twin is not None:
            session.delete(twin)  # the person has this one: sending the member's too is twice
            session.flush()
        row.member_id = target_id
        session.add(row)
    session.flush()


def _move_acknowledgements(session: Session, joined_id: int, target_id: int) -> None:
    """Carry what the person acknowledged, once per announcement."""
    have = set(
        session.exec(
            select(db.Acknowledgement.announcement_id).where(
                db.Acknowledgement.member_id == target_id
            )
        )
    )
    query = select(db.Acknowledgement).where(db.Acknowledgement.member_id == joined_id)
    for ack in session.exec(query).all():
        if ack.announcement_id not in have:
            session.add(db.Acknowledgement(announcement_id=ack.announcement_id,
                                           member_id=target_id, at=ack.at))  # fmt: skip
        session.delete(ack)
    session.flush()


def _move_groups(session: Session, joined_id: int, target_id: int) -> None:
    """Add the duplicate's groups (an organiser may have given some) to the member's."""
    links = list(session.exec(select(db.MemberGroup).where(col(db.MemberGroup.member_id).in_(
        (joined_id, target_id)))))  # fmt: skip
    have = {link.group for link in links if link.member_id == target_id}
    position = len(have)
    for link in links:
        if link.member_id == joined_id and link.group not in have:
            session.add(db.MemberGroup(member_id=target_id, group=link.group, position=position))
            have.add(link.group)
            position += 1


def duplicates(session: Session) -> list[Pair]:
    """Return each joined invitee and itinerary member (not joined) whose names match."""
    waiting = list(
        session.exec(
            select(db.Member).where(
                db.Member.source == "file", col(db.Member.telegram_id).is_(None)
            )
        )
    )
    query = select(db.Member).where(
        db.Member.source == "invite", col(db.Member.telegram_id).is_not(None)
    )
    pairs: list[Pair] = []
    for joined in session.exec(query.order_by(col(db.Member.key))):
        names = telegram_spellings(joined.name, None, joined.telegram_username)
        pairs += [
            Pair(joined.key, joined.name, member.key, member.name)
            for member in waiting
            if same_person(names, member.name)
        ]
    return pairs
