"""Shared fixtures: a fresh database per test and the sample delegation."""

from __future__ import annotations

import os

# python-telegram-bot 22 warns on every 429 unless told to use timedelta (its future
# default); the suite turns warnings into errors, so opt in as the bot itself does.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.db import make_engine, session_scope
from bot.itinerary_file import load_itinerary_file
from bot.store import save_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, bind, make_harness

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "korea-latam-2021.yaml"


@pytest.fixture
def engine() -> Iterator[Engine]:
    """A fresh in-memory SQLite database with the schema."""
    engine = make_engine("sqlite://")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sample() -> Itinerary:
    """The sample delegation, read and checked from the examples folder."""
    return load_itinerary_file(SAMPLE)


@pytest.fixture
def loaded(engine: Engine, sample: Itinerary) -> Engine:
    """The database with the sample delegation, Kim and Choi bound to Telegram ids."""
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    bind(engine, "kim", MEMBER_ID)
    bind(engine, "choi", ORGANISER_ID)
    return engine


@pytest.fixture
async def harness(loaded: Engine) -> AsyncIterator[BotHarness]:
    """The real Application on the local Bot API at 07:50 on 8 June 2021 in Tegucigalpa."""
    clock = SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
    kit = make_harness(loaded, clock)
    await kit.app.initialize()
    yield kit
    await kit.app.shutdown()
