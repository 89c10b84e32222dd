"""PDF transcripts (readers/pdf.py): the text layer in reading order, lines joined back into
paragraphs, page numbers and running headers left out, and a PDF lernet cannot read refused in
one line, with the store as it was."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from lernet_cli.readers import read_transcript

from .conftest import dump_store, invoke_cli
from .pdffiles import paged, pdf_bytes, table_content, write_pdf

INTERVIEW = [
    [
        "I: Could you tell me how the network started in your region?",
        "R: Well, it started in 2019 when the samen-",
        "werking between the schools was going nowhere and we had",
        "to decide something. It was a plas-",
        "dras situation, really, for all of us in the region then.",
        "I: And then?",
    ],
    [
        "R: Then we met every month at the town hall, with all the",
        "heads of the schools and the coordinators of the network.",
        "I: Thank you.",
    ],
    ["R: You are welcome, it was a pleasure to talk about it."],
]


def _turns(path: Path) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in read_transcript(path).turns]


def test_lines_are_joined_into_turns_and_page_furniture_is_left_out(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "P07.pdf", INTERVIEW, gaps=[[1, 5], [2], []])
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("I", "Could you tell me how the network started in your region?"),
        (
            "R",
            "Well, it started in 2019 when the samenwerking between the schools was going "
            "nowhere and we had to decide something. It was a plas-dras situation, really, for "
            "all of us in the region then.",
        ),
        ("I", "And then?"),
        (
            "R",
            "Then we met every month at the town hall, with all the heads of the schools and "
            "the coordinators of the network.",
        ),
        ("I", "Thank you."),
        ("R", "You are welcome, it was a pleasure to talk about it."),
    ]
    assert [t.role for t in transcript.turns][:2] == ["interviewer", "participant"]
    assert (
        "left out 3 page numbers and 3 running headers or footers (the same line on most "
        "pages: 'Interview P07 \u2013 confidential'): not speech"
    ) in transcript.warnings


@pytest.mark.parametrize(
    "number", ["{n}", "- {n} -", "Page {n} of {total}", "Pagina {n} van {total}"]
)
def test_page_numbers_of_every_form_are_left_out(tmp_path: Path, number: str) -> None:
    path = write_pdf(tmp_path / "p.pdf", INTERVIEW, number=number, header=None)
    texts = " ".join(text for _, text in _turns(path))
    assert "Page" not in texts and "Pagina" not in texts and " 3" not in texts, texts
    assert read_transcript(path).warnings[0] == "left out 3 page numbers: not speech"


def test_a_line_said_at_the_top_of_one_page_only_is_speech(tmp_path: Path) -> None:
    """A running header is the same line at the top of most pages; a participant's short answer
    at the top of one page is not one, nor the page's first question."""
    pages = [
        ["I: Did it work?", *INTERVIEW[0][1:]],
        ["R: Yes.", *INTERVIEW[1]],
        ["I: Did it work?", *INTERVIEW[2]],
    ]
    path = write_pdf(tmp_path / "p.pdf", pages)
    texts = [text for _, text in _turns(path)]
    assert texts[:3] == ["Did it work?", texts[1], "And then?"]
    assert "Yes." in texts and texts.count("Did it work?") == 2, texts


def test_a_turn_that_starts_on_a_new_line_is_never_joined(tmp_path: Path) -> None:
    """A line that fills the width runs on, except into a line that starts a speaker turn."""
    pages = [
        [
            "R: We shared what we knew about the pupils and their parents and",
            "I: Sorry, could you say that again? The line was not very clear here.",
        ]
    ]
    path = write_pdf(tmp_path / "p.pdf", pages)
    assert [speaker for speaker, _ in _turns(path)] == ["R", "I"]


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(paged(INTERVIEW))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_a_pdf_protected_only_against_changes_is_read(tmp_path: Path) -> None:
    """No password is needed to open it (only to edit it): its text is there to read."""
    assert _turns(_encrypted(tmp_path, ""))[0] == (
        "I",
        "Could you tell me how the network started in your region?",
    )


def _truncated(tmp_path: Path) -> Path:
    data = paged(INTERVIEW)
    (tmp_path / "bad.pdf").write_bytes(data[: len(data) // 2])
    return tmp_path / "bad.pdf"


def _scanned(tmp_path: Path) -> Path:
    (tmp_path / "bad.pdf").write_bytes(pdf_bytes([b"", b""], images=True))
    return tmp_path / "bad.pdf"


def _not_a_pdf(tmp_path: Path) -> Path:
    (tmp_path / "bad.pdf").write_text("I: Hello?\nR: Hi.\n", encoding="utf-8")
    return tmp_path / "bad.pdf"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: _encrypted(d, "secret"), "locked.pdf: the PDF is password-protected: "),
        (_scanned, "bad.pdf: the PDF has no text (a scan?): "),
        (_truncated, "bad.pdf: not a readable PDF (damaged or incomplete"),
        (_not_a_pdf, "bad.pdf: not a PDF (it has no PDF header)"),
    ],
    ids=["password", "scan", "damaged", "not-a-pdf"],
)
def test_a_pdf_lernet_cannot_read_is_refused_in_one_line(
    project: Path, make: object, message: str
) -> None:
    assert invoke_cli("code", str(write_pdf(project / "ok.pdf", INTERVIEW)))[0] == 0
    before = dump_store(project)
    path = make(project)  # type: ignore[operator]
    code, out = invoke_cli("code", path.name)
    assert code == 5, out
    errors = [line for line in out.splitlines() if line.startswith("lernet: error:")]
    assert len(errors) == 1 and message in errors[0], out
    assert "Traceback" not in out and "EOF marker" not in out
    assert dump_store(project) == before


def test_a_pdf_is_coded_from_a_folder(project: Path) -> None:
    folder = project / "interviews"
    folder.mkdir()
    write_pdf(folder / "P07.pdf", INTERVIEW)
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert "1 new" in out and b"interviews/P07.pdf" in dump_store(project)
    assert "not read" not in out


def test_too_many_pages_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lernet_cli.errors import TranscriptError
    from lernet_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(TranscriptError, match="3 pages; lernet reads at most 2"):
        read_transcript(write_pdf(tmp_path / "p.pdf", INTERVIEW))


def test_reading_a_pdf_is_what_imports_pypdf(tmp_path: Path) -> None:
    """`lernet --help` and the other readers stay without pypdf."""
    script = (
        "import sys\nfrom lernet_cli.readers import read_transcript\n"
        f"read_transcript({str(tmp_path / 'p.txt')!r})\n"
        "print('pypdf' in sys.modules)\n"
    )
    (tmp_path / "p.txt").write_text("I: Hello?\nR: Hi.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_a_pdf_beside_its_document_is_left_out_and_said(project: Path) -> None:
    """ "P07.pdf" saved from "P07.txt": its text differs a little (page numbers, breaks), so both
    read would be two interviews of one participant; the document is read, the PDF named."""
    folder = project / "interviews"
    folder.mkdir()
    write_pdf(folder / "P07.pdf", INTERVIEW)
    lines = [line for page in INTERVIEW for line in page]
    (folder / "P07.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_pdf(folder / "P08.pdf", [["I: And you?", "R: We met every month at the town hall."]])
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    stored = dump_store(project)
    assert b"interviews/P07.txt" in stored and b"interviews/P08.pdf" in stored
    assert b"interviews/P07.pdf" not in stored
    assert "1 duplicate" not in out and "2 new" in out


AES = Path(__file__).parent / "data" / "pdf"
"""INTERVIEW (`paged`) encrypted by pypdf with AES-128, as Word and Amberscript protect a PDF
against changes: `aes_no_password.pdf` opens without a password, `aes_password.pdf` with
"secret"."""


def test_an_aes_pdf_protected_only_against_changes_is_read(tmp_path: Path) -> None:
    """AES needs the `cryptography` package, a dependency of lernet's for this."""
    assert _turns(AES / "aes_no_password.pdf")[:2] == [
        ("I", "Could you tell me how the network started in your region?"),
        (
            "R",
            "Well, it started in 2019 when the samenwerking between the schools was going "
            "nowhere and we had to decide something. It was a plas-dras situation, really, for "
            "all of us in the region then.",
        ),
    ]


def test_an_aes_pdf_that_needs_a_password_is_refused_as_protected(project: Path) -> None:
    path = project / "locked.pdf"
    path.write_bytes((AES / "aes_password.pdf").read_bytes())
    code, out = invoke_cli("code", path.name)
    assert code == 5, out
    assert "locked.pdf: the PDF is password-protected: open it with its password" in out, out
    assert "Traceback" not in out


def test_an_aes_pdf_without_cryptography_installed_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken install is not the researcher's file: the message says what is missing (pypdf
    without `cryptography` or another AES provider falls back to classes that refuse AES)."""
    import pypdf._encryption
    from pypdf._crypt_providers import _fallback

    from lernet_cli.errors import TranscriptError

    monkeypatch.setattr(pypdf._encryption, "CryptAES", _fallback.CryptAES)
    with pytest.raises(TranscriptError, match="'cryptography' package, and that is not installed"):
        read_transcript(AES / "aes_no_password.pdf")


REV = [
    [
        "Jane Doe Interview",
        "Speaker 1 (00:01):",
        "So thanks for joining. Can you tell me how the network started?",
        "Jane Doe (00:12):",
        "Sure. I joined the learning network two years ago.",
    ],
    [
        "Speaker 1 (01:12):",
        "And what did you learn from the other schools?",
        "Jane Doe (01:20):",
        "Mostly that we were not alone.",
    ],
    [
        "Speaker 1 (02:40):",
        "Thank you.",
        "Jane Doe (02:44):",
        "You are welcome.",
    ],
]


@pytest.mark.parametrize("pages", [2, 3])
def test_a_speaker_label_with_its_time_opening_each_page_is_no_running_header(
    tmp_path: Path, pages: int
) -> None:
    """Rev and Otter put the speaker and the time on a line above each turn: the same line,
    numbers aside, at the top of every page when the pages break between turns."""
    path = write_pdf(tmp_path / "rev.pdf", REV[:pages], header=None, number=None)
    transcript = read_transcript(path)
    assert [(t.speaker, t.timestamp, t.text) for t in transcript.turns][:4] == [
        ("Speaker 1", "00:01", "So thanks for joining. Can you tell me how the network started?"),
        ("Jane Doe", "00:12", "Sure. I joined the learning network two years ago."),
        ("Speaker 1", "01:12", "And what did you learn from the other schools?"),
        ("Jane Doe", "01:20", "Mostly that we were not alone."),
    ]
    assert not any("running header" in w for w in transcript.warnings), transcript.warnings


def test_a_line_that_also_stands_inside_a_page_is_no_running_header(tmp_path: Path) -> None:
    """A label alone on its line ("Jane Doe:") at the top of both pages is the text's too."""
    pages = [
        [
            "Jane Doe:",
            "It started.",
            "Interviewer:",
            "How?",
            "Jane Doe:",
            "With a study day.",
            "Interviewer:",
            "And then?",
        ],
        [
            "Jane Doe:",
            "We met.",
            "Interviewer:",
            "Where?",
            "Jane Doe:",
            "At the town hall.",
            "Interviewer:",
            "Thanks.",
        ],
    ]
    path = write_pdf(tmp_path / "p.pdf", pages, header="Interview P07", number=None)
    assert [text for _, text in _turns(path)] == [
        "It started.",
        "How?",
        "With a study day.",
        "And then?",
        "We met.",
        "Where?",
        "At the town hall.",
        "Thanks.",
    ]
    assert [speaker for speaker, _ in _turns(path)][:2] == ["Jane Doe", "Interviewer"]


TABLE = [
    [
        ("Spreker", "Tekst"),
        (
            "Interviewer",
            ["Hoe is het netwerk in jullie regio begonnen, en wie", "was er toen bij?"],
        ),
        (
            "Griet",
            [
                "Het begon in 2019, toen de samen-",
                "werking tussen de scholen nergens heen ging en we",
                "iets moesten beslissen. Het was een plas-",
                "dras situatie.",
            ],
        ),
        ("Interviewer", "En toen?"),
        ("Griet", ["We kwamen elke maand samen in het gemeentehuis, met", "alle directeurs en"]),
    ],
    [
        ("", "de coördinatoren van het netwerk."),
        ("Interviewer", "Dank u."),
        ("Griet", "Graag gedaan."),
    ],
]
"""A Word speaker table saved as PDF: cells that wrap, and a row the page break splits."""


def _table_pdf(tmp_path: Path, pages: list[list[tuple[object, ...]]], **kwargs: object) -> Path:
    path = tmp_path / "table.pdf"
    path.write_bytes(
        pdf_bytes(
            [
                table_content(
                    rows,  # type: ignore[arg-type]
                    header="Interview P07",
                    footer=f"Pagina {n}",
                    **kwargs,  # type: ignore[arg-type]
                )
                for n, rows in enumerate(pages, 1)
            ]
        )
    )
    return path


@pytest.mark.parametrize("by_column", [False, True], ids=["row-by-row", "column-by-column"])
def test_a_speaker_table_reads_as_the_same_table_in_a_docx_does(
    tmp_path: Path, by_column: bool
) -> None:
    """Whatever order the file draws the cells in, the columns give the speakers; a cell's
    wrapped lines and the rest of a row on the next page are joined into its turn."""
    from docx import Document

    doc = Document()
    rows = [row for page in TABLE for row in page]
    table = doc.add_table(rows=len(rows) - 1, cols=2)
    merged = rows[:5] + [(rows[4][0], [*rows[4][1], rows[5][1]])] + rows[6:]
    del merged[4]
    for row, values in zip(table.rows, merged, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value if isinstance(value, str) else " ".join(value)
    doc.save(str(tmp_path / "table.docx"))
    as_docx = read_transcript(tmp_path / "table.docx")
    as_pdf = read_transcript(_table_pdf(tmp_path, TABLE, by_column=by_column))

    def turns(t: object) -> list[tuple[object, ...]]:
        return [(x.speaker, x.role, x.text) for x in t.turns]  # type: ignore[attr-defined]

    assert turns(as_pdf)[1] == (
        "Griet",
        "participant",
        "Het begon in 2019, toen de samenwerking tussen de scholen nergens heen ging en we "
        "iets moesten beslissen. Het was een plas-dras situatie.",
    )
    assert turns(as_pdf)[3][2].endswith("alle directeurs en de coördinatoren van het netwerk.")
    docx_turns = [
        (s, r, t.replace("samen- werking", "samenwerking").replace("plas- dras", "plas-dras"))
        for s, r, t in turns(as_docx)
    ]
    assert turns(as_pdf) == docx_turns


@pytest.mark.parametrize("time_first", [False, True])
def test_a_speaker_time_text_table_gives_speakers_and_times(
    tmp_path: Path, time_first: bool
) -> None:
    rows = [
        (
            "Interviewer",
            "00:00:05",
            ["Could you tell me how the network", "started in your region?"],
        ),
        ("Jane Doe", "00:00:12", "It started with a study day."),
        ("Interviewer", "00:01:02", "And then?"),
    ]
    if time_first:
        rows = [(time, speaker, text) for speaker, time, text in rows]
    path = _table_pdf(tmp_path, [rows], columns=(72, 160, 240))  # type: ignore[list-item]
    assert [(t.speaker, t.timestamp, t.text) for t in read_transcript(path).turns] == [
        ("Interviewer", "00:00:05", "Could you tell me how the network started in your region?"),
        ("Jane Doe", "00:00:12", "It started with a study day."),
        ("Interviewer", "00:01:02", "And then?"),
    ]


def test_a_time_text_table_takes_the_speakers_from_the_text(tmp_path: Path) -> None:
    rows = [
        ("00:00:05", ["I: Could you tell me how the network", "started in your region?"]),
        ("00:00:12", "R: It started with a study day."),
        ("00:01:02", "I: And then?"),
    ]
    path = _table_pdf(tmp_path, [rows])  # type: ignore[list-item]
    assert [(t.speaker, t.timestamp, t.text) for t in read_transcript(path).turns] == [
        ("I", "00:00:05", "Could you tell me how the network started in your region?"),
        ("R", "00:00:12", "It started with a study day."),
        ("I", "00:01:02", "And then?"),
    ]


def test_a_short_answer_or_a_label_ending_most_pages_is_speech(tmp_path: Path) -> None:
    """At the bottom of most pages, in the flow of the text ("Ja.", "Interviewer:" whose
    question the next page holds): no footer, which more space sets apart from the text."""
    body = [
        "Interviewer:",
        "How did it start?",
        "Respondent:",
        "With a study day, and a long one at that.",
    ]
    pages = [
        [*body, "Interviewer:", "Did it help?", "Respondent:", "Ja."],
        [*body, "Interviewer:", "Did it help?", "Respondent:", "Ja."],
        [*body, "Interviewer:"],
        ["And after that?", "Respondent:", "Ja."],
    ]
    path = write_pdf(tmp_path / "p.pdf", pages, header="Interview P07", number="Pagina {n}")
    transcript = read_transcript(path)
    assert [t.text for t in transcript.turns].count("Ja.") == 3
    assert ("Interviewer", "And after that?") in _turns(path)
    assert (
        "left out 4 page numbers and 4 running headers or footers (the same line on most "
        "pages: 'Interview P07'): not speech"
    ) in transcript.warnings


def test_a_footer_set_apart_is_left_out_beside_paragraph_gaps(tmp_path: Path) -> None:
    """A footer's space from the text is wider than a paragraph's: it is still left out."""
    pages = [
        [f"I: Page {n}?", f"R: We met {n} times.", "I: Where?", f"R: At the hall of {n}.", "I: Ok."]
        for n in "ABC"
    ]
    path = write_pdf(
        tmp_path / "p.pdf",
        pages,
        header=None,
        number="Interview P07 \u2013 confidential",
        gaps=[[1, 2, 3, 4]] * 3,
    )
    transcript = read_transcript(path)
    assert "confidential" not in " ".join(t.text for t in transcript.turns)
    assert "3 running headers or footers" in transcript.warnings[0]


def test_a_pdf_whose_forms_draw_without_end_is_refused_in_one_line(project: Path) -> None:
    """A few kilobytes that stand for 40 ** 8 lines of text: refused before pypdf reads them."""
    assert invoke_cli("code", str(write_pdf(project / "ok.pdf", INTERVIEW)))[0] == 0
    (project / "bomb.pdf").write_bytes(pdf_bytes([b""], nested_forms=(8, 40)))
    before = dump_store(project)
    code, out = invoke_cli("code", "bomb.pdf")
    assert code == 5, out
    assert (
        "bomb.pdf: too large for a transcript (page 1 draws more than 1,000,000 bytes of content"
    ) in out, out
    assert "Traceback" not in out and dump_store(project) == before


def test_a_pdf_whose_pages_draw_too_much_together_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lernet_cli.errors import TranscriptError
    from lernet_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT", 1_000)
    with pytest.raises(TranscriptError, match=r"pages 1-\d draw more than 1,000 bytes of content"):
        read_transcript(write_pdf(tmp_path / "p.pdf", INTERVIEW))
