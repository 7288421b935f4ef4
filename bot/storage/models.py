"""Database tables (SQLModel).

Instants are stored in UTC and come back aware; zones are IANA names. Lists that are
only ever read whole (aliases, topics, lead times) are JSON columns; anything that is
looked up or joined (groups, attendees, counterparts of an event) is a table of its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator
from sqlmodel import AutoString, Field, SQLModel

# Closed sets, stored as the plain strings they always were (AutoString, as for ``str``).
from bot.storage.kinds import (
    OutboxKind,
    OutboxStatus,
    PendingKind,
    Role,
    UnreachableReason,
)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; refuses naive values instead of guessing a zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        instant = value.astimezone(UTC)
        # SQLite has no zone-aware type: store the UTC wall time.
        return instant.replace(tzinfo=None) if dialect.name == "sqlite" else instant

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _cascade_fk(target: str) -> Any:
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), primary_key=True)


class Delegation(SQLModel, table=True):
    """The delegation: one row."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    home_timezone: str
    reminders: list[int] = Field(default_factory=list, sa_type=JSON)
    briefing_time: str | None = None  # "HH:MM" local time in the day's city
    about: str | None = None
    # Goes up with every change of the itinerary or roster: readers cache by it.
    version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Random, set once: in every calendar UID, so two delegations' events never collide.
    calendar_id: str | None = None


class Stop(SQLModel, table=True):
    """A city the delegation stays in, by local dates (inclusive)."""

    id: int | None = Field(default=None, primary_key=True)
    position: int
    city: str
    country: str
    timezone: str
    arrive: date
    depart: date
    hotel: str | None = None
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)


class Organisation(SQLModel, table=True):
    """A body the delegation meets."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    short: str | None = None
    country: str | None = None
    about: str | None = None
    projects: list[str] = Field(default_factory=list, sa_type=JSON)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)


class Counterpart(SQLModel, table=True):
    """A person the delegation meets."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    honorific: str | None = None
    title: str | None = None
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    about: str | None = None
    topics: list[str] = Field(default_factory=list, sa_type=JSON)


class Member(SQLModel, table=True):
    """A member of the delegation; ``source`` says whether the file or an invite added them."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    role: Role = Field(default="member", sa_type=AutoString)
    telegram_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    telegram_username: str | None = Field(default=None, index=True)
    source: str = "file"
    language: str | None = None  # None: follow the member's Telegram language
    show_home_time: bool = False
    joined_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_seen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lead_times: list[int] | None = Field(default=None, sa_type=JSON)  # None: the delegation's
    briefing_enabled: bool = True
    muted_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    unreachable: bool = False  # blocked the bot (403): nothing more is sent
    # Why unreachable: "blocked" the bot, or "not_started" (never pressed Start).
    unreachable_reason: UnreachableReason | None = Field(default=None, sa_type=AutoString)
    # The Telegram first name they joined (or last wrote) with: organisers see who took a record.
    telegram_name: str | None = None


class MemberGroup(SQLModel, table=True):
    """A member's audience group (``advance``, ``leads`` …)."""

    __tablename__ = "member_group"

    member_id: int = Field(sa_column=_cascade_fk("member.id"))
    group: str = Field(primary_key=True)
    position: int = 0


class Event(SQLModel, table=True):
    """Something on the programme: instants in UTC, zones where it starts and ends."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    title: str
    kind: str = "other"
    start_utc: datetime = Field(sa_type=UTCDateTime, index=True)
    end_utc: datetime | None = Field(default=None, sa_type=UTCDateTime)
    timezone: str
    end_timezone: str | None = None
    venue: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    notes: str | None = None
    # Calendar history: SEQUENCE rises with each change a member would notice (time, place,
    # title), so calendar clients take the newer copy; None where the time was not known.
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    modified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    dress: str | None = None
    bring: str | None = None


class EventCounterpart(SQLModel, table=True):
    """A counterpart met at an event."""

    __tablename__ = "event_counterpart"

    event_id: int = Field(sa_column=_cascade_fk("event.id"))
    counterpart_id: int = Field(sa_column=_cascade_fk("counterpart.id"))
    position: int = 0


class EventAttendee(SQLModel, table=True):
    """Who attends an event: a member key or a group name. No rows means everyone."""

    __tablename__ = "event_attendee"

    event_id: int = Field(sa_column=_cascade_fk("event.id"))
    ref: str = Field(primary_key=True)
    position: int = 0


class Invite(SQLModel, table=True):
    """A one-time (or few-times) code that lets a person join as a member or organiser."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    role: Role = Field(default="member", sa_type=AutoString)
    uses_left: int = 1
    expires_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # A personal invite: redeeming it links the Telegram user to this itinerary member.
    member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=True),
    )


class GroupChat(SQLModel, table=True):
    """A Telegram group an organiser registered; the bot answers members only there."""

    __tablename__ = "group_chat"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    title: str | None = None
    registered_by: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    registered_at: datetime = Field(sa_type=UTCDateTime)


class Outbox(SQLModel, table=True):
    """A message the bot sends on its own: planned, then claimed, then sent (or skipped)."""

    __table_args__ = (UniqueConstraint("member_id", "kind", "ref", name="uq_outbox_once"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE")))
    kind: OutboxKind = Field(sa_type=AutoString)
    ref: str  # what it refers to; with member and kind, unique: planning twice is impossible
    event_key: str | None = Field(default=None, index=True)
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    status: OutboxStatus = Field(default="pending", index=True, sa_type=AutoString)
    attempts: int = 0
    last_error: str | None = None
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: str | None = None  # "host:pid" of the worker sending it
    retry_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # failed, will retry
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    late: bool = False
    telegram_message_id: int | None = Field(default=None, sa_type=BigInteger)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # A text over Telegram's limit goes out as consecutive messages: the texts as first
    # composed (so a resend after a crash splits the same way) and how many went out.
    parts: list[str] | None = Field(default=None, sa_type=JSON)
    parts_sent: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Announcement(SQLModel, table=True):
    """A message organisers send to members, who acknowledge it with a button."""

    id: int | None = Field(default=None, primary_key=True)
    text: str
    audience: str = "all"  # all | group:<name> | event:<key>
    # An AnnouncementStatus, kept ``str`` here: queueing changes it in place, and mypy would
    # hold a status narrowed before the change as still true after it.
    status: str = "draft"  # draft | scheduled | sent | cancelled
    created_by: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UTCDateTime)
    send_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    nudge_minutes: int | None = None
    resends: int = 0
    report_chat_id: int | None = Field(default=None, sa_type=BigInteger)
    report_message_id: int | None = Field(default=None, sa_type=BigInteger)
    report_text: str | None = None  # what the progress message says now
    finished: bool = False


class Acknowledgement(SQLModel, table=True):
    """A member pressed "Got it" on an announcement."""

    announcement_id: int = Field(sa_column=_cascade_fk("announcement.id"))
    member_id: int = Field(sa_column=_cascade_fk("member.id"))
    at: datetime = Field(sa_type=UTCDateTime)


class PendingChange(SQLModel, table=True):
    """A change an organiser previewed and has not confirmed yet; gone once used or expired."""

    __tablename__ = "pending_change"
    # Ids are never reused: a stale button must not confirm a newer change.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    kind: PendingKind = Field(sa_type=AutoString)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


class CancelledEvent(SQLModel, table=True):
    """An event taken off the programme, kept so that calendars are told to remove it.

    Every other view reads ``event`` and never sees it; the calendar export writes it as
    ``STATUS:CANCELLED``. Adding the event back under its key removes this row.
    """

    __tablename__ = "cancelled_event"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    title: str
    kind: str = "other"
    start_utc: datetime = Field(sa_type=UTCDateTime)
    end_utc: datetime | None = Field(default=None, sa_type=UTCDateTime)
    timezone: str
    end_timezone: str | None = None
    venue: str | None = None
    address: str | None = None
    attendees: list[str] = Field(default_factory=list, sa_type=JSON)
    sequence: int = 0
    created_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CalendarToken(SQLModel, table=True):
    """A member's private calendar feed address; revoked by ``/calendar reset``.

    Looked up by the token's SHA-256 and then compared in constant time; the token itself
    is kept so that ``/calendar`` can show the same address again.
    """

    __tablename__ = "calendar_token"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    digest: str = Field(unique=True, index=True)
    token: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
