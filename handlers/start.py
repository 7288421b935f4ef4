"""Joining and help: ``/start <invite code>``, ``/help``.

A known member pressing Start may have been out of reach until now (never started, or
blocked the bot): the gate made them reachable again, and here the open announcements they
missed are queued and the alarm is woken for them and for their re-planned reminders.
"""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services import linking
from bot.services.access import Joining, join
from bot.services.announcing import catch_up
from bot.services.members import TelegramUser
from bot.text import invite_views, linking_views
from bot.text.i18n import t
from bot.text.views import render_next
from handlers.common import current_itinerary, reply, require_member, telegram_user, visible
from schedule import agenda

logger = logging.getLogger(__name__)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/start`` and ``/help``."""
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Redeem an invite, or greet a member who is already known."""
    if (user := telegram_user(update)) is None:
        return
    shared = state(context)
    code = context.args[0] if context.args else ""
    joining = join(shared.engine, code, user, now=shared.clock.now())
    lang = joining.lang
    if joining.outcome == "joined":
        text = await _first_minute(update, context, joining)
    elif joining.outcome == "already":
        text = t(lang, "welcome_back", name=joining.name)
    else:
        text = t(lang, f"invite_{joining.outcome}")
    await reply(update, text)
    if joining.outcome == "taken":
        await _tell_organisers(context, joining, user)
    if joining.outcome in ("already", "joined"):
        # A personal link binds a record that may have missed announcements and reminders.
        catch_up(engine=shared.engine, telegram_id=user.id, now=shared.clock.now())
        shared.alarm.arm()
    # A general code: someone the itinerary knows by name is asked whether that is them.
    if joining.outcome == "joined" and (person := update.effective_user):
        names = (person.first_name, person.last_name, person.username)
        if known := linking.guess(engine=shared.engine, telegram_id=person.id, names=names):
            ask = linking_views.ask_text(known, lang), linking_views.ask_keyboard(known, lang)
            await reply(update, *ask)


async def _first_minute(
    update: Update, context: ContextTypes.DEFAULT_TYPE, joining: Joining
) -> str:
    """A new member's welcome: who they are here, their next event, three commands."""
    lang = joining.lang
    role = t(lang, f"role_{joining.role}")
    delegation = joining.delegation or "Comitiva"
    parts = [t(lang, "welcome_first", name=joining.name, delegation=delegation, role=role)]
    member = await require_member(update, context)
    if member is not None and (itinerary := current_itinerary(context)) is not None:
        mine = visible(itinerary, member)
        now = state(context).clock.now()
        parts.append(render_next(mine, agenda.next_event(mine.events, now), now, member.viewer))
    parts.append(t(lang, "welcome_commands"))
    return "\n\n".join(parts)


async def _tell_organisers(
    context: ContextTypes.DEFAULT_TYPE, joining: Joining, user: TelegramUser
) -> None:
    """Warn every organiser that someone else tried a member's used personal link."""
    handle = f"@{user.username}, " if user.username else ""
    who = html.escape(f"{user.first_name} ({handle}id {user.id})")
    for chat_id, lang in joining.organisers:
        text = invite_views.taken_text(joining.name, joining.key, who, lang)
        try:
            await context.bot.send_message(chat_id, text)
        except TelegramError:
            logger.warning("could not tell organiser %s of a refused personal link", chat_id)


async def help_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands this member can use."""
    if not (member := await require_member(update, context)):
        return
    text = t(member.lang, "help")
    if member.is_organiser:
        text += t(member.lang, "help_organiser")
    await reply(update, text)
