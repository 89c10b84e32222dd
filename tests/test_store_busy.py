"""A store another program holds (a database viewer, another lernet): lernet says after a
moment that it waits, and if it gives up, says so without blaming lernet."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.store import transactions

from .conftest import dump_store

runner = CliRunner()


@pytest.fixture
def coded(project: Path) -> Path:
    (project / "a.txt").write_text("I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    return project


def _hold(store: Path, seconds: float | None) -> sqlite3.Connection:
    """Another program's connection holding the store's exclusive lock."""
    other = sqlite3.connect(store, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    if seconds is not None:
        threading.Timer(seconds, other.rollback).start()
    return other


def test_says_it_waits_for_the_store(coded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transactions, "NOTICE_AFTER_MS", 300)
    other = _hold(coded / ".lernet" / "lernet.db", 1.5)
    result = runner.invoke(app, ["tally"])
    other.close()
    assert result.exit_code == 0, result.stderr
    assert (
        "lernet: waiting for the store (.lernet/lernet.db is open in another program)…"
        in result.stderr
    )


def test_gives_up_without_blaming_lernet(coded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump_store(coded)
    monkeypatch.setattr(transactions, "NOTICE_AFTER_MS", 200)
    monkeypatch.setattr(transactions, "BUSY_TIMEOUT_MS", 700)
    other = _hold(coded / ".lernet" / "lernet.db", None)
    try:
        result = runner.invoke(app, ["coders", "same", "manual", "Ineke"])
    finally:
        other.rollback()
        other.close()
    assert result.exit_code == 7, result.stderr
    assert "waiting for the store" in result.stderr
    assert "held by another program" in result.stderr
    assert "a database viewer" in result.stderr
    assert "another lernet is writing" not in result.stderr
    assert "Traceback" not in result.stderr
    assert dump_store(coded) == before
