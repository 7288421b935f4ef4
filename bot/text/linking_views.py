"""What people see of linking: "Are you …?", the organisers' request, ``/link`` previews.

The buttons are typed callback data of their own: ``iam:yes:4`` (the newcomer answers about
member 4), ``claim:ok:12`` (an organiser decides the claim parked as row 12) and
``lnk:ok:13`` (an organiser confirms the ``/link`` parked as row 13).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.linking import Claim, Decision, Guess, LinkOutcome, LinkProposal
from bot.services.linking_merge import Merged, Pair
from bot.text.callbacks import CallbackData
from bot.text.i18n import pick_language, t
from bot.text.render import esc


@dataclass(frozen=True)
class AreYouButton(CallbackData):
    """The newcomer says they are (``yes``) or are not (``new``) itinerary member ``member_id``."""

    PREFIX: ClassVar[str] = "iam"
    action: str  # yes | new
    member_id: int


@dataclass(frozen=True)
class ClaimButton(CallbackData):
    """An organiser confirms (``ok``) or refuses (``no``) the claim parked as ``change_id``."""

    PREFIX: ClassVar[str] = "claim"
    action: str  # ok | no
    change_id: int


@dataclass(frozen=True)
class LinkButton(CallbackData):
    """An organiser confirms (``ok``) or drops (``no``) the ``/link`` parked as ``change_id``."""

    PREFIX: ClassVar[str] = "lnk"
    action: str  # ok | no
    change_id: int


def _row(lang: str, *buttons: tuple[str, CallbackData]) -> InlineKeyboardMarkup:
    keys = [InlineKeyboardButton(t(lang, label), callback_data=b.pack()) for label, b in buttons]
    return InlineKeyboardMarkup([keys])


def ask_text(guess: Guess, lang: str) -> str:
    """Ask a newcomer whether they are the itinerary member their name matches."""
    return t(lang, "link_ask", name=esc(guess.name))


def ask_keyboard(guess: Guess, lang: str) -> InlineKeyboardMarkup:
    """[Yes] [No, I am new] under the question."""
    return _row(
        lang,
        ("link_yes", AreYouButton("yes", guess.member_id)),
        ("link_new", AreYouButton("new", guess.member_id)),
    )


def claimed_text(claim: Claim, lang: str) -> str:
    """Tell the newcomer what their "Yes" did."""
    if claim.outcome == "gone":
        return t(lang, "link_gone")
    if claim.outcome == "already":
        return t(lang, "link_already_asked", name=esc(claim.name))
    if not claim.organisers:
        return t(lang, "link_nobody", name=esc(claim.name))
    return t(lang, "link_asked", name=esc(claim.name))


def request_text(claim: Claim, lang: str) -> str:
    """The request each organiser gets to confirm or refuse."""
    return t(
        lang, "claim_request", joiner=esc(claim.joiner), key=esc(claim.joiner_key),
        name=esc(claim.name),
    )  # fmt: skip


def request_keyboard(change_id: int, lang: str) -> InlineKeyboardMarkup:
    """[Confirm] [Refuse] under an organiser's copy of the request."""
    return _row(
        lang,
        ("confirm", ClaimButton("ok", change_id)),
        ("claim_refuse", ClaimButton("no", change_id)),
    )


def decided_text(decision: Decision, lang: str, *, by: str | None = None) -> str:
    """What the deciding organiser's copy says, or (``by`` named) every other copy."""
    if decision.outcome == "failed":
        return t(lang, "claim_failed", reason=t(lang, decision.problem or "link_gone", key=""))
    names = {"joiner": esc(decision.joiner), "name": esc(decision.name)}
    if by is not None:
        return t(lang, f"claim_closed_{decision.outcome}", by=esc(by), **names)
    return t(lang, f"claim_{decision.outcome}", **names)


def person_text(decision: Decision) -> str:
    """Tell the newcomer what the organisers decided, in their language."""
    return t(decision.person_lang, f"person_{decision.outcome}", name=esc(decision.name))


def link_preview_text(proposal: LinkProposal, lang: str) -> str:
    """The ``/link`` preview, or why it cannot be done."""
    if proposal.problem:
        return t(lang, proposal.problem, key=esc(proposal.key))
    joined, name = proposal.names
    return t(
        lang, "link_preview", joined=esc(joined), joined_key=esc(proposal.joined),
        name=esc(name), key=esc(proposal.target),
    )  # fmt: skip


def link_keyboard(change_id: int, lang: str) -> InlineKeyboardMarkup:
    """[Confirm] [Cancel] under a ``/link`` preview."""
    return _row(
        lang, ("confirm", LinkButton("ok", change_id)), ("cancel", LinkButton("no", change_id))
    )


def link_outcome_text(outcome: LinkOutcome, lang: str) -> str:
    """What pressing Confirm or Cancel on a ``/link`` preview did."""
    if outcome.outcome == "expired":
        return t(lang, "change_expired")
    if outcome.outcome == "dropped":
        return t(lang, "change_dropped")
    merged = outcome.merged
    if merged.problem:
        return t(lang, "claim_failed", reason=t(lang, merged.problem, key=esc(merged.key)))
    return t(lang, "link_done", name=esc(merged.name))


def linked_person_text(merged: Merged) -> str:
    """Tell the person an organiser's ``/link`` made them the itinerary member."""
    return t(pick_language(merged.language, None), "person_linked", name=esc(merged.name))


def pair_line(pair: Pair) -> str:
    """One likely duplicate for ``comitiva members --duplicates``, with the command to mend it."""
    return (
        f"{pair.joined_key} ({pair.joined_name}) = {pair.member_key} ({pair.member_name}): "
        f"/link {pair.joined_key} {pair.member_key}"
    )
