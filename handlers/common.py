"""What every handler needs: the member who wrote, replying in pieces, the itinerary."""

from __future__ import annotations

import re
from datetime import date
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.runtime import state
from bot.services.access import MemberView as MemberView  # re-exported for every handler
from bot.services.access import member_view
from bot.services.members import TelegramUser
from bot.storage.store import read_itinerary
from bot.text.callbacks import CallbackData
from bot.text.i18n import t
from schedule import agenda
from schedule.itinerary import Itinerary

MAX_MESSAGE = 4096
Button = TypeVar("Button", bound=CallbackData)


def telegram_user(update: Update) -> TelegramUser | None:
    """Return the sender of an update as the members service sees them."""
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    return TelegramUser(user.id, user.first_name, user.username, user.language_code)


async def require_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> MemberView | None:
    """Return the member who sent ``update``; the access gate has already refused strangers."""
    if (user := telegram_user(update)) is None:
        return None
    shared = state(context)
    return member_view(shared.engine, user, now=shared.clock.now())


def current_itinerary(context: ContextTypes.DEFAULT_TYPE) -> Itinerary | None:
    """Return the stored itinerary, read in a short session of its own."""
    return read_itinerary(state(context).engine)


def units(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units (an emoji is often two)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split ``text`` at line breaks into pieces Telegram accepts (a long line is cut)."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        if units(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            *whole, line = cut_html(line, limit)
            pieces += whole
        candidate = f"{current}\n{line}" if current else line
        if units(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return pieces or [text[:limit]]


_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|.", re.DOTALL)


def cut_html(line: str, limit: int) -> list[str]:
    """Cut one long line of HTML into pieces, never inside a tag or an entity.

    A tag open at a cut is closed at the end of the piece and opened again in the next.
    """
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag)
    current, size = "", 0
    for token in _TOKEN.findall(line):
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        if size + units(token) + units(closing) > limit and current:
            pieces.append(current + closing)
            current = "".join(opening for _, opening in stack)
            size = units(current)
        current += token
        size += units(token)
        if token.startswith("</"):
            if stack:
                stack.pop()
        elif token.startswith("<") and len(token) > 1:
            stack.append((token[1:-1].split()[0], token))
    pieces.append(current)
    return pieces


async def reply(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send ``text`` (HTML) to the chat of ``update``, split if long; buttons on the last piece."""
    if (chat := update.effective_chat) is None:
        return
    pieces = split_message(text)
    for index, piece in enumerate(pieces):
        markup = keyboard if index == len(pieces) - 1 else None
        await chat.send_message(
            piece, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )


async def require_itinerary(
    update: Update, context: ContextTypes.DEFAULT_TYPE, member: MemberView
) -> Itinerary | None:
    """Return the stored itinerary, or tell the member there is none yet."""
    if (itinerary := current_itinerary(context)) is None:
        await reply(update, t(member.lang, "no_itinerary"))
    return itinerary


async def member_and_itinerary(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[MemberView, Itinerary] | None:
    """Return the member who wrote and the itinerary, or None once the member was told why."""
    if not (member := await require_member(update, context)):
        return None
    if not (itinerary := await require_itinerary(update, context, member)):
        return None
    return member, itinerary


async def pressed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, family: type[Button]
) -> tuple[CallbackQuery, Button, MemberView] | None:
    """Return the button of ``family`` a member pressed; data it did not write is just answered."""
    if (query := update.callback_query) is None:
        return None
    if (button := family.unpack(query.data)) is None:
        await query.answer()
        return None
    if not (member := await require_member(update, context)):
        return None
    return query, button, member


async def edit(
    query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the message a button was pressed on with ``text`` (HTML) and ``keyboard``."""
    await query.edit_message_text(
        text, parse_mode=ParseMode.HTML, reply_markup=keyboard, disable_web_page_preview=True
    )


async def require_organiser(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> MemberView | None:
    """Return the organiser who sent or pressed this; tell a member it is not for them."""
    if not (member := await require_member(update, context)):
        return None
    if member.is_organiser:
        return member
    if (query := update.callback_query) is not None:
        await query.answer(t(member.lang, "organisers_only"), show_alert=True)
    else:
        await reply(update, t(member.lang, "organisers_only"))
    return None


def visible(itinerary: Itinerary, member: MemberView) -> Itinerary:
    """Return the itinerary as ``member`` sees it: organisers all, members their events."""
    return agenda.visible_to(
        itinerary, key=member.key, groups=member.groups, organiser=member.is_organiser
    )


def local_today(itinerary: Itinerary, context: ContextTypes.DEFAULT_TYPE) -> date:
    """Return today's date where the delegation is."""
    return agenda.local_today(itinerary, state(context).clock.now())
