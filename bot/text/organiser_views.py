"""What organisers see of their changes and roster: previews, outcomes, the member list."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.changes_flow import EditProposal, FileProposal, Outcome
from bot.services.roster import Roster, RosterProposal
from bot.text.buttons import ChangeButton, PickButton
from bot.text.i18n import day_label, t
from bot.text.render import esc, when
from schedule import agenda, zones
from schedule.itinerary import Event, Stop


def confirm_keyboard(
    change_id: int, lang: str, labels: tuple[str, str] = ("confirm", "cancel")
) -> InlineKeyboardMarkup:
    """Confirm and Cancel (or the given ``labels``) under a previewed change."""
    yes, no = labels
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, yes), callback_data=ChangeButton("ok", change_id).pack()
                ),
                InlineKeyboardButton(
                    t(lang, no), callback_data=ChangeButton("no", change_id).pack()
                ),
            ]
        ]
    )


def edit_keyboard(proposal: EditProposal, lang: str) -> InlineKeyboardMarkup | None:
    """Confirm and Cancel under a preview, or one button per event to pick from."""
    if proposal.choices:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        _choice(e, lang), callback_data=PickButton(proposal.pick_id, i).pack()
                    )
                ]
                for i, e in enumerate(proposal.choices)
            ]
        )
    if not proposal.change_id:
        return None
    # "Cancel" under a cancellation would read both ways: these say what each one does.
    if proposal.kind == "cancel":
        return confirm_keyboard(proposal.change_id, lang, ("yes_cancel_it", "keep_it"))
    return confirm_keyboard(proposal.change_id, lang)


def _choice(event: Event, lang: str) -> str:
    """``Tue 8 Jun 10:00 Meeting with CABEI``: a button label, at most Telegram's 64 chars."""
    start = zones.format_time(event.start, event.timezone)
    label = f"{day_label(lang, agenda.event_day(event))} {start} {event.title}"
    return label if len(label) <= 60 else label[:59] + "…"


def event_line(event: Event, stops: tuple[Stop, ...], lang: str) -> str:
    """``<b>Meeting with CABEI</b>: Tue 8 Jun 10:00–11:00 (Tegucigalpa, UTC−6), CABEI office``."""
    local_day = day_label(lang, agenda.event_day(event))
    where = f", {esc(event.venue)}" if event.venue else ""
    return f"<b>{esc(event.title)}</b>: {local_day} {when(event, stops)}{where}"


def edit_text(kind: str, proposal: EditProposal, lang: str) -> str:
    """The before and after of a change, the events to pick from, or why there is none."""
    if proposal.reason is not None:
        return refusal_text(proposal.reason, lang)
    if proposal.choices:
        return t(lang, "pick_event")
    if proposal.usage and proposal.key:
        return t(lang, f"{kind}_usage_for", key=esc(proposal.key))
    if proposal.usage or proposal.before is None:
        return t(lang, f"{kind}_usage")
    before = event_line(proposal.before, proposal.stops, lang)
    if proposal.after is None:
        return t(lang, "cancel_ask", event=before)
    after = event_line(proposal.after, proposal.stops, lang)
    return t(lang, "change_preview", before=before, after=after)


def refusal_text(reason: str, lang: str) -> str:
    """``Not changed: …``."""
    return t(lang, "change_refused", reason=esc(reason))


def file_text(proposal: FileProposal, lang: str) -> str:
    """The differences a file makes, or its problems."""
    if proposal.not_text:
        return t(lang, "file_not_text")
    if proposal.problems:
        problems = "\n".join(esc(p) for p in proposal.problems)
        return t(lang, "file_refused", count=len(proposal.problems), problems=problems)
    if not proposal.change_id:
        return t(lang, "file_same")
    listing = "\n".join(esc(c) for c in proposal.changes)
    if proposal.more > 0:
        listing += "\n" + t(lang, "and_more", count=proposal.more)
    return t(lang, "file_preview", summary=proposal.summary, changes=listing)


def roster_text(kind: str, proposal: RosterProposal, lang: str) -> str:
    """Ask to confirm a promote or remove, or say why not."""
    if not proposal.key or proposal.name is None:
        return t(lang, f"{kind}_usage")
    if proposal.problem:
        return t(lang, proposal.problem)
    return t(lang, f"{kind}_confirm", name=esc(proposal.name), key=esc(proposal.key))


def outcome_text(outcome: Outcome, lang: str) -> str:
    """What a confirmed or dropped change did."""
    if outcome.text == "change_done":
        return t(lang, "change_done", summary=outcome.summary)
    if outcome.text == "change_refused":
        return refusal_text(outcome.reason, lang)
    if outcome.text in ("promoted", "removed"):
        return t(lang, outcome.text, name=esc(outcome.name))
    return t(lang, outcome.text)


# Not started yet is for the organisers to chase; blocked is the member's choice.
_UNREACHABLE = {"not_started": "unreachable_not_started", "blocked": "unreachable_blocked"}


def members_text(roster: Roster, lang: str) -> str:
    """Who joined, role, groups, last seen, who cannot be reached."""
    lines = [t(lang, "members_heading")]
    for m in roster.members:
        seen = t(lang, "never_seen")
        if m.last_seen is not None:
            local = zones.to_local(m.last_seen, roster.zone)
            seen = f"{day_label(lang, local.date())} {local:%H:%M}"
        joined = t(lang, "joined") if m.joined else t(lang, "not_joined")
        if m.joined and m.telegram:
            joined = t(lang, "joined_as", who=esc(m.telegram))
        flags = f" ⚠️ {t(lang, _UNREACHABLE.get(m.unreachable_reason or '', 'unreachable'))}"
        flags = flags if m.unreachable else ""
        group_text = f" [{', '.join(m.groups)}]" if m.groups else ""
        lines.append(
            f"• <b>{esc(m.name)}</b> ({esc(m.key)}), {t(lang, f'role_name_{m.role}')}"
            f"{esc(group_text)}: {joined}, {t(lang, 'last_seen')} {seen}{flags}"
        )
    return "\n".join(lines)


def invite_text(role: str, link: str, lang: str) -> str:
    """The one-time link for a new member or organiser."""
    return t(lang, "invite_link", role=t(lang, f"role_{role}"), link=link)
