"""Personal invites: a code bound to an itinerary member links whoever redeems it, once."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import Engine
from sqlmodel import select

from bot.services.invites import deep_link, invite_all, invite_member
from bot.services.members import InviteRefusedError, TelegramUser, identify, redeem_invite
from bot.storage import models as db
from bot.storage.db import session_scope
from bot.storage.store import save_itinerary
from bot.text.qr import BORDER, SCALE, qr_matrix, qr_png
from schedule.itinerary import Itinerary

NOW = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)
KIM = TelegramUser(5001, "Min-seo", "minseo")
MALLORY = TelegramUser(6666, "Mallory", "mallory")


def _code(engine: Engine, key: str, **options: object) -> str:
    with session_scope(engine) as session:
        return invite_member(session, key, now=NOW, **options).code  # type: ignore[arg-type]


def _redeem(engine: Engine, code: str, user: TelegramUser, now: datetime = NOW) -> str:
    with session_scope(engine) as session:
        return redeem_invite(session, code, user, now=now).outcome


def _member(engine: Engine, key: str) -> db.Member:
    with session_scope(engine) as session:
        member = session.exec(select(db.Member).where(db.Member.key == key)).one()
        session.expunge(member)
        return member


@pytest.fixture
def sample_db(engine: Engine, sample: Itinerary) -> Engine:
    with session_scope(engine) as session:
        save_itinerary(session, sample)
    return engine


def test_a_personal_code_links_the_telegram_user_to_that_member(sample_db: Engine) -> None:
    code = _code(sample_db, "kim")
    assert _redeem(sample_db, code, KIM) == "joined"
    kim = _member(sample_db, "kim")
    assert (kim.telegram_id, kim.telegram_name, kim.role) == (5001, "Min-seo", "member")
    with session_scope(sample_db) as session:
        assert len(session.exec(select(db.Member)).all()) == 5  # nobody new


def test_a_personal_code_takes_the_members_role(sample_db: Engine) -> None:
    code = _code(sample_db, "park")
    assert _redeem(sample_db, code, TelegramUser(5002, "Ji-hoon")) == "joined"
    assert _member(sample_db, "park").role == "organiser"


def test_a_second_person_with_the_same_link_is_refused(sample_db: Engine) -> None:
    code = _code(sample_db, "kim")
    _redeem(sample_db, code, KIM)
    assert _redeem(sample_db, code, MALLORY) == "taken"
    assert _member(sample_db, "kim").telegram_id == KIM.id
    with session_scope(sample_db) as session:
        assert identify(session, MALLORY, now=NOW) is None


def test_an_expired_personal_code_links_nobody(sample_db: Engine) -> None:
    code = _code(sample_db, "kim", lifetime=timedelta(days=1))
    assert _redeem(sample_db, code, KIM, NOW + timedelta(days=2)) == "expired"
    assert _member(sample_db, "kim").telegram_id is None


def test_an_unknown_key_or_a_joined_member_gets_no_code(sample_db: Engine) -> None:
    with pytest.raises(InviteRefusedError, match="no member with key 'nobody'"):
        _code(sample_db, "nobody")
    _redeem(sample_db, _code(sample_db, "kim"), KIM)
    with pytest.raises(InviteRefusedError, match=r"Kim Min-seo \(kim\) has already joined"):
        _code(sample_db, "kim")


def test_invite_all_skips_who_has_joined(sample_db: Engine) -> None:
    _redeem(sample_db, _code(sample_db, "kim"), KIM)
    with session_scope(sample_db) as session:
        keys = [p.key for p in invite_all(session, now=NOW)]
    assert sorted(keys) == ["choi", "jung", "lee", "park"]


def test_a_member_who_changes_username_stays_linked(sample_db: Engine) -> None:
    _redeem(sample_db, _code(sample_db, "kim"), KIM)
    renamed = TelegramUser(KIM.id, "Minseo", "kim_minseo_new")
    with session_scope(sample_db) as session:
        member = identify(session, renamed, now=NOW + timedelta(hours=1))
        assert member is not None
        assert member.key == "kim"
    assert _member(sample_db, "kim").telegram_username == "kim_minseo_new"


def test_a_reimport_keeps_a_joined_member_linked(sample_db: Engine, sample: Itinerary) -> None:
    _redeem(sample_db, _code(sample_db, "kim"), KIM)
    renamed = [m if m.key != "kim" else type(m)(**{**m.__dict__, "name": "Kim Minseo"})
               for m in sample.members]  # fmt: skip
    changed = type(sample)(**{**sample.__dict__, "members": tuple(renamed)})
    with session_scope(sample_db) as session:
        save_itinerary(session, changed)
    kim = _member(sample_db, "kim")
    assert (kim.name, kim.telegram_id) == ("Kim Minseo", KIM.id)


def test_a_qr_file_decodes_to_the_link_with_another_library() -> None:
    link = deep_link("comitiva_bot", "abcdefghijkm")
    picture = Image.open(io.BytesIO(qr_png(link, "Kim Min-seo")))
    assert [r.text for r in zxingcpp.read_barcodes(picture)] == [link]


def test_a_qr_file_holds_segnos_matrix_for_the_link() -> None:
    link = deep_link("comitiva_bot", "abcdefghijkm")
    picture = Image.open(io.BytesIO(qr_png(link, "Kim Min-seo"))).convert("L")
    matrix = qr_matrix(link)
    left = (picture.width - (len(matrix) + 2 * BORDER) * SCALE) // 2 + BORDER * SCALE
    top, half = BORDER * SCALE, SCALE // 2
    read = [
        [picture.getpixel((left + x * SCALE + half, top + y * SCALE + half)) == 0
         for x in range(len(matrix))]
        for y in range(len(matrix))
    ]  # fmt: skip
    assert read == matrix
