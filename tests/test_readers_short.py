"""Short and odd transcripts: a question and its answer under a title, labels with a comma before
the time, and a transcriber's notes inside the speech."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.readers import read_transcript

from .conftest import coded_with, invoke_cli


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def turns(path: Path) -> list[tuple[str, str, str | None, str]]:
    return [(t.speaker, t.role, t.timestamp, t.text) for t in read_transcript(path).turns]


SHORT = (
    "Interview Lotte Dekker, 12 maart\n"
    "Interviewer: Hoe gaat het met de samenwerking?\n"
    "Lotte Dekker: Ik heb het idee dat we elkaar nog niet goed kennen.\n"
)


def test_one_question_and_its_answer_under_a_title_are_two_turns(tmp_path: Path) -> None:
    # Each label occurs once, and the title keeps them off the first line: still a dialogue.
    assert turns(write(tmp_path, "kort.txt", SHORT)) == [
        ("Interviewer", "interviewer", None, "Hoe gaat het met de samenwerking?"),
        (
            "Lotte Dekker",
            "participant",
            None,
            "Ik heb het idee dat we elkaar nog niet goed kennen.",
        ),
    ]


def test_the_short_answers_quote_holds_no_label(project: Path) -> None:
    coded_with(project, SHORT, "p01.txt")
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "“Ik heb het idee dat we elkaar nog niet goed kennen.”" in out
    assert "Dekker:" not in out and "[naam]:" not in out


def test_one_colon_line_in_prose_is_still_no_label(tmp_path: Path) -> None:
    # Without a question answered under another label, one "Vraag:" line is speech.
    text = "Notities bij het gesprek\nVraag: die stelde ik later.\nDaarna ging het over tijd.\n"
    assert {t.speaker for t in read_transcript(write(tmp_path, "n.txt", text)).turns} == {""}


def test_one_answer_or_a_group_that_each_spoke_once_under_a_title(tmp_path: Path) -> None:
    # Only the participant's answer, or each speaker once: the label on the line after the
    # title is read as if it were on the first line, and the others beside it.
    answer = "Interview Lotte Dekker\nLotte Dekker: Ik heb het idee dat het goed gaat.\n"
    assert turns(write(tmp_path, "answer.txt", answer)) == [
        ("Lotte Dekker", "participant", None, "Ik heb het idee dat het goed gaat.")
    ]
    group = (
        "Groepsgesprek\nDatum: 12 maart\nEva: Hoe werken jullie samen?\nAnna: Goed.\nBert: Prima.\n"
    )
    assert [(s, r) for s, r, _, _ in turns(write(tmp_path, "group.txt", group))] == [
        ("Eva", "interviewer"),
        ("Anna", "participant"),
        ("Bert", "participant"),
    ]


def test_a_comma_between_the_speaker_and_the_time_is_not_part_of_the_label(
    tmp_path: Path,
) -> None:
    text = (
        "Spreker 1, 00:00:03\nHoe kijk je naar het netwerk?\n\n"
        "Spreker 2, 00:00:10\nWe kennen elkaar nog niet goed.\n\n"
        "Spreker 1, 00:00:40\nEn wat zou helpen?\n\n"
        "Spreker 2, 00:00:45\nMeer tijd.\n"
    )
    assert turns(write(tmp_path, "komma.txt", text)) == [
        ("Spreker 1", "interviewer", "00:00:03", "Hoe kijk je naar het netwerk?"),
        ("Spreker 2", "participant", "00:00:10", "We kennen elkaar nog niet goed."),
        ("Spreker 1", "interviewer", "00:00:40", "En wat zou helpen?"),
        ("Spreker 2", "participant", "00:00:45", "Meer tijd."),
    ]


def test_a_transcribers_notes_are_no_words_of_the_speech(tmp_path: Path) -> None:
    text = (
        "I: Hoe gaat het in het netwerk? [crosstalk]\n"
        "R: (lacht) Nou, we kennen elkaar [onverstaanbaar 00:12:31] nog niet goed.\n"
        "I: En het vertrouwen?\n"
        "R: Ik belde [naam] over (het project) [inaudible 00:03:10] en [twee woorden 0:14].\n"
        "I: Nog iets?\n"
        "R: [crosstalk]\n"
    )
    said = [t.text for t in read_transcript(write(tmp_path, "notes.txt", text)).turns]
    assert said == [
        "Hoe gaat het in het netwerk?",
        "Nou, we kennen elkaar nog niet goed.",
        "En het vertrouwen?",
        "Ik belde [naam] over (het project) en.",
        "Nog iets?",
        "[crosstalk]",
    ]


def test_a_note_between_the_words_does_not_keep_a_rule_from_coding(project: Path) -> None:
    coded_with(
        project,
        "I: Hoe gaat het?\nR: We kennen elkaar [onverstaanbaar 00:12:31] nog niet goed.\n",
        "p05.txt",
    )
    code, out = invoke_cli("quotes")
    assert code == 0, out
    # the rule coded it; the quote shows the gap where the note stood (tests/test_quote_gaps.py)
    assert "“We kennen elkaar [onverstaanbaar] nog niet goed.”" in out
    assert "00:12:31" not in out
