"""The offline chat: the real bot in a terminal, buttons by number, a movable clock."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.offline.chat import ChatSession, default_start, ensure_itinerary, run_chat
from schedule.clock import SimulatedClock


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
