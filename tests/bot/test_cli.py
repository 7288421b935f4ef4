"""The ``comitiva`` command line: import, export and agenda, run in-process on a file database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.itinerary.checker import parse_itinerary
from bot.itinerary.export import to_yaml
from bot.storage.db import make_engine, session_scope
from bot.storage.store import load_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.conftest import ROOT, SAMPLE

# The acceptance check: the travel day from Tegucigalpa to Panama City, in local times.
TUESDAY_8_JUNE = "\n".join(
    [
        "Tue 8 Jun 2021 – Tegucigalpa → Panama City",
        "",
        "10:00–11:00 (Tegucigalpa, UTC−6)  Meeting with CABEI",
        "    CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras",
        "    with Mr. Dante Mossi, Executive President, CABEI",
        "",
        "11:15–11:45 (Tegucigalpa, UTC−6)  Transfer CABEI to Toncontín airport",
        "    CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras",
        "",
        "14:30 Tegucigalpa (UTC−6) → 17:20 Panama City (UTC−5)  Flight Tegucigalpa to Panama City",
        "    Toncontín International Airport, Boulevard Comunidad Económica Europea, "
        "Tegucigalpa, Honduras",
        "",
        "18:00–19:00 (Panama City, UTC−5)  Transfer Tocumen airport to hotel",
        "    Tocumen International Airport, Av. Domingo Díaz, Tocumen, Panama City, Panama",
    ]
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A database URL for a SQLite file of this test's own."""
    return f"sqlite:///{tmp_path}/c.db"


@pytest.fixture
def imported(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The database URL, with the sample imported and the import's output discarded."""
    assert main(["--db", db, "import", str(SAMPLE)]) == 0
    capsys.readouterr()
    return db


def stored(url: str) -> Itinerary | None:
    """Return the itinerary stored at ``url``."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return load_itinerary(session)
    finally:
        engine.dispose()


def at(year: int, month: int, day: int, hour: int) -> SimulatedClock:
    """Return a clock standing at the given UTC instant."""
    return SimulatedClock(datetime(year, month, day, hour, 0, tzinfo=UTC))


# import


def test_import_on_a_fresh_database_prints_what_was_added(
    db: str, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "import", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert re.search(r": imported \(\d+ added, 0 changed, 0 removed\)", out)
    assert "  added event cabei-meeting" in out.splitlines()
    assert "  added counterpart mossi" in out.splitlines()
    assert stored(db) == sample


def test_reimporting_the_same_file_reports_nothing_to_change(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "import", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "(0 added, 0 changed, 0 removed), nothing to change" in out


def test_import_dry_run_prints_what_it_would_import_and_writes_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "import", str(SAMPLE), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert re.search(r": would import \(\d+ added, 0 changed, 0 removed\)", out)
    assert "  added event cabei-meeting" in out.splitlines()
    assert stored(db) is None


BROKEN = """\
delegation:
  name: Broken
stops:
  - {city: Lima, country: Peru, timezone: America/Lmia, arrive: 2021-06-10, depart: 2021-06-12}
events:
  - key: late
    title: Late
    timezone: America/Lima
    start: "2021-06-10 18:00"
    end: "2021-06-10 17:00"
    colour: red
"""


def test_import_of_an_invalid_file_fails_listing_every_problem_with_its_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert main(["--db", db, "import", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not imported, 3 problems" in captured.err
    problems = [line.strip() for line in captured.err.splitlines()[1:]]
    assert problems[0].startswith("line 4, stops[0].timezone: unknown time zone 'America/Lmia'")
    assert problems[1].startswith("line 10, events[0].end: ")
    assert problems[2].startswith("line 11, events[0].colour: unknown field 'colour'")
    assert stored(db) is None


def test_import_of_an_invalid_file_leaves_the_stored_itinerary_alone(
    imported: str, sample: Itinerary, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert main(["--db", imported, "import", str(broken)]) == 1
    assert stored(imported) == sample


def test_import_of_a_missing_file_fails_with_a_message(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "import", str(tmp_path / "nowhere.yaml")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


# agenda


def test_agenda_prints_the_travel_day_in_local_times(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "agenda", "2021-06-08"]) == 0
    assert capsys.readouterr().out == TUESDAY_8_JUNE + "\n"


def test_agenda_with_home_shows_seoul_time_beside_each_event(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "agenda", "2021-06-08", "--home"]) == 0
    lines = capsys.readouterr().out.splitlines()
    meeting = lines.index("10:00–11:00 (Tegucigalpa, UTC−6)  Meeting with CABEI")
    assert lines[meeting + 1] == "    at home: Wed 9 Jun 01:00 (Seoul, UTC+9)"
    flight = next(i for i, line in enumerate(lines) if line.startswith("14:30 Tegucigalpa"))
    assert lines[flight + 1] == "    at home: Wed 9 Jun 05:30 (Seoul, UTC+9)"


@pytest.mark.parametrize(
    ("clock", "heading"),
    [
        # 03:00 UTC on 10 June is still 22:00 on 9 June in Panama City.
        pytest.param(at(2021, 6, 10, 3), "Wed 9 Jun 2021 – Panama City", id="panama-evening"),
        # 12:00 UTC on 8 June is 06:00 in Tegucigalpa, before the flight.
        pytest.param(
            at(2021, 6, 8, 12), "Tue 8 Jun 2021 – Tegucigalpa → Panama City", id="travel-day"
        ),
        # 23:00 UTC on 4 June is 18:00 in Mexico City but already 5 June in Seoul.
        pytest.param(
            at(2021, 6, 4, 23),
            "Fri 4 Jun 2021 – Los Angeles → Mexico City",  # the day the flight lands
            id="seoul-a-day-ahead",
        ),
        # Outside the trip, today is the date at home: 1 July 15:00 UTC is 2 July in Seoul.
        pytest.param(at(2021, 7, 1, 15), "Fri 2 Jul 2021", id="after-the-trip"),
    ],
)
def test_agenda_today_is_the_date_where_the_delegation_is(
    imported: str, capsys: pytest.CaptureFixture[str], clock: SimulatedClock, heading: str
) -> None:
    assert main(["--db", imported, "agenda", "today"], clock=clock) == 0
    assert capsys.readouterr().out.splitlines()[0] == heading


def test_agenda_without_a_date_shows_today(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "agenda"], clock=at(2021, 6, 10, 3)) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Wed 9 Jun 2021 – Panama City"


def test_agenda_tomorrow_is_the_day_after_where_the_delegation_is(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "agenda", "tomorrow"], clock=at(2021, 6, 10, 3)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Thu 10 Jun 2021 – Panama City → Lima"
    assert "08:15 Panama City (UTC−5) → 11:30 Lima (UTC−5)  Flight Panama City to Lima" in out


def test_agenda_outside_the_trip_says_when_the_trip_runs(
    imported: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "agenda", "2021-07-01"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Thu 1 Jul 2021",
        "Nothing on the programme.",
        "(The delegation is not on the road that day; the trip runs Fri 4 Jun – Sat 12 Jun 2021.)",
    ]


def test_agenda_before_any_import_fails_telling_to_import_first(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "agenda", "2021-06-08"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "comitiva agenda: no itinerary yet: run 'comitiva import FILE' first" in captured.err


@pytest.mark.parametrize("day", ["2021-13-01", "next week", "8/6/2021"])
def test_agenda_with_a_bad_date_fails_with_a_clear_message(
    imported: str, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    assert main(["--db", imported, "agenda", day]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"comitiva agenda: {day!r} is not a date: give YYYY-MM-DD" in captured.err


# export


def test_export_writes_yaml_to_stdout(
    imported: str, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", imported, "export"]) == 0
    out = capsys.readouterr().out
    assert out == to_yaml(sample)
    assert parse_itinerary(out) == sample


def test_export_writes_yaml_to_the_file_given_with_o(
    imported: str, sample: Itinerary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.yaml"
    assert main(["--db", imported, "export", "--format", "yaml", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"wrote {target}" in captured.err
    assert parse_itinerary(target.read_text(encoding="utf-8")) == sample


def test_export_writes_ics_stamped_with_the_clock(
    imported: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "trip.ics"
    clock = at(2021, 6, 1, 12)
    assert (
        main(["--db", imported, "export", "--format", "ics", "-o", str(target)], clock=clock) == 0
    )
    lines = target.read_bytes().decode("utf-8").splitlines()
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART;TZID=America/Tegucigalpa:20210608T100000" in lines
    assert "DTSTAMP:20210601T120000Z" in lines


def test_export_writes_ics_to_stdout(imported: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", imported, "export", "--format", "ics"], clock=at(2021, 6, 1, 12)) == 0
    out = capsys.readouterr().out
    assert out.startswith("BEGIN:VCALENDAR")
    assert out.rstrip().endswith("END:VCALENDAR")


def test_export_before_any_import_fails_telling_to_import_first(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "export"]) == 1
    assert "run 'comitiva import FILE' first" in capsys.readouterr().err


# the database URL


def test_database_url_from_the_environment_is_used_without_db(
    tmp_path: Path, sample: Itinerary, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path}/env.db"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["import", str(SAMPLE)]) == 0
    assert stored(url) == sample


def test_db_option_wins_over_the_environment(
    tmp_path: Path, sample: Itinerary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = tmp_path / "env.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{from_env}")
    url = f"sqlite:///{tmp_path}/option.db"
    assert main(["--db", url, "import", str(SAMPLE)]) == 0
    assert stored(url) == sample
    assert not from_env.exists()


def test_default_database_is_comitiva_db_in_the_working_directory(
    tmp_path: Path, sample: Itinerary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(SAMPLE)]) == 0
    assert stored(f"sqlite:///{tmp_path}/comitiva.db") == sample


# the installed console script


def run_script(command: list[str | Path], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the console script from the project folder; return what it printed."""
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


def test_installed_console_script_imports_and_prints_the_agenda(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "comitiva"
    if not script.exists():
        pytest.skip(f"no console script at {script}; install the project with pip install -e .")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    db = ["--db", f"sqlite:///{tmp_path}/c.db"]
    sample = str(SAMPLE.relative_to(ROOT))
    loaded = run_script([script, *db, "import", sample], env)
    assert loaded.returncode == 0, loaded.stderr
    assert "imported (" in loaded.stdout
    agenda = run_script([script, *db, "agenda", "2021-06-08"], env)
    assert agenda.returncode == 0, agenda.stderr
    assert agenda.stdout == TUESDAY_8_JUNE + "\n"
