"""Transactions of the store: one per write, savepoints inside a batch of many, and the
write-ahead log while `lernet code` writes many transcripts."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from ..errors import StoreError

BUSY_TIMEOUT_MS = 60_000
NOTICE_AFTER_MS = 2_000
"""How long lernet waits for a store another program holds before it says that it waits."""
BULK_SWITCH_TIMEOUT_MS = 2_000
"""How long `lernet code` waits for other connections to switch to the write-ahead log."""
BATCH_SECONDS = 0.5
"""A batch of transcripts is committed at least this often, so that a killed run loses little."""

T = TypeVar("T")

DISK_FULL = "the disk is full: lernet could not write the store; free some space and run this again"
DISK_ERROR = (
    "the store could not be written (disk I/O error: a full disk or a limit on file sizes, or a "
    "USB stick or network folder that went away); make room or bring the folder back and run "
    "this again"
)

waiting_notice: Callable[[Path], None] | None = None
"""Called once a run when the store is held by another program and lernet waits for it (the
command line says so on stderr); None: wait silently."""
_noticed: set[Path] = set()


def patiently(conn: sqlite3.Connection, path: Path, action: Callable[[], T]) -> T:
    """`action()` on the store, waiting for another program that holds it: after
    NOTICE_AFTER_MS `waiting_notice` says so, then the wait goes on to BUSY_TIMEOUT_MS in all.
    A statement that failed as busy did nothing, so it is run again (a COMMIT stays pending)."""
    conn.execute(f"PRAGMA busy_timeout = {NOTICE_AFTER_MS}")
    try:
        return action()
    except sqlite3.OperationalError as exc:
        if not _busy(exc):
            raise
        if waiting_notice is not None and path not in _noticed:
            _noticed.add(path)
            waiting_notice(path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS - NOTICE_AFTER_MS}")
        return action()
    finally:
        with suppress(sqlite3.DatabaseError):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _busy(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class Transactions:
    """The transactions of one connection to the store (the base of `Store`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._depth = 0
        """Open transactions and savepoints: inside a batch, a transcript's write is a savepoint."""

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE so two lernet runs queue up instead of failing half way.

        Inside a `batch`, a savepoint instead: what fails inside it is undone alone and the batch
        goes on, so a bad transcript still leaves the store as it was.
        """
        if self._depth:
            yield from self._savepoint()
            return
        self._begin()
        self._depth = 1
        try:
            yield self.conn
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(_explain(exc), self.path) from None
        except BaseException:
            self._rollback()
            raise
        else:
            self._commit()
        finally:
            self._depth = 0

    def _begin(self) -> None:
        try:
            patiently(self.conn, self.path, lambda: self.conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(exc), self.path) from None

    def _commit(self) -> None:
        try:
            patiently(self.conn, self.path, lambda: self.conn.execute("COMMIT"))
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(_explain(exc), self.path) from None

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"lernet_{self._depth}"
        try:
            self.conn.execute(f"SAVEPOINT {name}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(exc), self.path) from None
        self._depth += 1
        try:
            yield self.conn
        except BaseException as exc:
            with suppress(sqlite3.DatabaseError):
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(_explain(exc), self.path) from None
            raise
        else:
            try:
                self.conn.execute(f"RELEASE {name}")
            except sqlite3.DatabaseError as exc:
                raise StoreError(_explain(exc), self.path) from None
        finally:
            self._depth -= 1

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One write transaction for many transcripts, committed now and then (`Batch.step`).

        Each transcript's write inside it is a savepoint of its own. What was written is
        committed when the batch ends, also when it ends by a LernetError that is no store
        error (a broken rule: the files already finished stay); a store error rolls back what was
        not committed yet.
        """
        if self._depth:
            raise RuntimeError("a batch cannot be nested in a transaction")
        batch = Batch(self)
        try:
            yield batch
        except sqlite3.DatabaseError as exc:
            batch.abandon()
            raise StoreError(_explain(exc), self.path) from None
        except StoreError:
            batch.abandon()
            raise
        except BaseException:
            batch.finish()
            raise
        else:
            batch.finish()

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many writes to come (`lernet code`): write-ahead log, synced at checkpoints only.

        With journal_mode=WAL and synchronous=NORMAL a commit appends to the log without waiting
        for the disk. A killed process loses nothing committed and never leaves the store half
        written; a power cut can lose the transcripts committed since the last checkpoint (they
        are coded again on the next run), never the store's consistency. At the end the log is
        checkpointed (synced) and the store goes back to a single file with a rollback journal,
        unless another lernet still has it open (then that one does it).
        """
        wal = self._journal_mode("wal", BULK_SWITCH_TIMEOUT_MS) == "wal"
        if wal:
            self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            if wal:
                with suppress(sqlite3.DatabaseError):
                    self.conn.execute("PRAGMA synchronous = FULL")
                self._journal_mode("delete", 0)

    def _journal_mode(self, mode: str, timeout_ms: int) -> str | None:
        """Switch the journal mode, waiting at most timeout_ms for other connections."""
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            row = self.conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()
            return str(row[0]).lower() if row else None
        except sqlite3.DatabaseError:
            return None  # busy, or a read-only store: keep the mode it has
        finally:
            with suppress(sqlite3.DatabaseError):
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _rollback(self) -> None:
        # SQLite may have rolled back already (e.g. after a disk error).
        with suppress(sqlite3.DatabaseError):
            self.conn.execute("ROLLBACK")


class Batch:
    """An open batch of a Store: `begin()` before a transcript's writes, `step()` after them."""

    def __init__(self, store: Transactions):
        self.store = store
        self._since = time.monotonic()
        self.open = False
        self.commits = 0

    def begin(self) -> None:
        """Open the batch's transaction if it is not open (waits for other writers)."""
        if not self.open:
            self.store._begin()
            self.store._depth = 1
            self.open = True
            self._since = time.monotonic()

    def step(self) -> None:
        """Commit when the batch has been open for BATCH_SECONDS, and after the first
        transcript (which shows at once that the run is under way)."""
        if self.open and (not self.commits or time.monotonic() - self._since >= BATCH_SECONDS):
            self.finish()

    def finish(self) -> None:
        if self.open:
            self.open = False
            self.store._depth = 0
            self.store._commit()
            self.commits += 1

    def abandon(self) -> None:
        if self.open:
            self.open = False
            self.store._depth = 0
            self.store._rollback()


def _explain(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if _busy(exc):
        return (
            f"the store is held by another program ({BUSY_TIMEOUT_MS // 1000} s waited): another "
            "lernet still running, or a database viewer that has it open; close that program "
            "or let it finish, then run this again (nothing was changed)"
        )
    if "disk is full" in text:
        return DISK_FULL
    if "disk I/O error" in text:
        return DISK_ERROR
    if "readonly" in text or "read-only" in text:
        return (
            "the project folder is read-only; lernet cannot write its store (make it writable, "
            "or copy the project to a folder you can write to)"
        )
    if "unable to open" in text:
        return "cannot open the store (is the project folder writable?)"
    if "not a database" in text or "malformed" in text:
        return "the store is damaged or not a lernet store; restore it from a backup"
    return f"store error: {text}"
