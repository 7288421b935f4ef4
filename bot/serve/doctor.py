"""``comitiva doctor``: what is wrong with this installation, in plain words."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col, select
from telegram.error import InvalidToken, TelegramError

from bot.config import Settings
from bot.delivery.dispatcher import REFUSED  # the prefix the dispatcher records refusals with
from bot.serve.botapi import ask_username
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.migrate import current, head
from bot.storage.store import load_itinerary
from schedule import zones

Check = tuple[bool, str]


def check_token(settings: Settings) -> Check:
    """Ask the Bot API who we are (getMe)."""
    if not settings.token:
        return False, "token: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"

    try:
        return True, f"token: accepted, the bot is @{ask_username(settings)}"
    except InvalidToken:
        return False, "token: the Bot API rejected it; check TELEGRAM_BOT_TOKEN"
    except TelegramError as error:
        return False, f"token: cannot reach the Bot API ({error})"


def check_database(engine: Engine) -> Check:
    """Reach the database and compare its migration level with the latest."""
    url = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        level, latest = current(engine), head()
    except SQLAlchemyError as error:
        return False, f"database {url}: unreachable ({type(error).__name__})"
    if level != latest:
        return (
            False,
            f"database {url}: at migration {level}, latest is {latest}; run 'comitiva db upgrade'",
        )
    return True, f"database {url}: reachable, migration {level} (latest)"


def check_itinerary(engine: Engine) -> Check:
    """Check that there is an itinerary and that every zone in it is known."""
    try:
        with session_scope(engine) as session:
            itinerary = load_itinerary(session)
    except SQLAlchemyError as error:
        return False, f"itinerary: cannot be read ({type(error).__name__})"
    if itinerary is None:
        return False, "itinerary: none loaded; run 'comitiva import FILE'"
    used = {s.timezone for s in itinerary.stops} | {e.timezone for e in itinerary.events}
    used |= {e.arrival_timezone for e in itinerary.events} | {itinerary.delegation.home_timezone}
    unknown = sorted(z for z in used if not zones.is_zone(z))
    if unknown:
        return False, f"itinerary: unknown time zones {', '.join(unknown)}"
    return True, (
        f"itinerary: {len(itinerary.events)} events in {len(itinerary.stops)} cities, "
        f"{len(used)} time zones, all known"
    )


def check_refused(engine: Engine) -> Check:
    """Report outbox messages Telegram refused (400), with the reason and the row ids."""
    query = (
        select(db.Outbox.id, db.Outbox.last_error)
        .where(db.Outbox.status == "failed", col(db.Outbox.last_error).startswith(REFUSED))
        .order_by(col(db.Outbox.id))
    )
    try:
        with session_scope(engine) as session:
            refused = list(session.exec(query))
    except SQLAlchemyError as error:
        return False, f"outbox: cannot be read ({type(error).__name__})"
    if not refused:
        return True, "outbox: no message refused by Telegram"
    by_reason: dict[str, list[int]] = defaultdict(list)
    for row_id, last_error in refused:
        by_reason[(last_error or "").removeprefix(REFUSED)].append(row_id or 0)
    lines = [
        f"{len(ids)} message{'s' * (len(ids) != 1)} refused by Telegram: {reason} "
        f"(rows {', '.join(map(str, ids))})"
        for reason, ids in by_reason.items()
    ]
    return False, "outbox: " + "; ".join(lines)
