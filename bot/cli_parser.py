"""The ``comitiva`` command line's options (a contract: see DESIGN.md, "Command line")."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    _Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A command that cannot do what was asked; the text is for the user."""


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every ``comitiva`` command."""
    parser = argparse.ArgumentParser(
        prog="comitiva", description="Comitiva: a Telegram assistant for a delegation on the road."
    )
    parser.add_argument("--db", metavar="URL", help="database URL (overrides DATABASE_URL)")
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="log lines of run, dispatch and sandbox as text or JSON",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_itinerary_commands(commands)
    _add_member_commands(commands)
    _add_running_commands(commands)
    _add_maintenance_commands(commands)
    return parser


def _add_itinerary_commands(commands: _Subparsers) -> None:
    """Add ``import``, ``export`` and ``agenda``."""
    load = commands.add_parser("import", help="check an itinerary file and store it")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")

    export = commands.add_parser("export", help="write the itinerary out")
    export.add_argument("--format", choices=("yaml", "ics"), default="yaml")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.add_argument("--member", metavar="KEY", help="with --format ics: one member's calendar")

    agenda = commands.add_parser("agenda", help="print a day's agenda in local times")
    agenda.add_argument("day", nargs="?", default="today", metavar="DATE|today|tomorrow")
    agenda.add_argument("--home", action="store_true", help="show home time beside each event")


def _add_member_commands(commands: _Subparsers) -> None:
    """Add ``invite``, ``reminders`` and ``members``."""
    invite = commands.add_parser("invite", help="print a one-time invite code and its link")
    invite.add_argument("--role", choices=("member", "organiser"), default="member")
    invite.add_argument("--uses", type=int, default=1, help="how many people may use it")
    invite.add_argument("--days", type=int, default=14, help="days until it expires")
    invite.add_argument("--bot-username", help="for the link (default: ask Telegram with getMe)")
    personal = invite.add_mutually_exclusive_group()
    personal.add_argument("--member", metavar="KEY", help="a code bound to this itinerary member")
    personal.add_argument(
        "--all", action="store_true", help="a personal code for every member not yet joined"
    )
    invite.add_argument("--format", choices=("text", "csv"), default="text", help="with --all")
    invite.add_argument("--qr", type=Path, metavar="DIR", help="also write <key>.png QR codes")

    reminders = commands.add_parser("reminders", help="list the planned reminders and notices")
    reminders.add_argument("--member", metavar="KEY", help="only this member's")
    reminders.add_argument("--json", action="store_true", help="one JSON object a line")
    reminders.add_argument("--all", action="store_true", help="sent and skipped ones too")

    members = commands.add_parser("members", help="list the members")
    members.add_argument(
        "--duplicates",
        action="store_true",
        help="only joined invitees whose name matches a member not joined yet, with /link",
    )


def _add_running_commands(commands: _Subparsers) -> None:
    """Add ``run``, ``chat`` and ``dispatch``."""
    run = commands.add_parser("run", help="run the bot (long polling)")
    run.add_argument("--at", metavar="TIME", help='rehearse from "YYYY-MM-DD HH:MM" on')
    run.add_argument("--webhook-url", metavar="URL", help="webhook mode: Telegram posts here")
    run.add_argument(
        "--listen", default="0.0.0.0", help="webhook mode or calendar feed: address to listen on"
    )
    run.add_argument("--port", type=int, default=8443, help="webhook mode: port (8443)")
    run.add_argument("--webhook-path", default="/telegram", help="webhook mode: path (/telegram)")
    run.add_argument("--secret-token", help="webhook mode: Telegram's secret (default: random)")
    run.add_argument("--no-migrate", action="store_true", help="refuse an out-of-date schema")
    run.add_argument(
        "--calendar-port", type=int, metavar="N", help="polling mode: serve calendar feeds on N"
    )
    run.add_argument(
        "--public-url", metavar="URL", help="where members reach the calendar feeds (for links)"
    )
    run.add_argument(
        "--tz", metavar="ZONE", help="zone of --at (default: where the delegation is)"
    )

    talk = commands.add_parser("chat", help="talk to the bot offline in this terminal")
    talk.add_argument("--role", choices=("member", "organiser"), default="member")
    talk.add_argument("--at", metavar="TIME", help='start at local "YYYY-MM-DD HH:MM"')
    talk.add_argument("--i-know", action="store_true", help="rehearse on a copy of a real db")

    dispatch = commands.add_parser("dispatch", help="only send due outbox rows (a worker)")
    dispatch.add_argument("--once", action="store_true", help="stop when nothing is due")


def _add_maintenance_commands(commands: _Subparsers) -> None:
    """Add ``doctor``, ``db`` and ``sandbox``."""
    commands.add_parser("doctor", help="check the token, the database and the itinerary")

    database = commands.add_parser("db", help="the database schema (Alembic migrations)")
    database.add_argument("action", choices=("upgrade", "current"))

    sandbox = commands.add_parser("sandbox", help="serve the local Bot API on 127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8081)
    sandbox.add_argument("--token", help="accept only this token (default: any)")
