"""Alembic environment: runs on the connection ``bot.storage.migrate`` hands it."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from bot.storage import models  # noqa: F401 - registers the tables on SQLModel.metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
