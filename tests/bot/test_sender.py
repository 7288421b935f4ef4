"""The one sender: waits out 429s, retries server errors and time-outs, keeps chats apart."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.error import TimedOut
from telegram.ext import ExtBot

from bot.config import Settings
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.offline.localapi import JSON, ApiError, LocalBotApi, LocalRequest
from bot.serve.botapi import make_bot

ALICE = 101
BOB = 102


class Faults:
    """An interceptor: answer the next ``sendMessage`` calls with these errors, in order."""

    def __init__(self, *errors: Exception, forever: Exception | None = None) -> None:
        self.errors = list(errors)
        self.forever = forever
        self.calls = 0

    async def __call__(self, method: str, _params: JSON) -> None:
        if method != "sendMessage":
            return
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        if self.forever is not None:
            raise self.forever


class Waits:
    """A fake ``sleep`` that records how long the sender asked to wait, and returns at once."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def server_error() -> ApiError:
    """Return Telegram's ``500 Internal Server Error``."""
    return ApiError(500, "Internal Server Error")


@pytest.fixture
def api() -> LocalBotApi:
    """A local Bot API with Alice's and Bob's private chats."""
    api = LocalBotApi()
    api.user(ALICE, "Alice")
    api.user(BOB, "Bob")
    return api


@pytest.fixture
def waits() -> Waits:
    """The waits the sender and the rate limiter asked for."""
    return Waits()


@pytest.fixture
async def bot(api: LocalBotApi, waits: Waits) -> AsyncIterator[ExtBot[Any]]:
    """python-telegram-bot's Bot, talking to the local API through the rate limiter.

    The limiter waits out 429s on the fake clock and does no pacing.
    """
    request = LocalRequest(api)
    limiter = ChatRateLimiter(overall_rate=0, private_rate=0, group_per_minute=0, sleep=waits)
    async with make_bot(Settings(), request=request, rate_limiter=limiter) as bot:
        yield bot


def unlimited(bot: ExtBot[Any], waits: Waits, *, attempts: int = 5) -> Sender:
    """Return a sender on the fake clock (the bot's limiter does no pacing)."""
    return Sender(bot, attempts=attempts, backoff=1.0, sleep=waits)


# PTB 22 gives ``retry_after`` in whole seconds, with a deprecation warning, unless
# PTB_TIMEDELTA opts in to timedeltas: the sender must read both.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("timedelta_mode", ["true", "false"])
async def test_a_429_is_waited_out_for_its_retry_after_then_delivered_once(
    api: LocalBotApi,
    bot: ExtBot[Any],
    waits: Waits,
    monkeypatch: pytest.MonkeyPatch,
    timedelta_mode: str,
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", timedelta_mode)
    api.interceptor = Faults(ApiError(429, "Too Many Requests: retry after 3", retry_after=3))

    delivery = await unlimited(bot, waits).send(ALICE, "Lobby call 07:30")

    assert waits.seconds == [3.0]
    [sent] = api.sent_to(ALICE)
    assert sent.text == "Lobby call 07:30"
    assert (delivery.status, delivery.message_id) == ("sent", sent.message_id)


async def test_server_errors_are_retried_with_backoff_until_delivered(
    api: LocalBotApi, bot: ExtBot[Any], waits: Waits
) -> None:
    faults = Faults(server_error(), server_error())
    api.interceptor = faults

    delivery = await unlimited(bot, waits).send(ALICE, "Lobby call 07:30")

    assert delivery.status == "sent"
    assert faults.calls == 3
    assert len(api.sent_to(ALICE)) == 1
    first, second = waits.seconds
    assert 0 < first < second  # backs off: each retry waits longer than the one before


async def test_a_timeout_is_retried_and_delivered_once(
    api: LocalBotApi, bot: ExtBot[Any], waits: Waits
) -> None:
    faults = Faults(TimedOut())
    api.interceptor = faults

    delivery = await unlimited(bot, waits).send(ALICE, "Lobby call 07:30")

    assert delivery.status == "sent"
    assert faults.calls == 2
    assert len(waits.seconds) == 1
    assert len(api.sent_to(ALICE)) == 1


async def test_a_send_that_fails_every_attempt_reports_failed_with_the_error(
    api: LocalBotApi, bot: ExtBot[Any], waits: Waits
) -> None:
    faults = Faults(forever=server_error())
    api.interceptor = faults

    delivery = await unlimited(bot, waits, attempts=3).send(ALICE, "Lobby call 07:30")

    assert delivery.status == "failed"
    assert delivery.message_id is None
    assert delivery.error
    assert "Internal Server Error" in delivery.error
    assert faults.calls == 3
    assert api.sent_to(ALICE) == []


@pytest.mark.parametrize(
    ("blocked", "text", "status", "reason"),
    [
        pytest.param(
            True,
            "Lobby call 07:30",
            "unreachable",
            "blocked",
            id="a_member_who_blocked_the_bot_is_unreachable_and_not_retried",
        ),
        pytest.param(
            False,
            "x" * 4097,
            "failed",
            "too long",
            id="a_refused_message_fails_at_once_without_retrying",
        ),
    ],
)
async def test_a_final_refusal_is_tried_once(
    api: LocalBotApi,
    bot: ExtBot[Any],
    waits: Waits,
    blocked: bool,
    text: str,
    status: str,
    reason: str,
) -> None:
    faults = Faults()
    api.interceptor = faults
    if blocked:
        api.block(ALICE)

    delivery = await unlimited(bot, waits).send(ALICE, text)

    assert delivery.status == status
    assert delivery.error
    assert reason in delivery.error
    assert faults.calls == 1
    assert waits.seconds == []


async def test_a_chat_is_sent_one_message_at_a_time_while_other_chats_are_served(
    api: LocalBotApi, bot: ExtBot[Any], waits: Waits
) -> None:
    # No durations are measured: once the first message to Alice is out, the next two wait
    # for her chat's limiter (one a second) while a message to Bob goes straight through.
    request = LocalRequest(api)
    limiter = ChatRateLimiter(overall_rate=0, private_rate=1)
    paced = make_bot(Settings(), request=request, rate_limiter=limiter)
    sender = Sender(paced, sleep=waits)
    first = asyncio.create_task(sender.send(ALICE, "one"))
    held = [asyncio.create_task(sender.send(ALICE, text)) for text in ("two", "three")]
    try:
        assert (await first).status == "sent"
        assert (await sender.send(BOB, "hello")).status == "sent"
        for _ in range(10):
            await asyncio.sleep(0)  # let every task that can run, run

        assert [m.text for m in api.sent_to(ALICE)] == ["one"]
        assert [m.text for m in api.sent_to(BOB)] == ["hello"]
        assert not any(task.done() for task in held)
    finally:
        for task in held:
            task.cancel()
        for task in held:
            with contextlib.suppress(asyncio.CancelledError):
                await task
