"""What organisers and members see of announcements: previews, buttons, reports, lists."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.announcing import AcksReport, Draft, Waiting, When
from bot.text.buttons import AnnouncementButton, AudienceButton, GotItButton
from bot.text.i18n import t
from bot.text.render import moment

SHOWN_GROUPS = 6  # audience buttons on a preview, besides "everyone"


def audience_label(audience: str, lang: str) -> str:
    """``everyone``, ``group advance``, ``attendees of cabei-meeting``."""
    kind, _, value = audience.partition(":")
    if kind == "group":
        return t(lang, "audience_group", name=html.escape(value))
    if kind == "event":
        return t(lang, "audience_event", name=html.escape(value))
    return t(lang, "audience_all")


def local_when(when: When, lang: str) -> str:
    """``Wed 9 Jun 07:00 (Panama City, UTC−5)``: where the delegation is at that instant."""
    if when.zone is None:
        return f"{when.instant:%Y-%m-%d %H:%M} UTC"
    return moment(when.instant, when.zone, when.stops, lang)


def preview(draft: Draft, lang: str) -> str:
    """The draft as the organiser checks it before sending."""
    audience = audience_label(draft.audience, lang)
    lines = [t(lang, "announce_preview", audience=audience, count=draft.reachable)]
    if draft.unreachable:
        lines.append(t(lang, "announce_unreachable", count=draft.unreachable))
    if draft.send_at is not None:
        lines.append(t(lang, "announce_at", when=local_when(draft.send_at, lang)))
    if draft.nudge_minutes:
        lines.append(t(lang, "announce_nudge", minutes=draft.nudge_minutes))
    return "\n".join(lines) + "\n\n" + html.escape(draft.text)


def preview_keyboard(draft: Draft, lang: str) -> InlineKeyboardMarkup:
    """Audience buttons one per row, the chosen one marked, then Send and Cancel."""
    number = draft.id
    choices = [(t(lang, "audience_all"), "all", AudienceButton("to", number, "all"))]
    choices += [
        (g, f"group:{g}", AudienceButton.for_group(number, g, i))
        for i, g in enumerate(draft.groups[:SHOWN_GROUPS])
    ]
    rows = [
        [InlineKeyboardButton(_marked(label, audience == draft.audience), callback_data=b.pack())]
        for label, audience, b in choices
    ]
    send = AnnouncementButton("send", number).pack()
    drop = AnnouncementButton("drop", number).pack()
    rows.append(
        [
            InlineKeyboardButton(t(lang, "send"), callback_data=send),
            InlineKeyboardButton(t(lang, "cancel"), callback_data=drop),
        ]
    )
    return InlineKeyboardMarkup(rows)


def _marked(label: str, chosen: bool) -> str:
    return f"✅ {label}" if chosen else label


def unknown_audience_text(audience: str, nearest: tuple[str, ...], lang: str) -> str:
    """``Not sent: there is no group partnerz. Nearest: partners, press.``"""
    names = ", ".join(html.escape(n) for n in nearest) or "—"
    label = audience_label(audience, lang)
    return t(lang, "announce_unknown_audience", audience=label, nearest=names)


def recorded_keyboard(announcement_id: int, lang: str) -> InlineKeyboardMarkup:
    """The "Got it" button once the press is recorded."""
    data = GotItButton(announcement_id).pack()
    label = t(lang, "got_it_recorded")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def acks_text(report: AcksReport, lang: str) -> str:
    """Who acknowledged, who has not, who cannot be reached."""
    acked, silent, unreachable = (
        [html.escape(name) for name in names]
        for names in (report.acked, report.silent, report.unreachable)
    )
    lines = [t(lang, "acks_heading", text=html.escape(report.text[:60]))]
    lines.append(t(lang, "acks_yes", count=len(acked), names=", ".join(acked) or "—"))
    lines.append(t(lang, "acks_no", count=len(silent), names=", ".join(silent) or "—"))
    lines.append(
        t(lang, "acks_unreachable", count=len(unreachable), names=", ".join(unreachable) or "—")
    )
    return "\n".join(lines)


def acks_keyboard(report: AcksReport, lang: str) -> InlineKeyboardMarkup | None:
    """ "Send again" to those who have not acknowledged, if there are any."""
    if not report.silent:
        return None
    label = t(lang, "announce_again", count=len(report.silent))
    data = AnnouncementButton("again", report.id).pack()
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def scheduled_text(waiting: tuple[Waiting, ...], lang: str) -> str:
    """The announcements waiting for their time."""
    if not waiting:
        return t(lang, "scheduled_none")
    lines = [t(lang, "scheduled_heading")]
    for item in waiting:
        lines.append(f"{item.id}. {local_when(item.send_at, lang)}: {html.escape(item.text[:80])}")
    return "\n".join(lines)


def scheduled_keyboard(waiting: tuple[Waiting, ...], lang: str) -> InlineKeyboardMarkup | None:
    """A cancel button for each scheduled announcement."""
    if not waiting:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "unschedule", number=item.id),
                    callback_data=AnnouncementButton("unschedule", item.id).pack(),
                )
            ]
            for item in waiting
        ]
    )
