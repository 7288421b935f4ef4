"""The closed sets of words the database stores: statuses, kinds, audiences, roles, reasons.

Each is a ``Literal`` so the columns keep the very strings they always held (no
migration), and mypy catches a misspelt status where the value is written.
"""

from __future__ import annotations

from typing import Literal, get_args

# superseded: a reminder not sent because a later one of the same event fell due with it
OutboxStatus = Literal["pending", "sending", "sent", "skipped", "superseded", "failed"]
OutboxKind = Literal["reminder", "briefing", "notice", "announcement"]
AnnouncementStatus = Literal["draft", "scheduled", "sent", "cancelled"]
AudienceKind = Literal["all", "group", "event"]  # stored as all | group:<name> | event:<key>
Role = Literal["member", "organiser"]
UnreachableReason = Literal["blocked", "not_started"]  # blocked the bot | never pressed Start
EditKind = Literal["move", "cancel", "venue", "file", "note"]
RosterKind = Literal["promote", "remove"]
# An organiser's /link (a duplicate merged into a member), a joiner's "Yes, that is me".
LinkKind = Literal["link", "claim"]
# An ambiguous event name waiting for the organiser to pick one of the events offered.
PickKind = Literal["pick"]
PendingKind = Literal[EditKind, RosterKind, LinkKind, PickKind]

AUDIENCE_KINDS: tuple[AudienceKind, ...] = get_args(AudienceKind)
PENDING_KINDS: tuple[PendingKind, ...] = get_args(PendingKind)
PLANNED_KINDS: tuple[OutboxKind, ...] = ("reminder", "briefing")
ROLES: tuple[Role, ...] = get_args(Role)  # as schedule.itinerary.ROLES, which cannot import us


def as_role(word: str) -> Role:
    """Return ``word`` as a role; raise ValueError for anything else."""
    if word not in ROLES:
        raise ValueError(f"not a role: {word!r}")
    return word


def as_pending_kind(word: str) -> PendingKind:
    """Return ``word`` as the kind of a pending change; raise ValueError for anything else."""
    if word not in PENDING_KINDS:
        raise ValueError(f"not a kind of pending change: {word!r}")
    return word
