"""Statuses, kinds and roles are closed sets, stored as the same plain strings as before."""

from __future__ import annotations

import pytest
from sqlmodel import AutoString

from bot.storage import models as db
from bot.storage.kinds import PENDING_KINDS, ROLES, as_pending_kind, as_role
from schedule.itinerary import ROLES as FILE_ROLES


def test_the_roles_are_the_itinerary_files_roles() -> None:
    assert ROLES == FILE_ROLES


@pytest.mark.parametrize("word", ["member", "organiser"])
def test_a_role_word_is_read_as_itself(word: str) -> None:
    assert as_role(word) == word


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="not a role"):
        as_role("admin")


def test_every_pending_kind_is_read_and_nothing_else() -> None:
    assert PENDING_KINDS == (
        "move",
        "cancel",
        "venue",
        "file",
        "note",
        "promote",
        "remove",
        "link",
        "claim",
        "pick",
    )
    assert [as_pending_kind(k) for k in PENDING_KINDS] == list(PENDING_KINDS)
    with pytest.raises(ValueError, match="not a kind"):
        as_pending_kind("rename")


@pytest.mark.parametrize(
    ("table", "column"),
    [
        (db.Outbox, "status"),
        (db.Outbox, "kind"),
        (db.Member, "role"),
        (db.Member, "unreachable_reason"),
        (db.Invite, "role"),
        (db.PendingChange, "kind"),
    ],
)
def test_typed_columns_stay_plain_strings(table: type, column: str) -> None:
    # AutoString is what SQLModel gives a ``str`` field: the same VARCHAR as before.
    assert isinstance(table.__table__.columns[column].type, AutoString)  # type: ignore[attr-defined]
