"""The coding run: a progress bar on a terminal; Ctrl-C or a full disk stops it with the files
finished stored and the rest remembered, and says how to finish."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import StoreError, printable
from ..language.plural import counted
from .common import _err


def _run_coding(
    project: Any, store: Any, codebook: Any, participants: Any, paths: Any, options: Any
) -> Any:
    """Code the files, with a progress bar on a terminal. Ctrl-C stops the run: the files
    finished stay stored; the others are remembered as left (see coding/interrupted.py) and the
    user is told how many, and that the same command finishes them."""
    from ..coding.pipeline import code_files

    finished: set[Path] = set()

    def count(path: Path) -> None:
        finished.add(path)

    try:
        # a dumb terminal (a screen reader's) cannot redraw a bar: it only got a blank line
        dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
        if len(paths) < 3 or not sys.stderr.isatty() or dumb:
            return code_files(project, store, codebook, participants, paths, options, count)
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("coding", total=len(paths))

            def advance(path: Path) -> None:
                count(path)
                progress.advance(task)

            return code_files(
                project, store, codebook, participants, paths, options, progress=advance
            )
    except KeyboardInterrupt:
        _interrupted(project, store, paths, finished)
        raise typer.Exit(130) from None
    except StoreError as exc:
        from ..store.transactions import DISK_ERROR, DISK_FULL

        if exc.message in (DISK_FULL, DISK_ERROR):
            # the batch's files since its last commit were rolled back with it
            finished = {p for p in finished if _stored_as_is(project, store, p)}
            why = "the disk is full" if exc.message == DISK_FULL else "a disk error"
            _interrupted(project, store, paths, finished, f"stopped, {why}")
        raise


def _stored_as_is(project: Any, store: Any, path: Path) -> bool:
    """Whether the store holds this file as it is now (its path and its content)."""
    import hashlib

    stored = store.transcript_by_path(project.relative(path))
    if stored is None:
        return False
    try:
        return bool(hashlib.sha256(path.read_bytes()).hexdigest() == stored.sha256)
    except OSError:
        return False


def _interrupted(
    project: Any, store: Any, paths: list[Path], finished: set[Path], why: str = "interrupted"
) -> None:
    """What an interrupted `lernet code` (Ctrl-C, a full disk) says, and remembers for the
    counts made before the next run finishes it."""
    from ..coding.interrupted import remember_left

    kept = ""
    try:
        if store.conn.in_transaction:
            store.conn.rollback()
        # a file can be stored a moment before Ctrl-C reached the count
        finished |= {p for p in paths if p not in finished and _stored_as_is(project, store, p)}
        left = [printable(project.relative(p)) for p in paths if p not in finished]
        remember_left(store, left)
    except Exception:  # the store is busy or gone: the counts' warning is lost, not the run
        kept = " (lernet could not note this in the store: counts will not warn about it)"
    if kept:
        left = [printable(project.relative(p)) for p in paths if p not in finished]
    done = len(paths) - len(left)
    _err(
        f"lernet: {why}: {done} of {counted(len(paths), 'file')} coded and stored, {len(left)} "
        f"not coded{kept}; run the same `lernet code` again to code the rest (files already "
        "coded are not read again)"
    )
