"""`lernet code FILE --participant ID` for a file the participants file gives to someone else (a
typo such as D6 for D06): refused in one line naming both ids and the nearest listed id, the store
as it was. A file the participants file does not name takes any id, a new one too."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

from .conftest import dump_store

runner = CliRunner()

PEOPLE = """\
id;group;label;names;files
D05;bedrijf;zaakvoerder KMO;Annelies Peeters;*Peeters*
D06;bedrijf;opleidingsverantwoordelijke;Tom Claeys;*Claeys*
"""
TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"
TOM = "Interview Tom Claeys ronde 2.txt"


@pytest.fixture
def listed(project: Path) -> Path:
    (project / "deelnemers.csv").write_text(PEOPLE, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    (project / "Interview Annelies Peeters ronde 1.txt").write_text(TEXT, encoding="utf-8")
    (project / TOM).write_text(
        "I: En de bedrijven?\nR: Onze concurrent zit ook in het netwerk, dus ik let op.\n", "utf-8"
    )
    (project / "Interview Els.txt").write_text(
        "I: Wat haalt u?\nR: Veel kennis over stages, die we zelf nog niet hadden.\n", "utf-8"
    )
    result = runner.invoke(app, ["code", "Interview Annelies Peeters ronde 1.txt"])
    assert result.exit_code == 0, result.stderr
    return project


def test_nearest_id_and_conflict(listed: Path) -> None:
    people = load_participants(listed / "deelnemers.csv")
    assert people.nearest_id("D6") == "D06"
    assert people.nearest_id("d-05") == "D05"
    assert people.option_conflict(Path(TOM), "D06") is None
    assert people.option_conflict(Path("Interview Els.txt"), "X9") is None
    conflict = people.option_conflict(Path(TOM), "D6")
    assert conflict is not None
    assert "D06" in str(conflict) and "D6" in str(conflict) and TOM in str(conflict)


@pytest.mark.parametrize(("given", "nearest"), [("D6", "D06"), ("D05", None)])
def test_a_listed_file_for_another_id_is_refused(
    listed: Path, given: str, nearest: str | None
) -> None:
    before = dump_store(listed)
    result = runner.invoke(app, ["code", TOM, "--participant", given, "--group", "bedrijf"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    line = result.stderr
    assert line.startswith("lernet: error: ") and "deelnemers.csv:3:" in line
    assert TOM in line and "D06" in line and f"not to {given}" in line
    if nearest:
        assert f"did you mean {nearest}?" in line
    else:
        assert "did you mean" not in line
    assert dump_store(listed) == before


def test_an_unlisted_file_takes_a_new_id_as_before(listed: Path) -> None:
    result = runner.invoke(app, ["code", "Interview Els.txt", "--participant", "E1"])
    assert result.exit_code == 0, result.stderr
    right = runner.invoke(app, ["code", TOM, "--participant", "D06"])
    assert right.exit_code == 0, right.stderr
    for run, file, pid in ((result, "Interview Els.txt", "E1"), (right, TOM, "D06")):
        (row,) = [line for line in run.stdout.splitlines() if file in line]
        assert f" {pid} " in row


def test_a_group_given_on_the_command_line_is_not_called_no_group(listed: Path) -> None:
    result = runner.invoke(
        app, ["code", "Interview Els.txt", "--group", "bedrijf", "--label", "stagebegeleider"]
    )
    assert result.exit_code == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "participant = file name" in line]
    assert "no group" not in note, note
    assert "(Interview Els.txt): participant = file name (add it there)" in note
