"""A speaker who is neither the interviewer nor the participant the file belongs to (a voice
that joins a Teams call) counts as that participant: `lernet code` says so once per file, naming
the label and how to settle it (QA13 7)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.pipeline import third_voices
from lernet_cli.model import Transcript, Turn

runner = CliRunner()

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Marloes Verbeek>Hoe kijkt u terug op het netwerk?

00:00:05.000 --> 00:00:09.000
<v Karin Smit>We kennen elkaar nog niet goed, dat merk je in de sessies.

00:00:10.000 --> 00:00:14.000
<v Marloes Verbeek>En wat deelt u zelf?

00:00:15.000 --> 00:00:19.000
<v Henk de Boer>Sorry, ik schuif even aan: bij ons delen we vooral kennis over wondzorg.

00:00:20.000 --> 00:00:24.000
<v Karin Smit>Ja, Henk is mijn collega. Wij delen onze kennis graag.
"""
PEOPLE = "participants:\n  - id: P06\n    names: [Karin Smit]\n"


def turns(*speakers: str) -> Transcript:
    out = [Turn("Marloes", "Vraag?", "interviewer")]
    out += [Turn(s, f"{s} zegt iets van tien woorden of zo.", "participant") for s in speakers]
    return Transcript(path=Path("t.vtt"), turns=out)


def test_an_unlisted_voice_beside_the_listed_participant() -> None:
    t = turns("Karin Smit", "Henk de Boer", "Karin Smit")
    [warning] = third_voices(t, {"Karin Smit": "P06"}, "P06", [], "deelnemers.csv")
    assert "speaker 'Henk de Boer' (1 turn, 10 words) is not in deelnemers.csv" in warning
    assert "add the label to their names: in deelnemers.csv" in warning
    assert "count as P06's (who speaks as 'Karin Smit')" in warning
    assert "interviewer_labels" in warning and "lernet speakers" in warning
    # One voice only, or every voice listed (a group interview): nothing to say.
    assert third_voices(turns("Karin Smit"), {}, "P06", []) == []
    assert third_voices(turns("R"), {}, "P06", []) == []
    both = {"Karin Smit": "P06", "Henk de Boer": "P07"}
    assert third_voices(turns("Karin Smit", "Henk de Boer"), both, "P06", []) == []
    # Two voices, none listed: both count as the file's participant.
    [two] = third_voices(turns("A", "B"), {}, "t", [])
    assert "speakers 'A' (1 turn, 8 words), 'B' (1 turn, 8 words) are in no participants" in two
    # No participants file: none is named that is not there.
    assert "participants.yaml" not in two and "participants: in lernet.yaml" in two
    # A label a hint names already ("may be P04") is left to it.
    assert third_voices(t, {"Karin Smit": "P06"}, "P06", ["speaker 'Henk de Boer' may be"]) == []


def test_lernet_code_warns_once_per_file(project: Path) -> None:
    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (project / "P06 Karin Smit.vtt").write_text(VTT, encoding="utf-8")
    r = runner.invoke(app, ["code", "."])
    assert r.exit_code == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if "'Henk de Boer'" in line]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("lernet: warning: P06 Karin Smit.vtt: speaker 'Henk de Boer' (1 ")
    assert "the turns count as P06's" in lines[0]
    # Listed as a participant of his own: no warning, his turns are his.
    (project / "participants.yaml").write_text(
        PEOPLE + "  - id: P17\n    names: [Henk de Boer]\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["code", "."])
    assert r.exit_code == 0 and "'Henk de Boer'" not in r.stderr, r.stderr
