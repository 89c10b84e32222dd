"""Replace names of people and organisations, and e-mail addresses, in quotes and exports.

The Redactor lives in `language/names.py`, below coding: the coder masks the same names for the
rules (coding/names.py) as the anonymizer hides in outputs. This module keeps the analysis
layer's name for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ..language.formcache import keep_study_words, study_words
from ..language.names import (
    EMAIL,
    ORGANISATION,
    PARTICLES,
    PERSON,
    TITLES,
    Redactor,
    file_name_shown,
    fold_keep_length,
    is_cased,
    is_ordinary_word,
    name_words,
)

if TYPE_CHECKING:
    from ..store.store import Store

__all__ = [
    "EMAIL",
    "ORGANISATION",
    "PARTICLES",
    "PERSON",
    "TITLES",
    "Redactor",
    "file_name_shown",
    "is_cased",
    "is_ordinary_word",
    "said_in_lower_case",
]


def said_in_lower_case(
    store: Store,
    organisations: Iterable[str],
    names: Iterable[str],
    more: Iterable[str] = (),
    cache: Path | None = None,
) -> frozenset[str]:
    """The folded words of organisations' names (not of people's) that the stored turns with
    capitals, or the texts of `more` (the researcher's labels), write in lower case: ordinary
    words of the study ("circulair" of "Kenniscentrum Circulair Bouwen"), not only a name's.
    Turns without capitals (speech recognition) tell nothing.

    Finding them reads every stored turn (seconds in a study of a thousand interviews, on every
    quotes, report and export), so what was found is kept in `cache` for the same words, texts
    and stored transcripts."""
    people = {w for n in names for w in name_words(n)}
    words = {w for o in organisations for w in name_words(o) if len(w) > 2} - people
    if not words:
        return frozenset()
    more = list(more)
    key = json.dumps([sorted(words), sorted(more), store.texts_signature()])
    kept = study_words(cache, key)
    if kept is not None and kept <= words:
        return kept
    pattern = regex.compile(
        r"(?<!\w)(?:"
        + "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))
        + r")(?!\w)",
        regex.IGNORECASE,
    )
    found: set[str] = set()
    texts = (turn.text for t in store.transcripts() for _, turn in store.segments(t.id))
    for text in [*texts, *more]:
        if not is_cased(text):
            continue
        for m in pattern.finditer(fold_keep_length(text)):
            if text[m.start() : m.end()].islower():
                found.add(m.group())
        if len(found) == len(words):
            break
    keep_study_words(cache, key, frozenset(found))
    return frozenset(found)
