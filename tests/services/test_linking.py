"""Name matching across scripts, and the likely duplicates ``comitiva members`` lists."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.cli import main
from bot.services.linking import likely_pairs
from bot.services.linking_names import same_person, telegram_spellings
from bot.storage.db import make_engine, session_scope
from bot.storage.store import save_itinerary
from schedule.itinerary import Itinerary
from tests.factories import make_member

NOW = datetime(2021, 6, 8, 13, 50, tzinfo=UTC)


@pytest.mark.parametrize(
    ("first", "last", "username", "member"),
    [
        ("Min-seo Kim", None, None, "Kim Min-seo"),
        ("Min-seo", "Kim", None, "Kim Min-seo"),
        ("KIM MINSEO", None, None, "Kim Min-seo"),
        ("Someone", None, "minseo_kim", "Kim Min-seo"),
        ("김민서", None, None, "Kim Min-seo"),
        ("민서", "김", None, "Kim Min-seo"),
        ("Min-seo Kim", None, None, "김민서"),
        ("박지훈", None, None, "Park Ji-hoon"),
        ("이승현", None, None, "Lee Seung-hyun"),
        ("José Núñez", None, None, "Jose Nunez"),
    ],
)
def test_the_same_name_in_any_script_or_order_matches(
    first: str, last: str | None, username: str | None, member: str
) -> None:
    assert same_person(telegram_spellings(first, last, username), member)


@pytest.mark.parametrize(
    ("first", "member"),
    [("Kim", "Kim Min-seo"), ("Min-jun Kim", "Kim Min-seo"), ("Mallory", "Kim Min-seo"),
     ("김민준", "Kim Min-seo"), ("Kim Min", "Kim Min-seo")],
)  # fmt: skip
def test_a_part_of_a_name_or_another_name_does_not_match(first: str, member: str) -> None:
    assert not same_person(telegram_spellings(first), member)


def joined_duplicates(engine: Engine, sample: Itinerary) -> None:
    with session_scope(engine) as session:
        save_itinerary(session, sample)
        make_member(session, key="tg-7001", name="Min-seo Kim", telegram_id=7001)
        make_member(session, key="tg-7002", name="Mallory", telegram_id=7002)
        make_member(
            session, key="tg-7003", name="X", telegram_id=7003, telegram_username="jihoon_park"
        )


def test_likely_pairs_are_joined_invitees_matching_a_member_not_joined(
    engine: Engine, sample: Itinerary
) -> None:
    joined_duplicates(engine, sample)
    pairs = [(p.joined_key, p.member_key) for p in likely_pairs(engine=engine)]
    assert pairs == [("tg-7001", "kim"), ("tg-7003", "park")]


def test_members_duplicates_prints_one_line_each_with_the_link_command(
    tmp_path: Path, sample: Itinerary, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'comitiva.db'}"
    engine = make_engine(url)
    joined_duplicates(engine, sample)
    engine.dispose()
    assert main(["--db", url, "members", "--duplicates"]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "tg-7001 (Min-seo Kim) = kim (Kim Min-seo): /link tg-7001 kim",
        "tg-7003 (X) = park (Park Ji-hoon): /link tg-7003 park",
    ]
    assert out.err.strip() == "2 likely duplicates"
