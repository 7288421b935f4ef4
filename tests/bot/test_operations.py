"""Operations: the doctor's checks and log lines that never show the token."""

from __future__ import annotations

import json
import logging

from sqlalchemy import Engine

from bot.config import Settings
from bot.serve.doctor import check_database, check_itinerary, check_token
from bot.serve.runner import JsonFormatter, RedactingFormatter


def test_doctor_says_a_missing_token_in_plain_words() -> None:
    ok, line = check_token(Settings())
    assert not ok
    assert line == "token: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"


def test_doctor_finds_the_database_reachable_and_migrated(engine: Engine) -> None:
    ok, line = check_database(engine)
    assert ok
    assert "reachable, migration" in line
    assert "(latest)" in line


def test_doctor_says_when_no_itinerary_is_loaded(engine: Engine) -> None:
    assert check_itinerary(engine) == (False, "itinerary: none loaded; run 'comitiva import FILE'")


def test_doctor_checks_every_zone_of_the_itinerary(loaded: Engine) -> None:
    ok, line = check_itinerary(loaded)
    assert ok
    assert line == "itinerary: 34 events in 4 cities, 6 time zones, all known"


def record(message: str, **extra: object) -> logging.LogRecord:
    entry = logging.LogRecord(
        "bot.delivery.dispatcher", logging.INFO, __file__, 1, message, (), None
    )
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_json_log_lines_name_the_member_and_outbox_row() -> None:
    line = JsonFormatter(()).format(record("sent", member="kim", outbox_row=42))
    entry = json.loads(line)
    assert entry["message"] == "sent"
    assert entry["member"] == "kim"
    assert entry["outbox_row"] == 42
    assert entry["level"] == "INFO"


def test_no_log_line_shows_the_token() -> None:
    token = "123456:ABC-secret"
    message = f"POST https://api.telegram.org/bot{token}/getMe"
    assert token not in RedactingFormatter((token,)).format(record(message))
    assert token not in JsonFormatter((token,)).format(record(message))
    assert "<token>" in JsonFormatter((token,)).format(record(message))
