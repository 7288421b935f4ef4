"""One Bot factory: every bot Comitiva builds sends HTML without link previews."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import build_application
from bot.config import Settings
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Sender
from bot.offline.localapi import JSON, LocalBotApi, LocalRequest
from bot.serve.botapi import make_bot
from bot.storage.db import make_engine
from schedule.clock import SimulatedClock

ALICE = 101


class Calls:
    """An interceptor that keeps the parameters of every call, by method."""

    def __init__(self) -> None:
        self.params: dict[str, list[JSON]] = {}

    async def __call__(self, method: str, params: JSON) -> None:
        self.params.setdefault(method, []).append(dict(params))


def local_api() -> tuple[LocalBotApi, Calls]:
    """Return a local Bot API with Alice's chat, and what it was asked."""
    api = LocalBotApi()
    api.user(ALICE, "Alice")
    calls = Calls()
    api.interceptor = calls
    return api, calls


def unpaced() -> ChatRateLimiter:
    """Return a limiter that does no pacing."""
    return ChatRateLimiter(overall_rate=0, private_rate=0, group_per_minute=0)


async def test_the_senders_messages_are_html_without_link_previews() -> None:
    api, calls = local_api()
    async with make_bot(Settings(), request=LocalRequest(api), rate_limiter=unpaced()) as bot:
        delivery = await Sender(bot).send(ALICE, "<b>Lobby</b> at 07:15 https://example.org")
    assert delivery.status == "sent"
    [params] = calls.params["sendMessage"]
    assert params["parse_mode"] == "HTML"
    assert "is_disabled" in str(params["link_preview_options"])
    assert api.sent_to(ALICE)[-1].text == "Lobby at 07:15 https://example.org"


async def test_malformed_html_through_the_sender_is_refused() -> None:
    api, _ = local_api()
    async with make_bot(Settings(), request=LocalRequest(api), rate_limiter=unpaced()) as bot:
        delivery = await Sender(bot, attempts=1).send(ALICE, "<b>Lobby at 07:15")
    assert delivery.status == "failed"
    assert delivery.refused
    assert not api.sent_to(ALICE)


async def test_the_applications_sends_and_edits_are_html() -> None:
    api, calls = local_api()
    clock = SimulatedClock(datetime(2021, 6, 8, 12, 0, tzinfo=UTC))
    engine = make_engine("sqlite://")
    app = build_application(Settings(), clock, LocalRequest(api), engine=engine)
    async with app.bot as bot:
        sent = await bot.send_message(ALICE, "Sending: delivered 1 of 2")
        await bot.edit_message_text("Done: delivered 2 of 2", ALICE, sent.message_id)
    for method in ("sendMessage", "editMessageText"):
        assert [p["parse_mode"] for p in calls.params[method]] == ["HTML"]
    assert "is_disabled" in str(calls.params["sendMessage"][0]["link_preview_options"])
