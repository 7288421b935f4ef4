"""A member blocks or unblocks the bot in their private chat (``my_chat_member``).

Blocking marks them unreachable, so nothing more is tried; unblocking makes them reachable
again, re-plans what they are still owed and wakes the alarm once that is committed.
Runs before the access gate, in a group of its own, and ends the update there: the gate
would heal the member on its own (leaving nothing for this handler to see) or answer a
stranger who just blocked the bot.
"""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ChatMemberHandler, ContextTypes

from bot.runtime import state
from bot.services.announcing import mark_reachable
from bot.services.members import BLOCKED

# The bot's own status in a private chat: "kicked" once blocked, "member" after Start.
GONE = (ChatMember.BANNED, ChatMember.LEFT)
MEMBERSHIP_GROUP = -15  # after the flood guard (-20), before the gate (-10)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handler for changes of the bot's status in private chats."""
    app.add_handler(
        ChatMemberHandler(reachability, ChatMemberHandler.MY_CHAT_MEMBER),
        group=MEMBERSHIP_GROUP,
    )


async def reachability(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record that a person blocked or unblocked the bot; wake the alarm for what they missed."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        raise ApplicationHandlerStop  # the bot added to or removed from a group: nothing to do
    reachable = change.new_chat_member.status not in GONE
    shared = state(context)
    changed = mark_reachable(
        engine=shared.engine,
        telegram_id=change.from_user.id,
        reachable=reachable,
        now=shared.clock.now(),
        reason=BLOCKED,
    )
    if changed and reachable:
        shared.alarm.arm()
    raise ApplicationHandlerStop
