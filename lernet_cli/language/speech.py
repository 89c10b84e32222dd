"""What participants say as word 3-grams, fillers and repeated words aside: all of them (to tell
exactly how much of one transcript stands in another) and a small sample of them (kept with each
stored transcript, to find the few stored transcripts worth comparing a new file with).

The words are those of `\\w+`, case-folded; a filler ("euh", "uhm") is left out, and so is a word
said again right after itself ("ik ik denk"), also across a filler ("ik euh ik").

The sample is consistent: a 3-gram is in it when its first word is a "marker", chosen by the
word's checksum alone, so a 3-gram two transcripts share is in both samples when both sample at
the same level. A word's level is the number of trailing zero bits of its checksum: a word of
level L or more is a marker at level L (about one word in 2**L). A transcript samples at the
highest level that still gives it `SAMPLE_TARGET` 3-grams, never below `MIN_LEVEL` unless it is
short. Two samples are compared at the higher of their levels: the other is cut down to the
3-grams whose first word has that level too (`at_level`). A sampled 3-gram is kept as a 64-bit
key whose low 16 bits are its first word's checksum's, so that its level can be read from it.

The sample reads the words as the matcher's `make_doc` found them (while coding that costs
nothing more; "zo'n" is one word, "'t" is "het"), so a change in how it splits words would make
new samples differ a little from stored ones; it only chooses what to compare exactly.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import compress

FILLERS = frozenset(
    "euh eh uh uhm um ehm ehh erm hm hmm mm mmm mhm uhuh ah oh".split()
)  # not "er" (Dutch "er is"), nor "em" (Dutch "hem")

MIN_LEVEL = 3
"""Words of a lower level are never markers: one word in 8 at most starts a sampled 3-gram."""
MAX_LEVEL = 16
SAMPLE_TARGET = 128
"""A transcript samples at the highest level that gives it at least this many 3-grams."""

_WORD = re.compile(r"\w+")
_M1 = 0x9E3779B97F4A7C15
_M2 = 0xC2B2AE3D27D4EB4F
_HIGH = 0xFFFF_FFFF_FFFF_0000
_LOW = 0xFFFF


def _checksum(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def speech_grams(texts: Iterable[str]) -> frozenset[int]:
    """All the 3-grams (as checksums) of what the participants say, fillers and repeats aside."""
    words: list[str] = []
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if word in FILLERS or (words and words[-1] == word):
                continue
            words.append(word)
    return frozenset(
        _checksum(f"{a} {b} {c}") for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )


def _level(checksum: int) -> int:
    if checksum == 0:
        return MAX_LEVEL
    return min(MAX_LEVEL, (checksum & -checksum).bit_length() - 1)


class _Pieces(dict[str, int]):
    """A word as `make_doc` gives it (or any piece of text) -> the checksum of its `\\w+` words,
    case-folded (0: a filler, or no word), worked out once a process."""

    def __missing__(self, piece: str) -> int:
        words = [w for w in _WORD.findall(piece.casefold()) if w not in FILLERS]
        value = (_checksum(" ".join(words)) or 1 << 32) if words else 0
        self[piece] = value
        return value


class _Marks(dict[str, int]):
    """A piece -> 1 + how far its level is above `base`, 0 when it is no marker at `base`."""

    def __init__(self, base: int):
        super().__init__()
        self.base = base

    def __missing__(self, piece: str) -> int:
        checksum = _PIECES[piece]
        value = max(0, _level(checksum) - self.base + 1) if checksum else 0
        self[piece] = value
        return value


_PIECES = _Pieces()
_MARKERS = _Marks(MIN_LEVEL)
_LEVELS = _Marks(0)
"""For a short text, where sampling at `MIN_LEVEL` would leave too few 3-grams."""


def key_level(key: int) -> int:
    """The level of a sampled 3-gram's first word."""
    return _level(key & _LOW)


def _key(a: int, b: int, c: int) -> int:
    mixed = (((a * _M1) ^ b) * _M2 ^ c) * _M1
    return (mixed & _HIGH) | (a & _LOW)


def speech_sample(texts: Iterable[str]) -> tuple[int, list[int]]:
    """(level, the keys of the sampled 3-grams, sorted) of what the participants say: the texts
    of their turns, read as the matcher reads them (`words_sample` where that was done)."""
    from .text import make_doc

    words: list[str] = []
    for text in texts:
        if text.strip():
            words += make_doc(text).words
    return words_sample(words)


def words_sample(pieces: list[str]) -> tuple[int, list[int]]:
    """`speech_sample` of the words `make_doc` found in the participants' turns, in order."""
    table = _MARKERS if len(pieces) >= SAMPLE_TARGET << MIN_LEVEL else _LEVELS
    marks = list(map(table.__getitem__, pieces))
    at = list(compress(range(len(pieces)), marks))
    counts = Counter(map(marks.__getitem__, at))
    step, total = 1, 0
    for above in sorted(counts, reverse=True):
        total += counts[above]
        step = above
        if total >= SAMPLE_TARGET:
            break
    ids = _PIECES
    keys = set()
    n = len(pieces)
    for p in at:
        if marks[p] < step:
            continue
        a = ids[pieces[p]]
        q = p - 1
        while q >= 0 and not ids[pieces[q]]:
            q -= 1
        if q >= 0 and ids[pieces[q]] == a:
            continue  # said again: its 3-gram starts where it was first said
        q = p + 1
        while q < n and ids[pieces[q]] in (0, a):
            q += 1
        if q >= n:
            continue
        b = ids[pieces[q]]
        q += 1
        while q < n and ids[pieces[q]] in (0, b):
            q += 1
        if q >= n:
            continue
        keys.add(_key(a, b, ids[pieces[q]]))
    return step - 1 + table.base, sorted(keys)


def at_level(keys: Iterable[int], level: int) -> frozenset[int]:
    """The keys whose first word is a marker at `level`."""
    mask = (1 << level) - 1
    return frozenset(k for k in keys if not k & mask)


def sample_bytes(keys: list[int]) -> bytes:
    """Keys as stored: 8 bytes each, little-endian."""
    packed = array("Q", keys)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def sample_keys(data: bytes) -> list[int]:
    keys = array("Q")
    keys.frombytes(data)
    if sys.byteorder == "big":
        keys.byteswap()
    return keys.tolist()
