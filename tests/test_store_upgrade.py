"""A project an older lernet made is brought up to date once, says so and keeps the store as it
was; one a newer lernet made is refused, not changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lernet_cli.store.migrations import MIGRATIONS

from .conftest import coded_with, dump_store, invoke_cli

TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


LATEST = MIGRATIONS[-1][0]


def as_an_older_lernet_left_it(db: Path) -> None:
    """The store as a lernet before migration 16 (the reviewer's direction) left it: without
    what migrations 16-20 added."""
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_migrations WHERE version >= 16")
    conn.execute("ALTER TABLE codings DROP COLUMN rules_direction")
    conn.execute("ALTER TABLE transcripts DROP COLUMN given")
    conn.execute("DROP INDEX segments_listed")
    conn.execute("DROP TABLE code_rules")
    conn.execute("ALTER TABLE segments DROP COLUMN notes")
    conn.commit()
    conn.close()


def versions(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    finally:
        conn.close()


def read_only(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store opens read-only, as in a folder received and opened after `chmod -R a-w`."""
    connect = sqlite3.connect

    def opened(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if Path(str(path)) == db:
            return connect(f"file:{db}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return connect(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", opened)


def test_an_older_store_is_upgraded_once_and_kept_as_it_was(project: Path) -> None:
    coded_with(project, TEXT)
    db = project / ".lernet" / "lernet.db"
    as_an_older_lernet_left_it(db)
    before = dump_store(project)
    code, out = invoke_cli("tally")
    assert code == 0
    assert "made by an older lernet" in out and f"15 -> {LATEST}" in out
    (kept,) = (project / ".lernet" / "backups").iterdir()
    assert kept.name in out
    assert 16 not in versions(kept) and 16 in versions(db)
    conn = sqlite3.connect(kept)
    try:
        assert "\n".join(conn.iterdump()).encode() == before
    finally:
        conn.close()
    code, out = invoke_cli("tally")
    assert code == 0 and "older lernet" not in out
    assert len(list((project / ".lernet" / "backups").iterdir())) == 1


def test_a_store_from_a_newer_lernet_is_refused_unchanged(project: Path) -> None:
    coded_with(project, TEXT)
    db = project / ".lernet" / "lernet.db"
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'later', '2030-01-01')")
    conn.commit()
    conn.close()
    before = dump_store(project)
    for command in (["tally"], ["code", "good.txt"]):
        code, out = invoke_cli(*command)
        assert code == 7
        assert "made by a newer lernet (store version 999" in out
        assert "Traceback" not in out
        assert dump_store(project) == before


def test_a_backup_from_a_newer_lernet_is_not_restored(project: Path, tmp_path: Path) -> None:
    coded_with(project, TEXT)
    future = tmp_path / "future.db"
    conn = sqlite3.connect(future)
    conn.executescript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);"
        "CREATE TABLE transcripts (id INTEGER PRIMARY KEY);"
        "CREATE TABLE codings (id INTEGER PRIMARY KEY);"
        "INSERT INTO schema_migrations VALUES (999, 'later', '2030-01-01');"
    )
    conn.close()
    before = dump_store(project)
    code, out = invoke_cli("restore", str(future))
    assert code == 7 and "made by a newer lernet" in out
    assert dump_store(project) == before


def test_an_older_store_in_a_read_only_folder_says_why_it_cannot_be_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor opens the project read-only (`chmod -R a-w`): the store opens read-only."""
    coded_with(project, TEXT)
    db = project / ".lernet" / "lernet.db"
    as_an_older_lernet_left_it(db)
    before = dump_store(project)
    read_only(db, monkeypatch)
    code, out = invoke_cli("tally")
    monkeypatch.undo()
    assert code == 7
    assert "made by an older lernet (store version 15)" in out and "read-only" in out
    assert "Traceback" not in out
    assert dump_store(project) == before
    assert not (project / ".lernet" / "backups").exists()


def test_review_of_a_read_only_store_stops_before_the_first_question(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    coded_with(project, TEXT)
    read_only(project / ".lernet" / "lernet.db", monkeypatch)
    result = CliRunner().invoke(app, ["review"], input="a\n")
    monkeypatch.undo()
    assert result.exit_code == 7
    assert "read-only" in result.stderr and "copy the project" in result.stderr
    assert "kennen" not in result.stdout  # no coding shown, no answer asked for in vain
