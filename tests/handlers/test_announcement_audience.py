"""Announcements reach the right people: a wrong group is refused, buttons mark the choice,
and members see who sent it."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from bot.storage import models as db
from bot.storage.db import session_scope
from tests.botkit import MEMBER_ID, BotHarness, bind
from tests.handlers.test_organiser_flows import data_of


async def test_an_unknown_group_is_refused_with_the_nearest_names(harness: BotHarness) -> None:
    [refused] = await harness.send(harness.organiser, "/announce to:leadz Lobby call 07:15")
    assert refused.text.startswith("Not sent: nobody is in group leadz. Nearest: leads")
    assert refused.buttons() == []
    with session_scope(harness.engine) as session:
        assert session.exec(select(func.count()).select_from(db.Announcement)).one() == 0


async def test_audience_buttons_are_one_per_row_and_the_chosen_one_is_marked(
    harness: BotHarness,
) -> None:
    [preview] = await harness.send(harness.organiser, "/announce Lobby call 07:15")
    assert preview.reply_markup is not None
    rows = preview.reply_markup["inline_keyboard"]
    assert all(len(row) == 1 for row in rows[:-1])
    assert rows[0][0]["text"] == "✅ everyone"
    await harness.tap(harness.organiser, preview, "leads")
    labels = [b["text"] for b in preview.buttons()]
    assert "✅ leads" in labels
    assert "everyone" in labels
    assert "to group leads (1 members)" in preview.text


async def test_an_announcement_is_signed_with_the_organisers_name(harness: BotHarness) -> None:
    harness.member  # noqa: B018 - Kim has started the bot
    [preview] = await harness.send(harness.organiser, "/announce Lobby call 07:15")
    assert preview.text.endswith("Lobby call 07:15\n\n— Choi Jong-uk")
    await harness.press(harness.organiser, preview, data_of(preview, "send"))
    await harness.alarm.dispatch()
    [kims] = [m for m in harness.api.sent_to(MEMBER_ID) if "Lobby call" in m.text]
    assert "Lobby call 07:15\n\n— Choi Jong-uk" in kims.text


async def test_the_report_names_who_was_not_reached_and_why(harness: BotHarness) -> None:
    harness.member  # noqa: B018 - Kim has started the bot
    bind(harness.engine, "lee", 1003)  # Lee is known but never pressed Start
    [preview] = await harness.send(harness.organiser, "/announce to:partners Lobby call 07:15")
    await harness.press(harness.organiser, preview, data_of(preview, "send"))
    await harness.alarm.dispatch()
    assert preview.text.startswith("Done: delivered")
    assert "Not reached: " in preview.text
    assert "Lee Seung-hyun (never started the bot)" in preview.text
    assert "(not joined yet)" in preview.text
