"""``/settings``: home time beside local times, and the language, with buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.db import session_scope
from bot.i18n import LANGUAGES, t
from bot.members import update_settings
from bot.runtime import state
from bot.views import render_settings
from handlers.common import reply, require_member

SETTINGS_PREFIX = "set:"


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/settings`` and its buttons."""
    app.add_handler(CommandHandler("settings", settings))
    app.add_handler(CallbackQueryHandler(on_setting, pattern=f"^{SETTINGS_PREFIX}"))


def settings_keyboard(lang: str, show_home_time: bool) -> InlineKeyboardMarkup:
    """Return a button to flip home time and one per other language."""
    home = "hide_home" if show_home_time else "show_home"
    rows = [
        [
            InlineKeyboardButton(
                t(lang, home), callback_data=f"{SETTINGS_PREFIX}home:{int(not show_home_time)}"
            )
        ]
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t(code, "language_name"), callback_data=f"{SETTINGS_PREFIX}lang:{code}"
            )
            for code in LANGUAGES
            if code != lang
        ]
    )
    return InlineKeyboardMarkup(rows)


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the member's settings with buttons to change them (in a private chat only)."""
    if not (member := await require_member(update, context)):
        return
    if not _private(update):
        await reply(update, t(member.lang, "settings_private"))
        return
    await reply(
        update,
        render_settings(member.lang, member.show_home_time),
        settings_keyboard(member.lang, member.show_home_time),
    )


async def on_setting(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply a settings button and redraw the settings in place."""
    query = update.callback_query
    if query is None or not (member := await require_member(update, context)):
        return
    if not _private(update):
        await query.answer(t(member.lang, "settings_private"), show_alert=True)
        return
    _, name, value = (query.data or "::").split(":", 2)
    with session_scope(state(context).engine) as session:
        if name == "home":
            changed = update_settings(session, member.id, show_home_time=value == "1")
        elif name == "lang" and value in LANGUAGES:
            changed = update_settings(session, member.id, language=value)
        else:
            await query.answer()
            return
        lang, home = changed.language or member.lang, changed.show_home_time
    await query.answer(t(lang, "saved"))
    await query.edit_message_text(
        render_settings(lang, home),
        parse_mode=ParseMode.HTML,
        reply_markup=settings_keyboard(lang, home),
    )
