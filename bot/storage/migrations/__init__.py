"""Alembic migrations: the schema of Comitiva's database, version by version."""
