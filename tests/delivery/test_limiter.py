"""One rate limiter for the whole bot: a 429 pauses only the chat it came from."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.delivery.limiter import ChatRateLimiter
from bot.offline.localapi import JSON, ApiError, LocalBotApi, LocalRequest
from schedule.clock import SimulatedClock
from tests.botkit import MEMBER_ID, ORGANISER_ID

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def limited(loaded: Engine) -> AsyncIterator[tuple[Application, LocalBotApi]]:  # type: ignore[type-arg]
    """The real Application with its rate limiter on, as ``comitiva run`` builds it."""
    clock = SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
    api = LocalBotApi(clock=clock)
    app = build_application(Settings(), clock, LocalRequest(api), engine=loaded)
    assert isinstance(app.bot.rate_limiter, ChatRateLimiter)
    await app.initialize()
    yield app, api
    await app.shutdown()


async def test_one_chat_answered_with_429s_does_not_slow_another_chats_replies(
    limited: tuple[Application, LocalBotApi],  # type: ignore[type-arg]
) -> None:
    app, api = limited
    kim, choi = api.user(MEMBER_ID, "Min-seo"), api.user(ORGANISER_ID, "Jong-uk")

    async def flood_kim(method: str, params: JSON) -> None:
        if method == "sendMessage" and int(params["chat_id"]) == MEMBER_ID:
            raise ApiError(429, "Too Many Requests: retry after 600", retry_after=600)

    api.interceptor = flood_kim

    def update(user: JSON, text: str) -> Update:
        return Update.de_json(api.message_update(user, text, queue=False), app.bot)

    paused = asyncio.create_task(app.process_update(update(kim, "/today")))
    try:
        for _ in range(20):
            await asyncio.sleep(0)  # Kim's reply meets its 429 and her chat pauses
        await asyncio.wait_for(app.process_update(update(choi, "/today")), timeout=10)

        assert api.sent_to(ORGANISER_ID)  # Choi was answered while Kim's chat waits
        assert api.sent_to(MEMBER_ID) == []
        assert not paused.done()
    finally:
        paused.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await paused


async def test_a_429_without_a_chat_pauses_every_request_until_it_passes() -> None:
    waited = asyncio.Event()
    release = asyncio.Event()

    async def sleep(_seconds: float) -> None:
        waited.set()
        await release.wait()

    limiter = ChatRateLimiter(overall_rate=0, private_rate=0, sleep=sleep)
    answers: list[str] = []
    floods = ["commands"]  # the first setMyCommands is answered with a 429

    async def call(name: str) -> JSON:
        if name in floods:
            floods.remove(name)
            raise RetryAfter(5)
        answers.append(name)
        return {}

    first = asyncio.create_task(
        limiter.process_request(call, ("commands",), {}, "setMyCommands", {}, None)
    )
    await waited.wait()
    second = asyncio.create_task(
        limiter.process_request(call, ("message",), {}, "sendMessage", {"chat_id": 1}, None)
    )
    for _ in range(10):
        await asyncio.sleep(0)
    assert answers == []  # everything waits out a 429 that named no chat
    release.set()
    await asyncio.gather(first, second)
    assert sorted(answers) == ["commands", "message"]
