"""Copies of the store a researcher can keep, and a way back from one.

SQLite's online backup API copies a consistent snapshot even while another lernet is writing.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from ..errors import StoreError, UsageError
from .store import Store


def default_backup_path(store_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return store_path.parent / "backups" / f"lernet-{stamp}.db"


def _private_file(path: Path) -> None:
    """Create the file owner-only before SQLite writes into it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def backup_store(store: Store, out: Path) -> Path:
    if out.exists():
        raise UsageError("already exists; lernet does not overwrite files", out)
    try:
        _private_file(out)
        target = sqlite3.connect(out)
        try:
            store.conn.backup(target)
        finally:
            target.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StoreError(f"cannot write the backup: {exc}", out) from None
    return out


def restore_store(store_path: Path, source: Path) -> Path:
    """Replace the store's content by a backup's; the current content is backed up first."""
    if not source.is_file():
        raise UsageError("no such backup file", source)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise StoreError("not a lernet store (not an SQLite database)", source) from None
    try:
        if not {"schema_migrations", "transcripts", "codings"} <= tables:
            raise StoreError("not a lernet store (tables missing)", source)
        with Store.open(store_path, create=True) as store:
            safety = backup_store(store, default_backup_path(store_path))
            with store.transaction():
                pass  # wait for any writer to finish before replacing the pages
            src.backup(store.conn)
            store.migrate()
    finally:
        src.close()
    return safety
