"""How well Comitiva answers questions typed in plain words: right, declined, confidently wrong.

A question set is YAML: ``questions``, and optionally ``trips`` (per name an itinerary ``file``
and the ``now`` it is asked at) that a question picks by ``trip`` (default ``sample``: the
sample file at 2021-06-08 13:50 UTC, 07:50 in Tegucigalpa). Each answer is one of:

- **right**: answered in the question's language naming every expected key (a city may be
  in the text instead) and nothing wrong; for a question that must be declined, declined
  (or an answer that names no one and no event);
- **declined**: the engine said it does not know, or asked back;
- **wrong** (confidently wrong): stated as fact, it names a person, organisation, event or
  stop city that nothing in the question ties it to (see ``_tied``): a wrong person, day
  (another day's events), city or time (another city's clock);
- **short**: it names nothing wrong but misses a key or is in the other language.

Run: ``.venv/bin/python bench/qa_accuracy.py [questions.yaml ...]``.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import yaml

from bot.answers.engine import Answer, answer
from bot.itinerary.checker import load_itinerary_file
from schedule import agenda
from schedule.itinerary import Counterpart, Itinerary, Organisation

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "korea-latam-2021.yaml"
QA = ROOT / "tests" / "qa"
QUESTIONS = QA / "questions.yaml"
HELDOUT = QA / "heldout.yaml"
HELDOUT2 = QA / "heldout2.yaml"
NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)
GOAL = 95.0
DECLINED = "declined"
LANGS = ("en", "ko")
OUTCOMES = ("right", "declined", "wrong", "short")
INTENTS = (
    *["who", "title", "organisation", "meetings", "meeting_people", "next", "agenda", "time"],
    *["staying", "where", "projects", "what"],
    DECLINED,
)
# Home is not a stop: the names a reply may use for it (both trips' home is Asia/Seoul).
HOME_NAMES = {"Seoul": ("Seoul", "서울", "Korea", "한국")}
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Trip:
    """An itinerary and the moment its questions are asked at."""

    file: Path
    now: datetime


DEFAULT_TRIP = Trip(SAMPLE, NOW)


@dataclass(frozen=True)
class QACase:
    """One question of the set, with what its answer must name."""

    q: str
    lang: str
    intent: str
    expect: tuple[str, ...]  # empty when the question must be declined
    allow: tuple[str, ...] = ()
    trip: Trip = DEFAULT_TRIP

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
    outcome: str
    missing: tuple[str, ...]
    wrong: tuple[str, ...]  # keys and cities named that nothing in the question ties to
    text: str

    @property
    def correct(self) -> bool:
        return self.outcome == "right"


@dataclass(frozen=True)
class Tally:
    """Right answers out of asked questions."""

    right: int = 0
    asked: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.asked if self.asked else 0.0


@dataclass
class Report:
    """Accuracy over the whole question set, by intent, by language and by outcome."""

    results: list[Result] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        return _tally(self.results)

    @property
    def accuracy(self) -> float:
        return round(self.overall.percent, 1)

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def confidently_wrong(self) -> int:
        return self.count("wrong")

    @property
    def wrong_people(self) -> int:
        return sum(len(r.wrong) for r in self.results if r.outcome == "wrong")

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
    outcomes = [r.correct for r in results]
    return Tally(sum(outcomes), len(outcomes))


def _trips(raw: dict[str, object]) -> dict[str, Trip]:
    trips = {"sample": DEFAULT_TRIP}
    for name, entry in dict(raw.get("trips") or {}).items():  # type: ignore[call-overload]
        now = datetime.fromisoformat(str(entry["now"]).replace("Z", "+00:00"))
        trips[str(name)] = Trip(ROOT / str(entry["file"]), now)
    return trips


def load_cases(path: Path) -> list[QACase]:
    """Read and check the question set at ``path``."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    trips = _trips(raw)
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
        trip = trips[str(entry.get("trip", "sample"))]
        cases.append(QACase(str(entry["q"]), lang, intent, keys, allow, trip))
    return cases


def _city_names(itinerary: Itinerary) -> dict[str, tuple[str, ...]]:
    names = {stop.city: (stop.city, *stop.aliases) for stop in itinerary.stops}
    return {**HOME_NAMES, **names}


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)).casefold()


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` (folded) mentions ``name``: a whole word for Latin names."""
    folded = name.casefold()
    if re.search(r"[가-힣]", folded):
        return folded in text
    return re.search(rf"(?<![\w]){re.escape(folded)}(?![\w])", text) is not None


def _event_city(itinerary: Itinerary, zone: str | None) -> str | None:
    return agenda.city_for_zone(itinerary.stops, zone) if zone else None


def _tied(keys: set[str], itinerary: Itinerary) -> set[str]:
    """The keys and cities an answer about ``keys`` may name without being wrong.

    Tied: an expected person's organisation and an organisation's people; the events they
    attend (or whose title names the organisation) and the organisations an expected event
    names; the other events of an expected event's day; the events in an expected city or
    in the country of a tied organisation; the cities of all these and of their cards.
    """
    tied = set(keys)
    people = {c.key: c for c in itinerary.counterparts}
    bodies = {o.key: o for o in itinerary.organisations}
    names = {
        k: [n.casefold() for n in (o.name, o.short, *o.aliases) if n] for k, o in bodies.items()
    }
    chosen = [e for e in itinerary.events if e.key in keys]
    for event in chosen:
        tied |= set(event.counterparts)
        tied |= {k for k, ns in names.items() if any(n in event.title.casefold() for n in ns)}
    for key in list(tied):
        if key in people and people[key].organisation:
            tied.add(str(people[key].organisation))
        if key in bodies:
            tied |= {c.key for c in itinerary.counterparts if c.organisation == key}
    days = {agenda.event_day(e) for e in chosen}
    places = keys & {s.city for s in itinerary.stops}
    countries = {bodies[k].country for k in tied if k in bodies and bodies[k].country}
    places |= {s.city for s in itinerary.stops if s.country in countries}
    titles = [n for k in tied if k in names for n in names[k]]
    for event in itinerary.events:
        if (
            set(event.counterparts) & tied
            or any(n in event.title.casefold() for n in titles)
            or agenda.event_day(event) in days
            or _event_city(itinerary, event.timezone) in places
        ):
            tied.add(event.key)
    for event in itinerary.events:
        if event.key in tied:
            tied |= {
                c for z in (event.timezone, event.end_timezone) if (c := _event_city(itinerary, z))
            }
    told = " ".join(_told(k, people, bodies) for k in tied).casefold()
    places |= {
        c for c, ns in _city_names(itinerary).items() if any(_mentions(told, n) for n in ns)
    }
    return tied | {c for c in places if c}


def _told(key: str, people: dict[str, Counterpart], bodies: dict[str, Organisation]) -> str:
    """What the file says about a person or organisation: a card may quote its cities."""
    if key in bodies:
        return " ".join([bodies[key].about or "", *bodies[key].projects])
    if key in people:
        return " ".join([people[key].about or "", *people[key].topics])
    return ""


def _wrong(case: QACase, reply: Answer, itinerary: Itinerary) -> tuple[str, ...]:
    """What the reply names or mentions that nothing in the question ties it to."""
    tied = _tied({*case.expect, *case.allow}, itinerary)
    known = {c.key for c in itinerary.counterparts} | {o.key for o in itinerary.organisations}
    known |= {e.key for e in itinerary.events}
    text = _plain(reply.text)
    cities = [
        city
        for city, names in _city_names(itinerary).items()
        if city not in HOME_NAMES and any(_mentions(text, n) for n in names)
    ]
    return tuple(k for k in (*reply.named, *cities) if k in known | set(cities) and k not in tied)


def judge(case: QACase, reply: Answer, itinerary: Itinerary) -> Result:
    """Score one answer against what the question expects."""
    people_or_events = {c.key for c in itinerary.counterparts} | {e.key for e in itinerary.events}
    named = tuple(reply.named)
    held_back = reply.declined or reply.intent == "choose"
    wrong = () if held_back else _wrong(case, reply, itinerary)
    if case.must_decline and not held_back:  # nothing was asked for: only `allow` is tied
        wrong = tuple(k for k in named if k in people_or_events and k not in case.allow)
    missing: tuple[str, ...] = ()
    if case.must_decline:
        right = held_back or not (set(named) & people_or_events)
    else:
        cities = _city_names(itinerary)
        text = _plain(reply.text)
        missing = tuple(
            key
            for key in case.expect
            if key not in named
            and not (key in cities and any(_mentions(text, n) for n in cities[key]))
        )
        right = not held_back and not missing and not wrong and reply.lang == case.lang
    outcome = "right" if right else "declined" if held_back else "wrong" if wrong else "short"
    return Result(
        case, reply.intent, reply.lang, named, held_back, outcome, missing, wrong, reply.text
    )


@cache
def _itinerary(path: Path) -> Itinerary:
    return load_itinerary_file(path)


def score(questions_path: Path = QUESTIONS) -> Report:
    """Answer every question of ``questions_path`` on its trip at its "now" and score it."""
    report = Report()
    for case in load_cases(questions_path):
        itinerary = _itinerary(case.trip.file)
        reply = answer(case.q, itinerary, now=case.trip.now)
        report.results.append(judge(case, reply, itinerary))
    return report


def _row(label: str, cells: Sequence[Tally]) -> str:
    parts = [
        f"{t.right:>3}/{t.asked:<3} {t.percent:5.1f}%" if t.asked else " " * 14 for t in cells
    ]
    return f"{label:<15}" + "  ".join(parts)


def outcomes(report: Report) -> str:
    """One line: how many answers came out right, declined, confidently wrong, short."""
    return ", ".join(f"{o} {report.count(o)}/{report.overall.asked}" for o in OUTCOMES)


def _miss(r: Result) -> str:
    expected = DECLINED if r.case.must_decline else ", ".join(r.case.expect)
    why = []
    if r.wrong:
        why.append("names " + ", ".join(r.wrong))
    if r.missing:
        why.append("missing " + ", ".join(r.missing))
    if r.got_lang != r.case.lang and not r.case.must_decline:
        why.append(f"answered in {r.got_lang}")
    return (
        f"- {r.outcome.upper()} [{r.case.lang} {r.case.intent}] {r.case.q!r}\n"
        f"    expected: {expected}; got intent={r.got_intent} lang={r.got_lang}"
        f" named={list(r.named)}" + (f"\n    ({'; '.join(why)})" if why else "")
    )


def table(report: Report) -> str:
    """Accuracy by intent and language, the outcomes and every miss."""
    lines = [_row("intent", []) + "  ".join(f"{h:<14}" for h in (*LANGS, "all"))]
    for intent, tally in report.by_intent().items():
        lines.append(_row(intent, [*(report.cell(intent, lang) for lang in LANGS), tally]))
    lines.append(_row("all", [*report.by_lang().values(), report.overall]))
    lines.append("")
    lines.append(f"overall accuracy: {report.accuracy}%, goal {GOAL:g}%")
    lines.append(f"outcomes: {outcomes(report)}")
    lines.append("")
    lines.append(f"misses ({len(report.misses)}):")
    lines += [_miss(r) for r in report.misses]
    return "\n".join(lines)


def main() -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    for label, path in (("tuning", QUESTIONS), ("held-out", HELDOUT), ("held-out 2", HELDOUT2)):
        report = score(path)
        results.append(
            {
                "name": f"question accuracy, {label} ({report.overall.asked} questions)",
                "value": report.accuracy,
                "unit": "%",
                "goal": GOAL,
                "ratio_to_goal": round(report.accuracy / GOAL, 2),
                "pass": report.accuracy >= GOAL and report.confidently_wrong == 0,
                "higher_is_better": True,
                "outcomes": {name: report.count(name) for name in OUTCOMES},
                "by_lang": {k: round(t.percent, 1) for k, t in report.by_lang().items()},
            }
        )
    return results


if __name__ == "__main__":
    for arg in sys.argv[1:] or (str(QUESTIONS), str(HELDOUT), str(HELDOUT2)):
        print(f"== {arg}")
        print(table(score(Path(arg))))
        print()
    sys.exit(0)
