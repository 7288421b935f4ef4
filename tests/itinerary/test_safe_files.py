"""Itinerary files from anyone: bounded aliases, no recursion, no controls, short keys."""

from __future__ import annotations

import itertools
import tracemalloc
from pathlib import Path

import pytest

from bot.cli import main
from bot.itinerary.checker import (
    MAX_FILE_BYTES,
    ItineraryError,
    check_document,
    load_itinerary_file,
    parse_itinerary,
)
from bot.itinerary.source import MAX_ALIASES, MAX_VALUES, Problem, read
from tests.bot.test_itinerary_file import line_of, minimal, render
from tests.conftest import SAMPLE


def laughs(levels: int) -> str:
    """Return the classic "billion laughs" document: each level repeats the one above 9 times."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for above, name in itertools.pairwise("abcdefghijklmnop"[: levels + 1]):
        lines.append(f"{name}: &{name} [{','.join([f'*{above}'] * 9)}]")
    return "\n".join(lines) + "\n"


def refusal(text: str) -> Problem:
    """Return the one problem ``text`` is refused with, measuring the memory it took."""
    tracemalloc.start()
    try:
        with pytest.raises(ItineraryError) as refused:
            parse_itinerary(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, f"reading took {peak} bytes"
    [problem] = refused.value.problems
    return problem


def test_billion_laughs_is_refused_before_it_expands() -> None:
    # 9 levels of 9 repeats: the 339-byte file that froze the bot for 41 s.
    text = laughs(9)
    assert len(text.encode()) < 400
    problem = refusal(text)
    assert f"more than {MAX_VALUES:,} values" in problem.message
    assert problem.line == line_of(text, "e: &e")  # where the repeats pass the bound
    assert problem.place == "e[1]"


def test_a_deeper_billion_laughs_is_refused_by_its_count_of_aliases() -> None:
    # 12 levels (the 478-byte file ran past 2 minutes and 2.5 GB at about this size).
    text = laughs(12)
    problem = refusal(text)
    assert problem.message.startswith(f"more than {MAX_ALIASES} aliases")
    assert problem.line == line_of(text, "m: &m")  # the 101st alias


def test_more_than_a_hundred_aliases_are_refused_naming_the_line() -> None:
    items = "\n".join(["  - *x"] * (MAX_ALIASES + 1))
    text = f"x: &x 1\ny:\n{items}\n"
    problem = refusal(text)
    assert problem.message.startswith(f"more than {MAX_ALIASES} aliases")
    assert problem.line == 2 + MAX_ALIASES + 1
    assert str(problem).startswith(f"line {problem.line}: more than {MAX_ALIASES} aliases")


def test_a_few_aliases_are_read_as_the_values_they_name() -> None:
    source = read("x: &x [1, 2]\ny: [*x, *x]\n")
    assert source.problems == []
    assert source.data == {"x": [1, 2], "y": [[1, 2], [1, 2]]}


@pytest.mark.parametrize(
    ("text", "place"),
    [("a: &x [*x]\n", "a[0]"), ("a: &x {b: *x}\n", "a.b"), ("a: &x [1, [2, *x]]\n", "a[1][1]")],
)
def test_a_recursive_structure_is_refused_with_its_place(text: str, place: str) -> None:
    problem = refusal(text)
    assert (problem.place, problem.line) == (place, 1)
    assert "contains itself" in problem.message


def test_nesting_deeper_than_anyone_writes_is_refused_not_a_recursion_error() -> None:
    problem = refusal("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested more than" in problem.message
    assert problem.line == 1


def test_import_of_a_recursive_file_says_where_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("delegation: &d\n  name: x\n  about: [*d]\n", encoding="utf-8")
    assert main(["--db", f"sqlite:///{tmp_path}/c.db", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "line 3, delegation.about[0]: this value contains itself" in err


def test_import_of_billion_laughs_is_refused_quickly_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lol.yaml"
    path.write_text(laughs(9), encoding="utf-8")
    assert main(["--db", f"sqlite:///{tmp_path}/c.db", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"e[1]: the file stands for more than {MAX_VALUES:,} values" in err


def event_with(**fields: object) -> str:
    data = minimal()
    data["events"][0].update(fields)
    return render(data)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("\\e[31mred", "an ANSI escape (U+001B)"), ("nul\\0", "(U+0000)"), ("bell\\a", "(U+0007)")],
)
def test_control_characters_in_text_are_refused_with_their_place(written: str, shown: str) -> None:
    text = render(minimal()).replace('"Meeting with CABEI"', f'"Meeting {written}"')
    problem = refusal(text)
    assert problem.place == "events[0].title"
    assert problem.line == line_of(text, "title:")
    assert shown in problem.message


def test_a_raw_escape_byte_in_the_file_is_refused_with_its_line() -> None:
    text = render(minimal()).replace("Meeting with CABEI", "Meeting \x1b[2J with CABEI")
    problem = refusal(text)
    assert problem.line == line_of(text, "title:")
    assert "ANSI escape" in problem.message


def test_tabs_and_line_breaks_in_notes_stay_allowed() -> None:
    itinerary = parse_itinerary(event_with(notes="Bring:\tpassport\nand badge"))
    assert itinerary.events[0].notes == "Bring:\tpassport\nand badge"


LONG = "a" * 33


@pytest.mark.parametrize(
    ("section", "place"),
    [
        ("organisations", "organisations[0].key"),
        ("counterparts", "counterparts[0].key"),
        ("members", "members[1].key"),
        ("events", "events[0].key"),
    ],
)
def test_a_key_longer_than_32_characters_is_refused_with_its_place(
    section: str, place: str
) -> None:
    data = minimal()
    data[section][-1]["key"] = LONG
    problems = [p for p in _problems(render(data)) if "longer than 32" in p.message]
    assert [p.place for p in problems] == [place]


def test_a_group_name_longer_than_32_characters_is_refused_with_its_place() -> None:
    data = minimal()
    data["members"][0]["groups"] = [LONG]
    data["events"][0]["attendees"] = ["kim"]
    problem = refusal(render(data))
    assert problem.place == "members[0].groups[0]"
    assert "longer than 32 characters" in problem.message


def test_32_characters_is_still_a_key() -> None:
    data = minimal()
    data["members"][1]["key"] = "k" * 32
    data["events"][0]["attendees"] = ["leads", "k" * 32]
    assert parse_itinerary(render(data)).members[1].key == "k" * 32


def test_invited_member_key_form_is_refused_for_file_members_and_groups() -> None:
    data = minimal()
    data["members"][1]["key"] = "tg-123"
    data["members"][0]["groups"] = ["tg-leads"]
    data["events"][0]["attendees"] = []
    problems = {p.place: p.message for p in _problems(render(data))}
    assert set(problems) == {"members[1].key", "members[0].groups[0]"}
    assert all("kept for members who join with an invite" in m for m in problems.values())


def _problems(text: str) -> list[Problem]:
    with pytest.raises(ItineraryError) as refused:
        parse_itinerary(text)
    return refused.value.problems


def test_a_document_over_the_size_limit_is_refused_unread() -> None:
    with pytest.raises(ItineraryError) as refused:
        check_document(b"#" * (MAX_FILE_BYTES + 1))
    assert "larger than 1 MB" in str(refused.value)


def test_a_document_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(ItineraryError) as refused:
        check_document(b"delegation:\n  name: \xff\n")
    [problem] = refused.value.problems
    assert (problem.line, problem.message) == (2, "the file is not UTF-8 text")


def test_the_sample_is_read_from_its_bytes_as_from_its_file() -> None:
    assert check_document(SAMPLE.read_bytes()) == load_itinerary_file(SAMPLE)


def test_import_of_a_file_over_the_size_limit_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ItineraryError) as refused:
        load_itinerary_file(path)
    assert "larger than 1 MB" in str(refused.value)
