"""The reminder planner: pure functions over the itinerary, the members' settings and ``now``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from schedule import zones
from schedule.agenda import attends
from schedule.itinerary import Event, Itinerary
from schedule.planner import (
    Planned,
    Recipient,
    lateness,
    notice_ref,
    plan_notices,
    plan_reminders,
    reminder_ref,
)
from tests.factories import with_event


def june(day: int, hour: int, minute: int = 0) -> datetime:
    """Return an instant (UTC) in June 2021, when the trip happens."""
    return datetime(2021, 6, day, hour, minute, tzinfo=UTC)


BEFORE_TRIP = june(1, 0)
CABEI_START = june(8, 16)  # 10:00 in Tegucigalpa (UTC−6)


def at(year: int, month: int, day: int, hour: int, minute: int, zone_name: str) -> datetime:
    """Return the UTC instant of a wall-clock time in ``zone_name``."""
    wall = datetime(year, month, day, hour, minute)  # noqa: DTZ001 - localised on the next line
    return zones.localize(wall, zone_name)


def by_key(itinerary: Itinerary, key: str) -> Event:
    return next(e for e in itinerary.events if e.key == key)


def recipient(
    itinerary: Itinerary,
    key: str,
    *,
    lead_times: tuple[int, ...] | None = None,
    briefing: bool = True,
    muted_until: datetime | None = None,
) -> Recipient:
    """Return the member ``key`` of the itinerary as the planner sees them."""
    member = next(m for m in itinerary.members if m.key == key)
    return Recipient(member.key, member.groups, lead_times, briefing, muted_until)


def everyone(itinerary: Itinerary) -> list[Recipient]:
    return [Recipient(m.key, m.groups) for m in itinerary.members]


def attendee_keys(itinerary: Itinerary, event: Event) -> list[str]:
    return [m.key for m in itinerary.members if attends(event, m.key, m.groups)]


def reminders_for(plans: list[Planned], event_key: str) -> list[Planned]:
    return [p for p in plans if p.kind == "reminder" and p.event == event_key]


def briefings(plans: list[Planned]) -> list[Planned]:
    return [p for p in plans if p.kind == "briefing"]


# --- reminders ----------------------------------------------------------------------------


def test_kim_attends_the_cabei_meeting_in_the_sample(sample: Itinerary) -> None:
    # The reminder tests below use Kim and the CABEI meeting; this keeps them honest.
    cabei = by_key(sample, "cabei-meeting")
    assert cabei.start == CABEI_START
    assert "kim" in attendee_keys(sample, cabei)


def test_default_lead_times_give_a_reminder_60_and_15_minutes_before(sample: Itinerary) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)

    cabei = by_key(sample, "cabei-meeting")
    assert reminders_for(plans, "cabei-meeting") == [
        Planned("kim", "reminder", reminder_ref(cabei, 60), june(8, 15), "cabei-meeting"),
        Planned("kim", "reminder", reminder_ref(cabei, 15), june(8, 15, 45), "cabei-meeting"),
    ]


def test_default_lead_times_apply_to_every_event_the_member_attends(sample: Itinerary) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)

    expected = sorted(
        (event.start - timedelta(minutes=lead), event.key)
        for event in sample.events
        if "kim" in attendee_keys(sample, event)
        for lead in (60, 15)
    )
    assert sorted((p.due, p.event) for p in plans if p.kind == "reminder") == expected


@pytest.mark.parametrize(
    ("leads", "dues"),
    [
        ((30, 10), [june(8, 15, 30), june(8, 15, 50)]),
        ((120,), [june(8, 14)]),
    ],
)
def test_own_lead_times_replace_the_delegations(
    sample: Itinerary, leads: tuple[int, ...], dues: list[datetime]
) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim", lead_times=leads)], now=BEFORE_TRIP)

    cabei = by_key(sample, "cabei-meeting")
    got = reminders_for(plans, "cabei-meeting")
    assert [p.due for p in got] == dues
    assert [p.ref for p in got] == [reminder_ref(cabei, lead) for lead in leads]


def test_empty_lead_times_give_no_reminders_but_still_briefings(sample: Itinerary) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim", lead_times=())], now=BEFORE_TRIP)

    assert [p for p in plans if p.kind == "reminder"] == []
    assert len(briefings(plans)) == 9  # 4 to 12 June


def test_no_reminders_for_an_event_already_started(sample: Itinerary) -> None:
    started = CABEI_START + timedelta(minutes=1)
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=started)

    assert reminders_for(plans, "cabei-meeting") == []


def test_no_reminder_whose_due_time_is_past(sample: Itinerary) -> None:
    between = june(8, 15, 30)  # after the 60-minute, before the 15
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=between)

    cabei = by_key(sample, "cabei-meeting")
    assert [p.ref for p in reminders_for(plans, "cabei-meeting")] == [reminder_ref(cabei, 15)]


def test_no_reminders_for_events_the_member_does_not_attend(sample: Itinerary) -> None:
    cabei = by_key(sample, "cabei-meeting")
    outsiders = [m.key for m in sample.members if m.key not in attendee_keys(sample, cabei)]
    assert outsiders, "the sample should have members who skip the CABEI meeting"

    plans = plan_reminders(sample, everyone(sample), now=BEFORE_TRIP)

    assert {p.member for p in reminders_for(plans, "cabei-meeting")} == set(
        attendee_keys(sample, cabei)
    )
    for event in sample.events:
        expected = set(attendee_keys(sample, event))
        assert {p.member for p in reminders_for(plans, event.key)} == expected, event.key


def test_a_flights_reminders_count_from_its_departure_in_its_departure_zone(
    sample: Itinerary,
) -> None:
    flight = by_key(sample, "flight-tgu-pty")
    departure = at(2021, 6, 8, 14, 30, "America/Tegucigalpa")
    assert departure == june(8, 20, 30)  # not 19:30, Panama's reading

    plans = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)

    assert [(p.due, p.ref) for p in reminders_for(plans, "flight-tgu-pty")] == [
        (june(8, 19, 30), reminder_ref(flight, 60)),
        (june(8, 20, 15), reminder_ref(flight, 15)),
    ]


def test_a_reminders_ref_names_the_event_its_start_and_the_lead(sample: Itinerary) -> None:
    cabei = by_key(sample, "cabei-meeting")
    moved = replace(cabei, start=at(2021, 6, 8, 11, 30, "America/Tegucigalpa"))

    assert reminder_ref(cabei, 60) == "cabei-meeting@20210608T1600Z-60m"
    assert reminder_ref(moved, 60) != reminder_ref(cabei, 60)
    assert reminder_ref(cabei, 15) != reminder_ref(cabei, 60)


# --- briefings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "due"),
    [
        pytest.param(date(2021, 6, 5), june(5, 12), id="mexico-city-utc-5"),
        pytest.param(date(2021, 6, 7), june(7, 13), id="tegucigalpa-utc-6"),
        pytest.param(date(2021, 6, 9), june(9, 12), id="panama-city-utc-5"),
        pytest.param(date(2021, 6, 11), june(11, 12), id="lima-utc-5"),
        # Travel days: the delegation wakes up in the city it leaves.
        pytest.param(date(2021, 6, 6), june(6, 12), id="travel-day-leaving-mexico-city"),
        pytest.param(date(2021, 6, 8), june(8, 13), id="travel-day-leaving-tegucigalpa"),
    ],
)
def test_briefing_is_at_briefing_time_in_the_city_the_delegation_wakes_up_in(
    sample: Itinerary, day: date, due: datetime
) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)

    assert [p.due for p in briefings(plans) if p.ref == f"briefing:{day.isoformat()}"] == [due]


def test_there_is_one_briefing_for_each_day_of_the_trip(sample: Itinerary) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)

    days = [date(2021, 6, 4) + timedelta(days=n) for n in range(9)]
    assert [p.ref for p in briefings(plans)] == [f"briefing:{d.isoformat()}" for d in days]
    assert all(p.event is None for p in briefings(plans))


def test_no_briefing_already_due_before_now(sample: Itinerary) -> None:
    now = june(8, 12)  # 06:00 in Tegucigalpa
    plans = plan_reminders(sample, [recipient(sample, "kim")], now=now)

    assert briefings(plans)[0].ref == "briefing:2021-06-08"
    assert all(p.due >= now for p in plans)


def test_no_briefings_when_the_delegation_has_no_briefing_time(sample: Itinerary) -> None:
    quiet = replace(sample, delegation=replace(sample.delegation, briefing_time=None))
    plans = plan_reminders(quiet, everyone(quiet), now=BEFORE_TRIP)

    assert briefings(plans) == []
    assert plans, "reminders are still planned"


def test_no_briefings_for_a_member_who_turned_them_off(sample: Itinerary) -> None:
    plans = plan_reminders(sample, [recipient(sample, "kim", briefing=False)], now=BEFORE_TRIP)

    assert briefings(plans) == []
    assert reminders_for(plans, "cabei-meeting")


def test_mute_suppresses_reminders_and_briefings_before_it_and_not_after(
    sample: Itinerary,
) -> None:
    until = june(8, 15, 30)  # between CABEI's 60- and 15-minute
    loud = plan_reminders(sample, [recipient(sample, "kim")], now=BEFORE_TRIP)
    muted = plan_reminders(sample, [recipient(sample, "kim", muted_until=until)], now=BEFORE_TRIP)

    assert muted == [p for p in loud if p.due >= until]
    cabei = by_key(sample, "cabei-meeting")
    assert [p.ref for p in reminders_for(muted, "cabei-meeting")] == [reminder_ref(cabei, 15)]
    assert "briefing:2021-06-08" not in {p.ref for p in muted}
    assert "briefing:2021-06-09" in {p.ref for p in muted}


# --- idempotence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [
        BEFORE_TRIP,
        june(8, 12),
        june(11, 3),
    ],
)
def test_planning_twice_gives_the_same_plan(sample: Itinerary, now: datetime) -> None:
    people = everyone(sample)

    assert plan_reminders(sample, people, now=now) == plan_reminders(sample, people, now=now)


def test_plans_come_in_due_order(sample: Itinerary) -> None:
    plans = plan_reminders(sample, everyone(sample), now=BEFORE_TRIP)

    assert [p.due for p in plans] == sorted(p.due for p in plans)


# --- change notices -----------------------------------------------------------------------

NOON_8_JUNE = june(8, 12)


def test_a_first_import_owes_no_notices(sample: Itinerary) -> None:
    assert plan_notices(None, sample, everyone(sample), now=NOON_8_JUNE) == []


def test_the_same_itinerary_owes_no_notices(sample: Itinerary) -> None:
    assert plan_notices(sample, sample, everyone(sample), now=NOON_8_JUNE) == []


def test_a_moved_event_owes_each_attendee_a_notice(sample: Itinerary) -> None:
    cabei = by_key(sample, "cabei-meeting")
    start = at(2021, 6, 8, 11, 30, "America/Tegucigalpa")
    moved = replace(cabei, start=start, end=start + timedelta(hours=1))

    notices = plan_notices(sample, with_event(sample, moved), everyone(sample), now=NOON_8_JUNE)

    assert [n.member for n in notices] == attendee_keys(sample, cabei)
    assert {(n.change, n.before, n.after) for n in notices} == {("changed", cabei, moved)}


def test_the_same_change_gets_the_same_notice_ref(sample: Itinerary) -> None:
    cabei = by_key(sample, "cabei-meeting")
    moved = with_event(sample, replace(cabei, venue="Hotel Clarion"))

    first = plan_notices(sample, moved, everyone(sample), now=NOON_8_JUNE)
    again = plan_notices(sample, moved, everyone(sample), now=NOON_8_JUNE)

    assert [notice_ref(n) for n in first] == [notice_ref(n) for n in again]


def test_a_notice_of_a_different_change_gets_a_different_ref(sample: Itinerary) -> None:
    cabei = by_key(sample, "cabei-meeting")
    to_clarion = with_event(sample, replace(cabei, venue="Hotel Clarion"))
    to_marriott = with_event(sample, replace(cabei, venue="Marriott"))

    [first, *_] = plan_notices(sample, to_clarion, everyone(sample), now=NOON_8_JUNE)
    [second, *_] = plan_notices(sample, to_marriott, everyone(sample), now=NOON_8_JUNE)

    assert notice_ref(first) != notice_ref(second)


# --- lateness -----------------------------------------------------------------------------


def test_a_reminder_due_while_down_is_sent_if_its_event_has_not_started() -> None:
    due = june(8, 15)
    now = june(8, 15, 56)  # back up four minutes before the start

    assert lateness("reminder", due, CABEI_START, now) is None


@pytest.mark.parametrize("after_start", [timedelta(0), timedelta(minutes=5), timedelta(hours=3)])
def test_a_reminder_whose_event_started_while_down_is_skipped_with_a_reason(
    after_start: timedelta,
) -> None:
    due = june(8, 15, 45)

    reason = lateness("reminder", due, CABEI_START, CABEI_START + after_start)

    assert reason
    assert "started" in reason


@pytest.mark.parametrize(
    ("late", "skipped"),
    [
        (timedelta(minutes=5), False),
        (timedelta(hours=1, minutes=59), False),
        (timedelta(hours=2, minutes=1), True),
        (timedelta(hours=9), True),
    ],
)
def test_a_briefing_more_than_two_hours_late_is_skipped(late: timedelta, skipped: bool) -> None:
    due = june(8, 13)

    reason = lateness("briefing", due, None, due + late)

    assert (reason is not None) is skipped
    if skipped:
        assert reason
