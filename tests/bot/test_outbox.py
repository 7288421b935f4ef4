"""The outbox: rows planned from the itinerary, re-planned on every change, listed by the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.cli import main
from bot.services.members import set_briefing, set_lead_times, set_muted_until
from bot.services.outbox import add_notices, apply_itinerary, recipients, replan
from bot.storage import models as db
from bot.storage.db import session_scope
from schedule import zones
from schedule.agenda import attends
from schedule.clock import SimulatedClock
from schedule.itinerary import Event, Itinerary
from schedule.planner import plan_notices, plan_reminders, reminder_ref
from tests.conftest import SAMPLE
from tests.factories import make_outbox_row, with_event, without_event


def june(day: int, hour: int, minute: int = 0) -> datetime:
    """Return an instant (UTC) in June 2021, when the trip happens."""
    return datetime(2021, 6, day, hour, minute, tzinfo=UTC)


NOW = june(8, 12)  # 06:00 in Tegucigalpa on the travel day; the CABEI meeting is at 10:00


def at(year: int, month: int, day: int, hour: int, minute: int, zone_name: str) -> datetime:
    """Return the UTC instant of a wall-clock time in ``zone_name``."""
    wall = datetime(year, month, day, hour, minute)  # noqa: DTZ001 - localised on the next line
    return zones.localize(wall, zone_name)


# --- helpers ------------------------------------------------------------------------------


def by_key(itinerary: Itinerary, key: str) -> Event:
    return next(e for e in itinerary.events if e.key == key)


def attendee_keys(itinerary: Itinerary, event: Event) -> list[str]:
    return [m.key for m in itinerary.members if attends(event, m.key, m.groups)]


def moved_cabei(itinerary: Itinerary) -> Event:
    """The CABEI meeting "moved to 11:30", an hour long as before."""
    start = at(2021, 6, 8, 11, 30, "America/Tegucigalpa")
    return replace(by_key(itinerary, "cabei-meeting"), start=start, end=start + timedelta(hours=1))


def member_id(session: Session, key: str) -> int:
    member = session.exec(select(db.Member).where(db.Member.key == key)).one()
    assert member.id is not None
    return member.id


def rows(
    session: Session,
    *,
    member: str | None = None,
    kind: str | None = None,
    event: str | None = None,
) -> list[db.Outbox]:
    """Return outbox rows, filtered, in due order."""
    query = select(db.Outbox).order_by(col(db.Outbox.due_at), col(db.Outbox.id))
    if member is not None:
        query = query.where(db.Outbox.member_id == member_id(session, member))
    if kind is not None:
        query = query.where(db.Outbox.kind == kind)
    if event is not None:
        query = query.where(db.Outbox.event_key == event)
    return list(session.exec(query))


def keys_of(session: Session, outbox: list[db.Outbox]) -> list[str]:
    """Return the member key of each row."""
    names = {m.id: m.key for m in session.exec(select(db.Member))}
    return [names[row.member_id] for row in outbox]


def snapshot(session: Session) -> list[tuple[int | None, int, str, str, str, datetime]]:
    """Return every row as plain values, to compare before and after."""
    return [(r.id, r.member_id, r.kind, r.ref, r.status, r.due_at) for r in rows(session)]


def row_by_ref(session: Session, member: str, ref: str) -> db.Outbox:
    found = [r for r in rows(session, member=member) if r.ref == ref]
    assert len(found) == 1, (member, ref, found)
    return found[0]


@pytest.fixture
def planned(loaded: Engine) -> Engine:
    """The sample delegation with its reminders and briefings planned at ``NOW``."""
    with session_scope(loaded) as session:
        replan(session, now=NOW)
    return loaded


# --- planning rows ------------------------------------------------------------------------


def test_replan_stores_a_row_for_everything_the_planner_plans(
    loaded: Engine, sample: Itinerary
) -> None:
    with session_scope(loaded) as session:
        result = replan(session, now=NOW)
        people = [r for _, r in recipients(session).values()]
        expected = plan_reminders(sample, people, now=NOW)

        stored = rows(session)
        owners = keys_of(session, stored)
        got = [(k, r.kind, r.ref, r.due_at) for k, r in zip(owners, stored, strict=True)]
        assert result.added == len(expected) > 0
        assert sorted(got) == sorted((p.member, p.kind, p.ref, p.due) for p in expected)
        assert {r.status for r in stored} == {"pending"}


def test_replanning_twice_adds_no_rows(loaded: Engine) -> None:
    with session_scope(loaded) as session:
        first = replan(session, now=NOW)
        before = snapshot(session)
        second = replan(session, now=NOW)

        assert first.added > 0
        assert (second.added, second.skipped, second.revived) == (0, 0, 0)
        assert snapshot(session) == before


def test_replanning_twice_in_separate_sessions_adds_no_rows(planned: Engine) -> None:
    with session_scope(planned) as session:
        before = snapshot(session)
    with session_scope(planned) as session:
        again = replan(session, now=NOW)
    with session_scope(planned) as session:
        assert again.added == 0
        assert snapshot(session) == before


def test_the_same_reminder_cannot_be_stored_twice(loaded: Engine) -> None:
    with Session(loaded) as session:
        kim = member_id(session, "kim")
        reminder = {"kind": "reminder", "ref": "cabei-meeting@20210608T1600Z-60m"}

        make_outbox_row(session, member_id=kim, **reminder, due_at=june(8, 15), created_at=NOW)
        with pytest.raises(IntegrityError):
            make_outbox_row(session, member_id=kim, **reminder, due_at=june(8, 15))


# --- change notices -----------------------------------------------------------------------


def test_a_moved_event_gives_each_attendee_one_notice_with_before_and_after(
    planned: Engine, sample: Itinerary
) -> None:
    cabei, moved = by_key(sample, "cabei-meeting"), moved_cabei(sample)
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, moved), now=NOW)

        notices = rows(session, kind="notice")
        assert sorted(keys_of(session, notices)) == sorted(attendee_keys(sample, cabei))
        for notice in notices:
            assert (notice.event_key, notice.status) == ("cabei-meeting", "pending")
            assert notice.due_at == NOW
            assert notice.payload["change"] == "changed"
            before, after = notice.payload["before"], notice.payload["after"]
            assert datetime.fromisoformat(before["start"]) == cabei.start
            assert datetime.fromisoformat(after["start"]) == moved.start
            assert datetime.fromisoformat(after["end"]) == moved.end


def test_a_moved_events_pending_reminders_are_skipped_with_a_reason(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    old_refs = {reminder_ref(cabei, 60), reminder_ref(cabei, 15)}
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, moved_cabei(sample)), now=NOW)

        old = [r for r in rows(session, kind="reminder") if r.ref in old_refs]
        assert sorted(set(keys_of(session, old))) == sorted(attendee_keys(sample, cabei))
        assert len(old) == 2 * len(attendee_keys(sample, cabei))
        for row in old:
            assert row.status == "skipped"
            assert row.last_error


def test_a_moved_event_gets_reminders_for_its_new_time(planned: Engine, sample: Itinerary) -> None:
    moved = moved_cabei(sample)
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, moved), now=NOW)

        for key in attendee_keys(sample, moved):
            for lead in (60, 15):
                row = row_by_ref(session, key, reminder_ref(moved, lead))
                assert row.status == "pending"
                assert row.due_at == moved.start - timedelta(minutes=lead)
                assert row.event_key == "cabei-meeting"


def test_a_member_who_got_the_old_reminder_gets_one_for_the_new_time(
    planned: Engine, sample: Itinerary
) -> None:
    cabei, moved = by_key(sample, "cabei-meeting"), moved_cabei(sample)
    with session_scope(planned) as session:
        got = row_by_ref(session, "kim", reminder_ref(cabei, 60))
        got.status, got.sent_at, got.attempts = "sent", NOW, 1
        session.add(got)
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, moved), now=NOW)

        assert row_by_ref(session, "kim", reminder_ref(cabei, 60)).status == "sent"
        new = row_by_ref(session, "kim", reminder_ref(moved, 60))
        assert (new.status, new.due_at) == ("pending", june(8, 16, 30))


def test_a_venue_change_gives_a_notice_and_keeps_the_reminders(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    elsewhere = replace(cabei, venue="Hotel Clarion", address="Av. República de Chile")
    with session_scope(planned) as session:
        reminders_before = [r for r in snapshot(session) if r[2] != "notice"]
        apply_itinerary(session, with_event(sample, elsewhere), now=NOW)

        notices = rows(session, kind="notice")
        assert sorted(keys_of(session, notices)) == sorted(attendee_keys(sample, cabei))
        assert {n.payload["after"]["venue"] for n in notices} == {"Hotel Clarion"}
        assert {n.payload["before"]["venue"] for n in notices} == {cabei.venue}
        assert [r for r in snapshot(session) if r[2] != "notice"] == reminders_before


def test_an_attendee_taken_off_an_event_alone_is_told_and_loses_its_reminders(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    smaller = replace(cabei, attendees=tuple(a for a in cabei.attendees if a != "kim"))
    assert not attends(smaller, "kim", ("partners",))
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, smaller), now=NOW)

        notices = rows(session, kind="notice")
        assert keys_of(session, notices) == ["kim"]
        assert notices[0].payload["change"] == "removed"
        kims = rows(session, member="kim", event="cabei-meeting", kind="reminder")
        assert {r.status for r in kims} == {"skipped"}
        for key in attendee_keys(sample, smaller):
            theirs = rows(session, member=key, event="cabei-meeting", kind="reminder")
            assert {r.status for r in theirs} == {"pending"}, key


def test_a_cancelled_event_gives_a_notice_and_its_reminders_are_skipped(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    with session_scope(planned) as session:
        apply_itinerary(session, without_event(sample, "cabei-meeting"), now=NOW)

        notices = rows(session, kind="notice")
        assert sorted(keys_of(session, notices)) == sorted(attendee_keys(sample, cabei))
        assert {n.payload["change"] for n in notices} == {"cancelled"}
        assert all(n.payload["after"] is None for n in notices)
        reminders = rows(session, event="cabei-meeting", kind="reminder")
        assert len(reminders) == 2 * len(attendee_keys(sample, cabei))
        assert {r.status for r in reminders} == {"skipped"}
        assert all(r.last_error for r in reminders)


def test_a_change_to_an_event_already_over_gives_no_notice(
    planned: Engine, sample: Itinerary
) -> None:
    over = next(e for e in sample.events if e.end is not None and e.end <= NOW)
    start = over.start + timedelta(hours=1)
    changed = replace(over, venue="Somewhere else", start=start, end=start + timedelta(hours=1))
    with session_scope(planned) as session:
        apply_itinerary(session, with_event(sample, changed), now=NOW)

        assert rows(session, kind="notice") == []


def test_reimporting_the_same_itinerary_gives_no_notice_and_adds_no_rows(
    planned: Engine, sample: Itinerary
) -> None:
    with session_scope(planned) as session:
        before = snapshot(session)
        apply_itinerary(session, sample, now=NOW)

        assert rows(session, kind="notice") == []
        assert snapshot(session) == before


def test_the_same_change_applied_twice_gives_one_notice(
    planned: Engine, sample: Itinerary
) -> None:
    changed = with_event(sample, moved_cabei(sample))
    with session_scope(planned) as session:
        apply_itinerary(session, changed, now=NOW)
    with session_scope(planned) as session:
        apply_itinerary(session, changed, now=NOW + timedelta(minutes=5))

        notices = rows(session, kind="notice")
        cabei = by_key(sample, "cabei-meeting")
        assert sorted(keys_of(session, notices)) == sorted(attendee_keys(sample, cabei))


def test_a_notice_already_queued_is_not_queued_again(planned: Engine, sample: Itinerary) -> None:
    changed = with_event(sample, moved_cabei(sample))
    with session_scope(planned) as session:
        people = recipients(session)
        ids = {key: ident for key, (ident, _) in people.items()}
        notices = plan_notices(sample, changed, [r for _, r in people.values()], now=NOW)

        first = add_notices(session, notices, ids, now=NOW)
        again = add_notices(session, notices, ids, now=NOW + timedelta(minutes=1))

        assert first == len(notices) > 0
        assert again == 0
        assert len(rows(session, kind="notice")) == len(notices)


def test_moving_an_event_back_and_forth_announces_every_move(
    planned: Engine, sample: Itinerary
) -> None:
    later = with_event(sample, moved_cabei(sample))
    for step, version in enumerate((later, sample, later)):
        with session_scope(planned) as session:
            apply_itinerary(session, version, now=NOW + timedelta(minutes=step))

    with session_scope(planned) as session:
        kims = rows(session, member="kim", kind="notice")
        # Told "11:30", then "10:00", then "11:30" again: the last word must be 11:30.
        assert len(kims) == 3
        assert datetime.fromisoformat(kims[-1].payload["after"]["start"]) == june(8, 17, 30)


def test_dropping_an_attendee_from_the_file_imports_and_drops_their_rows(
    planned: Engine, sample: Itinerary
) -> None:
    # Lee is named in the attendees of an upcoming Lima meeting; the new file drops Lee.
    lima = by_key(sample, "lima-municipality-meeting")
    assert "lee" in lima.attendees
    assert lima.start > NOW
    without_lee = replace(
        sample,
        members=tuple(m for m in sample.members if m.key != "lee"),
        events=tuple(
            replace(e, attendees=tuple(a for a in e.attendees if a != "lee"))
            for e in sample.events
        ),
    )
    with session_scope(planned) as session:
        before = {r.id for r in rows(session) if r.member_id != member_id(session, "lee")}
        apply_itinerary(session, without_lee, now=NOW)

    with session_scope(planned) as session:
        assert session.exec(select(db.Member).where(db.Member.key == "lee")).first() is None
        assert {r.id for r in rows(session)} == before


# --- member settings ----------------------------------------------------------------------


def cabei_reminders(session: Session, member: str) -> dict[str, str]:
    """Return the status of each of a member's CABEI reminders, by ref."""
    return {r.ref: r.status for r in rows(session, member=member, event="cabei-meeting")}


def test_own_lead_times_plan_new_reminders_and_skip_the_old_ones(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    with session_scope(planned) as session:
        set_lead_times(session, member_id(session, "kim"), [30, 10])
        replan(session, now=NOW)

        assert cabei_reminders(session, "kim") == {
            reminder_ref(cabei, 60): "skipped",
            reminder_ref(cabei, 15): "skipped",
            reminder_ref(cabei, 30): "pending",
            reminder_ref(cabei, 10): "pending",
        }
        assert row_by_ref(session, "kim", reminder_ref(cabei, 30)).due_at == june(8, 15, 30)
        # Only Kim's changed.
        assert set(cabei_reminders(session, "choi").values()) == {"pending"}


def test_going_back_to_the_delegations_lead_times_revives_its_reminders(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    with session_scope(planned) as session:
        kim = member_id(session, "kim")
        set_lead_times(session, kim, [30, 10])
        replan(session, now=NOW)
        set_lead_times(session, kim, None)
        result = replan(session, now=NOW)

        assert cabei_reminders(session, "kim") == {
            reminder_ref(cabei, 60): "pending",
            reminder_ref(cabei, 15): "pending",
            reminder_ref(cabei, 30): "skipped",
            reminder_ref(cabei, 10): "skipped",
        }
        assert result.added == 0
        assert result.revived > 0
        assert row_by_ref(session, "kim", reminder_ref(cabei, 60)).last_error is None


def test_turning_the_briefing_off_skips_pending_briefings(planned: Engine) -> None:
    with session_scope(planned) as session:
        set_briefing(session, member_id(session, "kim"), False)
        replan(session, now=NOW)

        briefings = rows(session, member="kim", kind="briefing")
        assert briefings
        assert {b.status for b in briefings} == {"skipped"}
        assert {b.status for b in rows(session, member="choi", kind="briefing")} == {"pending"}
        assert {r.status for r in rows(session, member="kim", kind="reminder")} == {"pending"}


def test_turning_the_briefing_on_again_revives_them(planned: Engine) -> None:
    with session_scope(planned) as session:
        kim = member_id(session, "kim")
        before = [(r.ref, r.due_at) for r in rows(session, member="kim", kind="briefing")]
        set_briefing(session, kim, False)
        replan(session, now=NOW)
        set_briefing(session, kim, True)
        replan(session, now=NOW)

        briefings = rows(session, member="kim", kind="briefing")
        assert [(r.ref, r.due_at) for r in briefings] == before
        assert {(b.status, b.last_error) for b in briefings} == {("pending", None)}


def test_muting_skips_what_falls_before_the_mute_and_keeps_what_comes_after(
    planned: Engine, sample: Itinerary
) -> None:
    cabei = by_key(sample, "cabei-meeting")
    until = june(8, 15, 30)  # between CABEI's 60- and 15-minute reminders
    with session_scope(planned) as session:
        set_muted_until(session, member_id(session, "kim"), until)
        replan(session, now=NOW)

        for row in rows(session, member="kim"):
            assert row.status == ("skipped" if row.due_at < until else "pending"), row.ref
        assert row_by_ref(session, "kim", "briefing:2021-06-08").status == "skipped"
        assert cabei_reminders(session, "kim") == {
            reminder_ref(cabei, 60): "skipped",
            reminder_ref(cabei, 15): "pending",
        }


def test_unmuting_revives_what_the_mute_skipped(planned: Engine) -> None:
    with session_scope(planned) as session:
        kim = member_id(session, "kim")
        set_muted_until(session, kim, june(9, 0))
        replan(session, now=NOW)
        set_muted_until(session, kim, None)
        replan(session, now=NOW)

        assert {r.status for r in rows(session, member="kim")} == {"pending"}


def mark_unreachable(session: Session, key: str) -> None:
    """Record that a member has blocked the bot, as the sender does."""
    member = session.get(db.Member, member_id(session, key))
    assert member is not None
    member.unreachable = True
    session.add(member)


def test_an_unreachable_member_gets_nothing_planned(loaded: Engine) -> None:
    with session_scope(loaded) as session:
        mark_unreachable(session, "kim")
        replan(session, now=NOW)

        assert rows(session, member="kim") == []
        assert rows(session, member="choi")


def test_a_member_found_unreachable_has_their_pending_rows_skipped(planned: Engine) -> None:
    with session_scope(planned) as session:
        mark_unreachable(session, "kim")
        replan(session, now=NOW)

        assert {r.status for r in rows(session, member="kim")} == {"skipped"}
        assert {r.status for r in rows(session, member="choi")} == {"pending"}


# --- comitiva reminders -------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A SQLite file with the sample imported at ``NOW``; the import's output discarded."""
    url = f"sqlite:///{tmp_path}/c.db"
    assert main(["--db", url, "import", str(SAMPLE)], clock=SimulatedClock(NOW)) == 0
    capsys.readouterr()
    return url


def reminders_cli(url: str, *args: str) -> int:
    return main(["--db", url, "reminders", *args], clock=SimulatedClock(NOW))


def test_reminders_lists_a_members_rows_in_due_order_in_utc_and_local_time(
    cli_db: str, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "kim" in attendee_keys(sample, by_key(sample, "cabei-meeting"))

    assert reminders_cli(cli_db, "--member", "kim") == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines
    dues = [datetime.strptime(line[:16], "%Y-%m-%d %H:%M").replace(tzinfo=UTC) for line in lines]
    assert dues == sorted(dues)
    assert dues[0] >= NOW
    assert all(" kim " in line for line in lines)
    cabei = [line for line in lines if "cabei-meeting" in line]
    expected = [
        "2021-06-08 15:00 UTC  2021-06-08 09:00 Tegucigalpa",
        "2021-06-08 15:45 UTC  2021-06-08 09:45 Tegucigalpa",
    ]
    assert [line[: len(start)] for line, start in zip(cabei, expected, strict=True)] == expected
    assert any(line.startswith("2021-06-11 12:00 UTC  2021-06-11 07:00 Lima") for line in lines)


def test_reminders_lists_only_the_members_rows(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reminders_cli(cli_db, "--member", "lee") == 0

    out = capsys.readouterr().out
    assert out
    assert "cabei-meeting" not in out  # Lee is not at the CABEI meeting
    assert " kim " not in out


def test_reminders_json_prints_one_object_a_line(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reminders_cli(cli_db, "--member", "kim", "--json") == 0

    objects: list[dict[str, Any]] = [
        json.loads(line) for line in capsys.readouterr().out.splitlines()
    ]
    assert objects
    for item in objects:
        assert {"member", "kind", "event", "due_utc", "due_local", "status"} <= item.keys()
        assert item["member"] == "kim"
    dues = [datetime.fromisoformat(item["due_utc"]) for item in objects]
    assert dues == sorted(dues)
    cabei = [item for item in objects if item["event"] == "cabei-meeting"]
    assert [(i["kind"], i["due_utc"], i["due_local"], i["status"]) for i in cabei] == [
        ("reminder", "2021-06-08T15:00:00+00:00", "2021-06-08 09:00", "pending"),
        ("reminder", "2021-06-08T15:45:00+00:00", "2021-06-08 09:45", "pending"),
    ]
    briefing = next(i for i in objects if i["kind"] == "briefing")
    assert briefing["event"] is None


def test_reminders_for_an_unknown_member_fails_with_a_message(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert reminders_cli(cli_db, "--member", "nobody") == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert "nobody" in err
