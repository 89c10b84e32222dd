"""tools/render_report_page.sh does what README says: renders the report it is given."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

TOOL = Path(__file__).resolve().parent.parent / "tools" / "render_report_page.sh"


def test_a_missing_report_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(TOOL), str(tmp_path / "out"), str(tmp_path / "nope.docx")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.stderr.startswith("missing "):
        pytest.skip("LibreOffice or pdftoppm not installed")
    assert result.returncode != 0 and "nope.docx: file not found" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(
    not (shutil.which("libreoffice") and shutil.which("pdftoppm")),
    reason="needs LibreOffice and pdftoppm",
)
def test_renders_the_users_report(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Mijn rapport")
    report = tmp_path / "mijn rapport.docx"
    doc.save(str(report))
    out = tmp_path / "pages"
    result = subprocess.run(
        ["bash", str(TOOL), str(out), str(report)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["mijn rapport-page-1.png"]
