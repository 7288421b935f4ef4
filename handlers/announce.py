"""Organisers reach every member: ``/announce``, "Got it", ``/acks``, ``/scheduled``.

``/announce [to:GROUP|to:event:KEY] [nudge:MINUTES] [at HH:MM [day] [in CITY]] text``
shows a preview with the number of recipients and audience buttons; Send queues it in the
outbox (or for its time), Cancel drops it. Members acknowledge with the button under it.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.runtime import BotState, state
from bot.services import announcing
from bot.text import announce_views as views
from bot.text.buttons import AnnouncementButton, AudienceButton, GotItButton
from bot.text.i18n import t
from handlers.common import MemberView, reply, require_member, require_organiser


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the announcement commands and buttons."""
    app.add_handler(CommandHandler("announce", announce))
    app.add_handler(CommandHandler("acks", acks))
    app.add_handler(CommandHandler("scheduled", scheduled))
    app.add_handler(CallbackQueryHandler(on_announce, pattern=AnnouncementButton.pattern()))
    app.add_handler(CallbackQueryHandler(on_ack, pattern=GotItButton.pattern()))


async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Draft an announcement and show its preview (organisers only)."""
    if not (organiser := await require_organiser(update, context)):
        return
    shared = state(context)
    drafting = announcing.draft(
        engine=shared.engine,
        words=list(context.args or []),
        by=organiser.id,
        now=shared.clock.now(),
    )
    if drafting.unknown_audience:
        text = views.unknown_audience_text(
            drafting.unknown_audience, drafting.nearest, organiser.lang
        )
        await reply(update, text)
        return
    if drafting.usage or drafting.draft is None:
        key = "announce_usage" if drafting.usage else "announce_bad_time"
        await reply(update, t(organiser.lang, key))
        return
    draft = drafting.draft
    lang = organiser.lang
    await reply(update, views.preview(draft, lang), views.preview_keyboard(draft, lang))


async def on_announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Audience, Send, Cancel, Resend and Unschedule buttons (organisers only)."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    shared = state(context)
    shown: tuple[str, InlineKeyboardMarkup | None] | None
    if (choice := AudienceButton.unpack(query.data)) is not None and choice.action == "to":
        draft = announcing.choose_audience(
            engine=shared.engine, announcement_id=choice.announcement_id, audience=choice.audience
        )
        shown = (
            (views.preview(draft, organiser.lang), views.preview_keyboard(draft, organiser.lang))
            if draft is not None
            else None
        )
    elif (button := AnnouncementButton.unpack(query.data)) is not None:
        if button.action == "again":
            await _again(query, shared, button.announcement_id, organiser)
            return
        shown = _act(query, shared, button, organiser.lang)
    else:
        shown = None
    await query.answer()
    if shown is None:
        return
    shared.alarm.arm()
    text, markup = shown
    await query.edit_message_text(text, reply_markup=markup)


def _act(
    query: CallbackQuery, shared: BotState, button: AnnouncementButton, lang: str
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """Send, drop or unschedule; return what the preview becomes, None to leave it."""
    number = button.announcement_id
    if button.action == "send":
        message = query.message
        report_to = (message.chat.id, message.message_id) if message else None
        sending = announcing.send(
            engine=shared.engine, announcement_id=number, now=shared.clock.now(), lang=lang,
            report_to=report_to,
        )  # fmt: skip
        if sending is None:
            return None
        if sending.scheduled:
            return t(lang, "announce_scheduled", count=sending.count), None
        return sending.report_text, None
    cancelled = button.action in ("drop", "unschedule") and announcing.cancel(
        engine=shared.engine, announcement_id=number
    )
    return (t(lang, "announce_cancelled"), None) if cancelled else None


async def _again(
    query: CallbackQuery, shared: BotState, number: int, organiser: MemberView
) -> None:
    count = announcing.resend(engine=shared.engine, announcement_id=number, now=shared.clock.now())
    if count is None:
        await query.answer()
        return
    # The resend rows are committed: the alarm wakes for them now, not at the safety tick.
    shared.alarm.arm()
    await query.answer(t(organiser.lang, "announce_resent", count=count), show_alert=True)


async def on_ack(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A member pressed "Got it": record it and show that it was recorded."""
    query = update.callback_query
    if query is None or not (member := await require_member(update, context)):
        return
    if (button := GotItButton.unpack(query.data)) is None:
        await query.answer()
        return
    shared = state(context)
    recorded = announcing.acknowledge(
        engine=shared.engine,
        announcement_id=button.announcement_id,
        member_id=member.id,
        now=shared.clock.now(),
    )
    await query.answer(t(member.lang, "got_it_recorded") if recorded else None)
    markup = views.recorded_keyboard(button.announcement_id, member.lang)
    shown = query.message.reply_markup if isinstance(query.message, Message) else None
    # A second press finds the button already saying so: editing it again would be refused.
    if recorded and shown != markup:
        await query.edit_message_reply_markup(reply_markup=markup)


async def acks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/acks [number]``: who acknowledged the last (or given) announcement."""
    if not (organiser := await require_organiser(update, context)):
        return
    args = context.args or []
    number = int(args[0]) if args and args[0].isdigit() else None
    report = announcing.acks(engine=state(context).engine, announcement_id=number)
    if report is None:
        await reply(update, t(organiser.lang, "acks_none"))
        return
    lang = organiser.lang
    await reply(update, views.acks_text(report, lang), views.acks_keyboard(report, lang))


async def scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/scheduled``: announcements waiting for their time, each with a cancel button."""
    if not (organiser := await require_organiser(update, context)):
        return
    waiting = announcing.waiting(engine=state(context).engine)
    lang = organiser.lang
    await reply(
        update, views.scheduled_text(waiting, lang), views.scheduled_keyboard(waiting, lang)
    )
