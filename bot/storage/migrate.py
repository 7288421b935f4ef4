"""The schema is Alembic's: upgrade a database to the latest version, or say where it is."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config() -> Config:
    """Return an Alembic configuration for the migrations that ship with Comitiva."""
    alembic_config = Config()
    alembic_config.set_main_option("script_location", str(MIGRATIONS))
    return alembic_config


class SchemaError(RuntimeError):
    """A database whose schema Comitiva cannot take over; the text says what to do."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (the latest by default)."""
    if current(engine) is None and inspect(engine).get_table_names():
        url = engine.url.render_as_string(hide_password=True)
        raise SchemaError(
            f"the database {url} has tables but no migration level (made before Comitiva "
            "used migrations, or by something else): start from an empty database"
        )
    with engine.begin() as connection:
        alembic_config = config()
        alembic_config.attributes["connection"] = connection
        command.upgrade(alembic_config, revision)


def current(engine: Engine) -> str | None:
    """Return the database's migration level, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    """Return the latest migration level Comitiva knows."""
    return ScriptDirectory.from_config(config()).get_current_head()
