"""Where their work stands here, for `lernet merge` (merge.py): their transcripts matched to this
project's by their text (word trigrams of the participants' speech), and each coding's or memo's
turn and span carried over."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ..store.store import Store

SAME_TRANSCRIPT = 0.8
"""How much of both transcripts' participant speech (as word trigrams) the other must hold:
as much as makes a file a version of a stored interview (coding/versions.py)."""

if TYPE_CHECKING:
    from .merge_read import OtherCoding, OtherMemo, OtherTranscript


ALIKE_TURN = 0.6
"""How alike (difflib's ratio) a turn must be to take a coding whose turn has no twin here."""


WORDS_ENOUGH = 25
"""Characters a text needs before a turn that holds it is taken for its place ("Ja." is in many)."""


_WORD_RE = re.compile(r"\w+")


def _trigrams(texts: list[str]) -> set[tuple[str, ...]]:
    """The word trigrams of each text (a turn; none across turns, so that the participants'
    turns alone and all turns give the same ones); a text of fewer words as it is."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        words = _WORD_RE.findall(text.casefold())
        if len(words) < 3:
            out |= {tuple(words)} if words else set()
        else:
            out |= {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    return out


@dataclass
class _Here:
    """One of this project's transcripts, as the merge sees it."""

    id: int
    path: str
    turns: dict[int, tuple[str, str]]
    spoken: set[tuple[str, ...]] = field(default_factory=set)
    everything: set[tuple[str, ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.spoken = _trigrams([t for r, t in self.turns.values() if r == "participant"])
        self.everything = _trigrams([t for _, t in self.turns.values()])


def _here(store: Store) -> list[_Here]:
    turns: dict[int, dict[int, tuple[str, str]]] = {}
    for tid, idx, role, text in store.conn.execute(
        "SELECT transcript_id, idx, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        turns.setdefault(int(tid), {})[int(idx)] = (str(role), str(text))
    return [_Here(t.id, t.path, turns.get(t.id, {})) for t in store.transcripts()]


def _share(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def transcript_score(theirs: OtherTranscript, h: _Here) -> float:
    """How much of both transcripts' participant speech stands in the other (0..1): the
    smaller of the share of ours in theirs and of theirs in ours."""
    spoken = _trigrams([t for r, t in theirs.turns.values() if r == "participant"])
    everything = _trigrams([t for _, t in theirs.turns.values()])
    if not everything or not h.spoken:
        return 0.0
    score = _share(h.spoken, everything)
    if spoken:
        score = min(score, _share(spoken, h.everything))
    return score


def match_transcripts(others: list[OtherTranscript], here: list[_Here]) -> list[_Here | None]:
    """This project's transcript with the same interview as each of `others`, or None: at
    least `SAME_TRANSCRIPT` of each one's participant speech stands in the other (a version of
    the whole interview: sentences many interviews share are far from that), and each of ours
    is the interview of one of theirs at most, the one most alike (on a tie the one with the
    same file name): a transcript of theirs this project lacks finds no home in another that
    happens to resemble it."""
    pairs: list[tuple[float, bool, int, int]] = []
    for n, theirs in enumerate(others):
        name = PurePosixPath(theirs.name.replace("\\", "/")).name
        for m, h in enumerate(here):
            score = transcript_score(theirs, h)
            if score >= SAME_TRANSCRIPT:
                pairs.append((score, PurePosixPath(h.path).name == name, -n, -m))
    found: list[_Here | None] = [None] * len(others)
    taken: set[int] = set()
    for _, _, n, m in sorted(pairs, reverse=True):
        if found[-n] is None and -m not in taken:
            found[-n] = here[-m]
            taken.add(-m)
    return found


def match_transcript(theirs: OtherTranscript, here: list[_Here]) -> _Here | None:
    """`match_transcripts` of one transcript."""
    return match_transcripts([theirs], here)[0]


def _squeezed(text: str) -> str:
    return " ".join(text.split())


class _Placer:
    """Where their codings of one transcript stand in ours: turn and span."""

    def __init__(self, theirs: OtherTranscript, ours: _Here):
        self.theirs = theirs
        self.ours = ours
        self._exact: dict[str, list[int]] = {}
        self._squeezed: dict[str, list[int]] = {}
        for idx, (_, text) in ours.turns.items():
            self._exact.setdefault(text, []).append(idx)
            self._squeezed.setdefault(_squeezed(text), []).append(idx)
        self._turn: dict[int, int | None] = {}

    def turn(self, seg: int) -> int | None:
        """Our turn for their segment `seg`: the same text (the nearest, if several), the same
        words, a turn holding their whole turn, else the most alike."""
        if seg in self._turn:
            return self._turn[seg]
        text = self.theirs.turns.get(seg, ("", ""))[1]
        found = None
        if text.strip():
            near = self._exact.get(text) or self._squeezed.get(_squeezed(text))
            if near:
                found = min(near, key=lambda i: (abs(i - seg), i))
            else:
                holding = []
                if len(text.strip()) >= WORDS_ENOUGH:
                    holding = [i for i, (_, t) in self.ours.turns.items() if text.strip() in t]
                found = (
                    min(holding, key=lambda i: (abs(i - seg), i))
                    if holding
                    else self._alike(text, seg)
                )
        self._turn[seg] = found
        return found

    def _alike(self, text: str, seg: int) -> int | None:
        scored = []
        for idx, (_, ours) in self.ours.turns.items():
            m = SequenceMatcher(None, text, ours, autojunk=False)
            if m.real_quick_ratio() >= ALIKE_TURN and m.quick_ratio() >= ALIKE_TURN:
                ratio = m.ratio()
                if ratio >= ALIKE_TURN:
                    scored.append((-ratio, abs(idx - seg), idx))
        return min(scored)[2] if scored else None

    def place(self, c: OtherCoding) -> tuple[int, int, int] | None:
        """(our segment, start, end) of a coding, or None when its words are not here."""
        return self.place_span(c.segment, c.start, c.end)

    def place_memo(self, m: OtherMemo) -> tuple[int | None, int, int] | None:
        """Where a memo stands here: on the whole transcript when it is there; else its words
        placed as a coding's, a memo that marks no words on the turn with the same text (at the
        same place when the text is the same); None when neither is here."""
        if m.segment is None:
            return None, 0, 0
        text = self.theirs.turns.get(m.segment, ("", ""))[1]
        if text[m.start : m.end].strip():
            return self.place_span(m.segment, m.start, m.end)
        seg = self.turn(m.segment)
        if seg is None:
            return None
        same = self.ours.turns[seg][1] == text
        return (seg, m.start, m.end) if same else (seg, 0, 0)

    def place_span(self, segment: int, start: int, end: int) -> tuple[int, int, int] | None:
        """(our segment, start, end) of their words segment[start:end], or None."""
        text = self.theirs.turns.get(segment, ("", ""))[1]
        quote = text[start:end]
        if not quote.strip():
            return None
        seg = self.turn(segment)
        if seg is not None:
            span = map_span(text, self.ours.turns[seg][1], start, end)
            if span is not None:
                return seg, *span
        # Their turn has no twin here (another cut into turns): the turn holding the words.
        holding = [i for i, (_, t) in self.ours.turns.items() if quote.strip() in t]
        if not holding or (len(holding) > 1 and len(quote.strip()) < WORDS_ENOUGH):
            return None
        seg = min(holding, key=lambda i: (abs(i - segment), i))
        ours = self.ours.turns[seg][1]
        at = ours.find(quote.strip())
        return seg, at, at + len(quote.strip())


def map_span(src: str, dst: str, start: int, end: int) -> tuple[int, int] | None:
    """Where src[start:end] stands in dst, a version of the same turn: the same place when the
    texts are the same, the one occurrence of the words, else through an alignment of the two
    texts (names hidden as [naam], spaces, a word changed)."""
    if src == dst:
        return start, end
    quote = src[start:end].strip()
    hits = [m.start() for m in re.finditer(re.escape(quote), dst)] if quote else []
    if len(hits) == 1:
        return hits[0], hits[0] + len(quote)
    ops = SequenceMatcher(None, src, dst, autojunk=False).get_opcodes()
    a, b = _mapped(ops, start, end, len(dst))
    if hits:
        at = min(hits, key=lambda h: (abs(h - a), h))
        return at, at + len(quote)
    while a < b and dst[a].isspace():
        a += 1
    while b > a and dst[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def _mapped(ops: list[Any], start: int, end: int, length: int) -> tuple[int, int]:
    a, b = length, length
    for tag, i1, i2, j1, _ in ops:
        if i1 <= start < i2:
            a = j1 + (start - i1) if tag == "equal" else j1
            break
    for tag, i1, i2, j1, j2 in ops:
        if i1 < end <= i2:
            b = j1 + (end - i1) if tag == "equal" else j2
            break
    return a, max(a, b)
