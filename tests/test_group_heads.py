"""Participants without a group are a column "zonder groep" in a Dutch project's tables, as the
report names them, not the English key "ungrouped" (which CSV and JSON keep)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


@pytest.fixture
def half_grouped(project: Path) -> Path:
    (project / "deelnemers.yaml").write_text(
        "groups: [school]\nparticipants:\n  - id: a\n    group: school\n    files: [a*]\n",
        encoding="utf-8",
    )
    config = (project / "lernet.yaml").read_text(encoding="utf-8")
    (project / "lernet.yaml").write_text(config + "participants: deelnemers.yaml\n", "utf-8")
    talk = "I: Vraag?\nR: Ik haal veel kennis uit het netwerk. Er zijn concurrenten, {}.\n"
    for name, said in (("a.txt", "helaas"), ("b.txt", "zeker in de zorg en de bouw")):
        (project / name).write_text(talk.format(said), encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt", "b.txt"]).exit_code == 0
    return project


@pytest.mark.parametrize(
    "args",
    [
        ["tally", "--by", "group"],
        ["tally", "--by", "group", "-f", "md"],
        ["matrix"],
        ["matrix", "-f", "md"],
        ["quotes", "--theme", "competition", "--by", "group"],
    ],
)
def test_a_dutch_table_says_zonder_groep(half_grouped: Path, args: list[str]) -> None:
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    assert "zonder groep" in r.stdout and "ungrouped" not in r.stdout


def test_csv_keeps_the_key(half_grouped: Path) -> None:
    r = runner.invoke(app, ["tally", "--by", "group", "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0].endswith(";school;ungrouped")


def test_an_english_table_says_ungrouped(half_grouped: Path) -> None:
    config = (half_grouped / "lernet.yaml").read_text(encoding="utf-8")
    (half_grouped / "lernet.yaml").write_text(config.replace("language: nl", "language: en"))
    r = runner.invoke(app, ["tally", "--by", "group"])
    assert r.exit_code == 0, r.stderr
    assert "ungrouped" in r.stdout
