"""Alembic owns the schema: an empty database upgraded to head matches the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from bot.storage.db import make_engine
from bot.storage.migrate import current, head, upgrade


def test_an_empty_database_upgrades_to_the_latest_migration(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/empty.db")
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()


def test_the_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/migrated.db")
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_first_use_creates_the_schema_and_a_second_use_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/first.db"
    first = make_engine(url)
    tables = set(inspect(first).get_table_names())
    second = make_engine(url)
    assert set(inspect(second).get_table_names()) == tables
    assert {"event", "member", "outbox", "alembic_version"} <= tables
