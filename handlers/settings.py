"""``/settings``: home time, language, reminder lead times, the morning briefing, muting.

Buttons flip home time, the briefing and muting and switch language; lead times and a
mute are typed: ``/settings lead 30,10``, ``/settings mute until 10 June``, ``/settings mute
2h``, ``/settings unmute`` (or in Korean, ``/settings 알림 30,10``, ``/settings 중지 6월 10일``,
``/settings 중지 2시간``).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services.settings import Refused, apply_button, apply_typed
from bot.text.i18n import t
from bot.text.settings_view import SettingButton, refusal_text, settings_keyboard, settings_text
from handlers.common import (
    MemberView,
    current_itinerary,
    edit,
    pressed,
    reply,
    require_member,
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/settings`` and its buttons."""
    app.add_handler(CommandHandler("settings", settings))
    app.add_handler(CallbackQueryHandler(on_setting, pattern=SettingButton.pattern()))


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the settings with buttons, or apply one typed after the command."""
    if not (member := await require_member(update, context)):
        return
    if not _private(update):
        await reply(update, t(member.lang, "settings_private"))
        return
    if context.args:
        shared = state(context)
        outcome = apply_typed(shared.engine, member.id, context.args, now=shared.clock.now())
        if isinstance(outcome, Refused):
            await reply(update, refusal_text(member.lang, outcome))
            return
        if outcome.replan:
            shared.alarm.replan()  # after the commit, so the planner sees the new setting
        member = await require_member(update, context) or member
    await reply(update, *_view(context, member))


def _view(
    context: ContextTypes.DEFAULT_TYPE, member: MemberView
) -> tuple[str, InlineKeyboardMarkup]:
    itinerary = current_itinerary(context)
    return settings_text(member, itinerary), settings_keyboard(member)


async def on_setting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply a settings button and redraw the settings in place."""
    if not (found := await pressed(update, context, SettingButton)):
        return
    query, button, member = found
    if not _private(update):
        await query.answer(t(member.lang, "settings_private"), show_alert=True)
        return
    shared = state(context)
    if (saved := apply_button(shared.engine, member.id, button.setting, button.value)) is None:
        await query.answer()  # a button the settings never offer changes nothing
        return
    if saved.replan:
        shared.alarm.replan()  # after the commit, so the planner sees the new setting
    member = await require_member(update, context) or member
    await query.answer(t(member.lang, "saved"))
    await edit(query, *_view(context, member))
