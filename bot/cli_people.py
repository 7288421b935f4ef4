"""The people commands of ``comitiva``: ``invite`` (general and personal codes) and ``members``."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from telegram.error import TelegramError

from bot.cli_parser import EXIT_OK, CommandError
from bot.config import Settings
from bot.serve.botapi import ask_username
from bot.serve.runner import explain
from bot.services import linking, roster
from bot.services.invites import PersonalInvite, deep_link, invite_all, invite_member
from bot.services.members import InviteRefusedError, create_invite
from bot.storage.db import session_scope
from bot.text import linking_views
from bot.text.qr import qr_png
from schedule.clock import Clock


def members(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    if args.duplicates:
        pairs = linking.likely_pairs(engine=engine)
        for pair in pairs:
            print(linking_views.pair_line(pair))
        print(f"{len(pairs)} likely {'duplicate' if len(pairs) == 1 else 'duplicates'}",
              file=sys.stderr)  # fmt: skip
        return EXIT_OK
    for line in roster.listing(engine=engine, now=clock.now()).members:
        state = "joined" if line.joined else "not joined"
        print(f"{line.key}\t{line.name}\t{line.role}\t{state}")
    return EXIT_OK


def invite(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    if args.uses < 1 or args.days < 1:
        raise CommandError("--uses and --days must be at least 1")
    if args.member or args.all:
        return _personal_invites(args, engine, clock)
    if args.qr or args.format != "text":
        raise CommandError("--format and --qr go with --member KEY or --all")
    username = args.bot_username or _bot_username(Settings.from_env(db=args.db))
    with session_scope(engine) as session:
        invite = create_invite(
            session,
            role=args.role,
            now=clock.now(),
            uses=args.uses,
            lifetime=timedelta(days=args.days),
        )
    print(f"code: {invite.code}")
    print(f"link: https://t.me/{username or '<bot username>'}?start={invite.code}")
    expires = f"{invite.expires_at:%Y-%m-%d %H:%M} UTC"
    print(f"role: {invite.role}, uses: {invite.uses_left}, expires: {expires}")
    if not username:
        print(
            "(set TELEGRAM_BOT_TOKEN or pass --bot-username to complete the link)", file=sys.stderr
        )
    return EXIT_OK


def _personal_invites(args: argparse.Namespace, engine: Engine, clock: Clock) -> int:
    if args.uses != 1 or args.role != "member":
        raise CommandError("a personal code is single-use, in the member's own role")
    username = args.bot_username or _bot_username(Settings.from_env(db=args.db))
    lifetime = timedelta(days=args.days)
    try:
        with session_scope(engine) as session:
            made = (
                invite_all(session, now=clock.now(), lifetime=lifetime)
                if args.all
                else [invite_member(session, args.member, now=clock.now(), lifetime=lifetime)]
            )
    except InviteRefusedError as refused:
        raise CommandError(str(refused)) from None
    print_invites(made, username, csv_format=args.format == "csv")
    if args.qr:
        write_qr_codes(made, username, args.qr)
        print(f"wrote {len(made)} QR code(s) to {args.qr}", file=sys.stderr)
    if not made:
        print("every itinerary member has joined: nothing to invite", file=sys.stderr)
    if not username:
        print("(set TELEGRAM_BOT_TOKEN or pass --bot-username to complete the links)",
              file=sys.stderr)  # fmt: skip
    return EXIT_OK


def print_invites(made: list[PersonalInvite], username: str | None, *, csv_format: bool) -> None:
    """Print one line per personal invite: key, name, link (CSV with a header for a mail merge)."""
    if csv_format:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["key", "name", "role", "link", "code", "expires"])
        for p in made:
            expires = f"{p.expires_at:%Y-%m-%d %H:%M} UTC"
            writer.writerow([p.key, p.name, p.role, deep_link(username, p.code), p.code, expires])
        return
    for p in made:
        print(f"{p.key}\t{p.name}\t{deep_link(username, p.code)}")
    if made:
        expires = f"{made[0].expires_at:%Y-%m-%d %H:%M} UTC"
        print(f"(single-use, expire {expires})", file=sys.stderr)


def write_qr_codes(made: list[PersonalInvite], username: str | None, folder: Path) -> None:
    """Write ``<key>.png`` per personal invite: the link's QR code, the name under it."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in made:
        (folder / f"{p.key}.png").write_bytes(qr_png(deep_link(username, p.code), p.name))


def _bot_username(settings: Settings) -> str | None:
    """Ask the Bot API for the bot's username; None without a token or a connection."""
    if not settings.token:
        return None
    try:
        return ask_username(settings)
    except TelegramError as error:
        reason = explain(error, (settings.token,))
        raise CommandError(f"cannot ask Telegram for the bot's username: {reason}") from None
