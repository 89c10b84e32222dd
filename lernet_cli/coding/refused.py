"""Files `lernet code` refused (a regular expression that takes too long on them, a file it
cannot read): remembered in the project's cache folder (the store stays exactly as it was when a
file is refused), so that a later `lernet code` without files tries them
again and says they are still not coded, and why, instead of "unchanged" (the stored version, if
any, is the one counted)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..userfiles import write_cache_file

NAME = "refused-files.json"


def _read(cache: Path) -> dict[str, str]:
    try:
        data = json.loads((cache / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write(cache: Path, refused: dict[str, str]) -> None:
    """Private like the rest of the cache (file names may hold a participant's name)."""
    if refused:
        text = json.dumps(refused, ensure_ascii=False, sort_keys=True)
        write_cache_file(cache, NAME, text)
        return
    with contextlib.suppress(OSError):  # a cache: a refused file is then said when named again
        (cache / NAME).unlink(missing_ok=True)


def forget_refused(cache: Path | None, paths: Iterable[str]) -> None:
    """Forget the refused files among `paths` (removed transcripts: their names go with them)."""
    if cache is None:
        return
    known = _read(cache)
    left = {p: e for p, e in known.items() if p not in set(paths)}
    if left != known:
        _write(cache, left)


def remember_refused(cache: Path, results: Iterable[Any]) -> None:
    """After `lernet code FILES`: each file refused (status error) is remembered with its
    error; each coded (or found unchanged) is forgotten."""
    before = _read(cache)
    now = dict(before)
    for r in results:
        if r.status == "error" and r.error:
            now[r.path] = r.error
        else:
            now.pop(r.path, None)
    if now != before:
        _write(cache, now)


def refused_files(root: Path, cache: Path) -> list[Path]:
    """The files refused at an earlier `lernet code` that are still there, to try again; the
    others are forgotten."""
    known = _read(cache)
    there = {p: root / p for p in known if (root / p).is_file()}
    if len(there) != len(known):
        _write(cache, {p: known[p] for p in there})
    return list(there.values())
