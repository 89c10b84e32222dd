"""Codes a person put in the file itself (Word/ODT comments, inline tags) as codings and memos.

A comment or tag names codes by id, short id or label (either language, any case), several
separated by commas, semicolons or new lines. Text after a code name and ":", " - " or "(" is a
note; a trailing "brengen"/"halen"/"bring"/"take"/"beide"/"both" gives the direction of an
interest-balance code. A comment that names no code is kept as a memo, never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codebook.codebook import Code, Codebook
from ..codebook.rules import find_direction
from ..language.text import make_doc
from ..model import Coding, Memo, Transcript

DEFAULT_CODER = "manual"
_SPLIT_RE = re.compile(r"[,;\n]+")
_NOTE_RE = re.compile(r"\s*(?::|\s[-–—]\s|\()\s*")
_DIRECTIONS = {
    "brengen": "bring",
    "bring": "bring",
    "brings": "bring",
    "halen": "take",
    "take": "take",
    "takes": "take",
    "beide": "both",
    "both": "both",
    "brengen en halen": "both",
    "halen en brengen": "both",
    "bring and take": "both",
    "give and take": "both",
}
_DIRECTION_RE = re.compile(
    r"\s*[(\[]?\s*(" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True)) + r")"
    r"\s*[)\]]?\s*$",
    re.I,
)


@dataclass
class NamedCode:
    code: Code
    direction: str | None = None
    note: str | None = None


@dataclass
class ManualResult:
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_code(codebook: Codebook, name: str) -> Code | None:
    """A theme or code named in a comment; a leading '#' is allowed."""
    return codebook.find(name.strip().lstrip("#"))


def read_codes(codebook: Codebook, text: str) -> tuple[list[NamedCode], list[str]]:
    """The codes a comment names, and the parts of it that name none."""
    found: list[NamedCode] = []
    unknown: list[str] = []
    for piece in _SPLIT_RE.split(text):
        piece = piece.strip().rstrip(".!")
        if not piece:
            continue
        named = _one(codebook, piece)
        if named is None:
            unknown.append(piece)
        elif all(n.code.id != named.code.id for n in found):
            found.append(named)
    return found, unknown


def _one(codebook: Codebook, piece: str) -> NamedCode | None:
    code = find_code(codebook, piece)
    if code is not None:
        return NamedCode(code)
    direction = None
    m = _DIRECTION_RE.search(piece)
    if m and m.start() > 0:
        direction = _DIRECTIONS[" ".join(m.group(1).lower().split())]
        code = find_code(codebook, piece[: m.start()])
        if code is not None:
            return NamedCode(code, direction)
    m = _NOTE_RE.search(piece)
    if m and m.start() > 0:
        head, note = piece[: m.start()], piece[m.end() :].rstrip(")").strip()
        named = _one(codebook, head)
        if named is not None:
            named.note = note or None
            d = _DIRECTION_RE.fullmatch(note) if note else None
            if d:
                named.direction = _DIRECTIONS[" ".join(d.group(1).lower().split())]
            return named
    return None


def manual_codings(
    codebook: Codebook, transcript: Transcript, coder: str = DEFAULT_CODER
) -> ManualResult:
    """Codings from the transcript's comments and tags, on participant turns (segments 1-based).

    The comment's author is the coder (tags have none: `coder` is used). A comment over a question
    and its answer codes the answer; one over the interviewer's words only, or over no speech,
    is kept as a memo with the reason.
    """
    out = ManualResult()
    by_note: dict[int, list[tuple[int, int, int]]] = {}
    notes = {}
    for mark in transcript.marks:
        by_note.setdefault(id(mark.annotation), []).append((mark.turn, mark.start, mark.end))
        notes[id(mark.annotation)] = mark.annotation
    for note in transcript.unplaced:
        notes[id(note)] = note
    for key, note in notes.items():
        who = note.author or coder
        what = "comment" if note.kind == "comment" else "tag"
        named, unknown = read_codes(codebook, note.note)
        spans = by_note.get(key, [])
        spoken = [(t, s, e) for t, s, e in spans if transcript.turns[t].role == "participant"]
        where = spoken[0] if spoken else (spans[0] if spans else None)
        reason = None
        if not named:
            reason = "names no code" if note.note.strip() else "is empty"
        elif unknown:
            reason = "names no code: " + ", ".join(repr(u) for u in unknown)
        elif not spoken:
            reason = "marks no participant speech" if spans else "marks no speech"
        if reason is not None:
            seg, start, end = (where[0] + 1, where[1], where[2]) if where else (None, 0, 0)
            out.memos.append(Memo(seg, start, end, who, note.note, what, reason))
            out.warnings.append(f"{what} by {who} {note.note!r}: {reason} (kept as a memo)")
        for turn, start, end in spoken:
            doc = None
            for n in named:
                direction = n.direction
                if direction is None and n.code.directional and n.code.directions:
                    doc = doc or make_doc(transcript.turns[turn].text)
                    direction = find_direction(doc, start, end, n.code.directions)
                out.codings.append(
                    Coding(
                        transcript_id=0,
                        segment=turn + 1,
                        code=n.code.id,
                        start=start,
                        end=end,
                        coder=who,
                        rule=what,
                        direction=direction,
                        status="accepted",
                        source=what,
                        note=n.note,
                    )
                )
    return out
