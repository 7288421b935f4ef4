"""Joining and help: ``/start <invite code>``, ``/help``."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.members import redeem_invite
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from bot.text.i18n import pick_language, t
from handlers.common import reply, require_member, telegram_user


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/start`` and ``/help``."""
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Redeem an invite, or greet a member who is already known."""
    if (user := telegram_user(update)) is None:
        return
    lang = pick_language(None, user.language_code)
    shared = state(context)
    code = context.args[0] if context.args else ""
    with session_scope(shared.engine) as session:
        outcome = redeem_invite(session, code, user, now=shared.clock.now())
        itinerary = load_itinerary(session)
        member = outcome.member
        name = html.escape(member.name) if member else ""
        role = member.role if member else "member"
        lang = pick_language(member.language if member else None, user.language_code)
    if outcome.outcome == "joined":
        delegation = html.escape(itinerary.delegation.name) if itinerary else "Comitiva"
        text = t(lang, "welcome", name=name, delegation=delegation, role=t(lang, f"role_{role}"))
    elif outcome.outcome == "already":
        text = t(lang, "welcome_back", name=name)
    else:
        text = t(lang, f"invite_{outcome.outcome}")
    await reply(update, text)


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands this member can use."""
    if not (member := await require_member(update, context)):
        return
    text = t(member.lang, "help")
    if member.is_organiser:
        text += t(member.lang, "help_organiser")
    await reply(update, text)
