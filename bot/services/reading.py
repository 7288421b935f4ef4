"""What a member asks to see of the outbox, read in one short session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from bot.services.outbox import upcoming
from bot.storage.db import session_scope


@dataclass(frozen=True)
class Planned:
    """One message the bot will send a member: what kind, when, about which event."""

    kind: str
    due_at: datetime
    event_key: str | None


def coming_up(engine: Engine, member_id: int) -> tuple[Planned, ...]:
    """Return the member's next planned messages, soonest first."""
    with session_scope(engine) as session:
        rows = upcoming(session, member_id)
        return tuple(Planned(row.kind, row.due_at, row.event_key) for row in rows)
