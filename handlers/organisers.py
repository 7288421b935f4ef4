"""Organisers in the field: change the itinerary, load a new file, keep the roster.

``/move <event> <time>``, ``/cancel <event>``, ``/venue <event> <text>``, ``/note``, ``/promote``,
``/remove`` and an itinerary file sent as a document each show the change and ask to
confirm; the change waits as a row until then. ``/members`` keeps the roster (``/invite``
is in handlers/invites.py). Every command and button here checks the role of the person
who sent or pressed it.
The roster tools and file imports answer only in private chats: a group would see the
roster, or a link anyone there could use to join.
"""

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

from bot.itinerary.checker import MAX_FILE_BYTES
from bot.runtime import state
from bot.services import changes_flow, roster
from bot.text import organiser_views as views
from bot.text.buttons import ChangeButton, PickButton
from bot.text.i18n import t
from handlers.common import edit, reply, require_organiser, require_private_organiser

ITINERARY_FILES = filters.Document.FileExtension("yaml") | filters.Document.FileExtension("yml")


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the organisers' commands, buttons and document upload."""
    for name, callback in (
        ("move", move),
        ("cancel", cancel),
        ("venue", venue),
        ("note", note),
        ("members", members),
        ("promote", promote),
        ("remove", remove),
    ):
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(on_confirm, pattern=ChangeButton.pattern()))
    app.add_handler(CallbackQueryHandler(on_pick, pattern=PickButton.pattern()))
    app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, document))
    # Any PDF shared in a group is not for us; an itinerary file sent there is told where to go.
    app.add_handler(MessageHandler(ITINERARY_FILES & filters.ChatType.GROUPS, document))


async def _edit(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
    if not (organiser := await require_organiser(update, context)):
        return
    shared = state(context)
    proposal = changes_flow.propose_edit(
        engine=shared.engine,
        kind=kind,
        args=list(context.args or []),
        organiser_id=organiser.id,
        now=shared.clock.now(),
    )
    lang = organiser.lang
    await reply(update, views.edit_text(kind, proposal, lang), views.edit_keyboard(proposal, lang))


async def move(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/move <event> <new time>``: preview and confirm."""
    await _edit(update, context, "move")


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/cancel <event>``: preview and confirm."""
    await _edit(update, context, "cancel")


async def venue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/venue <event> <text>``: preview and confirm."""
    await _edit(update, context, "venue")


async def note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/note <event> <text>``: preview and confirm."""
    await _edit(update, context, "note")


async def on_pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The organiser picked one of the events a name left open: show the change on it."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    if (button := PickButton.unpack(query.data)) is None:
        await query.answer()
        return
    shared = state(context)
    proposal = changes_flow.pick(
        engine=shared.engine,
        pick_id=button.pick_id,
        index=button.index,
        organiser_id=organiser.id,
        now=shared.clock.now(),
    )
    if proposal is None:
        await query.answer(t(organiser.lang, "change_expired"), show_alert=True)
        return
    await query.answer()
    kind = proposal.kind
    await edit(
        query,
        views.edit_text(kind, proposal, organiser.lang),
        views.edit_keyboard(proposal, organiser.lang),
    )


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply (or drop) a change the organiser previewed; role checked on the presser."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    button = ChangeButton.unpack(query.data)
    if button is None or button.action not in ("ok", "no"):
        await query.answer()
        return
    shared = state(context)
    engine, change_id, now = shared.engine, button.change_id, shared.clock.now()
    if button.action == "ok":
        outcome = await changes_flow.confirm(
            engine=engine, change_id=change_id, organiser_id=organiser.id, now=now
        )
    else:
        outcome = changes_flow.drop(
            engine=engine, change_id=change_id, organiser_id=organiser.id, now=now
        )
    if outcome.not_yours:
        # Another organiser's preview: theirs to confirm, so the message stays as it is.
        await query.answer(t(organiser.lang, "change_expired"), show_alert=True)
        return
    if outcome.replan:
        shared.alarm.replan()
    if outcome.arm:
        shared.alarm.arm()
    await query.answer()
    await query.edit_message_text(views.outcome_text(outcome, organiser.lang))


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An itinerary file sent as a document: check it, show the difference, ask to apply."""
    if not (organiser := await require_private_organiser(update, context)):
        return
    message = update.effective_message
    if message is None or message.document is None:
        return
    size = message.document.file_size or 0
    if size > MAX_FILE_BYTES:  # refused before the download: it could be anything
        limit = MAX_FILE_BYTES // 1000
        await reply(update, t(organiser.lang, "file_too_big", size=-(-size // 1000), limit=limit))
        return
    data = await (await context.bot.get_file(message.document.file_id)).download_as_bytearray()
    shared = state(context)
    proposal = await changes_flow.propose_file(
        engine=shared.engine, data=bytes(data), organiser_id=organiser.id, now=shared.clock.now()
    )
    await reply(
        update,
        views.file_text(proposal, organiser.lang),
        views.confirm_keyboard(proposal.change_id, organiser.lang) if proposal.change_id else None,
    )


# -- roster --------------------------------------------------------------------------------------


async def members(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/members``: who joined, role, groups, last seen, who cannot be reached."""
    if not (organiser := await require_private_organiser(update, context)):
        return
    shared = state(context)
    listing = roster.listing(engine=shared.engine, now=shared.clock.now())
    await reply(update, views.members_text(listing, organiser.lang))


async def _roster_command(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
    if not (organiser := await require_private_organiser(update, context)):
        return
    shared = state(context)
    proposal = roster.propose(
        engine=shared.engine,
        kind=kind,
        key=(context.args or [""])[0],
        organiser_id=organiser.id,
        now=shared.clock.now(),
    )
    await reply(
        update,
        views.roster_text(kind, proposal, organiser.lang),
        views.confirm_keyboard(proposal.change_id, organiser.lang) if proposal.change_id else None,
    )


async def promote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/promote <member key>``: make a member an organiser, after confirming."""
    await _roster_command(update, context, "promote")


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/remove <member key>``: take someone off the delegation, after confirming."""
    await _roster_command(update, context, "remove")
