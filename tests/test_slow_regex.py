"""A regular expression that backtracks without end: `codebook check` finds it at its own line,
shown as written; `lernet code` leaves out the file it is slow on (the others are coded), and a
later `lernet code` says that file is still not coded, and why, until the expression is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import invoke_cli

runner = CliRunner()
SLOW = r"(\w+\s?)+\d"
GOOD = r"\bgegevens\w*\s+(delen|uitwisselen)"
BOOK = """version: 1
name: t
language: nl
themes:
  - id: knelpunten
    label: Knelpunten
    codes:
      - id: privacy
        label: Privacy
        match:
          - any: [avg]
          - regex: '{regex}'
"""
LONG = (
    "I: Vraag?\nR: "
    + " ".join(["we werken samen met de school en dat gaat goed"] * 300)
    + ". Sinds 2019.\n"
)
"""A long answer without punctuation that names a number at its end: SLOW needs a digit, so a
turn without one is never searched (the gate), and one with one backtracks."""


run = invoke_cli


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text(BOOK.format(regex=SLOW), "utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    (tmp_path / "a.txt").write_text("I: En?\nR: Wij hebben avg problemen.\n", "utf-8")
    return tmp_path


def test_check_finds_the_slow_regex_at_its_line(study: Path) -> None:
    code, said = run("codebook", "check")
    assert code == 4, said
    assert (
        f"codebook.yaml:12: [knelpunten.privacy] regular expression {SLOW} takes too long" in said
    )
    assert "\\\\" not in said
    (study / "codebook.yaml").write_text(BOOK.format(regex=GOOD), "utf-8")
    code, said = run("codebook", "check")
    assert code == 0 and ": ok" in said, said


def test_a_refused_file_is_still_not_coded_until_the_regex_is_fixed(study: Path) -> None:
    (study / "j04.txt").write_text(LONG, "utf-8")
    code, said = run("code", "a.txt", "j04.txt")
    assert code == 5, said
    assert f"j04.txt: not coded: {study / 'codebook.yaml'}:12:" in said, said
    assert "only j04.txt was left out" in said  # a.txt is coded
    code, said = run("code")
    assert code == 5, said
    assert "j04.txt: still not coded: " in said and "takes too long" in said, said
    assert "1 unchanged, 1 error" in said
    (study / "codebook.yaml").write_text(BOOK.format(regex=GOOD), "utf-8")
    code, said = run("code")
    assert code == 0 and "error" not in said, said
    code, said = run("code")
    assert code == 0 and "2 unchanged" in said, said


def test_a_stored_file_refused_after_an_edit_keeps_its_stored_version(study: Path) -> None:
    (study / "j04.txt").write_text("I: Vraag?\nR: Kort.\n", "utf-8")
    assert run("code", "a.txt", "j04.txt")[0] == 0
    (study / "j04.txt").write_text(LONG, "utf-8")
    assert run("code", "j04.txt")[0] == 5
    code, said = run("code")
    row = next(line for line in said.splitlines() if line.startswith("│ j04.txt"))
    assert code == 5 and "unchanged" not in row and "error" in row, said
    assert "j04.txt: still not coded (its stored version is counted): " in said, said


def _rows(study: Path, path: str) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(study / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT c.code, c.segment, c.start, c.end, c.coder, c.status FROM codings c "
            "JOIN transcripts t ON t.id = c.transcript_id WHERE t.path = ? ORDER BY c.id",
            (path,),
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("named", [False, True])
def test_re_coding_from_the_store_leaves_out_the_transcript_it_is_slow_on(
    study: Path, named: bool
) -> None:
    """After a codebook edit, `lernet code` (re-coding the stored turns) and `lernet code
    FILES` (files unchanged, so re-coded from the store too) name the code and the transcript,
    code the others and exit as for a file left out; the transcript keeps what was stored."""
    (study / "codebook.yaml").write_text(BOOK.format(regex=GOOD), "utf-8")
    (study / "j04.txt").write_text(LONG, "utf-8")
    (study / "z.txt").write_text("I: En?\nR: Wij willen gegevens delen met avg.\n", "utf-8")
    assert run("code", "a.txt", "j04.txt", "z.txt")[0] == 0
    kept = _rows(study, "j04.txt")
    (study / "codebook.yaml").write_text(BOOK.format(regex=SLOW), "utf-8")
    files = ["a.txt", "j04.txt", "z.txt"] if named else []
    code, said = run("code", *files)
    assert code == 5, said
    assert "Traceback" not in said
    assert (
        "j04.txt: not re-coded (its stored codings stay as they were): "
        f"{study / 'codebook.yaml'}:12: [knelpunten.privacy] regular expression" in said
    ), said
    assert "only j04.txt was left out" in said and "2 re-coded, 1 error" in said, said
    assert _rows(study, "j04.txt") == kept
    # the others by the new rules: z.txt no longer has GOOD's coding
    assert [r[0] for r in _rows(study, "z.txt")] == ["knelpunten.privacy"]
    # the next run tries again, and once the expression is fixed codes it
    code, said = run("code")
    assert code == 5 and "j04.txt: not re-coded" in said, said
    (study / "codebook.yaml").write_text(BOOK.format(regex=GOOD), "utf-8")
    code, said = run("code")
    assert code == 0 and "error" not in said, said


def test_recode_from_store_returns_the_error_of_the_slow_transcript_only(study: Path) -> None:
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding.recode import recode_from_store
    from lernet_cli.errors import SlowRegexError
    from lernet_cli.store.store import Store

    (study / "codebook.yaml").write_text(BOOK.format(regex=GOOD), "utf-8")
    (study / "j04.txt").write_text(LONG, "utf-8")
    assert run("code", "a.txt", "j04.txt")[0] == 0
    (study / "codebook.yaml").write_text(BOOK.format(regex=SLOW), "utf-8")
    with Store.open(study / ".lernet" / "lernet.db") as store:
        before = {t.path: t.rules_digest for t in store.transcripts()}
        done = recode_from_store(store, load_codebook(study / "codebook.yaml"), store.transcripts())
        errors = {r.transcript.path: r.error for r in done}
        after = {t.path: t.rules_digest for t in store.transcripts()}
    assert isinstance(errors["j04.txt"], SlowRegexError) and errors["a.txt"] is None
    assert after["j04.txt"] == before["j04.txt"] and after["a.txt"] != before["a.txt"]


def test_the_record_of_refused_files_is_private_and_forgets_a_removed_one(study: Path) -> None:
    """File names may hold a participant's name: the record is the user's alone, and a file
    removed from the project (a withdrawal) leaves it."""
    import json
    import stat

    from lernet_cli.coding.refused import NAME, forget_refused, remember_refused

    cache = study / ".lernet" / "cache"
    (study / ".lernet").mkdir()

    class Refused:
        status, error = "error", "takes too long"

        def __init__(self, path: str):
            self.path = path

    remember_refused(cache, [Refused("Interview Jan Bakker.txt"), Refused("b.txt")])
    record = cache / NAME
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    forget_refused(cache, ["Interview Jan Bakker.txt"])
    assert json.loads(record.read_text(encoding="utf-8")) == {"b.txt": "takes too long"}
    forget_refused(cache, ["b.txt"])
    assert not record.exists()
