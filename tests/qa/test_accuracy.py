"""Question answering quality on the sample delegation (issue 5, point 4).

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
QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"
GOAL = 95.0


class Report(Protocol):
    """What the tests read of ``qa_accuracy.Report``."""

    @property
    def accuracy(self) -> float: ...

    @property
    def wrong_people(self) -> int: ...


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
