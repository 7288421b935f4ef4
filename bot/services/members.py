"""Who may talk to the bot: members, invites, registered groups, personal settings."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.itinerary.fields import INVITED_KEY_PREFIX
from bot.services.outbox import replan
from bot.storage import models as db
from bot.storage.kinds import Role, UnreachableReason
from bot.storage.store import bump_version
from bot.text.i18n import LANGUAGES

INVITE_LIFETIME = timedelta(days=14)
CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: codes get read aloud
# Why a member cannot be written to.
BLOCKED: UnreachableReason = "blocked"
NOT_STARTED: UnreachableReason = "not_started"


@dataclass(frozen=True)
class TelegramUser:
    """The parts of a Telegram user that decide who they are to us."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class Redemption:
    """The outcome of ``/start <code>``: ``joined``, ``already``, or why not."""

    outcome: str  # joined | already | unknown | expired | used | taken
    member: db.Member | None = None  # for ``taken``: the member whose personal code it was


HEALED = "comitiva.healed"  # session.info key: a member became reachable in this session


def identify(session: Session, user: TelegramUser, *, now: datetime) -> db.Member | None:
    """Return the member this Telegram user is, binding a file member found by username."""
    member = session.exec(select(db.Member).where(db.Member.telegram_id == user.id)).first()
    if member is None and user.username:
        query = select(db.Member).where(
            # Compared as text, not as a LIKE pattern: '_' in a username is no wildcard.
            func.lower(col(db.Member.telegram_username)) == user.username.lower(),
            col(db.Member.telegram_id).is_(None),
        )
        member = session.exec(query).first()
        if member is not None:
            member.telegram_id = user.id
            bump_version(session)
    # A write per update would cost more than the reply: once a minute is "last seen".
    stale = member is not None and (
        member.last_seen_at is None or now - member.last_seen_at > timedelta(minutes=1)
    )
    if member is not None and stale:
        # Found by id: a new username or first name is the same person, so we follow it.
        member.telegram_username = user.username or member.telegram_username
        member.telegram_name = user.first_name
        member.last_seen_at = now
        member.joined_at = member.joined_at or now
        session.add(member)
    if member is not None and member.unreachable:
        _heal(session, member, now=now)  # they wrote to us: we can write to them again
    return member


def set_reachable(
    session: Session,
    telegram_id: int,
    reachable: bool,
    *,
    now: datetime,
    reason: UnreachableReason = BLOCKED,
) -> bool:
    """Record that a Telegram user unblocked (or blocked) the bot; tell whether it changed.

    Meant for a ``my_chat_member`` update; becoming reachable re-plans their reminders.
    """
    member = session.exec(select(db.Member).where(db.Member.telegram_id == telegram_id)).first()
    if member is None or member.unreachable != reachable:
        return False
    if reachable:
        _heal(session, member, now=now)
    else:
        member.unreachable, member.unreachable_reason = True, reason
        session.add(member)
        replan(session, now=now)  # their pending reminders are skipped, not tried
    return True


def _heal(session: Session, member: db.Member, *, now: datetime) -> None:
    """Make a member reachable again and plan what they are still owed."""
    member.unreachable, member.unreachable_reason = False, None
    session.add(member)
    session.flush()
    session.info[HEALED] = True  # the caller wakes the alarm once this session commits
    # Reminders skipped while they were unreachable come back; past ones stay skipped.
    replan(session, now=now)


class InviteRefusedError(ValueError):
    """A personal invite that cannot be made: the member is unknown or has already joined."""


def create_invite(
    session: Session,
    *,
    role: Role,
    now: datetime,
    uses: int = 1,
    lifetime: timedelta = INVITE_LIFETIME,
    member: db.Member | None = None,
) -> db.Invite:
    """Create a random invite code for ``role``, valid ``uses`` times until it expires.

    With ``member``, the code is personal: single-use, in the member's role, and redeeming
    it links the Telegram user to that itinerary member.
    """
    if role not in ("member", "organiser"):
        raise ValueError(f"unknown role {role!r}")
    if uses < 1:
        raise ValueError("an invite needs at least one use")
    if member is not None and member.telegram_id is not None:
        raise InviteRefusedError(f"{member.name} ({member.key}) has already joined")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    invite = db.Invite(
        code=code,
        role=member.role if member is not None else role,
        uses_left=1 if member is not None else uses,
        expires_at=now + lifetime,
        created_at=now,
        member_id=member.id if member is not None else None,
    )
    session.add(invite)
    session.flush()
    return invite


def redeem_invite(session: Session, code: str, user: TelegramUser, *, now: datetime) -> Redemption:
    """Let ``user`` join with ``code``; a member who is already known keeps their role."""
    known = identify(session, user, now=now)
    if known is not None:
        return Redemption("already", known)
    invite = session.exec(select(db.Invite).where(db.Invite.code == code.strip())).first()
    if invite is None:
        return Redemption("unknown")
    if invite.member_id is not None:
        return _redeem_personal(session, invite, user, now=now)
    if invite.expires_at <= now:
        return Redemption("expired")
    if invite.uses_left < 1:
        return Redemption("used")
    invite.uses_left -= 1
    member = db.Member(
        key=_new_key(session, user),
        name=user.first_name,
        role=invite.role,
        telegram_id=user.id,
        telegram_username=user.username,
        telegram_name=user.first_name,
        source="invite",
        joined_at=now,
        last_seen_at=now,
    )
    session.add_all([invite, member])
    bump_version(session)
    session.flush()
    return Redemption("joined", member)


def _redeem_personal(
    session: Session, invite: db.Invite, user: TelegramUser, *, now: datetime
) -> Redemption:
    """Link ``user`` to the itinerary member the code was made for, once."""
    member = session.get(db.Member, invite.member_id)
    if member is None:
        return Redemption("unknown")
    # Someone else holds the record already: a forwarded link, or a second account.
    if member.telegram_id is not None or invite.uses_left < 1:
        return Redemption("taken", member)
    if invite.expires_at <= now:
        return Redemption("expired")
    invite.uses_left -= 1
    member.telegram_id = user.id
    member.telegram_username = member.telegram_username or user.username
    member.telegram_name = user.first_name
    member.joined_at, member.last_seen_at = now, now
    session.add_all([invite, member])
    bump_version(session)
    session.flush()
    if member.unreachable:
        _heal(session, member, now=now)  # reminders skipped while nobody held the record
    return Redemption("joined", member)


def _new_key(session: Session, user: TelegramUser) -> str:
    # The reserved form the file may not use: a name such as 'leads' or 'wong' chosen by
    # whoever holds the invite could otherwise be a group or a member the file adds later.
    base = f"{INVITED_KEY_PREFIX}{user.id}"
    taken = set(session.exec(select(db.Member.key).where(col(db.Member.key).startswith(base))))
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def update_settings(
    session: Session,
    member_id: int,
    *,
    language: str | None = None,
    show_home_time: bool | None = None,
) -> db.Member:
    """Change a member's language or home-time display and return the member."""
    member = session.get(db.Member, member_id)
    if member is None:
        raise LookupError(f"no member {member_id}")
    if language is not None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        member.language = language
    if show_home_time is not None:
        member.show_home_time = show_home_time
    session.add(member)
    return member


def register_group(
    session: Session, chat_id: int, title: str | None, *, by: int, now: datetime
) -> None:
    """Let the bot answer members in group ``chat_id``."""
    group = session.get(db.GroupChat, chat_id) or db.GroupChat(chat_id=chat_id, registered_at=now)
    group.title, group.registered_by = title, by
    session.add(group)


def is_registered_group(session: Session, chat_id: int) -> bool:
    """Tell whether an organiser registered group ``chat_id``."""
    return session.get(db.GroupChat, chat_id) is not None


def _member(session: Session, member_id: int) -> db.Member:
    member = session.get(db.Member, member_id)
    if member is None:
        raise LookupError(f"no member {member_id}")
    return member


def set_lead_times(session: Session, member_id: int, minutes: list[int] | None) -> None:
    """Set a member's own reminder lead times; None goes back to the delegation's."""
    if minutes is not None and not all(0 < m <= 7 * 24 * 60 for m in minutes):
        raise ValueError("lead times are 1 to 10080 minutes")
    member = _member(session, member_id)
    member.lead_times = sorted(set(minutes), reverse=True) if minutes is not None else None
    session.add(member)


def set_briefing(session: Session, member_id: int, enabled: bool) -> None:
    """Turn a member's morning briefing on or off."""
    member = _member(session, member_id)
    member.briefing_enabled = enabled
    session.add(member)


def set_muted_until(session: Session, member_id: int, until: datetime | None) -> None:
    """Mute a member's reminders and briefings until ``until`` (None: unmute)."""
    member = _member(session, member_id)
    member.muted_until = until
    session.add(member)
