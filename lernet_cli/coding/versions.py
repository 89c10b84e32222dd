"""A file whose participants say mostly the same words as a stored transcript is a version of
that interview (a cleaned copy beside the raw one: fillers and repeated words taken out, a typo
fixed), not another interview.

What a transcript says is compared as the word 3-grams of its participant turns, after taking
out fillers ("euh", "uhm") and a word said again right after itself ("ik ik denk"): a new
transcript is a version of a stored one when at least `SHARE` of the 3-grams of the shorter of
the two stand in the other. The 3-grams are kept as 32-bit checksums; of a stored transcript they
are worked out from its stored turns only when a new file is to be compared with it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from ..model import Transcript
from ..store.store import Store, StoredTranscript

SHARE = 0.8
"""The part of the shorter transcript's 3-grams that must stand in the other."""
MIN_GRAMS = 30
"""A transcript with fewer 3-grams says too little to be told apart from another."""
FILLERS = frozenset(
    "euh eh uh uhm um ehm ehh erm hm hmm mm mmm mhm uhuh ah oh".split()
)  # not "er" (Dutch "er is"), nor "em" (Dutch "hem")

_WORD = re.compile(r"\w+")


def speech_grams(texts: list[str]) -> frozenset[int]:
    """The 3-grams (as checksums) of what the participants say, fillers and repeats aside."""
    words: list[str] = []
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if word in FILLERS or (words and words[-1] == word):
                continue
            words.append(word)
    return frozenset(
        zlib.crc32(f"{a} {b} {c}".encode("utf-8", "surrogatepass"))
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )


def transcript_grams(transcript: Transcript) -> frozenset[int]:
    return speech_grams([t.text for t in transcript.turns if t.role == "participant"])


@dataclass
class Version:
    stored: StoredTranscript
    share: float
    """The part of the shorter transcript's 3-grams that stand in the other."""


class StoredSpeech:
    """The stored transcripts' 3-grams, worked out from the store on first use; those coded in
    this run are added as they are written."""

    def __init__(self, store: Store):
        self._store = store
        self._grams: dict[int, tuple[StoredTranscript, frozenset[int]]] | None = None

    @property
    def loaded(self) -> bool:
        return self._grams is not None

    def _load(self) -> dict[int, tuple[StoredTranscript, frozenset[int]]]:
        if self._grams is None:
            texts = self._store.participant_texts()
            self._grams = {
                t.id: (t, speech_grams(texts.get(t.id, []))) for t in self._store.transcripts()
            }
        return self._grams

    def add(self, stored: StoredTranscript, grams: frozenset[int]) -> None:
        """A transcript just written (new, moved or changed), when the others are loaded."""
        if self._grams is not None:
            self._grams[stored.id] = (stored, grams)

    def versions_of(self, grams: frozenset[int], path: str) -> list[Version]:
        """The stored transcripts (at other paths) that `grams` is a version of, most alike
        first."""
        if len(grams) < MIN_GRAMS:
            return []
        out = []
        for stored, other in self._load().values():
            if stored.path == path or len(other) < MIN_GRAMS:
                continue
            shorter = min(len(grams), len(other))
            shared = len(grams & other)
            if shared >= SHARE * shorter:
                out.append(Version(stored, shared / shorter))
        return sorted(out, key=lambda v: (-v.share, v.stored.path))
