"""`lernet code` without files after a `files:` pattern changed in the participants file: a stored
transcript the file now gives to another participant moves to them, as `lernet code FOLDER`
moves it; one the file does not name keeps the participant it was stored with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.recode import reassigned_files
from lernet_cli.project.participants import load_participants
from lernet_cli.store.store import Store

runner = CliRunner()

PEOPLE = "id;group;label;names;files\nD02;school;coordinator;Koen Verhaeghe;*Verhaeghe*\n"
KOEN = "Ronde 2/Interview Koen Verhaege ronde 2.txt"
TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


@pytest.fixture
def misspelt(project: Path) -> Path:
    (project / "deelnemers.csv").write_text(PEOPLE, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    (project / "Ronde 2").mkdir()
    (project / KOEN).write_text(TEXT, encoding="utf-8")
    (project / "Ronde 2" / "Els.txt").write_text(
        "I: Wat brengt u?\nR: Onze concurrent zit ook in het netwerk.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["code", "Ronde 2"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["code", "Ronde 2/Els.txt", "--participant", "E1"])
    assert result.exit_code == 0, result.stderr
    return project


def _participants() -> dict[str, str]:
    listed = runner.invoke(app, ["codings", "--format", "json", "--no-anonymize"])
    assert listed.exit_code == 0, listed.stderr
    return {c["file"]: c["participant"] for c in json.loads(listed.stdout)}


def test_a_pattern_added_moves_the_stored_transcript(misspelt: Path) -> None:
    assert _participants()[KOEN] == "Interview Koen Verhaege ronde 2"
    (misspelt / "deelnemers.csv").write_text(
        PEOPLE.replace("*Verhaeghe*", '"*Verhaeghe*; *Verhaege*"'), encoding="utf-8"
    )
    people = load_participants(misspelt / "deelnemers.csv")
    with Store.open(misspelt / ".lernet" / "lernet.db") as store:
        assert reassigned_files(misspelt, store, people) == [misspelt / KOEN]
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0, result.stderr
    (row,) = [line for line in result.stdout.splitlines() if "Verhaege" in line]
    assert " D02 " in row and "school" in row
    whose = _participants()
    assert whose[KOEN] == "D02"
    assert whose["Ronde 2/Els.txt"] == "E1"  # named by no row: kept
    again = runner.invoke(app, ["code"])
    assert again.exit_code == 0, again.stderr
    assert "2 unchanged" in again.stderr
