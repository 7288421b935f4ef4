"""``/calendar/<token>.ics`` over real HTTP, on the webhook listener ``comitiva run`` starts."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import vobject
from sqlalchemy import Engine

from bot.itinerary.ics import key_of_uid
from bot.serve.webhook import webhook_server
from bot.services.calendars import calendar_address
from bot.services.edits import move_event
from bot.services.outbox import apply_itinerary
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary, save_itinerary
from schedule.agenda import attends
from schedule.itinerary import Itinerary
from tests.botkit import BotHarness
from tests.process.test_run import free_port

NOW = datetime(2021, 6, 7, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def _fetch(url: str, headers: dict[str, str]) -> Response:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return Response(answer.status, dict(answer.headers), answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read())


async def fetch(url: str, **headers: str) -> Response:
    """GET ``url`` from another thread, so that the listener on this loop can answer."""
    return await asyncio.to_thread(
        _fetch, url, {k.replace("_", "-"): v for k, v in headers.items()}
    )


@pytest.fixture
async def listener(harness: BotHarness) -> AsyncIterator[str]:
    """The webhook listener on 127.0.0.1 and a free port; yields its base URL."""
    port = free_port()
    server = webhook_server(harness.app, path="/telegram", secret="s3cret").listen(
        port, address="127.0.0.1"
    )
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _token(engine: Engine, key: str = "kim", *, reset: bool = False) -> str:
    return calendar_address(engine, member_key=key, now=NOW, reset=reset)


def _keys(body: bytes) -> dict[str, Any]:
    calendar = vobject.readOne(body.decode())
    return {key_of_uid(v.uid.value): v for v in calendar.vevent_list}


async def test_the_feed_serves_the_members_own_events(
    listener: str, loaded: Engine, sample: Itinerary
) -> None:
    answer = await fetch(f"{listener}/calendar/{_token(loaded)}.ics")
    kim = next(m for m in sample.members if m.key == "kim")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert set(_keys(answer.body)) == {
        e.key for e in sample.events if attends(e, kim.key, kim.groups)
    }
    assert "public-innovation-meeting" not in _keys(answer.body)


async def test_a_conditional_request_for_an_unchanged_feed_gets_304(
    listener: str, loaded: Engine
) -> None:
    url = f"{listener}/calendar/{_token(loaded)}.ics"
    first = await fetch(url)
    by_tag = await fetch(url, If_None_Match=first.headers["Etag"])
    by_date = await fetch(url, If_Modified_Since=first.headers["Last-Modified"])
    assert (by_tag.status, by_tag.body) == (304, b"")
    assert (by_date.status, by_date.body) == (304, b"")
    assert by_tag.headers["Etag"] == first.headers["Etag"]


async def test_unknown_and_revoked_tokens_get_a_bare_404(listener: str, loaded: Engine) -> None:
    old = _token(loaded)
    new = _token(loaded, reset=True)
    revoked = await fetch(f"{listener}/calendar/{old}.ics")
    unknown = await fetch(f"{listener}/calendar/{'A' * 32}.ics")
    assert (revoked.status, revoked.body) == (404, b"")
    assert (unknown.status, unknown.body) == (404, b"")
    assert (await fetch(f"{listener}/calendar/{new}.ics")).status == 200


async def test_a_stranger_learns_nothing_from_any_guess(listener: str, loaded: Engine) -> None:
    real = _token(loaded)
    guesses = [f"{real[:-1]}x.ics", real, f"{real}.ics.bak", "%2e%2e/healthz", "", "kim.ics"]
    answers = [await fetch(f"{listener}/calendar/{guess}") for guess in guesses]
    assert {(a.status, a.body) for a in answers} == {(404, b"")}
    # The same headers whatever was guessed, apart from the date.
    shapes = {tuple(sorted(k for k in a.headers if k != "Date")) for a in answers}
    assert len(shapes) == 1


async def test_a_change_in_the_itinerary_appears_in_the_next_fetch(
    listener: str, loaded: Engine
) -> None:
    url = f"{listener}/calendar/{_token(loaded)}.ics"
    first = await fetch(url)
    with session_scope(loaded) as session:
        itinerary = load_itinerary(session)
        assert itinerary is not None
        cabei = next(e for e in itinerary.events if e.key == "cabei-meeting")
        apply_itinerary(
            session, move_event(itinerary, cabei.key, cabei.start + timedelta(hours=1)), now=NOW
        )
    second = await fetch(url, If_None_Match=first.headers["Etag"])
    assert second.status == 200
    before, after = _keys(first.body)["cabei-meeting"], _keys(second.body)["cabei-meeting"]
    assert after.uid.value == before.uid.value
    assert int(after.sequence.value) == int(before.sequence.value) + 1
    assert after.dtstart.value.astimezone(UTC) == cabei.start + timedelta(hours=1)


async def test_the_feed_of_a_member_who_left_stops(
    listener: str, loaded: Engine, sample: Itinerary
) -> None:
    url = f"{listener}/calendar/{_token(loaded)}.ics"
    assert (await fetch(url)).status == 200
    without_kim = replace(sample, members=tuple(m for m in sample.members if m.key != "kim"))
    with session_scope(loaded) as session:
        save_itinerary(session, without_kim, now=NOW)
    answer = await fetch(url)
    assert (answer.status, answer.body) == (404, b"")
