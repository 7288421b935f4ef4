"""``comitiva run --webhook-url``: updates posted with the secret are handled, others refused."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID
from tests.process.test_run import call, free_port, sent_to, start_bot, stop, wait_for

SECRET = "s3cret-token_for-tests"


def post(url: str, payload: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def today_update(update_id: int) -> dict[str, Any]:
    user = {"id": MEMBER_ID, "is_bot": False, "first_name": "Min-seo"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1623160200,
            "from": user,
            "chat": {"id": MEMBER_ID, "type": "private", "first_name": "Min-seo"},
            "text": "/today",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def test_webhook_handles_updates_with_the_secret_and_refuses_the_rest(
    tmp_path: Path, sandbox: str, sample: Itinerary
) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram"
    call(f"{sandbox}/sandbox/users", {"ids": [MEMBER_ID]})
    bot = start_bot(
        tmp_path,
        sandbox,
        sample,
        "--at",
        "2021-06-08 07:50",
        "--webhook-url",
        hook,
        "--listen",
        "127.0.0.1",
        "--port",
        str(port),
        "--secret-token",
        SECRET,
    )
    try:
        health = wait_for(lambda: call(f"http://127.0.0.1:{port}/healthz"), "the health check")
        assert health["ok"] is True
        assert health["database"]["reachable"] is True
        assert post(hook, today_update(1), secret=None) == 403
        assert post(hook, today_update(2), secret="wrong") == 403
        assert post(hook, today_update(3), secret=SECRET) == 200

        sent = wait_for(
            lambda: sent_to(sandbox, MEMBER_ID), "the reply to the update posted with the secret"
        )
    finally:
        log = stop(bot)
    assert len(sent) == 1  # the two refused posts were never handled
    assert sent[0]["text"].startswith("Tue 8 Jun 2021 – Tegucigalpa → Panama City")
    assert bot.returncode == 0
    assert "secret-token" not in log
