"""Engines and sessions: one short session per unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from bot.storage import models  # noqa: F401 - registers the tables on SQLModel.metadata
from bot.storage.migrate import upgrade

DEFAULT_DATABASE_URL = "sqlite:///comitiva.db"


def make_engine(url: str = DEFAULT_DATABASE_URL, *, migrate: bool = True) -> Engine:
    """Create an engine for ``url``; unless told not to, bring its schema up to date.

    The schema is Alembic's (``bot/storage/migrations``): an empty database is created at the
    latest version on first use, an older one is upgraded.
    """
    options: dict[str, Any] = {}
    if url.startswith("sqlite"):
        options["connect_args"] = {"check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every session would see its own empty database.
            options["poolclass"] = StaticPool
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    if migrate:
        upgrade(engine)
    return engine


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a session that commits when the block succeeds and rolls back when it fails."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
