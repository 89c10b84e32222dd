"""Did-you-mean alike everywhere: a mistyped full id in a tag, --theme, --code."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


def test_mistyped_full_id_in_a_tag(project: Path) -> None:
    (project / "a.txt").write_text(
        "I: Kent u de anderen?\nR: [[trust.not_aquainted: We kennen elkaar nog niet goed.]]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert "did you mean 'trust.not_acquainted'?" in result.stderr


def _coded(project: Path) -> None:
    (project / "a.txt").write_text(
        "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0


def test_mistyped_theme(project: Path) -> None:
    _coded(project)
    result = runner.invoke(app, ["quotes", "--theme", "trst"])
    assert result.exit_code == 2
    assert "did you mean 'trust'?" in result.stderr
    assert result.stderr.count("\n") == 1


def test_mistyped_code(project: Path) -> None:
    _coded(project)
    result = runner.invoke(app, ["quotes", "--code", "trust.not_aquainted"])
    assert result.exit_code == 2
    assert "did you mean 'trust.not_acquainted'?" in result.stderr
    assert result.stderr.count("\n") == 1
