"""Write a lernet project as a REFI-QDA project archive (.qdpx); see qdaxml for the mapping."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..analysis.anonymize import Redactor, _fold_keep_length
from ..analysis.people import make_redactor
from ..codebook.codebook import Codebook
from ..model import Turn
from ..output.files import check_new, write_private
from ..project.participants import Participants
from ..project.project import (
    Project,
)
from ..store.store import CodingRow, Store
from .qdaxml import (
    _BLANK_AFTER_RE,
    ORIGIN,
    PROJECT_NS,
    ZIP_DATE,
    ExportSummary,
    _el,
    _memo_keys,
    _to_bytes,
    _unique,
    _xml_text,
)
from .qdc import _add_codes


def _flatten(text: str) -> str:
    """Same length, but no empty line and no carriage return: blank lines separate turns."""
    text = text.replace("\r", " ")
    text = _BLANK_AFTER_RE.sub(" ", text)
    if text.startswith("\n"):
        text = " " + text[1:]
    return text


def _name_spans(redactor: Redactor, text: str) -> list[tuple[int, int]]:
    if redactor.pattern is None:
        return []
    return [m.span() for m in redactor.pattern.finditer(_fold_keep_length(text))]


def _render_turn(
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
    names = _name_spans(redactor, text)
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
        piece = redactor.redact(text[a:b])
        out.append(piece)
        length += len(piece)
        where[b] = length
    return "".join(out), [(where[s], where[e]) for s, e in snapped]


def _speaker(speaker: str, redactor: Redactor | None) -> str:
    name = " ".join(speaker.replace(":", " ").split()) or "?"
    return redactor.redact(name) if redactor else name


@dataclass
class _Selection:
    row: CodingRow
    start: int
    end: int


def _source_text(
    turns: list[tuple[int, Turn]],
    rows: list[CodingRow],
    redactor: Redactor | None,
    marks: Sequence[tuple[int, int, int]] = (),
) -> tuple[str, list[_Selection], list[int], dict[int, tuple[int, int]], list[tuple[int, int]]]:
    """A transcript's exported text, its codings' selections (offsets into that text), the
    numbers of the interviewer's turns, where each turn's text stands, and where each of `marks`
    (segment, start, end: memos) stands."""
    by_segment: dict[int, list[CodingRow]] = {}
    for row in rows:
        by_segment.setdefault(row.segment, []).append(row)
    marks_at: dict[int, list[int]] = {}
    for n, (seg, _, _) in enumerate(marks):
        marks_at.setdefault(seg, []).append(n)
    placed: list[tuple[int, int]] = [(0, 0)] * len(marks)
    blocks: list[str] = []
    selections: list[_Selection] = []
    asking: list[int] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    for idx, turn in turns:
        if turn.role == "interviewer":
            asking.append(len(blocks) + 1)
        label = _speaker(turn.speaker, redactor) + ": "
        seg_rows = by_segment.get(idx, [])
        mine = marks_at.get(idx, [])
        wanted = [(r.start, r.end) for r in seg_rows] + [marks[n][1:] for n in mine]
        text, found = _render_turn(turn.text, wanted, redactor)
        base = pos + len(label)
        for row, (s, e) in zip(seg_rows, found, strict=False):
            selections.append(_Selection(row, base + s, base + e))
        for n, (s, e) in zip(mine, found[len(seg_rows) :], strict=True):
            placed[n] = (base + s, base + e)
        spans[idx] = (base, base + len(text))
        blocks.append(label + text)
        pos += len(label) + len(text) + 2
    return "\n\n".join(blocks), selections, asking, spans, placed


def _ranges(numbers: list[int]) -> str:
    """1,2,3,5 -> "1-3,5": the interviewer's turns, short enough to read in another tool."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _pseudonyms(ids: Iterable[str], redactor: Redactor | None) -> dict[str, str]:
    """Participant ids are pseudonyms already; one that is a redacted name gets a neutral one."""
    ids = list(ids)
    taken = set(ids)
    out: dict[str, str] = {}
    for n, pid in enumerate(ids, 1):
        keep = redactor is None or redactor.redact(pid) == pid
        out[pid] = pid if keep else _unique(f"P{n}", taken)
    return out


def export_qdpx(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    out: Path,
    anonymize: bool = True,
    overwrite: bool = False,
) -> ExportSummary:
    """Write the project as a REFI-QDA .qdpx: coders, codebook, sources, codings and cases."""
    check_new(out, overwrite)
    redactor = make_redactor(participants, store, project) if anonymize else None
    summary = ExportSummary(out=out, anonymized=anonymize)
    language = project.language
    transcripts = store.transcripts()
    all_rows = store.coding_rows()
    known = set(codebook.codes)
    unknown = sorted({r.code for r in all_rows if r.code not in known})
    if unknown:
        skipped = sum(1 for r in all_rows if r.code not in known)
        summary.warnings.append(
            f"skipped {skipped} coding(s) on codes not in the codebook: {', '.join(unknown)}"
        )
    rows = [r for r in all_rows if r.code in known]
    code_guids = store.ensure_guids("code", [c.id for c in codebook.walk()])
    memos = {t.id: store.memos_of(t.id) for t in transcripts}
    memo_keys = _memo_keys(transcripts, memos)
    note_guids = store.ensure_guids("note", [k for keys in memo_keys.values() for k in keys])
    memo_selection_guids = store.ensure_guids(
        "selection",
        [
            key
            for t in transcripts
            for key, memo in zip(memo_keys[t.id], memos[t.id], strict=True)
            if memo[0] is not None
        ],
    )
    coders = sorted({r.coder for r in rows} | {m[3] for ms in memos.values() for m in ms})
    user_guids = store.ensure_guids("user", coders)
    source_guids = store.ensure_guids("source", [t.path for t in transcripts])
    coding_keys = [str(r.id) for r in rows]
    selection_guids = store.ensure_guids("selection", coding_keys)
    coding_guids = store.ensure_guids("coding", coding_keys)

    # Cases: one per participant, in first-seen order. A group interview's speakers who are
    # listed participants get their own case, linked to the selections of their turns; the
    # transcript's participant keeps the source when some turns are still theirs.
    spoken = store.turn_speakers()
    unmapped = store.unmapped_turns()
    cases: dict[str, dict[str, Any]] = {}

    def case_of(pid: str, group: str | None, label: str | None) -> dict[str, Any]:
        entry = participants.people.get(pid)
        return cases.setdefault(
            pid,
            {
                "group": group or (entry.group if entry else None),
                "label": label or (entry.label if entry else None),
                "sources": [],
                "turns": [],
            },
        )

    for t in transcripts:
        if t.id not in spoken or unmapped.get(t.id):
            case_of(t.participant, t.group_name, t.label)["sources"].append(source_guids[t.path])
        for pid in dict.fromkeys(spoken.get(t.id, {}).values()):
            case_of(pid, None, None)
    turn_keys = {
        (t.id, idx): f"turn:{t.path}#{idx}" for t in transcripts for idx in spoken.get(t.id, {})
    }
    turn_guids = store.ensure_guids("selection", list(turn_keys.values()))
    case_guids = store.ensure_guids("case", list(cases))
    case_names = _pseudonyms(cases, redactor)
    variables = [v for v in ("group", "label") if any(c[v] for c in cases.values())]
    variable_guids = store.ensure_guids("variable", variables)

    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    name = project.root.name or "lernet"
    root.set("name", _xml_text(redactor.redact(name) if redactor else name))
    root.set("origin", ORIGIN)
    if coders:
        users = _el(root, "Users")
        for coder in coders:
            _el(users, "User", guid=user_guids[coder], name=coder)
    codes_el = _el(_el(root, "CodeBook"), "Codes")
    _add_codes(codes_el, codebook.themes, code_guids, PROJECT_NS, language, redactor)
    if variables:
        vars_el = _el(root, "Variables")
        for var in variables:
            _el(vars_el, "Variable", guid=variable_guids[var], name=var, typeOfVariable="Text")
    case_els: dict[str, etree._Element] = {}
    if cases:
        cases_el = _el(root, "Cases")
        for pid, case in cases.items():
            case_el = _el(cases_el, "Case", guid=case_guids[pid], name=case_names[pid])
            case_els[pid] = case_el
            for var in variables:
                if case[var]:
                    value = _el(case_el, "VariableValue")
                    _el(value, "VariableRef", targetGUID=variable_guids[var])
                    text = redactor.redact(case[var]) if redactor else case[var]
                    _el(value, "TextValue").text = _xml_text(text)
            for source_guid in case["sources"]:
                _el(case_el, "SourceRef", targetGUID=source_guid)

    rows_by_transcript: dict[int, list[CodingRow]] = {}
    for row in rows:
        rows_by_transcript.setdefault(row.transcript_id, []).append(row)
    files: list[tuple[str, bytes]] = []
    if transcripts:
        sources_el = _el(root, "Sources")
        for t in transcripts:
            guid = source_guids[t.path]
            placed_memos = list(zip(memo_keys[t.id], memos[t.id], strict=True))
            anchored = [(k, m[0], m) for k, m in placed_memos if m[0] is not None]
            text, selections, interviewer, turn_spans, memo_spans = _source_text(
                store.segments(t.id),
                rows_by_transcript.get(t.id, []),
                redactor,
                [(seg, m[1], m[2]) for _, seg, m in anchored],
            )
            files.append((f"Sources/{guid}.txt", text.encode("utf-8")))
            source_name = redactor.redact(t.path) if redactor else t.path
            src = _el(
                sources_el,
                "TextSource",
                guid=guid,
                name=source_name,
                plainTextPath=f"internal://{guid}.txt",
            )
            if interviewer:
                _el(src, "Description").text = "lernet: interviewer turns=" + _ranges(interviewer)
            for sel in selections:
                row = sel.row
                key = str(row.id)
                coder_guid = user_guids[row.coder]
                snippet = " ".join(text[sel.start : sel.end].split())
                sel_el = _el(
                    src,
                    "PlainTextSelection",
                    guid=selection_guids[key],
                    name=snippet[:100],
                    startPosition=sel.start,
                    endPosition=sel.end,
                    creatingUser=coder_guid,
                )
                meta = f"lernet: status={row.status}"
                if row.direction:
                    meta += f", direction={row.direction}"
                _el(sel_el, "Description").text = meta
                coding_el = _el(sel_el, "Coding", guid=coding_guids[key], creatingUser=coder_guid)
                _el(coding_el, "CodeRef", targetGUID=code_guids[row.code])
            summary.codings += len(selections)
            for idx, pid in spoken.get(t.id, {}).items():
                start, end = turn_spans[idx]
                guid = turn_guids[turn_keys[(t.id, idx)]]
                _el(
                    src,
                    "PlainTextSelection",
                    guid=guid,
                    name=case_names[pid],
                    startPosition=start,
                    endPosition=end,
                )
                cases[pid]["turns"].append(guid)
            for (key, _, memo), (start, end) in zip(anchored, memo_spans, strict=True):
                sel_el = _el(
                    src,
                    "PlainTextSelection",
                    guid=memo_selection_guids[key],
                    name=" ".join(text[start:end].split())[:100],
                    startPosition=start,
                    endPosition=end,
                    creatingUser=user_guids[memo[3]],
                )
                _el(sel_el, "NoteRef", targetGUID=note_guids[key])
            for key, memo in placed_memos:
                if memo[0] is None:
                    _el(src, "NoteRef", targetGUID=note_guids[key])
    for pid, case_el in case_els.items():
        for guid in cases[pid]["turns"]:
            _el(case_el, "SelectionRef", targetGUID=guid)
    if note_guids:
        notes_el = _el(root, "Notes")
        for t in transcripts:
            for key, (_, _, _, author, body, origin) in zip(
                memo_keys[t.id], memos[t.id], strict=True
            ):
                shown = redactor.redact(body) if redactor else body
                note = _el(
                    notes_el,
                    "Note",
                    guid=note_guids[key],
                    name=_xml_text(" ".join(shown.split())[:60] or "memo"),
                    creatingUser=user_guids[author],
                )
                _el(note, "Description").text = f"lernet: memo from a {origin}"
                _el(note, "PlainTextContent").text = _xml_text(shown)
                summary.notes += 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in [("project.qde", _to_bytes(root)), *files]:
            info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    write_private(out, buffer.getvalue())
    summary.sources = len(transcripts)
    summary.codes = len(code_guids)
    summary.users = len(coders)
    summary.cases = len(cases)
    return summary
