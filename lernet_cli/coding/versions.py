"""A file whose participants say mostly the same words as a stored transcript is a version of
that interview (a cleaned copy beside the raw one: fillers and repeated words taken out, a typo
fixed), not another interview, when it stands in the same folder; in another folder it is
coded as one of its own (a folder per wave: the same person's follow-up interview), with a
warning naming both (coding/pipeline.py).

What a transcript says is compared as the word 3-grams of its participant turns, after taking
out fillers ("euh", "uhm") and a word said again right after itself ("ik ik denk"): a new
transcript is a version of a stored one when at least `SHARE` of the 3-grams of the shorter of
the two stand in the other (language/speech.py).

Working that out for every stored transcript would make each new file cost more the more are
stored. Each stored transcript keeps a small sample of its 3-grams instead (language/speech.py,
written with its turns), and a new file is compared exactly only with the few whose samples say
it may be a version of them:

1. Of the new file's sampled 3-grams, those that stand in few stored samples (at most `RARE`, or
   one in `RARE_PART` of the stored transcripts when that is more) tell interviews apart: a
   3-gram that stands in many says only that they are on the same subject. A stored transcript
   that holds at least `MIN_HITS` of them and `HIT_SHARE` of those it could hold (sampled at its
   level) is looked at further; the others are not looked at at all.
2. Of those, one whose sample shares at least `SAMPLE_SHARE` of the smaller sample's 3-grams
   (both at the higher of their levels; a sample of fewer than `FEW` counts as sharing enough) is
   compared exactly, from its stored turns.

The samples only choose what to compare; what counts is the exact share, as before. What they
can miss: on 1,000 made-up interviews that all share over a third of their 3-grams (the bench
corpus), every version of 80% or more was found and no other interview was compared exactly,
but one short part (an eighth) of a stored interview, coded on its own, went unnoticed in about
thirty: where most of what interviews say is alike, such a part holds few rare 3-grams.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..language.speech import FILLERS, at_level, key_level, speech_grams
from ..model import Transcript
from ..store.store import Store, StoredTranscript

__all__ = ["FILLERS", "SHARE", "SpeechIndex", "StoredSpeech", "Version", "speech_grams"]

SHARE = 0.8
"""The part of the shorter transcript's 3-grams that must stand in the other."""
MIN_GRAMS = 30
"""A transcript with fewer 3-grams says too little to be told apart from another."""
RARE = 16
RARE_PART = 16
MIN_HITS = 1
HIT_SHARE = 0.5
SAMPLE_SHARE = 0.6
FEW = 10

Sample = tuple[int, list[int]]
"""(level, keys): what language/speech.py `speech_sample` gives."""


def participant_texts(transcript: Transcript) -> list[str]:
    return [t.text for t in transcript.turns if t.role == "participant"]


def transcript_grams(transcript: Transcript) -> frozenset[int]:
    return speech_grams(participant_texts(transcript))


@dataclass
class Version:
    stored: StoredTranscript
    share: float
    """The part of the shorter transcript's 3-grams that stand in the other."""


class SpeechIndex:
    """Samples by transcript id, and which samples hold each sampled 3-gram."""

    def __init__(self) -> None:
        self._samples: dict[int, tuple[int, frozenset[int]]] = {}
        self._holders: dict[int, list[int]] = {}
        self._cut: dict[tuple[int, int], frozenset[int]] = {}
        self._levels: Counter[int] = Counter()
        """How many samples there are of each level."""

    def __len__(self) -> int:
        return len(self._samples)

    def add(self, tid: int, sample: Sample) -> None:
        self.remove(tid)
        level, keys = sample
        self._samples[tid] = (level, frozenset(keys))
        self._levels[level] += 1
        holders = self._holders
        for key in keys:
            held = holders.get(key)
            if held is None:
                holders[key] = [tid]
            else:
                held.append(tid)

    def remove(self, tid: int) -> None:
        old = self._samples.pop(tid, None)
        if old is None:
            return
        self._levels[old[0]] -= 1
        if not self._levels[old[0]]:
            del self._levels[old[0]]
        for key in old[1]:
            held = self._holders[key]
            held.remove(tid)
            if not held:
                del self._holders[key]
        self._cut = {k: v for k, v in self._cut.items() if k[0] != tid}

    def _at(self, tid: int, level: int) -> frozenset[int]:
        own, keys = self._samples[tid]
        if level == own:
            return keys
        cut = self._cut.get((tid, level))
        if cut is None:
            cut = self._cut[(tid, level)] = at_level(keys, level)
        return cut

    def candidates(self, sample: Sample) -> list[int]:
        """The ids of the samples that `sample` may be a version of (or they of it)."""
        level, keys = sample
        rare = max(RARE, len(self._samples) // RARE_PART)
        hits: Counter[int] = Counter()
        found = []
        for key, held in zip(keys, map(self._holders.get, keys), strict=True):
            if held is not None and len(held) <= rare:
                hits.update(held)
                found.append(key)
        if not hits:
            return []
        # How many hits a sample of each stored level needs: a share of the rare 3-grams it
        # could hold (those of its level or higher; all of them when it is of this one's level
        # or lower).
        need = {}
        levels = None
        for other in self._levels:
            if other <= level:
                need[other] = max(MIN_HITS, HIT_SHARE * len(found))
                continue
            if levels is None:
                levels = Counter(map(key_level, found))
            rare_there = sum(c for lv, c in levels.items() if lv >= other)
            need[other] = max(MIN_HITS, HIT_SHARE * rare_there)
        least = min(need.values())
        out = []
        mine: dict[int, frozenset[int]] = {}
        samples = self._samples
        for tid, n in hits.items():
            if n < least:
                continue
            other = samples[tid][0]
            if n < need[other]:
                continue
            common = max(level, other)
            a = mine.get(common)
            if a is None:
                a = mine[common] = frozenset(keys) if common == level else at_level(keys, common)
            b = self._at(tid, common)
            smaller = min(len(a), len(b))
            if smaller < FEW or len(a & b) >= SAMPLE_SHARE * smaller:
                out.append(tid)
        return out


class StoredSpeech:
    """The stored transcripts' samples, read from the store on first use; those coded in this
    run are added as they are written."""

    def __init__(self, store: Store):
        self._store = store
        self._index: SpeechIndex | None = None

    @property
    def loaded(self) -> bool:
        return self._index is not None

    def _load(self) -> SpeechIndex:
        if self._index is None:
            self._index = SpeechIndex()
            for tid, sample in self._store.speech_samples():
                self._index.add(tid, sample)
        return self._index

    def add(self, stored: StoredTranscript, sample: Sample) -> None:
        """A transcript just written (new, moved or changed), when the others are loaded."""
        if self._index is not None:
            self._index.add(stored.id, sample)

    def versions_of(self, transcript: Transcript, sample: Sample, path: str) -> list[Version]:
        """The stored transcripts (at other paths) that `transcript` is a version of, most alike
        first."""
        found = self._load().candidates(sample)
        if not found:
            return []
        grams = transcript_grams(transcript)
        if len(grams) < MIN_GRAMS:
            return []
        out = []
        for tid in found:
            stored = self._store.transcript_by_id(tid)
            if stored is None or stored.path == path:
                continue
            other = speech_grams(self._store.participant_texts_of(tid))
            if len(other) < MIN_GRAMS:
                continue
            shorter = min(len(grams), len(other))
            shared = len(grams & other)
            if shared >= SHARE * shorter:
                out.append(Version(stored, shared / shorter))
        return sorted(out, key=lambda v: (-v.share, v.stored.path))
