"""Which language interviews are in, from their function words: what a new project is set to
when `lernet code` creates it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .stopwords import DUTCH, ENGLISH

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Words of both lists ("in", "is", "we") say nothing about which one it is.
_ONLY = {"nl": DUTCH - ENGLISH, "en": ENGLISH - DUTCH}


@dataclass
class Guess:
    language: str
    counts: dict[str, int]
    """Function words of each language found."""

    @property
    def share(self) -> float:
        """The chosen language's share of all function words found (0.5 when none were)."""
        total = sum(self.counts.values())
        return self.counts[self.language] / total if total else 0.5


def detect_language(texts: Iterable[str], default: str = "nl", limit: int = 20_000) -> Guess:
    """The language whose function words are more frequent in `texts` (at most `limit` words
    are looked at); `default` when there are none, or as many of each."""
    counts = dict.fromkeys(_ONLY, 0)
    seen = 0
    for text in texts:
        for m in _WORD_RE.finditer(text):
            word = m.group(0).casefold()
            for lang, words in _ONLY.items():
                if word in words:
                    counts[lang] += 1
            seen += 1
            if seen >= limit:
                break
        if seen >= limit:
            break
    best = max(counts, key=lambda lang: (counts[lang], lang == default))
    return Guess(best if counts[best] else default, counts)
