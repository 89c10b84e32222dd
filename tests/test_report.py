"""The Word and Markdown reports of the sample corpus, opened and checked like a reader would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

from .test_sample_corpus import GROUPS, TABEL_1

runner = CliRunner()
LABELS = {
    "interest_balance.knowledge": "Kennis",
    "interest_balance.experiences": "Ervaringen",
    "interest_balance.inspiration": "Inspiratie",
    "interest_balance.instruments": "Instrumenten",
    "interest_balance.quality_monitoring": "Kwaliteitsbewaking",
    "interest_balance.acquisition": "Acquisitie",
    "interest_balance.sparring_partner": "Sparringpartner",
    "interest_balance.complementary_services": "Aanvullende dienstverlening",
    "interest_balance.networking": "Netwerken",
}


@pytest.fixture(scope="module")
def project(coded_sample: Path) -> Path:
    return coded_sample


def names(project: Path) -> list[str]:
    people = load_participants(project / "sample_transcripts" / "participants.yaml")
    return people.all_names() + people.all_organisations()


def test_docx_report(project: Path) -> None:
    out = project / "report.docx"
    result = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Resultaten", "Deelnemers"]
    assert "Vertrouwen (10x)" in headings and "Belangenbalans" in headings
    assert "Ontwikkelingsfase" in headings
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any(b.startswith("Elkaar nog niet goed kennen (5x)") for b in bullets)
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.startswith("“") and q.endswith(")") for q in quotes)
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    for name in names(project):
        assert name.lower() not in text.lower(), name
    matrix = next(t for t in doc.tables if t.rows[0].cells[1].text == GROUPS[0])
    assert [c.text for c in matrix.rows[0].cells] == ["", *GROUPS]
    got = {
        row.cells[0].text.lstrip("- "): [c.text for c in row.cells[1:]]
        for row in matrix.rows[1:]
        if any(c.text for c in row.cells[1:])
    }
    assert got == {LABELS[k]: v for k, v in TABEL_1.items()}
    assert len(doc.inline_shapes) == 5
    again = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert again.exit_code == 2 and "overwrite" in again.stderr


def test_markdown_report(project: Path) -> None:
    out = project / "report.md"
    result = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Resultaten\n")
    assert "- Elkaar nog niet goed kennen (5x)" in text
    assert "| - Kennis | Brengen | Halen | Halen | Halen |" in text
    assert "De meeste deelnemers (8 van 10)" in text
    assert "> “" in text
    charts = sorted((project / "report_files").glob("*.png"))
    assert len(charts) == 5 and charts[0].read_bytes().startswith(b"\x89PNG")
    for name in names(project):
        assert name.lower() not in text.lower(), name


def test_phases_command(project: Path) -> None:
    result = runner.invoke(app, ["phases", "--project", str(project), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    counts = {p["id"].rsplit("_", 1)[1]: p["participants"] for p in data["phases"]}
    assert counts == {"potential": 1, "uniting": 4, "growing": 4, "active": 1, "dissolving": 0}
    assert data["sentence"].startswith("De meeste deelnemers (8 van 10) plaatsen het netwerk")
    for fmt in ("table", "md", "csv"):
        r = runner.invoke(app, ["phases", "--project", str(project), "--format", fmt])
        assert r.exit_code == 0 and "verenigend" in r.stdout


def test_matrix_docx(project: Path) -> None:
    out = project / "matrix.docx"
    args = ["matrix", "--project", str(project), "--format", "docx", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["", *GROUPS]
    bad = runner.invoke(app, ["matrix", "--project", str(project), "--format", "docx"])
    assert bad.exit_code == 2 and "--output" in bad.stderr


def test_report_needs_docx_or_md(project: Path) -> None:
    r = runner.invoke(app, ["report", "--project", str(project), "-o", str(project / "r.pdf")])
    assert r.exit_code == 2 and ".docx or .md" in r.stderr


def test_matrix_crosstab_for_codes_without_direction(project: Path) -> None:
    args = ["matrix", "--project", str(project), "--codes", "trust", "--format", "csv"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    assert "trust.not_acquainted,Elkaar nog niet goed kennen,0x,1x,1x,3x" in r.stdout.splitlines()
    r = runner.invoke(app, [*args[:-1], "json"])
    cells = json.loads(r.stdout)["rows"][0]["cells"]
    assert {g: c["participants"] for g, c in cells.items()} == dict(
        zip(GROUPS, [0, 1, 1, 3], strict=True)
    )
