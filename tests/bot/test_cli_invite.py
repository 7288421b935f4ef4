"""``comitiva invite --member`` and ``--all``: personal links, CSV for a mail merge, QR files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.cli import main
from tests.conftest import SAMPLE


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A SQLite file of this test's own, with the sample imported."""
    url = f"sqlite:///{tmp_path}/c.db"
    assert main(["--db", url, "import", str(SAMPLE)]) == 0
    capsys.readouterr()
    return url


def test_invite_member_prints_a_link_bound_to_that_member(
    imported: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", imported, "invite", "--member", "kim", "--bot-username", "cb"]) == 0
    key, name, link = capsys.readouterr().out.strip().split("\t")
    assert (key, name) == ("kim", "Kim Min-seo")
    assert link.startswith("https://t.me/cb?start=")


def test_invite_member_refuses_an_unknown_key(
    imported: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", imported, "invite", "--member", "nobody", "--bot-username", "cb"]) == 1
    assert "no member with key 'nobody'" in capsys.readouterr().err


def test_invite_all_as_csv_and_qr_files_that_decode_to_the_links(
    imported: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["invite", "--all", "--format", "csv", "--qr", str(tmp_path / "qr")]
    assert main(["--db", imported, *argv, "--bot-username", "cb"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(r["key"] for r in rows) == ["choi", "jung", "kim", "lee", "park"]
    for row in rows:
        picture = Image.open(tmp_path / "qr" / f"{row['key']}.png")
        assert [r.text for r in zxingcpp.read_barcodes(picture)] == [row["link"]]
