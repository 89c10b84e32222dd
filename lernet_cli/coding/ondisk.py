"""Stored transcripts whose file was edited since it was read: `lernet code` without files reads
them again, as `lernet code FILES` would, instead of calling them unchanged.

Hashing every file at each run would read the whole study (on a synced folder, fetch it), so each
file's stat is remembered with the digest of the bytes read after it, in the project's cache
folder; only a file whose stat differs is hashed. Keyed by the transcript's id, not its path, so
that the cache holds no file name (a name a withdrawal must not leave behind)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..store.store import Store
from ..userfiles import write_cache_file

NAME = "file-stats.json"

StatKey = tuple[int, ...]


def stat_key(path: Path | str) -> StatKey | None:
    """What changes when a file is written or replaced (inode, size, modified and changed
    times, to the nanosecond); None for a file that is not there or no regular file (a pipe
    would block the read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read(cache: Path) -> dict[str, list[object]]:
    try:
        data = json.loads((cache / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        {str(k): v for k, v in data.items() if isinstance(v, list)}
        if isinstance(data, dict)
        else {}
    )


def _write(cache: Path, known: dict[str, list[object]]) -> None:
    write_cache_file(cache, NAME, json.dumps(known, sort_keys=True))


def _entry(key: StatKey, sha: str) -> list[object]:
    return [*key, sha]


def remember_read(cache: Path, store: Store, seen: dict[str, StatKey]) -> None:
    """After `lernet code FILES`: the stat each file had before it was read (`seen`, by stored
    path), for those stored now; entries of transcripts no longer stored are dropped."""
    known = _read(cache)
    stored = store.transcripts()
    ids = {str(t.id) for t in stored}
    now = {k: v for k, v in known.items() if k in ids}
    for t in stored:
        key = seen.get(t.path)
        if key is not None:
            now[str(t.id)] = _entry(key, t.sha256)
    if now != known:
        _write(cache, now)


def changed_on_disk(root: Path, cache: Path, store: Store, skip: Iterable[Path] = ()) -> list[Path]:
    """The stored transcripts read from a file that is there and now holds other bytes than
    were coded (imported transcripts have no file of their own; a file gone is
    `remove.missing_files`'s)."""
    known = _read(cache)
    now: dict[str, list[object]] = {}
    out = []
    passed = set(skip)
    base = str(root)
    for t in store.transcripts():
        if t.codebook_digest is None:
            continue
        name = os.path.join(base, t.path)  # a Path per file costs more than the stat
        key = stat_key(name)
        if key is None:
            continue
        entry = _entry(key, t.sha256)
        if known.get(str(t.id)) == entry:
            now[str(t.id)] = entry
            continue
        path = Path(name)
        try:
            with path.open("rb") as fh:
                sha = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError:
            continue  # unreadable now: `lernet code FILE` says why
        if sha == t.sha256:
            now[str(t.id)] = entry
        elif path not in passed:
            out.append(path)
    if now != known:
        _write(cache, now)
    return out
