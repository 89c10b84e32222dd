"""The forms of a study's words, kept between runs in the project's cache folder.

Working out a word's forms (two lemmatizers, two stemmers) is most of what re-coding from the
store costs before any rule is tried: every distinct word of the transcripts is looked at to find
where the edited rules can be live. The forms depend only on the word and on the language tools,
so they are kept in one file per version of those tools (and of the code that combines them) and
read back by the next run. Deleting the file, or the cache folder, only costs time. The file is a
list of the transcripts' words (no sentences), private like the store; `lernet remove` deletes
it, since a removed participant's name may be among them.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..errors import LernetError
from ..userfiles import read_regular, write_cache_file
from .text import seed_forms, take_new_forms

_PREFIX = "forms-"
_MAX_BYTES = 200 * 1024 * 1024


@lru_cache(maxsize=1)
def forms_key() -> str:
    """What the forms depend on: the code that makes them and the versions of the language
    tools (a new simplemma may lemmatize a word otherwise)."""
    from .lemmas import package_version

    digest = hashlib.sha256()
    here = Path(__file__).parent
    for module in ("text.py", "lemmas.py", "spelling.py", "past_tense.py"):
        digest.update((here / module).read_bytes())
    for package in ("simplemma", "PyStemmer", "marisa-trie"):
        digest.update(f"{package}={package_version(package) or ''};".encode())
    return digest.hexdigest()[:16]


def _path(cache: Path) -> Path:
    return cache / f"{_PREFIX}{forms_key()}.json"


def _read(cache: Path) -> dict[str, list[str]]:
    try:
        raw = read_regular(_path(cache), LernetError, _MAX_BYTES)
        data = json.loads(raw.decode("utf-8"))
    except (LernetError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        return {}
    return data


def load_forms(cache: Path | None) -> int:
    """Take the kept forms into this process (before forking workers, which inherit them);
    how many words were known."""
    if cache is None:
        return 0
    known = _read(cache)
    seed_forms(known)
    return len(known)


def save_forms(cache: Path | None, more: dict[str, list[str]] | None = None) -> int:
    """Keep the forms this process (and `more`, from workers) worked out; how many were new."""
    new = take_new_forms()
    if more:
        new.update(more)
    if cache is None or not new:
        return 0
    known = _read(cache)
    added = {w: f for w, f in new.items() if w not in known}
    if not added:
        return 0
    known.update(added)
    text = json.dumps(known, ensure_ascii=False, separators=(",", ":"))
    write_cache_file(cache, _path(cache).name, text, keep=(f"{_PREFIX}*.json", 1))
    return len(added)


def forget_forms(cache: Path | None) -> None:
    """Delete the kept forms: a word list of the transcripts, names among them, which must go
    with a participant who withdraws (the next run works them out again); and the kept
    `study_words`, for the same reason."""
    if cache is None or not cache.is_dir():
        return
    for prefix in (_PREFIX, _STUDY_PREFIX):
        for path in cache.glob(f"{prefix}*.json"):
            path.unlink(missing_ok=True)


_STUDY_PREFIX = "study-words-"


def _study_path(cache: Path, key: str) -> Path:
    return cache / f"{_STUDY_PREFIX}{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def study_words(cache: Path | None, key: str) -> frozenset[str] | None:
    """Words worked out from all of a study's stored text for `key` (what they were worked out
    from) and kept by `keep_study_words`; None when not kept."""
    if cache is None:
        return None
    try:
        data = json.loads(read_regular(_study_path(cache, key), LernetError, 1024 * 1024))
    except (LernetError, ValueError):
        return None
    if not isinstance(data, list) or not all(isinstance(w, str) for w in data):
        return None
    return frozenset(data)


def keep_study_words(cache: Path | None, key: str, words: frozenset[str]) -> None:
    if cache is None:
        return
    text = json.dumps(sorted(words), ensure_ascii=False)
    write_cache_file(cache, _study_path(cache, key).name, text, keep=(f"{_STUDY_PREFIX}*.json", 2))
