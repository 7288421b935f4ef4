"""No command shows the bot token when the Bot API refuses it (401) or the URL is wrong (404)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.serve.runner import redact

TOKEN = "424242:AAHsecretPartOfTheTokenNobodyMaySee"
COMITIVA = Path(sys.executable).parent / "comitiva"
COMMANDS = [["invite"], ["dispatch", "--once"], ["run"], ["doctor"]]


def refusing(status: int) -> type[BaseHTTPRequestHandler]:
    """Return a handler answering every request as a Bot API that refuses with ``status``."""

    class Refusing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            reason = {401: "Unauthorized", 404: "Not Found"}[status]
            body = json.dumps({"ok": False, "error_code": status, "description": reason})
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        do_GET = do_POST  # noqa: N815 - the name http.server looks for

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test's output clean."""

    return Refusing


@pytest.fixture(params=[401, 404])
def refusing_api(request: pytest.FixtureRequest) -> Iterator[str]:
    """A local Bot API base URL that refuses every call with 401 or 404."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), refusing(request.param))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_refused_token_is_never_printed_and_the_command_says_why_in_one_line(
    tmp_path: Path, refusing_api: str, command: list[str]
) -> None:
    if not COMITIVA.exists():
        pytest.skip("the comitiva console script is not installed (run make install)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": refusing_api}
    done = subprocess.run(
        [str(COMITIVA), "--db", f"sqlite:///{tmp_path}/c.db", *command],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    secret = TOKEN.partition(":")[2]
    assert secret not in done.stdout
    assert secret not in done.stderr
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines() if "rejected" in line]
    assert len(said) == 1, done
    assert "check TELEGRAM_BOT_TOKEN" in said[0]


def test_redact_blanks_the_token_and_its_secret_half() -> None:
    text = f"url /bot{TOKEN}/getMe; quoted `{TOKEN.partition(':')[2]}`"
    assert redact(text, (TOKEN,)) == "url /bot<token>/getMe; quoted `<token>`"
    assert redact("nothing secret", (None, "")) == "nothing secret"
