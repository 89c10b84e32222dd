"""Two `lernet code` runs started at the same moment: each decides what is new before it waits
for the store's lock; the one that waits must not call new what the other stored meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding import pipeline

TEXT = (
    "I: Hoe is het contact met de anderen?\n"
    "R: We kennen elkaar nog niet goed, maar de kennis die we delen is nuttig, zegt {who}.\n"
)


def test_the_second_run_calls_unchanged_what_the_first_stored_meanwhile(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for who in ("Anouk", "Bram", "Cas"):
        (project / f"{who}.txt").write_text(TEXT.format(who=who), encoding="utf-8")
    reading = pipeline._read_and_code_all
    other_ran: list[str] = []

    def with_another_run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        # this run has looked at the store and read its files; the other stores them now
        if not other_ran:
            other_ran.append("yes")
            other = CliRunner().invoke(app, ["code", "."])
            assert other.exit_code == 0, other.stderr
            other_ran.append(other.stderr.splitlines()[-1])
        yield from reading(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_read_and_code_all", with_another_run)
    result = CliRunner().invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert other_ran[1] == "lernet: 3 new"
    assert result.stderr.splitlines()[-1] == "lernet: 3 unchanged"


def test_a_file_stored_meanwhile_from_other_bytes_is_updated(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "Anouk.txt"
    path.write_text(TEXT.format(who="Anouk"), encoding="utf-8")
    reading = pipeline._read_and_code_all
    done: list[bool] = []

    def with_another_run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        if not done:
            done.append(True)
            mine = path.read_bytes()
            path.write_text(TEXT.format(who="Anouk") + "I: Dank je.\n", encoding="utf-8")
            assert CliRunner().invoke(app, ["code", "."]).exit_code == 0
            path.write_bytes(mine)
        yield from reading(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_read_and_code_all", with_another_run)
    result = CliRunner().invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "lernet: 1 updated"
