"""Linking a newcomer to the itinerary member they are: "Are you …?", organisers, ``/link``.

The question itself is asked by ``/start`` right after a general code was redeemed; the
answers land here. Every organiser's button checks the role of whoever pressed it, and
each decision is taken from its row once, so a second press (or a second organiser)
changes nothing.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import state
from bot.services import linking
from bot.text import linking_views as views
from bot.text.i18n import t
from handlers.common import edit, pressed, reply, require_organiser

logger = logging.getLogger(__name__)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add ``/link`` and the linking buttons."""
    app.add_handler(CommandHandler("link", link))
    app.add_handler(CallbackQueryHandler(on_are_you, pattern=views.AreYouButton.pattern()))
    app.add_handler(CallbackQueryHandler(on_claim, pattern=views.ClaimButton.pattern()))
    app.add_handler(CallbackQueryHandler(on_link, pattern=views.LinkButton.pattern()))


async def _tell(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> int | None:  # fmt: skip
    """Write to someone other than the sender; return the message id, None if out of reach."""
    try:
        message = await context.bot.send_message(chat_id, text, reply_markup=keyboard)
    except (Forbidden, BadRequest) as error:  # blocked the bot, or never pressed Start
        if isinstance(error, BadRequest) and "chat not found" not in str(error).lower():
            raise
        logger.info("Chat %s cannot be written to: %s", chat_id, error)
        return None
    return message.message_id


async def on_are_you(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The newcomer answers "Are you …?": "Yes" asks every organiser, "No" leaves them new."""
    if not (found := await pressed(update, context, views.AreYouButton)):
        return
    query, button, member = found
    await query.answer()
    if button.action != "yes":
        await edit(query, t(member.lang, "link_stay_new"))
        return
    shared = state(context)
    claim = linking.claim(
        engine=shared.engine,
        telegram_id=query.from_user.id,
        target_id=button.member_id,
        now=shared.clock.now(),
    )
    if claim.outcome == "asked":
        copies = []
        for chat_id, lang in claim.organisers:
            text = views.request_text(claim, lang)
            keyboard = views.request_keyboard(claim.change_id, lang)
            if (message_id := await _tell(context, chat_id, text, keyboard)) is not None:
                copies.append((chat_id, message_id, lang))
        linking.note_requests(engine=shared.engine, change_id=claim.change_id, messages=copies)
    await edit(query, views.claimed_text(claim, member.lang))


async def on_claim(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An organiser confirms or refuses a claim; the first answer decides for everyone."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    if (button := views.ClaimButton.unpack(query.data)) is None:
        await query.answer()
        return
    shared = state(context)
    decision = linking.decide(
        engine=shared.engine,
        change_id=button.change_id,
        approve=button.action == "ok",
        now=shared.clock.now(),
    )
    if decision.outcome == "decided":
        await query.answer(t(organiser.lang, "claim_already"), show_alert=True)
        return
    if decision.outcome == "linked":
        shared.alarm.arm()  # the merge re-planned the member's reminders and committed
    await query.answer()
    await edit(query, views.decided_text(decision, organiser.lang))
    here = (query.message.chat.id, query.message.message_id) if query.message else None
    for chat_id, message_id, lang in decision.requests:
        if (chat_id, message_id) != here:
            text = views.decided_text(decision, lang, by=organiser.name)
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
    if decision.person is not None:
        await _tell(context, decision.person, views.person_text(decision))


async def link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/link <joined key> <itinerary key>``: preview merging a duplicate, then confirm."""
    if not (organiser := await require_organiser(update, context)):
        return
    if (chat := update.effective_chat) is not None and chat.type != ChatType.PRIVATE:
        await reply(update, t(organiser.lang, "private_only"))
        return
    shared = state(context)
    proposal = linking.propose_link(
        engine=shared.engine,
        args=list(context.args or []),
        organiser_id=organiser.id,
        now=shared.clock.now(),
    )
    keyboard = views.link_keyboard(proposal.change_id, organiser.lang)
    await reply(
        update,
        views.link_preview_text(proposal, organiser.lang),
        keyboard if proposal.change_id else None,
    )


async def on_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Merge (or drop) a ``/link`` the organiser previewed; role checked on the presser."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    if (button := views.LinkButton.unpack(query.data)) is None:
        await query.answer()
        return
    shared = state(context)
    outcome = linking.confirm_link(
        engine=shared.engine,
        change_id=button.change_id,
        organiser_id=organiser.id,
        approve=button.action == "ok",
        now=shared.clock.now(),
    )
    if outcome.not_yours:
        # Another organiser's preview: theirs to confirm, so the message stays as it is.
        await query.answer(t(organiser.lang, "change_expired"), show_alert=True)
        return
    if outcome.outcome == "linked":
        shared.alarm.arm()
    await query.answer()
    await edit(query, views.link_outcome_text(outcome, organiser.lang))
    merged = outcome.merged
    if outcome.outcome == "linked" and merged.telegram_id is not None:
        await _tell(context, merged.telegram_id, views.linked_person_text(merged))
