"""Transcripts as transcription services write them (Amberscript, Happy Scribe, Rev, Word's
Transcribe, Sonix): generic speaker labels, timestamps beside them, and the service's own lines."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.readers import read_transcript


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def roles(path: Path) -> dict[str, str]:
    return {t.speaker: t.role for t in read_transcript(path).turns}


def test_generic_labels_interviewer_with_short_replies_and_participant_tag_questions(
    tmp_path: Path,
) -> None:
    # Every "Ja." of the interviewer is a turn of its own, and the participant says "weet je?"
    # inside answers: by turns, the participant asks more often than the interviewer.
    text = (
        "Spreker 1: Hoe ben je bij de werkgroep terechtgekomen?\n"
        "Spreker 2: Via mijn leidinggevende. Die vroeg het, weet je? En toen zei ik ja.\n"
        "Spreker 1: Ja.\n"
        "Spreker 2: Het eerste jaar was vooral zoeken naar wat we wilden.\n"
        "Spreker 1: Hm hm.\n"
        "Spreker 1: Wat heeft het jou opgeleverd?\n"
        "Spreker 2: Contacten vooral, snap je? Mensen die ik nu gewoon kan bellen.\n"
        "Spreker 1: Ja.\n"
        "Spreker 2: En wat ideeën voor het inwerken van nieuwe collega's.\n"
        "Spreker 1: Oké.\n"
        "Spreker 1: Zou je het anderen aanraden?\n"
        "Spreker 1: Ja.\n"
        "Spreker 1: Hm hm.\n"
    )
    t = read_transcript(write(tmp_path, "amberscript.txt", text))
    assert t.interviewer_labels == ["Spreker 1"]
    assert roles(tmp_path / "amberscript.txt") == {
        "Spreker 1": "interviewer",
        "Spreker 2": "participant",
    }
