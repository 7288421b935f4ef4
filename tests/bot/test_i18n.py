"""The catalogues: Korean says everything English says, in Korean, with the same blanks."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from bot.text.i18n import CATALOGUES, EN, KO, LANGUAGES, day_label, pick_language, t

_TAG = re.compile(r"</?[a-zA-Z-]+[^>]*>")
_ENTITY = re.compile(r"&[a-zA-Z]+;")
_COMMAND = re.compile(r"/[a-z_]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(template: str) -> set[str]:
    """Return the names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def words_of(template: str) -> str:
    """Return what a person reads of a template, without tags, entities, blanks or commands."""
    for pattern in (_TAG, _ENTITY, _PLACEHOLDER, _COMMAND):
        template = pattern.sub(" ", template)
    return template


def test_every_language_has_a_catalogue() -> None:
    assert set(CATALOGUES) == set(LANGUAGES) == {"en", "ko"}


def test_korean_and_english_have_the_same_keys() -> None:
    assert set(KO) - set(EN) == set()
    assert set(EN) - set(KO) == set()


@pytest.mark.parametrize("key", sorted(EN))
def test_korean_fills_the_same_placeholders_as_english(key: str) -> None:
    assert placeholders(KO[key]) == placeholders(EN[key])


@pytest.mark.parametrize("key", sorted(EN))
def test_korean_is_not_left_in_english(key: str) -> None:
    if re.search(r"[^\W\d_]", words_of(EN[key])):
        assert KO[key] != EN[key]


@pytest.mark.parametrize("key", sorted(KO))
def test_korean_has_no_english_words(key: str) -> None:
    assert re.findall(r"[A-Za-z]{4,}", words_of(KO[key])) == []


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_every_template_fills_without_error(lang: str) -> None:
    for key, template in CATALOGUES[lang].items():
        values = dict.fromkeys(placeholders(template), "x")
        assert "{" not in t(lang, key, **values), key


@pytest.mark.parametrize(
    ("stored", "telegram", "expected"),
    [
        ("ko", "en", "ko"),
        ("en", "ko", "en"),
        (None, "ko", "ko"),
        (None, "ko-KR", "ko"),
        (None, "KO", "ko"),
        (None, "en-GB", "en"),
        (None, "es", "en"),
        (None, None, "en"),
        (None, "", "en"),
        ("fr", "ko", "ko"),
        ("fr", None, "en"),
    ],
)
def test_pick_language_prefers_the_setting_then_telegram_then_english(
    stored: str | None, telegram: str | None, expected: str
) -> None:
    assert pick_language(stored, telegram) == expected


def test_an_unknown_language_falls_back_to_english_text() -> None:
    assert t("fr", "organisers_only") == EN["organisers_only"]


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("ko", date(2021, 6, 8), "6월 8일 (화)"),
        ("ko", date(2021, 6, 13), "6월 13일 (일)"),
        ("ko", date(2022, 11, 7), "11월 7일 (월)"),
        ("en", date(2021, 6, 8), "Tue 8 Jun"),
        ("en", date(2022, 11, 6), "Sun 6 Nov"),
    ],
)
def test_day_label_reads_as_people_write_dates(lang: str, day: date, expected: str) -> None:
    assert day_label(lang, day) == expected
