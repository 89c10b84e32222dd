"""Names a PDF or an RTF transcript gives outside its speech, nobody having listed them: a PDF's
running header or footer and its title block's fields, an RTF's page header. Quotes and exports
redact them as they redact a Word header's (test_redaction_cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.readers import read_transcript

from .pdffiles import write_pdf
from .test_redaction_cli import _export_texts, _project, outputs, run

SAID = "Ik ben de baas van De Horizon, zegt mevrouw Mertens ook."
REDACTED = "Ik ben de baas van [organisatie], zegt mevrouw [naam] ook."


def _check(root: Path, redacted: str = REDACTED) -> None:
    code, _, err = run("code", "t")
    assert code == 0, err
    for where, text in {**outputs(root, "header"), **_export_texts(root)}.items():
        assert redacted in text, where
        for secret in ("Griet", "Mertens", "Horizon"):
            assert secret not in text, (where, secret)


def test_names_in_a_pdfs_running_header_and_title_block_are_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word's "Opslaan als PDF": a header table (its cells apart on one line each), a running
    header with the participant's name, "Pagina 1 van 2"."""
    root = _project(tmp_path / "pdf", "nl", "participants: []\n")
    pages = [
        [
            "Transcriptie interview",
            "Naam        Griet Mertens",
            "Datum       12 maart 2024",
            "Organisatie De Horizon",
            "Interviewer: Wie is hier de baas?",
            f"Respondent: {SAID}",
        ],
        ["Interviewer: Dank je wel.", "Respondent: Graag gedaan."],
    ]
    write_pdf(
        root / "t" / "p07.pdf",
        pages,
        header="Interview Griet Mertens",
        number="Pagina {n} van {total}",
    )
    monkeypatch.chdir(root)
    _check(root)


def test_a_pdf_title_block_ends_where_the_speech_begins(tmp_path: Path) -> None:
    """A first turn whose label is a field's word ("Interviewer: ...") names nobody."""
    path = write_pdf(
        tmp_path / "p.pdf",
        [["Interviewer: Goedemorgen.", "Respondent: Dag Jan Smit.", "Interviewer: Hoe gaat het?"]],
        header=None,
        number=None,
    )
    assert "names" not in read_transcript(path).metadata


def test_names_in_an_rtf_page_header_are_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "rtf", "nl", "participants: []\n")
    (root / "t" / "p07.rtf").write_text(
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n"
        "{\\header \\pard\\plain\\f0 {Vertrouwelijk: Griet Mertens, De Horizon}\\par}\n"
        "{\\footer \\pard\\plain {Pagina }{\\field{\\*\\fldinst { PAGE }}{\\fldrslt {1}}}\\par}\n"
        "\\pard\\plain\\f0 I: Wie is hier de baas?\\par\n"
        f"\\pard R: {SAID}\\par\n}}",
        encoding="ascii",
    )
    monkeypatch.chdir(root)
    # A header's name is a person's unless its words say an organisation's (as in a .docx).
    _check(root, "Ik ben de baas van [naam], zegt mevrouw [naam] ook.")
