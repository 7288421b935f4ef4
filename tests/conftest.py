"""Shared fixtures: a fresh database per test and the sample delegation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.db import make_engine
from bot.itinerary_file import load_itinerary_file
from schedule.itinerary import Itinerary

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
