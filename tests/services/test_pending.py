"""Pending changes as rows: parked for an hour, taken once, only by the organiser who asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import select

from bot.services import pending
from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import bind

NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)


def member_id(engine: Engine, key: str) -> int:
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        assert member.id is not None
        return member.id


def parked(engine: Engine, owner: int) -> int:
    with session_scope(engine) as session:
        return pending.park(
            session=session, member_id=owner, kind="cancel", payload={"key": "x"}, now=NOW
        )


def take(engine: Engine, change_id: int, who: int, now: datetime = NOW) -> pending.Taken:
    with session_scope(engine) as session:
        return pending.take(session=session, change_id=change_id, member_id=who, now=now)


def test_a_parked_change_is_taken_once(loaded: Engine) -> None:
    choi = member_id(loaded, "choi")
    change_id = parked(loaded, choi)
    assert take(loaded, change_id, choi).change == pending.Pending("cancel", {"key": "x"})
    assert take(loaded, change_id, choi) == pending.Taken()


def test_a_change_expires_after_an_hour(loaded: Engine) -> None:
    choi = member_id(loaded, "choi")
    change_id = parked(loaded, choi)
    assert take(loaded, change_id, choi, NOW + pending.LIFETIME) == pending.Taken()


def test_another_member_cannot_take_a_change_and_it_stays(loaded: Engine) -> None:
    bind(loaded, "park", 1004)
    choi, park = member_id(loaded, "choi"), member_id(loaded, "park")
    change_id = parked(loaded, choi)
    assert take(loaded, change_id, park) == pending.Taken(not_yours=True)
    assert take(loaded, change_id, choi).change is not None


def test_parking_clears_expired_rows_and_never_reuses_an_id(loaded: Engine) -> None:
    choi = member_id(loaded, "choi")
    old = parked(loaded, choi)
    with session_scope(loaded) as session:
        new = pending.park(
            session=session, member_id=choi, kind="cancel", payload={},
            now=NOW + timedelta(hours=2),
        )  # fmt: skip
    with session_scope(loaded) as session:
        assert [row.id for row in session.exec(select(db.PendingChange))] == [new]
    assert new != old
