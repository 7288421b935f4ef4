"""Per-member calendars: private feed tokens, and the calendar each member (or all) sees.

A token is random (192 bits), looked up by its SHA-256 and compared in constant time;
a revoked token, or one whose member has left, finds nothing. The feed's body depends
only on the stored data, so its ETag changes exactly when the calendar does.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.itinerary.ics import History, to_ics
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.history import load_history
from bot.storage.store import load_itinerary
from schedule.agenda import attends, visible_to
from schedule.itinerary import Itinerary, Member

FEED_PATH = "/calendar/{token}.ics"
# A calendar with nothing ever dated (imported without a clock) still needs a stable stamp.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    """A calendar as served: the file, its ETag and when it last changed."""

    body: bytes
    etag: str
    last_modified: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_path(token: str) -> str:
    """Return the path a member's feed is served at."""
    return FEED_PATH.format(token=token)


def feed_token(session: Session, *, member_key: str, now: datetime) -> str:
    """Return the member's active feed token, making one the first time."""
    member = _member_row(session, member_key)
    query = select(db.CalendarToken).where(
        db.CalendarToken.member_id == member.id, col(db.CalendarToken.revoked_at).is_(None)
    )
    if (row := session.exec(query.order_by(col(db.CalendarToken.id))).first()) is not None:
        return row.token
    return _new_token(session, member, now)


def reset_token(session: Session, *, member_key: str, now: datetime) -> str:
    """Revoke every feed token of the member and return a new one."""
    member = _member_row(session, member_key)
    query = select(db.CalendarToken).where(
        db.CalendarToken.member_id == member.id, col(db.CalendarToken.revoked_at).is_(None)
    )
    for row in session.exec(query):
        row.revoked_at = now
        session.add(row)
    return _new_token(session, member, now)


def _member_row(session: Session, key: str) -> db.Member:
    member = session.exec(select(db.Member).where(db.Member.key == key)).first()
    if member is None or member.id is None:
        raise LookupError(f"no member has the key {key!r}")
    return member


def _new_token(session: Session, member: db.Member, now: datetime) -> str:
    assert member.id is not None
    token = secrets.token_urlsafe(24)
    session.add(
        db.CalendarToken(member_id=member.id, digest=_digest(token), token=token, created_at=now)
    )
    session.flush()
    return token


def member_by_token(session: Session, token: str) -> str | None:
    """Return the key of the member whose active token this is, or None."""
    row = session.exec(
        select(db.CalendarToken).where(db.CalendarToken.digest == _digest(token))
    ).first()
    # The digest found the row; the token itself is compared in constant time all the same.
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.token, token):
        return None
    member = session.get(db.Member, row.member_id)
    return member.key if member is not None else None


def feed_for_token(session: Session, token: str) -> Feed | None:
    """Return the calendar a feed token serves, or None for an unknown or revoked one."""
    key = member_by_token(session, token)
    if key is None:
        return None
    return member_calendar(session, member_key=key)


def member_calendar(session: Session, *, member_key: str) -> Feed | None:
    """Return the calendar of the events the member attends (organisers too: their own)."""
    if (found := _members_events(session, member_key)) is None:
        return None
    return _feed(*found)


def delegation_calendar(session: Session) -> Feed | None:
    """Return the calendar of every event, and every cancelled one."""
    itinerary = load_itinerary(session)
    if itinerary is None:
        return None
    return _feed(itinerary, load_history(session))


def for_member(
    itinerary: Itinerary, history: History, member: Member
) -> tuple[Itinerary, History]:
    """Return the events and cancelled events ``member`` attends."""
    mine = visible_to(itinerary, key=member.key, groups=member.groups, organiser=False)
    cancelled = tuple(
        (event, stamp)
        for event, stamp in history.cancelled
        if attends(event, member.key, member.groups)
    )
    return mine, History(history.delegation_id, history.stamps, cancelled)


def _feed(itinerary: Itinerary, history: History) -> Feed:
    """Write the calendar, dated by its latest change so that the same data gives one file."""
    dates = [s.modified or s.created for s in history.stamps.values()]
    dates += [s.modified for _, s in history.cancelled]
    changed = max((d for d in dates if d is not None), default=EPOCH).replace(microsecond=0)
    body = to_ics(itinerary, now=changed, history=history)
    return Feed(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', changed)


def calendar_address(engine: Engine, *, member_key: str, now: datetime, reset: bool) -> str:
    """Return the member's feed token (a new one, the old revoked, with ``reset``)."""
    with session_scope(engine) as session:
        if reset:
            return reset_token(session, member_key=member_key, now=now)
        return feed_token(session, member_key=member_key, now=now)


def _members_events(session: Session, member_key: str) -> tuple[Itinerary, History] | None:
    """Return the itinerary as one member's calendar shows it, with its history, or None."""
    itinerary = load_itinerary(session)
    members = itinerary.members if itinerary else ()
    member = next((m for m in members if m.key == member_key), None)
    if itinerary is None or member is None:
        return None
    return for_member(itinerary, load_history(session), member)


def calendar_file(engine: Engine, *, member_key: str, now: datetime) -> tuple[bytes, int] | None:
    """Return the member's own calendar as a file and how many events it holds, or None."""
    with session_scope(engine) as session:
        if (found := _members_events(session, member_key)) is None:
            return None
    mine, history = found
    if not mine.events:
        return None
    return to_ics(mine, now=now, history=history), len(mine.events)
