"""A transcript as the plain text of a REFI-QDA TextSource, and where each coding stands in it.

Each turn is a `Speaker: text` block; blocks are separated by one blank line. Anonymized text is
redacted piece by piece between the boundaries of every span that is exported (passages, evidence,
memo anchors), so each span's slice is exactly the redaction of its text; a boundary that falls
inside a name moves to the name's edge first, so that no part of a name escapes redaction.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.anonymize import Redactor, is_cased
from ..model import Turn
from ..readers.label_names import label_names
from ..store.imported import ASKED, SourceRecord, WholeSelection, coding_part, memo_key
from ..store.store import CodingRow
from .qdaxml import _BLANK_AFTER_RE
from .spans import passage


def _flatten(text: str) -> str:
    """Same length, but no empty line and no carriage return: blank lines separate turns."""
    text = text.replace("\r", " ")
    text = _BLANK_AFTER_RE.sub(" ", text)
    if text.startswith("\n"):
        text = " " + text[1:]
    return text


def _name_spans(redactor: Redactor, text: str, cased: bool) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in redactor.spans(text, cased)]


def render_turn(
    text: str, spans: list[tuple[int, int]], redactor: Redactor | None
) -> tuple[str, list[tuple[int, int]]]:
    """The turn's exported text and each span's offsets in it.

    The text is cut at every span boundary and each piece redacted on its own, so the slice of a
    span is exactly the redaction of its text. A boundary inside a name moves to the name's edge.
    """
    text = _flatten(text)
    n = len(text)
    clamped = [(max(0, min(s, n)), max(0, min(max(s, e), n))) for s, e in spans]
    if redactor is None:
        return text, clamped
    # Whether the turn is written with capitals decides for every piece of it.
    cased = is_cased(text)
    names = _name_spans(redactor, text, cased)
    snapped = []
    for s, e in clamped:
        for a, b in names:
            if a < s < b:
                s = a
            if a < e < b:
                e = b
        snapped.append((s, e))
    points = sorted({0, n, *(p for span in snapped for p in span)})
    out: list[str] = []
    where: dict[int, int] = {0: 0}
    length = 0
    for a, b in zip(points, points[1:], strict=False):
        piece = redactor.redact(text[a:b], cased)
        out.append(piece)
        length += len(piece)
        where[b] = length
    return "".join(out), [(where[s], where[e]) for s, e in snapped]


ROLE_WORDS = {"nl": ("Interviewer", "Deelnemer"), "en": ("Interviewer", "Participant")}
"""How an anonymized source labels the interviewer's turns and a participant's, in the
project's language."""


def _speaker(speaker: str) -> str:
    return " ".join(speaker.replace(":", " ").split()) or "?"


_REMARK_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<remark>[^()]*)\)$")


def _harmless(remark: str, redactor: Redactor, lang: str) -> bool:
    """A remark beside a name that may stay ("Gast", "ward nurse"): one that redaction leaves as
    it is and that holds no name or organisation."""
    return (
        bool(remark.strip(" .,-"))
        and redactor.redact(remark) == remark
        and not label_names(remark, lang)
    )


def _shown_speakers(
    turns: list[tuple[int, Turn]], redactor: Redactor | None, lang: str
) -> dict[tuple[str, str], str]:
    """Speaker label -> as the export writes it. Not anonymized: the label as the transcript
    has it ("?" where it has none). Anonymized: the speaker's role, the same in every source
    (`ROLE_WORDS`: "Interviewer", "Participant"), never the transcript's own label, which may
    be a name, and whose "Speaker 1" is the interviewer in one file and a participant in the
    next. Where a source has participants under more than one label (a group interview), they
    are numbered in the order they first speak ("Participant 1", "Participant 2"); the
    interviewer's turns are "Interviewer" whatever their labels ("I", "Marieke"). A remark in
    brackets that names nobody stays ("Participant 2 (Guest)", as Teams marks a guest). A turn
    without a label is the role lernet gave it."""
    if redactor is None:
        return {(t.speaker, t.role): _speaker(t.speaker) for _, t in turns}
    asking, speaking = ROLE_WORDS.get(lang, ROLE_WORDS["en"])
    words = {"interviewer": asking, "participant": speaking}
    order: dict[str, list[str]] = {}
    for _, turn in turns:
        labels = order.setdefault(turn.role, [])
        if _speaker(turn.speaker) not in labels:
            labels.append(_speaker(turn.speaker))
    out: dict[tuple[str, str], str] = {}
    for _, turn in turns:
        labels = order[turn.role]
        word = words.get(turn.role, words["participant"])
        n = labels.index(_speaker(turn.speaker)) + 1
        single = len(labels) == 1 or turn.role == "interviewer"
        shown = word if single else f"{word} {n}"
        # a remark beside the label that names nobody stays, as Teams marks a guest
        m = _REMARK_RE.match(_speaker(turn.speaker))
        if m and _harmless(m["remark"].strip(), redactor, lang):
            shown += f" ({m['remark'].strip()})"
        out[turn.speaker, turn.role] = shown
    return out


@dataclass
class Placed:
    """A coding in the source text: its passage (start, end) and its evidence within it."""

    row: CodingRow
    start: int
    end: int
    evidence_start: int
    evidence_end: int

    @property
    def widened(self) -> bool:
        return (self.evidence_start, self.evidence_end) != (self.start, self.end)


@dataclass
class SourceText:
    text: str
    selections: list[Placed]
    interviewer_turns: list[int]  # turn numbers (1-based)
    marks: list[tuple[int, int]]  # where each memo mark stands


def source_text(
    turns: list[tuple[int, Turn]],
    rows: list[CodingRow],
    redactor: Redactor | None,
    span: str,
    marks: Sequence[tuple[int, int, int]] = (),
    lang: str = "nl",
) -> SourceText:
    """A transcript's exported text, its codings' passages and evidence (offsets into that text),
    the numbers of the interviewer's turns, and where each of `marks` (segment, start, end:
    memos) stands."""
    by_segment: dict[int, list[CodingRow]] = {}
    for row in rows:
        by_segment.setdefault(row.segment, []).append(row)
    marks_at: dict[int, list[int]] = {}
    for n, (seg, _, _) in enumerate(marks):
        marks_at.setdefault(seg, []).append(n)
    placed: list[tuple[int, int]] = [(0, 0)] * len(marks)
    blocks: list[str] = []
    selections: list[Placed] = []
    asking: list[int] = []
    pos = 0
    speakers = _shown_speakers(turns, redactor, lang)
    for idx, turn in turns:
        if turn.role == "interviewer":
            asking.append(len(blocks) + 1)
        label = speakers[turn.speaker, turn.role] + ": "
        seg_rows = by_segment.get(idx, [])
        mine = marks_at.get(idx, [])
        wanted: list[tuple[int, int]] = []
        for r in seg_rows:
            wanted += [passage(r, span), (r.start, r.end)]
        wanted += [marks[n][1:] for n in mine]
        text, found = render_turn(turn.text, wanted, redactor)
        base = pos + len(label)
        for i, row in enumerate(seg_rows):
            (s, e), (es, ee) = found[2 * i], found[2 * i + 1]
            selections.append(Placed(row, base + s, base + e, base + es, base + ee))
        for n, (s, e) in zip(mine, found[2 * len(seg_rows) :], strict=True):
            placed[n] = (base + s, base + e)
        blocks.append(label + text)
        pos += len(label) + len(text) + 2
    return SourceText("\n\n".join(blocks), selections, asking, placed)


def as_imported(
    record: SourceRecord,
    turns: list[tuple[int, Turn]],
    rows: list[CodingRow],
    span: str,
    marks: Sequence[tuple[int, int, int]] = (),
) -> SourceText:
    """An imported source's text exactly as it came, with its codings' passages, evidence and
    memo marks placed in it through where each turn stands there (not anonymized: the text is
    another tool's, and goes back to it unchanged)."""

    def place(seg: int, start: int, end: int) -> tuple[int, int]:
        a = record.to_source(seg, start)
        return a, max(a, record.to_source(seg, end, end=True))

    selections = []
    for row in rows:
        start, end = place(row.segment, *passage(row, span))
        es, ee = place(row.segment, row.start, row.end)
        selections.append(Placed(row, start, end, es, ee))
    asking = [n for n, (_, turn) in enumerate(turns, 1) if turn.role == "interviewer"]
    placed = [place(seg, a, b) for seg, a, b in marks]
    return SourceText(record.text, selections, asking, placed)


def ranges(numbers: Iterable[int]) -> str:
    """1,2,3,5 -> "1-3,5": turn numbers, short enough to read in another tool."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def pseudonyms(ids: Iterable[str], redactor: Redactor | None) -> dict[str, str]:
    """Participant ids are pseudonyms already; one that holds a name gets the neutral one every
    anonymized output gives it."""
    return {pid: redactor.participant(pid) if redactor else pid for pid in ids}


def whole_parts(
    whole: list[WholeSelection],
    selections: list[Placed],
    memos: Sequence[tuple[str, tuple[Any, ...]]],
    codes: Container[str],
) -> dict[str, tuple[str, int, int, str]]:
    """The codings (by their GUID key: a coding's id, an asked memo's key) that are parts of
    another tool's selection whose every part is still as import made it -> (the selection's
    GUID, its start and end in the source's text, the GUID of the coding they are parts of).
    A part a person changed, or one gone, leaves its coding's parts where they are."""
    present: dict[str, str] = {}
    for sel in selections:
        row = sel.row
        present[coding_part(row.id, row.segment, row.start, row.end)] = str(row.id)
    for key, memo in memos:
        seg, start, end, author, text, _, reason = memo
        if reason == ASKED and text.removeprefix("code: ").strip() in codes:
            present[memo_key("", seg, start, end, author, text)] = key
    out: dict[str, tuple[str, int, int, str]] = {}
    for one in whole:
        for coding_guid, parts in one.codings.items():
            if parts and all(p in present for p in parts):
                for p in parts:
                    out[present[p]] = (one.guid, one.start, one.end, coding_guid)
    return out
