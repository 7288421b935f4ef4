"""``comitiva chat``: talk to the real bot in a terminal, on the local Bot API.

The person at the keyboard plays a member (or an organiser) of the delegation; buttons
are numbered and pressed by typing their number; ``/clock`` moves the simulated time.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, select
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.itinerary.checker import load_itinerary_file
from bot.offline.localapi import LocalBotApi, LocalRequest, SentMessage
from bot.runtime import state
from bot.serve.runner import rehearsal_start
from bot.storage import models as db
from bot.storage.db import make_engine, session_scope
from bot.storage.store import load_itinerary, save_itinerary
from schedule import zones
from schedule.agenda import city_for_zone, trip_span, where_at
from schedule.clock import SimulatedClock

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "korea-latam-2021.yaml"
CHAT_USER_IDS = {"member": 424_201, "organiser": 424_202}
CHAT_DATABASE_URL = "sqlite:///comitiva-chat.db"  # the chat's own, never the bot's comitiva.db
STEP = re.compile(r"([+-]?\d+)\s*([dhm])")


@dataclass
class ChatSession:
    """One terminal conversation with the bot."""

    engine: Engine
    clock: SimulatedClock
    role: str = "member"
    write: Callable[[str], None] = print
    api: LocalBotApi = field(init=False)
    buttons: list[tuple[SentMessage, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.api = LocalBotApi(clock=self.clock)
        self.app = build_application(
            Settings(),
            self.clock,
            LocalRequest(self.api),
            engine=self.engine,
            rate_limit=False,
            per_chat_rate=0,  # no real Telegram to protect: jumps in time deliver at once
        )
        name, user_id = self._player()
        self.user = self.api.user(user_id, name)

    def _player(self) -> tuple[str, int]:
        """Play the first member with the chosen role, giving them a Telegram id if needed."""
        with session_scope(self.engine) as session:
            query = (
                select(db.Member).where(db.Member.role == self.role).order_by(col(db.Member.id))
            )
            member = session.exec(query).first()
            if member is None:
                raise LookupError(f"the itinerary has no {self.role}")
            if member.telegram_id is None:
                member.telegram_id = CHAT_USER_IDS[self.role]
                session.add(member)
            return member.name, member.telegram_id

    async def handle(self, line: str) -> bool:
        """Act on one line typed by the person; return False to end the session."""
        line = line.strip()
        if line in ("/quit", "/exit"):
            return False
        if not line:
            return True
        if line.startswith("/clock"):
            self.write(self.move_clock(line.removeprefix("/clock").strip()))
            await self._process(None)  # reminders and briefings that fell due meanwhile
            return True
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            message, data = self.buttons[int(line) - 1]
            await self._process(self.api.press_update(self.user, message, data, queue=False))
            return True
        await self._process(self.api.message_update(self.user, line, queue=False))
        return True

    async def _process(self, update: dict[str, object] | None) -> None:
        """Let the bot handle ``update`` and send what fell due; show what changed."""
        edits = {id(m): m.edits for m in self.api.state.sent}
        before = len(self.api.state.sent)
        if update is not None:
            await self.app.process_update(Update.de_json(update, self.app.bot))
        await state(self.app).alarm.dispatch()
        if len(self.api.state.sent) > before or update is not None:
            self.buttons.clear()  # numbers always refer to the buttons shown last
        changed = [m for m in self.api.state.sent[:before] if m.edits != edits.get(id(m))]
        for message in changed + self.api.state.sent[before:]:
            self.show(message, edited=message in changed)
        for answer in self.api.state.callback_answers:
            if answer.get("text"):
                self.write(f"  ({answer['text']})")
        self.api.state.callback_answers.clear()

    def show(self, message: SentMessage, *, edited: bool = False) -> None:
        """Print one message of the bot, its buttons numbered."""
        if message.kind in ("document", "photo"):
            size = len(message.document or b"")
            label = "file" if message.kind == "document" else "picture"
            self.write(f"[{label} {message.filename}, {size} bytes] {message.text}")
        else:
            self.write(("(edited) " if edited else "") + message.text)
        labels = []
        for button in message.buttons():
            if "callback_data" in button:
                self.buttons.append((message, button["callback_data"]))
                labels.append(f"[{len(self.buttons)}] {button['text']}")
            elif "url" in button:
                labels.append(f"[{button['text']}: {button['url']}]")
        if labels:
            self.write("   ".join(labels))
        self.write("")

    def move_clock(self, argument: str) -> str:
        """``+2h``, ``-30m``, ``+1d``, or a local time ``2021-06-10 07:00``; say the new time."""
        if argument:
            steps = STEP.findall(argument)
            if steps and STEP.sub("", argument).strip() == "":
                units = {"d": "days", "h": "hours", "m": "minutes"}
                for amount, unit in steps:
                    self.clock.advance(timedelta(**{units[unit]: int(amount)}))
            else:
                try:
                    self.clock.set(rehearsal_start(self.engine, argument, None))
                except ValueError:
                    return "Use /clock +2h, /clock -30m, /clock +1d or /clock 2021-06-10 07:00"
        return f"It is now {self.describe_now()}."

    def describe_now(self) -> str:
        """Return the simulated time where the delegation is, with its city."""
        with session_scope(self.engine) as session:
            itinerary = load_itinerary(session)
        now = self.clock.now()
        if itinerary is None:
            return zones.format_instant(now, "UTC", "UTC")
        stop = where_at(itinerary.stops, itinerary.events, now)
        zone = stop.timezone if stop else itinerary.delegation.home_timezone
        return zones.format_instant(now, zone, city_for_zone(itinerary.stops, zone))


def default_start(engine: Engine) -> datetime:
    """Return 07:50 on the trip's first day, where the delegation is then."""
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
    span = trip_span(itinerary.stops) if itinerary else None
    if itinerary is None or span is None:
        raise LookupError("the itinerary has no stops")
    first = next(s for s in itinerary.stops if s.arrive == span[0])
    naive = datetime(span[0].year, span[0].month, span[0].day, 7, 50)  # noqa: DTZ001
    return zones.localize(naive, first.timezone)


def bound_members(engine: Engine) -> int:
    """Count the members bound to Telegram by someone other than this chat."""
    with session_scope(engine) as session:
        query = select(db.Member.telegram_id).where(col(db.Member.telegram_id).is_not(None))
        return sum(1 for tid in session.exec(query) if tid not in CHAT_USER_IDS.values())


def chat_engine(engine: Engine, *, i_know: bool, write: Callable[[str], None]) -> Engine:
    """Return the database to chat on: ``engine``, or a copy when real members are bound.

    Raises ``LookupError`` on a database with members bound to Telegram unless ``i_know``.
    """
    bound = bound_members(engine)
    if not bound:
        return engine
    if not i_know:
        raise LookupError(
            f"this database has {bound} members bound to Telegram: the chat would act as "
            "one of them and send their messages; leave out --db to use the chat's own "
            "database, or pass --i-know to rehearse on a copy of its itinerary"
        )
    write("(Rehearsing on a copy of the itinerary in memory: the database is only read.)")
    return rehearsal_copy(engine)


def rehearsal_copy(engine: Engine) -> Engine:
    """Return an in-memory database holding a copy of ``engine``'s itinerary, unbound.

    The chat then plays, plans and "sends" on the copy: no real member is bound and no
    real outbox row is marked sent; the database it came from is only read.
    """
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
    copy = make_engine("sqlite://")
    if itinerary is not None:
        members = tuple(
            replace(m, telegram_id=None, telegram_username=None) for m in itinerary.members
        )
        with session_scope(copy) as session:
            save_itinerary(session, replace(itinerary, members=members))
    return copy


def ensure_itinerary(engine: Engine) -> bool:
    """Load the sample delegation into an empty database; return True if it did."""
    with session_scope(engine) as session:
        if load_itinerary(session) is not None:
            return False
        save_itinerary(session, load_itinerary_file(SAMPLE))
    return True


async def run_chat(session: ChatSession, read: Callable[[str], str] = input) -> None:
    """Read lines until /quit or end of input, answering each through the bot."""
    await session.app.initialize()
    state(session.app).alarm.replan()
    try:
        session.write(
            f"Comitiva offline chat, as {session.user['first_name']} ({session.role}). "
            f"It is {session.describe_now()}.\n"
            "Type /help, /today, /next …; a number presses a button; "
            "/clock +2h or /clock 2021-06-10 07:00 moves time; /quit leaves.\n"
        )
        loop = asyncio.get_running_loop()
        while True:
            try:
                line = await loop.run_in_executor(None, read, "> ")
            except EOFError:
                break
            if not await session.handle(line):
                break
    finally:
        await session.app.shutdown()
