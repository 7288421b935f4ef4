"""Changes waiting for an organiser's confirmation: rows with an expiry, not chat memory.

A row survives a restart and is seen by every worker on the database. Confirming takes
the row in the transaction that applies the change, so a second press finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col

from bot.storage import models as db
from bot.storage.kinds import PendingKind, as_pending_kind

LIFETIME = timedelta(hours=1)


@dataclass(frozen=True)
class Pending:
    """A change taken out of the waiting rows, ready to apply."""

    kind: PendingKind
    payload: dict[str, Any]


@dataclass(frozen=True)
class Taken:
    """What pressing a button found: the change, or why there is none for this organiser."""

    change: Pending | None = None
    not_yours: bool = False


def park(
    *, session: Session, member_id: int, kind: str, payload: dict[str, Any], now: datetime
) -> int:
    """Store a previewed change for ``member_id`` to confirm within the hour; return its id."""
    session.execute(delete(db.PendingChange).where(col(db.PendingChange.expires_at) <= now))
    row = db.PendingChange(
        member_id=member_id,
        kind=as_pending_kind(kind),
        payload=payload,
        created_at=now,
        expires_at=now + LIFETIME,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def take(*, session: Session, change_id: int, member_id: int, now: datetime) -> Taken:
    """Remove and return the change ``member_id`` parked as ``change_id``, if still waiting."""
    row = session.get(db.PendingChange, change_id)
    if row is None or row.expires_at <= now:
        return Taken()
    if row.member_id != member_id:
        return Taken(not_yours=True)
    change = Pending(row.kind, dict(row.payload))
    # Deleting by id and counting makes two presses at once (two workers) apply it once.
    deleted = session.connection().execute(
        delete(db.PendingChange).where(col(db.PendingChange.id) == change_id)
    )
    return Taken(change if deleted.rowcount == 1 else None)


def drop(*, session: Session, change_id: int, member_id: int, now: datetime) -> Taken:
    """Forget a parked change; say whether there was one waiting for ``member_id``."""
    return take(session=session, change_id=change_id, member_id=member_id, now=now)
