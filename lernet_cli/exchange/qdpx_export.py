"""Write a lernet project as a REFI-QDA project archive (.qdpx); see qdaxml for the mapping."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..analysis.anonymize import Redactor
from ..analysis.people import make_redactor
from ..codebook.codebook import Codebook
from ..errors import printable
from ..output.files import check_new, write_private
from ..project.participants import Participants
from ..project.project import Project
from ..store.store import CodingRow, Store, StoredTranscript
from .qdaxml import (
    ORIGIN,
    PROJECT_NS,
    SOURCES_DIR,
    ZIP_DATE,
    ExportSummary,
    _el,
    _memo_keys,
    _to_bytes,
    _xml_text,
)
from .qdc import _add_codes
from .qdpx_text import Placed, pseudonyms, ranges, source_text
from .spans import (
    DEFAULT_POSITIONS,
    DEFAULT_SPAN,
    POSITION_NAMES,
    Counter,
    check_positions,
    check_span,
    xml_time,
)


@dataclass
class _Case:
    group: str | None
    label: str | None
    sources: list[str] = field(default_factory=list)  # source GUIDs
    selections: list[str] = field(default_factory=list)  # coded selections in their turns


@dataclass
class _Guids:
    code: dict[str, str]
    user: dict[str, str]
    source: dict[str, str]
    selection: dict[str, str]
    coding: dict[str, str]
    note: dict[str, str]
    case: dict[str, str] = field(default_factory=dict)


def _cases(
    transcripts: list[StoredTranscript],
    spoken: dict[int, dict[int, str]],
    unmapped: dict[int, int],
    participants: Participants,
    guids: _Guids,
) -> dict[str, _Case]:
    """One case per participant, in first-seen order. A transcript's participant has the source
    when some of its turns are theirs; a group interview's speakers who are listed participants
    have cases of their own (linked to their coded selections later)."""
    cases: dict[str, _Case] = {}

    def case_of(pid: str, group: str | None, label: str | None) -> _Case:
        entry = participants.people.get(pid)
        if pid not in cases:
            cases[pid] = _Case(
                group or (entry.group if entry else None), label or (entry.label if entry else None)
            )
        return cases[pid]

    for t in transcripts:
        if t.id not in spoken or unmapped.get(t.id):
            case_of(t.participant, t.group_name, t.label).sources.append(guids.source[t.path])
        for pid in dict.fromkeys(spoken.get(t.id, {}).values()):
            case_of(pid, None, None)
    return cases


def _description(sel: Placed, text: str, counter: Counter) -> str:
    """What another tool shows as the coding's memo, and lernet reads back."""
    row = sel.row
    meta = f"lernet: status={row.status}"
    if row.direction:
        meta += f", direction={row.direction}"
    if not sel.widened:
        return meta
    evidence = " ".join(text[sel.evidence_start : sel.evidence_end].split())
    meta += f", evidence={counter.out(sel.evidence_start)}-{counter.out(sel.evidence_end)}"
    return f"Evidence: {evidence}\n{meta}"


def _add_source(
    sources_el: etree._Element,
    t: StoredTranscript,
    store: Store,
    rows: list[CodingRow],
    memos: list[tuple[str, tuple[Any, ...]]],
    speakers: dict[int, str],
    cases: dict[str, _Case],
    guids: _Guids,
    redactor: Redactor | None,
    span: str,
    positions: str,
    lang: str,
) -> tuple[bytes, int, int]:
    """One transcript as a TextSource with its coded passages and memo anchors; returns its plain
    text (UTF-8), the number of codings and how many were widened beyond their evidence."""
    guid = guids.source[t.path]
    anchored = [(key, memo) for key, memo in memos if memo[0] is not None]
    laid = source_text(
        store.segments(t.id),
        rows,
        redactor,
        span,
        [(m[0], m[1], m[2]) for _, m in anchored],
        lang,
    )
    text = laid.text
    counter = Counter(text, positions)
    src = _el(
        sources_el,
        "TextSource",
        guid=guid,
        name=redactor.file(t.path) if redactor else t.path,
        plainTextPath=f"internal://{guid}.txt",
    )
    notes = []
    if laid.interviewer_turns:
        notes.append("lernet: interviewer turns=" + ranges(laid.interviewer_turns))
    by_case: dict[str, list[int]] = {}
    for idx, pid in speakers.items():
        by_case.setdefault(guids.case[pid], []).append(idx)
    if by_case:
        notes.append(
            "lernet: speaker turns " + "; ".join(f"{g}={ranges(n)}" for g, n in by_case.items())
        )
    if notes:
        _el(src, "Description").text = "\n".join(notes)
    widened = 0
    for sel in laid.selections:
        row = sel.row
        key = str(row.id)
        coder = guids.user[row.coder]
        made = xml_time(row.created_at)
        sel_el = _el(
            src,
            "PlainTextSelection",
            guid=guids.selection[key],
            name=" ".join(text[sel.start : sel.end].split())[:100],
            startPosition=counter.out(sel.start),
            endPosition=counter.out(sel.end),
            creatingUser=coder,
            creationDateTime=made,
        )
        _el(sel_el, "Description").text = _xml_text(_description(sel, text, counter))
        coding_el = _el(
            sel_el, "Coding", guid=guids.coding[key], creatingUser=coder, creationDateTime=made
        )
        _el(coding_el, "CodeRef", targetGUID=guids.code[row.code])
        widened += sel.widened
        if row.segment in speakers:
            cases[speakers[row.segment]].selections.append(guids.selection[key])
    for (key, memo), (start, end) in zip(anchored, laid.marks, strict=True):
        sel_el = _el(
            src,
            "PlainTextSelection",
            guid=guids.selection[key],
            name=" ".join(text[start:end].split())[:100],
            startPosition=counter.out(start),
            endPosition=counter.out(end),
            creatingUser=guids.user[memo[3]],
        )
        _el(sel_el, "NoteRef", targetGUID=guids.note[key])
    for key, memo in memos:
        if memo[0] is None:
            _el(src, "NoteRef", targetGUID=guids.note[key])
    return text.encode("utf-8"), len(laid.selections), widened


def export_qdpx(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    out: Path,
    anonymize: bool = True,
    overwrite: bool = False,
    span: str = DEFAULT_SPAN,
    positions: str = DEFAULT_POSITIONS,
) -> ExportSummary:
    """Write the project as a REFI-QDA .qdpx: coders, codebook, sources, codings and cases.

    `span` is what a rule's coding covers (evidence, sentence or turn; a person's coding keeps
    what they marked); `positions` how character positions are counted (utf16 or codepoints)."""
    check_span(span)
    check_positions(positions)
    check_new(out, overwrite)
    redactor = make_redactor(participants, store, project) if anonymize else None
    summary = ExportSummary(out=out, anonymized=anonymize, span=span, positions=positions)
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
    memos = {t.id: store.memos_of(t.id) for t in transcripts}
    memo_keys = _memo_keys(transcripts, memos)
    placed_memos = {t.id: list(zip(memo_keys[t.id], memos[t.id], strict=True)) for t in transcripts}
    coders = sorted({r.coder for r in rows} | {m[3] for ms in memos.values() for m in ms})
    coding_keys = [str(r.id) for r in rows]
    anchored_keys = [k for t in transcripts for k, m in placed_memos[t.id] if m[0] is not None]
    guids = _Guids(
        code=store.ensure_guids("code", [c.id for c in codebook.walk()]),
        user=store.ensure_guids("user", coders),
        source=store.ensure_guids("source", [t.path for t in transcripts]),
        selection=store.ensure_guids("selection", coding_keys + anchored_keys),
        coding=store.ensure_guids("coding", coding_keys),
        note=store.ensure_guids("note", [k for keys in memo_keys.values() for k in keys]),
    )
    spoken = store.turn_speakers()
    cases = _cases(transcripts, spoken, store.unmapped_turns(), participants, guids)
    guids.case = store.ensure_guids("case", list(cases))
    case_names = pseudonyms(cases, redactor)
    variables = [v for v in ("group", "label") if any(getattr(c, v) for c in cases.values())]
    variable_guids = store.ensure_guids("variable", variables)

    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    name = printable(project.root.name) or "lernet"
    root.set("name", _xml_text(redactor.redact(name) if redactor else name))
    root.set("origin", ORIGIN)
    if coders:
        users = _el(root, "Users")
        for coder in coders:
            _el(users, "User", guid=guids.user[coder], name=coder)
    codes_el = _el(_el(root, "CodeBook"), "Codes")
    _add_codes(codes_el, codebook.themes, guids.code, PROJECT_NS, project.language, redactor)
    if variables:
        vars_el = _el(root, "Variables")
        for var in variables:
            _el(vars_el, "Variable", guid=variable_guids[var], name=var, typeOfVariable="Text")
    cases_el = _el(root, "Cases") if cases else None
    sources_el = _el(root, "Sources") if transcripts else None
    rows_by_transcript: dict[int, list[CodingRow]] = {}
    for row in rows:
        rows_by_transcript.setdefault(row.transcript_id, []).append(row)
    files: list[tuple[str, bytes]] = []
    for t in transcripts:
        assert sources_el is not None
        data, n, widened = _add_source(
            sources_el,
            t,
            store,
            rows_by_transcript.get(t.id, []),
            placed_memos[t.id],
            spoken.get(t.id, {}),
            cases,
            guids,
            redactor,
            span,
            positions,
            project.language,
        )
        files.append((f"{SOURCES_DIR}/{guids.source[t.path]}.txt", data))
        summary.codings += n
        summary.widened += widened
    if cases_el is not None:
        _add_cases(cases_el, cases, case_names, guids, variables, variable_guids, redactor)
    if any(memos.values()):
        summary.notes = _add_notes(root, transcripts, placed_memos, guids, redactor)
    _el(
        root, "Description"
    ).text = (
        f"lernet: positions={positions} (character positions count {POSITION_NAMES[positions]})"
    )
    write_private(out, _zip([("project.qde", _to_bytes(root)), *files]))
    summary.sources = len(transcripts)
    summary.codes = len(guids.code)
    summary.users = len(coders)
    summary.cases = len(cases)
    return summary


def _add_cases(
    cases_el: etree._Element,
    cases: dict[str, _Case],
    names: dict[str, str],
    guids: _Guids,
    variables: list[str],
    variable_guids: dict[str, str],
    redactor: Redactor | None,
) -> None:
    for pid, case in cases.items():
        case_el = _el(cases_el, "Case", guid=guids.case[pid], name=names[pid])
        for var in variables:
            value_text = getattr(case, var)
            if value_text:
                value = _el(case_el, "VariableValue")
                _el(value, "VariableRef", targetGUID=variable_guids[var])
                shown = redactor.redact(value_text, True) if redactor else value_text
                _el(value, "TextValue").text = _xml_text(shown)
        for source_guid in case.sources:
            _el(case_el, "SourceRef", targetGUID=source_guid)
        for selection_guid in case.selections:
            _el(case_el, "SelectionRef", targetGUID=selection_guid)


def _add_notes(
    root: etree._Element,
    transcripts: list[StoredTranscript],
    placed_memos: dict[int, list[tuple[str, tuple[Any, ...]]]],
    guids: _Guids,
    redactor: Redactor | None,
) -> int:
    notes_el = _el(root, "Notes")
    n = 0
    for t in transcripts:
        for key, (_, _, _, author, body, origin) in placed_memos[t.id]:
            shown = redactor.redact(body) if redactor else body
            note = _el(
                notes_el,
                "Note",
                guid=guids.note[key],
                name=_xml_text(" ".join(shown.split())[:60] or "memo"),
                creatingUser=guids.user[author],
            )
            _el(note, "Description").text = f"lernet: memo from a {origin}"
            _el(note, "PlainTextContent").text = _xml_text(shown)
            n += 1
    return n


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """The archive, the same bytes for the same content (fixed dates and modes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()
