"""The offline chat: the real bot in a terminal, buttons by number, a movable clock."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.cli import main
from bot.itinerary.checker import load_itinerary_file
from bot.offline.chat import ChatSession, default_start, ensure_itinerary, run_chat
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.kinds import OutboxStatus
from schedule.clock import SimulatedClock
from tests.botkit import MEMBER_ID, bind
from tests.conftest import SAMPLE

START = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa


def make_chat(engine: Engine, role: str = "member") -> tuple[ChatSession, list[str]]:
    printed: list[str] = []
    ensure_itinerary(engine)
    start = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa
    return ChatSession(engine, SimulatedClock(start), role=role, write=printed.append), printed


def test_chat_loads_the_sample_into_an_empty_database_once(engine: Engine) -> None:
    assert ensure_itinerary(engine) is True
    assert ensure_itinerary(engine) is False


def test_chat_starts_on_the_first_morning_of_the_trip_by_default(engine: Engine) -> None:
    ensure_itinerary(engine)
    assert default_start(engine) == datetime(2021, 6, 4, 12, 50, tzinfo=UTC)  # 07:50 UTC−5


async def test_chat_shows_the_reply_with_numbered_buttons(engine: Engine) -> None:
    chat, printed = make_chat(engine)
    await chat.app.initialize()
    await chat.handle("/today")
    await chat.app.shutdown()
    assert printed[0].startswith("Tue 8 Jun 2021 – Tegucigalpa → Panama City")
    assert printed[1] == "[1] ◀ Mon 7 Jun   [2] Wed 9 Jun ▶"


async def test_typing_a_number_presses_that_button_and_shows_the_edit(engine: Engine) -> None:
    chat, printed = make_chat(engine)
    await chat.app.initialize()
    await chat.handle("/today")
    printed.clear()
    await chat.handle("2")
    await chat.app.shutdown()
    assert printed[0].startswith("(edited) Wed 9 Jun 2021 – Panama City")


async def test_clock_moves_forward_and_next_follows_it(engine: Engine) -> None:
    chat, printed = make_chat(engine)
    await chat.app.initialize()
    assert chat.move_clock("+3h") == "It is now Tue 8 Jun 10:50 (Tegucigalpa, UTC−6)."
    await chat.handle("/next")
    await chat.app.shutdown()
    assert "Transfer CABEI to Toncontín airport" in printed[0]
    assert "starts in 25 min" in printed[0]


def test_clock_jumps_to_a_local_time_where_the_delegation_is(engine: Engine) -> None:
    chat, _ = make_chat(engine)
    assert (
        chat.move_clock("2021-06-10 07:00") == "It is now Thu 10 Jun 07:00 (Panama City, UTC−5)."
    )


def test_clock_explains_what_it_accepts(engine: Engine) -> None:
    chat, _ = make_chat(engine)
    assert chat.move_clock("soon").startswith("Use /clock +2h")


async def test_organiser_chat_plays_an_organiser(engine: Engine) -> None:
    chat, printed = make_chat(engine, role="organiser")
    await chat.app.initialize()
    await chat.handle("/help")
    await chat.app.shutdown()
    assert "/register_group" in printed[0]


async def test_run_chat_ends_at_quit_or_end_of_input(engine: Engine) -> None:
    chat, printed = make_chat(engine)
    lines = iter(["/now", "/quit", "/today"])
    await run_chat(chat, read=lambda _prompt: next(lines))
    assert any("The delegation is in Tegucigalpa" in line for line in printed)
    assert not any(line.startswith("Tue 8 Jun 2021") for line in printed)


# --- the try-it never touches real data ----------------------------------------------------


def chat_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    """Run ``comitiva ARGV`` with "/today" then "/quit" typed; return code, out and err."""
    monkeypatch.setattr("sys.stdin", io.StringIO("/today\n/quit\n"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def real_database(path: Path) -> str:
    """A bot's database: the sample imported, Kim bound to Telegram, reminders planned."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        apply_itinerary(session, load_itinerary_file(SAMPLE), now=START)
    bind(engine, "kim", MEMBER_ID)
    engine.dispose()
    return url


def snapshot(url: str) -> tuple[list[tuple[str, int | None]], list[tuple[int, OutboxStatus]]]:
    """Return every member's Telegram id and every outbox row's status."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        members = [(m.key, m.telegram_id) for m in session.exec(select(db.Member))]
        rows = [(r.id or 0, r.status) for r in session.exec(select(db.Outbox))]
    engine.dispose()
    return members, rows


def test_chat_without_a_database_uses_its_own_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    code, out, _ = chat_cli(monkeypatch, capsys, "chat", "--at", "2021-06-08 07:50")
    assert code == 0
    assert (
        out.splitlines()[0] == "(No --db given: the chat uses its own database, comitiva-chat.db.)"
    )
    assert (tmp_path / "comitiva-chat.db").exists()
    assert not (tmp_path / "comitiva.db").exists()


@pytest.mark.parametrize(
    ("options", "code", "stream", "words"),
    [
        pytest.param(
            (),
            1,
            "err",
            ("this database has 1 members bound to Telegram", "--i-know"),
            id="chat_refuses_a_database_with_members_bound_to_telegram",
        ),
        pytest.param(
            ("--i-know", "--at", "2021-06-08 07:50"),
            0,
            "out",
            ("Rehearsing on a copy", "Tue 8 Jun 2021 – Tegucigalpa → Panama City"),
            id="chat_with_i_know_rehearses_on_a_copy_binding_and_sending_nothing_real",
        ),
    ],
)
def test_chat_on_a_bots_database_leaves_it_as_it_was(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: tuple[str, ...],
    code: int,
    stream: str,
    words: tuple[str, ...],
) -> None:
    url = real_database(tmp_path / "bot.db")
    before = snapshot(url)
    exit_code, out, err = chat_cli(monkeypatch, capsys, "--db", url, "chat", *options)
    assert exit_code == code
    for word in words:
        assert word in {"out": out, "err": err}[stream]
    assert snapshot(url) == before


def test_chat_on_its_own_database_a_second_time_is_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/try.db"  # as make try passes it
    assert chat_cli(monkeypatch, capsys, "--db", url, "chat")[0] == 0
    code, out, err = chat_cli(monkeypatch, capsys, "--db", url, "chat")
    assert code == 0, err
    assert "Rehearsing" not in out
