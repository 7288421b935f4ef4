"""Fuzzing, bounded for CI: long texts of any Unicode in an event and an announcement.

Whatever an organiser writes in an event's title, venue, address and notes, or in an
announcement (thousands of characters, emoji, ``<`` and ``&``), every message the bot then
sends is one the local Bot API accepts (at most 4,096 UTF-16 units, well-formed HTML), and
every word of it arrives: the morning briefing, a reminder, a change notice, the
announcement, and the replies to /today and /next.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from bot.offline.localapi import SentMessage
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.text.i18n import EN
from schedule.clock import SimulatedClock
from schedule.itinerary import Itinerary, Member
from tests.botkit import MEMBER_ID, ORGANISER_ID, BotHarness, make_harness
from tests.factories import make_event, make_itinerary, make_stop

LONG = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KEY = "fuzzed"
# Any character but surrogates and control characters (a line break is kept), with the
# pieces HTML and UTF-16 make hard drawn often.
PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(["<", "&", ">", "&amp;", "<b>", "</i>", "😀", "👨‍👩‍👧", "🇰🇷", "\n", " "]),
)


def pieces(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Return texts of ``min_size`` to ``max_size`` pieces."""
    return st.lists(PIECES, min_size=min_size, max_size=max_size).map("".join)


# A text of up to a few thousand characters: random, or a random piece said many times.
LONG_TEXTS = st.one_of(
    pieces(1, 400),
    st.builds(
        lambda piece, times, size: (piece * times)[:size],
        pieces(1, 40),
        st.integers(1, 3000),
        st.integers(1, 3000),
    ),
)
# An announcement is typed into Telegram, which takes at most 4,096 characters a message;
# one with nothing but white space is refused with the usage, as it should be.
ANNOUNCEMENTS = LONG_TEXTS.filter(lambda text: text.strip() and len(f"/announce {text}") <= 4096)


@dataclass(frozen=True)
class Texts:
    """What the organiser wrote: the event's four text fields and an announcement."""

    title: str
    venue: str
    address: str
    notes: str
    announcement: str


def trip(texts: Texts) -> Itinerary:
    """One day in Tegucigalpa: Kim, Choi (organiser) and the event at 10:00 (16:00 UTC)."""
    event = make_event(
        key=KEY, title=texts.title, venue=texts.venue, address=texts.address, notes=texts.notes
    )
    return make_itinerary(
        stops=(make_stop(),),
        members=(
            Member("kim", "Kim Min-seo", telegram_id=MEMBER_ID),
            Member("choi", "Choi Jong-uk", role="organiser", telegram_id=ORGANISER_ID),
        ),
        events=(event,),
    )


def squashed(text: str) -> str:
    """Return ``text`` without white space, where a message may be split or trimmed."""
    return "".join(text.split())


def arrived_whole(messages: list[SentMessage], *parts: str) -> None:
    """Check that ``messages`` arrived, none an error, and say every one of ``parts``."""
    assert messages
    assert not any(m.text == EN["error"] for m in messages)
    said = squashed("".join(m.text for m in messages))
    for part in parts:
        assert squashed(part) in said


async def to_kim(kit: BotHarness, hour: int, minute: int = 0) -> list[SentMessage]:
    """Move the clock to ``hour:minute`` UTC on 8 June, deliver what is due, return Kim's."""
    before = len(kit.api.sent_to(MEMBER_ID))
    kit.at(datetime(2021, 6, 8, hour, minute, tzinfo=UTC))
    await kit.alarm.dispatch()
    return kit.api.sent_to(MEMBER_ID)[before:]


async def confirm(kit: BotHarness, command: str, button: str) -> None:
    """Send an organiser's ``command`` and press ``button`` on each preview part with one."""
    for preview in await kit.send(kit.organiser, command):
        assert preview.text != EN["error"]
        if any(b["text"].startswith(button) for b in preview.buttons()):
            await kit.tap(kit.organiser, preview, button)


async def deliver_everything(texts: Texts) -> None:
    engine = make_engine("sqlite://")
    kit = make_harness(engine, SimulatedClock(datetime(2021, 6, 8, 5, 0, tzinfo=UTC)))
    kit.member, kit.organiser  # noqa: B018 - both have started the bot: their chats exist
    with session_scope(engine) as session:
        apply_itinerary(session, trip(texts), now=kit.clock.now())
    where = (texts.title, texts.venue, texts.address)
    await kit.app.initialize()
    try:
        arrived_whole(await to_kim(kit, 13), *where)  # the briefing at 07:00 local
        kit.at(datetime(2021, 6, 8, 13, 50, tzinfo=UTC))
        arrived_whole(await kit.send(kit.member, "/today"), *where)
        arrived_whole(await kit.send(kit.member, "/next"), *where)
        arrived_whole(await to_kim(kit, 15), *where)  # the reminder an hour before
        await confirm(kit, f"/move {KEY} 11:30", "Confirm")
        arrived_whole(await to_kim(kit, 15, 1), texts.title)  # the change notice
        await confirm(kit, f"/announce {texts.announcement}", "Send")
        arrived_whole(await to_kim(kit, 15, 2), texts.announcement)
        with session_scope(engine) as session:
            rows = session.exec(select(db.Outbox)).all()
            assert not [(r.kind, r.last_error) for r in rows if r.status == "failed"]
    finally:
        await kit.app.shutdown()
        engine.dispose()


# The longest of everything at once: each field alone is over Telegram's limit in UTF-16.
WORST = Texts(
    title="😀 <b>&amp; " * 400,
    venue="👨‍👩‍👧&<" * 600,
    address="<i>" * 1500,
    notes="&" * 3000,
    announcement=("Lobby call & <b>bags</b> 😀\n" * 150)[:4000],
)


@LONG
@example(WORST)
@given(st.builds(Texts, LONG_TEXTS, LONG_TEXTS, LONG_TEXTS, LONG_TEXTS, ANNOUNCEMENTS))
def test_long_texts_of_any_unicode_arrive_whole_in_every_message(texts: Texts) -> None:
    asyncio.run(deliver_everything(texts))
