"""Placing what a researcher marked in the file (comments, tags) on the turns it covers."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Annotation, Mark, Turn


def place_annotations(
    turns: Sequence[Turn], annotations: Sequence[Annotation]
) -> tuple[list[Mark], list[Annotation]]:
    """Place each annotation on the turns whose text it covers, one mark per turn.

    A span over several turns (a question and its answer) gives one mark per turn. A comment that
    covers no spoken text itself (a point, or only a speaker label) marks the whole turn it sits
    in. Spans are trimmed of surrounding white space.
    """
    marks: list[Mark] = []
    unplaced: list[Annotation] = []
    for note in annotations:
        (p1, o1), (p2, o2) = note.start, note.end
        placed = False
        touched: list[int] = []
        for i, turn in enumerate(turns):
            lo_hi: tuple[int, int] | None = None
            for pos, toff, poff, length in turn.sources:
                if not p1 <= pos <= p2:
                    continue
                touched.append(i)
                lo = max(o1 if pos == p1 else 0, poff)
                hi = min(o2 if pos == p2 else poff + length, poff + length)
                if hi <= lo:
                    continue
                span = (toff + lo - poff, toff + hi - poff)
                lo_hi = span if lo_hi is None else (min(lo_hi[0], span[0]), max(lo_hi[1], span[1]))
            if lo_hi is not None:
                start, end = _trim(turn.text, *lo_hi)
                if end > start:
                    marks.append(Mark(i, start, end, note))
                    placed = True
        if not placed and touched:
            i = touched[0]
            marks.append(Mark(i, *_trim(turns[i].text, 0, len(turns[i].text)), note))
            placed = True
        if not placed:
            unplaced.append(note)
    return marks, unplaced


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def replies_take_parent_ranges(notes: Sequence[Annotation], own_range: Sequence[bool]) -> None:
    """A reply (`reply_to` naming another note's `ref`) without a range of its own takes its
    thread's: parents are followed up to one with a range (or no parent), iteratively and once
    per note, since a file can chain thousands of replies."""
    by_ref: dict[str, int] = {}
    for i, note in enumerate(notes):
        if note.ref:
            by_ref.setdefault(note.ref, i)
    done = list(own_range)
    for i in range(len(notes)):
        chain, j = [], i
        while not done[j] and (parent := by_ref.get(notes[j].reply_to or "")) is not None:
            chain.append(j)
            done[j] = True  # also stops a cycle
            j = parent
        for k in chain:
            notes[k].start, notes[k].end = notes[j].start, notes[j].end
        done[i] = True
