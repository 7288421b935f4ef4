"""Organisers in the field: change the itinerary, load a new file, keep the roster.

``/move <event> <time>``, ``/cancel <event>``, ``/venue <event> <text>`` and an itinerary
file sent as a document each show the change and ask to confirm; ``/members``,
``/invite``, ``/promote`` and ``/remove`` keep the roster. Every command and button here
checks the role of the person who sent or pressed it.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.itinerary.checker import ItineraryError, parse_itinerary
from bot.runtime import state
from bot.services.edits import (
    EditError,
    cancel_event,
    find_event,
    move_event,
    parse_new_start,
    set_venue,
)
from bot.services.members import create_invite
from bot.services.outbox import apply_itinerary
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import bump_version, load_itinerary, plan_import
from bot.text.i18n import day_label, t
from bot.text.render import esc, when
from handlers.common import MemberView, current_itinerary, reply, require_organiser
from schedule import agenda, zones
from schedule.itinerary import Itinerary

PREFIX = "org:"
PENDING = "pending_changes"


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the organisers' commands, buttons and document upload."""
    for name, callback in (
        ("move", move),
        ("cancel", cancel),
        ("venue", venue),
        ("members", members),
        ("invite", invite),
        ("promote", promote),
        ("remove", remove),
    ):
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(on_confirm, pattern=f"^{PREFIX}"))
    app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, document))


def _confirm_keyboard(token: str, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "confirm"), callback_data=f"{PREFIX}ok:{token}"),
                InlineKeyboardButton(t(lang, "cancel"), callback_data=f"{PREFIX}no:{token}"),
            ]
        ]
    )


async def _ask_to_confirm(
    update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, text: str, spec: dict[str, Any]
) -> None:
    token = secrets.token_hex(4)
    pending = context.user_data.setdefault(PENDING, {}) if context.user_data is not None else {}
    pending[token] = spec
    await reply(update, text, _confirm_keyboard(token, lang))


def _change_text(lang: str, before: str, after: str) -> str:
    return t(lang, "change_preview", before=before, after=after)


def _moment(itinerary: Itinerary, key: str, lang: str) -> str:
    event = find_event(itinerary, key)
    local_day = day_label(lang, zones.local_date(event.start, event.timezone))
    where = f", {esc(event.venue)}" if event.venue else ""
    return f"<b>{esc(event.title)}</b>: {local_day} {when(event, itinerary.stops)}{where}"


async def _edit(update: Update, context: ContextTypes.DEFAULT_TYPE, op: str) -> None:
    if not (organiser := await require_organiser(update, context)):
        return
    itinerary = current_itinerary(context)
    args = list(context.args or [])
    if itinerary is None or not args:
        await reply(update, t(organiser.lang, f"{op}_usage"))
        return
    key, rest = args[0], " ".join(args[1:])
    try:
        if op == "move":
            today = agenda.local_today(itinerary, state(context).clock.now())
            start = parse_new_start(find_event(itinerary, key), rest, today=today)
            changed = move_event(itinerary, key, start)
            spec: dict[str, Any] = {"op": op, "key": key, "start": start.isoformat()}
        elif op == "cancel":
            changed = cancel_event(itinerary, key)
            spec = {"op": op, "key": key}
        else:
            changed = set_venue(itinerary, key, rest)
            spec = {"op": op, "key": key, "venue": rest}
    except EditError as error:
        await reply(update, t(organiser.lang, "change_refused", reason=esc(str(error))))
        return
    before = _moment(itinerary, key, organiser.lang)
    after = (
        _moment(changed, key, organiser.lang) if op != "cancel" else t(organiser.lang, "cancelled")
    )
    await _ask_to_confirm(
        update, context, organiser.lang, _change_text(organiser.lang, before, after), spec
    )


async def move(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/move <event> <new time>``: preview and confirm."""
    await _edit(update, context, "move")


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/cancel <event>``: preview and confirm."""
    await _edit(update, context, "cancel")


async def venue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/venue <event> <text>``: preview and confirm."""
    await _edit(update, context, "venue")


def _apply(itinerary: Itinerary, spec: dict[str, Any]) -> Itinerary:
    if spec["op"] == "move":
        return move_event(itinerary, spec["key"], datetime.fromisoformat(spec["start"]))
    if spec["op"] == "cancel":
        return cancel_event(itinerary, spec["key"])
    if spec["op"] == "venue":
        return set_venue(itinerary, spec["key"], spec["venue"])
    return parse_itinerary(spec["yaml"])


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply (or drop) a change the organiser previewed; role checked on the presser."""
    query = update.callback_query
    if query is None or not (organiser := await require_organiser(update, context)):
        return
    action, _, token = (query.data or "").removeprefix(PREFIX).partition(":")
    pending = (context.user_data or {}).get(PENDING, {})
    spec = pending.pop(token, None)
    await query.answer()
    if spec is None:
        await query.edit_message_text(t(organiser.lang, "change_expired"))
        return
    if action != "ok":
        await query.edit_message_text(t(organiser.lang, "change_dropped"))
        return
    shared = state(context)
    text = await _confirmed(shared, spec, organiser)
    shared.alarm.arm()
    await query.edit_message_text(text, parse_mode=ParseMode.HTML)


async def _confirmed(shared: Any, spec: dict[str, Any], organiser: MemberView) -> str:
    lang = organiser.lang
    if spec["op"] in ("promote", "remove"):
        return _roster_change(shared, spec, lang)
    try:
        with session_scope(shared.engine) as session:
            itinerary = load_itinerary(session)
            if itinerary is None:
                return t(lang, "no_itinerary")
            changes = apply_itinerary(session, _apply(itinerary, spec), now=shared.clock.now())
    except (EditError, ItineraryError) as error:
        return t(lang, "change_refused", reason=esc(str(error)))
    return t(lang, "change_done", summary=changes.summary())


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An itinerary file sent as a document: check it, show the difference, ask to apply."""
    if not (organiser := await require_organiser(update, context)):
        return
    message = update.effective_message
    if message is None or message.document is None:
        return
    data = await (await context.bot.get_file(message.document.file_id)).download_as_bytearray()
    try:
        text = bytes(data).decode("utf-8")
        itinerary = parse_itinerary(text)
        with session_scope(state(context).engine) as session:
            _, changes = plan_import(session, itinerary)
            session.rollback()
    except UnicodeDecodeError:
        await reply(update, t(organiser.lang, "file_not_text"))
        return
    except ItineraryError as error:
        problems = "\n".join(esc(str(p)) for p in error.problems)
        await reply(
            update, t(organiser.lang, "file_refused", count=len(error.problems), problems=problems)
        )
        return
    if not changes:
        await reply(update, t(organiser.lang, "file_same"))
        return
    listing = "\n".join(esc(str(c)) for c in changes.items[:40])
    more = len(changes.items) - 40
    if more > 0:
        listing += "\n" + t(organiser.lang, "and_more", count=more)
    text_shown = t(organiser.lang, "file_preview", summary=changes.summary(), changes=listing)
    await _ask_to_confirm(
        update, context, organiser.lang, text_shown, {"op": "file", "yaml": text}
    )


# -- roster --------------------------------------------------------------------------------------


async def members(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/members``: who joined, role, groups, last seen, who cannot be reached."""
    if not (organiser := await require_organiser(update, context)):
        return
    lang = organiser.lang
    itinerary = current_itinerary(context)
    zone = "UTC"
    if itinerary is not None:
        here = agenda.where_at(itinerary.stops, itinerary.events, state(context).clock.now())
        zone = here.timezone if here else itinerary.delegation.home_timezone
    lines = [t(lang, "members_heading")]
    with session_scope(state(context).engine) as session:
        groups: dict[int, list[str]] = {}
        for link in session.exec(select(db.MemberGroup)):
            groups.setdefault(link.member_id, []).append(link.group)
        for m in session.exec(
            select(db.Member).order_by(col(db.Member.role).desc(), col(db.Member.name))
        ):
            seen = t(lang, "never_seen")
            if m.last_seen_at is not None:
                local = zones.to_local(m.last_seen_at, zone)
                seen = f"{day_label(lang, local.date())} {local:%H:%M}"
            joined = t(lang, "joined") if m.telegram_id else t(lang, "not_joined")
            flags = f" ⚠️ {t(lang, 'unreachable')}" if m.unreachable else ""
            group_text = (
                f" [{', '.join(groups.get(m.id or 0, []))}]" if groups.get(m.id or 0) else ""
            )
            lines.append(
                f"• <b>{esc(m.name)}</b> ({esc(m.key)}), {t(lang, f'role_name_{m.role}')}"
                f"{esc(group_text)}: {joined}, {t(lang, 'last_seen')} {seen}{flags}"
            )
    await reply(update, "\n".join(lines))


async def invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/invite [member|organiser]``: a one-time deep link."""
    if not (organiser := await require_organiser(update, context)):
        return
    role = (context.args or ["member"])[0].lower()
    role = {"운영진": "organiser", "단원": "member"}.get(role, role)
    if role not in ("member", "organiser"):
        await reply(update, t(organiser.lang, "invite_usage"))
        return
    shared = state(context)
    with session_scope(shared.engine) as session:
        code = create_invite(session, role=role, now=shared.clock.now()).code
    link = f"https://t.me/{context.bot.username}?start={code}"
    await reply(
        update, t(organiser.lang, "invite_link", role=t(organiser.lang, f"role_{role}"), link=link)
    )


async def _roster_command(update: Update, context: ContextTypes.DEFAULT_TYPE, op: str) -> None:
    if not (organiser := await require_organiser(update, context)):
        return
    key = (context.args or [""])[0].lower()
    with session_scope(state(context).engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).first()
        name = member.name if member else None
        problem = _roster_problem(session, op, member, organiser)
    if not key or name is None:
        await reply(update, t(organiser.lang, f"{op}_usage"))
        return
    if problem:
        await reply(update, t(organiser.lang, problem))
        return
    text = t(organiser.lang, f"{op}_confirm", name=esc(name), key=esc(key))
    await _ask_to_confirm(update, context, organiser.lang, text, {"op": op, "key": key})


def _roster_problem(
    session: Any, op: str, member: db.Member | None, organiser: MemberView
) -> str | None:
    if member is None:
        return None
    organisers = len(list(session.exec(select(db.Member.id).where(db.Member.role == "organiser"))))
    if op == "remove" and member.role == "organiser" and organisers <= 1:
        return "last_organiser"
    if op == "promote" and member.role == "organiser":
        return "already_organiser"
    return None


async def promote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/promote <member key>``: make a member an organiser, after confirming."""
    await _roster_command(update, context, "promote")


async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/remove <member key>``: take someone off the delegation, after confirming."""
    await _roster_command(update, context, "remove")


def _roster_change(shared: Any, spec: dict[str, Any], lang: str) -> str:
    with session_scope(shared.engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == spec["key"])).first()
        if member is None:
            return t(lang, "change_expired")
        organisers = len(
            list(session.exec(select(db.Member.id).where(db.Member.role == "organiser")))
        )
        if spec["op"] == "remove":
            if member.role == "organiser" and organisers <= 1:
                return t(lang, "last_organiser")
            session.delete(member)
            done = t(lang, "removed", name=esc(member.name))
        else:
            member.role = "organiser"
            session.add(member)
            done = t(lang, "promoted", name=esc(member.name))
        bump_version(session)
    shared.alarm.replan()
    return done
