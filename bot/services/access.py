"""Who is writing, as handlers need it: one short session per question, plain data back."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.services.members import (
    HEALED,
    TelegramUser,
    identify,
    is_registered_group,
    redeem_invite,
    register_group,
)
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from bot.text.i18n import pick_language
from bot.text.views import Viewer


@dataclass(frozen=True)
class MemberView:
    """A member as a handler needs them, detached from any session."""

    id: int
    key: str
    name: str
    role: str
    lang: str
    show_home_time: bool
    groups: tuple[str, ...]
    lead_times: tuple[int, ...] | None = None
    briefing: bool = True
    muted_until: datetime | None = None

    @property
    def is_organiser(self) -> bool:
        """Tell whether the member may use organiser commands."""
        return self.role == "organiser"

    @property
    def viewer(self) -> Viewer:
        """Return how replies are shown to this member."""
        return Viewer(lang=self.lang, home=self.show_home_time)


def member_view(engine: Engine, user: TelegramUser, *, now: datetime) -> MemberView | None:
    """Return the member ``user`` is, with their groups and settings, or None for a stranger."""
    with session_scope(engine) as session:
        member = identify(session, user, now=now)
        if member is None or member.id is None:
            return None
        query = select(db.MemberGroup.group).where(col(db.MemberGroup.member_id) == member.id)
        groups = tuple(session.exec(query))
        return MemberView(
            id=member.id,
            key=member.key,
            name=member.name,
            role=member.role,
            lang=pick_language(member.language, user.language_code),
            show_home_time=member.show_home_time,
            groups=groups,
            lead_times=tuple(member.lead_times) if member.lead_times is not None else None,
            briefing=member.briefing_enabled,
            muted_until=member.muted_until,
        )


@dataclass(frozen=True)
class Admission:
    """What the gate needs to know about the sender of an update and the chat it came from."""

    role: str | None  # None: a stranger
    registered: bool  # a private chat, or a group an organiser registered
    healed: bool = False  # an unreachable member wrote: their re-planned rows need the alarm


def admission(
    engine: Engine, user: TelegramUser, *, group_id: int | None, now: datetime
) -> Admission:
    """Return who ``user`` is and whether the bot answers in group ``group_id`` (None: private)."""
    with session_scope(engine) as session:
        member = identify(session, user, now=now)
        registered = group_id is None or is_registered_group(session, group_id)
        healed = bool(session.info.get(HEALED))
        return Admission(member.role if member else None, registered, healed)


@dataclass(frozen=True)
class Joining:
    """The outcome of ``/start <code>``, with what the greeting names (names escaped)."""

    outcome: str  # joined | already | unknown | expired | used | taken
    lang: str
    name: str = ""
    role: str = "member"
    delegation: str | None = None
    key: str = ""
    # For ``taken``: the organisers to tell, as (Telegram id, language).
    organisers: tuple[tuple[int, str], ...] = ()


def join(engine: Engine, code: str, user: TelegramUser, *, now: datetime) -> Joining:
    """Redeem ``code`` for ``user`` and return what to greet them with."""
    with session_scope(engine) as session:
        redemption = redeem_invite(session, code, user, now=now)
        itinerary = load_itinerary(session)
        member = redemption.member
        taken = redemption.outcome == "taken"
        # A stranger holding someone else's link is greeted in their own language.
        own = member.language if member and not taken else None
        return Joining(
            outcome=redemption.outcome,
            lang=pick_language(own, user.language_code),
            name=html.escape(member.name) if member else "",
            role=member.role if member else "member",
            delegation=html.escape(itinerary.delegation.name) if itinerary else None,
            key=html.escape(member.key) if member else "",
            organisers=_organisers(session) if taken else (),
        )


def _organisers(session: Session) -> tuple[tuple[int, str], ...]:
    query = select(db.Member).where(
        db.Member.role == "organiser", col(db.Member.telegram_id).is_not(None)
    )
    return tuple(
        (m.telegram_id, pick_language(m.language, None))
        for m in session.exec(query)
        if m.telegram_id is not None and not m.unreachable
    )


def register_chat(
    engine: Engine, chat_id: int, title: str | None, *, by: int, now: datetime
) -> None:
    """Let the bot answer members in group ``chat_id``, registered by member ``by``."""
    with session_scope(engine) as session:
        register_group(session, chat_id, title, by=by, now=now)
