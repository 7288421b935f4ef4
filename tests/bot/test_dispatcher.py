"""The outbox dispatcher on the simulated clock: what a reminder says, and that every row is
sent once, on time or late-but-useful, across restarts, crashes, Telegram's faults and
members who blocked the bot."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select
from telegram import InlineKeyboardMarkup
from telegram.error import TimedOut

from bot.config import Settings
from bot.delivery.alarm import WAKE_JOB, Alarm
from bot.delivery.dispatcher import CLAIM_TIMEOUT, Dispatcher, Outcome
from bot.delivery.limiter import ChatRateLimiter
from bot.delivery.sender import Delivery, Sender
from bot.offline.localapi import JSON, ApiError, LocalBotApi, LocalRequest, SentMessage
from bot.runtime import state
from bot.serve.botapi import make_bot
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import session_scope
from schedule import agenda
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary, Member
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, change_member, make_application
from tests.factories import make_event, make_itinerary, make_stop

CABEI = "cabei-meeting"
CABEI_TITLE = "Meeting with CABEI"
FLIGHT = "flight-tgu-pty"
TEGUCIGALPA = "America/Tegucigalpa"
# PTB 22 warns that ``RetryAfter.retry_after`` will become a timedelta; the sender reads both.
IGNORE_RETRY_AFTER_DEPRECATION = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


def utc(hour: int, minute: int = 0, *, day: int = 8) -> datetime:
    """Return an instant in June 2021, in UTC."""
    return datetime(2021, 6, day, hour, minute, tzinfo=UTC)


class Waits:
    """A fake ``sleep``: records each wait and moves the simulated clock on by it."""

    def __init__(self, clock: SimulatedClock) -> None:
        self.clock = clock
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))


class Calls:
    """An interceptor that lets every call through and records who ``sendMessage`` went to."""

    def __init__(self) -> None:
        self.chats: list[int] = []

    async def __call__(self, method: str, params: JSON) -> None:
        if method == "sendMessage":
            self.chats.append(int(params["chat_id"]))


class ProcessDiedError(Exception):
    """The process died."""


class CrashAfterSending(Sender):
    """A sender whose process dies after Telegram took the message, before it is marked sent."""

    async def send(
        self, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> Delivery:
        """Send, then die."""
        await super().send(chat_id, text, keyboard)
        raise ProcessDiedError


def make_dispatcher(
    kit: BotHarness, *, attempts: int = 5, sender: type[Sender] = Sender
) -> tuple[Dispatcher, Waits]:
    """Return a dispatcher of its own on the harness's database and bot, and its waits."""
    waits = Waits(kit.clock)
    # The rate limiter waits out 429s (on the fake clock) but does no pacing.
    limiter = ChatRateLimiter(overall_rate=0, private_rate=0, group_per_minute=0, sleep=waits)
    bot = make_bot(Settings(), request=LocalRequest(kit.api), rate_limiter=limiter)
    unlimited = sender(bot, attempts=attempts, sleep=waits)
    return Dispatcher(kit.engine, kit.clock, unlimited), waits


def planned_dispatcher(
    kit: BotHarness, instant: datetime, **options: Any
) -> tuple[Dispatcher, Waits]:
    """Plan the outbox, move the clock to ``instant`` and return a dispatcher and its waits."""
    kit.alarm.replan()
    kit.at(instant)
    return make_dispatcher(kit, **options)


def failing_sends(answers: list[Exception]) -> Callable[[str, JSON], Awaitable[None]]:
    """Return an interceptor that fails the next ``sendMessage`` calls, popping ``answers``."""

    async def fail(method: str, _params: JSON) -> None:
        if method == "sendMessage" and answers:
            raise answers.pop()

    return fail


@asynccontextmanager
async def restarted(kit: BotHarness) -> AsyncIterator[Alarm]:
    """Start a new Application on the same database and Telegram, as after a restart."""
    app = make_application(kit.engine, kit.clock, kit.api)
    await app.initialize()
    try:
        alarm = state(app).alarm
        await alarm.start()
        yield alarm
    finally:
        await app.shutdown()


def rows(engine: Engine, *, member: str | None = None, kind: str | None = None) -> list[db.Outbox]:
    """Return outbox rows, in due order, for one member or kind if asked."""
    query = select(db.Outbox).join(db.Member, col(db.Member.id) == db.Outbox.member_id)
    if member is not None:
        query = query.where(db.Member.key == member)
    if kind is not None:
        query = query.where(db.Outbox.kind == kind)
    with session_scope(engine) as session:
        return list(session.exec(query.order_by(col(db.Outbox.due_at), col(db.Outbox.id))))


def reminder(engine: Engine, member: str, event: str, lead: int) -> db.Outbox:
    """Return the row of ``member``'s reminder ``lead`` minutes before ``event``."""
    [row] = [
        r
        for r in rows(engine, member=member, kind="reminder")
        if r.event_key == event and r.ref.endswith(f"-{lead}m")
    ]
    return row


def briefing(engine: Engine, member: str, day: date) -> db.Outbox:
    """Return the row of ``member``'s morning briefing on ``day``."""
    [row] = [r for r in rows(engine, member=member, kind="briefing") if r.ref == f"briefing:{day}"]
    return row


def about(api: LocalBotApi, chat_id: int, title: str) -> list[SentMessage]:
    """Return the reminders sent to ``chat_id`` whose heading is ``title``."""
    return [m for m in api.sent_to(chat_id) if m.text.splitlines()[0] == f"⏰ {title}"]


def set_language(engine: Engine, key: str, language: str) -> None:
    """Set a member's language, as /settings does."""
    change_member(engine, key, language=language)


def is_unreachable(engine: Engine, key: str) -> bool:
    """Tell whether a member is recorded as having blocked the bot."""
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        return member.unreachable


@pytest.fixture
def kit(harness: BotHarness) -> BotHarness:
    """The harness, with Kim's and Choi's private chats open with the bot."""
    assert harness.member["id"] == MEMBER_ID
    assert harness.organiser["id"] == ORGANISER_ID
    return harness


# What a reminder says


async def test_a_reminder_says_what_when_how_soon_where_and_with_whom(
    kit: BotHarness, sample: Itinerary
) -> None:
    kim = next(m for m in sample.members if m.key == "kim")
    cabei = next(e for e in sample.events if e.key == CABEI)
    assert agenda.attends(cabei, kim.key, kim.groups)
    kit.alarm.replan()

    kit.at(utc(15))  # 09:00 in Tegucigalpa, an hour before the meeting
    await kit.alarm.dispatch()

    [sent] = kit.api.sent_to(MEMBER_ID)
    lines = sent.text.splitlines()
    assert lines[0] == f"⏰ {CABEI_TITLE}"
    assert "10:00–11:00 (Tegucigalpa, UTC−6)" in lines[1]
    assert "starts in 1 h" in lines[1]
    assert "CABEI headquarters, Boulevard Suyapa, Tegucigalpa, Honduras" in sent.text
    assert "Mr. Dante Mossi, Executive President, CABEI" in sent.text
    assert "https://www.google.com/maps/search/?api=1&amp;query=14.0812,-87.1769" in sent.html
    assert "(sent late" not in sent.text


async def test_a_reminder_is_sent_once_and_recorded_with_its_message_id(kit: BotHarness) -> None:
    kit.alarm.replan()
    kit.at(utc(15))

    first = await kit.alarm.dispatch()
    second = await kit.alarm.dispatch()

    assert first.sent == 2  # Kim and Choi, the two members with a Telegram chat
    assert second == Outcome()
    [sent] = kit.api.sent_to(MEMBER_ID)
    row = reminder(kit.engine, "kim", CABEI, 60)
    assert (row.status, row.telegram_message_id, row.sent_at) == ("sent", sent.message_id, utc(15))
    assert row.late is False
    assert row.attempts == 1


async def test_a_flight_reminder_shows_departure_and_arrival_each_in_its_own_zone(
    kit: BotHarness,
) -> None:
    kit.at(utc(19))
    kit.alarm.replan()

    kit.at(utc(19, 30))  # 13:30 in Tegucigalpa, an hour before take-off
    await kit.alarm.dispatch()

    [sent] = about(kit.api, MEMBER_ID, "Flight Tegucigalpa to Panama City")
    assert "14:30 Tegucigalpa (UTC−6) → 17:20 Panama City (UTC−5)" in sent.text
    assert "starts in 1 h" in sent.text
    assert reminder(kit.engine, "kim", FLIGHT, 60).telegram_message_id == sent.message_id


async def test_a_korean_speaking_member_gets_the_reminder_in_korean(kit: BotHarness) -> None:
    set_language(kit.engine, "kim", "ko")
    kit.alarm.replan()

    kit.at(utc(15))
    await kit.alarm.dispatch()

    [sent] = kit.api.sent_to(MEMBER_ID)
    assert "6월 8일 (화) 10:00–11:00 (Tegucigalpa, UTC−6), 1시간 후 시작" in sent.text
    assert "장소: CABEI headquarters" in sent.text
    assert "상대: Mr. Dante Mossi, Executive President, CABEI" in sent.text
    assert ">지도</a>" in sent.html
    assert "starts in" not in sent.text
    [choi] = kit.api.sent_to(ORGANISER_ID)
    assert "starts in 1 h" in choi.text  # the others keep their language


async def test_the_morning_briefing_at_seven_local_lists_the_days_events(
    kit: BotHarness,
) -> None:
    kit.at(utc(12))  # 06:00 in Tegucigalpa
    kit.alarm.replan()
    row = briefing(kit.engine, "kim", date(2021, 6, 8))
    assert row.due_at == utc(13)  # 07:00 in Tegucigalpa, UTC−6

    kit.at(utc(13))
    await kit.alarm.dispatch()

    [sent] = kit.api.sent_to(MEMBER_ID)
    assert sent.text.startswith("☀️ Good morning. Today in Tegucigalpa:")
    for title in (
        CABEI_TITLE,
        "Transfer CABEI to Toncontín airport",
        "Flight Tegucigalpa to Panama City",
        "Transfer Tocumen airport to hotel",
    ):
        assert title in sent.text
    assert "10:00–11:00 (Tegucigalpa, UTC−6)" in sent.text
    assert "Briefing at the Korean Embassy in Panama" not in sent.text  # that is 9 June
    assert briefing(kit.engine, "kim", date(2021, 6, 8)).status == "sent"


async def test_the_alarm_is_armed_for_the_earliest_pending_row_and_rearmed_after_sending(
    kit: BotHarness,
) -> None:
    queue = kit.app.job_queue
    assert queue is not None
    kit.alarm.replan()
    assert kit.alarm.armed_for == utc(15)

    kit.at(utc(15))
    await kit.alarm.dispatch()

    assert kit.alarm.armed_for == utc(15, 45)
    assert len(queue.get_jobs_by_name(WAKE_JOB)) == 1


# Downtime and restarts


async def test_a_reminder_due_while_the_bot_was_down_is_sent_once_marked_late(
    kit: BotHarness,
) -> None:
    kit.alarm.replan()
    kit.at(utc(15, 20))  # down since before 15:00, when the hour-before reminder fell due

    async with restarted(kit) as alarm:
        await alarm.dispatch()
        await alarm.dispatch()
    async with restarted(kit) as alarm:
        await alarm.dispatch()

    [sent] = about(kit.api, MEMBER_ID, CABEI_TITLE)
    assert "starts in 40 min" in sent.text
    assert "(sent 20 min late: the bot was offline)" in sent.text
    row = reminder(kit.engine, "kim", CABEI, 60)
    assert (row.status, row.late, row.telegram_message_id) == ("sent", True, sent.message_id)
    assert reminder(kit.engine, "kim", CABEI, 15).status == "pending"  # due at 15:45


async def test_a_reminder_whose_event_started_while_the_bot_was_down_is_skipped_with_a_reason(
    kit: BotHarness,
) -> None:
    kit.alarm.replan()
    kit.at(utc(16, 5))  # the meeting began at 16:00

    async with restarted(kit) as alarm:
        outcome = await alarm.dispatch()

    assert outcome.sent == 0
    assert kit.api.sent_to(MEMBER_ID) == []
    for lead in (60, 15):
        row = reminder(kit.engine, "kim", CABEI, lead)
        assert row.status == "skipped"
        assert row.last_error == "the event had already started"
        assert row.telegram_message_id is None


async def test_a_briefing_more_than_two_hours_late_is_skipped_after_a_restart(
    kit: BotHarness,
) -> None:
    kit.at(utc(12))
    kit.alarm.replan()
    kit.at(utc(15, 30))  # the 13:00 briefing is two and a half hours late

    async with restarted(kit) as alarm:
        await alarm.dispatch()

    row = briefing(kit.engine, "kim", date(2021, 6, 8))
    assert row.status == "skipped"
    assert row.last_error
    assert "two hours" in row.last_error
    assert not any("Good morning" in m.text for m in kit.api.sent_to(MEMBER_ID))


async def test_a_briefing_less_than_two_hours_late_is_still_sent_after_a_restart(
    kit: BotHarness,
) -> None:
    kit.at(utc(12))
    kit.alarm.replan()
    kit.at(utc(14, 30))

    async with restarted(kit) as alarm:
        await alarm.dispatch()

    [sent] = kit.api.sent_to(MEMBER_ID)
    assert "Good morning" in sent.text
    assert briefing(kit.engine, "kim", date(2021, 6, 8)).status == "sent"


# Crashes between sending and sent


async def test_rows_claimed_by_a_crashed_dispatcher_are_sent_once_after_recovery(
    kit: BotHarness,
) -> None:
    crashed, _ = planned_dispatcher(kit, utc(15))
    claimed = crashed.claim()  # then the process dies before sending anything
    assert len(claimed) == 3  # Kim, Choi and Park (who has no Telegram chat)
    assert {r.status for r in rows(kit.engine) if r.id in claimed} == {"sending"}

    restarted_, _ = make_dispatcher(kit)
    assert restarted_.recover() == 3
    outcome = await restarted_.run_due()

    assert (outcome.sent, outcome.skipped) == (2, 1)
    for chat_id in (MEMBER_ID, ORGANISER_ID):
        assert len(about(kit.api, chat_id, CABEI_TITLE)) == 1
    assert reminder(kit.engine, "kim", CABEI, 60).status == "sent"
    assert reminder(kit.engine, "choi", CABEI, 60).status == "sent"
    assert reminder(kit.engine, "park", CABEI, 60).status == "skipped"


async def test_a_crash_after_sending_gives_at_most_one_duplicate(kit: BotHarness) -> None:
    crashing, _ = planned_dispatcher(kit, utc(15), sender=CrashAfterSending)
    with pytest.raises(ProcessDiedError):
        await crashing.run_due()
    # Telegram took the first message; the process died before recording it.
    [taken] = kit.api.state.sent
    victim = "kim" if taken.chat_id == MEMBER_ID else "choi"
    other = ORGANISER_ID if taken.chat_id == MEMBER_ID else MEMBER_ID
    assert reminder(kit.engine, victim, CABEI, 60).status == "sending"

    restarted_, _ = make_dispatcher(kit)
    restarted_.recover()
    await restarted_.run_due()
    await restarted_.run_due()

    [_, again] = about(kit.api, taken.chat_id, CABEI_TITLE)  # one duplicate for one crash
    assert len(about(kit.api, other, CABEI_TITLE)) == 1
    row = reminder(kit.engine, victim, CABEI, 60)
    assert (row.status, row.telegram_message_id) == ("sent", again.message_id)


async def test_a_claim_older_than_the_timeout_is_taken_over_without_recovery(
    kit: BotHarness,
) -> None:
    dead, _ = planned_dispatcher(kit, utc(15))
    claimed = dead.claim()
    other, _ = make_dispatcher(kit)

    kit.at(utc(15) + CLAIM_TIMEOUT - timedelta(seconds=1))
    assert await other.run_due() == Outcome()  # the claims may still be alive

    kit.at(utc(15) + CLAIM_TIMEOUT + timedelta(seconds=1))
    outcome = await other.run_due()

    assert (outcome.sent, outcome.skipped) == (2, 1)
    assert len(claimed) == 3
    for chat_id in (MEMBER_ID, ORGANISER_ID):
        assert len(about(kit.api, chat_id, CABEI_TITLE)) == 1
    row = reminder(kit.engine, "kim", CABEI, 60)
    assert (row.status, row.attempts) == ("sent", 2)


# Telegram's faults


async def test_a_row_failing_every_attempt_is_marked_failed_and_the_next_rows_are_still_sent(
    kit: BotHarness,
) -> None:
    async def choi_is_unavailable(method: str, params: JSON) -> None:
        if method == "sendMessage" and int(params["chat_id"]) == ORGANISER_ID:
            raise ApiError(500, "Internal Server Error")

    kit.api.interceptor = choi_is_unavailable
    dispatcher, waits = planned_dispatcher(kit, utc(15), attempts=3)

    outcome = await dispatcher.run_due()

    assert (outcome.sent, outcome.failed) == (1, 1)
    failed = reminder(kit.engine, "choi", CABEI, 60)
    assert failed.status == "failed"
    assert failed.last_error
    assert "Internal Server Error" in failed.last_error
    assert len(waits.seconds) == 2  # backed off between the three attempts
    assert reminder(kit.engine, "kim", CABEI, 60).status == "sent"
    assert len(about(kit.api, MEMBER_ID, CABEI_TITLE)) == 1


@IGNORE_RETRY_AFTER_DEPRECATION
async def test_a_429_is_waited_out_and_the_reminder_delivered_once(kit: BotHarness) -> None:
    answers: list[Exception] = [ApiError(429, "Too Many Requests: retry after 3", retry_after=3)]
    kit.api.interceptor = failing_sends(answers)
    dispatcher, waits = planned_dispatcher(kit, utc(15))

    outcome = await dispatcher.run_due()

    assert waits.seconds == [3.0]
    assert outcome.sent == 2
    for chat_id in (MEMBER_ID, ORGANISER_ID):
        assert len(about(kit.api, chat_id, CABEI_TITLE)) == 1


async def test_server_errors_and_a_timeout_are_retried_until_the_reminder_is_delivered(
    kit: BotHarness,
) -> None:
    answers: list[Exception] = [ApiError(500, "Internal Server Error"), TimedOut()] * 2
    kit.api.interceptor = failing_sends(answers)
    dispatcher, waits = planned_dispatcher(kit, utc(15))

    outcome = await dispatcher.run_due()

    assert outcome.sent == 2
    assert len(waits.seconds) == 4
    for chat_id in (MEMBER_ID, ORGANISER_ID):
        assert len(about(kit.api, chat_id, CABEI_TITLE)) == 1


def burst_itinerary(start: datetime, *, members: int, events: int) -> Itinerary:
    """Return a day of ``events`` a minute apart for ``members``, an hour's notice each."""
    day = start.date()
    return make_itinerary(
        name="Burst",
        reminders=(60,),
        briefing_time=None,
        stops=(make_stop(arrive=day, depart=day),),
        members=tuple(
            Member(f"m{i}", f"Member {i}", telegram_id=3000 + i) for i in range(members)
        ),
        events=tuple(
            make_event(key=f"e{i:02}", title=f"Event {i:02}", start=start + timedelta(minutes=i))
            for i in range(events)
        ),
    )


@IGNORE_RETRY_AFTER_DEPRECATION
async def test_nothing_is_lost_when_random_faults_stop(engine: Engine) -> None:
    clock = SimulatedClock(utc(12))  # 06:00 in Tegucigalpa
    itinerary = burst_itinerary(utc(18), members=5, events=10)
    with session_scope(engine) as session:
        apply_itinerary(session, itinerary, now=clock.now())
    api = LocalBotApi(clock=clock)
    for member in itinerary.members:
        assert member.telegram_id is not None
        api.user(member.telegram_id, member.name)
    rng = random.Random(20210608)

    async def faults(method: str, _params: JSON) -> None:
        if method != "sendMessage" or rng.random() >= 0.5:
            return
        raise rng.choice(
            [
                ApiError(429, "Too Many Requests", retry_after=rng.randint(1, 3)),
                ApiError(500, "Internal Server Error"),
                ApiError(502, "Bad Gateway"),
                TimedOut(),
            ]
        )

    waits = Waits(clock)
    limiter = ChatRateLimiter(overall_rate=0, private_rate=0, group_per_minute=0, sleep=waits)
    async with make_bot(Settings(), request=LocalRequest(api), rate_limiter=limiter) as bot:
        sender = Sender(bot, attempts=2, sleep=waits)
        dispatcher = Dispatcher(engine, clock, sender)
        clock.set(utc(17, 10))  # all fifty reminders are due; no event has started
        api.interceptor = faults
        during = await dispatcher.run_due()
        api.interceptor = None
        clock.set(utc(17, 12))
        after = await dispatcher.run_due()

    assert during.sent + during.failed == 50
    assert during.failed > 0  # the faults did make some rows give up
    assert after.sent == during.failed
    with session_scope(engine) as session:
        chats = {m.id: m.telegram_id or 0 for m in session.exec(select(db.Member))}
    reminders = rows(engine, kind="reminder")
    assert len(reminders) == 50
    for row in reminders:
        assert row.status == "sent", (row.ref, row.last_error)
        assert row.event_key is not None
        sent = about(api, chats[row.member_id], f"Event {row.event_key[1:]}")
        assert [m.message_id for m in sent] == [row.telegram_message_id]


# A member who blocked the bot


async def test_a_member_who_blocked_the_bot_is_marked_unreachable_and_the_others_are_served(
    kit: BotHarness,
) -> None:
    calls = Calls()
    kit.api.interceptor = calls
    kit.api.block(MEMBER_ID)
    kit.alarm.replan()

    kit.at(utc(15))
    first = await kit.alarm.dispatch()
    kit.at(utc(15, 45))
    later = await kit.alarm.dispatch()

    assert first.unreachable == 1
    blocked = reminder(kit.engine, "kim", CABEI, 60)
    assert blocked.status == "failed"
    assert blocked.last_error
    assert "blocked" in blocked.last_error
    assert is_unreachable(kit.engine, "kim")
    assert later.sent == 1
    skipped = reminder(kit.engine, "kim", CABEI, 15)
    assert (skipped.status, skipped.last_error) == (
        "skipped",
        "the member has no reachable Telegram chat",
    )
    assert calls.chats.count(MEMBER_ID) == 1  # the 15-minute reminder was not attempted
    assert len(about(kit.api, ORGANISER_ID, CABEI_TITLE)) == 2
    assert kit.api.sent_to(MEMBER_ID) == []
