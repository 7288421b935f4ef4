"""Exports: YAML that re-imports to the same data, and an iCalendar file other tools read."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
import yaml

# dateutil ships no type hints; it comes with vobject and reads VTIMEZONEs on its own.
from dateutil import tz as dateutil_tz
from sqlalchemy import Engine

from bot.itinerary.checker import parse_itinerary
from bot.itinerary.export import to_ics, to_yaml
from bot.itinerary.ics import key_of_uid
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary, save_itinerary
from schedule.itinerary import Event, Itinerary

NOW = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)


def _event(itinerary: Itinerary, key: str) -> Event:
    return next(e for e in itinerary.events if e.key == key)


def _calendar(ics: bytes) -> Any:
    """Read the calendar back with vobject, a parser Comitiva does not write with."""
    return vobject.readOne(ics.decode())


def _vevent(calendar: Any, key: str) -> Any:
    return next(v for v in calendar.vevent_list if key_of_uid(v.uid.value) == key)


def _key_of(vevent: Any) -> str:
    uid: str = vevent.uid.value
    return key_of_uid(uid)


def _tzid(value: datetime) -> str:
    tzid: str = vobject.icalendar.TimezoneComponent.pickTzid(value.tzinfo)
    return tzid


# YAML


def test_yaml_export_parses_back_to_the_same_itinerary(sample: Itinerary) -> None:
    text = to_yaml(sample)
    again = parse_itinerary(text)
    assert again == sample
    assert to_yaml(again) == text


def test_yaml_round_trip_through_the_database_gives_equal_data(
    engine: Engine, sample: Itinerary
) -> None:
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    with session_scope(engine) as session:
        stored = load_itinerary(session)
    assert stored is not None
    assert parse_itinerary(to_yaml(stored)) == sample


def test_yaml_export_writes_local_wall_times_and_explicit_zones(sample: Itinerary) -> None:
    document = yaml.safe_load(to_yaml(sample))
    events = {e["key"]: e for e in document["events"]}
    cabei = events["cabei-meeting"]
    assert (cabei["start"], cabei["end"]) == ("2021-06-08 10:00", "2021-06-08 11:00")
    assert cabei["timezone"] == "America/Tegucigalpa"
    flight = events["flight-tgu-pty"]
    # The landing time is the wall clock where the flight lands.
    assert (flight["start"], flight["end"]) == ("2021-06-08 14:30", "2021-06-08 17:20")
    assert (flight["timezone"], flight["end_timezone"]) == (
        "America/Tegucigalpa",
        "America/Panama",
    )
    # The sample leaves this event's zone to its stop; the export names it.
    assert events["morning-briefing-tegucigalpa"]["timezone"] == "America/Tegucigalpa"
    assert all(e["timezone"] for e in document["events"])


def test_yaml_export_writes_short_lists_inline(sample: Itinerary) -> None:
    lines = to_yaml(sample).splitlines()
    for expected in (
        "  reminders: [60, 15]",
        "  aliases: [Mossi, 모시, 단테 모시]",
        "  location: [14.0812, -87.1769]",
        "  counterparts: [mossi]",
        "  attendees: [leads, kim, advance]",
    ):
        assert expected in lines


EDGE_CASES = """
delegation:
  name: "Test: delegation #1"
  reminders: {reminders}
  briefing_time: {briefing}
stops:
  - {{city: Mexico City, country: Mexico, timezone: America/Mexico_City,
      arrive: 2022-11-07, depart: 2022-11-08}}
organisations:
  - key: org
    name: "yes"
counterparts:
  - key: kim
    name: 김철수
    aliases: [Kim, 김]
    organisation: org
members:
  - key: choi
    name: Choi
    role: organiser
    telegram_id: 123456789
    telegram_username: "0123"
    groups: [advance]
events:
  - key: open-end
    title: "2021"
    start: "2022-11-07 09:00"
    counterparts: [kim]
    attendees: [advance]
  - key: dinner
    title: "Dinner: tacos"
    kind: meal
    start: "2022-11-07 20:00"
    end: "2022-11-07 22:00"
    location: [19.0, -99.5]
    notes: |
      Line one
      Line two: with a colon # and a hash
"""


@pytest.mark.parametrize(
    ("reminders", "briefing"),
    [("[30]", '"10:30"'), ("[]", "null"), ("[60, 15]", '"07:00"')],
)
def test_yaml_round_trip_keeps_values_yaml_would_misread(reminders: str, briefing: str) -> None:
    original = parse_itinerary(EDGE_CASES.format(reminders=reminders, briefing=briefing))
    text = to_yaml(original)
    assert parse_itinerary(text) == original
    assert to_yaml(parse_itinerary(text)) == text


FOLD = """
delegation:
  name: Fold
events:
  - key: late
    title: Late call
    timezone: America/Mexico_City
    start: "{start}"
"""


@pytest.mark.parametrize("start", ["2021-10-31 01:30-05:00", "2021-10-31 01:30-06:00"])
def test_yaml_round_trip_keeps_an_event_in_a_dst_fold(start: str) -> None:
    # 01:30 happened twice in Mexico City that night; the import takes it with an offset
    # that agrees with the zone, so the export must write it back unambiguously.
    original = parse_itinerary(FOLD.format(start=start))
    assert parse_itinerary(to_yaml(original)) == original


# iCalendar


def test_ics_has_one_vevent_per_event(sample: Itinerary) -> None:
    calendar = _calendar(to_ics(sample, now=NOW))
    keys = [_key_of(v) for v in calendar.vevent_list]
    assert sorted(keys) == sorted(e.key for e in sample.events)


def _zones_from_vtimezones(calendar_text: str) -> Callable[[str], tzinfo]:
    # vobject 0.9.9 keeps only the first value of a comma-separated RDATE in a VTIMEZONE,
    # so its own tzinfo misses the 2021 DST rules of Mexico City and Los Angeles;
    # dateutil reads the same VTIMEZONE text whole.
    zones = dateutil_tz.tzical(io.StringIO(calendar_text))

    def get(tzid: str) -> tzinfo:
        zone = zones.get(tzid)
        assert zone is not None, f"no VTIMEZONE for {tzid}"
        return zone

    return get


@pytest.mark.parametrize("resolver", ["vtimezone", "iana"])
def test_ics_start_and_end_read_back_as_the_stored_instants(
    sample: Itinerary, resolver: str
) -> None:
    ics = to_ics(sample, now=NOW)
    calendar = _calendar(ics)
    zone_of = _zones_from_vtimezones(ics.decode()) if resolver == "vtimezone" else ZoneInfo
    for vevent in calendar.vevent_list:
        event = _event(sample, _key_of(vevent))
        for prop, stored in (("dtstart", event.start), ("dtend", event.end)):
            value: datetime = getattr(vevent, prop).value
            wall = value.replace(tzinfo=None)
            instant = wall.replace(tzinfo=zone_of(_tzid(value))).astimezone(UTC)
            assert instant == stored, (event.key, prop)


def test_ics_meeting_starts_in_the_zone_where_it_happens(sample: Itinerary) -> None:
    ics = to_ics(sample, now=NOW)
    assert "DTSTART;TZID=America/Tegucigalpa:20210608T100000" in ics.decode().splitlines()
    start: datetime = _vevent(_calendar(ics), "cabei-meeting").dtstart.value
    assert _tzid(start) == "America/Tegucigalpa"
    assert (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() == timedelta(hours=-6)


def test_ics_flight_ends_in_the_zone_where_it_lands(sample: Itinerary) -> None:
    ics = to_ics(sample, now=NOW)
    lines = ics.decode().splitlines()
    assert "DTSTART;TZID=America/Tegucigalpa:20210608T143000" in lines
    assert "DTEND;TZID=America/Panama:20210608T172000" in lines
    end: datetime = _vevent(_calendar(ics), "flight-tgu-pty").dtend.value
    assert _tzid(end) == "America/Panama"
    assert (end.hour, end.minute) == (17, 20)
    assert end.utcoffset() == timedelta(hours=-5)


def test_ics_location_is_the_venue_and_address(sample: Itinerary) -> None:
    vevent = _vevent(_calendar(to_ics(sample, now=NOW)), "cabei-meeting")
    assert vevent.location.value == "CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras"


def test_ics_description_names_the_counterpart_with_title(sample: Itinerary) -> None:
    vevent = _vevent(_calendar(to_ics(sample, now=NOW)), "cabei-meeting")
    assert "Mr. Dante Mossi, Executive President, CABEI" in vevent.description.value


def test_ics_has_a_vtimezone_for_each_zone_used(sample: Itinerary) -> None:
    calendar = _calendar(to_ics(sample, now=NOW))
    tzids = [t.tzid.value for t in calendar.vtimezone_list]
    used = {e.timezone for e in sample.events} | {e.arrival_timezone for e in sample.events}
    assert used <= set(tzids)
    assert len(tzids) == len(set(tzids))


def test_ics_uid_is_stable_per_event_key(sample: Itinerary) -> None:
    moved = replace(
        sample,
        events=tuple(
            replace(e, start=e.start + timedelta(hours=1), title="Meeting with CABEI (moved)")
            if e.key == "cabei-meeting"
            else e
            for e in sample.events
        ),
    )
    first = _calendar(to_ics(sample, now=NOW))
    second = _calendar(to_ics(moved, now=NOW + timedelta(days=2)))
    uids = {v.uid.value for v in first.vevent_list}
    assert len(uids) == len(sample.events)
    assert _vevent(second, "cabei-meeting").summary.value == "Meeting with CABEI (moved)"
    assert {v.uid.value for v in second.vevent_list} == uids


def test_ics_dtstamp_is_the_now_passed_in(sample: Itinerary) -> None:
    ics = to_ics(sample, now=NOW)
    stamps = {v.dtstamp.value for v in _calendar(ics).vevent_list}
    assert stamps == {NOW}
    assert re.search(r"^DTSTAMP:20210601T120000Z\r?$", ics.decode(), re.MULTILINE)


def test_ics_dtstamp_is_written_in_utc_whatever_the_zone_of_now(sample: Itinerary) -> None:
    seoul_now = NOW.astimezone(ZoneInfo("Asia/Seoul"))
    ics = to_ics(sample, now=seoul_now).decode()
    stamps = [line for line in ics.splitlines() if line.startswith("DTSTAMP")]
    assert stamps
    assert set(stamps) == {"DTSTAMP:20210601T120000Z"}
