"""The local Bot API as python-telegram-bot's transport (a ``BaseRequest``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot.offline.apicore import JSON

if TYPE_CHECKING:
    from bot.offline.localapi import LocalBotApi


class LocalRequest(BaseRequest):
    """python-telegram-bot's transport, answered by a ``LocalBotApi`` in the same process."""

    def __init__(self, api: LocalBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout, as PTB requires."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Route ``.../bot<token>/<method>`` to the local API."""
        if "/file/bot" in url:
            content = self.api.download(url.rsplit("/", 1)[-1])
            return (200, content) if content is not None else (404, b"")
        params: JSON = dict(request_data.parameters) if request_data else {}
        files: dict[str, bytes] = {}
        if request_data and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                upload = part[1]
                files[name] = upload if isinstance(upload, bytes) else upload.read()
                params.setdefault("_filename", part[0])
        status, body = await self.api.call(url.rsplit("/", 1)[-1], params, files)
        return status, json.dumps(body).encode("utf-8")
