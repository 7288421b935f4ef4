"""The dispatcher: claims due outbox rows and sends them, in due order, through one sender.

A row is marked ``sending`` in its own transaction before the API call and ``sent``
after it, so a crash between the two leaves a row that is sent again on restart: at
most one duplicate per crash, never a loss.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.delivery.compose import SUPERSEDED, compose
from bot.delivery.sender import Delivery, Sender
from bot.services.members import BLOCKED
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from bot.text.buttons import GotItButton
from bot.text.i18n import pick_language, t
from bot.text.split import split_message
from schedule.clock import Clock
from schedule.itinerary import Itinerary

logger = logging.getLogger(__name__)
CLAIM_TIMEOUT = timedelta(minutes=5)  # a claim older than this belongs to a dead worker
REFUSED = "refused by Telegram: "  # a 400 on the row: resending the same text cannot help
RETRY_FIRST, RETRY_MAX = timedelta(seconds=30), timedelta(minutes=10)  # after a failed round


def _dead_here(claimed_by: str | None, host: str) -> bool:
    """Tell whether a claim belongs to a process of this machine that no longer runs."""
    if not claimed_by:
        return True  # nobody owns it
    claim_host, _, pid = claimed_by.rpartition(":")
    if claim_host != host or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True  # a restarted dispatcher in this very process: its old claims are dead
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def retry_delay(rounds: int) -> timedelta:
    """Wait longer after each failed round: 30 s, 1 min, 2 min … at most 10 minutes."""
    return min(RETRY_FIRST * (1 << max(0, rounds - 1)), RETRY_MAX)


@dataclass(frozen=True)
class Outcome:
    """What one dispatch round did."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0
    unreachable: int = 0


class Dispatcher:
    """Sends the outbox rows that are due, and says when the next one is."""

    def __init__(self, engine: Engine, clock: Clock, sender: Sender, *, batch: int = 200) -> None:
        self.engine, self.clock, self.sender, self.batch = engine, clock, sender, batch
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.started = clock.now()  # a row due before this fell due while the bot was down

    def recover(self) -> int:
        """Put rows left ``sending`` by a dead worker of this machine back in line.

        A row claimed by a live worker is left alone (several workers may share the
        database); a dead worker elsewhere has its claims taken back by ``claim`` once
        they are older than the timeout. Returns how many rows were put back.
        """
        host = socket.gethostname()
        with session_scope(self.engine) as session:
            query = select(db.Outbox).where(db.Outbox.status == "sending")
            rows = [r for r in session.exec(query) if _dead_here(r.claimed_by, host)]
            for row in rows:
                row.status, row.claimed_by = "pending", None
                session.add(row)
            return len(rows)

    def next_due(self) -> datetime | None:
        """Return when the earliest pending row falls due, or a failed one is retried."""
        with session_scope(self.engine) as session:
            query = select(db.Outbox.due_at).where(db.Outbox.status == "pending")
            due = session.exec(query.order_by(col(db.Outbox.due_at)).limit(1)).first()
            retries = select(db.Outbox.retry_at).where(
                db.Outbox.status == "failed", col(db.Outbox.retry_at).is_not(None)
            )
            retry = session.exec(retries.order_by(col(db.Outbox.retry_at)).limit(1)).first()
        return min((t for t in (due, retry) if t is not None), default=None)

    def claim(self) -> list[int]:
        """Mark the due rows ``sending`` (a transaction of its own) and return their ids."""
        now = self.clock.now()
        with session_scope(self.engine) as session:
            stale = now - CLAIM_TIMEOUT
            query = (
                select(db.Outbox)
                .where(
                    ((col(db.Outbox.status) == "pending") & (col(db.Outbox.due_at) <= now))
                    | ((col(db.Outbox.status) == "sending") & (col(db.Outbox.claimed_at) < stale))
                    | ((col(db.Outbox.status) == "failed") & (col(db.Outbox.retry_at) <= now))
                )
                .order_by(col(db.Outbox.due_at), col(db.Outbox.id))
                .limit(self.batch)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list(session.exec(query))
            for row in rows:
                row.status, row.claimed_at, row.attempts = "sending", now, row.attempts + 1
                row.claimed_by = self.worker
                session.add(row)
            return [row.id for row in rows if row.id is not None]

    async def run_due(self, stop: asyncio.Event | None = None) -> Outcome:
        """Send every row that is due now; keep going when one member fails.

        With ``stop`` set (SIGTERM), it finishes the send in flight, puts the rows it
        claimed but did not start back in line, and returns.
        """
        totals = Outcome()
        while ids := self.claim():
            itinerary = self._itinerary()
            for index, row_id in enumerate(ids):
                if stop is not None and stop.is_set():
                    self._release(ids[index:])
                    return totals
                result = await self._deliver(row_id, itinerary)
                totals = Outcome(
                    totals.sent + (result == "sent"),
                    totals.skipped + (result == "skipped"),
                    totals.failed + (result == "failed"),
                    totals.unreachable + (result == "unreachable"),
                )
        return totals

    def _release(self, ids: list[int]) -> None:
        """Give back claimed rows not yet sent, so nothing is left ``sending``."""
        with session_scope(self.engine) as session:
            session.execute(
                update(db.Outbox)
                .where(col(db.Outbox.id).in_(ids), col(db.Outbox.status) == "sending")
                .values(status="pending", claimed_by=None)
            )

    def _itinerary(self) -> Itinerary | None:
        with session_scope(self.engine) as session:
            return load_itinerary(session)

    async def _deliver(self, row_id: int, itinerary: Itinerary | None) -> str:
        now = self.clock.now()
        with session_scope(self.engine) as session:
            row = session.get(db.Outbox, row_id)
            member = session.get(db.Member, row.member_id) if row else None
            if row is None or member is None:
                return "skipped"
            parts, reason = _parts(session, row, member, itinerary, now, self.started)
            keyboard = announcement_keyboard(row, member)
            chat_id, kind, member_key, first = (
                member.telegram_id,
                row.kind,
                member.key,
                row.parts_sent,
            )
            if reason is None and (chat_id is None or member.unreachable):
                reason = "the member has no reachable Telegram chat"
            if reason is not None:
                row.status = "superseded" if reason.startswith(SUPERSEDED) else "skipped"
                row.last_error = reason
                session.add(row)
                return "skipped"
        assert chat_id is not None
        delivery = await self._send_parts(row_id, chat_id, parts, first, keyboard)
        self._record(row_id, delivery, len(parts))
        logger.info(
            "Outbox row %s (%s) for member %s: %s",
            row_id,
            kind,
            member_key,
            delivery.status,
            extra={"member": member_key, "outbox_row": row_id},
        )
        return delivery.status

    async def _send_parts(
        self,
        row_id: int,
        chat_id: int,
        parts: list[str],
        first: int,
        keyboard: InlineKeyboardMarkup | None,
    ) -> Delivery:
        """Send the parts not yet sent, in order, buttons under the last; stop at a failure.

        Each part but the last is counted in a transaction of its own as soon as Telegram
        took it, so a crash between parts resends neither an earlier part nor loses a later.
        """
        delivery = Delivery("sent")
        for index in range(first, len(parts)):
            last = index == len(parts) - 1
            delivery = await self.sender.send(chat_id, parts[index], keyboard if last else None)
            if delivery.status != "sent" or last:
                break
            with session_scope(self.engine) as session:
                session.execute(
                    update(db.Outbox)
                    .where(col(db.Outbox.id) == row_id)
                    .values(parts_sent=index + 1, telegram_message_id=delivery.message_id)
                )
        return delivery

    def _record(self, row_id: int, delivery: Delivery, parts: int = 1) -> None:
        with session_scope(self.engine) as session:
            row = session.get(db.Outbox, row_id)
            if row is None:
                return
            row.retry_at = None
            if delivery.status == "sent":
                row.status, row.sent_at = "sent", self.clock.now()
                row.telegram_message_id, row.last_error = delivery.message_id, None
                row.parts_sent = parts
            else:
                row.status, row.last_error = "failed", delivery.error
                if delivery.refused:
                    row.last_error = f"{REFUSED}{delivery.error}"
                if delivery.retryable:
                    row.retry_at = self.clock.now() + retry_delay(row.attempts)
            if delivery.status == "unreachable":
                member = session.get(db.Member, row.member_id)
                if member is not None:
                    member.unreachable = True
                    member.unreachable_reason = delivery.reason or BLOCKED
                    session.add(member)
                logger.warning(
                    "Member %s cannot be reached (%s); outbox row %s not sent",
                    row.member_id,
                    delivery.reason,
                    row_id,
                )
            session.add(row)


def _parts(
    session: Session,
    row: db.Outbox,
    member: db.Member,
    itinerary: Itinerary | None,
    now: datetime,
    started: datetime,
) -> tuple[list[str], str | None]:
    """Return the row's texts, each within Telegram's limit, or why the row is skipped.

    A row already partly sent goes on with the texts it started with; a new long text is
    split, and the split kept on the row before anything is sent.
    """
    if row.parts and 0 < row.parts_sent < len(row.parts):
        return list(row.parts), None
    text, reason = compose(session, row, member, itinerary, now, started=started)
    if text is None:
        return [], reason
    parts = [piece for piece in split_message(text) if piece.strip()] or [text]
    row.parts, row.parts_sent = (parts if len(parts) > 1 else None), 0
    session.add(row)
    return parts, None


def announcement_keyboard(row: db.Outbox, member: db.Member) -> InlineKeyboardMarkup | None:
    """The "Got it" button under an announcement."""
    if row.kind != "announcement":
        return None
    lang = pick_language(member.language, None)
    data = GotItButton(int(row.payload.get("announcement", 0))).pack()
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, "got_it"), callback_data=data)]])
