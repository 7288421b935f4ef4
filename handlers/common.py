"""What every handler needs: the member who wrote, replying in pieces, the itinerary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.runtime import state
from bot.services.members import TelegramUser, identify
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import load_itinerary
from bot.text.i18n import pick_language, t
from bot.text.split import MAX_MESSAGE as MAX_MESSAGE  # re-exported for the handlers
from bot.text.split import cut_html as cut_html
from bot.text.split import split_message
from bot.text.split import units as units
from bot.text.views import Viewer
from schedule import agenda
from schedule.itinerary import Itinerary


@dataclass(frozen=True)
class MemberView:
    """A member as a handler needs them, detached from any session."""

    id: int
    key: str
    name: str
    role: str
    lang: str
    show_home_time: bool
    groups: tuple[str, ...]
    lead_times: tuple[int, ...] | None = None
    briefing: bool = True
    muted_until: datetime | None = None

    @property
    def is_organiser(self) -> bool:
        """Tell whether the member may use organiser commands."""
        return self.role == "organiser"

    @property
    def viewer(self) -> Viewer:
        """Return how replies are shown to this member."""
        return Viewer(lang=self.lang, home=self.show_home_time)


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
    with session_scope(shared.engine) as session:
        member = identify(session, user, now=shared.clock.now())
        if member is None or member.id is None:
            return None
        query = select(db.MemberGroup.group).where(col(db.MemberGroup.member_id) == member.id)
        groups = tuple(session.exec(query))
        return MemberView(
            id=member.id,
            key=member.key,
            name=member.name,
            role=member.role,
            lang=pick_language(member.language, user.language_code),
            show_home_time=member.show_home_time,
            groups=groups,
            lead_times=tuple(member.lead_times) if member.lead_times is not None else None,
            briefing=member.briefing_enabled,
            muted_until=member.muted_until,
        )


def current_itinerary(context: ContextTypes.DEFAULT_TYPE) -> Itinerary | None:
    """Return the stored itinerary, read in a short session of its own."""
    with session_scope(state(context).engine) as session:
        return load_itinerary(session)


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
