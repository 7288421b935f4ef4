"""Question answering quality: the tuning set and the two held-out sets (issues 5 and 15).

The scoring lives in ``bench/qa_accuracy.py``; it is loaded by path since ``bench`` is no package.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.yaml"
GOAL = 95.0
# Held-out sets: the floor each is held at (right answers) until the engine reaches the
# issue's 97%; heldout2 is the blind set of issue 15, first scored at 165/247, 36 wrong.
HELDOUT_RIGHT = 87
HELDOUT2_RIGHT = 165
HELDOUT2_WRONG = 36


class Report(Protocol):
    """What the tests read of ``qa_accuracy.Report``."""

    @property
    def accuracy(self) -> float: ...

    @property
    def wrong_people(self) -> int: ...

    @property
    def confidently_wrong(self) -> int: ...

    def count(self, outcome: str) -> int: ...


def _load_scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location("qa_accuracy", ROOT / "bench" / "qa_accuracy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scoring() -> ModuleType:
    return _load_scoring()


@pytest.fixture(scope="module")
def report(scoring: ModuleType) -> Report:
    result: Report = scoring.score(QUESTIONS)
    return result


def test_accuracy_is_at_least_95_percent(scoring: ModuleType, report: Report) -> None:
    assert report.accuracy >= GOAL, scoring.table(report)


def test_no_wrong_person_is_named(scoring: ModuleType, report: Report) -> None:
    assert report.wrong_people == 0, scoring.table(report)


def test_no_tuning_answer_is_confidently_wrong(scoring: ModuleType, report: Report) -> None:
    assert report.confidently_wrong == 0, scoring.table(report)


@pytest.fixture(scope="module")
def heldout(scoring: ModuleType) -> Report:
    result: Report = scoring.score(HERE / "heldout.yaml")
    return result


@pytest.fixture(scope="module")
def heldout2(scoring: ModuleType) -> Report:
    result: Report = scoring.score(HERE / "heldout2.yaml")
    return result


def test_first_held_out_set_is_never_confidently_wrong(
    scoring: ModuleType, heldout: Report
) -> None:
    assert heldout.confidently_wrong == 0, scoring.table(heldout)
    assert heldout.count("right") >= HELDOUT_RIGHT, scoring.table(heldout)


def test_blind_held_out_set_does_not_get_worse(scoring: ModuleType, heldout2: Report) -> None:
    assert heldout2.count("right") >= HELDOUT2_RIGHT, scoring.table(heldout2)
    assert heldout2.confidently_wrong <= HELDOUT2_WRONG, scoring.table(heldout2)


def test_scorer_reads_both_trips_of_the_blind_set(scoring: ModuleType) -> None:
    cases = scoring.load_cases(HERE / "heldout2.yaml")
    files = {case.trip.file.name for case in cases}
    assert files == {"korea-latam-2021.yaml", "second-trip.yaml"}
    assert len(cases) >= 150


def test_another_days_programme_counts_as_confidently_wrong(scoring: ModuleType) -> None:
    itinerary = scoring.load_itinerary_file(scoring.SAMPLE)
    case = scoring.QACase("whats on jun 9", "en", "agenda", ("panama-metro-meeting",))
    today = scoring.Answer("agenda", "en", "Tue 8 Jun", named=("cabei-meeting",))
    asked_back = scoring.Answer("choose", "en", "Which one?")
    assert scoring.judge(case, today, itinerary).outcome == "wrong"
    assert scoring.judge(case, asked_back, itinerary).outcome == "declined"
