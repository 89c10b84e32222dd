"""Taguette's highlights placed on this project's transcripts (`lernet import taguette`).

Taguette exports highlights as rows of `id, document, tag, content` (taguette_files.py): one row
per tag of a highlight, `content` the highlighted words as plain text (its paragraphs joined by a
space), a document's highlights in the order they stand in it. It keeps no character positions,
so a highlight is placed by its words: in the stored transcript named as the document, ignoring
spaces and line breaks (Taguette's plain text has its own), typographic quotes and dashes; where
its words stand more than once, the first place at or after the document's previous highlight.
Its tags are codes as taguette_codes.py finds or makes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.codebook import Codebook
from ..errors import UsageError, printable
from ..language.plural import counted
from ..store.coders import MACHINES
from ..store.store import Store
from .taguette_codes import NewCode, TagCodes, codebook_adding
from .taguette_files import Highlight, read_highlights

DEFAULT_CODER = "taguette"
_SAME = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


@dataclass
class Unplaced:
    document: str
    highlight: str
    words: str
    reason: str


@dataclass
class TaguetteResult:
    added: int = 0
    already: int = 0
    highlights: int = 0
    placed: int = 0
    documents: list[tuple[str, str]] = field(default_factory=list)
    """(Taguette's document, this project's transcript) for each document found here."""
    missing: Counter[str] = field(default_factory=Counter)
    """Documents with no transcript of their name here -> their highlights."""
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    """Documents whose name is that of several transcripts -> their paths."""
    ambiguous_highlights: Counter[str] = field(default_factory=Counter)
    """... -> their highlights whose words are in none of those transcripts, or in several."""
    unplaced: list[Unplaced] = field(default_factory=list)
    new_codes: list[str] = field(default_factory=list)
    untagged: int = 0
    cut_at_interviewer: int = 0
    """Highlights that also held the interviewer's words: only the participants' are coded."""
    backup: Path | None = None
    codebook_backup: Path | None = None
    """The codebook as it was before the new codes, in the project's backups folder."""
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    """The codings to add: (transcript, segment, code, start, end, coder)."""


# --- placing the highlights ----------------------------------------------------------------------


def _norm(c: str) -> str:
    return unicodedata.normalize("NFKC", c).translate(_SAME)


class _Haystack:
    """One transcript's turns as one string without spaces, each character back to its turn and
    place (None: a speaker's label, which Taguette's text holds and the turn does not)."""

    def __init__(self, turns: list[tuple[int, str, str, str]], labels: bool):
        chars: list[str] = []
        where: list[tuple[int, int] | None] = []
        self.roles = {idx: role for idx, _, role, _ in turns}
        self.speakers = {speaker for _, speaker, _, _ in turns if speaker}
        for idx, speaker, _, text in turns:
            if labels and speaker:
                for c in f"{speaker}:":
                    for n in _norm(c):
                        if not n.isspace():
                            chars.append(n)
                            where.append(None)
            for i, c in enumerate(text):
                for n in _norm(c):
                    if not n.isspace():
                        chars.append(n)
                        where.append((idx, i))
        self.text = "".join(chars)
        self.where = where

    def start(self, at: int, length: int) -> tuple[int, int]:
        """(turn, place) where the words at `at` begin in a turn's text."""
        return next((p for p in self.where[at : at + length] if p is not None), (0, 0))

    def find(self, needle: str) -> list[int]:
        hits, at = [], self.text.find(needle)
        while at >= 0:
            hits.append(at)
            at = self.text.find(needle, at + 1)
        return hits

    def spans(self, at: int, length: int) -> dict[int, tuple[int, int]]:
        """Turn -> (start, end) of the words at `at`."""
        out: dict[int, tuple[int, int]] = {}
        for place in self.where[at : at + length]:
            if place is None:
                continue
            idx, i = place
            start, end = out.get(idx, (i, i + 1))
            out[idx] = (min(start, i), max(end, i + 1))
        return out


_TIME_RE = re.compile(r"[\[(]?\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\b[\])]?")


def _unlabelled(content: str, speakers: set[str]) -> str:
    """Taguette's text of a highlight without timestamps and speakers' labels."""
    text = _TIME_RE.sub(" ", content)
    for speaker in sorted(speakers, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(speaker)}\s*:", " ", text)
    return text


def _needle(content: str) -> str:
    return "".join(n for c in content for n in _norm(c) if not n.isspace())


def _short(words: str) -> str:
    words = " ".join(words.split())
    return repr(words if len(words) <= 40 else words[:37] + "...")


def _doc_key(name: str) -> str:
    stem = re.sub(r"\.(txt|docx?|odt|md|pdf|html?|rtf|vtt|srt)$", "", name.strip(), flags=re.I)
    return " ".join(re.split(r"[\s_\-]+", stem.casefold())).strip()


def import_taguette(
    store: Store,
    codebook: Codebook,
    files: list[Path],
    coder: str = DEFAULT_CODER,
) -> tuple[TaguetteResult, list[NewCode]]:
    """Place every file's highlights (read and checked before anything is written) and write
    their codings, as one change after a backup of the store. Returns the new codes the
    codebook needs (the caller writes them, inside the store's transaction: see
    `write_taguette`)."""
    coder = " ".join(coder.split())
    if not coder or coder.casefold() in MACHINES:
        raise UsageError(f"--coder {coder!r} is not a person's name")
    # Every file read (and checked) before anything is placed; each file is in its documents'
    # order, so the order restarts with each (one file per tag).
    highlights = [(n, h) for n, f in enumerate(files) for h in read_highlights(f)]
    result = TaguetteResult(highlights=len(highlights))
    codes = TagCodes(codebook)
    by_name: dict[str, list[Any]] = {}
    for t in store.transcripts():
        keys = {_doc_key(Path(t.path).name), _doc_key(t.path), _doc_key(t.participant or "")}
        if t.label:
            keys.add(_doc_key(t.label))
        for name in keys - {""}:
            by_name.setdefault(name, []).append(t)
    turns: dict[int, list[tuple[int, str, str, str]]] = {}
    for tid, idx, speaker, role, text in store.conn.execute(
        "SELECT transcript_id, idx, speaker, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        turns.setdefault(int(tid), []).append((int(idx), str(speaker), str(role), str(text)))
    existing = {
        (int(r[0]), int(r[1]), str(r[2]), int(r[3]), int(r[4]), str(r[5]).casefold())
        for r in store.conn.execute(
            "SELECT transcript_id, segment, code, start, end, coder FROM codings "
            "WHERE detached IS NULL"
        )
    }
    rows: list[tuple[Any, ...]] = []
    hay: dict[int, tuple[_Haystack, _Haystack]] = {}
    last: dict[int, tuple[int, int]] = {}
    file_now = 0

    def stacks(tid: int) -> tuple[_Haystack, _Haystack]:
        if tid not in hay:
            segs = turns.get(tid, [])
            hay[tid] = (_Haystack(segs, True), _Haystack(segs, False))
        return hay[tid]

    for n, h in highlights:
        if n != file_now:
            file_now, last = n, {}
        found = by_name.get(_doc_key(h.document), [])
        needle = _needle(h.content)
        if len(found) > 1:
            # Two transcripts of one name (p01.txt in two folders): the one holding the words.
            holding = [t for t in found if any(s.find(needle) for s in stacks(t.id))]
            if len(holding) != 1:
                result.ambiguous.setdefault(h.document, sorted(t.path for t in found))
                result.ambiguous_highlights[h.document] += 1
                continue
            found = holding
        if not found:
            result.missing[h.document] += 1
            continue
        t = found[0]
        if (h.document, t.path) not in result.documents:
            result.documents.append((h.document, t.path))

        def miss(reason: str, h: Highlight = h) -> None:
            result.unplaced.append(Unplaced(h.document, h.id, h.content, reason))

        if not h.tags:
            result.untagged += 1
            miss("no tag")
            continue
        if not needle:
            miss("no words")
            continue
        labelled, bare = stacks(t.id)
        hits = labelled.find(needle)
        stack = labelled
        if not hits:
            # Labels as the file writes them ("[00:01:05] Anna:"), which the turns do not keep.
            needle = _needle(_unlabelled(h.content, bare.speakers))
            hits, stack = (bare.find(needle) if needle else []), bare
        if not hits:
            miss("its words are not in the transcript")
            continue
        after = [a for a in hits if stack.start(a, len(needle)) >= last.get(t.id, (0, 0))]
        if len(hits) > 1 and not after:
            miss(f"its words stand {len(hits)} times in the transcript")
            continue
        at = (after or hits)[0]
        last[t.id] = stack.start(at, len(needle))
        spans = stack.spans(at, len(needle))
        said = {i: s for i, s in spans.items() if stack.roles.get(i) == "participant"}
        if not said:
            miss("only the interviewer's words")
            continue
        if len(said) < len(spans):
            result.cut_at_interviewer += 1
        result.placed += 1
        for tag in h.tags:
            code = codes.code(tag)
            for seg, (start, end) in said.items():
                key = (t.id, seg, code, start, end, coder.casefold())
                if key in existing:
                    result.already += 1
                    continue
                existing.add(key)
                rows.append((t.id, seg, code, start, end, coder))
    used = {r[2] for r in rows}
    new = [n for n in codes.new if any(u == n.id or u.startswith(n.id + ".") for u in used)]
    result.new_codes = [n.id for n in new]
    result.added = len(rows)
    result.rows = rows
    return result, new


def write_taguette(
    store: Store, codebook_path: Path, result: TaguetteResult, new: list[NewCode], root: Path
) -> None:
    """The codings, with the codebook's new codes, as one change after a backup of the store:
    a codebook that cannot be written leaves the store as it was. The codebook as it was is
    kept in the backups folder of the project at `root` (`project.ownfiles`)."""
    from ..errors import CodebookError
    from ..project.ownfiles import rewrite_own_file
    from ..store.backup import backup_store, default_backup_path
    from .merge import _now

    rows = result.rows
    if not rows:
        return
    data = raw = None
    if new:
        data, _, raw = codebook_adding(codebook_path, new)
    result.backup = backup_store(store, default_backup_path(store.path))
    now = _now()
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, status, "
            "source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'import', 'accepted', 'merge', ?)",
            [(*r, now) for r in rows],
        )
        if data is not None:
            result.codebook_backup = rewrite_own_file(root, codebook_path, raw, data, CodebookError)


def unplaced_lines(result: TaguetteResult, empty: bool = False) -> list[str]:
    """One line per document: its highlights not placed, and why. `empty`: the project holds
    no transcripts yet."""
    lines = [
        f"{printable(doc)!r}: no transcript of this name in the project "
        f"({counted(n, 'highlight')} not "
        "placed; name the document in Taguette as the transcript's file"
        + (", and code the transcripts first: lernet code FILES)" if empty else ")")
        for doc, n in result.missing.items()
    ]
    lines += [
        f"{printable(doc)!r}: the name of {len(paths)} transcripts "
        f"({', '.join(printable(p) for p in paths)}): "
        f"{counted(result.ambiguous_highlights[doc], 'highlight')} not placed, their words in "
        "none of "
        "them or in more than one (name the document in Taguette as the file's folder and name)"
        for doc, paths in result.ambiguous.items()
    ]
    per: dict[str, list[Unplaced]] = {}
    for u in result.unplaced:
        per.setdefault(u.document, []).append(u)
    for doc, misses in per.items():
        shown = "; ".join(f"#{u.highlight} {_short(u.words)} ({u.reason})" for u in misses)
        lines.append(f"{printable(doc)!r}: {counted(len(misses), 'highlight')} not placed: {shown}")
    return lines
