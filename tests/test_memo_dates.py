"""`lernet memos` says when each memo was made: the date, as the researcher's calendar has it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.conftest import invoke_cli

from .test_manual import word_with_comments


def test_memos_have_a_made_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "en")[0] == 0
    word_with_comments(
        tmp_path / "C01.docx", [("We meet every month at the college.", "check this!", "Helen")]
    )
    code, out = invoke_cli("code", "C01.docx")
    assert code == 0, out
    code, listed = invoke_cli("memos", "--format", "json")
    assert code == 0, listed
    [memo] = json.loads(listed[: listed.rindex("]") + 1])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", memo["made"])
    code, csv = invoke_cli("memos", "--format", "csv", "--delimiter", ",")
    header = csv.lstrip("\ufeff").splitlines()[0]
    assert header.split(",")[:5] == ["file", "participant", "segment", "author", "made"]
    code, table = invoke_cli("memos")
    assert code == 0 and "made" in table and memo["made"] in table


def test_the_date_is_the_local_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store keeps UTC; half past eleven at night in UTC is the next day in Amsterdam."""
    from lernet_cli.analysis.memos import made_on

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert made_on("2026-05-01T23:30:00+00:00") == "2026-05-02"
        assert made_on("") is None
    finally:
        monkeypatch.undo()
        time.tzset()


def _dated_word_file(path: Path, comments: list[tuple[str, str, str | None]]) -> Path:
    """A Word file with one answer per comment: (answer, comment text, w:date or None for a
    comment without one), every comment by Marieke."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    for answer, note, date in comments:
        d.add_paragraph("I: Wat vindt u daarvan?")
        run_ = d.add_paragraph("R: ").add_run(answer)
        made = d.add_comment(run_, text=note, author="Marieke de Vries")._comment_elm
        if date is None:
            del made.attrib[qn("w:date")]
        else:
            made.set(qn("w:date"), date)
    d.save(str(path))
    return path


def test_a_word_comment_kept_as_a_memo_keeps_its_own_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memos written over weeks are listed on the days they were written (as Word shows them:
    Word writes its own clock with a "Z"), not all on the day the file was coded; a comment
    without a date is dated when it was stored, as before."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert invoke_cli("init", "--language", "nl")[0] == 0
        _dated_word_file(
            tmp_path / "r01.docx",
            [
                ("Via een collega van het wijkteam.", "Motief: nieuwsgierigheid", None),
                ("Soms, als ik vastloop.", "Brengen pas bij een probleem?", None),
                ("Dat weet ik niet meer.", "Nagaan bij R03", None),
            ],
        )
        dated = _dated_word_file(
            tmp_path / "r02.docx",
            [
                ("Via mijn manager.", "Motief: opdracht van boven", "2026-09-21T15:40:00Z"),
                ("Dan vertel ik het.", "Reactief, niet proactief", "2026-10-05T23:30:00Z"),
                ("Geen idee.", "Nagaan bij R01", None),
            ],
        )
        code, out = invoke_cli("code", "r01.docx", dated.name)
        assert code == 0, out
        code, listed = invoke_cli("memos", "--format", "json")
        assert code == 0, listed
        made = {m["memo"]: m["made"] for m in json.loads(listed[: listed.rindex("]") + 1])}
        today = made.pop("Nagaan bij R03")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", today)
        assert made == {
            "Motief: nieuwsgierigheid": today,
            "Brengen pas bij een probleem?": today,
            "Motief: opdracht van boven": "2026-09-21",
            "Reactief, niet proactief": "2026-10-05",
            "Nagaan bij R01": today,
        }
    finally:
        monkeypatch.undo()
        time.tzset()


def test_comment_times_as_the_store_keeps_them() -> None:
    from lernet_cli.coding.manual import comment_time

    assert comment_time("2026-10-05T23:30:00Z") == "2026-10-05T23:30:00"
    assert comment_time("2026-10-05T09:05:00.123456789") == "2026-10-05T09:05:00"
    assert comment_time("2026-10-05T23:30:00+02:00") == "2026-10-05T21:30:00+00:00"
    assert comment_time(None) is None
    assert comment_time("gisteren") is None


def test_a_memo_read_again_keeps_its_first_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag gives no date: its memo is dated when first stored, and keeps that date when the
    file is edited and read again (a new tag beside it gets the day it was read)."""
    import sqlite3

    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "nl")[0] == 0
    text = "I: Hoe gaat het?\nR: [[nog eens navragen: We zien elkaar weinig.]]\n"
    (tmp_path / "p1.txt").write_text(text, encoding="utf-8")
    assert invoke_cli("code", "p1.txt")[0] == 0
    db = sqlite3.connect(tmp_path / ".lernet" / "lernet.db")
    with db:
        assert db.execute("UPDATE memos SET created_at = '2026-03-02T10:00:00+00:00'").rowcount
    more = "I: En verder?\nR: [[later terugkomen: Dat weet ik niet.]]\n"
    (tmp_path / "p1.txt").write_text(text + more, encoding="utf-8")
    code, out = invoke_cli("code", "p1.txt")
    assert code == 0 and "updated" in out, out
    dates = dict(db.execute("SELECT text, created_at FROM memos").fetchall())
    db.close()
    assert dates["nog eens navragen"] == "2026-03-02T10:00:00+00:00"
    assert dates["later terugkomen"] > "2026-03-02T10:00:00+00:00"
