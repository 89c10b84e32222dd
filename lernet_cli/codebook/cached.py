"""A parsed codebook kept in the project's cache folder, for the next command that loads it.

Building a codebook from its YAML (every term parsed, every rule checked) takes a quarter of a
second for the default codebook, at every `lernet code`, before a file is read. The codebook is
kept pickled (sealed: see `sealed.py`) under its text, its path, whether its rules were compiled,
and the version of the code that builds it; any change to one of those makes another file. Only a
codebook without errors is kept (one with errors is refused and fixed, not loaded again), from
the second time it is built. A file that cannot be used is ignored and the codebook built again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import sealed
from ..userfiles import write_cache_file
from .yamlio import MAX_YAML_BYTES

if TYPE_CHECKING:
    from .codebook import Codebook

PREFIX = "codebook-"
KEEP = 4
"""Codebook files kept: with and without rules, of this codebook and of the one before."""
_MAX_BYTES = 40 * MAX_YAML_BYTES
SEEN = ".seen"

BUILT_BY = ("codebook", "language", "errors.py", "model.py", "userfiles.py", "sealed.py")
"""The modules whose code decides what a codebook is built as (paths below lernet_cli/)."""
LIBRARIES = ("yaml", "regex")
"""The libraries whose output a built codebook holds (import names). Term forms (the lemmatizer
and stemmers) are worked out on first use, after loading, so they are not kept."""


@lru_cache(maxsize=1)
def _version() -> str | None:
    return sealed.version_key(BUILT_BY, LIBRARIES)


def _key(path: Path, text: str, with_rules: bool) -> str | None:
    version = _version()
    if version is None:
        return None
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    return f"codebook\0{version}\0{path}\0{digest}\0{with_rules}"


def cached_codebook(cache: Path, path: Path, text: str, with_rules: bool) -> Codebook | None:
    """The codebook kept for this text, path and kind of loading, or None."""
    from .codebook import Codebook

    key = _key(path, text, with_rules)
    if key is None:
        return None
    found = sealed.load(cache, sealed.file_name(PREFIX, key), key, _MAX_BYTES)
    return found if isinstance(found, Codebook) else None


def keep_codebook(cache: Path, path: Path, text: str, codebook: Codebook) -> None:
    """Keep a codebook just built (best effort); not one with errors.

    Pickling costs a third of building, so a codebook is kept the second time it is built: a
    researcher who edits a rule and re-codes, again and again, does not pay for a pickle per
    edit that no run would load. The first time leaves an empty mark."""
    if any(p.severity == "error" for p in codebook.problems):
        return
    key = _key(path, text, codebook.with_rules)
    if key is None:
        return
    mark, name = sealed.file_name(PREFIX, key, SEEN), sealed.file_name(PREFIX, key)
    if not (cache / mark).is_file() and not (cache / name).is_file():  # (one that did not load)
        write_cache_file(cache, mark, "", keep=(f"{PREFIX}*{SEEN}", KEEP))
        return
    if sealed.save(cache, name, key, codebook, (f"{PREFIX}*.pickle", KEEP)):
        (cache / mark).unlink(missing_ok=True)
