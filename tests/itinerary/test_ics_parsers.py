"""The .ics export read by independent parsers: every instant agrees with the IANA database.

Two of the readers (vobject, and Mozilla's ical.js under Node) take each zone from the
file's own VTIMEZONE, as Thunderbird does; dateutil reads the same VTIMEZONE text on its
own; python icalendar and zoneinfo go by the zone's name. The second itinerary crosses
Mexico City's last change of clocks (30 October 2022) and the US fall-back fold of
6 November 2022, where the sample's calendars used to put events an hour late.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from dateutil import tz as dateutil_tz

from bot.itinerary.checker import load_itinerary_file
from bot.itinerary.ics import key_of_uid, to_ics
from schedule.itinerary import Itinerary

ROOT = Path(__file__).resolve().parents[2]
FOLD_2022 = Path(__file__).with_name("fold-2022.yaml")
READ_ICS = ROOT / "tests" / "js" / "read_ics.mjs"
NOW = datetime(2022, 10, 1, 12, 0, tzinfo=UTC)

Instants = dict[tuple[str, str], datetime]


def _expected(itinerary: Itinerary) -> Instants:
    """Return every start and end as Comitiva stores them (pytz's IANA database)."""
    found: Instants = {}
    for event in itinerary.events:
        found[(event.key, "start")] = event.start
        if event.end is not None:
            found[(event.key, "end")] = event.end
    return found


def _vobject(ics: bytes) -> Instants:
    """vobject builds each zone from the file's VTIMEZONE."""
    # vobject keeps the first zone it ever met under a TZID, from any file or from pytz,
    # for the whole process: forget them, so that this file's VTIMEZONEs are the ones read.
    registry: dict[str, tzinfo] = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [t for t in registry if t != "UTC"]:
        del registry[tzid]
    calendar = vobject.readOne(ics.decode())
    found: Instants = {}
    for vevent in calendar.vevent_list:
        for prop, part in (("dtstart", "start"), ("dtend", "end")):
            if hasattr(vevent, prop):
                value: datetime = getattr(vevent, prop).value
                assert not type(value.tzinfo).__module__.startswith("pytz"), "zone by name"
                found[(key_of_uid(vevent.uid.value), part)] = value.astimezone(UTC)
    return found


def _by_wall_time(ics: bytes, zone_of: Callable[[str], tzinfo]) -> Instants:
    """Read each wall time and its TZID, and resolve the zone with ``zone_of``."""
    found: Instants = {}
    for vevent, prop, part in _icalendar_times(ics):
        value: datetime = vevent[prop].dt
        tzid = vevent[prop].params.get("TZID")
        if tzid is not None:
            value = value.replace(tzinfo=zone_of(str(tzid)))
        found[(key_of_uid(str(vevent["UID"])), part)] = value.astimezone(UTC)
    return found


def _dateutil(ics: bytes) -> Instants:
    """dateutil's ``tzical`` reads the VTIMEZONE text itself."""
    zones = dateutil_tz.tzical(io.StringIO(ics.decode()))

    def zone_of(tzid: str) -> tzinfo:
        zone = zones.get(tzid)
        assert zone is not None, f"no VTIMEZONE for {tzid}"
        return zone

    return _by_wall_time(ics, zone_of)


def _icalendar(ics: bytes) -> Instants:
    """python icalendar resolves a TZID by its name."""
    return {
        (key_of_uid(str(v["UID"])), part): v[prop].dt.astimezone(UTC)
        for v, prop, part in _icalendar_times(ics)
    }


def _icalendar_times(ics: bytes) -> list[tuple[Any, str, str]]:
    """Return each VEVENT with its DTSTART and DTEND as python icalendar parsed them."""
    calendar = icalendar.Calendar.from_ical(ics)
    return [
        (vevent, prop, part)
        for vevent in calendar.walk("VEVENT")
        for prop, part in (("DTSTART", "start"), ("DTEND", "end"))
        if prop in vevent
    ]


def _zoneinfo(ics: bytes) -> Instants:
    """The standard library's zoneinfo, by the TZID's name."""
    return _by_wall_time(ics, ZoneInfo)


def _node_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed: ical.js cannot run"
    if not (ROOT / "node_modules" / "ical.js").is_dir():
        return "node_modules/ical.js is missing: run 'npm ci' (make install does)"
    return None


def _icaljs(ics: bytes) -> Instants:
    """Mozilla's ical.js (Thunderbird's parser), zones registered from the VTIMEZONEs only."""
    if reason := _node_missing():
        pytest.skip(reason)
    done = subprocess.run(
        ["node", str(READ_ICS)], input=ics, capture_output=True, check=True, cwd=ROOT
    )
    found: Instants = {}
    for event in json.loads(done.stdout):
        for part in ("start", "end"):
            if event[part] is not None:
                instant = datetime.fromisoformat(event[part].replace("Z", "+00:00"))
                found[(key_of_uid(event["uid"]), part)] = instant
    return found


PARSERS: dict[str, Callable[[bytes], Instants]] = {
    "vobject": _vobject,
    "ical.js": _icaljs,
    "dateutil": _dateutil,
    "icalendar": _icalendar,
    "zoneinfo": _zoneinfo,
}


@pytest.fixture(params=["sample", "fold-2022"])
def itinerary(request: pytest.FixtureRequest, sample: Itinerary) -> Itinerary:
    return sample if request.param == "sample" else load_itinerary_file(FOLD_2022)


@pytest.mark.parametrize("parser", list(PARSERS))
def test_every_instant_reads_back_as_the_iana_database_has_it(
    itinerary: Itinerary, parser: str
) -> None:
    expected = _expected(itinerary)
    read = PARSERS[parser](to_ics(itinerary, now=NOW))
    wrong = {k: (read.get(k), v) for k, v in expected.items() if read.get(k) != v}
    assert not wrong, f"{parser} read {len(wrong)} of {len(expected)} instants differently"
    assert read.keys() == expected.keys()


def test_the_fold_itinerary_has_events_on_both_sides_of_each_change() -> None:
    """The second itinerary really tests the changes: events just before and after them."""
    events = {e.key: e for e in load_itinerary_file(FOLD_2022).events}
    mexico_change = datetime(2022, 10, 30, 7, 0, tzinfo=UTC)
    us_fold = datetime(2022, 11, 6, 7, 0, tzinfo=UTC)
    assert events["mex-last-cdt"].start < mexico_change < events["mex-after-change"].start
    assert events["iah-eve-dinner"].start < us_fold < events["iah-sunday"].start
    # The late call ends in the second 01:30 of the fold, after the clocks fell back.
    assert events["iah-late-call"].end == us_fold + timedelta(minutes=30)


def _observances(ics: bytes, tzid: str) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(ics)
    zone = next(z for z in calendar.walk("VTIMEZONE") if str(z["TZID"]) == tzid)
    return [c for c in zone.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]


def test_each_onset_has_its_own_dtstart_and_no_rdate_list() -> None:
    ics = to_ics(load_itinerary_file(FOLD_2022), now=NOW)
    assert b"RDATE" not in ics
    for tzid in ("America/Mexico_City", "America/Chicago", "America/Los_Angeles"):
        for observance in _observances(ics, tzid):
            names = [name for name, _ in observance.property_items(recursive=False)]
            assert names.count("DTSTART") == 1
            # A year either side of the trip (October-November 2022) is covered.
            assert 2021 <= observance.decoded("DTSTART").year <= 2023


def _wall(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Return a VTIMEZONE onset as icalendar reads it back: a naive wall time."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC).replace(tzinfo=None)


def test_onsets_are_the_wall_time_before_the_change() -> None:
    ics = to_ics(load_itinerary_file(FOLD_2022), now=NOW)
    onsets = {(o.name, o.decoded("DTSTART")) for o in _observances(ics, "America/Chicago")}
    # Spring forward at 02:00 CST and fall back at 02:00 CDT, as the clocks on the wall read.
    assert ("DAYLIGHT", _wall(2022, 3, 13, 2, 0)) in onsets
    assert ("STANDARD", _wall(2022, 11, 6, 2, 0)) in onsets
    mexico = {(o.name, o.decoded("DTSTART")) for o in _observances(ics, "America/Mexico_City")}
    assert ("STANDARD", _wall(2022, 10, 30, 2, 0)) in mexico
    # Mexico ended daylight saving time: no DAYLIGHT onset after its last change.
    assert not [d for name, d in mexico if name == "DAYLIGHT" and d > _wall(2022, 10, 30)]


def test_a_time_in_the_fold_is_written_in_utc() -> None:
    lines = to_ics(load_itinerary_file(FOLD_2022), now=NOW).decode().splitlines()
    assert "DTEND:20221106T073000Z" in lines
    assert "DTSTART;TZID=America/Chicago:20221106T100000" in lines
