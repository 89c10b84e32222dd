"""One person interviewed twice, a row per wave (each row its own `files:` pattern, both rows the
same name): the transcript's pattern decides whose its speaker is, before the speaker's name;
where the file matches neither row, lernet says so instead of picking silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

runner = CliRunner()

WAVES = """\
id;group;label;names;organisations;files
D01-1;golf 1;directeur school;Sœur Marie;;*ronde 1*
D01-2;golf 2;directeur school;Sœur Marie;;*ronde 2*
"""

ROUND_1 = "Interviewer: Kent u de anderen?\n\nSœur Marie: Nee, we kennen elkaar nog niet goed.\n"
ROUND_2 = (
    "Interviewer: En nu?\n\nSœur Marie: Het vertrouwen is gegroeid doordat iedereen iets "
    "heeft ingebracht.\n"
)


@pytest.fixture
def waves(project: Path) -> Path:
    (project / "deelnemers.csv").write_text(WAVES, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    (project / "Interview Sœur Marie ronde 1.txt").write_text(ROUND_1, encoding="utf-8")
    (project / "Interview Sœur Marie ronde 2.txt").write_text(ROUND_2, encoding="utf-8")
    return project


def test_the_file_pattern_decides_before_the_name(waves: Path) -> None:
    people = load_participants(waves / "deelnemers.csv")
    second = Path("Interview Sœur Marie ronde 2.txt")
    assert people.by_speaker("Sœur Marie", second).id == "D01-2"  # type: ignore[union-attr]
    assert people.by_speaker("Sœur Marie", Path("x ronde 1.txt")).id == "D01-1"  # type: ignore[union-attr]
    assert people.shared_name_warnings(["Sœur Marie"], second) == []
    other = people.shared_name_warnings(["Sœur Marie"], Path("Interview Marie extra.txt"))
    assert len(other) == 1
    assert "D01-1" in other[0] and "D01-2" in other[0] and "Interview Marie extra.txt" in other[0]


def test_each_wave_keeps_its_speech(waves: Path) -> None:
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    listed = runner.invoke(app, ["codings", "--format", "json"])
    assert listed.exit_code == 0, listed.stderr
    whose = {(c["file"], c["participant"]) for c in json.loads(listed.stdout)}
    assert {p for f, p in whose if "ronde 2" in f} == {"D01-2"}
    assert {p for f, p in whose if "ronde 1" in f} == {"D01-1"}
    speakers = runner.invoke(app, ["speakers", ".", "--format", "json"])
    assert speakers.exit_code == 0, speakers.stderr
    rows = {(r["file"], r["participant"]) for r in json.loads(speakers.stdout) if r["participant"]}
    assert {p for f, p in rows if "ronde 2" in f} == {"D01-2"}


def test_a_file_of_neither_wave_is_named_with_both_ids(waves: Path) -> None:
    (waves / "Interview Sœur Marie extra.txt").write_text(
        "Interviewer: Nog iets?\n\nSœur Marie: We delen nu kennis met de bedrijven.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "is a name of D01-1 and D01-2" in line]
    assert len(warned) == 1
    assert "Interview Sœur Marie extra.txt" in warned[0] and "neither" in warned[0]


def test_rows_sharing_a_name_are_named_once_as_two_participants(waves: Path) -> None:
    # D01-1 and D01-2 are one person: every count counts her twice. `lernet code` and the
    # report say so once, and point to one row with folders per round and --file.
    people = load_participants(waves / "deelnemers.csv")
    assert people.shared_names() == [("Sœur Marie", ["D01-1", "D01-2"])]
    note = people.shared_names_note()
    assert note is not None and "D01-1 and D01-2 share the name 'Sœur Marie'" in note
    assert "count as 2 participants" in note and "--file" in note
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("share the name") == 1
    result = runner.invoke(app, ["report", "-o", "rapport.md"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("share the name") == 1
    # one row per person: nothing to say
    (waves / "deelnemers.csv").write_text(
        "id;group;label;names;organisations;files\n"
        "D01;directeur;directeur school;Sœur Marie;;*ronde 1*, *ronde 2*\n",
        encoding="utf-8",
    )
    assert load_participants(waves / "deelnemers.csv").shared_names_note() is None
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0, result.stderr
    assert "share the name" not in result.stderr
