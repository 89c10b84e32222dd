"""Memos from Word comments in a .qdpx: their notes say where they came from in the project's
language, and a memo on a whole transcript is where QualCoder reads a source's memo."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import invoke_cli

NS = {"q": "urn:QDA-XML:project:1.0"}


def _interview(path: Path) -> Path:
    """A Word file with a comment on its heading (a memo on the whole transcript) and one on an
    answer that names no code (a memo on its words)."""
    import docx

    d = docx.Document()
    heading = d.add_heading("Interview wijkverpleging", 1)
    d.add_paragraph("I: Wat haalt u uit het netwerk?")
    answer = d.add_paragraph("R: ").add_run("Vooral praktische tips over medicatie.")
    d.add_comment(heading.runs[0], text="Open gesprek, na een nachtdienst.", author="Marieke")
    d.add_comment(answer, text="nakijken", author="Marieke")
    d.save(str(path))
    return path


def _exported(tmp_path: Path, language: str) -> etree._Element:
    assert invoke_cli("init", "--language", language)[0] == 0
    _interview(tmp_path / "r01.docx")
    code, out = invoke_cli("code", "r01.docx")
    assert code == 0, out
    code, out = invoke_cli("export", "qdpx", "out.qdpx")
    assert code == 0, out
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        return etree.fromstring(zf.read("project.qde"))


@pytest.mark.parametrize(
    ("language", "said"),
    [("nl", "lernet: memo uit een opmerking"), ("en", "lernet: memo from a comment")],
)
def test_a_memos_note_says_where_it_came_from_in_the_projects_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    root = _exported(tmp_path, language)
    notes = root.findall("q:Notes/q:Note", NS)
    assert len(notes) == 2
    assert {n.findtext("q:Description", namespaces=NS) for n in notes} == {said}


def test_a_memo_on_a_whole_transcript_is_the_sources_memo_in_qualcoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QualCoder takes a source's memo from the TextSource's Description and drops a note the
    source refers to that marks no words: the memo on the whole transcript is there too, before
    lernet's own lines, which an import still reads; a memo on words is not."""
    monkeypatch.chdir(tmp_path)
    root = _exported(tmp_path, "nl")
    [source] = root.findall("q:Sources/q:TextSource", NS)
    description = source.findtext("q:Description", namespaces=NS) or ""
    first, _, rest = description.partition("\n\n")
    assert first == "Open gesprek, na een nachtdienst."
    assert rest.startswith("Geëxporteerd door lernet.") and "lernet: interviewer turns=1" in rest
    assert "nakijken" not in description
    # importing the archive gives each memo once
    (tmp_path / "again").mkdir()
    monkeypatch.chdir(tmp_path / "again")
    code, out = invoke_cli("import", "qdpx", str(tmp_path / "out.qdpx"))
    assert code == 0, out
    code, listed = invoke_cli("memos", "--format", "csv", "--delimiter", ",")
    assert code == 0, listed
    assert listed.count("Open gesprek, na een nachtdienst.") == 1
    assert listed.count("nakijken") == 1
