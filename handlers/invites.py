"""Organisers invite people: ``/invite`` picks an itinerary member, ``/invite new`` someone new.

A member's personal link comes as text to forward and as a QR picture to show or print.
Private chats only: a group would see links anyone there could use to join.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services import invites, roster
from bot.services.invites import deep_link
from bot.text import invite_views as views
from bot.text import organiser_views
from bot.text.buttons import InviteButton
from bot.text.i18n import t
from bot.text.qr import qr_png
from handlers.common import reply, require_organiser, require_private_organiser


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/invite`` and its member buttons."""
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CallbackQueryHandler(on_pick, pattern=InviteButton.pattern()))


async def invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/invite``: members to pick; ``/invite new [organiser]`` or ``/invite organiser``."""
    if not (organiser := await require_private_organiser(update, context)):
        return
    shared = state(context)
    args = list(context.args or [])
    if not args:
        waiting = invites.waiting(engine=shared.engine)
        await reply(update, views.pick_text(waiting, organiser.lang), views.pick_keyboard(waiting))
        return
    # "/invite new organiser" and today's "/invite organiser" both make a general code.
    word = (args[1:] or ["member"])[0] if args[0].lower() == "new" else args[0]
    made = roster.invite(engine=shared.engine, word=word, now=shared.clock.now())
    if made is None:
        await reply(update, t(organiser.lang, "invite_usage_personal"))
        return
    role, code = made
    link = deep_link(context.bot.username, code)
    await reply(update, organiser_views.invite_text(role, link, organiser.lang))


async def on_pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A member's button under ``/invite``: their personal link and its QR code."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    if (button := InviteButton.unpack(query.data)) is None:
        await query.answer()
        return
    shared = state(context)
    made = invites.invite_by_id(
        engine=shared.engine, member_id=button.member_id, now=shared.clock.now()
    )
    if made is None:
        await query.answer(t(organiser.lang, "invite_gone"), show_alert=True)
        return
    await query.answer()
    link = deep_link(context.bot.username, made.code)
    await reply(update, views.personal_text(made, link, organiser.lang))
    if (chat := update.effective_chat) is not None:
        picture = qr_png(link, made.name)
        await chat.send_photo(picture, caption=views.caption(made, organiser.lang))
