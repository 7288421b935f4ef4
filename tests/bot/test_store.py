"""Storing the itinerary: upsert by key, report the difference, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel
from sqlmodel import select as sqlmodel_select

from bot.cli import main
from bot.itinerary.changes import Change
from bot.itinerary.checker import ItineraryError
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.store import load_itinerary, plan_import, save_itinerary
from schedule.itinerary import Itinerary
from tests.conftest import SAMPLE
from tests.factories import make_member, with_event, without_event

CABEI_MEETING = "cabei-meeting"  # 8 June 10:00-11:00 in Tegucigalpa, meets Mossi


def row_counts(engine: Engine) -> dict[str, int]:
    """Return the number of rows in every table."""
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def import_into(engine: Engine, itinerary: Itinerary) -> list[Change]:
    """Save ``itinerary`` in one committed unit of work and return its changes."""
    with session_scope(engine) as session:
        return list(save_itinerary(session, itinerary).items)


def stored(engine: Engine) -> Itinerary | None:
    """Return the itinerary as the database holds it."""
    with session_scope(engine) as session:
        return load_itinerary(session)


def event_id(engine: Engine, key: str) -> int:
    """Return the database id of the event ``key``."""
    with session_scope(engine) as session:
        row = session.exec(sqlmodel_select(db.Event).where(db.Event.key == key)).one()
        assert row.id is not None
        return row.id


def sqlite_url(tmp_path: Path) -> str:
    """Return the URL of a fresh SQLite file in ``tmp_path``."""
    return f"sqlite:///{tmp_path / 'comitiva.db'}"


def test_importing_the_sample_stores_every_row(engine: Engine, sample: Itinerary) -> None:
    changes = import_into(engine, sample)

    counts = row_counts(engine)
    expected = {
        "delegation": 1,
        "stop": len(sample.stops),
        "organisation": len(sample.organisations),
        "counterpart": len(sample.counterparts),
        "member": len(sample.members),
        "member_group": sum(len(m.groups) for m in sample.members),
        "event": len(sample.events),
        "event_counterpart": sum(len(e.counterparts) for e in sample.events),
        "event_attendee": sum(len(e.attendees) for e in sample.events),
    }
    assert {name: counts[name] for name in expected} == expected
    # Nothing else (invites, group chats, the outbox) comes from the file.
    assert {name: n for name, n in counts.items() if name not in expected and n} == {}
    assert {c.action for c in changes} == {"added"}
    assert len(changes) == (
        1
        + len(sample.stops)
        + len(sample.organisations)
        + len(sample.counterparts)
        + len(sample.members)
        + len(sample.events)
    )


def test_loading_returns_what_was_imported(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)

    assert stored(engine) == sample


def test_loading_an_empty_database_gives_none(engine: Engine) -> None:
    assert stored(engine) is None


def test_datetimes_read_back_are_utc_aware(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)

    loaded = stored(engine)

    assert loaded is not None
    event = next(e for e in loaded.events if e.key == CABEI_MEETING)
    assert event.start == datetime(2021, 6, 8, 16, 0, tzinfo=UTC)  # 10:00 in Tegucigalpa
    assert event.start.tzinfo is UTC
    assert event.end is not None
    assert event.end.tzinfo is UTC
    with session_scope(engine) as session:
        rows = session.exec(sqlmodel_select(db.Event)).all()
    assert all(r.start_utc.utcoffset() is not None for r in rows)
    assert all(r.end_utc is None or r.end_utc.tzinfo is UTC for r in rows)


def test_reimporting_the_same_data_reports_no_changes(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)
    before = row_counts(engine)

    changes = import_into(engine, sample)

    assert changes == []
    assert row_counts(engine) == before
    assert stored(engine) == sample


def test_moving_an_event_reports_exactly_that_change_in_local_times(
    engine: Engine, sample: Itinerary
) -> None:
    import_into(engine, sample)
    moved = with_event(sample, CABEI_MEETING, start=datetime(2021, 6, 8, 16, 30, tzinfo=UTC))

    changes = import_into(engine, moved)

    assert changes == [
        Change("changed", "event", CABEI_MEETING, ("start 2021-06-08 10:00 → 2021-06-08 10:30",))
    ]
    assert str(changes[0]) == (
        "changed event cabei-meeting: start 2021-06-08 10:00 → 2021-06-08 10:30"
    )
    assert stored(engine) == moved


def test_flight_end_change_is_shown_in_the_landing_zone(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)
    # Lands in Panama (UTC−5) at 17:20; an hour later is 18:20 there.
    late = with_event(sample, "flight-tgu-pty", end=datetime(2021, 6, 8, 23, 20, tzinfo=UTC))

    changes = import_into(engine, late)

    assert changes == [
        Change("changed", "event", "flight-tgu-pty", ("end 2021-06-08 17:20 → 2021-06-08 18:20",))
    ]


def test_removing_an_event_reports_it_and_deletes_its_link_rows(
    engine: Engine, sample: Itinerary
) -> None:
    import_into(engine, sample)
    meeting = next(e for e in sample.events if e.key == CABEI_MEETING)
    assert meeting.counterparts
    assert meeting.attendees
    gone = event_id(engine, CABEI_MEETING)
    before = row_counts(engine)

    changes = import_into(engine, without_event(sample, CABEI_MEETING))

    assert changes == [Change("removed", "event", CABEI_MEETING)]
    after = row_counts(engine)
    assert after["event"] == before["event"] - 1
    assert after["event_counterpart"] == before["event_counterpart"] - len(meeting.counterparts)
    assert after["event_attendee"] == before["event_attendee"] - len(meeting.attendees)
    with session_scope(engine) as session:
        links = session.exec(
            sqlmodel_select(db.EventCounterpart).where(db.EventCounterpart.event_id == gone)
        ).all()
        audience = session.exec(
            sqlmodel_select(db.EventAttendee).where(db.EventAttendee.event_id == gone)
        ).all()
    assert links == []
    assert audience == []
    assert stored(engine) == without_event(sample, CABEI_MEETING)


def test_invited_member_is_kept_when_the_file_does_not_list_them(
    engine: Engine, sample: Itinerary
) -> None:
    import_into(engine, sample)
    with session_scope(engine) as session:
        make_member(session, key="guest", name="Invited Guest", telegram_id=555)

    changes = import_into(engine, sample)

    assert changes == []
    loaded = stored(engine)
    assert loaded is not None
    assert [m.key for m in loaded.members] == [*(m.key for m in sample.members), "guest"]
    guest = next(m for m in loaded.members if m.key == "guest")
    assert guest.telegram_id == 555


def test_file_member_no_longer_listed_is_removed(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)
    last = sample.members[-1]
    fewer = replace(sample, members=sample.members[:-1])

    changes = import_into(engine, fewer)

    assert changes == [Change("removed", "member", last.key)]
    loaded = stored(engine)
    assert loaded is not None
    assert last.key not in {m.key for m in loaded.members}


def test_learned_telegram_id_is_kept_when_the_file_gives_none(
    engine: Engine, sample: Itinerary
) -> None:
    import_into(engine, sample)
    key = sample.members[0].key
    assert sample.members[0].telegram_id is None
    with session_scope(engine) as session:
        row = session.exec(sqlmodel_select(db.Member).where(db.Member.key == key)).one()
        row.telegram_id = 123456789
        session.add(row)

    changes = import_into(engine, sample)

    assert changes == []
    loaded = stored(engine)
    assert loaded is not None
    assert loaded.members[0].telegram_id == 123456789


def test_plan_import_writes_nothing(engine: Engine, sample: Itinerary) -> None:
    import_into(engine, sample)
    moved = with_event(sample, CABEI_MEETING, start=datetime(2021, 6, 8, 16, 30, tzinfo=UTC))
    before = row_counts(engine)

    with session_scope(engine) as session:
        merged, changes = plan_import(session, moved)

    assert merged == moved
    assert [str(c) for c in changes.items] == [
        "changed event cabei-meeting: start 2021-06-08 10:00 → 2021-06-08 10:30"
    ]
    assert row_counts(engine) == before
    assert stored(engine) == sample


def save_then_fail(engine: Engine, itinerary: Itinerary) -> None:
    """Save ``itinerary`` in a unit of work that fails after the save has been flushed."""
    with session_scope(engine) as session:
        changes = save_itinerary(session, itinerary)
        assert changes
        # Written and visible inside the unit of work, so only the rollback can undo it.
        assert load_itinerary(session) == itinerary
        raise RuntimeError("later step failed")


def test_save_in_a_session_that_then_fails_leaves_the_database_untouched(
    engine: Engine, sample: Itinerary
) -> None:
    import_into(engine, sample)
    before = row_counts(engine)
    changed = without_event(
        with_event(sample, "flight-tgu-pty", title="Delayed flight"), CABEI_MEETING
    )

    with pytest.raises(RuntimeError, match="later step failed"):
        save_then_fail(engine, changed)

    assert row_counts(engine) == before
    assert stored(engine) == sample


def test_save_in_a_session_that_fails_writes_nothing_to_an_empty_database(
    engine: Engine, sample: Itinerary
) -> None:
    empty = row_counts(engine)

    with pytest.raises(RuntimeError, match="later step failed"):
        save_then_fail(engine, sample)

    assert row_counts(engine) == empty
    assert stored(engine) is None


def broken_sample(tmp_path: Path) -> Path:
    """Write the sample with a changed name and one fault in an event; return its path."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in [
        (
            "name: Korean infrastructure delegation to Latin America",
            "name: Renamed delegation",
        ),
        ('start: "2021-06-08 10:00"', 'start: "2021-06-08 25:00"'),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def moved_sample(tmp_path: Path) -> Path:
    """Write the sample with the CABEI meeting moved to 10:30; return its path."""
    text = SAMPLE.read_text(encoding="utf-8")
    old = 'start: "2021-06-08 10:00"'
    assert text.count(old) == 1
    path = tmp_path / "moved.yaml"
    path.write_text(text.replace(old, 'start: "2021-06-08 10:30"'), encoding="utf-8")
    return path


def imported_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, Engine, dict[str, int]]:
    """Import the sample with ``comitiva import``; return the URL, engine and row counts."""
    url = sqlite_url(tmp_path)
    assert main(["--db", url, "import", str(SAMPLE)]) == 0
    engine = make_engine(url)
    before = row_counts(engine)
    capsys.readouterr()
    return url, engine, before


def test_refused_import_writes_nothing_and_exits_1(
    tmp_path: Path, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine, before = imported_from_the_command_line(tmp_path, capsys)

    code = main(["--db", url, "import", str(broken_sample(tmp_path))])

    assert code == 1
    error = capsys.readouterr().err
    assert "not imported" in error
    assert "events[" in error
    assert "'2021-06-08 25:00' is not a real date and time" in error
    assert row_counts(engine) == before
    assert stored(engine) == sample
    engine.dispose()


def test_refused_import_into_an_empty_database_writes_nothing(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)

    code = main(["--db", url, "import", str(broken_sample(tmp_path))])

    assert code == 1
    engine = make_engine(url)
    assert set(row_counts(engine).values()) == {0}
    engine.dispose()


def test_dry_run_lists_changes_and_writes_nothing(
    tmp_path: Path, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine, before = imported_from_the_command_line(tmp_path, capsys)

    code = main(["--db", url, "import", str(moved_sample(tmp_path)), "--dry-run"])

    assert code == 0
    out = capsys.readouterr().out
    assert "would import (0 added, 1 changed, 0 removed)" in out
    assert "changed event cabei-meeting: start 2021-06-08 10:00 → 2021-06-08 10:30" in out
    assert row_counts(engine) == before
    assert stored(engine) == sample
    engine.dispose()


def test_dry_run_into_an_empty_database_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path)

    code = main(["--db", url, "import", "--dry-run", str(SAMPLE)])

    assert code == 0
    out = capsys.readouterr().out
    assert "would import" in out
    assert "added event cabei-meeting" in out
    engine = make_engine(url)
    assert set(row_counts(engine).values()) == {0}
    engine.dispose()


def test_import_refuses_a_telegram_id_held_by_an_invited_member(
    engine: Engine, sample: Itinerary
) -> None:
    with session_scope(engine) as session:
        save_itinerary(session, sample)
        make_member(session, key="guest", name="Guest", telegram_id=777)
    members = tuple(replace(m, telegram_id=777) if m.key == "kim" else m for m in sample.members)
    with (
        pytest.raises(ItineraryError, match=r"777 already belongs to member 'guest'"),
        session_scope(engine) as session,
    ):
        save_itinerary(session, replace(sample, members=members))
