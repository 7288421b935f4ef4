"""How well Comitiva answers questions typed in plain words, on the sample delegation.

Answers every question of ``tests/qa/questions.yaml`` at a fixed "now" (2021-06-08 13:50 UTC,
07:50 in Tegucigalpa on the day of the CABEI meeting) and scores it:

- a question that must be declined is right when the answer is declined, or names no
  counterpart and no event;
- any other question is right when the answer is not declined, every expected key is in
  ``Answer.named`` (a city may instead appear in the plain text of the reply, under its name or
  one of its aliases) and the answer is in the language of the question.

A *wrong person* is a counterpart key the answer names that the question neither expects nor
allows (``allow``); for a question that must be declined, every person named is wrong.

Run: ``.venv/bin/python bench/qa_accuracy.py``.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.answers.engine import Answer, answer
from bot.itinerary.checker import load_itinerary_file
from schedule.itinerary import Itinerary

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "korea-latam-2021.yaml"
QUESTIONS = ROOT / "tests" / "qa" / "questions.yaml"
NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)
GOAL = 95.0
DECLINED = "declined"
LANGS = ("en", "ko")
INTENTS = (
    "who",
    "title",
    "organisation",
    "meetings",
    "meeting_people",
    "next",
    "agenda",
    "time",
    "staying",
    "where",
    "projects",
    "what",
    DECLINED,
)
# Home is not a stop: the names a reply may use for it (the delegation's home is Asia/Seoul).
HOME_NAMES = {"Seoul": ("Seoul", "서울", "Korea", "한국")}
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class QACase:
    """One question of the set, with what its answer must name."""

    q: str
    lang: str
    intent: str
    expect: tuple[str, ...]  # empty when the question must be declined
    allow: tuple[str, ...] = ()

    @property
    def must_decline(self) -> bool:
        return not self.expect


@dataclass(frozen=True)
class Result:
    """The answer to one question and how it scored."""

    case: QACase
    got_intent: str
    got_lang: str
    named: tuple[str, ...]
    declined: bool
    correct: bool
    missing: tuple[str, ...]
    wrong_people: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Tally:
    """Right answers out of asked questions."""

    right: int = 0
    asked: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.asked if self.asked else 0.0

    def add(self, correct: bool) -> Tally:
        return Tally(self.right + int(correct), self.asked + 1)


@dataclass
class Report:
    """Accuracy over the whole question set, by intent and by language."""

    results: list[Result] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        return _tally(self.results)

    @property
    def accuracy(self) -> float:
        return round(self.overall.percent, 1)

    @property
    def wrong_people(self) -> int:
        return sum(len(r.wrong_people) for r in self.results)

    @property
    def misses(self) -> list[Result]:
        return [r for r in self.results if not r.correct]

    def by_intent(self) -> dict[str, Tally]:
        return {
            intent: _tally(r for r in self.results if r.case.intent == intent)
            for intent in INTENTS
            if any(r.case.intent == intent for r in self.results)
        }

    def by_lang(self) -> dict[str, Tally]:
        return {lang: _tally(r for r in self.results if r.case.lang == lang) for lang in LANGS}

    def cell(self, intent: str, lang: str) -> Tally:
        return _tally(r for r in self.results if r.case.intent == intent and r.case.lang == lang)


def _tally(results: Iterable[Result]) -> Tally:
    tally = Tally()
    for r in results:
        tally = tally.add(r.correct)
    return tally


def load_cases(path: Path) -> list[QACase]:
    """Read and check the question set at ``path``."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for entry in raw["questions"]:
        intent = str(entry["intent"])
        lang = str(entry["lang"])
        expect = entry["expect"]
        if intent not in INTENTS or lang not in LANGS:
            raise ValueError(f"bad intent or language in {entry!r}")
        if expect == DECLINED:
            keys: tuple[str, ...] = ()
        elif isinstance(expect, list) and expect:
            keys = tuple(str(k) for k in expect)
        else:
            raise ValueError(f"expect must be a non-empty list or 'declined' in {entry!r}")
        if (intent == DECLINED) != (not keys):
            raise ValueError(f"intent 'declined' goes with expect 'declined' in {entry!r}")
        allow = tuple(str(k) for k in entry.get("allow", ()))
        cases.append(QACase(str(entry["q"]), lang, intent, keys, allow))
    return cases


def _city_names(itinerary: Itinerary) -> dict[str, tuple[str, ...]]:
    names = {stop.city: (stop.city, *stop.aliases) for stop in itinerary.stops}
    return {**HOME_NAMES, **names}


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)).casefold()


def judge(case: QACase, reply: Answer, itinerary: Itinerary) -> Result:
    """Score one answer against what the question expects."""
    people = {c.key for c in itinerary.counterparts}
    events = {e.key for e in itinerary.events}
    cities = _city_names(itinerary)
    named = tuple(reply.named)
    named_people = [k for k in named if k in people]
    if case.must_decline:
        wrong = tuple(named_people)
        correct = reply.declined or not any(k in people or k in events for k in named)
        missing: tuple[str, ...] = ()
    else:
        wrong = tuple(k for k in named_people if k not in case.expect and k not in case.allow)
        text = _plain(reply.text)
        missing = tuple(
            key
            for key in case.expect
            if key not in named
            and not (key in cities and any(n.casefold() in text for n in cities[key]))
        )
        correct = not reply.declined and not missing and reply.lang == case.lang
    return Result(
        case,
        reply.intent,
        reply.lang,
        named,
        reply.declined,
        correct,
        missing,
        wrong,
        reply.text,
    )


def score(questions_path: Path = QUESTIONS, itinerary_path: Path = SAMPLE) -> Report:
    """Answer every question of ``questions_path`` on the sample at ``NOW`` and score it."""
    itinerary = load_itinerary_file(itinerary_path)
    report = Report()
    for case in load_cases(questions_path):
        reply = answer(case.q, itinerary, now=NOW)
        report.results.append(judge(case, reply, itinerary))
    return report


def _row(label: str, cells: Sequence[Tally]) -> str:
    parts = [
        f"{t.right:>3}/{t.asked:<3} {t.percent:5.1f}%" if t.asked else " " * 14 for t in cells
    ]
    return f"{label:<15}" + "  ".join(parts)


def table(report: Report) -> str:
    """Accuracy by intent and language, the overall figures and every miss."""
    lines = [_row("intent", []) + "  ".join(f"{h:<14}" for h in (*LANGS, "all"))]
    for intent, tally in report.by_intent().items():
        lines.append(_row(intent, [*(report.cell(intent, lang) for lang in LANGS), tally]))
    lines.append(_row("all", [*report.by_lang().values(), report.overall]))
    lines.append("")
    lines.append(
        f"overall accuracy: {report.accuracy}% ({report.overall.right}/{report.overall.asked}),"
        f" goal {GOAL:g}%"
    )
    lines.append(f"wrong people named: {report.wrong_people}")
    misses = report.misses
    lines.append("")
    lines.append(f"misses ({len(misses)}):")
    for r in misses:
        expected = DECLINED if r.case.must_decline else ", ".join(r.case.expect)
        why = []
        if r.missing:
            why.append("missing " + ", ".join(r.missing))
        if r.got_lang != r.case.lang and not r.case.must_decline:
            why.append(f"answered in {r.got_lang}")
        lines.append(
            f"- [{r.case.lang} {r.case.intent}] {r.case.q!r}\n"
            f"    expected: {expected}; got intent={r.got_intent} lang={r.got_lang}"
            f" declined={r.declined} named={list(r.named)}"
            + (f"\n    ({'; '.join(why)})" if why else "")
        )
    wrong = [r for r in report.results if r.wrong_people]
    if wrong:
        lines.append("")
        lines.append("wrong people:")
        for r in wrong:
            lines.append(f"- [{r.case.lang} {r.case.intent}] {r.case.q!r}: {list(r.wrong_people)}")
    return "\n".join(lines)


def main() -> dict[str, object]:
    report = score()
    return {
        "name": f"question answering accuracy ({report.overall.asked} questions, en+ko)",
        "value": report.accuracy,
        "unit": "%",
        "goal": GOAL,
        "ratio_to_goal": round(report.accuracy / GOAL, 2),
        "pass": report.accuracy >= GOAL and report.wrong_people == 0,
        "higher_is_better": True,
        "wrong_people": report.wrong_people,
        "by_intent": {k: round(t.percent, 1) for k, t in report.by_intent().items()},
        "by_lang": {k: round(t.percent, 1) for k, t in report.by_lang().items()},
    }


if __name__ == "__main__":
    print(table(score()))
    sys.exit(0)
