"""Several workers share one PostgreSQL database and never send a row twice.

Workers are real ``comitiva dispatch`` processes sending through the local Bot API served
over HTTP; the sandbox counts what each chat received.
"""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import select

from bot.services import announcements
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from schedule.clock import SystemClock
from tests.conftest import POSTGRESQL, postgresql_schema
from tests.process.test_run import COMITIVA, call, free_port, wait_for

ROWS = 2_000
FIRST_ID = 8_000_000

pytestmark = pytest.mark.skipif(
    not POSTGRESQL, reason="several workers need PostgreSQL: set COMITIVA_TEST_POSTGRESQL"
)


@pytest.fixture
def shared_url() -> Iterator[str]:
    """A PostgreSQL schema of its own, with 2,000 due announcement rows for 2,000 members."""
    with postgresql_schema(f"workers_{uuid.uuid4().hex[:12]}") as url:
        engine = make_engine(url)
        with session_scope(engine) as session:
            for n in range(ROWS):
                session.add(db.Member(key=f"m{n}", name=f"Member {n}", telegram_id=FIRST_ID + n))
            session.flush()
            organiser = session.exec(select(db.Member)).first()
            assert organiser is not None
            assert organiser.id is not None
            draft = announcements.create(session, "Lobby call", by=organiser.id, now=now_utc())
            assert draft.id is not None
            assert announcements.queue(session, draft.id, now=now_utc()) == ROWS
        engine.dispose()
        yield url


def now_utc() -> datetime:
    return SystemClock().now()


@pytest.fixture
def sandbox() -> Iterator[str]:
    if not COMITIVA.exists():
        pytest.skip("the comitiva console script is not installed (run make install)")
    port = free_port()
    process = subprocess.Popen(
        [str(COMITIVA), "sandbox", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: call(f"{base}/sandbox/sent"), "the sandbox to answer")
        call(f"{base}/sandbox/users", {"ids": list(range(FIRST_ID, FIRST_ID + ROWS))})
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def worker(url: str, base: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:workers", "TELEGRAM_API_BASE_URL": f"{base}/bot"}
    return subprocess.Popen(
        [str(COMITIVA), "--db", url, "dispatch", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def received(base: str) -> Counter[int]:
    return Counter(m["chat_id"] for m in call(f"{base}/sandbox/sent")["result"])


def statuses(url: str) -> Counter[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT status, count(*) FROM outbox GROUP BY status"))
        result = Counter({status: count for status, count in rows})
    engine.dispose()
    return result


def test_three_workers_send_every_row_exactly_once(shared_url: str, sandbox: str) -> None:
    workers = [worker(shared_url, sandbox) for _ in range(3)]
    for process in workers:
        assert process.wait(timeout=300) == 0
    counts = received(sandbox)
    assert len(counts) == ROWS
    assert set(counts.values()) == {1}
    assert statuses(shared_url) == Counter({"sent": ROWS})


def test_a_killed_worker_causes_at_most_one_duplicate(shared_url: str, sandbox: str) -> None:
    workers = [worker(shared_url, sandbox) for _ in range(3)]
    wait_for(lambda: sum(received(sandbox).values()) >= 300, "the first sends")
    victim = workers[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    for process in workers[1:]:
        assert process.wait(timeout=300) == 0
    # A restarted worker on this machine takes back the dead worker's claims at once.
    assert worker(shared_url, sandbox).wait(timeout=300) == 0
    counts = received(sandbox)
    assert len(counts) == ROWS  # nothing lost
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= 1  # one killed worker: at most one message sent twice
    assert statuses(shared_url) == Counter({"sent": ROWS})


def test_sigterm_finishes_the_send_in_flight_and_leaves_no_row_sending(
    shared_url: str, sandbox: str
) -> None:
    process = worker(shared_url, sandbox)
    wait_for(lambda: sum(received(sandbox).values()) >= 100, "the first sends")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    left = statuses(shared_url)
    assert left["sending"] == 0
    assert left["sent"] == sum(received(sandbox).values())
    assert left["sent"] + left["pending"] == ROWS
