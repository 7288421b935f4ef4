"""The local Bot API answers like Telegram where it matters: refusals, updates, commands."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.offline.localapi import BOT_ID, JSON, LocalBotApi, LocalRequest

ALICE = 101
BLOCKER = 102
NOWHERE = 999


@pytest.fixture
def api() -> LocalBotApi:
    """A local Bot API with two private chats, one of them blocked."""
    api = LocalBotApi()
    api.user(ALICE, "Alice")
    api.user(BLOCKER, "Bob")
    api.block(BLOCKER)
    return api


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    """python-telegram-bot's Bot, talking to the local API."""
    request = LocalRequest(api)
    async with Bot("0:local", request=request, get_updates_request=request) as bot:
        yield bot


def keyboard(callback_data: str) -> JSON:
    """Return a one-button inline keyboard."""
    return {"inline_keyboard": [[{"text": "Press", "callback_data": callback_data}]]}


async def send(api: LocalBotApi, **params: object) -> tuple[int, JSON]:
    """Call sendMessage to Alice with ``params``."""
    return await api.call("sendMessage", {"chat_id": ALICE, **params})


# Sending


async def test_a_message_is_recorded_as_sent_and_as_seen(api: LocalBotApi) -> None:
    status, body = await send(api, text="<b>Hi</b> &amp; bye", parse_mode="HTML")
    assert status == 200
    assert body["ok"] is True
    assert body["result"]["chat"]["id"] == ALICE
    [sent] = api.sent_to(ALICE)
    assert (sent.text, sent.html, sent.kind) == ("Hi & bye", "<b>Hi</b> &amp; bye", "text")


async def test_a_text_of_4096_characters_is_accepted(api: LocalBotApi) -> None:
    status, _ = await send(api, text="x" * 4096)
    assert status == 200


async def test_a_text_over_4096_characters_is_too_long(api: LocalBotApi) -> None:
    status, body = await send(api, text="x" * 4097)
    assert status == 400
    assert body["ok"] is False
    assert body["error_code"] == 400
    assert "message is too long" in body["description"]
    assert api.sent_to(ALICE) == []


async def test_length_counts_what_is_shown_not_the_markup(api: LocalBotApi) -> None:
    status, _ = await send(api, text=f"<b>{'x' * 4096}</b>", parse_mode="HTML")
    assert status == 200


async def test_length_counts_utf16_units_as_telegram_does(api: LocalBotApi) -> None:
    status, body = await send(api, text="🇰" * 2049)  # 4098 UTF-16 code units
    assert status == 400
    assert "message is too long" in body["description"]


async def test_an_empty_text_is_refused(api: LocalBotApi) -> None:
    status, body = await send(api, text="  ")
    assert status == 400
    assert "message text is empty" in body["description"]


@pytest.mark.parametrize(
    "html", ["<b>x", "a & b", "<foo>x</foo>", "x < y", "<b>x</i>", "<b><i>x</b></i>"]
)
async def test_malformed_html_cannot_be_parsed(api: LocalBotApi, html: str) -> None:
    status, body = await send(api, text=html, parse_mode="HTML")
    assert status == 400
    assert "can't parse entities" in body["description"]
    assert api.sent_to(ALICE) == []


@pytest.mark.parametrize("html", ["a & b", "<foo>x</foo>", "x < y"])
async def test_the_same_characters_without_parse_mode_are_plain_text(
    api: LocalBotApi, html: str
) -> None:
    status, _ = await send(api, text=html)
    assert status == 200
    assert api.sent_to(ALICE)[0].text == html


@pytest.mark.parametrize(
    "html",
    [
        "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x41;",
        '<a href="https://example.org/?a=1&amp;b=2">link</a>',
        "<b>bold <i>italic</i></b> <code>x</code> <tg-spoiler>s</tg-spoiler>",
    ],
)
async def test_well_formed_html_is_accepted(api: LocalBotApi, html: str) -> None:
    status, _ = await send(api, text=html, parse_mode="HTML")
    assert status == 200


async def test_callback_data_of_64_bytes_is_accepted(api: LocalBotApi) -> None:
    status, _ = await send(api, text="x", reply_markup=keyboard("d" * 64))
    assert status == 200
    assert api.sent_to(ALICE)[0].buttons() == [{"text": "Press", "callback_data": "d" * 64}]


@pytest.mark.parametrize("data", ["d" * 65, "가" * 22, ""])  # 65 bytes, 66 bytes, empty
async def test_callback_data_outside_1_to_64_bytes_is_invalid(api: LocalBotApi, data: str) -> None:
    status, body = await send(api, text="x", reply_markup=keyboard(data))
    assert status == 400
    assert "BUTTON_DATA_INVALID" in body["description"]
    assert api.sent_to(ALICE) == []


async def test_a_user_who_blocked_the_bot_answers_403(api: LocalBotApi) -> None:
    status, body = await api.call("sendMessage", {"chat_id": BLOCKER, "text": "x"})
    assert status == 403
    assert body["error_code"] == 403
    assert "bot was blocked by the user" in body["description"]
    assert api.sent_to(BLOCKER) == []


async def test_an_unblocked_user_can_be_written_to_again(api: LocalBotApi) -> None:
    api.block(BLOCKER, blocked=False)
    status, _ = await api.call("sendMessage", {"chat_id": BLOCKER, "text": "x"})
    assert status == 200


@pytest.mark.parametrize("chat_id", [NOWHERE, "not-a-chat", None])
async def test_an_unknown_chat_is_not_found(api: LocalBotApi, chat_id: object) -> None:
    status, body = await api.call("sendMessage", {"chat_id": chat_id, "text": "x"})
    assert status == 400
    assert "chat not found" in body["description"]


async def test_an_unknown_method_is_not_found(api: LocalBotApi) -> None:
    status, body = await api.call("sendTelepathy", {})
    assert status == 404
    assert body["ok"] is False


# Editing


async def test_editing_changes_the_message_in_place(api: LocalBotApi) -> None:
    _, body = await send(api, text="one")
    message_id = body["result"]["message_id"]
    status, _ = await api.call(
        "editMessageText", {"chat_id": ALICE, "message_id": message_id, "text": "two"}
    )
    assert status == 200
    [sent] = api.sent_to(ALICE)
    assert (sent.text, sent.edits) == ("two", 1)


async def edit_keeping_the_text(api: LocalBotApi, button: str) -> tuple[int, JSON]:
    """Send "same" with a button "k", then edit it to "same" with a button ``button``."""
    _, body = await send(api, text="same", reply_markup=keyboard("k"))
    params = {
        "chat_id": ALICE,
        "message_id": body["result"]["message_id"],
        "text": "same",
        "reply_markup": keyboard(button),
    }
    return await api.call("editMessageText", params)


async def test_editing_to_identical_content_is_not_modified(api: LocalBotApi) -> None:
    status, answer = await edit_keeping_the_text(api, "k")
    assert status == 400
    assert "message is not modified" in answer["description"]
    assert api.sent_to(ALICE)[0].edits == 0


async def test_editing_only_the_buttons_is_a_modification(api: LocalBotApi) -> None:
    status, _ = await edit_keeping_the_text(api, "other")
    assert status == 200


async def test_editing_a_message_that_does_not_exist_is_refused(api: LocalBotApi) -> None:
    status, body = await api.call(
        "editMessageText", {"chat_id": ALICE, "message_id": 4242, "text": "x"}
    )
    assert status == 400
    assert "message to edit not found" in body["description"]


# Updates, identity, commands


async def test_get_updates_returns_what_is_queued_in_order(api: LocalBotApi) -> None:
    user = api.user(ALICE, "Alice")
    first = api.message_update(user, "one")
    second = api.message_update(user, "two")
    status, body = await api.call("getUpdates", {})
    assert status == 200
    assert [u["update_id"] for u in body["result"]] == [first["update_id"], second["update_id"]]
    assert [u["message"]["text"] for u in body["result"]] == ["one", "two"]


async def test_get_updates_drops_updates_below_the_offset(api: LocalBotApi) -> None:
    user = api.user(ALICE, "Alice")
    first = api.message_update(user, "one")
    second = api.message_update(user, "two")
    third = api.message_update(user, "three")
    _, body = await api.call("getUpdates", {"offset": second["update_id"]})
    assert [u["update_id"] for u in body["result"]] == [second["update_id"], third["update_id"]]
    _, again = await api.call("getUpdates", {})
    assert first["update_id"] not in [u["update_id"] for u in again["result"]]


async def test_get_updates_honours_the_limit(api: LocalBotApi) -> None:
    user = api.user(ALICE, "Alice")
    for text in ("one", "two", "three"):
        api.message_update(user, text)
    _, body = await api.call("getUpdates", {"limit": 2})
    assert [u["message"]["text"] for u in body["result"]] == ["one", "two"]


async def test_get_updates_with_nothing_queued_returns_nothing(api: LocalBotApi) -> None:
    _, body = await api.call("getUpdates", {"timeout": 0})
    assert body["result"] == []


async def test_an_update_built_without_queueing_is_not_polled(api: LocalBotApi) -> None:
    api.message_update(api.user(ALICE, "Alice"), "hi", queue=False)
    _, body = await api.call("getUpdates", {})
    assert body["result"] == []


async def test_get_me_says_who_the_bot_is(api: LocalBotApi) -> None:
    status, body = await api.call("getMe", {})
    assert status == 200
    assert body["result"]["id"] == BOT_ID
    assert body["result"]["is_bot"] is True
    assert body["result"]["username"] == "comitiva_bot"


async def test_commands_are_stored_per_language(api: LocalBotApi) -> None:
    english = [{"command": "today", "description": "Today's programme"}]
    korean = [{"command": "today", "description": "오늘 일정"}]
    await api.call("setMyCommands", {"commands": english})
    await api.call("setMyCommands", {"commands": korean, "language_code": "ko"})
    _, default = await api.call("getMyCommands", {})
    _, ko = await api.call("getMyCommands", {"language_code": "ko"})
    _, es = await api.call("getMyCommands", {"language_code": "es"})
    assert default["result"] == english
    assert ko["result"] == korean
    assert es["result"] == []


# Through python-telegram-bot


async def test_ptb_bot_learns_its_identity_from_the_local_api(bot: Bot) -> None:
    assert bot.id == BOT_ID
    assert bot.username == "comitiva_bot"


async def test_ptb_sends_html_and_the_api_records_it(bot: Bot, api: LocalBotApi) -> None:
    message = await bot.send_message(ALICE, "<b>Hi</b>", parse_mode=ParseMode.HTML)
    assert message.text == "Hi"
    assert api.sent_to(ALICE)[0].html == "<b>Hi</b>"


async def test_ptb_raises_forbidden_for_a_user_who_blocked_the_bot(bot: Bot) -> None:
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(BLOCKER, "x")


async def test_ptb_raises_bad_request_for_a_text_too_long(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ALICE, "x" * 4097)


async def test_ptb_raises_bad_request_for_malformed_html(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ALICE, "a & b", parse_mode=ParseMode.HTML)


async def test_ptb_raises_bad_request_for_an_unknown_chat(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(NOWHERE, "x")


async def test_ptb_raises_bad_request_for_long_callback_data(bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Press", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(ALICE, "x", reply_markup=markup)


async def test_ptb_raises_bad_request_for_an_edit_that_changes_nothing(bot: Bot) -> None:
    message = await bot.send_message(ALICE, "same")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("same", chat_id=ALICE, message_id=message.message_id)


async def test_ptb_sets_and_reads_commands_per_language(bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("today", "Today's programme")])
    await bot.set_my_commands([BotCommand("today", "오늘 일정")], language_code="ko")
    assert [c.description for c in await bot.get_my_commands()] == ["Today's programme"]
    assert [c.description for c in await bot.get_my_commands(language_code="ko")] == ["오늘 일정"]


async def test_ptb_polls_updates_and_acknowledges_them_by_offset(
    bot: Bot, api: LocalBotApi
) -> None:
    user = api.user(ALICE, "Alice")
    api.message_update(user, "one")
    api.message_update(user, "two")
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates if u.message] == ["one", "two"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_ptb_sends_a_document_the_api_keeps_with_its_name(
    bot: Bot, api: LocalBotApi
) -> None:
    await bot.send_document(ALICE, b"BEGIN:VCALENDAR", filename="trip.ics", caption="Yours")
    [sent] = api.sent_to(ALICE)
    assert (sent.kind, sent.document, sent.filename, sent.text) == (
        "document",
        b"BEGIN:VCALENDAR",
        "trip.ics",
        "Yours",
    )
