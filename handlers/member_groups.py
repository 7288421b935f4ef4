"""``/groups``: organisers see and change which groups members are in, from the chat.

``/groups`` lists every group; ``/groups kim`` shows Kim's; ``/groups kim add advance``
and ``/groups kim remove advance`` change them (Korean: 추가, 삭제). Private chats only.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.member_groups import ACTION_WORDS, all_groups, change_groups, member_groups
from bot.text import groups_view as views
from bot.text.i18n import t
from handlers.common import reply, require_private_organiser


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/groups``."""
    app.add_handler(CommandHandler("groups", groups))


async def groups(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the groups, show one member's, or add them to or take them out of some."""
    if not (organiser := await require_private_organiser(update, context)):
        return
    shared = state(context)
    args = list(context.args or [])
    if not args:
        await reply(update, views.listing_text(all_groups(engine=shared.engine), organiser.lang))
        return
    if len(args) == 1:
        change = member_groups(engine=shared.engine, key=args[0])
        await reply(update, views.change_text(change, organiser.lang, asked_to_change=False))
        return
    action = ACTION_WORDS.get(args[1].lower())
    if action is None or len(args) < 3:
        await reply(update, t(organiser.lang, "groups_usage"))
        return
    change = change_groups(
        engine=shared.engine, key=args[0], action=action, groups=args[2:], now=shared.clock.now()
    )
    if change.changed:
        shared.alarm.arm()  # after the commit that re-planned their reminders
    await reply(update, views.change_text(change, organiser.lang, asked_to_change=True))
