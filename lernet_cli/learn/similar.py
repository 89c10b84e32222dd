"""Coding the likeliest candidates automatically, for review (`lernet review --candidates --auto`).

Per participant and code, the participant's best candidate turn (learn/candidates.py's ranking)
is coded when its score is `min_score` or more: the policy eval/autocands.py chose on the dev
interviews and confirmed once on held-out ones (eval/autocands.md, eval/autocands-heldout.md).
Only participants who have no coding of the code yet count (another turn of a participant who has
it changes no participant-level figure), so there is at most one such coding per participant and
code. The codings are a machine's proposals: coder and source `similar`, pending, with a note
holding the score and the words that made the turn similar, reviewed like the rules' codings.

What candidates exclude stays excluded: interviewer turns, turns that have the code, and turns a
person rejected for it (a rejected candidate, or a rejected `similar` or rule coding), so a second
run adds nothing twice and never brings a rejection back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..store.store import Store
    from .candidates import Candidate, Study

DEFAULT_MIN_SCORE = 0.55
"""Chosen on dev (best F1 with precision >= 0.75) and confirmed on held-out interviews."""
MAX_SCORE = 1.3
"""A score is a similarity (0 to 1) plus 0.3 times how near the code's rules came (0 to 1)."""
DIGITS = 4
"""Scores are compared as shown, to this many decimals (as eval/autocands.py compares them)."""


def check_min_score(value: float) -> float:
    if not 0 < value <= MAX_SCORE:
        raise UsageError(
            f"--min-score takes a number above 0 and at most {MAX_SCORE} (a candidate's score); "
            f"not {value:g}"
        )
    return value


def select(
    study: Study, codes: Iterable[str] | None = None, min_score: float = DEFAULT_MIN_SCORE
) -> list[Candidate]:
    """Per leaf code (of `codes`, or all) and participant without it, the best candidate turn
    if its score is `min_score` or more; in codebook order, then most similar first."""
    check_min_score(min_score)
    out: list[Candidate] = []
    for code in study.leaf_codes(codes):
        best: dict[str, Candidate] = {}
        for cand in study.rank(code):
            if not cand.new_participant:
                continue
            held = best.get(cand.participant)
            if held is None or cand.score > held.score:
                best[cand.participant] = cand
        out += [c for c in best.values() if round(c.score, DIGITS) >= min_score]
    return out


def note_of(cand: Candidate, min_score: float) -> str:
    """What the reviewer sees with the coding: the score, the threshold and the similar words."""
    words = ", ".join(w["word"] + (" (negated)" if w["negated"] else "") for w in cand.why())
    return f"similar: score {cand.score:.2f} (>= {min_score:g}); words: {words or '-'}"


@dataclass
class Added:
    coding_id: int
    candidate: Candidate
    direction: str | None
    note: str


def add(
    store: Store,
    study: Study,
    codes: Iterable[str] | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[Added]:
    """Store the selected candidates as pending `similar` codings on their most similar
    sentence (one transaction); a directional code gets the direction its words say, as an
    accepted candidate does."""
    from ..codebook.rules import find_direction
    from ..language.text import make_doc

    picked = select(study, codes, min_score)
    rows = []
    for cand in picked:
        code = study.codebook.codes[cand.code]
        direction = None
        if code.directional and code.directions:
            direction = find_direction(make_doc(cand.text), cand.start, cand.end, code.directions)
        rows.append((cand, direction, note_of(cand, min_score)))
    ids = store.add_similar(
        [
            (c.transcript_id, c.segment, c.code, c.start, c.end, direction, note)
            for c, direction, note in rows
        ],
        min_score,
    )
    return [Added(i, c, d, n) for i, (c, d, n) in zip(ids, rows, strict=True)]
