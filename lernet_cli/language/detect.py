"""Which language interviews are in, from their function words: what a new project is set to
when `lernet code` creates it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .stopwords import DUTCH, ENGLISH

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Words of both lists ("in", "is", "we") say nothing about which one it is.
_ONLY = {"nl": DUTCH - ENGLISH, "en": ENGLISH - DUTCH}


@dataclass
class Guess:
    language: str
    counts: dict[str, int]
    """Function words of each language found."""
    files: dict[str, int] = field(default_factory=dict)
    """How many files read as each language, when files were read one by one
    (`files_language`); files without function words are in none."""
    per_file: list[str | None] = field(default_factory=list)
    """The language each file read as, in their order (None: no function words in it)."""

    @property
    def share(self) -> float:
        """The chosen language's share of all function words found (0.5 when none were)."""
        total = sum(self.counts.values())
        return self.counts[self.language] / total if total else 0.5

    @property
    def mixed(self) -> bool:
        """Some files read as one language and some as the other."""
        return sum(1 for n in self.files.values() if n) > 1


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


def files_language(
    files: Iterable[Iterable[str]], default: str = "nl", words_per_file: int = 2_000
) -> Guess:
    """The language most of the files are in, each file judged by its own first
    `words_per_file` words (a folder of 9 Dutch and 5 English interviews is Dutch, whichever come
    first by name); a tie goes to the language with more function words over all, then to
    `default`. The guess counts the files read as each language (`Guess.files`) and says which
    each read as (`Guess.per_file`)."""
    counts = dict.fromkeys(_ONLY, 0)
    per_language = dict.fromkeys(_ONLY, 0)
    per_file: list[str | None] = []
    for texts in files:
        guess = detect_language(texts, default, limit=words_per_file)
        found = any(guess.counts.values())
        per_file.append(guess.language if found else None)
        if not found:
            continue
        per_language[guess.language] += 1
        for lang, n in guess.counts.items():
            counts[lang] += n
    best = max(per_language, key=lambda lang: (per_language[lang], counts[lang], lang == default))
    return Guess(best if per_language[best] else default, counts, per_language, per_file)


FLEMISH = frozenset(
    {
        # the second person of Flemish speech, and verbs in its forms
        "ge",
        "gij",
        "gulle",
        "gullie",
        "ulder",
        "zijt",
        "zoudt",
        "hebde",
        "kunde",
        "zijde",
        # words of Flemish speech that Dutch of the Netherlands does not use
        "allee",
        "amai",
        "awel",
        "goesting",
        "seffens",
        "ambetant",
        "efkes",
    }
)
"""Words that mark Dutch as spoken in Flanders. Not `mekaar` nor `da`: speakers in the
Netherlands say them too."""
FLEMISH_AT_LEAST = 3
"""Flemish words an interview needs, at least one per `FLEMISH_PER` words, to read as Flemish: a
lone "ge" (a Brabander, a word cut at its hyphen) does not make it so."""
FLEMISH_PER = 500
_WORD_HYPHEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def flemish(texts: Iterable[str], limit: int = 20_000) -> bool:
    """Whether Dutch `texts` (a participant's words) read as Flemish: enough of `FLEMISH`'s
    words among them (Word then proofs their quotes as nl-BE, not nl-NL)."""
    found = seen = 0
    for text in texts:
        for m in _WORD_HYPHEN_RE.finditer(text):
            seen += 1
            found += m.group(0).casefold() in FLEMISH
            if seen >= limit:
                break
        if seen >= limit:
            break
    return found >= FLEMISH_AT_LEAST and found * FLEMISH_PER >= seen
