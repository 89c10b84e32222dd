"""A title block above the first turn ("Interviewer: Emma Clarke", "Duration: 41 minutes") is no
speech, though its labels are the speakers' further down; its names are kept to redact, and a
value that withholds a name ("Anoniem", "[redacted]", "P05") is no name."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from lernet_cli.coding.pipeline import speaker_names
from lernet_cli.readers import read_transcript
from lernet_cli.readers.label_names import names_someone
from lernet_cli.readers.labels.title import field_value
from lernet_cli.readers.tables import field_names

from .conftest import invoke_cli

ENGLISH = """Interview 5 – Care home study
Date: 12 March 2026
Interviewee: Rachel Doyle (P05)
Interviewer: Emma Clarke
Duration: 41 minutes

Interviewer: Thank you for taking part. Can you tell me about your work?
P05: I have worked here for ten years.
Interviewer: And how is it?
P05: Anonymous surveys say it is fine.
"""

DUTCH = """Interview 3 – Zorgnetwerk
Datum: 12 maart 2026
Respondent: Anoniem
Interviewer: Emma Clarke
Duur: 41 minuten

Emma: Dank je wel. Hoe gaat het met de kennis in het netwerk?
Rachel: Goed, anoniem blijven is fijn.
Emma: En verder?
Rachel: Niets.
"""


def _write(tmp_path: Path, text: str, suffix: str) -> Path:
    path = tmp_path / f"t{suffix}"
    lines = text.splitlines()
    if suffix == ".docx":
        doc = Document()
        doc.add_heading(lines[0], 1)
        for line in lines[1:]:
            if line:
                doc.add_paragraph(line)
        doc.save(str(path))
    elif suffix == ".md":
        path.write_text("# " + text, encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_title_fields_are_no_turns_and_their_names_are_kept(tmp_path: Path, suffix: str) -> None:
    t = read_transcript(_write(tmp_path, ENGLISH, suffix))
    assert [(turn.speaker, turn.role) for turn in t.turns] == [
        ("Interviewer", "interviewer"),
        ("P05", "participant"),
    ] * 2
    assert t.turns[0].text.startswith("Thank you")
    assert "Emma Clarke" not in " ".join(turn.text for turn in t.turns)
    assert {"Rachel Doyle", "Emma Clarke"} <= set(speaker_names(t, "en"))
    assert any("read as fields of the title" in w and "Emma Clarke" in w for w in t.warnings)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_dutch_title_field_names_the_interviewer(tmp_path: Path, suffix: str) -> None:
    t = read_transcript(_write(tmp_path, DUTCH, suffix))
    assert [(turn.speaker, turn.role) for turn in t.turns] == [
        ("Emma", "interviewer"),
        ("Rachel", "participant"),
    ] * 2
    assert any("took 'Emma' as the interviewer" in w for w in t.warnings)
    names = speaker_names(t)
    assert "Emma Clarke" in names
    assert not any("anoniem" in n.casefold() for n in names)


@pytest.mark.parametrize(
    "first",
    [
        "Interviewer: So, tell me about your work.",
        "Interviewer: Welcome",
        "Interviewer: Emma",
        "Interviewer: Thank you, Emma Clarke",
    ],
)
def test_a_first_question_stays_a_turn(tmp_path: Path, first: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        f"{first}\nRespondent: I work in a care home.\n"
        "Interviewer: And then?\nRespondent: Then I stayed.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [turn.speaker for turn in t.turns] == ["Interviewer", "Respondent"] * 2
    assert t.turns[0].text == first.partition(": ")[2]


@pytest.mark.parametrize(
    "line",
    [
        "Respondent: Anoniem",
        "Interviewee: anonymous",
        "Naam: n.v.t.",
        "Name: [redacted]",
        "Participant: P05",
        "Respondent: Anoniem. Datum: 12 maart",
        "Interviewee: Anonymous (P05)",
    ],
)
def test_a_header_that_withholds_the_name_gives_no_name(tmp_path: Path, line: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        f"{line}\nI: Hoe gaat het?\nR: Goed, ik blijf anoniem, anonymous.\n"
        "I: En verder?\nR: Niets.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [turn.speaker for turn in t.turns] == ["I", "R"] * 2
    assert speaker_names(t) == []


def test_the_filter_names_get() -> None:
    assert names_someone("Rachel Doyle")
    assert names_someone("田中 花子")
    for value in ("Anoniem", "anonymous", "n.v.t.", "[redacted]", "P05", "Respondent", "Me"):
        assert not names_someone(value), value
    assert field_names([["Naam", "Anoniem"], ["Interviewee", "Rachel Doyle (P05)"]]) == (
        ["Rachel Doyle"],
        [],
    )
    assert field_names([["Interviewers", "Emma Clarke and Tom Hale"]])[0] == [
        "Emma Clarke",
        "Tom Hale",
    ]


def test_field_values() -> None:
    for value in (
        "Emma Clarke",
        "12 March 2026",
        "41 minutes",
        "P05",
        "anonymous",
        "10:00 – 10:41",
    ):
        assert field_value(value), value
    for value in ("So, tell me about your work.", "Welcome", "Precies.", "Ja", "How are you?"):
        assert not field_value(value), value


TURNS = (
    "Respondent: Anoniem\n"
    "Interviewer: Emma Clarke\n"
    "Datum: 12 maart 2026\n\n"
    "Interviewer: Hoe gaat het met de kennis in het netwerk?\n"
    "Respondent: We delen veel kennis, anoniem natuurlijk, zegt Emma.\n"
    "Interviewer: En verder?\n"
    "Respondent: Ik breng kennis in.\n"
)


def test_quotes_hide_a_title_name_but_not_anoniem(project: Path) -> None:
    (project / "P01.txt").write_text(TURNS, encoding="utf-8")
    code, out = invoke_cli("code", "P01.txt")
    assert code == 0, out
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "anoniem natuurlijk" in out
    assert "Emma" not in out


def test_title_blocks_of_many_files_are_one_line() -> None:
    from lernet_cli.coding.warning_kinds import group_warnings

    said = (
        "line 3 ('Interviewee: Rachel Doyle (P05)'), line 4 ('Interviewer: Emma Clarke') read as "
        "fields of the title above the first turn, not as speech"
    )
    lines, rest = group_warnings([(f"P0{n}.txt", said) for n in range(1, 5)])
    assert rest == []
    (line,) = lines
    assert line.startswith("4 files (P01.txt, P02.txt, P03.txt and 1 more): labelled lines of a")
    assert "'Interviewee: Rachel Doyle (P05)' (in P01.txt)" in line
