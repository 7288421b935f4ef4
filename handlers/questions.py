"""Questions about the people we meet: ``/who``, ``/people``, and questions in plain words."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.answers.engine import answer
from bot.runtime import state
from bot.text.choices import WhoButton, choices_keyboard, chosen_card
from bot.text.i18n import t
from handlers.common import (
    MemberView,
    edit,
    pressed,
    reply,
    require_itinerary,
    require_member,
    visible,
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/who``, ``/people``, their buttons, and answers to plain questions."""
    app.add_handler(CommandHandler("who", who))
    app.add_handler(CommandHandler("people", people))
    app.add_handler(CallbackQueryHandler(on_who, pattern=WhoButton.pattern()))
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, ask)
    )


async def _answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, member: MemberView, question: str
) -> None:
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    mine = visible(itinerary, member)
    result = answer(question, mine, now=state(context).clock.now())
    await reply(update, result.text, choices_keyboard(result))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a question typed in plain words, in the language it was asked in."""
    message = update.effective_message
    if (
        message is None
        or not message.text
        or not (member := await require_member(update, context))
    ):
        return
    await _answer(update, context, member, message.text)


async def who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/who <name or organisation>``: the briefing card, or buttons when several match."""
    if not (member := await require_member(update, context)):
        return
    name = " ".join(context.args or []).strip()
    if not name:
        await reply(update, t(member.lang, "who_usage"))
        return
    prefix = "누구 " if member.lang == "ko" else "who is "
    await _answer(update, context, member, f"{prefix}{name}")


async def people(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/people [city | date | today | tomorrow]``: who we meet there or then."""
    if not (member := await require_member(update, context)):
        return
    scope = " ".join(context.args or []).strip() or ("오늘" if member.lang == "ko" else "today")
    prefix = "누구를 만나 " if member.lang == "ko" else "who are we meeting "
    await _answer(update, context, member, f"{prefix}{scope}")


async def on_who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the card of the person or organisation chosen with a button."""
    if not (found := await pressed(update, context, WhoButton)):
        return
    query, button, member = found
    await query.answer()
    if not (itinerary := await require_itinerary(update, context, member)):
        return
    mine = visible(itinerary, member)
    now = state(context).clock.now()
    if card := chosen_card(itinerary, mine, button, now, member.lang):
        await edit(query, card)
