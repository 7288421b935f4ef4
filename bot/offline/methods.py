"""The Bot API methods that change or read the local API's memory, one handler each."""

from __future__ import annotations

import json

from bot.offline.apicore import JSON, ApiCore, SentMessage, bad_request
from bot.offline.checks import MAX_CAPTION, MAX_TEXT, checked_markup, readable

Files = dict[str, bytes]


def _commands_key(params: JSON) -> str:
    scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
    return f"{scope}|{params.get('language_code') or ''}"


class ApiMethods(ApiCore):
    """Answers ``sendMessage``, ``editMessageText`` and the other methods Comitiva calls."""

    def _set_webhook(self, params: JSON, _files: Files) -> bool:
        self.state.webhook = dict(params)
        return True

    def _set_my_commands(self, params: JSON, _files: Files) -> bool:
        self.state.commands[_commands_key(params)] = list(params["commands"])
        return True

    def _get_my_commands(self, params: JSON, _files: Files) -> list[JSON]:
        return self.state.commands.get(_commands_key(params), [])

    def _send_message(self, params: JSON, _files: Files) -> JSON:
        chat = self._chat(params.get("chat_id"))
        html, text = readable(params, "text", MAX_TEXT)
        markup = checked_markup(params.get("reply_markup"))
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, html, markup))
        return self._message(chat, sent, {"text": text})

    def _edited(self, params: JSON) -> tuple[JSON, SentMessage]:
        chat = self._chat(params.get("chat_id"))
        sent = self.state.messages.get((chat["id"], int(params.get("message_id") or 0)))
        if sent is None:
            raise bad_request("message to edit not found")
        return chat, sent

    def _edit_message_text(self, params: JSON, _files: Files) -> JSON:
        chat, sent = self._edited(params)
        html, text = readable(params, "text", MAX_TEXT)
        markup = checked_markup(params.get("reply_markup"))
        if html == sent.html and markup == sent.reply_markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.html, sent.text, sent.reply_markup = html, text, markup
        sent.edits += 1
        return self._message(chat, sent, {"text": text, "edit_date": self._timestamp()})

    def _edit_reply_markup(self, params: JSON, _files: Files) -> JSON:
        chat, sent = self._edited(params)
        markup = checked_markup(params.get("reply_markup"))
        if markup == sent.reply_markup:
            raise bad_request("message is not modified")
        sent.reply_markup = markup
        sent.edits += 1
        return self._message(chat, sent, {"text": sent.text, "edit_date": self._timestamp()})

    def _answer_callback_query(self, params: JSON, _files: Files) -> bool:
        self.state.callback_answers.append(dict(params))
        return True

    def _answer_inline_query(self, params: JSON, _files: Files) -> bool:
        self.state.inline_answers.append(dict(params))
        return True

    def _send_document(self, params: JSON, files: Files) -> JSON:
        chat = self._chat(params.get("chat_id"))
        html, text = readable(params, "caption", MAX_CAPTION, required=False)
        content = next(iter(files.values()), b"")
        name = str(params.get("_filename") or "document")
        sent = SentMessage(chat["id"], next(self._ids), text, html, kind="document")
        sent.document, sent.filename = content, name
        document = self._document(name, content)
        self._record(sent)
        return self._message(chat, sent, {"document": document, "caption": text})

    def _send_photo(self, params: JSON, files: Files) -> JSON:
        chat = self._chat(params.get("chat_id"))
        html, text = readable(params, "caption", MAX_CAPTION, required=False)
        content = next(iter(files.values()), b"")
        sent = SentMessage(chat["id"], next(self._ids), text, html, kind="photo")
        sent.document, sent.filename = content, "photo.png"
        file_id = self._store_file(content)
        # One size only: Telegram sends several, and the last one is the largest.
        size = {"file_id": file_id, "file_unique_id": file_id, "width": 0, "height": 0}
        self._record(sent)
        return self._message(chat, sent, {"photo": [size], "caption": text})

    def _send_venue(self, params: JSON, _files: Files) -> JSON:
        chat = self._chat(params.get("chat_id"))
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        text = f"{params.get('title', '')}\n{params.get('address', '')}".strip()
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, text, kind="venue"))
        venue = {
            "location": location,
            "title": params.get("title"),
            "address": params.get("address"),
        }
        return self._message(chat, sent, {"venue": venue, "location": location})

    def _send_location(self, params: JSON, _files: Files) -> JSON:
        chat = self._chat(params.get("chat_id"))
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        text = f"{location['latitude']}, {location['longitude']}"
        sent = self._record(SentMessage(chat["id"], next(self._ids), text, text, kind="location"))
        return self._message(chat, sent, {"location": location})

    def _delete_message(self, params: JSON, _files: Files) -> bool:
        chat = self._chat(params.get("chat_id"))
        if self.state.messages.pop((chat["id"], int(params.get("message_id") or 0)), None) is None:
            raise bad_request("message to delete not found")
        return True

    def _get_file(self, params: JSON, _files: Files) -> JSON:
        file_id = str(params.get("file_id"))
        if file_id not in self.state.files:
            raise bad_request("invalid file_id")
        size = len(self.state.files[file_id])
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": size,
            "file_path": file_id,
        }
