"""``comitiva run`` as a whole process, against the local Bot API served over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule.itinerary import Itinerary
from tests.botkit import MEMBER_ID, bind

COMITIVA = Path(sys.executable).parent / "comitiva"
WAIT = 30.0  # seconds: a bound on waiting for the other process, not a timing assertion


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def call(url: str, payload: dict[str, Any] | None = None) -> Any:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def wait_for(check: Any, what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if result := check():
                return result
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def sent_to(sandbox: str, chat_id: int) -> list[dict[str, Any]]:
    """Return what the sandbox's Telegram has received in ``chat_id``."""
    sent: list[dict[str, Any]] = call(f"{sandbox}/sandbox/sent?chat_id={chat_id}")["result"]
    return sent


def stop(bot: subprocess.Popen[str]) -> str:
    """Stop the bot as a service manager would (SIGTERM); return its log."""
    bot.send_signal(signal.SIGTERM)
    _, log = bot.communicate(timeout=WAIT)
    return log


def start_bot(tmp_path: Path, base: str, sample: Itinerary, *args: str) -> subprocess.Popen[str]:
    url = f"sqlite:///{tmp_path}/bot.db"
    engine = make_engine(url)
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    bind(engine, "kim", MEMBER_ID)
    engine.dispose()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:secret-token",
        "TELEGRAM_API_BASE_URL": f"{base}/bot",
    }
    return subprocess.Popen(
        [str(COMITIVA), "--db", url, "run", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_answers_today_for_a_member_registered_by_telegram_id(
    tmp_path: Path, sandbox: str, sample: Itinerary
) -> None:
    bot = start_bot(tmp_path, sandbox, sample, "--at", "2021-06-08 07:50")
    try:
        user = {"id": MEMBER_ID, "first_name": "Min-seo"}
        call(f"{sandbox}/sandbox/messages", {"user": user, "text": "/today"})

        sent = wait_for(lambda: sent_to(sandbox, MEMBER_ID), "the bot's reply")
    finally:
        log = stop(bot)
    assert sent[0]["text"].startswith("Tue 8 Jun 2021 – Tegucigalpa → Panama City")
    assert "10:00–11:00 (Tegucigalpa, UTC−6)  Meeting with CABEI" in sent[0]["text"]
    assert bot.returncode == 0
    assert "Rehearsal" in log
    assert "@comitiva_bot" in log
    assert "secret-token" not in log


def test_run_without_a_token_says_so_in_one_line(tmp_path: Path) -> None:
    if not COMITIVA.exists():
        pytest.skip("the comitiva console script is not installed (run make install)")
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    done = subprocess.run(
        [str(COMITIVA), "--db", f"sqlite:///{tmp_path}/x.db", "run"],
        env=env, capture_output=True, text=True, timeout=WAIT, check=False,
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stderr.strip() == (
        "comitiva run: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"
    )


def test_run_with_a_rejected_token_says_so_in_one_line_without_the_token(
    tmp_path: Path, sample: Itinerary
) -> None:
    if not COMITIVA.exists():
        pytest.skip("the comitiva console script is not installed (run make install)")
    port = free_port()
    server = subprocess.Popen(
        [str(COMITIVA), "sandbox", "--port", str(port), "--token", "1:the-right-one"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: call(f"{base}/sandbox/sent"), "the sandbox to answer")
        bot = start_bot(tmp_path, base, sample)
        _, log = bot.communicate(timeout=WAIT)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert bot.returncode == 4
    assert log.strip() == "comitiva run: the Bot API rejected the token; check TELEGRAM_BOT_TOKEN"
