"""`lernet code`'s table: a file that is as it was shows its stored counts, not empty cells."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


def _rows(stdout: str) -> dict[str, list[str]]:
    """file -> its cells: file, participant, status, counts (nobody has a group here, so the
    table has no group column)."""
    lines = [line for line in stdout.splitlines() if line.startswith("│")]
    rows = [[c.strip() for c in line.strip("│").split("│")] for line in lines]
    return {r[0]: r for r in rows}


def test_unchanged_file_shows_its_counts(project: Path) -> None:
    (project / "a.txt").write_text(
        "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\nI: En verder?\n"
        "R: Kennis delen we graag.\n",
        encoding="utf-8",
    )
    first = runner.invoke(app, ["code", "a.txt"])
    assert first.exit_code == 0, first.stderr
    again = runner.invoke(app, ["code", "a.txt"])
    assert again.exit_code == 0, again.stderr
    before, after = _rows(first.stdout)["a.txt"], _rows(again.stdout)["a.txt"]
    assert before[2] == "new" and after[2] == "unchanged"
    assert after[3:] == before[3:]
    assert after[3] == "2" and after[5] != ""
