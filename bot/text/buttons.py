"""The organisers' and announcements' buttons, each family a typed ``CallbackData``.

The packed forms are the ones these buttons always had (``org:ok:12``, ``ann:send:3``,
``ann:to:3:group:advance``, ``ack:3``), so a button already in a chat keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.text.callbacks import CallbackData, CallbackDataError


@dataclass(frozen=True)
class ChangeButton(CallbackData):
    """Confirm (``ok``) or drop (``no``) the pending change with this row id."""

    PREFIX: ClassVar[str] = "org"
    action: str
    change_id: int


@dataclass(frozen=True)
class AnnouncementButton(CallbackData):
    """Send, drop, send again or unschedule an announcement."""

    PREFIX: ClassVar[str] = "ann"
    action: str  # send | drop | again | unschedule
    announcement_id: int


@dataclass(frozen=True)
class AudienceButton(CallbackData):
    """Send a draft to ``all``, ``group:NAME`` or (a name too long) ``#INDEX`` of the groups."""

    PREFIX: ClassVar[str] = "ann"
    action: str  # always "to"
    announcement_id: int
    audience: str

    @classmethod
    def for_group(cls, announcement_id: int, group: str, index: int) -> AudienceButton:
        """Carry the group's name if it fits in Telegram's 64 bytes, else its index."""
        button = cls("to", announcement_id, f"group:{group}")
        try:
            button.pack()
        except CallbackDataError:
            return cls("to", announcement_id, f"#{index}")
        return button


@dataclass(frozen=True)
class GotItButton(CallbackData):
    """A member acknowledges an announcement."""

    PREFIX: ClassVar[str] = "ack"
    announcement_id: int


@dataclass(frozen=True)
class InviteButton(CallbackData):
    """An organiser picks the itinerary member (by row id) to make a personal link for."""

    PREFIX: ClassVar[str] = "inv"
    member_id: int


@dataclass(frozen=True)
class PickButton(CallbackData):
    """An organiser picks the ``index``-th event offered by the parked row ``pick_id``."""

    PREFIX: ClassVar[str] = "pick"
    pick_id: int
    index: int
