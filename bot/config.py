"""Settings from the environment (the names are a contract: see DESIGN.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.storage.db import DEFAULT_DATABASE_URL


@dataclass(frozen=True)
class Settings:
    """What Comitiva reads from its environment."""

    database_url: str = DEFAULT_DATABASE_URL
    token: str | None = None
    api_base_url: str | None = None
    api_base_file_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, db: str | None = None) -> Settings:
        """Read the settings; ``db`` (the ``--db`` option) wins over ``DATABASE_URL``."""
        env = os.environ if env is None else env
        return cls(
            database_url=db or env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            api_base_file_url=env.get("TELEGRAM_API_BASE_FILE_URL") or None,
        )

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback.
        token = "set" if self.token else "unset"
        return f"Settings(database_url={self.database_url!r}, token={token})"
