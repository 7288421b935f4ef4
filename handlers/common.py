"""What every handler needs: the member who wrote, replying in pieces, the itinerary."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.runtime import state
from bot.services.access import MemberView as MemberView  # re-exported for every handler
from bot.services.access import member_view
from bot.services.members import TelegramUser
from bot.storage.store import read_itinerary
from bot.text.callbacks import CallbackData
from bot.text.i18n import t
from bot.text.split import split_message
from schedule import agenda
from schedule.itinerary import Itinerary

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


async def reply(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send ``text`` (HTML) to the chat of ``update``, split if long; buttons on the last piece."""
    if (chat := update.effective_chat) is not None:
        await _send(chat, split_message(text), keyboard)


async def _send(chat: Chat, pieces: list[str], keyboard: InlineKeyboardMarkup | None) -> None:
    """Send ``pieces`` in order to ``chat``, the buttons under the last one."""
    for index, piece in enumerate(pieces):
        await chat.send_message(piece, reply_markup=keyboard if index == len(pieces) - 1 else None)


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
    """Replace the message a button was pressed on with ``text`` (HTML) and ``keyboard``.

    A text over Telegram's limit (a busy day's programme) keeps its first part in place and
    goes on in new messages, the buttons under the last one: nothing is cut off or refused.
    A button pressed twice asks for the text already shown; Telegram answers "Message is
    not modified", which means it is done: nothing is raised and nothing is sent again.
    """
    first, *rest = split_message(text)
    try:
        await query.edit_message_text(first, reply_markup=None if rest else keyboard)
    except BadRequest as error:
        if "not modified" in str(error).lower():
            return
        raise
    if rest and (message := query.message) is not None:
        await _send(message.chat, rest, keyboard)


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


async def require_private_organiser(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> MemberView | None:
    """Return the organiser if this came in a private chat; elsewhere say where to send it."""
    if not (organiser := await require_organiser(update, context)):
        return None
    if (chat := update.effective_chat) is not None and chat.type != ChatType.PRIVATE:
        await reply(update, t(organiser.lang, "private_only"))
        return None
    return organiser


def visible(itinerary: Itinerary, member: MemberView) -> Itinerary:
    """Return the itinerary as ``member`` sees it: organisers all, members their events."""
    return agenda.visible_to(
        itinerary, key=member.key, groups=member.groups, organiser=member.is_organiser
    )


def local_today(itinerary: Itinerary, context: ContextTypes.DEFAULT_TYPE) -> date:
    """Return today's date where the delegation is."""
    return agenda.local_today(itinerary, state(context).clock.now())
