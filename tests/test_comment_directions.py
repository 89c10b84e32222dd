"""Direction words in Word comments and inline tags, in the words a researcher writes them
("Funding gives", "Staff time - gives", "Expertise, receives", "Financiering brengt"), and a
directional coding without a direction: counted in the matrix as "direction unknown", not n.a."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.manual import read_codes

from .test_manual import word_with_comments

runner = CliRunner()

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
      bring: [provide]
      take: [obtain]
    codes:
      - id: staff_time
        label: {en: Staff time, nl: Tijd van medewerkers}
        match:
          - any: ["staff time"]
      - id: funding
        label: {en: Funding, nl: Financiering}
        match:
          - any: [grant]
      - id: expertise
        label: {en: Expertise and advice, nl: Expertise en advies}
      - id: patient_info
        label: {en: Patient information, nl: Patientinformatie}
  - id: governance
    label: {en: Governance, nl: Bestuur}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def codebook_path(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Funding gives", [("resources.funding", "bring")]),
        ("Staff time - gives", [("resources.staff_time", "bring")]),
        ("Patient information receives", [("resources.patient_info", "take")]),
        ("Expertise and advice, receives", [("resources.expertise", "take")]),
        ("Funding: brings", [("resources.funding", "bring")]),
        ("Funding (contributes)", [("resources.funding", "bring")]),
        ("Funding / takes", [("resources.funding", "take")]),
        ("funding gets", [("resources.funding", "take")]),
        ("Funding gains", [("resources.funding", "take")]),
        ("Funding – both", [("resources.funding", "both")]),
        ("Funding mutual", [("resources.funding", "both")]),
        ("Funding gives and receives", [("resources.funding", "both")]),
        ("gives: Funding", [("resources.funding", "bring")]),
        ("Financiering brengt", [("resources.funding", "bring")]),
        ("Financiering geeft", [("resources.funding", "bring")]),
        ("Financiering - levert", [("resources.funding", "bring")]),
        ("Financiering haalt", [("resources.funding", "take")]),
        ("Financiering, krijgt", [("resources.funding", "take")]),
        ("Financiering ontvangt", [("resources.funding", "take")]),
        ("Financiering: wederzijds", [("resources.funding", "both")]),
        ("Financiering (beide)", [("resources.funding", "both")]),
        (
            "Funding gives; Staff time receives",
            [
                ("resources.funding", "bring"),
                ("resources.staff_time", "take"),
            ],
        ),
        ("Funding, Staff time", [("resources.funding", None), ("resources.staff_time", None)]),
        ("Funding: a good quote", [("resources.funding", None)]),
    ],
)
def test_direction_words_in_a_comment(
    codebook_path: Path, comment: str, expected: list[tuple[str, str | None]]
) -> None:
    found, unknown = read_codes(load_codebook(codebook_path), comment)
    assert [(n.code.id, n.direction) for n in found] == expected
    assert unknown == []


def test_a_lone_direction_word_names_no_code(codebook_path: Path) -> None:
    found, unknown = read_codes(load_codebook(codebook_path), "receives")
    assert found == [] and unknown == ["receives"]


def test_the_codebooks_own_direction_labels(codebook_path: Path) -> None:
    text = CODEBOOK.replace(
        "    codes:\n      - id: staff_time",
        "    direction_labels:\n      bring: {en: Donates, nl: Schenkt}\n"
        "      take: {en: Is granted, nl: Krijgt toegekend}\n"
        "    codes:\n      - id: staff_time",
    )
    codebook_path.write_text(text, encoding="utf-8")
    cb = load_codebook(codebook_path)
    for comment, direction in (
        ("Funding donates", "bring"),
        ("Funding - is granted", "take"),
        ("Financiering schenkt", "bring"),
        ("Funding gives", "bring"),
    ):
        found, unknown = read_codes(cb, comment)
        assert [(n.code.id, n.direction) for n in found] == [("resources.funding", direction)]
        assert unknown == []


@pytest.fixture
def study(tmp_path: Path, codebook_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    root.mkdir()
    (root / "codebook.yaml").write_text(codebook_path.read_text("utf-8"), encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", "utf-8")
    monkeypatch.chdir(root)
    return root


def test_word_comments_with_direction_words_count_with_their_direction(study: Path) -> None:
    word_with_comments(
        study / "p08.docx",
        [
            ("The practice pays for the room.", "Funding gives", "Priya"),
            ("Our volunteers sit in the hub.", "Staff time - gives", "Priya"),
            ("The list comes every morning.", "Patient information receives", "Priya"),
            ("The consultants help us.", "Expertise and advice, receives", "Priya"),
        ],
    )
    code, _, err = run("code", "p08.docx")
    assert code == 0, err
    assert "memo" not in err and "names no code" not in err and "without a direction" not in err
    code, out, err = run("codings", "--no-anonymize", "-f", "json")
    got = {(c["code"], c["direction"]) for c in json.loads(out) if c["coder"] == "Priya"}
    assert got == {
        ("resources.funding", "bring"),
        ("resources.staff_time", "bring"),
        ("resources.patient_info", "take"),
        ("resources.expertise", "take"),
    }
    code, out, err = run("matrix", "-f", "md")
    assert code == 0 and "without a direction" not in err, err
    assert "n.a." not in out and "| Staff time | Brings |" in out


def test_inline_tags_take_direction_words(study: Path) -> None:
    (study / "p09.txt").write_text(
        "I: What do you put in?\nR: [[Funding gives: We pay for the room.]] "
        "[[Expertise and advice - receives: The consultants help us.]]\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "p09.txt")
    assert code == 0, err
    code, out, _ = run("codings", "--no-anonymize", "-f", "json")
    got = {(c["code"], c["direction"]) for c in json.loads(out) if c["coder"] != "auto"}
    assert got == {("resources.funding", "bring"), ("resources.expertise", "take")}


def test_a_coding_without_a_direction_is_counted_as_direction_unknown(study: Path) -> None:
    from docx import Document

    word_with_comments(
        study / "p10.docx",
        [
            ("Our volunteers sit in the hub.", "Staff time", "Priya"),
            ("The practice pays for the room.", "Funding gives", "Priya"),
        ],
    )
    code, _, err = run("code", "p10.docx")
    assert code == 0, err
    assert "'Staff time': resources.staff_time coded without a direction" in err
    assert "'Staff time gives'" in err  # how to fix it
    code, out, _ = run("tally", "-f", "json")
    staff = next(
        c for t in json.loads(out)["themes"] for c in t["codes"] if c["id"].endswith("staff_time")
    )
    assert staff["participants"] == 1
    code, out, err = run("matrix", "-f", "md", "--counts")
    assert code == 0, err
    assert "| Staff time | Direction unknown (n=1) |" in out
    assert "n.a." not in out.split("Staff time")[1].splitlines()[0]
    warning = [line for line in err.splitlines() if "without a direction" in line]
    assert len(warning) == 1 and warning[0].startswith("lernet: warning: 1 coding without")
    assert "(“Staff time gives”)" in warning[0]  # the code without a direction
    code, out, _ = run("matrix", "-f", "json")
    cell = json.loads(out)["rows"][0]["cells"]["ungrouped"]
    assert cell["direction"] == "unknown" and cell["unknown"] == 1 and cell["participants"] == 1
    assert run("report", "-o", "r.md", "--no-method")[0] == 0
    text = (study / "r.md").read_text(encoding="utf-8")
    assert "| Staff time | Direction unknown |" in re.sub(r" +", " ", text)
    assert "1 coding without a direction" in text
    assert run("report", "-o", "r.docx", "--no-method")[0] == 0
    doc = Document(str(study / "r.docx"))
    assert any("1 coding without a direction" in p.text for p in doc.paragraphs)
    # a Dutch project says it in Dutch
    (study / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    code, out, _ = run("matrix", "-f", "md")
    assert "| Tijd van medewerkers | Richting onbekend |" in out


def test_a_tag_on_the_matrix_theme_without_a_direction_suggests_a_row(study: Path) -> None:
    """The theme is no row of the matrix: its own name with a direction would be shown nowhere
    either, so the example is one of its codes with a direction."""
    (study / "p12.txt").write_text(
        "I: What do you put in?\n"
        "R: [[Resources given and received: We are glad to be part of it all.]]\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "p12.txt")
    assert code == 0, err
    (line,) = [x for x in err.splitlines() if "without a direction" in x]
    assert "resources coded without a direction" in line
    assert "'Staff time gives'" in line
    assert "Resources given and received gives" not in line
    assert "as direction unknown" not in line
