"""A required argument or option left out is one line ("the option --output is needed"), never a
traceback (typer 0.16 with click 8.3+ passed None into the command instead)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        elif any(p.required for p in command.params):
            yield (*prefix, name)


REQUIRED = sorted(commands(typer.main.get_command(app)))  # type: ignore[arg-type]


def test_there_are_commands_with_required_parameters() -> None:
    assert {("report",), ("export", "qdpx"), ("restore",)} <= set(REQUIRED)


@pytest.mark.parametrize("words", REQUIRED, ids=" ".join)
def test_missing_required_parameter_is_one_line(
    words: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, list(words))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert " is needed; see lernet " in result.stderr
    assert result.stderr.count("\n") == 1 and "│" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["quotes", "--limit", "-1"],
        ["report", "-o", "r.md", "--quotes", "-2"],
        ["suggest", "--code", "x", "--top", "0"],
    ],
)
def test_counts_below_their_range_are_refused(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "needs a whole number of at least" in result.stderr, (
        result.stderr
    )
    assert result.stderr.count("\n") == 1, result.stderr
    assert list(tmp_path.iterdir()) == []
