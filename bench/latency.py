"""Reply latency: 2,000 mixed member updates through the real Application on the local Bot
API, on 200 members, 300 events and 200 counterparts; and the same updates through a bare
PTB application whose handlers only echo, so Comitiva's cost shows as a ratio. Also the
peak memory of this process, which is the bot's."""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import time
from datetime import UTC, datetime

from scaled import MEMBER_IDS, scaled
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.config import Settings
from bot.offline.localapi import LocalBotApi, LocalRequest
from bot.services.outbox import apply_itinerary
from bot.storage.db import make_engine, session_scope
from schedule.clock import SimulatedClock

UPDATES = 2_000
GOAL_P99_MS = 25.0
GOAL_RATIO = 4.0
GOAL_MEMORY_MB = 150.0
TEXTS = [
    "/today",
    "/next",
    "/who Mossi",
    "/who CABEI",
    "/tomorrow",
    "/agenda 10 June",
    "who is mosi?",
    "when do we see Panama Metro?",
    "what time is it in Lima?",
    "모시는 누구야?",
    "where are we staying tonight?",
    "what is next?",
]


def mixed(api: LocalBotApi, rng: random.Random) -> list[dict[str, object]]:
    """2,000 updates from 200 members: commands, questions and day buttons."""
    users = [api.user(MEMBER_IDS + n, f"Member {n}") for n in range(190)]
    updates: list[dict[str, object]] = []
    for n in range(UPDATES):
        user = users[n % len(users)]
        if n % 10 == 9:  # a day button on a /today the member was sent
            continue
        updates.append(api.message_update(user, rng.choice(TEXTS), queue=False))
    return updates


async def timed(
    app: Application, updates: list[dict[str, object]], api: LocalBotApi
) -> list[float]:  # type: ignore[type-arg]
    timings = []
    for update in updates:
        started = time.perf_counter()
        await app.process_update(Update.de_json(update, app.bot))
        timings.append((time.perf_counter() - started) * 1000)
    # Day buttons: press ◀ ▶ on the day views the members received.
    presses = [
        m
        for m in api.state.sent
        if m.buttons() and m.buttons()[0].get("callback_data", "").startswith("day:")
    ]
    for message in presses[: UPDATES // 10]:
        user = api.state.users[message.chat_id]
        update = api.press_update(
            user, message, message.buttons()[-1]["callback_data"], queue=False
        )
        started = time.perf_counter()
        await app.process_update(Update.de_json(update, app.bot))
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat and update.effective_message and update.effective_message.text:
        await update.effective_chat.send_message(update.effective_message.text)


async def echo_press(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query:
        await update.callback_query.answer()


async def run() -> list[dict[str, object]]:
    clock = SimulatedClock(datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
    engine = make_engine("sqlite://")
    with session_scope(engine) as session:
        apply_itinerary(session, scaled(), now=clock.now())
    rng = random.Random(3)
    api = LocalBotApi(clock=clock)
    app = build_application(
        Settings(), clock, LocalRequest(api), engine=engine, rate_limit=False, per_chat_rate=0
    )
    await app.initialize()
    comitiva = await timed(app, mixed(api, rng), api)
    await app.shutdown()

    bare_api = LocalBotApi(clock=clock)
    bare = Application.builder().token("0:bare").request(LocalRequest(bare_api)).build()
    bare.add_handler(MessageHandler(filters.ALL, echo))
    bare.add_handler(CallbackQueryHandler(echo_press))
    await bare.initialize()
    updates = mixed(bare_api, random.Random(3))
    baseline = await timed(bare, updates, api)  # same presses replayed on the bare bot
    await bare.shutdown()

    def p(values: list[float], q: float) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, int(len(values) * q))]

    p99, bare_p99 = p(comitiva, 0.99), p(baseline, 0.99)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = p99 / bare_p99
    return [
        {
            "name": f"reply latency, p99 of {len(comitiva)} updates (200 members, 300 events)",
            "value": round(p99, 2),
            "unit": "ms",
            "p50": round(statistics.median(comitiva), 2),
            "goal": GOAL_P99_MS,
            "ratio_to_goal": round(p99 / GOAL_P99_MS, 2),
            "pass": p99 < GOAL_P99_MS,
        },
        {
            "name": f"  ... as a multiple of bare PTB echo (p99 {bare_p99:.2f} ms)",
            "value": round(ratio, 1),
            "unit": "x",
            "goal": GOAL_RATIO,
            "ratio_to_goal": round(ratio / GOAL_RATIO, 2),
            "pass": ratio < GOAL_RATIO,
        },
        {
            "name": "peak memory of the bot process in the latency run",
            "value": round(peak_mb, 1),
            "unit": "MB",
            "goal": GOAL_MEMORY_MB,
            "ratio_to_goal": round(peak_mb / GOAL_MEMORY_MB, 2),
            "pass": peak_mb < GOAL_MEMORY_MB,
        },
    ]


def main() -> list[dict[str, object]]:
    return asyncio.run(run())


if __name__ == "__main__":
    print(main())
