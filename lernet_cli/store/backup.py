"""Copies of the store a researcher can keep, and a way back from one.

SQLite's online backup API copies a consistent snapshot even while another lernet is writing.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..errors import StoreError, UsageError
from ..userfiles import open_regular
from .store import Store


def sync_copies(store_path: Path) -> list[Path]:
    """Copies of the store a sync service made beside it when two machines changed it (`lernet
    (1).db`, `lernet (conflicted copy …).db`, `lernet.sync-conflict-….db`, `lernet-LAPTOP.db`):
    lernet reads only the store itself, so what was done in a copy is not counted until merged."""
    try:
        names = sorted(p.name for p in store_path.parent.iterdir())
    except OSError:
        return []
    stem = store_path.stem
    return [
        store_path.parent / name
        for name in names
        if name != store_path.name
        and name.startswith(stem)
        and name.endswith(".db")
        and not name.startswith(".")
    ]


def default_backup_path(store_path: Path) -> Path:
    """A new file in .lernet/backups/ named for the moment (two in one second get -2, -3...)."""
    return backup_path_in(store_path.parent / "backups")


def backup_path_in(folder: Path) -> Path:
    """A new file in `folder` named for the moment: `lernet-20261201-140512.db` (two in one
    second get -2, -3...)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = folder / f"lernet-{stamp}.db"
    n = 1
    while out.exists():
        n += 1
        out = folder / f"lernet-{stamp}-{n}.db"
    return out


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
    except OSError as exc:
        reason = (
            "its folder is read-only (make it writable, or copy the project to a folder you "
            "can write to)"
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
            else exc.strerror or str(exc)
        )
        raise StoreError(f"cannot write the backup: {reason}", out) from None
    try:
        target = sqlite3.connect(out)
        try:
            store.conn.backup(target)
        finally:
            target.close()
    except BaseException as exc:
        # half a backup (a full disk, Ctrl-C) is no backup: it would be taken for one later
        for leftover in (out, Path(f"{out}-journal")):
            leftover.unlink(missing_ok=True)
        if not isinstance(exc, (OSError, sqlite3.DatabaseError)):
            raise
        reason = "the disk is full" if "disk is full" in str(exc) else str(exc)
        raise StoreError(f"cannot write the backup: {reason}", out) from None
    return out


def restore_store(store_path: Path, source: Path) -> Path:
    """Replace the store's content by a backup's; the current content is backed up first.

    The backup is first copied, through a non-blocking open of a regular file, into a private
    file beside the store, and SQLite reads that copy: SQLite's own open would wait forever on a
    named pipe, and a copy cannot change under it while it is restored.
    """
    if not source.exists() and not source.is_symlink():
        raise UsageError("no such backup file", source)
    copy = _private_copy(source, store_path.parent)
    try:
        try:
            src = sqlite3.connect(copy)
            tables = {
                r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError:
            raise StoreError("not a lernet store (not an SQLite database)", source) from None
        try:
            if not {"schema_migrations", "transcripts", "codings"} <= tables:
                raise StoreError("not a lernet store (tables missing)", source)
            _not_newer(src, source)
            with Store.open(store_path, create=True) as store:
                safety = backup_store(store, default_backup_path(store_path))
                with store.transaction():
                    pass  # wait for any writer to finish before replacing the pages
                src.backup(store.conn)
                store.migrate()
        finally:
            src.close()
    finally:
        for leftover in (copy, Path(f"{copy}-journal")):
            leftover.unlink(missing_ok=True)
    return safety


def put_back(store: Store, backup: Path) -> None:
    """The open store's content as `backup` (made by `backup_store` a moment ago) holds it: a
    change undone when what had to go with it (the researcher's codebook, the participants
    file) could not be written. No safety copy: the content being undone is not the
    researcher's yet."""
    copy = _private_copy(backup, store.path.parent, StoreError)
    try:
        src = sqlite3.connect(copy)
        try:
            with store.transaction():
                pass  # wait for any writer to finish before replacing the pages
            src.backup(store.conn)
        finally:
            src.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StoreError(f"cannot put the store back: {exc}", store.path) from None
    finally:
        for leftover in (copy, Path(f"{copy}-journal")):
            leftover.unlink(missing_ok=True)


def _not_newer(conn: sqlite3.Connection, source: Path) -> None:
    """A backup a newer lernet made is refused before it replaces anything."""
    from .migrations import MIGRATIONS

    (version,) = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    newest = max(m[0] for m in MIGRATIONS)
    if version is not None and int(version) > newest:
        raise StoreError(
            f"made by a newer lernet (store version {version}; this lernet knows up to "
            f"{newest}): install a newer lernet to restore it; nothing was changed",
            source,
        )


@contextmanager
def opened_copy(source: Path, folder: Path) -> Iterator[Store]:
    """Another project's store (or a backup), read through a private copy in `folder`: the
    original is never written to (not even by a migration of an older lernet's store), and a
    lernet writing there meanwhile cannot change it under the reader. Not a lernet store, or a
    damaged one: a StoreError naming `source`."""
    copy = _private_copy(source, folder, StoreError, "a lernet store")
    try:
        try:
            conn = sqlite3.connect(copy)
            try:
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                checked = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            raise StoreError(
                "not a lernet store, or a damaged one (not an SQLite database)", source
            ) from None
        if checked != [("ok",)]:
            raise StoreError("the store is damaged; restore it from a backup", source)
        if not {"schema_migrations", "transcripts", "codings"} <= tables:
            raise StoreError("not a lernet store (tables missing)", source)
        try:
            store = Store.open(copy, keep_older=False)
        except StoreError as exc:
            raise StoreError(exc.message, source) from None
        with store:
            yield store
    finally:
        for leftover in (copy, *(Path(f"{copy}-{end}") for end in ("journal", "wal", "shm"))):
            leftover.unlink(missing_ok=True)


def _private_copy(
    source: Path,
    folder: Path,
    error: type[UsageError] | type[StoreError] = UsageError,
    what: str = "a backup",
) -> Path:
    """`source` copied into a new owner-only file in `folder`."""
    with open_regular(source, error, what=what) as fh:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".copy-", suffix=".db", dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot copy {what}: {exc.strerror or exc}", folder) from None
        try:
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(fh, out)
        except BaseException as exc:
            Path(name).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise StoreError(f"cannot read {what}: {exc.strerror or exc}", source) from None
            raise
    return Path(name)
