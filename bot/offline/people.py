"""The people's side of the local Bot API: users and chats, and the updates they send."""

from __future__ import annotations

from bot.offline.apicore import JSON, ApiCore, SentMessage


class PeopleSide(ApiCore):
    """Makes users and groups, and builds the updates their messages and presses become."""

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JSON:
        """Make (or return) a Telegram user and their private chat with the bot."""
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.state.users[user_id] = user
        self.state.chats.setdefault(
            user_id, {"id": user_id, "type": "private", "first_name": first_name}
        )
        return user

    def group(self, chat_id: int, title: str) -> JSON:
        """Make (or return) a group chat the bot is in."""
        return self.state.chats.setdefault(
            chat_id, {"id": chat_id, "type": "supergroup", "title": title}
        )

    def block(self, user_id: int, blocked: bool = True) -> None:
        """Mark a user as having blocked the bot (or unblocked it)."""
        (self.state.blocked.add if blocked else self.state.blocked.discard)(user_id)

    def push(self, kind: str, payload: JSON) -> JSON:
        """Queue an update for ``getUpdates`` and return it."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self.state.updates.append(update)
        self._new_update.set()
        return update

    def message_update(
        self,
        user: JSON,
        text: str | None = None,
        *,
        chat: JSON | None = None,
        document: tuple[str, bytes] | None = None,
        forwarded_from: JSON | None = None,
        queue: bool = True,
    ) -> JSON:
        """Build the update for a message a person sends (queued for polling by default)."""
        chat = chat or self.state.chats[user["id"]]
        message: JSON = {
            "message_id": next(self._ids),
            "date": self._timestamp(),
            "chat": chat,
            "from": user,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}
                ]
        if document is not None:
            message["document"] = self._document(*document)
        if forwarded_from is not None:
            message["forward_origin"] = {
                "type": "user",
                "date": self._timestamp(),
                "sender_user": forwarded_from,
            }
        return self._queue_or_wrap("message", message, queue)

    def press_update(
        self, user: JSON, sent: SentMessage, data: str, *, queue: bool = True
    ) -> JSON:
        """Build the update for a button press on a message the bot sent."""
        chat = self.state.chats[sent.chat_id]
        message = self._message(chat, sent, {"text": sent.text})
        query = {
            "id": str(next(self._ids)),
            "from": user,
            "chat_instance": str(chat["id"]),
            "message": message,
            "data": data,
        }
        return self._queue_or_wrap("callback_query", query, queue)

    def inline_update(self, user: JSON, query: str, *, queue: bool = True) -> JSON:
        """Build the update for an inline query (``@bot something`` typed in any chat)."""
        payload = {"id": str(next(self._ids)), "from": user, "query": query, "offset": ""}
        return self._queue_or_wrap("inline_query", payload, queue)

    def edited_update(self, user: JSON, text: str, *, queue: bool = True) -> JSON:
        """Build the update for a message a person edited."""
        chat = self.state.chats[user["id"]]
        message = {
            "message_id": next(self._ids),
            "date": self._timestamp(),
            "chat": chat,
            "from": user,
            "text": text,
            "edit_date": self._timestamp(),
        }
        return self._queue_or_wrap("edited_message", message, queue)

    def _queue_or_wrap(self, kind: str, payload: JSON, queue: bool) -> JSON:
        if queue:
            return self.push(kind, payload)
        return {"update_id": next(self._update_ids), kind: payload}

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        """Return what the bot sent to a chat, oldest first (edits show the latest text)."""
        return [m for m in self.state.sent if m.chat_id == chat_id]
