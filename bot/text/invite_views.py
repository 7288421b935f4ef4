"""What organisers see of personal invites: the members to pick, a member's link."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.invites import PersonalInvite, Waiting
from bot.text.buttons import InviteButton
from bot.text.i18n import t
from bot.text.render import esc


def pick_text(waiting: list[Waiting], lang: str) -> str:
    """Ask which member to invite, or say that everyone has joined."""
    return t(lang, "invite_pick" if waiting else "invite_everyone_joined")


def pick_keyboard(waiting: list[Waiting]) -> InlineKeyboardMarkup | None:
    """One button per member who has not joined, two to a row."""
    if not waiting:
        return None
    buttons = [
        InlineKeyboardButton(f"{w.name} ({w.key})", callback_data=InviteButton(w.member_id).pack())
        for w in waiting
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def personal_text(made: PersonalInvite, link: str, lang: str) -> str:
    """A member's personal link, to forward to them."""
    return t(lang, "invite_personal", name=esc(made.name), key=esc(made.key), link=link)


def caption(made: PersonalInvite, lang: str) -> str:
    """The caption under a member's QR picture."""
    return t(lang, "invite_qr_caption", name=esc(made.name))


def taken_text(name: str, key: str, who: str, lang: str) -> str:
    """Tell an organiser that someone else tried a member's used personal link."""
    return t(lang, "invite_taken_organisers", name=name, key=key, who=who)
