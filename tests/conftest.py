"""Shared fixtures: a fresh database per test and the sample delegation."""

from __future__ import annotations

import os
import uuid

# python-telegram-bot 22 warns on every 429 unless told to use timedelta (its future
# default); the suite turns warnings into errors, so opt in as the bot itself does.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from bot.itinerary.checker import load_itinerary_file
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, bind, make_harness

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "korea-latam-2021.yaml"


POSTGRESQL = os.environ.get("COMITIVA_TEST_POSTGRESQL")  # e.g. postgresql+psycopg://…/test
BACKENDS = ["sqlite", "postgresql"] if POSTGRESQL else ["sqlite"]


def pytest_report_header() -> str:
    """Say which databases the storage, reminder and organiser suites run on."""
    if POSTGRESQL:
        return f"databases: SQLite and PostgreSQL ({make_url(POSTGRESQL).render_as_string()})"
    return "databases: SQLite only; PostgreSQL skipped (set COMITIVA_TEST_POSTGRESQL to add it)"


@contextmanager
def postgresql_schema(schema: str) -> Iterator[str]:
    """Create a schema of its own in the test PostgreSQL; yield a URL on it, then drop it."""
    assert POSTGRESQL is not None
    admin = create_engine(POSTGRESQL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRESQL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A fresh database with the schema: in-memory SQLite, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        engine = make_engine("sqlite://")
        yield engine
        engine.dispose()
        return
    with postgresql_schema(f"test_{uuid.uuid4().hex[:16]}") as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def sample() -> Itinerary:
    """The sample delegation, read and checked from the examples folder."""
    return load_itinerary_file(SAMPLE)


def load_sample(engine: Engine, sample: Itinerary) -> Engine:
    """Save the sample delegation with Kim and Choi bound to Telegram ids; return ``engine``."""
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    bind(engine, "kim", MEMBER_ID)
    bind(engine, "choi", ORGANISER_ID)
    return engine


@pytest.fixture
def loaded(engine: Engine, sample: Itinerary) -> Engine:
    """The database with the sample delegation, Kim and Choi bound to Telegram ids."""
    return load_sample(engine, sample)


@pytest.fixture
def on_file(tmp_path: Path, sample: Itinerary) -> Iterator[Engine]:
    """The same in a SQLite file: each session its own connection, as in production."""
    engine = load_sample(make_engine(f"sqlite:///{tmp_path / 'comitiva.db'}"), sample)
    yield engine
    engine.dispose()


@pytest.fixture
async def harness(loaded: Engine) -> AsyncIterator[BotHarness]:
    """The real Application on the local Bot API at 07:50 on 8 June 2021 in Tegucigalpa."""
    clock = SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
    kit = make_harness(loaded, clock)
    await kit.app.initialize()
    yield kit
    await kit.app.shutdown()
