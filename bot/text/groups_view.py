"""What ``/groups`` shows organisers: every group, one member's groups, a change made."""

from __future__ import annotations

from bot.services.member_groups import GroupChange, GroupListing
from bot.text.i18n import t
from bot.text.render import esc


def listing_text(listing: GroupListing, lang: str) -> str:
    """Return every group with its members, and how to change them."""
    if not listing.groups:
        return t(lang, "groups_none") + "\n\n" + t(lang, "groups_usage")
    lines = [t(lang, "groups_heading")]
    lines += [f"• <b>{esc(group)}</b>: {esc(', '.join(names))}" for group, names in listing.groups]
    return "\n".join(lines) + "\n\n" + t(lang, "groups_usage")


def change_text(change: GroupChange, lang: str, *, asked_to_change: bool) -> str:
    """Return a member's groups after ``/groups KEY [add|remove …]``, or what went wrong."""
    if change.problem is not None:
        return t(lang, "groups_bad_name", reason=esc(change.problem))
    if change.name is None:
        return t(lang, "groups_no_member", key=esc(change.key))
    groups = esc(", ".join(change.groups)) if change.groups else t(lang, "groups_empty")
    line = t(lang, "groups_of", name=esc(change.name), key=esc(change.key), groups=groups)
    if not asked_to_change:
        return line
    return line + "\n" + t(lang, "groups_replanned" if change.changed else "groups_unchanged")
