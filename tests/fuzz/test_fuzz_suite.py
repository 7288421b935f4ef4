"""Fuzzing, bounded for CI: itinerary files, members' and strangers' messages, typed times.

Every property holds for any input: the importer accepts or refuses with places and never
writes half; the bot never fails on a message and never shows a stranger the itinerary;
readers of days and times answer or refuse, never crash.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.answers.engine import answer
from bot.cli import main as cli
from bot.itinerary.checker import ItineraryError, parse_itinerary
from bot.services.edits import EditError, parse_new_start
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from bot.text.i18n import EN, KO
from schedule.clock import SimulatedClock
from schedule.dates import parse_day
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, ORGANISER_ID, bind, make_harness
from tests.conftest import SAMPLE

QUICK = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
FIELDS = [
    "delegation",
    "stops",
    "events",
    "members",
    "key",
    "title",
    "start",
    "end",
    "timezone",
    "name",
    "city",
    "arrive",
    "depart",
    "counterparts",
    "attendees",
    "location",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=20),
    st.sampled_from(["2021-06-08 10:00", "America/Lima", "07:00", "x"]),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5)
    ),
    max_leaves=25,
)


def check_refusal(text: str) -> Itinerary | None:
    """Parse; a refusal must name at least one place, each with a sane line."""
    try:
        return parse_itinerary(text)
    except ItineraryError as error:
        problems = error.problems
    assert problems
    for problem in problems:
        assert isinstance(problem.place, str)
        assert problem.line is None or problem.line >= 1
    return None


@QUICK
@given(st.text(max_size=300))
@example("delegation: [")
@example("\t")
def test_any_text_is_accepted_or_refused_with_places(text: str) -> None:
    check_refusal(text)


@QUICK
@given(documents)
def test_any_yaml_document_is_accepted_or_refused_with_places(document: object) -> None:
    check_refusal(yaml.safe_dump(document, allow_unicode=True))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = SAMPLE_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap", "token", "truncate"]))
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif how == "token":
            head = lines[at].split(":", 1)[0]
            lines[at] = (
                f"{head}: {draw(st.sampled_from(['25:00', 'null', '[', 'Mars/Base', '-1', 'x']))}"
            )
        else:
            lines = lines[: at + 1]
        if not lines:
            lines = ["delegation:"]
    return "\n".join(lines) + "\n"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@settings(max_examples=25, deadline=None, derandomize=True)
@given(mutated())
def test_a_mutated_file_is_imported_whole_or_not_at_all(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "fuzz.db"
        url = f"sqlite:///{database}"
        assert cli(["--db", url, "import", str(SAMPLE)]) == 0
        before = counts(database)
        source = Path(folder) / "mutated.yaml"
        source.write_text(text, encoding="utf-8")
        code = cli(["--db", url, "import", str(source)])
        if code != 0:
            assert counts(database) == before  # refused: nothing written
        else:
            assert check_refusal(text) is not None


MESSAGES = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda c, a: f"/{c} {a}",
        st.sampled_from(
            [
                "today",
                "next",
                "who",
                "people",
                "agenda",
                "announce",
                "move",
                "cancel",
                "venue",
                "settings",
                "acks",
                "remove",
                "promote",
                "ics",
                "trip",
                "now",
                "start",
                "nonsense",
            ]
        ),
        st.text(max_size=60),
    ),
    st.sampled_from(["<b>&amp;", "🇰🇷" * 50, "모시는 누구야?", "x" * 5000, "/start bogus"]),
)
# A stranger hears the refusal, or (after /start CODE) why the code did not let them in.
STRANGER_REPLIES = {
    catalogue[key]
    for catalogue in (EN, KO)
    for key in ("stranger", "invite_unknown", "invite_expired", "invite_used")
}
SECRETS = ["Mossi", "CABEI", "Tegucigalpa", "Panama Metro", "López", "Ortega", "10:00"]


@settings(
    max_examples=12, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate]
)
@given(st.lists(MESSAGES, min_size=5, max_size=10))
def test_no_message_breaks_the_bot_or_reaches_a_stranger(messages: list[str]) -> None:
    asyncio.run(drive(messages))


async def drive(messages: list[str]) -> None:
    engine = make_engine("sqlite://")
    with session_scope(engine) as session:
        save_itinerary(session, parse_itinerary(SAMPLE_TEXT))
    bind(engine, "kim", MEMBER_ID)
    bind(engine, "choi", ORGANISER_ID)
    harness = make_harness(engine, SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC)))
    await harness.app.initialize()
    try:
        for text in messages:
            for person in (harness.member, harness.organiser):
                for reply in await harness.send(person, text):
                    assert reply.text not in (EN["error"], KO["error"]), text
            for reply in await harness.send(harness.stranger, text):
                assert reply.text in STRANGER_REPLIES, text
                assert not any(secret in reply.text for secret in SECRETS)
    finally:
        await harness.app.shutdown()
        engine.dispose()


SAMPLE_ITINERARY = parse_itinerary(SAMPLE_TEXT)
CABEI = next(e for e in SAMPLE_ITINERARY.events if e.key == "cabei-meeting")
TIMES = st.one_of(
    st.text(max_size=30),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(-3, 40), st.integers(0, 99)),
    st.builds(
        lambda d, h: f"{d} {h}:30",
        st.sampled_from(["tomorrow", "2021-06-31", "friday", "6월 9일", "2021-02-29"]),
        st.integers(0, 30),
    ),
)


@QUICK
@given(TIMES)
def test_typed_days_and_times_are_read_or_refused(text: str) -> None:
    assert parse_day(text, today=date(2021, 6, 8)) is None or isinstance(
        parse_day(text, today=date(2021, 6, 8)), date
    )
    try:
        start = parse_new_start(CABEI, text, today=date(2021, 6, 8))
    except EditError:
        return
    assert start.tzinfo is not None
    assert start.utcoffset() == UTC.utcoffset(None)


@QUICK
@given(st.text(max_size=120))
def test_any_question_gets_an_answer_in_english_or_korean(text: str) -> None:
    reply = answer(text, SAMPLE_ITINERARY, now=datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
    assert reply.lang in ("en", "ko")
    assert isinstance(reply.text, str)
