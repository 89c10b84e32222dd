"""A coding a researcher made in Word or with a tag is dated when it was made, as its memo is:
a Word comment's own date, and for a tag the day it was first read, kept when the file is read
again. The date goes out with the coding (`.qdpx` creationDateTime)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import invoke_cli

from .test_memo_dates import _dated_word_file


def _dates(project: Path) -> dict[tuple[str, str], str]:
    db = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        rows = db.execute(
            "SELECT source, code, created_at FROM codings WHERE source IN ('comment', 'tag')"
        ).fetchall()
    finally:
        db.close()
    return {(source, code): made for source, code, made in rows}


def test_a_coding_from_a_word_comment_keeps_the_comments_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "nl")[0] == 0
    _dated_word_file(
        tmp_path / "r01.docx",
        [
            (
                "We kennen elkaar eigenlijk nauwelijks.",
                "trust.not_acquainted",
                "2026-09-21T15:40:00Z",
            ),
            ("Dat houden we voor onszelf.", "competition.protect_position", None),
        ],
    )
    code, out = invoke_cli("code", "r01.docx")
    assert code == 0, out
    dates = _dates(tmp_path)
    assert dates[("comment", "trust.not_acquainted")] == "2026-09-21T15:40:00"
    undated = dates[("comment", "competition.protect_position")]
    assert undated > "2026-09-21T15:40:00"  # stored when read: no date in the file
    archive = tmp_path / "out.qdpx"
    code, out = invoke_cli("export", "qdpx", str(archive))
    assert code == 0, out
    import zipfile

    with zipfile.ZipFile(archive) as z:
        xml = z.read("project.qde").decode("utf-8")
    assert 'creationDateTime="2026-09-21T15:40:00' in xml


def test_a_tag_coding_read_again_keeps_its_first_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "nl")[0] == 0
    text = "I: Kent u de anderen?\nR: [[trust.not_acquainted: We kennen elkaar nauwelijks.]]\n"
    (tmp_path / "p1.txt").write_text(text, encoding="utf-8")
    assert invoke_cli("code", "p1.txt")[0] == 0
    db = sqlite3.connect(tmp_path / ".lernet" / "lernet.db")
    with db:
        assert db.execute(
            "UPDATE codings SET created_at = '2026-03-02T10:00:00+00:00' WHERE source = 'tag'"
        ).rowcount
    db.close()
    more = "I: En de concurrentie?\nR: [[competition.protect_position: Dat houden we stil.]]\n"
    (tmp_path / "p1.txt").write_text(text + more, encoding="utf-8")
    code, out = invoke_cli("code", "p1.txt")
    assert code == 0 and "updated" in out, out
    dates = _dates(tmp_path)
    assert dates[("tag", "trust.not_acquainted")] == "2026-03-02T10:00:00+00:00"
    assert dates[("tag", "competition.protect_position")] > "2026-03-02T10:00:00+00:00"
