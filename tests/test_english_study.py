"""A study that is not the report's: English interviews, its own codebook, two groups of nurses,
speakers labelled `Interviewer:` / `Nurse:`, run through the CLI from `init` to `export`.

The figures below come from reading the five interviews in tests/fixtures/en_study/ against its
codebook by hand; nothing here is fed to the product.
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app

STUDY = Path(__file__).resolve().parent / "fixtures" / "en_study"
GROUPS = ["ward nurse", "community nurse"]
NAMES = [
    "Hannah",
    "Price",
    "Tom",
    "Okafor",
    "Priya",
    "Shah",
    "Riverside Hospital",
    "Homecare North",
]

# Participants per code, and who they are.
WHO = {
    "sharing.willing": {"w1", "c2"},
    "sharing.reluctant": {"c3"},
    "trust.strangers": {"w1", "w2", "c1"},
    "trust.safe": {"w2", "c2"},
    "exchange.protocols": {"w1", "w2", "c1", "c2"},
    "exchange.experience": {"w1", "c1", "c2"},
    "exchange.contacts": {"w2", "c1", "c3"},
    "stage.forming": {"w1", "c2"},
    "stage.growing": {"w2", "c1"},
    "stage.mature": {"c3"},
    "stage.funding_worry": {"w2", "c3"},
}
# Ward nurses bring protocols and take experience; community nurses the other way round.
MATRIX = {
    "exchange.protocols": {"ward nurse": "bring", "community nurse": "both"},
    "exchange.experience": {"ward nurse": "take", "community nurse": "bring"},
    "exchange.contacts": {"ward nurse": "take", "community nurse": "both"},
}
# file: (participant turns, turns with a code)
TURNS = {"w1.txt": (5, 4), "w2.txt": (5, 5), "c1.txt": (5, 4), "c2.txt": (4, 4), "c3.txt": (4, 4)}

runner = CliRunner()


def lernet(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`lernet init` in English, the study's codebook in place of the default, and coded."""
    root = tmp_path_factory.mktemp("study") / "nurses"
    result = runner.invoke(app, ["init", str(root), "--language", "en"])
    assert result.exit_code == 0, result.stderr
    assert (root / "lernet.yaml").is_file() and (root / "codebook.yaml").is_file()
    shutil.copy(STUDY / "codebook.yaml", root / "codebook.yaml")
    shutil.copytree(STUDY / "interviews", root / "interviews")
    result = runner.invoke(app, ["code", "--project", str(root), str(root / "interviews")])
    assert result.exit_code == 0, result.stderr
    assert "5 new" in result.stderr
    # Every file is in the participants file: no participant is named after its file.
    assert "participant = file name" not in result.stderr
    root.joinpath("code-summary.txt").write_text(result.stdout, encoding="utf-8")
    return root


def test_codebook_is_valid_and_its_examples_pass(study: Path) -> None:
    assert "ok (4 themes, 11 codes)" in lernet("codebook", "check", "--project", str(study))
    assert "0 failed" in lernet("codebook", "test", "--project", str(study))


def test_speaker_labels_are_read_as_roles(study: Path) -> None:
    rows = json.loads(lernet("speakers", str(study / "interviews"), "--format", "json"))
    roles = {(r["speaker"], r["role"]) for r in rows}
    assert roles == {("Interviewer", "interviewer"), ("Nurse", "participant")}


def test_code_summary_per_file(study: Path) -> None:
    out = study.joinpath("code-summary.txt").read_text(encoding="utf-8")
    lines = [line for line in out.splitlines() if "│" in line or "┃" in line]
    header = [c.strip() for c in lines[0].strip("┃").split("┃")]
    rows = [
        dict(zip(header, (c.strip() for c in line.strip("│").split("│")), strict=True))
        for line in lines[1:]
    ]
    got = {r["file"]: (int(r["participant turns"]), int(r["turns with a code"])) for r in rows}
    assert got == TURNS
    assert {r["file"][0]: r["group"] for r in rows} == {"w": "ward nurse", "c": "community nurse"}


def test_tally(study: Path) -> None:
    data = json.loads(lernet("tally", "--project", str(study), "--format", "json"))
    assert data["groups"] == GROUPS
    codes = {c["id"]: c for t in data["themes"] for c in t["codes"]}
    assert {k: set(codes[k]["participant_ids"]) for k in WHO} == WHO
    themes = {t["id"]: t["participants"] for t in data["themes"]}
    assert themes == {"sharing": 3, "trust": 4, "exchange": 5, "stage": 5}
    assert codes["trust.strangers"]["by_group"] == {"ward nurse": 2, "community nurse": 1}
    assert "Do not know each other yet (n=3)" in lernet(
        "tally", "--project", str(study), "--format", "md"
    )
    table = lernet("tally", "--project", str(study))  # the screen's table writes them alike
    by_group = lernet("tally", "--project", str(study), "--by", "group", "--format", "md")
    assert by_group.startswith("| id | label | participants | segments |")
    assert "n=3" in table and "3x" not in table
    phases = lernet("phases", "--project", str(study))
    assert "n=2" in phases and "2x" not in phases


def test_quotes_are_attributed_by_group_and_anonymized(study: Path) -> None:
    quotes = json.loads(lernet("quotes", "--project", str(study), "--format", "json"))
    assert {q["code"] for q in quotes} == set(WHO)
    assert {q["label"] for q in quotes} == set(GROUPS)
    text = " ".join(q["text"] for q in quotes)
    for name in NAMES:
        assert name not in text, name
    assert "We bring our wound protocols from [" in text  # the hospital, redacted
    ward = json.loads(
        lernet("quotes", "--project", str(study), "--group", "ward nurse", "--format", "json")
    )
    assert ward and {q["participant"] for q in ward} == {"w1", "w2"}


def test_role_label_words_are_not_redacted(study: Path) -> None:
    quotes = json.loads(
        lernet("quotes", "--project", str(study), "--code", "experience", "--format", "json")
    )
    assert any("district nurses" in q["text"] for q in quotes)
    lernet("export", "qdpx", "--project", str(study), str(study / "groups.qdpx"))
    with zipfile.ZipFile(study / "groups.qdpx") as archive:
        project = archive.read("project.qde").decode("utf-8")
    assert "<TextValue>ward nurse</TextValue>" in project  # the cases' group


def test_matrix_is_the_declared_theme(study: Path) -> None:
    data = json.loads(lernet("matrix", "--project", str(study), "--format", "json"))
    assert data["groups"] == GROUPS
    got = {r["id"]: {g: c["direction"] for g, c in r["cells"].items()} for r in data["rows"]}
    assert got == MATRIX
    protocols = next(r for r in data["rows"] if r["id"] == "exchange.protocols")["cells"]
    assert protocols["community nurse"] == {
        "direction": "both",
        "bring": 1,
        "take": 2,
        "unknown": 0,
        "participants": 2,
    }
    table = lernet("matrix", "--project", str(study))
    assert "Protocols" in table and "Contacts" in table


def test_phases_are_the_declared_codes_in_order(study: Path) -> None:
    data = json.loads(lernet("phases", "--project", str(study), "--format", "json"))
    assert data["total_participants"] == 5
    assert [(p["id"], set(p["participant_ids"])) for p in data["phases"]] == [
        (k, WHO[k]) for k in ("stage.forming", "stage.growing", "stage.mature")
    ]
    assert data["phases"][0]["label"] == "forming"
    assert "forming" in data["sentence"] and "growing" in data["sentence"]
    assert "4" in data["sentence"] and "5" in data["sentence"]  # 4 of the 5 participants


def test_markdown_report(study: Path) -> None:
    out = study / "report.md"
    lernet("report", "--project", str(study), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    for label in ("Knowledge sharing", "Trust", "Exchange", "Development"):
        assert any(line.startswith("#") and label in line for line in lines), label
    assert any("Do not know each other yet" in line and "(n=3)" in line for line in lines)
    assert any(
        "Practical experience" in line and "Takes" in line and "Brings" in line for line in lines
    )
    assert any("forming" in line and "n=2" in line for line in lines)
    for name in NAMES:
        assert name not in text, name
    assert sorted(p.name for p in (study / "report_files").glob("*.png")) == [
        f"{t}.png" for t in ("exchange", "sharing", "stage", "trust")
    ]


def test_word_report(study: Path) -> None:
    out = study / "report.docx"
    lernet("report", "--project", str(study), "-o", str(out))
    doc = Document(str(out))
    cells = [[c.text.lstrip("- ") for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Protocols", "Brings", "Both"] in cells
    assert ["Contacts", "Takes", "Both"] in cells
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(" ".join(c) for c in cells)
    for name in NAMES:
        assert name not in text, name
    assert len(doc.inline_shapes) == 4  # a chart per theme


def test_exports(study: Path) -> None:
    n_codings = len(json.loads(lernet("codings", "--project", str(study), "--format", "json")))
    assert n_codings > 20
    lernet("export", "csv", "--project", str(study), str(study / "codings.csv"))
    with (study / "codings.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n_codings
    assert {r["group"] for r in rows} == set(GROUPS)
    assert {r["code"] for r in rows} == set(WHO)
    lernet("export", "qdpx", "--project", str(study), str(study / "study.qdpx"))
    with zipfile.ZipFile(study / "study.qdpx") as archive:
        names = archive.namelist()
        content = " ".join(archive.read(n).decode("utf-8", "replace") for n in names)
    assert "project.qde" in names and sum(n.startswith("sources/") for n in names) == 5
    assert "Protocols" in content and "<Case " in content
    for name in NAMES:
        assert name not in content, name
    lernet("export", "qdc", "--project", str(study), str(study / "codebook.qdc"))
    qdc = (study / "codebook.qdc").read_text(encoding="utf-8")
    assert all(label in qdc for label in ("Willing to share", "Worry about funding"))


def test_counts_follow_the_project_language() -> None:
    """A Dutch report writes "(5x)" as the research report does; an English reader takes "5x"
    for mentions, so English writes "(n=5)", and a counted cell of both directions gets a key."""
    from lernet_cli.analysis.counts import times
    from lernet_cli.analysis.matrix import Cell, Matrix, MatrixRow, counts_legend

    assert (times(5, "nl"), times(5, "en")) == ("5x", "n=5")
    both = Cell(bring=2, take=1, participants=3)
    row = MatrixRow("c", "Advice", "root", {"g": both}, directional=True)
    matrix = Matrix(
        ["g"],
        [row],
        "Exchange",
        "root",
        {"bring": "Gives", "take": "Receives", "both": "Both ways", "none": "n.a.", "unknown": "?"},
        0,
    )
    legend = counts_legend(matrix, "en")
    assert legend is not None and "Both ways" in legend and "“Gives” / as “Receives”" in legend
    row.cells["g"] = Cell(bring=1, participants=1)
    assert counts_legend(matrix, "en") is None
