"""The SQLite store: the only place codings live.

The schema is built by numbered migrations recorded in `schema_migrations`, so a project made by an
older lernet is brought up to date when opened. Every write of one transcript is one transaction
(or, inside a batch of many, one savepoint: see transactions.py).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import StoreError
from ..userfiles import check_regular
from .codings import CodingReads
from .earlier import EarlierReadings, fill_said
from .imported import ImportedSources
from .memos import Memos
from .meta import MetaRecords
from .migrations import MIGRATIONS
from .recoding import RecodingQueries
from .reviews import Reviews
from .rows import (
    CHANGED_FROM,
    FILE_SOURCES,
    NOTED_SOURCES,
    REVIEWABLE,
    SIMILAR,
    SIMILAR_META,
    CodingRow,
    HandMemo,
    SaveResult,
    StoredTranscript,
    _now,
)
from .saving import TranscriptWrites
from .transactions import BUSY_TIMEOUT_MS, _explain, patiently
from .transcripts import TranscriptReads
from .writes import write_speech_sample

__all__ = [
    "CHANGED_FROM",
    "FILE_SOURCES",
    "NOTED_SOURCES",
    "REVIEWABLE",
    "SIMILAR",
    "SIMILAR_META",
    "CodingRow",
    "HandMemo",
    "SaveResult",
    "Store",
    "StoredTranscript",
    "peek_given",
    "peek_stored",
    "upgrade_notice",
]

upgrade_notice: Callable[[Path, int, int, Path | None], None] | None = None
"""Called when a store an older lernet made was brought up to date: its path, the store
versions before and after, and the copy kept of it as it was (the command line says so on
stderr, once); None: upgrade silently."""


class Store(
    TranscriptReads,
    TranscriptWrites,
    Reviews,
    CodingReads,
    MetaRecords,
    Memos,
    RecodingQueries,
    EarlierReadings,
    ImportedSources,
):
    """One connection to the store, the one entry to it: opened here, brought up to date by the
    migrations, and made of its parts: its transactions (transactions.py), its version and meta
    (meta.py), the transcripts and their turns (transcripts.py), one transcript written whole
    (saving.py), the codings analysis reads (codings.py), reviews and candidates (reviews.py),
    memos and the comments and tags that make codings (memos.py), what re-coding from the store
    reads and writes (recoding.py), what files said when read before (earlier.py), and imported
    sources with their GUIDs (imported.py)."""

    @classmethod
    def open(cls, path: Path, create: bool = False, keep_older: bool = True) -> Store:
        """The store at `path`. One an older lernet made is brought up to date, a copy of it as
        it was kept first in backups/ beside it (`keep_older`; not for a private copy, which
        is thrown away). One a newer lernet made is refused: this one might undo its work."""
        if not path.exists() and not create:
            raise StoreError("no store yet: run `lernet code FILES` first", path)
        if path.exists() or path.is_symlink():
            # SQLite's open would wait forever on a named pipe put in the store's place.
            check_regular(path, StoreError)
        try:
            if create:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not path.exists():
                    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                    os.close(fd)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
            # a store another program holds: said after a moment, not a silent minute
            patiently(
                conn, path, lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            )
            store.migrate(keep_older)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(_explain(exc), path) from None
        except OSError as exc:
            raise StoreError(f"cannot open the store: {exc.strerror}", path) from None
        except StoreError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self, keep_older: bool = False) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        newest = max(m[0] for m in MIGRATIONS)
        if done and max(done) > newest:
            raise StoreError(
                f"made by a newer lernet (store version {max(done)}; this lernet knows up to "
                f"{newest}): install a newer lernet to open it; nothing was changed",
                self.path,
            )
        pending = [m for m in MIGRATIONS if m[0] not in done]
        if not pending:
            return
        kept: Path | None = None
        try:
            if done and keep_older:
                self.check_writable()
                # outside the transaction: SQLite's backup would wait for this connection's lock
                kept = self._keep_as_it_was()
            with self.transaction() as conn:
                done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
                if all(m[0] in done for m in pending):
                    pending = []  # another lernet brought it up to date meanwhile
                for version, name, sql in pending:
                    if version in done:
                        continue
                    for statement in sql.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (?, ?, ?)",
                        (version, name, _now()),
                    )
                if any(version == 11 for version, _, _ in pending):
                    fill_said(conn)
                if any(version == 13 for version, _, _ in pending):
                    for (tid,) in conn.execute("SELECT id FROM transcripts").fetchall():
                        write_speech_sample(conn, int(tid))
        except StoreError as exc:
            if kept is not None:
                kept.unlink(missing_ok=True)
            if done and "read-only" in exc.message:
                raise StoreError(
                    f"made by an older lernet (store version {max(done)}), and bringing it up "
                    "to date writes to it, but the project folder is read-only: make it "
                    "writable, or copy the project to a folder you can write to, and run this "
                    "again (nothing was changed)",
                    self.path,
                ) from None
            raise
        if kept is not None and not pending:
            kept.unlink(missing_ok=True)
        elif done and keep_older and upgrade_notice is not None:
            upgrade_notice(self.path, max(done), newest, kept)

    def check_writable(self) -> None:
        """A write that changes nothing: a read-only store is said before anything is asked
        or copied (an open alone does not tell)."""
        with self.transaction() as conn:
            conn.execute("UPDATE schema_migrations SET name = name WHERE 0")

    def _keep_as_it_was(self) -> Path:
        """A copy of the store before an upgrade, in backups/ beside it (owner-only): an older
        lernet can still open it, and nothing is lost if the upgrade is not wanted."""
        from .backup import backup_store, default_backup_path

        return backup_store(self, default_backup_path(self.path))


def peek_stored(path: Path) -> tuple[list[tuple[str, str, str]], str | None]:
    """(each stored transcript's (path, sha256 of its file, participant), the remembered
    participants file) read without opening the store for writing: nothing is made, migrated or
    locked (`lernet speakers` changes nothing). Empty when there is no store or it cannot be
    read."""
    from urllib.parse import quote

    if not path.is_file():
        return [], None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            stored = [
                (str(p), str(sha), str(pid))
                for p, sha, pid in conn.execute("SELECT path, sha256, participant FROM transcripts")
            ]
            row = conn.execute("SELECT value FROM meta WHERE key = 'participants_path'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return [], None
    return stored, None if row is None else str(row[0])


def peek_given(path: Path) -> dict[str, str]:
    """Stored path -> what the command line gave the transcript (`StoredTranscript.given`), read
    as `peek_stored` reads (a store from before that column gives none)."""
    from urllib.parse import quote

    if not path.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT path, given FROM transcripts WHERE given IS NOT NULL")
            return {str(p): str(g) for p, g in rows}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}
