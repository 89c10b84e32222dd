"""A `lernet code` run stopped by Ctrl-C: which files it left uncoded, remembered in the store
until a later run codes them, so that counts made in between say they are incomplete."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..store.store import Store

INTERRUPTED_META = "code_interrupted"
"""Meta key: a JSON list of the stored-path forms of the files an interrupted run left."""


def left_uncoded(store: Store) -> list[str]:
    """The files an interrupted `lernet code` left and no run has coded since."""
    raw = store.get_meta(INTERRUPTED_META)
    if not raw:
        return []
    try:
        paths = json.loads(raw)
    except ValueError:
        return []
    return [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else []


def remember_left(store: Store, left: Iterable[str], coded: Iterable[str] = ()) -> None:
    """After a run: the files it left (an interrupted run) are added to those still left, the
    files it coded are taken off."""
    done = set(coded)
    before = left_uncoded(store)
    now = [p for p in dict.fromkeys([*before, *left]) if p not in done]
    if now == before:
        return
    store.set_meta(INTERRUPTED_META, json.dumps(now, ensure_ascii=False))


def still_left(store: Store, root: Path) -> list[str]:
    """Those of `left_uncoded` whose file is still there (a file moved away is no longer
    waiting to be coded)."""
    return [p for p in left_uncoded(store) if (root / p).exists()]
