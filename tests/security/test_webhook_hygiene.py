"""The webhook checks the secret before reading a body, caps the body, and wants an object."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.serve.webhook import MAX_BODY_BYTES, SECRET_HEADER, webhook_server
from tests.botkit import BotHarness

SECRET = "s3cret-token_for-tests"
PATH = "/telegram"


@pytest.fixture
async def hook(harness: BotHarness) -> AsyncIterator[int]:
    """The webhook of the real Application, listening on a free loopback port."""
    sockets = bind_sockets(0, "127.0.0.1")
    server = HTTPServer(webhook_server(harness.app, path=PATH, secret=SECRET))
    server.add_sockets(sockets)
    try:
        yield int(sockets[0].getsockname()[1])
    finally:
        server.stop()
        await server.close_all_connections()


async def post(port: int, body: bytes, *, secret: str | None, length: int | None = None) -> int:
    """Send headers and ``body`` (``length`` may announce more); return the status answered."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    headers = [f"POST {PATH} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    headers.append(f"Content-Length: {len(body) if length is None else length}")
    if secret is not None:
        headers.append(f"{SECRET_HEADER}: {secret}")
    writer.write(("\r\n".join(headers) + "\r\n\r\n").encode() + body)
    await writer.drain()
    try:
        status = await asyncio.wait_for(reader.readline(), timeout=10)
    finally:
        writer.close()
    return int(status.split()[1])


async def test_a_post_without_the_secret_is_refused_before_its_body_is_read(hook: int) -> None:
    # 90 MB announced, none of it sent: the answer cannot have waited for the body.
    assert await post(hook, b"", secret=None, length=90_000_000) == 403
    assert await post(hook, b"{}", secret="wrong") == 403


async def test_a_body_over_the_limit_is_refused_with_413(hook: int) -> None:
    assert await post(hook, b"", secret=SECRET, length=MAX_BODY_BYTES + 1) == 413


async def test_a_chunked_body_over_the_limit_is_refused_with_413(hook: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", hook)
    head = f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
    writer.write((head + "Transfer-Encoding: chunked\r\n\r\n").encode())
    chunk = b"x" * 65536
    for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
        writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    writer.write(b"0\r\n\r\n")
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), timeout=10)
    writer.close()
    assert int(status.split()[1]) == 413


@pytest.mark.parametrize("body", [b"[1,2]", b"null", b"3", b'"update"', b"{not json"])
async def test_a_body_that_is_not_a_json_object_is_refused_with_400(
    hook: int, body: bytes
) -> None:
    assert await post(hook, body, secret=SECRET) == 400


async def test_an_update_with_the_secret_is_accepted(hook: int) -> None:
    update = {"update_id": 1, "message": None}
    assert await post(hook, json.dumps(update).encode(), secret=SECRET) == 200
