"""Joining by personal link in the chat, and the organisers' /invite and /members."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import Engine

from bot.cli import main
from bot.services.invites import invite_member
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary
from tests.botkit import BotHarness, bind, make_harness

EIGHT_JUNE = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)  # 07:50 in Tegucigalpa
KEYS = ("choi", "park", "kim", "lee", "jung")


def _code(engine: Engine, key: str) -> str:
    with session_scope(engine) as session:
        return invite_member(session, key, now=EIGHT_JUNE).code


async def test_a_personal_link_greets_the_member_by_their_itinerary_name(
    harness: BotHarness,
) -> None:
    replies = await harness.send(
        harness.person(5003, "Seung"), f"/start {_code(harness.engine, 'lee')}"
    )
    assert replies[0].text.startswith("Welcome, Lee Seung-hyun! You have joined")
    listing = await harness.send(harness.organiser, "/members")
    lee = [line for line in listing[0].text.splitlines() if "(lee)" in line]
    assert len(lee) == 1
    assert "joined as Seung" in lee[0]


async def test_a_personal_link_asks_no_are_you_question(harness: BotHarness) -> None:
    # The link already says who they are: the name question is for general codes only.
    replies = await harness.send(
        harness.person(5004, "Tae-yong Jung"), f"/start {_code(harness.engine, 'jung')}"
    )
    assert [r.text.split("!")[0] for r in replies] == ["Welcome, Jung Tae-yong"]
    assert all(r.buttons() == [] for r in replies)


async def test_the_same_link_used_by_someone_else_is_refused_and_organisers_told(
    harness: BotHarness,
) -> None:
    code = _code(harness.engine, "lee")
    await harness.send(harness.organiser, "/start")  # the organiser has a chat with the bot
    await harness.send(harness.person(5003, "Seung"), f"/start {code}")
    replies = await harness.send(harness.stranger, f"/start {code}")
    mine = [m for m in replies if m.chat_id == harness.stranger["id"]]
    told = [m for m in replies if m.chat_id == harness.organiser["id"]]
    assert [m.text for m in mine] == [
        "This personal link belongs to someone who has already joined, so it cannot be used "
        "again. If it was meant for you, ask an organiser for a new one."
    ]
    assert len(told) == 1
    assert "Lee Seung-hyun (lee): Mallory (@mallory, id 6666)" in told[0].text
    assert (await harness.send(harness.stranger, "/today"))[0].text.startswith(
        "Sorry, I only talk to members"
    )


async def test_invite_lists_who_has_not_joined_and_a_button_gives_link_and_qr(
    harness: BotHarness,
) -> None:
    [menu] = await harness.send(harness.organiser, "/invite")
    labels = [b["text"] for b in menu.buttons()]
    assert labels == ["Park Ji-hoon (park)", "Jung Tae-yong (jung)", "Lee Seung-hyun (lee)"]
    link_message, picture = await harness.tap(harness.organiser, menu, "Jung")
    assert "The personal link of Jung Tae-yong (jung)" in link_message.text
    link = next(w for w in link_message.text.split() if w.startswith("https://t.me/"))
    assert picture.kind == "photo"
    assert picture.text == "Jung Tae-yong: scan to join"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture.document or b"")))
    assert [r.text for r in decoded] == [link]
    code = link.rsplit("=", 1)[1]
    welcome = await harness.send(harness.person(5004, "Tae"), f"/start {code}")
    assert welcome[0].text.startswith("Welcome, Jung Tae-yong!")


async def test_invite_new_keeps_making_a_link_for_someone_new(harness: BotHarness) -> None:
    for command, role in (("/invite new", "a member"), ("/invite new organiser", "an organiser"),
                          ("/invite organiser", "an organiser")):  # fmt: skip
        [made] = await harness.send(harness.organiser, command)
        assert made.text.startswith(f"A one-time link to join as {role}")


def _outputs(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    found = {}
    for key in KEYS:
        assert (
            main(["--db", url, "reminders", "--member", key], clock=SimulatedClock(EIGHT_JUNE))
            == 0
        )
        found[key] = capsys.readouterr().out
    return found


async def _chat(
    engine: Engine, users: dict[str, int], codes: dict[str, str]
) -> dict[str, list[str]]:
    kit = make_harness(engine, SimulatedClock(EIGHT_JUNE))
    await kit.app.initialize()
    seen = {}
    try:
        for key in KEYS:
            person = kit.person(users[key], key.title())
            if key in codes:
                joined = await kit.send(person, f"/start {codes[key]}")
                assert joined[0].text.startswith("Welcome, "), joined[0].text
            today = [m.text for m in await kit.send(person, "/today")]
            seen[key] = today + [m.text for m in await kit.send(person, "/reminders")]
    finally:
        await kit.app.shutdown()
    return seen


async def test_every_member_joined_by_link_sees_what_a_member_bound_in_the_file_sees(
    tmp_path: Path, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    users = {key: 7000 + n for n, key in enumerate(KEYS)}
    urls = {}
    for name in ("bound", "linked"):
        urls[name] = f"sqlite:///{tmp_path}/{name}.db"
        engine = make_engine(urls[name])
        with session_scope(engine) as session:
            save_itinerary(session, sample)
        engine.dispose()
    bound, linked = make_engine(urls["bound"]), make_engine(urls["linked"])
    for key, user_id in users.items():
        bind(bound, key, user_id)
    codes = {key: _code(linked, key) for key in KEYS}
    by_file = await _chat(bound, users, {})
    by_link = await _chat(linked, users, codes)
    bound.dispose()
    linked.dispose()
    assert any("Meeting with CABEI" in t for t in by_link["kim"])
    for key in KEYS:
        assert by_link[key] == by_file[key], key
    cli_bound, cli_linked = _outputs(urls["bound"], capsys), _outputs(urls["linked"], capsys)
    for key in KEYS:
        assert cli_linked[key] == cli_bound[key], key
    assert cli_linked["kim"].count("\n") > 20
