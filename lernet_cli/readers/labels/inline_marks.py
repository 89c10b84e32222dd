"""Times and a transcriber's notes inside a turn's speech, taken out of its text."""

from __future__ import annotations

import re

from ...model import Turn
from .timestamps import _BRACKETED, _F4_TIME, _RANGE

# "kennis [00:00:15] met", "goed. (00:00:21) Dat": a time in brackets inside the speech.
_INLINE_TIME_RE = re.compile(rf"[ \t]+(?:{_BRACKETED})(?=[\s,.;:!?…]|$)")
_NOTE_WORDS = (
    r"(?:onverstaanbaar|onhoorbaar|onduidelijk|inaudible|unintelligible|indistinct|unclear"
    r"|crosstalk|cross-talk|overlap\w*|door elkaar|lacht|lachen|gelach|laughs?|laughing|laughter"
    r"|zucht|zuchten|sighs?|stilte|silence|pauze|pause|hoest|coughs?|knikt|nods)"
)
# "[onverstaanbaar 00:12:31]", "(lacht)", "[crosstalk]", "[inaudible 00:03:10]": a transcriber's
# note; so is any note in square brackets that ends in a time ("[twee woorden 00:12:31]").
_NOTE = (
    rf"\[\s*{_NOTE_WORDS}\b[^\[\]\n]{{0,40}}\]|\(\s*{_NOTE_WORDS}\b[^()\n]{{0,40}}\)"
    rf"|\[\s*[^\W\d_][^\[\]\d\n]{{0,40}}?\s+{_RANGE}\s*\]"
)
_NOTE_RE = re.compile(rf"[ \t]+(?:{_NOTE})(?=[\s,.;:!?…]|$)|^(?:{_NOTE})[ \t]*", re.I | re.M)
# Notes of speech that was said but not made out: a quote shows where such a gap stood
# (`Turn.notes`); a laugh, a sigh or a silence leaves no words out and is not kept.
_UNCLEAR_NOTE_RE = re.compile(
    r"^[\s\[(]*(?:onverstaanbaar|onhoorbaar|onduidelijk|inaudible|unintelligible|indistinct"
    r"|unclear|crosstalk|cross-talk|overlap\w*|door elkaar)\b",
    re.I,
)
# f4transkript's time marks are no words of the speech, even alone (a line of only a mark goes
# with its line break).
_F4_TIME_RE = re.compile(rf"\n[ \t]*{_F4_TIME}[ \t]*(?=\n|$)|[ \t]*{_F4_TIME}")


def _drop_inline_times(turn: Turn) -> None:
    """Times in brackets inside a turn's speech (a typist's marks every few minutes, a service's
    timecodes within a paragraph) and a transcriber's notes ("[onverstaanbaar 00:12:31]",
    "(lacht)") are no words of it: a quote must not show them, nor a rule read them between the
    words said. A note that is the whole turn stays. The places of the turn's text in the file
    are kept for what stands around them. f4transkript's time marks ("#00:01:23-4#") go too."""
    if "[" not in turn.text and "(" not in turn.text and "#" not in turn.text:
        return  # every time and note it drops stands in brackets or between hashes
    spans = [m.span() for m in _INLINE_TIME_RE.finditer(turn.text)]
    spans += [m.span() for m in _F4_TIME_RE.finditer(turn.text)]
    notes = [m.span() for m in _NOTE_RE.finditer(turn.text)]
    left = list(turn.text)
    for start, end in notes:
        left[start:end] = [" "] * (end - start)
    if re.search(r"\w", "".join(left)):
        spans += notes
        unclear = [start for start, end in notes if _UNCLEAR_NOTE_RE.match(turn.text[start:end])]
    else:
        unclear = []
    cuts = _apart(spans)
    places: list[int] = []
    for start in unclear:
        # where it stood in what is left: its cut's start, less what was cut before that
        cut = next(c for c in cuts if c[0] <= start < c[1])
        place = cut[0] - sum(e - s for s, e in cuts if e <= cut[0])
        if place not in places:
            places.append(place)
    turn.notes = [(place, "unclear") for place in places]
    for start, end in sorted(cuts, reverse=True):
        turn.text = turn.text[:start] + turn.text[end:]
        kept: list[tuple[int, int, int, int]] = []
        for pos, off, at, length in turn.sources:
            if off + length <= start:
                kept.append((pos, off, at, length))
            elif off >= end:
                kept.append((pos, off - (end - start), at, length))
            else:
                if off < start:
                    kept.append((pos, off, at, start - off))
                if off + length > end:
                    kept.append((pos, start, at + end - off, off + length - end))
        turn.sources = kept


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans to cut, overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
