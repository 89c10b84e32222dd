"""Transcripts without speaker labels whose questions are set in bold (Word, OpenDocument), and
the footer a transcription service writes under a text export ("Transcribed by https://...")."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.readers import read_transcript
from lernet_cli.readers.labels import tool_footer

from .odtfiles import odt

runner = CliRunner()
DATA = Path(__file__).parent / "data"

QA = [
    ("Kunt u zich kort voorstellen?", ["Ik werk als beleidsadviseur bij de gemeente."]),
    (
        "Deelt u kennis in het netwerk?",
        ["Ja, wij brengen kennis in over de wijkaanpak.", "En we halen ervaringen op."],
    ),
    ("Vertrouwt u de andere partijen?", ["Het vertrouwen groeit wel."]),
]


def bold_docx(
    path: Path,
    qa: list[tuple[str, list[str]]] = QA,
    *,
    title: str | None = "Interview 1 – 12 maart 2026",
    bold_title: bool = False,
    header_table: list[list[str]] | None = None,
    table_after: tuple[int, list[list[str]]] | None = None,
) -> Path:
    """A Word file as a researcher types one: a title, the questions in bold, the answers plain."""
    doc = Document()
    if title is not None:
        doc.add_paragraph().add_run(title).bold = bold_title
    if header_table:
        table = doc.add_table(rows=len(header_table), cols=len(header_table[0]))
        for r, row in enumerate(header_table):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    for i, (question, answers) in enumerate(qa):
        doc.add_paragraph().add_run(question).bold = True
        for answer in answers:
            doc.add_paragraph(answer)
        if table_after and table_after[0] == i:
            rows = table_after[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).paragraphs[0].add_run(text).bold = r == 0
    doc.save(str(path))
    return path


def turns(path: Path) -> list[tuple[str, str, str]]:
    return [(t.speaker, t.role, t.text) for t in read_transcript(path).turns]


# --- reading --------------------------------------------------------------------------------


def test_bold_questions_are_the_interviewers_and_the_title_is_no_speech(tmp_path: Path) -> None:
    t = read_transcript(bold_docx(tmp_path / "t.docx"))
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("Interviewer", "interviewer", "Kunt u zich kort voorstellen?", 2),
        ("Respondent", "participant", "Ik werk als beleidsadviseur bij de gemeente.", 3),
        ("Interviewer", "interviewer", "Deelt u kennis in het netwerk?", 4),
        (
            "Respondent",
            "participant",
            "Ja, wij brengen kennis in over de wijkaanpak.\nEn we halen ervaringen op.",
            5,
        ),
        ("Interviewer", "interviewer", "Vertrouwt u de andere partijen?", 7),
        ("Respondent", "participant", "Het vertrouwen groeit wel.", 8),
    ]
    assert t.interviewer_labels == ["Interviewer"]
    assert t.warnings == [
        "no speaker labels: questions in bold read as the interviewer's, the rest as the "
        "participant's; paragraph 1 before the first question not taken as speech"
    ]


def test_a_header_table_before_the_first_question_is_no_speech_and_its_names_redacted(
    tmp_path: Path,
) -> None:
    path = bold_docx(
        tmp_path / "t.docx",
        header_table=[["Naam", "Griet Mertens"], ["Datum", "12 maart 2026"]],
    )
    t = read_transcript(path)
    spoken = " ".join(x.text for x in t.turns)
    assert "Griet" not in spoken and "Datum" not in spoken and "Interview 1" not in spoken
    assert t.turns[0].text == "Kunt u zich kort voorstellen?"
    assert t.metadata["names"] == ["Griet Mertens"]
    assert t.warnings[-1].endswith("paragraphs 1–5 before the first question not taken as speech")


def test_a_table_in_an_answer_stays_the_answer_and_its_bold_header_asks_nothing(
    tmp_path: Path,
) -> None:
    table = [["Jaar", "Woningen"], ["2026", "340"]]
    got = turns(bold_docx(tmp_path / "t.docx", table_after=(0, table)))
    assert [role for _, role, _ in got] == ["interviewer", "participant"] * 3
    assert got[1][2] == "Ik werk als beleidsadviseur bij de gemeente.\nJaar\nWoningen\n2026\n340"


def test_a_bold_title_just_above_the_first_question_is_no_question(tmp_path: Path) -> None:
    t = read_transcript(bold_docx(tmp_path / "t.docx", bold_title=True))
    assert t.turns[0].text == "Kunt u zich kort voorstellen?"
    assert "paragraph 1 before the first question" in t.warnings[0]


def test_a_question_without_a_question_mark_still_counts_among_questions(tmp_path: Path) -> None:
    qa = [
        ("Please introduce yourself.", ["I coordinate the programme."]),
        ("How do you work with the housing associations?", ["We hardly know each other."]),
    ]
    got = turns(bold_docx(tmp_path / "t.docx", qa, title=None))
    assert got == [
        ("Interviewer", "interviewer", "Please introduce yourself."),
        ("Respondent", "participant", "I coordinate the programme."),
        ("Interviewer", "interviewer", "How do you work with the housing associations?"),
        ("Respondent", "participant", "We hardly know each other."),
    ]


@pytest.mark.parametrize(
    "qa",
    [
        # One bold question is not a pattern.
        [("Wat doet u?", ["Ik ben adviseur."])],
        # Bold section headings ask nothing: a report, not questions.
        [("Achtergrond", ["Ik ben adviseur."]), ("Samenwerking", ["Dat gaat goed."])],
    ],
)
def test_too_little_or_no_questions_in_bold_leaves_all_text_the_participants(
    tmp_path: Path, qa: list[tuple[str, list[str]]]
) -> None:
    t = read_transcript(bold_docx(tmp_path / "t.docx", qa))
    assert {(x.speaker, x.role) for x in t.turns} == {("", "participant")}
    assert t.warnings == [
        "no speaker labels found: all text taken as participant speech; to tell the "
        "interviewer's turns apart, start each turn with a label such as 'I:' or 'R:' or set "
        "each question in bold"
    ]


def test_labels_win_over_bold(tmp_path: Path) -> None:
    doc = Document()
    for label, text in [("I", "Wat doet u?"), ("R", "Ik ben adviseur."), ("I", "En verder?")]:
        p = doc.add_paragraph()
        p.add_run(f"{label}: {text}").bold = label == "I"
        doc.add_paragraph("Nog een zin.")
    doc.save(str(tmp_path / "t.docx"))
    got = turns(tmp_path / "t.docx")
    assert [s for s, _, _ in got] == ["I", "R", "I"]


def test_a_text_file_is_told_of_labels_only(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Wat doet u?\nIk ben adviseur.\n", encoding="utf-8")
    (warning,) = read_transcript(path).warnings
    assert warning.endswith("start each turn with a label such as 'I:' or 'R:'")


def test_odt_bold_questions(tmp_path: Path) -> None:
    bold = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    body = "".join(
        f'<text:p><text:span text:style-name="T1">{q}</text:span></text:p><text:p>{a}</text:p>'
        for q, a in [("Wat doet u?", "Ik ben adviseur."), ("Hoe gaat het?", "Goed.")]
    )
    path = odt(tmp_path / "t.odt", "<text:p>Interview 2</text:p>" + body, automatic_styles=bold)
    assert turns(path) == [
        ("Interviewer", "interviewer", "Wat doet u?"),
        ("Respondent", "participant", "Ik ben adviseur."),
        ("Interviewer", "interviewer", "Hoe gaat het?"),
        ("Respondent", "participant", "Goed."),
    ]


# --- tool footers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "footer"),
    [
        ("Transcribed by https://otter.ai", True),
        ("Transcribed by otter.ai", True),
        ("Transcription generated by www.example-tool.com", True),
        ("Getranscribeerd door https://transcriptie.example.nl", True),
        ("Transcribed by a student assistant", False),  # no web address
        ("See https://otter.ai for our pricing", False),  # names no transcription
        (
            "We had the recording transcribed by otter.ai, and frankly the result was poor "
            "in many places, so we checked it all by hand",
            False,
        ),  # a sentence, not a footer
    ],
)
def test_tool_footer(line: str, footer: bool) -> None:
    assert tool_footer(line) is footer


def test_an_otter_footer_is_no_speech(tmp_path: Path) -> None:
    t = read_transcript(DATA / "otter_footer.txt")
    assert t.turns[-1].text == "We bring what we learn to the working group."
    assert not any("otter" in x.text for x in t.turns)
    assert t.warnings[0] == (
        "line 8 ('Transcribed by https://otter.ai') is a transcription tool's footer, not speech"
    )


def test_a_footer_said_by_a_speaker_is_kept(tmp_path: Path) -> None:
    """A service's name on a line of its own inside the text is its page-break boilerplate (Rev
    writes one on every page: qf21), not speech, and is said so; said after a label it is."""
    path = tmp_path / "t.txt"
    path.write_text(
        "I: What did you use?\nTranscribed by https://otter.ai\nR: Transcribed by otter.ai\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [x.text for x in t.turns] == ["What did you use?", "Transcribed by otter.ai"]
    assert any("transcription service's name, not speech" in w for w in t.warnings)


# --- through the CLI ------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_speakers_code_and_quotes_of_bold_questions(project: Path) -> None:
    bold_docx(project / "nl01.docx")
    code, out, err = run("speakers", "nl01.docx", "--format", "json")
    assert code == 0, err
    rows = [(r["speaker"], r["role"], r["turns"]) for r in json.loads(out)]
    assert rows == [("Interviewer", "interviewer", 3), ("Respondent", "participant", 3)]
    assert "questions in bold read as the interviewer's" in err

    code, out, err = run("code", "nl01.docx")
    assert code == 0, err
    assert "questions in bold read as the interviewer's" in err
    code, out, err = run("quotes", "--theme", "interest_balance", "--format", "json")
    assert code == 0, err
    quoted = [q["text"] for q in json.loads(out)]
    assert quoted  # the answer about knowledge is coded ...
    assert not any("Deelt u" in q for q in quoted)  # ... the bold question is not
    assert not any("Interview 1" in q for q in quoted)

    code, _, err = run("export", "qdpx", "out.qdpx")
    assert code == 0, err
    with zipfile.ZipFile(project / "out.qdpx") as zf:
        (source,) = [n for n in zf.namelist() if n.startswith("sources/")]
        blocks = zf.read(source).decode("utf-8").split("\n\n")
    assert blocks[:2] == [
        "Interviewer: Kunt u zich kort voorstellen?",
        "Deelnemer: Ik werk als beleidsadviseur bij de gemeente.",
    ]
    assert not any(b.startswith("?:") for b in blocks)


def test_cli_quotes_leave_out_an_otter_footer(project: Path) -> None:
    path = project / "en03.txt"
    path.write_text(
        "Speaker 1  0:01\nDeelt u kennis?\n\nSpeaker 2  0:04\nWij delen kennis.\n\n\n"
        "Transcribed by https://otter.ai\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "en03.txt")
    assert code == 0, err
    assert "transcription tool's footer" in err
    code, out, err = run("quotes", "--theme", "interest_balance", "--format", "json")
    assert code == 0, err
    assert [q["text"] for q in json.loads(out)] == ["Wij delen kennis."]
