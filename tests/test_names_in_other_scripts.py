"""Names in scripts other than Latin where a name is expected: a speaker label, a header line
("Interviewee: Ελένη Παππά"), a title field ("Naam: 田中 花子"), a page header. Cased scripts
(Cyrillic, Greek) by their capitals; scripts without case (Chinese, Japanese, Arabic, Hebrew) by
their letters. Quotes hide them; a word in such a script in speech is no name by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.coding.header_names import names_in
from lernet_cli.coding.pipeline import speaker_names
from lernet_cli.readers import read_transcript
from lernet_cli.readers.label_names import label_names
from lernet_cli.readers.tables import field_names

from .conftest import invoke_cli

TURNS = (
    "Interviewer: Hoe gaat het met de kennis in het netwerk?\n"
    "{label}: We delen veel kennis, zegt {first}.\n"
    "Interviewer: En verder?\n"
    "{label}: Ik breng kennis in, zegt {name} zelf.\n"
)


def test_a_label_in_a_script_without_capitals_is_a_speaker_and_a_name(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(TURNS.format(label="田中 花子", first="花子", name="田中 花子"), "utf-8")
    t = read_transcript(path)
    assert {turn.speaker: turn.role for turn in t.turns} == {
        "Interviewer": "interviewer",
        "田中 花子": "participant",
    }
    assert speaker_names(t) == ["田中 花子"]


def test_label_names_beside_a_role() -> None:
    assert label_names("Respondent 田中") == ["田中"]
    assert label_names("Respondent Ольга") == ["Ольга"]
    assert label_names("Respondent 2") == []
    assert label_names("سارة أحمد") == ["سارة أحمد"]


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("Interviewee: Ελένη Παππά", "Ελένη Παππά"),
        ("Interviewee: Eleni Pappas", "Eleni Pappas"),
        ("Respondent: 田中 花子", "田中 花子"),
        ("Naam: שרה כהן\nDatum: 12 maart", "שרה כהן"),
        ("Name: Ольга Смирнова", "Ольга Смирнова"),
    ],
)
def test_a_header_names_the_participant_to_redact(
    tmp_path: Path, first_line: str, name: str
) -> None:
    path = tmp_path / "t.txt"
    body = TURNS.format(label="R", first="X", name="X")
    path.write_text(f"{first_line}\n\n{body}", "utf-8")
    t = read_transcript(path)
    assert name in speaker_names(t)
    assert name not in " ".join(turn.text for turn in t.turns)


def test_title_fields_and_page_headers() -> None:
    people, _ = field_names([["Naam", "田中花子"], ["Datum", "12 maart"], ["Functie", "leraar"]])
    assert people == ["田中花子"]
    assert field_names([["Naam", "leerkracht"]]) == ([], [])
    assert names_in("Interview 田中 花子 – vertrouwelijk") == ["田中 花子"]
    assert names_in("Interview Ольга Смирнова, pagina 2") == ["Ольга Смирнова"]
    assert names_in("Ελένη Παππά, 12 maart") == ["Ελένη Παππά"]
    assert names_in("Pagina 3 van 12") == []


@pytest.mark.parametrize(
    ("text", "said", "hidden"),
    [
        (TURNS.format(label="田中 花子", first="花子", name="田中 花子"), "田中", "花子"),
        (TURNS.format(label="Ольга Смирнова", first="Ольга", name="Смирнова"), "Ольга", ""),
        (
            "Interviewee: Ελένη Παππά\n" + TURNS.format(label="R", first="Ελένη", name="Παππά"),
            "Ελένη",
            "Παππά",
        ),
        (
            "Naam: سارة أحمد\n\n" + TURNS.format(label="R", first="سارة", name="أحمد"),
            "سارة",
            "أحمد",
        ),
    ],
)
def test_quotes_hide_the_name(project: Path, text: str, said: str, hidden: str) -> None:
    (project / "P01.txt").write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", "P01.txt")
    assert code == 0, out
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "zegt [naam]" in out
    assert said not in out
    assert not hidden or hidden not in out


def test_a_word_of_such_a_script_in_speech_is_no_name_by_itself(project: Path) -> None:
    text = TURNS.format(label="Respondent", first="het woord 信頼", name="Respondent")
    (project / "P01.txt").write_text(text, encoding="utf-8")
    assert invoke_cli("code", "P01.txt")[0] == 0
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "信頼" in out
