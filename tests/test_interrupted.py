"""Ctrl-C: `lernet code` says how many files it coded and how to finish; counts made before the
next run say they are incomplete; commands that only read say that nothing was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding import save

runner = CliRunner()


def _files(project: Path, n: int) -> None:
    for i in range(n):
        (project / f"iv{i:02d}.txt").write_text(
            f"I: Kent u de anderen?\nR: We kennen elkaar nog niet goed, zegt {i}.\n",
            encoding="utf-8",
        )


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    real = save._save
    calls = {"n": 0}

    def saving(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] > n:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(save, "_save", saving)


def test_interrupted_code_counts_and_resumes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(project, 6)
    with monkeypatch.context() as m:
        _interrupt_after(m, 2)
        result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 130
    assert "2 of 6 files coded and stored, 4 not coded" in result.stderr
    assert "run the same `lernet code` again" in result.stderr
    assert "Traceback" not in result.stderr
    tally = runner.invoke(app, ["tally"])
    assert tally.exit_code == 0, tally.stderr
    assert "the last `lernet code` was interrupted with 4 files not coded" in tally.stderr
    for command in (["quotes"], ["report", "-o", "r.md"]):
        said = runner.invoke(app, command)
        assert "was interrupted with 4 files" in said.stderr, command
    again = runner.invoke(app, ["code", "."])
    assert again.exit_code == 0, again.stderr
    assert "4 new" in again.stderr
    tally = runner.invoke(app, ["tally"])
    assert "interrupted" not in tally.stderr


def test_a_later_run_of_other_files_keeps_the_warning(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(project, 4)
    with monkeypatch.context() as m:
        _interrupt_after(m, 1)
        assert runner.invoke(app, ["code", "."]).exit_code == 130
    assert runner.invoke(app, ["code", "iv01.txt"]).exit_code == 0
    tally = runner.invoke(app, ["tally"])
    assert "interrupted with 2 files not coded (iv02.txt, iv03.txt)" in tally.stderr


def test_interrupted_report_says_nothing_was_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(project, 1)
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    from lernet_cli.cli import report as report_command

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_command, "_say_freshness", stop)
    result = runner.invoke(app, ["report", "-o", "r.md"])
    assert result.exit_code == 130
    assert "interrupted; nothing was written" in result.stderr
    assert "keeps every file" not in result.stderr
    assert not (project / "r.md").exists()


def test_interrupted_recode_of_the_store(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _files(project, 1)
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    from lernet_cli.coding import recode

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(recode, "recode_stored", stop)
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 130
    assert "run the same `lernet code` again to finish" in result.stderr
    assert "nothing was written" not in result.stderr
