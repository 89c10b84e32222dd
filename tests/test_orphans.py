"""A code renamed in codebook.yaml: `lernet code` says what people's work stays under the old id,
and `lernet codebook renamed OLD NEW` moves it, reviews included."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store

runner = CliRunner()
TEXT = "Interviewer: How was it?\nNurse: [[frustration: It was so frustrating.]] It helps a lot.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def rows() -> list[tuple[str, str, str, str]]:
    _, out, _ = run("codings", "--no-anonymize", "--format", "json")
    return sorted((c["code"], c["coder"], c["status"], c["text"]) for c in json.loads(out))


def participants() -> dict[str, int]:
    _, out, _ = run("tally", "--format", "json")
    return {c["id"]: c["participants"] for t in json.loads(out)["themes"] for c in t["codes"]}


def coded_and_reviewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A study coded by the rules and bram's tags, with one rule coding anna rejected; its
    codebook, to be edited."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "--blank", "--language", "en")[0] == 0
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert run("code", "a.txt", "--coder", "bram")[0] == 0
    code, _, err = run("review", "--code", "positive", "--reviewer", "anna", input="r\n")
    assert code == 0 and "1 rejected" in err, err
    return tmp_path / "codebook.yaml"


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    book = coded_and_reviewed(tmp_path, monkeypatch)
    text = book.read_text(encoding="utf-8")
    text = text.replace("      - id: positive ", "      - id: good ")
    text = text.replace("      - id: frustration", "      - id: annoyance")
    book.write_text(text, encoding="utf-8")
    return tmp_path


def test_code_warns_and_renamed_moves_people_s_work(study: Path) -> None:
    code, _, err = run("code")
    assert code == 0, err
    # bram's tag names its code by the label the codebook kept: read again, it counts there,
    # as reading the file again does; anna's review stays for `lernet codebook renamed`.
    assert (
        "tag by bram 'frustration' was coded experience.frustration, which the codebook no "
        "longer has; read again it names experience.annoyance: counted there"
    ) in err
    assert "experience.frustration (" not in err
    assert "experience.positive (1 reviewed rule coding)" in err
    assert "lernet codebook renamed experience.positive NEW_ID" in err
    # The rules coded the new ids afresh; anna's rejection is not counted yet.
    assert participants()["experience.good"] == 1
    code, _, err = run("codebook", "renamed", "positive", "good")
    assert code == 0 and "from experience.positive to experience.good" in err, err
    code, _, err = run("code")
    assert code == 0 and "warning" not in err, err
    assert participants()["experience.good"] == 0
    assert rows() == [
        ("experience.annoyance", "auto", "pending", "frustrating"),
        ("experience.annoyance", "bram", "accepted", "It was so frustrating."),
        ("experience.good", "auto", "rejected", "helps"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("experience.expectation", "good", "'experience.expectation' is still in the codebook"),
        ("nothing", "good", "nothing is stored under 'nothing'"),
        ("positive", "nope", "unknown code 'nope'"),
    ],
)
def test_bad_renames_change_nothing(study: Path, old: str, new: str, words: str) -> None:
    assert run("code")[0] == 0
    before = dump_store(study)
    code, _, err = run("codebook", "renamed", old, new)
    assert code == 2 and words in err and err.count("\n") == 1, err
    assert dump_store(study) == before


@pytest.fixture
def parent_renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A theme renamed in the codebook after coding: its codes' ids changed with it."""
    book = coded_and_reviewed(tmp_path, monkeypatch)
    text = book.read_text(encoding="utf-8")
    book.write_text(text.replace("  - id: experience ", "  - id: feelings "), encoding="utf-8")
    return tmp_path


def test_renaming_a_parent_carries_its_sub_codes(parent_renamed: Path) -> None:
    with sqlite3.connect(parent_renamed / ".lernet" / "lernet.db") as conn:
        conn.execute("INSERT INTO guids VALUES ('code', 'experience.frustration', 'g-frus')")
    code, _, err = run("code")
    assert code == 0, err
    assert "read again it names feelings.frustration: counted there" in err  # bram's tag
    code, _, err = run("codebook", "renamed", "experience", "feelings")
    assert code == 0, err
    assert "experience.positive -> feelings.positive" in err, err
    code, _, err = run("code")
    assert code == 0 and "warning" not in err, err
    assert rows() == [
        ("feelings.frustration", "auto", "pending", "frustrating"),
        ("feelings.frustration", "bram", "accepted", "It was so frustrating."),
        ("feelings.positive", "auto", "rejected", "helps"),
    ]
    with sqlite3.connect(parent_renamed / ".lernet" / "lernet.db") as conn:
        guids = dict(conn.execute("SELECT key, guid FROM guids WHERE kind = 'code'"))
    assert guids.get("feelings.frustration") == "g-frus"  # another tool's code stays itself


def test_a_sub_code_renamed_itself_stays_and_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = coded_and_reviewed(tmp_path, monkeypatch)
    code, _, err = run("review", "--code", "frustration", "--reviewer", "anna", input="a\n")
    assert code == 0 and "1 accepted" in err, err
    text = book.read_text(encoding="utf-8").replace("  - id: experience ", "  - id: feelings ")
    book.write_text(text.replace("      - id: frustration", "      - id: annoyance"), "utf-8")
    assert run("code")[0] == 0
    code, _, err = run("codebook", "renamed", "experience", "feelings")
    assert code == 0, err
    assert "experience.positive -> feelings.positive" in err
    assert "experience.frustration stays where it is" in err
    assert "lernet codebook renamed experience.frustration NEW_ID" in err
    code, _, err = run("codebook", "renamed", "experience.frustration", "annoyance")
    assert code == 0, err
    assert ("feelings.annoyance", "auto", "accepted", "frustrating") in rows()  # anna's
    assert ("feelings.annoyance", "bram", "accepted", "It was so frustrating.") in rows()


TAGGED_BY_ID = (
    "Interviewer: How was it?\n"
    "Nurse: [[experience.frustration: It was so frustrating.]] It helps a lot. "
    "[[experience.frustration: Really annoying.]]\n"
)


@pytest.fixture
def renamed_then_coded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tags naming a code by its id; the id renamed in the codebook and `lernet code` run, as a
    user does it: the tags name no code now and are kept as memos."""
    monkeypatch.chdir(tmp_path)
    assert run("init", "--blank", "--language", "en")[0] == 0
    (tmp_path / "a.txt").write_text(TAGGED_BY_ID, encoding="utf-8")
    assert run("code", "a.txt", "--coder", "bram")[0] == 0
    book = tmp_path / "codebook.yaml"
    text = book.read_text(encoding="utf-8")
    book.write_text(text.replace("      - id: frustration", "      - id: annoyance"), "utf-8")
    code, _, err = run("code")
    assert code == 0 and "which the codebook no longer has: kept as a memo" in err, err
    return tmp_path


def hand_coded(code: str) -> list[str]:
    return sorted(t for c, coder, _, t in rows() if c == code and coder == "bram")


def test_renamed_after_code_moves_the_memos_back(renamed_then_coded: Path) -> None:
    # Every run warns while the tags are memos the codebook lost the code of.
    code, _, err = run("code")
    assert code == 0, err
    assert "experience.frustration (2 tags kept as memos)" in err, err
    assert "lernet codebook renamed experience.frustration NEW_ID" in err
    assert hand_coded("experience.annoyance") == []
    code, _, err = run("codebook", "renamed", "experience.frustration", "annoyance")
    assert code == 0 and "2 comments or tags kept as memos" in err, err
    assert hand_coded("experience.annoyance") == ["It was so frustrating.", "Really annoying."]
    code, out, _ = run("memos", "--no-anonymize", "--format", "json")
    assert json.loads(out or "[]") == []
    code, _, err = run("code")
    assert code == 0 and "warning" not in err, err
    # The file edited and read again: the tags keep the new id, said once for the two.
    path = renamed_then_coded / "a.txt"
    path.write_text(TAGGED_BY_ID + "Nurse: More.\n", encoding="utf-8")
    code, _, err = run("code", "a.txt")
    assert code == 0, err
    kept = [line for line in err.splitlines() if "it keeps experience.annoyance" in line]
    assert len(kept) == 1 and "an id or a label was changed?" in kept[0], err
    assert "(2 times in this file)" in kept[0]
    assert hand_coded("experience.annoyance") == ["It was so frustrating.", "Really annoying."]


def test_renamed_moves_memos_kept_before_they_named_their_code(renamed_then_coded: Path) -> None:
    """Memos stored by an earlier lernet say only 'names no code': the tag's text names the id."""
    with sqlite3.connect(renamed_then_coded / ".lernet" / "lernet.db") as conn:
        conn.execute("UPDATE memos SET reason = 'names no code'")
    code, _, err = run("codebook", "renamed", "frustration", "annoyance")
    assert code == 0, err
    assert hand_coded("experience.annoyance") == ["It was so frustrating.", "Really annoying."]


def test_a_file_read_again_keeps_the_lost_code_in_its_memo(renamed_then_coded: Path) -> None:
    path = renamed_then_coded / "a.txt"
    path.write_text(TAGGED_BY_ID + "Nurse: More.\n", encoding="utf-8")
    assert run("code", "a.txt")[0] == 0
    code, _, err = run("code")
    assert "experience.frustration (2 tags kept as memos)" in err, err
    assert run("codebook", "renamed", "experience.frustration", "annoyance")[0] == 0
    assert hand_coded("experience.annoyance") == ["It was so frustrating.", "Really annoying."]
