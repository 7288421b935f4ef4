"""The itinerary file checker: every refusal names its place and line; all errors at once."""

from __future__ import annotations

import copy
import json
import re
import textwrap
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.itinerary.checker import ItineraryError, parse_itinerary
from bot.itinerary.source import Problem
from schedule.itinerary import Event, Itinerary

# The smallest document that exercises every section. The event names no zone: its date
# (7 June) is covered by the Tegucigalpa stop only; 8 June is covered by both stops.
MINIMAL: dict[str, Any] = {
    "delegation": {"name": "Test delegation"},
    "stops": [
        {
            "city": "Tegucigalpa",
            "country": "Honduras",
            "timezone": "America/Tegucigalpa",
            "arrive": "2021-06-06",
            "depart": "2021-06-08",
        },
        {
            "city": "Panama City",
            "country": "Panama",
            "timezone": "America/Panama",
            "arrive": "2021-06-08",
            "depart": "2021-06-10",
        },
    ],
    "organisations": [{"key": "cabei", "name": "Central American Bank"}],
    "counterparts": [{"key": "mossi", "name": "Dante Mossi", "organisation": "cabei"}],
    "members": [
        {"key": "choi", "name": "Choi Jong-uk", "role": "organiser", "groups": ["leads"]},
        {"key": "kim", "name": "Kim Min-seo"},
    ],
    "events": [
        {
            "key": "cabei-meeting",
            "title": "Meeting with CABEI",
            "kind": "meeting",
            "start": "2021-06-07 10:00",
            "end": "2021-06-07 11:00",
            "counterparts": ["mossi"],
            "attendees": ["leads", "kim"],
        }
    ],
}


def minimal() -> dict[str, Any]:
    """Return a fresh copy of the minimal valid document, for a test to change one thing."""
    return copy.deepcopy(MINIMAL)


def render(data: dict[str, Any]) -> str:
    """Write ``data`` as block-style YAML, one field a line, values as JSON scalars/lists."""
    lines: list[str] = []
    for section, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{section}:")
            lines += [f"  {name}: {json.dumps(item)}" for name, item in value.items()]
        elif isinstance(value, list):
            lines.append(f"{section}:")
            for entry in value:
                for index, (name, item) in enumerate(entry.items()):
                    lines.append(f"{'  - ' if index == 0 else '    '}{name}: {json.dumps(item)}")
        else:
            lines.append(f"{section}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def yaml_with_event(**fields: Any) -> str:
    """Return the minimal document with the event's fields changed (None removes one)."""
    data = minimal()
    event = data["events"][0]
    for name, value in fields.items():
        if value is None:
            event.pop(name, None)
        else:
            event[name] = value
    return render(data)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """Return the 1-based number of the ``nth`` line of ``text`` that contains ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, f"{needle!r} appears {len(found)} times"
    return found[nth - 1]


def problems_of(text: str) -> list[Problem]:
    """Return the problems ``parse_itinerary`` refuses ``text`` with."""
    with pytest.raises(ItineraryError) as refused:
        parse_itinerary(text)
    return refused.value.problems


def only_problem(text: str) -> Problem:
    """Return the single problem ``text`` is refused with."""
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def assert_problem(problem: Problem, place: str, line: int, *words: str) -> None:
    """Check a problem's place, line and the key words of its message."""
    assert problem.place == place, problem
    assert problem.line == line, problem
    for word in words:
        assert word in problem.message, problem


def test_minimal_document_is_accepted_with_defaults() -> None:
    itinerary = parse_itinerary(render(minimal()))

    assert itinerary.delegation.name == "Test delegation"
    assert itinerary.delegation.home_timezone == "Asia/Seoul"
    assert itinerary.delegation.reminders == (60, 15)
    assert itinerary.delegation.briefing_time == time(7, 0)
    assert [s.city for s in itinerary.stops] == ["Tegucigalpa", "Panama City"]
    assert itinerary.counterparts[0].organisation == "cabei"
    assert itinerary.members[1].role == "member"
    assert itinerary.members[0].groups == ("leads",)
    event = itinerary.events[0]
    assert event.counterparts == ("mossi",)
    assert event.attendees == ("leads", "kim")


def test_timezone_is_inferred_from_the_one_stop_covering_the_date() -> None:
    event = parse_itinerary(render(minimal())).events[0]

    assert event.timezone == "America/Tegucigalpa"
    # Tegucigalpa is UTC−6.
    assert event.start == datetime(2021, 6, 7, 16, 0, tzinfo=UTC)
    assert event.end == datetime(2021, 6, 7, 17, 0, tzinfo=UTC)
    assert event.end_timezone is None


def test_mexico_city_was_utc_minus_5_in_june_2021() -> None:
    text = yaml_with_event(start="2021-06-05 10:00", end=None, timezone="America/Mexico_City")

    event = parse_itinerary(text).events[0]

    assert event.start == datetime(2021, 6, 5, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("field", "suggestion"), [("event", "events"), ("agenda", None)])
def test_unknown_top_level_field_is_refused(field: str, suggestion: str | None) -> None:
    data = minimal()
    data[field] = "anything"
    text = render(data)

    problem = only_problem(text)

    assert_problem(problem, field, line_of(text, f"{field}:"), f"unknown field {field!r}")
    if suggestion:
        assert f"did you mean {suggestion!r}" in problem.message
    else:
        assert "did you mean" not in problem.message


def cases(name: str) -> pytest.MarkDecorator:
    """Return the cases in the YAML file ``name`` next to this module, each with an id."""
    return pytest.mark.parametrize(
        "case",
        loaded := yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8")),
        ids=[case["id"] for case in loaded],
    )


def set_at(data: Any, place: str, value: Any) -> None:
    """Set the field at ``place`` (as the checker names it: ``members[0].role``)."""
    *path, last = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", place)]
    for step in path:
        data = data[step]
    data[last] = value


@cases("itinerary_document_refusals.yaml")
def test_a_field_is_refused_at_its_place_and_line(case: dict[str, Any]) -> None:
    data = minimal()
    for place, value in case["set"].items():
        set_at(data, place, value)
    text = render(data)

    problem = only_problem(text)

    assert_problem(problem, case["place"], line_of(text, case["line_with"]), *case["message"])


@cases("itinerary_event_refusals.yaml")
def test_an_event_field_is_refused_at_its_place_and_line(case: dict[str, Any]) -> None:
    text = yaml_with_event(**case["fields"])

    problem = only_problem(text)

    assert_problem(problem, case["place"], line_of(text, case["line_with"]), *case["message"])


@pytest.mark.parametrize("field", ["timezone", "end_timezone"])
def test_unknown_event_zone_is_refused_with_the_nearest_names(field: str) -> None:
    text = yaml_with_event(**{field: "America/Tegucigalpaa"})

    problem = only_problem(text)

    assert_problem(
        problem,
        f"events[0].{field}",
        line_of(text, f'{field}: "America/Tegucigalpaa"'),
        "unknown time zone 'America/Tegucigalpaa'",
        "did you mean America/Tegucigalpa",
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("7 June 10am", ("'7 June 10am' is not a time", "YYYY-MM-DD HH:MM")),
        ("2021-06-07 25:00", ("'2021-06-07 25:00' is not a real date and time",)),
        ("2021-02-30 10:00", ("'2021-02-30 10:00' is not a real date and time",)),
    ],
)
@pytest.mark.parametrize("field", ["start", "end"])
def test_malformed_time_is_refused(field: str, value: str, words: tuple[str, ...]) -> None:
    text = yaml_with_event(timezone="America/Tegucigalpa", **{field: value})

    problem = only_problem(text)

    assert_problem(problem, f"events[0].{field}", line_of(text, f"{field}:"), *words)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("7 June 10am", ("'7 June 10am' is not a time",)),
        ("2021-02-30 10:00", ("'2021-02-30 10:00' is not a real date",)),
    ],
)
def test_malformed_start_is_refused_when_the_zone_would_come_from_the_stops(
    value: str, words: tuple[str, ...]
) -> None:
    text = yaml_with_event(start=value, end=None)

    problem = only_problem(text)

    assert_problem(problem, "events[0].start", line_of(text, "start:"), *words)


def read_trip(leaves: tuple[str, str], lands: tuple[str, str], **fields: Any) -> Event:
    """Return the event read from the minimal document made a trip: (local time, zone)s."""
    (start, timezone), (end, end_timezone) = leaves, lands
    text = yaml_with_event(
        start=start, timezone=timezone, end=end, end_timezone=end_timezone, **fields
    )
    return parse_itinerary(text).events[0]


def test_flight_end_is_read_in_end_timezone() -> None:
    event = read_trip(
        ("2021-06-08 14:30", "America/Tegucigalpa"),
        ("2021-06-08 17:20", "America/Panama"),
        kind="flight",
    )

    assert event.start == datetime(2021, 6, 8, 20, 30, tzinfo=UTC)  # Tegucigalpa UTC−6
    assert event.end == datetime(2021, 6, 8, 22, 20, tzinfo=UTC)  # Panama UTC−5
    assert event.end_timezone == "America/Panama"
    assert event.arrival_timezone == "America/Panama"


def test_flight_landing_at_an_earlier_wall_clock_time_is_not_an_end_before_start() -> None:
    # Leaves Panama (UTC−5) at 10:00, lands in Tegucigalpa (UTC−6) at 09:30 local: 30 minutes.
    event = read_trip(
        ("2021-06-08 10:00", "America/Panama"), ("2021-06-08 09:30", "America/Tegucigalpa")
    )

    assert event.end is not None
    assert event.end - event.start == timedelta(minutes=30)


def test_end_timezone_equal_to_timezone_is_normalised_away() -> None:
    text = yaml_with_event(timezone="America/Tegucigalpa", end_timezone="America/Tegucigalpa")

    event = parse_itinerary(text).events[0]

    assert event.timezone == "America/Tegucigalpa"
    assert event.end_timezone is None
    assert event.end == datetime(2021, 6, 7, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2021-03-14 02:30", "2021-03-14 04:00", ("2021-03-14 02:30 does not exist in", "jump")),
        ("2021-11-07 01:30", "2021-11-07 03:00", ("2021-11-07 01:30 happens twice in", "fall")),
    ],
    ids=["gap", "fold"],
)
def test_local_time_in_a_dst_gap_or_fold_is_refused(
    start: str, end: str, words: tuple[str, ...]
) -> None:
    text = yaml_with_event(start=start, end=end, timezone="America/Chicago")

    problem = only_problem(text)

    assert_problem(problem, "events[0].start", line_of(text, "start:"), "America/Chicago", *words)


@pytest.mark.parametrize("start", ["2021-06-08 10:00-06:00", "2021-06-08T10:00-0600"])
def test_explicit_offset_that_agrees_with_the_zone_gives_the_same_instant(start: str) -> None:
    plain = yaml_with_event(start="2021-06-08 10:00", end=None, timezone="America/Tegucigalpa")
    offset = yaml_with_event(start=start, end=None, timezone="America/Tegucigalpa")

    with_offset = parse_itinerary(offset).events[0].start

    assert with_offset == parse_itinerary(plain).events[0].start
    assert with_offset == datetime(2021, 6, 8, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("section", "what", "needle"),
    [
        ("organisations", "organisation", 'key: "cabei"'),
        ("counterparts", "counterpart", 'key: "mossi"'),
        ("members", "member", 'key: "kim"'),
        ("events", "event", 'key: "cabei-meeting"'),
    ],
)
def test_duplicate_key_is_refused_naming_where_it_was_first_used(
    section: str, what: str, needle: str
) -> None:
    data = minimal()
    entries = data[section]
    entries.append(copy.deepcopy(entries[-1]))
    second = len(entries) - 1
    first = second - 1
    text = render(data)
    key = entries[first]["key"]

    problem = only_problem(text)

    assert_problem(
        problem,
        f"{section}[{second}].key",
        line_of(text, needle, nth=2),
        f"duplicate {what} key {key!r}",
        f"first used at {section}[{first}], line {line_of(text, needle)}",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [("1", "1"), ("1", '"1"'), ('"ida"', '"ida "')],
    ids=["number", "number-and-text", "trailing-space"],
)
def test_duplicate_key_is_refused_however_it_is_written(first: str, second: str) -> None:
    # The checker reads a key as the text written; two entries whose keys read the same
    # must be refused even when YAML sees a number or a string with a trailing space.
    text = render(minimal()).replace(
        'organisations:\n  - key: "cabei"\n',
        f"organisations:\n  - key: {first}\n    name: A\n  - key: {second}\n    name: B\n"
        '  - key: "cabei"\n',
    )

    problems = problems_of(text)

    assert [p.place for p in problems] == ["organisations[1].key"]
    assert problems[0].line == line_of(text, f"key: {second}", nth=2 if first == second else 1)
    assert "duplicate organisation key" in problems[0].message


def test_two_members_with_the_same_telegram_id_are_refused() -> None:
    # telegram_id is unique in the database: letting this through crashes the import
    # with a database error instead of naming the place.
    data = minimal()
    data["members"][0]["telegram_id"] = 123456789
    data["members"][1]["telegram_id"] = 123456789
    text = render(data)

    problems = problems_of(text)

    assert [(p.place, p.line) for p in problems] == [
        ("members[1].telegram_id", line_of(text, "telegram_id:", nth=2))
    ]
    assert "123456789" in problems[0].message


def test_field_given_twice_in_one_mapping_is_refused() -> None:
    original = render(minimal())
    title = '    title: "Meeting with CABEI"\n'
    text = original.replace(title, title + '    title: "Another title"\n')
    first = line_of(text, "title:")

    problem = only_problem(text)

    assert_problem(
        problem,
        "events[0].title",
        first + 1,
        "field 'title' is given twice",
        f"first on line {first}",
    )


def parsed_or_problems(text: str) -> Itinerary | list[Problem]:
    """Return the itinerary, or the problems it is refused with."""
    try:
        return parse_itinerary(text)
    except ItineraryError as refused:
        return refused.problems


@pytest.mark.parametrize("written", ["null", '""'])
def test_event_with_an_empty_timezone_is_never_silently_dropped(written: str) -> None:
    # Either reading (empty means "not given", so the stop decides; or empty is refused at
    # its place) is fine. Accepting the file without the event is not: a re-import would
    # delete it from the database.
    text = yaml_with_event(timezone=None).replace(
        '  - key: "cabei-meeting"\n', f'  - key: "cabei-meeting"\n    timezone: {written}\n'
    )

    result = parsed_or_problems(text)

    if isinstance(result, Itinerary):
        assert [(e.key, e.timezone) for e in result.events] == [
            ("cabei-meeting", "America/Tegucigalpa")
        ]
    else:
        assert [(p.place, p.line) for p in result] == [
            ("events[0].timezone", line_of(text, "timezone:", nth=3))
        ]


def test_event_naming_its_zone_needs_no_stop() -> None:
    text = yaml_with_event(start="2021-06-20 10:00", end=None, timezone="Asia/Seoul")

    event = parse_itinerary(text).events[0]

    assert event.start == datetime(2021, 6, 20, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("key", ["Cabei-Meeting", "cabei meeting", "-cabei"])
def test_invalid_key_format_is_refused(key: str) -> None:
    text = yaml_with_event(key=key)

    problem = only_problem(text)

    assert_problem(
        problem,
        "events[0].key",
        line_of(text, "key: " + json.dumps(key)),
        f"{key!r} is not a valid key",
        "lowercase letters, digits and '-'",
    )


@pytest.mark.parametrize("field", ["title", "start"])
def test_missing_required_event_field_is_refused(field: str) -> None:
    text = yaml_with_event(**{field: None})

    problem = only_problem(text)

    assert_problem(
        problem,
        f"events[0].{field}",
        line_of(text, 'key: "cabei-meeting"'),
        f"{field!r} is required",
    )


def test_reminders_are_read_in_order() -> None:
    data = minimal()
    data["delegation"]["reminders"] = [120, 30, 5]

    assert parse_itinerary(render(data)).delegation.reminders == (120, 30, 5)


def test_null_briefing_time_turns_briefings_off() -> None:
    data = minimal()
    data["delegation"]["briefing_time"] = None

    assert parse_itinerary(render(data)).delegation.briefing_time is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("07:00", time(7, 0)), ("7:30", time(7, 30)), ("19:45", time(19, 45))],
)
def test_unquoted_briefing_time_is_read_as_written(written: str, expected: time) -> None:
    # YAML 1.1 would read an unquoted 07:00 as the sexagesimal number 420.
    text = render(minimal()).replace(
        'name: "Test delegation"\n', f'name: "Test delegation"\n  briefing_time: {written}\n'
    )

    assert parse_itinerary(text).delegation.briefing_time == expected


@pytest.mark.parametrize("location", [[91.0, 0.0], [14.08, -187.2], [-90.5, 10]])
def test_location_off_the_globe_is_refused(location: list[float]) -> None:
    text = yaml_with_event(location=location)

    problem = only_problem(text)

    assert_problem(problem, "events[0].location", line_of(text, "location:"), "off the globe")


def test_location_is_read_as_latitude_and_longitude() -> None:
    event = parse_itinerary(yaml_with_event(location=[14.08, -87.2])).events[0]

    assert event.location == (14.08, -87.2)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("delegation:\n  name: Test\n bad: x\n", 3),
        ('delegation:\n  name: "Test\nstops: []\nevents: [\n', 5),
        ("delegation: {name: x\n", 2),
        ("a: b: c\n", 1),
    ],
)
def test_yaml_syntax_error_is_reported_with_its_line(text: str, line: int) -> None:
    problem = only_problem(text)

    assert problem.place == ""
    assert problem.line == line
    assert problem.message.startswith("not valid YAML")


def test_value_yaml_cannot_construct_is_reported_not_raised() -> None:
    # An unquoted impossible date is a YAML timestamp that fails to construct.
    text = yaml_with_event(timezone="America/Tegucigalpa").replace(
        'arrive: "2021-06-06"', "arrive: 2021-02-30"
    )

    problem = only_problem(text)

    assert_problem(
        problem, "stops[0].arrive", line_of(text, "arrive: 2021-02-30"), "cannot read '2021-02-30'"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_refused(text: str) -> None:
    problem = only_problem(text)

    assert problem.place == ""
    assert "the file is empty" in problem.message


def test_document_that_is_not_a_mapping_is_refused() -> None:
    problem = only_problem("- delegation\n- events\n")

    assert problem.place == ""
    assert problem.line == 1
    assert "expected a mapping of fields, got a list" in problem.message


ALL_AT_ONCE = textwrap.dedent(
    """\
    delegation:
      name: Test delegation
      briefing_time: "25:00"
    stops:
      - {city: Tegucigalpa, country: Honduras, timezone: America/Tegucigalpaa,
         arrive: 2021-06-06, depart: 2021-06-08}
    members:
      - key: choi
        name: Choi Jong-uk
        role: boss
    events:
      - key: cabei-meeting
        titel: Meeting with CABEI
        start: "2021-06-07 10:00"
        timezone: America/Tegucigalpa
        attendees: [choi, nobody]
    """
)


def test_all_errors_are_reported_at_once_in_file_order() -> None:
    error_problems = problems_of(ALL_AT_ONCE)

    found = [(p.place, p.line) for p in error_problems]
    # The missing title is placed on the event's own line, the misspelled one on its own.
    assert sorted(found, key=lambda item: item[1] or 0) == found
    assert set(found) == {
        ("delegation.briefing_time", 3),
        ("stops[0].timezone", 5),
        ("members[0].role", 10),
        ("events[0].titel", 13),
        ("events[0].title", 12),
        ("events[0].attendees[1]", 16),
    }
    assert len(error_problems) == 6


def test_five_different_faults_give_five_problems() -> None:
    data = minimal()
    data["delegation"]["briefing_time"] = "25:00"
    data["members"][0]["role"] = "boss"
    data["counterparts"][0]["organisation"] = "nobody"
    data["events"][0]["end"] = "2021-06-07 09:00"
    data["events"][0]["venu"] = "CABEI office"
    text = render(data)

    problems = problems_of(text)

    assert [(p.place, p.line) for p in problems] == [
        ("delegation.briefing_time", line_of(text, "briefing_time:")),
        ("counterparts[0].organisation", line_of(text, '"nobody"')),
        ("members[0].role", line_of(text, '"boss"')),
        ("events[0].end", line_of(text, "end:")),
        ("events[0].venu", line_of(text, "venu:")),
    ]


def test_error_message_lists_every_problem_with_its_line() -> None:
    with pytest.raises(ItineraryError) as refused:
        parse_itinerary(ALL_AT_ONCE)

    message = str(refused.value)

    assert message.startswith("6 problems:")
    assert "line 3, delegation.briefing_time: '25:00' is not a time of day" in message
    assert isinstance(refused.value, ValueError)
