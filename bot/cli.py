"""The ``comitiva`` command line (a contract: see DESIGN.md, "Command line")."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine

from bot.config import Settings
from bot.db import make_engine, session_scope
from bot.export import to_ics, to_yaml
from bot.itinerary_file import ItineraryError, load_itinerary_file
from bot.render import render_day
from bot.store import load_itinerary, plan_import, save_itinerary
from schedule import zones
from schedule.agenda import day_agenda, local_day
from schedule.clock import Clock, SystemClock
from schedule.itinerary import Itinerary

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A command that cannot do what was asked; the text is for the user."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every ``comitiva`` command."""
    parser = argparse.ArgumentParser(
        prog="comitiva", description="Comitiva: a Telegram assistant for a delegation on the road."
    )
    parser.add_argument("--db", metavar="URL", help="database URL (overrides DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser("import", help="check an itinerary file and store it")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")

    export = commands.add_parser("export", help="write the itinerary out")
    export.add_argument("--format", choices=("yaml", "ics"), default="yaml")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")

    agenda = commands.add_parser("agenda", help="print a day's agenda in local times")
    agenda.add_argument("day", nargs="?", default="today", metavar="DATE|today|tomorrow")
    agenda.add_argument("--home", action="store_true", help="show home time beside each event")
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    settings = Settings.from_env(db=args.db)
    handlers = {"import": _import, "export": _export, "agenda": _agenda}
    try:
        return handlers[args.command](
            args, make_engine(settings.database_url), clock or SystemClock()
        )
    except CommandError as error:
        print(f"comitiva {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not a failure of ours.
        sys.stderr.close()
        return EXIT_OK


def _import(args: argparse.Namespace, engine: Engine, _clock: Clock) -> int:
    try:
        itinerary = load_itinerary_file(args.file)
    except ItineraryError as error:
        print(f"{args.file}: not imported, {error}", file=sys.stderr)
        return EXIT_FAILED
    with session_scope(engine) as session:
        if args.dry_run:
            _, changes = plan_import(session, itinerary)
            session.rollback()
        else:
            changes = save_itinerary(session, itinerary)
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{args.file}: {verb} ({changes.summary()})" + ("" if changes else ", nothing to change")
    )
    for change in changes.items:
        print(f"  {change}")
    return EXIT_OK


def _stored(engine: Engine) -> Itinerary:
    with session_scope(engine) as session:
        itinerary = load_itinerary(session)
    if itinerary is None:
        raise CommandError("no itinerary yet: run 'comitiva import FILE' first")
    return itinerary


def _export(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    itinerary = _stored(engine)
    if args.format == "ics":
        data = to_ics(itinerary, now=clock.now())
    else:
        data = to_yaml(itinerary).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _agenda(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    itinerary = _stored(engine)
    day = _parse_day(args.day, itinerary, clock)
    print(
        render_day(day_agenda(itinerary.events, itinerary.stops, day), itinerary, home=args.home)
    )
    if itinerary.stops and not any(s.covers(day) for s in itinerary.stops):
        first = min(s.arrive for s in itinerary.stops)
        last = max(s.depart for s in itinerary.stops)
        span = f"{zones.format_date(first)} {DASH} {zones.format_date(last)} {last.year}"
        print(f"(The delegation is not on the road that day; the trip runs {span}.)")
    return EXIT_OK


DASH = "\N{EN DASH}"


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
