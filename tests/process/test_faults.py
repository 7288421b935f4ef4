"""Faults: the bot killed mid-burst and restarted, five times over, loses nothing.

A burst of 300 due reminders goes out through ``comitiva run`` on the local Bot API served
over HTTP; the process is killed with SIGKILL at random points and started again.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.services.outbox import replan
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule import zones
from schedule.itinerary import Itinerary, Member
from tests.factories import make_event, make_itinerary, make_stop, working_sessions
from tests.process.test_run import COMITIVA, WAIT, call, wait_for

MEMBERS = 300
FIRST_ID = 7_000_000
KILLS = 5


def burst_itinerary() -> Itinerary:
    """One meeting in Lima at 10:00 on 11 June 2021, 300 members, one reminder 15 min before."""
    start = zones.localize(datetime(2021, 6, 11, 10, 0), "America/Lima")  # noqa: DTZ001
    lima = make_stop(
        city="Lima",
        country="Peru",
        timezone="America/Lima",
        arrive=start.date(),
        depart=start.date(),
    )
    return make_itinerary(
        name="Burst",
        reminders=(15,),
        briefing_time=time(7, 0),
        stops=(lima,),
        members=tuple(
            Member(f"m{n}", f"Member {n}", telegram_id=FIRST_ID + n) for n in range(MEMBERS)
        ),
        events=(
            make_event(
                key="meeting",
                title="Meeting",
                start=start,
                timezone="America/Lima",
                kind="meeting",
            ),
        ),
    )


def received(base: str) -> Counter[int]:
    sent: list[dict[str, Any]] = call(f"{base}/sandbox/sent")["result"]
    return Counter(m["chat_id"] for m in sent if "Meeting" in m["text"])


def pending(url: str, kind: str | None = None) -> int:
    """Count the outbox rows not yet sent (of one kind, if given)."""
    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(
            text(
                "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
                " AND (:kind IS NULL OR kind = :kind)"
            ),
            {"kind": kind},
        ).scalar_one()
    engine.dispose()
    return int(count)


@dataclass(frozen=True)
class Rehearsal:
    """A bot process to start, and stop, on an itinerary planned before it went down."""

    url: str
    command: list[str]
    env: dict[str, str]

    def start(self) -> subprocess.Popen[bytes]:
        """Start ``comitiva run`` on the sandbox, quietly."""
        return subprocess.Popen(
            self.command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )


def rehearsal(
    url: str, sandbox: str, itinerary: Itinerary, *, planned: datetime, at: str, zone: str
) -> Rehearsal:
    """Save and plan ``itinerary`` at ``planned``; return the bot to run from ``at``."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        save_itinerary(session, itinerary)
        replan(session, now=planned)
    engine.dispose()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "1:faults",
        "TELEGRAM_API_BASE_URL": f"{sandbox}/bot",
    }
    command = [str(COMITIVA), "--db", url, "run", "--at", at, "--tz", zone]
    return Rehearsal(url, command, env)


def test_killing_the_bot_five_times_mid_burst_loses_no_reminder(
    tmp_path: Path, sandbox: str
) -> None:
    url = f"sqlite:///{tmp_path}/burst.db"
    # Planned before the bot went down: due at 09:45 Lima, 14:45 UTC.
    bot_run = rehearsal(
        url, sandbox, burst_itinerary(), planned=datetime(2021, 6, 11, 14, 30, tzinfo=UTC),
        at="2021-06-11 09:50", zone="America/Lima",
    )  # fmt: skip
    call(f"{sandbox}/sandbox/users", {"ids": list(range(FIRST_ID, FIRST_ID + MEMBERS))})
    chance = random.Random(20210611)
    for _ in range(KILLS):
        before = sum(received(sandbox).values())
        bot = bot_run.start()
        target = before + chance.randint(5, 50)
        wait_for(
            lambda goal=target: sum(received(sandbox).values()) >= goal, "sends before the kill"
        )
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=WAIT)
    bot = bot_run.start()
    try:
        wait_for(lambda: len(received(sandbox)) == MEMBERS and pending(url) == 0, "the rest")
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=WAIT)
    counts = received(sandbox)
    assert len(counts) == MEMBERS  # no reminder lost
    assert sum(n - 1 for n in counts.values()) <= KILLS  # at most one duplicate per kill


BRIEFED = 3
BRIEFED_FIRST_ID = 7_500_000


def busy_day() -> Itinerary:
    """24 ordinary events on 8 June 2021 in Tegucigalpa; three members briefed at 07:00."""
    first = zones.localize(datetime(2021, 6, 8, 8, 0), "America/Tegucigalpa")  # noqa: DTZ001
    return make_itinerary(
        name="Busy",
        reminders=(15,),
        briefing_time=time(7, 0),
        stops=(make_stop(arrive=first.date(), depart=first.date()),),
        members=tuple(
            Member(f"b{n}", f"Member {n}", telegram_id=BRIEFED_FIRST_ID + n)
            for n in range(BRIEFED)
        ),
        events=working_sessions(first),
    )


def briefing_parts(base: str) -> dict[int, list[str]]:
    """Return the briefing messages each member received, oldest first."""
    sent: list[dict[str, Any]] = call(f"{base}/sandbox/sent")["result"]
    parts: dict[int, list[str]] = {}
    for message in sent:
        if "Working session" in message["text"]:
            parts.setdefault(message["chat_id"], []).append(message["text"])
    return parts


def test_a_24_event_days_briefing_arrives_whole_split_once_across_a_sigkill_between_parts(
    tmp_path: Path, sandbox: str
) -> None:
    url = f"sqlite:///{tmp_path}/busy.db"
    itinerary = busy_day()
    # Planned before the bot went down: the briefing is due at 07:00, 13:00 UTC.
    bot_run = rehearsal(
        url, sandbox, itinerary, planned=datetime(2021, 6, 8, 12, 30, tzinfo=UTC),
        at="2021-06-08 07:01", zone="America/Tegucigalpa",
    )  # fmt: skip
    call(f"{sandbox}/sandbox/users", {"ids": [BRIEFED_FIRST_ID + n for n in range(BRIEFED)]})
    bot = bot_run.start()
    # Parts to one chat go out a second apart: kill once a first part is in.
    wait_for(lambda: briefing_parts(sandbox), "the first part of a briefing")
    bot.send_signal(signal.SIGKILL)
    bot.wait(timeout=WAIT)
    assert any(len(p) == 1 for p in briefing_parts(sandbox).values())  # killed between parts
    bot = bot_run.start()
    try:
        wait_for(lambda: pending(url, "briefing") == 0, "every briefing")
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=WAIT)
    received = briefing_parts(sandbox)
    assert len(received) == BRIEFED
    for chat_id, parts in received.items():
        assert len(set(parts)) >= 2, chat_id  # split
        whole = "\n".join(dict.fromkeys(parts))  # each distinct part once, in order
        for event in itinerary.events:
            assert whole.count(event.title) == 1, (chat_id, event.key)  # whole, no part lost
    # A kill between sending a part and recording it may send that part again: the honest
    # bound is one duplicate per crash, and there was one crash.
    doubled = sum(len(parts) - len(set(parts)) for parts in received.values())
    assert doubled <= 1


UNBLOCKING_ID = 7_600_000


def two_meetings() -> Itinerary:
    """Meetings in Lima at 10:00 and 10:01:15 on 11 June 2021 for one member, reminded 15 min
    before: at 09:45, and at 09:46:15, a quarter of a minute into a rehearsal from 09:46."""
    first = zones.localize(datetime(2021, 6, 11, 10, 0), "America/Lima")  # noqa: DTZ001
    return make_itinerary(
        name="Unblocking",
        reminders=(15,),
        briefing_time=None,
        stops=(make_stop("Lima", arrive=first.date(), depart=first.date()),),
        members=(Member("m", "Member", telegram_id=UNBLOCKING_ID),),
        events=tuple(
            make_event(
                key=f"meeting-{n}",
                title=f"Meeting number {n}",
                start=first + timedelta(seconds=75 * n),
                timezone="America/Lima",
            )
            for n in (0, 1)
        ),
    )


def unreachable(url: str) -> bool:
    """Tell whether the one member is marked unreachable."""
    engine = make_engine(url)
    with engine.connect() as connection:
        flag = connection.execute(text("SELECT unreachable FROM member")).scalar_one()
    engine.dispose()
    return bool(flag)


def meetings_received(base: str) -> list[str]:
    sent: list[dict[str, Any]] = call(f"{base}/sandbox/sent")["result"]
    return [
        m["text"] for m in sent if m["chat_id"] == UNBLOCKING_ID and "Meeting number" in m["text"]
    ]


def test_a_member_who_unblocks_the_bot_and_writes_gets_the_next_reminder(
    tmp_path: Path, sandbox: str
) -> None:
    url = f"sqlite:///{tmp_path}/unblocking.db"
    # From 09:46 in Lima: the 09:45 reminder is due at once and meets the block.
    bot_run = rehearsal(
        url, sandbox, two_meetings(), planned=datetime(2021, 6, 11, 14, 30, tzinfo=UTC),
        at="2021-06-11 09:46", zone="America/Lima",
    )  # fmt: skip
    call(f"{sandbox}/sandbox/users", {"ids": [UNBLOCKING_ID]})
    call(f"{sandbox}/sandbox/blocks", {"user_id": UNBLOCKING_ID, "blocked": True})
    bot = bot_run.start()
    try:
        wait_for(lambda: unreachable(url), "the first reminder to meet the block")
        assert meetings_received(sandbox) == []
        call(f"{sandbox}/sandbox/blocks", {"user_id": UNBLOCKING_ID, "blocked": False})
        call(f"{sandbox}/sandbox/messages", {"user": {"id": UNBLOCKING_ID}, "text": "/now"})
        received = wait_for(lambda: meetings_received(sandbox), "the next reminder")
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=WAIT)
    assert any("Meeting number 1" in text for text in received)
