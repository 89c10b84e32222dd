"""One name for the person: inline tags read without --coder and review answers are stored under
`coder:` in lernet.yaml, else $LERNET_CODER, else the login name; messages say which, and an
anonymized listing says why it shows a pseudonym."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()
TAGGED = (
    "I: Kent u de anderen?\nR: [[trust.not_acquainted: We kennen elkaar nog niet goed.]]\n"
    "I: En verder?\nR: Kennis delen we graag.\n"
)


def _coder_of_tags() -> str:
    result = runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"])
    import json

    rows = json.loads(result.stdout)
    return next(r["coder"] for r in rows if r["status"] == "accepted")


def test_coder_in_lernet_yaml_for_tags_and_review(project: Path) -> None:
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("coder: Ineke\n")
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert (
        "the inline tags of 1 file are stored as coded by 'Ineke' (coder: in lernet.yaml"
        in result.stderr
    )
    assert _coder_of_tags() == "Ineke"
    review = runner.invoke(app, ["review"], input="a\nq\n")
    assert review.exit_code == 0, review.stderr
    assert "saved as reviewer 'Ineke' (coder: in lernet.yaml)" in review.stderr


def test_login_name_without_a_setting(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LERNET_CODER")
    monkeypatch.setattr(getpass, "getuser", lambda: "ineke")
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert "stored as coded by 'ineke' (your login name;" in result.stderr
    assert _coder_of_tags() == "ineke"
    review = runner.invoke(app, ["review"], input="a\nq\n")
    assert "saved as reviewer 'ineke' (your login name)" in review.stderr


def test_no_note_when_coder_is_named(project: Path) -> None:
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt", "--coder", "Eva"])
    assert result.exit_code == 0, result.stderr
    assert "stored as coded by" not in result.stderr
    assert _coder_of_tags() == "Eva"


def test_machine_name_as_coder_is_refused(project: Path) -> None:
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("coder: auto\n")
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 3
    assert "lernet.yaml:3: coder: needs a name other than 'auto'" in result.stderr
    assert "Traceback" not in result.stderr


def test_listing_says_why_it_shows_a_pseudonym(project: Path) -> None:
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    result = runner.invoke(app, ["codings"])
    assert result.exit_code == 0, result.stderr
    assert "Codeur 1" in result.stdout
    assert "people who coded are shown as Codeur 1, as in every anonymized output" in (
        result.stderr
    )
    plain = runner.invoke(app, ["codings", "--no-anonymize"])
    assert "shown as" not in plain.stderr
