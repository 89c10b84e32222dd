"""A codebook names its directions (`direction_labels:`): the matrix, the report and the matrix's
exports say Gives / Receives instead of Brings / Takes, per language; `codebook check` says what
is wrong with a declaration, with its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import parse_codebook

runner = CliRunner()

LABELS = """\
    direction_labels:
      bring: {en: Gives, nl: Geeft}
      take: {en: Receives, nl: Ontvangt}
      both: {en: Gives and receives, nl: Geeft en ontvangt}
      none: "-"
"""

CODEBOOK = """\
version: 1
name: partnership
language: en
themes:
  - id: resources
    label: {en: Resources given and received, nl: Gegeven en ontvangen middelen}
    analysis: matrix
    directional: true
    directions:
      bring: [give, provide]
      take: [receive, get]
    direction_labels:
      bring: {en: Gives, nl: Geeft}
      take: {en: Receives, nl: Ontvangt}
      both: {en: Gives and receives, nl: Geeft en ontvangt}
      none: "-"
    codes:
      - id: staff_time
        label: {en: Staff time, nl: Tijd van medewerkers}
        match:
          - any: ["staff time", volunteers]
      - id: funding
        label: {en: Funding, nl: Financiering}
        match:
          - any: [money, grant]
"""

PEOPLE = """\
groups: [council, practice]
participants:
  - id: c1
    group: council
    label: council officer
  - id: p1
    group: practice
    label: practice manager
"""

C1 = "I: What do you bring?\nR: We provide the money for the hub.\n"
P1 = "I: And you?\nR: We give staff time every week, and we receive the money.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    root.mkdir()
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", "utf-8")
    (root / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (root / "c1.txt").write_text(C1, encoding="utf-8")
    (root / "p1.txt").write_text(P1, encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run("code", "c1.txt", "p1.txt")
    assert code == 0, err
    return root


def test_the_matrix_says_the_codebooks_words(study: Path) -> None:
    code, out, err = run("matrix", "-f", "md")
    assert code == 0, err
    assert "| Staff time | - | Gives |" in out
    assert "| Funding | Gives | Receives |" in out
    assert "Brings" not in out and "Takes" not in out and "n.a." not in out
    code, out, _ = run("matrix", "-f", "csv", "--counts")
    lines = out.splitlines()
    assert lines[0].split(",") == [
        "id",
        "label",
        "council",
        "practice",
        "council gives",
        "council receives",
        "practice gives",
        "practice receives",
    ]
    assert lines[2] == "resources.funding,Funding,Gives,Receives,1,0,0,1"
    code, out, _ = run("matrix", "-f", "json")
    cells = json.loads(out)["rows"][1]["cells"]
    assert cells["council"]["direction"] == "bring"  # JSON keeps the directions' ids


def test_the_report_says_them_and_its_rows_have_no_stray_dash(study: Path) -> None:
    from docx import Document

    code, _, err = run("report", "-o", "r.md", "--no-method")
    assert code == 0, err
    text = (study / "r.md").read_text(encoding="utf-8")
    assert "| Funding | Gives | Receives |" in " ".join(text.split()).replace("| |", "|")
    assert "| - Staff time" not in text and "| - Funding" not in text
    assert run("report", "-o", "r.docx", "--no-method")[0] == 0
    doc = Document(str(study / "r.docx"))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Funding", "Gives", "Receives"] in rows and ["Staff time", "-", "Gives"] in rows
    assert run("matrix", "-o", "m.docx")[0] == 0
    doc = Document(str(study / "m.docx"))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Funding", "Gives", "Receives"] in rows


@pytest.mark.parametrize(
    ("language", "gives", "receives"), [("en", "Gives", "Receives"), ("nl", "Geeft", "Ontvangt")]
)
def test_the_exports_say_the_codebooks_words(
    study: Path, language: str, gives: str, receives: str
) -> None:
    """export csv's direction_label and the .qdpx's coding memos say what the matrix says; the
    ids (direction column, the memo's `lernet:` line) stay for scripts and for lernet."""
    import csv
    import re
    import zipfile

    (study / "lernet.yaml").write_text(f"codebook: codebook.yaml\nlanguage: {language}\n", "utf-8")
    code, _, err = run("export", "csv", "c.csv", "--delimiter", ",")
    assert code == 0, err
    rows = list(csv.DictReader((study / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    said = {(r["code"], r["participant"]): (r["direction"], r["direction_label"]) for r in rows}
    assert said[("resources.funding", "c1")] == ("bring", gives)
    assert said[("resources.funding", "p1")] == ("take", receives)
    assert said[("resources.staff_time", "p1")] == ("bring", gives)

    code, _, err = run("export", "qdpx", "p.qdpx")
    assert code == 0, err
    with zipfile.ZipFile(study / "p.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    memos = re.findall(r"<Description>([^<]*)</Description>", qde)
    said = "Richting" if language == "nl" else "Direction"  # the project's language
    assert any(f"{said}: {gives}\n" in m and "direction=bring" in m for m in memos)
    assert any(f"{said}: {receives}\n" in m and "direction=take" in m for m in memos)
    assert not any("Brings" in m or "Brengen" in m for m in memos)
    # lernet reads its own export back with the directions it had
    back = study.parent / f"back_{language}"
    code, _, err = run("import", "qdpx", str(study / "p.qdpx"), "--into", str(back))
    assert code == 0, err
    code, out, err = run("codings", "-f", "json", "--project", str(back))
    assert code == 0, err
    directions = sorted(r["direction"] or "" for r in json.loads(out))
    assert directions == sorted(r["direction"] for r in rows)


def test_a_dutch_project_takes_the_dutch_labels(study: Path) -> None:
    (study / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    code, out, err = run("matrix", "-f", "md")
    assert code == 0, err
    assert (
        "| Financiering | Geeft | Ontvangt |" in out
        and "| Tijd van medewerkers | - | Geeft |" in out
    )


def test_without_labels_the_default_words_stay(study: Path) -> None:
    text = (study / "codebook.yaml").read_text(encoding="utf-8")
    start = text.index("    direction_labels:")
    end = text.index("    codes:")
    (study / "codebook.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, err = run("matrix", "-f", "md")
    assert code == 0, err
    assert "| Funding | Brings | Takes |" in out and "| Staff time | n.a. | Brings |" in out


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('      none: "-"\n', '      nothing: "-"\n', 16, "unknown direction 'nothing'"),
        (
            "      take: {en: Receives, nl: Ontvangt}\n",
            "      take: {en: Gives}\n",
            12,
            "bring and take are both 'Gives' in en",
        ),
        ('      none: "-"\n', "      none: {fr: rien}\n", 16, "unknown language 'fr'"),
        ('      none: "-"\n', '      none: ""\n', 16, "none: needs a label"),
        (LABELS, "    direction_labels: Gives\n", 12, "must map bring/take/both/none"),
    ],
)
def test_codebook_check_names_a_bad_declaration(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in CODEBOOK
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace(old, new, 1), encoding="utf-8")
    found = [str(p) for p in parse_codebook(path).problems if p.severity == "error"]
    assert any(f.startswith(f"{path}:{line}:") and message in f for f in found), found
    code, out, err = run("codebook", "check", str(path))
    assert code != 0 and message in out + err


def test_labels_need_a_directional_code(tmp_path: Path) -> None:
    text = CODEBOOK.replace("    directional: true\n", "").replace("    analysis: matrix\n", "")
    text = text.replace(
        "    directions:\n      bring: [give, provide]\n      take: [receive, get]\n", ""
    )
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in parse_codebook(path).problems if p.severity == "error"]
    assert len(found) == 1 and "direction_labels: needs directional: true" in found[0], found
