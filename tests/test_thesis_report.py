"""A results chapter pasted into a thesis: headings, table rows, captions and counts as a strict
supervisor reads them (the sample corpus, Dutch, in Word and Markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def project(coded_sample: Path) -> Path:
    return coded_sample


def report(project: Path, name: str, *args: str) -> Path:
    out = project / name
    result = runner.invoke(
        app, ["report", "--project", str(project), "-o", str(out), "--force", *args]
    )
    assert result.exit_code == 0, result.stderr
    return out


def matrix_table(doc: object) -> object:
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "Code")  # type: ignore[attr-defined]


def test_matrix_rows_have_no_stray_dash(project: Path) -> None:
    """A code under its parent's heading row is indented, not written "- Kennis" (a list mark
    in a table cell)."""
    doc = Document(str(report(project, "dash.docx")))
    table = matrix_table(doc)
    labels = [row.cells[0] for row in table.rows[1:]]
    assert not [c.text for c in labels if c.text.startswith("-")]
    kennis = next(c for c in labels if c.text == "Kennis")
    assert kennis.paragraphs[0].paragraph_format.left_indent
    heading = next(c for c in labels if c.text == "Cognitieve belangen")
    assert not heading.paragraphs[0].paragraph_format.left_indent
    text = report(project, "dash.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows and not [r for r in rows if r.startswith("| -") and not r.startswith("| ---")]
    assert any(r.startswith("| **Cognitieve belangen**") for r in rows)
    assert any(r.startswith("| Kennis ") for r in rows)
    for fmt in ("md", "table"):
        result = runner.invoke(app, ["matrix", "--project", str(project), "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert "- Kennis" not in result.stdout and "Kennis" in result.stdout


def test_no_two_headings_alike(project: Path) -> None:
    """The matrix's section is not headed as the theme's findings are: Word's navigation pane
    and table of contents would show "Belangenbalans" twice."""
    doc = Document(str(report(project, "headings.docx")))
    headings = [
        p.text.rsplit(" (", 1)[0] for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert "Belangenbalans" in headings and "Belangenbalans per groep" in headings
    assert len(headings) == len(set(headings)), headings
    text = report(project, "headings.md").read_text(encoding="utf-8")
    md = [line.split(" ", 1)[1].rsplit(" (", 1)[0] for line in text.splitlines() if line[:1] == "#"]
    assert len(md) == len(set(md)), md
    by = report(project, "headings-by.md", "--by", "folder").read_text(encoding="utf-8")
    assert "\n## Belangenbalans per map\n" in by


def test_word_title_names_the_study(project: Path) -> None:
    """The document's title (Word's properties, a PDF's title bar) names the codebook's study,
    not a generic "Resultaten"."""
    props = Document(str(report(project, "title.docx"))).core_properties
    assert props.title == "Lerende netwerken: resultaten"
    english = report(project, "title-en.docx", "--language", "en")
    assert Document(str(english)).core_properties.title.endswith(": results")


def test_phases_count_people_as_tally_does(project: Path) -> None:
    """A count of participants is written "1x" in every table for reading: `phases` per group
    as `tally --by group` and the report's phases table (CSV and JSON keep numbers)."""
    result = runner.invoke(app, ["phases", "--project", str(project), "--by", "group", "-f", "md"])
    assert result.exit_code == 0, result.stderr
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| pot")]
    assert rows and all(cell.endswith("x") for cell in rows[0][1:-1]), rows
    csv_out = runner.invoke(
        app, ["phases", "--project", str(project), "--by", "group", "-f", "csv"]
    )
    assert "x" not in csv_out.stdout.splitlines()[1].split(";")[1]
    doc = Document(str(report(project, "phases.docx", "--by", "group")))
    phases = doc.tables[-1]
    assert all(c.text.endswith("x") for row in phases.rows[1:] for c in row.cells[1:])
