"""Speaker tables the readers read alike: a `time | text` table whose labels stand in the text
(.docx as the PDF reader reads it), and a PDF table whose speaker's name wraps beside its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from lernet_cli.readers import read_transcript

from .pdffiles import pdf_bytes, table_content

DUTCH = [
    ("Tijd", "Tekst"),
    ("00:01:23", "Interviewer: Hoe lang werkt u hier al?"),
    ("00:01:30", "Respondent: Zes jaar."),
    ("00:01:41", "En daarvoor vier jaar in Gent."),
    ("00:01:50", "Interviewer: Waarom bent u overgestapt?"),
]
ENGLISH = [
    ("Time", "Text"),
    ("00:00:05", "I: Could you tell me how the network started?"),
    ("00:00:12", "R: It started with a study day."),
    ("00:00:20", "Then we met every month."),
    ("00:01:02", "I: And then?"),
]
EXPECTED = {
    "nl": [
        ("Interviewer", "interviewer", "00:01:23", "Hoe lang werkt u hier al?"),
        ("Respondent", "participant", "00:01:30", "Zes jaar.\nEn daarvoor vier jaar in Gent."),
        ("Interviewer", "interviewer", "00:01:50", "Waarom bent u overgestapt?"),
    ],
    "en": [
        ("I", "interviewer", "00:00:05", "Could you tell me how the network started?"),
        ("R", "participant", "00:00:12", "It started with a study day.\nThen we met every month."),
        ("I", "interviewer", "00:01:02", "And then?"),
    ],
}


def _docx(tmp_path: Path, rows: list[tuple[str, ...]], bold: dict[int, str] | None = None) -> Path:
    """A Word table of `rows`, the text cell of row n opening with `bold[n]` set in bold."""
    doc = Document()
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for n, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, value in zip(row.cells, values, strict=True):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        lead = (bold or {}).get(n)
        if lead:
            first = row.cells[-1].paragraphs[0]
            rest = first.text.removeprefix(lead)
            first.text = ""
            first.add_run(lead).bold = True
            first.add_run(rest)
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return path


def _turns(path: Path) -> list[tuple[object, ...]]:
    return [(t.speaker, t.role, t.timestamp, t.text) for t in read_transcript(path).turns]


@pytest.mark.parametrize(("lang", "rows"), [("nl", DUTCH), ("en", ENGLISH)])
def test_a_docx_time_text_table_reads_as_the_pdf_reads_it(
    tmp_path: Path, lang: str, rows: list[tuple[str, str]]
) -> None:
    """The time is no speech, the label opening the text is the speaker's, a row without one goes
    on with the turn before; the header row is no speech, nor said to be skipped, and each row
    counts as one paragraph, as in a speaker table."""
    transcript = read_transcript(_docx(tmp_path, rows))
    assert _turns(_docx(tmp_path, rows)) == EXPECTED[lang]
    assert [t.position for t in transcript.turns] == [2, 3, 5]
    assert transcript.warnings == []
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(pdf_bytes([table_content(rows)]))
    assert _turns(pdf) == EXPECTED[lang]


def test_a_label_in_bold_or_on_its_own_line_in_the_text_cell_is_a_label(tmp_path: Path) -> None:
    rows = [
        ("00:01:23", "Interviewer Hoe lang werkt u hier al?"),
        ("00:01:30", "Griet\nZes jaar."),
        ("00:01:41", "Interviewer\nEn daarvoor?"),
        ("00:01:50", "Griet\nIn Gent."),
    ]
    assert _turns(_docx(tmp_path, rows, bold={0: "Interviewer"})) == [
        ("Interviewer", "interviewer", "00:01:23", "Hoe lang werkt u hier al?"),
        ("Griet", "participant", "00:01:30", "Zes jaar."),
        ("Interviewer", "interviewer", "00:01:41", "En daarvoor?"),
        ("Griet", "participant", "00:01:50", "In Gent."),
    ]


def test_a_word_above_the_rest_of_an_answer_is_no_label(tmp_path: Path) -> None:
    rows = [
        ("00:01:23", "I: Was dat zo?"),
        ("00:01:30", "R: Ja."),
        ("00:01:41", "Precies\nzo ging het, elke maand."),
        ("00:01:50", "I: En toen?"),
    ]
    assert _turns(_docx(tmp_path, rows))[1] == (
        "R",
        "participant",
        "00:01:30",
        "Ja.\nPrecies\nzo ging het, elke maand.",
    )


def test_a_docx_time_text_table_without_labels_asks_in_bold(tmp_path: Path) -> None:
    """Without labels the rows are turns as paragraphs are: questions set in bold are the
    interviewer's."""
    rows = [
        ("00:00:05", "Hoe lang werkt u hier al?"),
        ("00:00:12", "Zes jaar, en daarvoor in Gent."),
        ("00:00:20", "Waarom bent u overgestapt?"),
        ("00:00:31", "Door de afstand."),
    ]
    assert [
        (s, r) for s, r, _, _ in _turns(_docx(tmp_path, rows, bold={0: rows[0][1], 2: rows[2][1]}))
    ] == [(s, r) for s, r in [("Interviewer", "interviewer"), ("Respondent", "participant")] * 2]


def _pdf(tmp_path: Path, rows: list[tuple[object, ...]], **kwargs: object) -> Path:
    path = tmp_path / "table.pdf"
    path.write_bytes(pdf_bytes([table_content(rows, **kwargs)]))  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(
    ("asker", "speaker", "said"),
    [
        (
            "Interviewer",
            ["Projectleider", "gemeente"],
            [
                ["Het begon in 2019, toen de samenwerking tussen de", "scholen nergens heen ging."],
                ["We kwamen elke maand samen in het gemeentehuis, met", "alle directeurs."],
            ],
        ),
        (
            "Researcher",
            ["Community care", "nurse"],
            [
                [
                    "It started in 2019, when the practices in the region",
                    "stopped working together.",
                ],
                ["We met every month in the town hall, with all of the", "practice managers."],
            ],
        ),
    ],
    ids=["nl", "en"],
)
@pytest.mark.parametrize("row_gap", [0, 4])
def test_a_speaker_whose_name_wraps_beside_wrapping_text_is_one_turn(
    tmp_path: Path, asker: str, speaker: list[str], said: list[list[str]], row_gap: float
) -> None:
    rows = [
        (asker, "Hoe is het begonnen? / How did it start?"),
        (speaker, said[0]),
        (asker, "En toen? / And then?"),
        (speaker, said[1]),
        (speaker, "Ja. / Yes."),
    ]
    name = " ".join(speaker)
    assert [
        (t.speaker, t.text) for t in read_transcript(_pdf(tmp_path, rows, row_gap=row_gap)).turns
    ] == [
        (asker, "Hoe is het begonnen? / How did it start?"),
        (name, " ".join(said[0])),
        (asker, "En toen? / And then?"),
        (name, " ".join(said[1])),
        (name, "Ja. / Yes."),
    ]


def test_a_wrapped_name_beside_a_time_column_joins_the_speaker_not_the_time(
    tmp_path: Path,
) -> None:
    rows = [
        ("Interviewer", "00:00:05", "Hoe is het begonnen?"),
        (
            ["Projectleider", "gemeente"],
            "00:00:09",
            ["Het begon in 2019, toen de samenwerking", "stopte."],
        ),
        ("Interviewer", "00:01:02", "En toen?"),
        (["Projectleider", "gemeente"], "00:01:05", "Niets."),
    ]
    path = _pdf(tmp_path, rows, columns=(72, 180, 260))
    assert [(t.speaker, t.timestamp, t.text) for t in read_transcript(path).turns] == [
        ("Interviewer", "00:00:05", "Hoe is het begonnen?"),
        ("Projectleider gemeente", "00:00:09", "Het begon in 2019, toen de samenwerking stopte."),
        ("Interviewer", "00:01:02", "En toen?"),
        ("Projectleider gemeente", "00:01:05", "Niets."),
    ]


def test_a_speaker_after_text_that_runs_on_starts_a_turn_of_their_own(tmp_path: Path) -> None:
    """Speech cut off without a full stop, the next row's speaker is theirs: a role word, or a
    name that starts a row elsewhere, never the end of the name before."""
    rows = [
        ("Griet", "We begonnen met een studiedag, en toen"),
        ("Interviewer", "En toen kwam er niets van?"),
        ("Griet", "Nee, niet echt, eerlijk gezegd"),
        ("Jonas", "Bij ons ook niet."),
        ("Griet", "Dat dacht ik al."),
    ]
    assert [t.speaker for t in read_transcript(_pdf(tmp_path, rows)).turns] == [
        "Griet",
        "Interviewer",
        "Griet",
        "Jonas",
        "Griet",
    ]
