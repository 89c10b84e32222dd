"""Files `lernet code FOLDER` left out as no interview (readers/kind.py): remembered in the
project's cache folder with the stat they had when judged (`ondisk.stat_key`), so that a later run
over the folder neither reads them again (a 40-page report as PDF costs seconds) nor names each
once more. A file edited, replaced or renamed, other interviewer labels, or another
READER_VERSION (the judgement is a reader's) has it judged again.

A cache, not the store: a left-out file is no transcript, and deleting the cache only costs one
run's reading. Keyed by path, as the refused files are (refused.py); `lernet remove` deletes it
whole, since a left-out file's name may name a participant."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..userfiles import write_cache_file
from .digests import READER_VERSION
from .ondisk import StatKey

if TYPE_CHECKING:
    from ..readers.kind import NoInterview

NAME = "left-out-files.json"


def _read(cache: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((cache / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def forget_left_out(cache: Path | None) -> None:
    """Forget every file left out (after `lernet remove`: a name may be a removed participant's);
    the next `lernet code FOLDER` judges them again."""
    if cache is not None:
        with contextlib.suppress(OSError):
            (cache / NAME).unlink(missing_ok=True)


class LeftOutFiles:
    """The files found in this run's folders (`in_folders`) that an earlier run left out, read
    with the interviewer `labels` this run reads files not stored yet with."""

    def __init__(
        self, root: Path, cache: Path, in_folders: Collection[Path], labels: Sequence[str]
    ):
        self.root = root
        self.cache = cache
        self.in_folders = {Path(p) for p in in_folders}
        self.labels = sorted(x.casefold() for x in labels)
        self.known = _read(cache) if self.in_folders else {}

    def _entry(self, key: StatKey, looks: NoInterview) -> dict[str, Any]:
        return {
            "stat": list(key),
            "reader": READER_VERSION,
            "labels": self.labels,
            "what": looks.what,
            "why": looks.why,
        }

    def before(self, path: Path, rel: str, key: StatKey | None) -> NoInterview | None:
        """What the file looked like when an earlier run left it out, if it is as it was then
        and is read alike; None: read and judge it."""
        if key is None or path not in self.in_folders:
            return None
        entry = self.known.get(rel)
        if entry is None or entry.get("stat") != list(key):
            return None
        if entry.get("reader") != READER_VERSION or entry.get("labels") != self.labels:
            return None
        what, why = entry.get("what"), entry.get("why")
        if not isinstance(what, str) or not isinstance(why, str):
            return None
        from ..readers.kind import NoInterview

        return NoInterview(what, why)

    def remember(self, results: Iterable[Any], seen: dict[str, StatKey]) -> None:
        """After the run: each file left out with the stat it had before it was read (`seen`),
        each file coded (or refused) now forgotten, and those no longer there."""
        if not self.in_folders and not self.known:
            return
        now = {p: e for p, e in self.known.items() if (self.root / p).is_file()}
        for r in results:
            key = seen.get(r.path)
            if r.status == "left out" and r.no_interview is not None and key is not None:
                now[r.path] = self._entry(key, r.no_interview)
            else:
                now.pop(r.path, None)
        if now == self.known:
            return
        if now:
            write_cache_file(self.cache, NAME, json.dumps(now, ensure_ascii=False, sort_keys=True))
        else:
            forget_left_out(self.cache)
