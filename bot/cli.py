"""The ``comitiva`` command line (a contract: see DESIGN.md, "Command line")."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import TelegramError

from bot import cli_people
from bot.cli_parser import EXIT_FAILED, EXIT_OK, CommandError, build_parser
from bot.config import Settings
from bot.itinerary.changes import Changes
from bot.itinerary.checker import ItineraryError, load_itinerary_file
from bot.itinerary.export import to_ics, to_yaml
from bot.offline import chat
from bot.serve.doctor import check_database, check_itinerary, check_refused, check_token
from bot.serve.runner import (
    CalendarOptions,
    WebhookOptions,
    explain,
    redact,
    rehearsal_start,
    run_bot,
    run_sandbox,
    run_webhook_bot,
    run_worker,
    setup_logging,
)
from bot.services.calendars import for_member
from bot.services.outbox import apply_itinerary, outbox_rows, replan, row_json, row_line
from bot.storage.db import make_engine, session_scope
from bot.storage.history import load_history
from bot.storage.migrate import SchemaError, current, head
from bot.storage.store import load_itinerary, plan_import
from bot.text.render import plain, render_day
from schedule import zones
from schedule.agenda import day_agenda, local_day
from schedule.clock import Clock, RehearsalClock, SimulatedClock, SystemClock
from schedule.itinerary import Itinerary


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    # Opt in to python-telegram-bot's timedelta durations (its future default), which
    # also silences its deprecation warning on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    settings = Settings.from_env(db=args.db)
    if args.command == "chat" and not (args.db or os.environ.get("DATABASE_URL")):
        # The try-it must never touch the bot's own database (comitiva.db by default).
        settings = replace(settings, database_url=chat.CHAT_DATABASE_URL)
        print("(No --db given: the chat uses its own database, comitiva-chat.db.)")
    handlers = {
        "import": _import,
        "export": _export,
        "agenda": _agenda,
        "invite": cli_people.invite,
        "db": _db,
        "doctor": _doctor,
        "dispatch": _dispatch,
        "reminders": _reminders,
        "members": cli_people.members,
        "run": _run,
        "chat": _chat,
    }
    if args.command == "sandbox":  # the local Bot API has no database
        return _sandbox(args, clock or SystemClock())
    # Every command brings the schema up to date on first use, except a run told not to.
    migrate = not (args.command == "run" and args.no_migrate)
    try:
        engine = make_engine(settings.database_url, migrate=migrate)
    except (SchemaError, SQLAlchemyError) as error:
        print(f"comitiva {args.command}: cannot open the database: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return handlers[args.command](args, engine, clock or SystemClock())
    except CommandError as error:
        print(redact(f"comitiva {args.command}: {error}", (settings.token,)), file=sys.stderr)
        return EXIT_FAILED
    except TelegramError as error:
        print(f"comitiva {args.command}: {explain(error, (settings.token,))}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not a failure of ours.
        sys.stderr.close()
        return EXIT_OK
    except Exception:
        # A bug of ours: the traceback helps, the token in it must not travel with it.
        print(redact(traceback.format_exc(), (settings.token,)), file=sys.stderr, end="")
        return EXIT_FAILED


def _import(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    try:
        itinerary = load_itinerary_file(args.file)
    except ItineraryError as error:
        print(f"{args.file}: not imported, {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        changes = _write_import(engine, itinerary, dry_run=args.dry_run, now=clock.now())
    except ItineraryError as error:
        print(f"{args.file}: not imported, {error}", file=sys.stderr)
        return EXIT_FAILED
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{args.file}: {verb} ({changes.summary()})" + ("" if changes else ", nothing to change")
    )
    for change in changes.items:
        print(f"  {change}")
    return EXIT_OK


def _write_import(
    engine: Engine, itinerary: Itinerary, *, dry_run: bool, now: datetime
) -> Changes:
    """Store ``itinerary`` (or only compare, on a dry run) in one transaction."""
    with session_scope(engine) as session:
        if dry_run:
            _, changes = plan_import(session, itinerary)
            session.rollback()
            return changes
        return apply_itinerary(session, itinerary, now=now)


def _stored(engine: Engine) -> Itinerary:
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
    if itinerary is None:
        raise CommandError("no itinerary yet: run 'comitiva import FILE' first")
    return itinerary


def _export(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    itinerary = _stored(engine)
    if args.member is not None and args.format != "ics":
        raise CommandError("--member writes one member's calendar: give --format ics")
    if args.format == "ics":
        data = _calendar(engine, itinerary, args.member, now=clock.now())
    else:
        data = to_yaml(itinerary).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _calendar(
    engine: Engine, itinerary: Itinerary, member_key: str | None, *, now: datetime
) -> bytes:
    """Return the whole delegation's calendar, or one member's, cancelled events included."""
    with session_scope(engine) as session:
        history = load_history(session)
    if member_key is not None:
        member = next((m for m in itinerary.members if m.key == member_key), None)
        if member is None:
            known = ", ".join(m.key for m in itinerary.members)
            raise CommandError(f"no member has the key {member_key!r} (members: {known})")
        itinerary, history = for_member(itinerary, history, member)
    return to_ics(itinerary, now=now, history=history)


def _agenda(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    itinerary = _stored(engine)
    day = _parse_day(args.day, itinerary, clock)
    agenda = day_agenda(itinerary.events, itinerary.stops, day)
    print(plain(render_day(agenda, itinerary, home=args.home)))
    if itinerary.stops and not any(s.covers(day) for s in itinerary.stops):
        first = min(s.arrive for s in itinerary.stops)
        last = max(s.depart for s in itinerary.stops)
        span = f"{zones.format_date(first)} {DASH} {zones.format_date(last)} {last.year}"
        print(f"(The delegation is not on the road that day; the trip runs {span}.)")
    return EXIT_OK


DASH = "\N{EN DASH}"


def _reminders(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    with session_scope(engine) as session:
        replan(session, now=clock.now())
        itinerary = load_itinerary(session)
        rows = outbox_rows(session, member=args.member, pending_only=not args.all)
    if (
        args.member
        and not rows
        and itinerary
        and args.member not in {m.key for m in itinerary.members}
    ):
        raise CommandError(f"no member has the key {args.member!r}")
    for row in rows:
        if args.json:
            print(json.dumps(row_json(row, itinerary), ensure_ascii=False))
        else:
            print(row_line(row, itinerary))
    if not args.json:
        print(f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}", file=sys.stderr)
    return EXIT_OK


def _dispatch(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    settings = Settings.from_env(db=args.db)
    setup_logging(secrets=(settings.token or "",), json_lines=args.log_format == "json")
    if not settings.token:
        raise CommandError("TELEGRAM_BOT_TOKEN is not set")
    return run_worker(settings, engine, clock, once=args.once)


def _doctor(args: argparse.Namespace, engine: Engine, _clock: Clock) -> int:
    settings = Settings.from_env(db=args.db)
    checks = [check_token(settings), check_database(engine), check_itinerary(engine)]
    checks.append(check_refused(engine))
    for ok, line in checks:
        print(redact(f"{'ok ' if ok else 'BAD'}  {line}", (settings.token,)))
    return EXIT_OK if all(ok for ok, _ in checks) else EXIT_FAILED


def _db(args: argparse.Namespace, engine: Engine, _clock: Clock) -> int:
    # make_engine has already upgraded; say where the database stands.
    level, latest = current(engine), head()
    state_ = "up to date" if level == latest else f"behind (latest is {latest})"
    print(f"migration level {level}: {state_}")
    return EXIT_OK if level == latest else EXIT_FAILED


def _run(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    settings = Settings.from_env(db=args.db)
    if current(engine) != head():
        raise CommandError(
            f"the database is at migration {current(engine)}, not {head()}: "
            "run 'comitiva db upgrade' (or leave out --no-migrate)"
        )
    setup_logging(secrets=(settings.token or "",), json_lines=args.log_format == "json")
    if args.at is not None:
        start = _local_instant(lambda: rehearsal_start(engine, args.at, args.tz))
        clock = RehearsalClock(start)
    if args.webhook_url:
        options = WebhookOptions(
            args.webhook_url,
            args.listen,
            args.port,
            args.webhook_path,
            args.secret_token,
            args.public_url,
        )
        return run_webhook_bot(settings, engine, clock, options)
    calendar = None
    if args.calendar_port is not None:
        calendar = CalendarOptions(args.calendar_port, args.listen, args.public_url)
    return run_bot(settings, engine, clock, rehearsal=args.at is not None, calendar=calendar)


def _local_instant(read: Callable[[], datetime]) -> datetime:
    try:
        return read()
    except ValueError as error:
        raise CommandError(f'--at: {error}; write it as "YYYY-MM-DD HH:MM"') from None


def _chat(args: argparse.Namespace, engine: Engine, _clock: Clock) -> int:
    try:
        engine = chat.chat_engine(engine, i_know=args.i_know, write=print)
        if chat.ensure_itinerary(engine):
            print("(The database was empty: loaded the sample delegation.)")
        at = args.at
        start = _local_instant(
            lambda: rehearsal_start(engine, at, None) if at else chat.default_start(engine)
        )
        session = chat.ChatSession(engine, SimulatedClock(start), role=args.role)
    except LookupError as error:
        raise CommandError(str(error)) from None
    asyncio.run(chat.run_chat(session))
    return EXIT_OK


def _sandbox(args: argparse.Namespace, clock: Clock) -> int:
    setup_logging(json_lines=args.log_format == "json")
    return run_sandbox(args.port, args.token, clock)


def _parse_day(text: str, itinerary: Itinerary, clock: Clock) -> date:
    if text in ("today", "tomorrow"):
        now = clock.now()
        home = itinerary.delegation.home_timezone
        today = local_day(itinerary.stops, itinerary.events, now, home)
        return today + timedelta(days=1 if text == "tomorrow" else 0)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date: give YYYY-MM-DD, today or tomorrow") from None


if __name__ == "__main__":
    sys.exit(main())
