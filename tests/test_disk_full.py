"""A full disk: `lernet code` says which files it stored and that the same command codes the
rest; a backup that does not fit, or is stopped by Ctrl-C, leaves no half file that would be
taken for one."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from .conftest import coded_with, invoke_cli

TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


def disk_full_for(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections to `db` cannot make it grow, as on a full disk (SQLite's SQLITE_FULL)."""
    connect = sqlite3.connect

    def limited(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)) == db:
            (pages,) = conn.execute("PRAGMA page_count").fetchone()
            conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", limited)


def test_lernet_code_on_a_full_disk_says_what_it_stored(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded_with(project, TEXT, "first.txt")
    names = [f"p{i}.txt" for i in range(4)]
    for i, name in enumerate(names):
        (project / name).write_text(
            TEXT.replace("goed", f"goed, zei nummer {i} over de {i}e bijeenkomst " * 40),
            encoding="utf-8",
        )
    disk_full_for(project / ".lernet" / "lernet.db", monkeypatch)
    code, out = invoke_cli("code", *names)
    assert code == 7
    said = re.search(r"stopped, the disk is full: (\d) of 4 files coded and stored", out)
    assert said is not None
    assert "free some space and run this again" in out
    assert "Traceback" not in out
    monkeypatch.undo()
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = [r[0] for r in conn.execute("SELECT path FROM transcripts")]
        assert len(stored) == 1 + int(said.group(1)) < 5
    finally:
        conn.close()


def test_a_backup_on_a_full_disk_leaves_no_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded_with(project, TEXT)
    out_file = project / "kopie.db"
    disk_full_for(out_file, monkeypatch)
    code, out = invoke_cli("backup", str(out_file))
    assert code == 7
    assert "cannot write the backup: the disk is full" in out
    assert not out_file.exists()


def test_a_backup_stopped_by_ctrl_c_leaves_no_file(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from lernet_cli.store.backup import backup_store

    class StoppedHalfWay:
        def backup(self, target: sqlite3.Connection) -> None:
            target.execute("CREATE TABLE first_pages (x)")
            target.commit()
            raise KeyboardInterrupt

    out = tmp_path / "backups" / "lernet-1.db"
    with pytest.raises(KeyboardInterrupt):
        backup_store(SimpleNamespace(conn=StoppedHalfWay()), out)  # type: ignore[arg-type]
    assert not out.exists()


def test_a_backup_into_a_read_only_folder_says_so(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from lernet_cli.store import backup

    def refused(path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))

    coded_with(project, TEXT)
    monkeypatch.setattr(backup, "_private_file", refused)
    code, out = invoke_cli("backup")
    assert code == 7
    assert "cannot write the backup: its folder is read-only (make it writable" in out


def test_lernet_code_stopped_by_a_disk_error_says_what_it_stored(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A limit on file sizes (`ulimit -f`) or a USB stick pulled out: SQLite's "disk I/O
    error", said with what to do and how many files were stored before it."""
    from lernet_cli.store.store import Store

    names = [f"p{i}.txt" for i in range(3)]
    for i, name in enumerate(names):
        (project / name).write_text(TEXT.replace("goed", f"goed, {i} keer"), encoding="utf-8")
    save = Store.save_coded
    calls: list[int] = []

    def failing(self: Store, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > 1:
            raise sqlite3.OperationalError("disk I/O error")
        return save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "save_coded", failing)
    code, out = invoke_cli("code", *names)
    assert code == 7
    assert "stopped, a disk error: 1 of 3 files coded and stored, 2 not coded" in out
    assert "USB stick or network folder that went away" in out
    assert "Traceback" not in out
