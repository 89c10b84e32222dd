"""`--no-anonymize` says so: on the command line of export csv and report, as export qdpx does,
and in the report itself, on its first line (and in a Word report's page header)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import MINI_CODEBOOK

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n")
    (tmp_path / "participants.yaml").write_text("participants:\n  - {id: P1, names: [Jan Smit]}\n")
    (tmp_path / "t" / "P1.txt").write_text(
        "I: Hoe gaat het?\nR: Jan Smit zegt: het vertrouwen groeit doordat iedereen iets "
        "inbrengt.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    return tmp_path


def _docx_text(path: Path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
        headers = "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header")
        )
    return body, headers


def test_report_says_it_is_not_anonymized(project: Path) -> None:
    result = runner.invoke(app, ["report", "-o", "raw.md", "--no-anonymize"])
    assert result.exit_code == 0, result.stderr
    assert "wrote raw.md (NOT anonymized)" in result.stderr
    text = (project / "raw.md").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("**NIET GEANONIMISEERD")
    assert "Jan Smit" in text
    result = runner.invoke(app, ["report", "-o", "raw.docx", "--no-anonymize"])
    assert "wrote raw.docx (NOT anonymized)" in result.stderr
    body, headers = _docx_text(project / "raw.docx")
    assert body.index("NIET GEANONIMISEERD") < body.index("Methode")
    assert "NIET GEANONIMISEERD" in headers


def test_an_anonymized_report_says_nothing_of_it(project: Path) -> None:
    result = runner.invoke(app, ["report", "-o", "r.md"])
    assert result.exit_code == 0, result.stderr
    assert "NOT anonymized" not in result.stderr
    text = (project / "r.md").read_text(encoding="utf-8")
    assert "GEANONIMISEERD" not in text and "Jan Smit" not in text
    runner.invoke(app, ["report", "-o", "r.docx"])
    body, headers = _docx_text(project / "r.docx")
    assert "GEANONIMISEERD" not in body + headers


def test_english_report(project: Path) -> None:
    (project / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    result = runner.invoke(app, ["report", "-o", "raw.md", "--no-anonymize"])
    assert result.exit_code == 0, result.stderr
    first = (project / "raw.md").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("**NOT ANONYMIZED")


def test_export_csv_says_it_is_not_anonymized(project: Path) -> None:
    result = runner.invoke(app, ["export", "csv", "raw.csv", "--no-anonymize"])
    assert result.exit_code == 0, result.stderr
    assert "1 coding, separated by ';' (NOT anonymized)" in result.stderr
    assert "Jan Smit" in (project / "raw.csv").read_text(encoding="utf-8-sig")
    result = runner.invoke(app, ["export", "csv", "anon.csv"])
    assert result.exit_code == 0, result.stderr
    assert "NOT anonymized" not in result.stderr


@pytest.mark.parametrize("name", ["raw.md", "raw.txt"])
def test_quotes_say_they_are_not_anonymized(project: Path, name: str) -> None:
    """Quotes written with --no-anonymize open with the line a report opens with, and the
    command says so, as report does (qa18 #9)."""
    args = ["quotes", "--theme", "trust", "-o", name]
    result = runner.invoke(app, [*args, "--no-anonymize"])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {name} (NOT anonymized)" in result.stderr
    text = (project / name).read_text(encoding="utf-8")
    assert text.splitlines()[0].lstrip("*").startswith("NIET GEANONIMISEERD")
    assert "Jan Smit" in text
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.stderr
    assert "GEANONIMISEERD" not in (project / name).read_text(encoding="utf-8")
    assert "written NOT anonymized" in result.stderr


def test_each_no_anonymize_says_what_it_shows() -> None:
    """The option's help names what the command then shows (qa18 #9)."""
    for command in (["quotes"], ["report"], ["export", "csv"], ["export", "qdpx"], ["memos"]):
        result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "400"})
        assert result.exit_code == 0
        line = next(x for x in result.stdout.splitlines() if "--no-anonymize" in x)
        assert "phone numbers, e-mail and street addresses" in line, command


def test_qdpx_and_qdc_say_in_the_file_that_they_are_not_anonymized(project: Path) -> None:
    """A .qdpx or .qdc passed on says what it is in itself: the project's Description in lernet's
    first line (which an import leaves out), the codebook in a comment at its top; an
    anonymized one says nothing of it, and the project imported again keeps no such line."""
    for name, args in (("raw.qdpx", ["export", "qdpx"]), ("raw.qdc", ["export", "qdc"])):
        result = runner.invoke(app, [*args, name, "--no-anonymize"])
        assert result.exit_code == 0, result.stderr
        assert runner.invoke(app, [*args, f"anon.{name[4:]}"]).exit_code == 0
    with zipfile.ZipFile(project / "raw.qdpx") as z:
        qde = z.read("project.qde").decode("utf-8")
    assert "<Description>lernet: NIET GEANONIMISEERD: dit archief toont namen" in qde
    qdc = (project / "raw.qdc").read_text(encoding="utf-8")
    assert qdc.splitlines()[1].startswith("<!-- NIET GEANONIMISEERD: de voorbeelden")
    with zipfile.ZipFile(project / "anon.qdpx") as z:
        assert "GEANONIMISEERD" not in z.read("project.qde").decode("utf-8")
    assert "GEANONIMISEERD" not in (project / "anon.qdc").read_text(encoding="utf-8")
    result = runner.invoke(app, ["import", "qdpx", str(project / "raw.qdpx"), "--into", "again"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["export", "qdpx", "again.qdpx", "--project", "again"])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(project / "again.qdpx") as z:
        assert "GEANONIMISEERD" not in z.read("project.qde").decode("utf-8")
