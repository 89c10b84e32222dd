"""The matrix's columns are tally's and phases': the groups that have interviewees (one whose
interviewees said nothing about a code: n.a.), the ungrouped too; a group listed but nobody
interviewed is no column, and a line under the table says so (QF64)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import invoke_cli

PARTICIPANTS = """\
groups: [kenniscentrum, adviesbureau, bedrijf]
participants:
  - {id: p01, group: kenniscentrum, label: onderzoeker}
  - {id: p02, group: kenniscentrum, label: docent}
  - {id: p03, group: adviesbureau, label: adviseur}
  - {id: p04, label: zelfstandige}
"""

TAGS = {
    "nl": ["Kennis brengt", "Kennis haalt", "Instrumenten brengt", "Vertrouwen"],
    "en": ["Knowledge gives", "Knowledge gets", "Instruments gives", "Trust"],
}


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> str:
    lang = request.param
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", lang)[0] == 0
    (tmp_path / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    folder = tmp_path / "interviews"
    folder.mkdir()
    for i, tag in enumerate(TAGS[lang], 1):
        (folder / f"p0{i}.txt").write_text(
            f"I: Wat doet u?\nR: [[{tag}: Wij delen onze resultaten met de partners.]]\n",
            encoding="utf-8",
        )
    assert invoke_cli("code", "interviews")[0] == 0
    return str(lang)


LINE = {
    "nl": "Geen kolom voor bedrijf: niemand uit die groep geïnterviewd",
    "en": "No column for bedrijf: nobody from that group interviewed",
}
UNGROUPED = {"nl": "zonder groep", "en": "ungrouped"}


@pytest.mark.parametrize("study", ["nl", "en"], indirect=True)
def test_columns_as_tally_with_a_line_for_the_group_nobody_was_interviewed_in(study: str) -> None:
    code, tally = invoke_cli("tally", "--by", "group", "--format", "json")
    assert code == 0
    columns = json.loads(tally[tally.index("{") : tally.rindex("}") + 1])["groups"]
    code, out = invoke_cli("matrix", "--format", "json")
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert code == 0 and data["groups"] == columns and data["not_interviewed"] == ["bedrijf"]
    assert "ungrouped" in columns  # p04 coded only Vertrouwen: still a column, n.a. there
    row = next(r for r in data["rows"] if r["id"] == "interest_balance.knowledge")
    assert row["cells"]["ungrouped"]["direction"] == "none"
    assert row["cells"]["kenniscentrum"]["direction"] == "both"
    for fmt in ("table", "md"):
        code, out = invoke_cli("matrix", "--format", fmt)
        assert code == 0 and LINE[study] in out and UNGROUPED[study] in out
        assert "bedrijf |" not in out and "│ bedrijf" not in out
    code, out = invoke_cli("matrix", "--format", "csv")
    assert code == 0 and "bedrijf" not in out.splitlines()[0]
    assert "lernet: note: No column for bedrijf" in out


@pytest.mark.parametrize("study", ["nl"], indirect=True)
def test_the_report_matrix_has_the_same_columns_and_line(study: str, tmp_path: Path) -> None:
    code, _ = invoke_cli("report", "-o", str(tmp_path / "r.md"))
    assert code == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    matrix = text[text.index("Belangenbalans per groep") :]
    header = next(line for line in matrix.splitlines() if line.startswith("| Code"))
    assert "zonder groep" in header and "bedrijf" not in header
    assert LINE["nl"] in matrix


@pytest.mark.parametrize("study", ["nl"], indirect=True)
def test_a_selection_of_codings_keeps_the_columns_and_says_nobody_was_interviewed(
    study: str,
) -> None:
    """--reviewed or --coder counts fewer codings, not fewer interviews: the columns are those of
    every interviewee, so a group without one was not interviewed, not merely outside them."""
    code, out = invoke_cli("matrix", "--reviewed")
    assert code == 0, out
    assert "niemand uit die groep geïnterviewd" in out and "in deze selectie" not in out


@pytest.mark.parametrize("study", ["en"], indirect=True)
def test_tally_with_file_says_where_nobody_was_interviewed(study: str) -> None:
    code, out = invoke_cli("tally", "--by", "group", "--file", "interviews/p01.txt")
    assert code == 0, out
    assert "nobody from those groups in the transcripts --file keeps" in out


@pytest.mark.parametrize("study", ["nl"], indirect=True)
def test_a_selection_says_in_this_selection(study: str) -> None:
    code, out = invoke_cli("matrix", "--file", "interviews/p01.txt")
    assert code == 0
    assert "Geen kolom voor adviesbureau, bedrijf: niemand uit die groepen in deze selectie" in out


@pytest.mark.parametrize("study", ["nl"], indirect=True)
def test_word_matrix_has_the_line(study: str, tmp_path: Path) -> None:
    import docx

    code, _ = invoke_cli("matrix", "-o", str(tmp_path / "m.docx"))
    assert code == 0
    doc = docx.Document(str(tmp_path / "m.docx"))
    assert "bedrijf" not in [c.text for c in doc.tables[0].rows[0].cells]
    assert any(p.text.startswith(LINE["nl"]) for p in doc.paragraphs)


@pytest.mark.parametrize("study", ["en"], indirect=True)
@pytest.mark.parametrize("command", ["tally", "phases"])
def test_tally_and_phases_name_the_group_they_leave_out(study: str, command: str) -> None:
    code, out = invoke_cli(command, "--by", "group")
    assert code == 0
    assert "lernet: note: no column for bedrijf: nobody from that group interviewed" in out
