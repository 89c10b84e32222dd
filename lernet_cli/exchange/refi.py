"""REFI-QDA exchange: projects (.qdpx), codebooks (.qdc) and a flat CSV of the codings.

REFI-QDA (QDA-XML 1.0, www.qdasoftware.org) is how NVivo, ATLAS.ti, MAXQDA, QualCoder and others
move codebooks and coded projects between them. A .qdpx is a zip archive with `project.qde` (XML)
and the sources under `Sources/`; a .qdc is the codebook alone.

How lernet maps onto it:

- Each transcript becomes a TextSource whose plain text (UTF-8, `internal://<guid>.txt`) is its
  turns, one `Speaker: text` block each, separated by a blank line. A turn's own line breaks are
  kept, but a break that would make an empty line becomes a space (same length), so blank lines
  only ever separate turns.
- Each coding becomes a PlainTextSelection with one Coding. Offsets count Unicode code points
  (Python string indices), from 0, end exclusive: slicing the exported text gives the evidence.
  Anonymized sources are redacted piece by piece between coding boundaries, so offsets are those of
  the redacted text; a boundary that falls inside a name is moved to the name's edge first, so that
  no part of a name escapes redaction.
- lernet's status and direction of a coding travel in the selection's Description
  (`lernet: status=accepted, direction=bring`); other tools show it as a memo. Rejected codings
  are not exported: another tool would show them as codings.
- Codes keep lernet's id, both labels, include/exclude and examples as labelled paragraphs of their
  Description. Match rules have no place in REFI-QDA and are left out.
- Participants become Cases, with their group (and attribution label) as Text variables.
- GUIDs are kept in the store (table `guids`), so a second export gives the same GUIDs, and an
  imported archive's GUIDs are kept for the way back.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from lxml import etree

from .. import __version__
from ..analysis.anonymize import Redactor, _fold_keep_length
from ..analysis.people import make_redactor, person_of
from ..analysis.quotes import evidence_sentences
from ..codebook.codebook import ID_RE, Code, Codebook, load_codebook
from ..errors import CodebookError, LernetError, ProjectError, TranscriptError
from ..model import Coding, Memo, Role, Transcript, Turn
from ..output.files import check_new, write_private
from ..project.participants import Participants
from ..project.project import (
    CONFIG_NAME,
    CONFIG_TEMPLATE,
    DEFAULT_ATTRIBUTION,
    DEFAULT_INTERVIEWER_LABELS,
    STORE_DIR,
    STORE_NAME,
    Project,
)
from ..store.store import CodingRow, Store

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"lernet {__version__}"
# uuid5 namespace for codebooks exported without a store (stable, but not kept anywhere).
CODEBOOK_GUID_NS = uuid.UUID("6f1c1f2e-5d0b-4d53-9d0e-3f3a2f1e9c41")

MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNCOMPRESSED = 500_000_000
MAX_MEMBER_RATIO = 200
MAX_XML_BYTES = 200_000_000
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

STATUSES = ("pending", "accepted", "rejected")
DIRECTIONS = ("bring", "take", "both")
GROUP_VARIABLES = {"group", "groep", "groups", "groepen"}
LABEL_VARIABLES = {"label"}
CSV_COLUMNS = [
    "participant",
    "group",
    "theme",
    "code",
    "coder",
    "status",
    "direction",
    "text",
    "file",
    "segment",
]

_META_RE = re.compile(
    r"^lernet: status=(?P<status>\w+)(?:, direction=(?P<direction>\w+))?\s*$", re.MULTILINE
)
_ROLES_RE = re.compile(r"^lernet: interviewer turns=(?P<turns>[\d,-]+)\s*$", re.MULTILINE)
# "Speaker: text" at the start of a line: a short label without a colon of its own.
_LABEL_RE = re.compile(r"(?P<label>[^\s:][^:\n\r]{0,39}?)[ \t]*:(?:[ \t]|$)")
_BLANK_AFTER_RE = re.compile(r"\n(?=[^\S\n]*(?:\n|$))")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_XML_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_DESC_KEYS = {
    "include": "Include:",
    "exclude": "Exclude:",
    "example": "Example:",
    "counterexample": "Counterexample:",
    "id": "lernet id:",
}
_LABEL_KEY_RE = re.compile(r"^Label \((?P<lang>[a-z]{2})\):\s*(?P<text>.+)$", re.DOTALL)


@dataclass
class ExportSummary:
    out: Path
    sources: int = 0
    codes: int = 0
    codings: int = 0
    users: int = 0
    cases: int = 0
    notes: int = 0
    anonymized: bool = True
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportSummary:
    project_root: Path
    codebook: Path
    codes: int = 0
    sources: int = 0
    segments: int = 0
    codings: int = 0
    participants: int = 0
    memos: int = 0
    coders: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- shared helpers -------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """XML 1.0 forbids most control characters; transcripts sometimes carry them."""
    return _XML_BAD_RE.sub(" ", text)


def _el(parent: etree._Element, tag: str, ns: str = PROJECT_NS, **attrs: Any) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            el.set(key, _xml_text(str(value)))
    return el


def _to_bytes(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="utf-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n' + bytes(body)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    """Children by local name, so files with an odd or missing namespace still read."""
    if el is None:
        return []
    return [c for c in el if _local(c) == name]


def _kid(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _parse_xml(data: bytes, where: str | Path, error: type[LernetError]) -> etree._Element:
    """Parse untrusted XML: no entities, no DTD, no network; a DOCTYPE is refused outright."""
    if len(data) > MAX_XML_BYTES:
        raise error(f"too large ({len(data)} bytes)", where)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise error(f"not valid XML: {exc.msg}", where, exc.lineno) from None
    if root.getroottree().docinfo.doctype:
        raise error("XML with a DOCTYPE is not accepted (REFI-QDA files have none)", where)
    return root


# --- codebook to XML ------------------------------------------------------------------------


def _description(code: Code, language: str, redactor: Redactor | None) -> str:
    """The description plus what REFI-QDA has no field for, as labelled paragraphs."""
    paras = [p for p in re.split(r"\n[^\S\n]*\n", code.description) if p.strip()]
    if code.include:
        paras.append(f"{_DESC_KEYS['include']} {code.include}")
    if code.exclude:
        paras.append(f"{_DESC_KEYS['exclude']} {code.exclude}")
    paras += [f"{_DESC_KEYS['example']} {e}" for e in code.examples]
    paras += [f"{_DESC_KEYS['counterexample']} {e}" for e in code.counterexamples]
    name = code.label(language)
    for lang, text in sorted(code.labels.items()):
        if lang != language and text != name:
            paras.append(f"Label ({lang}): {text}")
    paras.append(f"{_DESC_KEYS['id']} {code.id}")
    text = "\n\n".join(" ".join(p.split()) for p in paras)
    return redactor.redact(text) if redactor else text


def _add_codes(
    parent: etree._Element,
    codes: list[Code],
    guids: dict[str, str],
    ns: str,
    language: str,
    redactor: Redactor | None = None,
) -> None:
    for code in codes:
        el = _el(parent, "Code", ns, guid=guids[code.id], name=code.label(language))
        el.set("isCodable", "true")
        _el(el, "Description", ns).text = _xml_text(_description(code, language, redactor))
        _add_codes(el, code.children, guids, ns, language, redactor)


def export_qdc(
    codebook: Codebook,
    out: Path,
    language: str = "nl",
    store: Store | None = None,
    overwrite: bool = False,
) -> int:
    """Write the codebook as a REFI-QDA .qdc; returns the number of codes.

    With the project's store, codes get the same GUIDs as in a .qdpx export; without it, GUIDs
    are derived from the code ids (stable too). Match rules are not exported: the format has no
    place for them.
    """
    check_new(out, overwrite)
    ids = [c.id for c in codebook.walk()]
    if store is not None:
        guids = store.ensure_guids("code", ids)
    else:
        guids = {i: str(uuid.uuid5(CODEBOOK_GUID_NS, i)) for i in ids}
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", ORIGIN)
    _add_codes(_el(root, "Codes", CODEBOOK_NS), codebook.themes, guids, CODEBOOK_NS, language)
    write_private(out, _to_bytes(root))
    return len(ids)


# --- export: project ------------------------------------------------------------------------


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


@dataclass
class _Stored:
    """What _memo_keys needs of a transcript."""

    id: int
    path: str


def _memo_keys(
    transcripts: list[Any], memos: dict[int, list[tuple[int | None, int, int, str, str, str]]]
) -> dict[int, list[str]]:
    """Stable keys for memos (they are made anew on every re-coding, ids and all): where they
    stand, who wrote them and a hash of what they say."""
    out: dict[int, list[str]] = {}
    for t in transcripts:
        seen: set[str] = set()
        keys = []
        for seg, start, end, author, body, _ in memos[t.id]:
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
            key = base = f"memo:{t.path}#{seg}:{start}-{end}:{author}:{digest}"
            n = 1
            while key in seen:
                n += 1
                key = f"{base}:{n}"
            seen.add(key)
            keys.append(key)
        out[t.id] = keys
    return out


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
    redactor = make_redactor(participants, store) if anonymize else None
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


# --- export: CSV ----------------------------------------------------------------------------


def _csv_cell(value: str) -> str:
    """Keep Excel from running a cell as a formula (CSV injection)."""
    if value[:1] in ("=", "+", "@", "\t", "\r") or (
        value[:1] == "-" and len(value) > 1 and not value[1].isspace()
    ):
        return "'" + value
    return value


def export_csv(
    store: Store,
    codebook: Codebook,
    participants: Participants,
    out: Path,
    anonymize: bool = True,
    overwrite: bool = False,
) -> int:
    """One row per coding (rejected ones left out) for Excel, R or pandas; returns the rows.

    UTF-8 with a byte-order mark, so Excel shows accents right; `text` is the evidence sentence(s).
    """
    check_new(out, overwrite)
    redactor = make_redactor(participants, store) if anonymize else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = store.coding_rows()
    for row in rows:
        person = person_of(row, participants)
        code = codebook.codes.get(row.code)
        text = evidence_sentences(row.segment_text, row.start, row.end)
        if redactor is not None:
            text = redactor.redact(text)
        cells = [
            row.participant,
            person.group,
            code.theme if code else row.code.split(".")[0],
            row.code,
            row.coder,
            row.status,
            row.direction or "",
            text,
            redactor.redact(row.path) if redactor else row.path,
            str(row.segment),
        ]
        writer.writerow([_csv_cell(c) for c in cells])
    write_private(out, buffer.getvalue().encode("utf-8-sig"))
    return len(rows)


# --- import: codebook -----------------------------------------------------------------------


@dataclass
class _ImportedCode:
    id: str
    guid: str
    name: str
    labels: dict[str, str]
    description: str = ""
    include: str = ""
    exclude: str = ""
    examples: list[str] = field(default_factory=list)
    counterexamples: list[str] = field(default_factory=list)
    children: list[_ImportedCode] = field(default_factory=list)


def _slug(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = _SLUG_RE.sub("_", ascii_).strip("_")
    if not slug:
        return "code"
    return slug if slug[0].isalpha() else f"code_{slug}"


def _split_description(text: str) -> dict[str, Any]:
    """Undo `_description`: labelled paragraphs back to fields; the rest is the description."""
    fields: dict[str, Any] = {"examples": [], "counterexamples": [], "labels": {}}
    plain: list[str] = []
    for para in re.split(r"\n[ \t]*\n", text.strip()):
        para = para.strip()
        label = _LABEL_KEY_RE.match(para)
        if label:
            fields["labels"][label["lang"]] = " ".join(label["text"].split())
            continue
        for key, prefix in _DESC_KEYS.items():
            if para.startswith(prefix):
                value = " ".join(para[len(prefix) :].split())
                if key in ("example", "counterexample"):
                    fields[key + "s"].append(value)
                else:
                    fields[key] = value
                break
        else:
            if para:
                plain.append(para)
    fields["description"] = "\n\n".join(plain)
    return fields


def _read_codes(
    parent: etree._Element | None, ancestors: list[str], taken: set[str]
) -> list[_ImportedCode]:
    """Codes with lernet ids: the id a lernet export carried when valid, else a slug of the name."""
    out: list[_ImportedCode] = []
    for el in _kids(parent, "Code"):
        name = " ".join((el.get("name") or "").split()) or "code"
        desc = _kid(el, "Description")
        fields = _split_description((desc.text or "") if desc is not None else "")
        wanted = fields.get("id", "")
        if ancestors:
            fits = any(wanted.startswith(a + ".") for a in ancestors)
        else:
            fits = "." not in wanted
        if wanted and fits and ID_RE.match(wanted) and wanted not in taken:
            code_id = wanted
        else:
            base = (ancestors[-1] + "." if ancestors else "") + _slug(name)
            code_id, n = base, 2
            while code_id in taken:
                code_id, n = f"{base}_{n}", n + 1
        taken.add(code_id)
        labels = {"nl": name, "en": name}
        labels.update(fields["labels"])
        code = _ImportedCode(
            id=code_id,
            guid=el.get("guid") or "",
            name=name,
            labels=labels,
            description=fields["description"],
            include=fields.get("include", ""),
            exclude=fields.get("exclude", ""),
            examples=fields["examples"],
            counterexamples=fields["counterexamples"],
        )
        code.children = _read_codes(el, [*ancestors, code_id], taken)
        out.append(code)
    return out


def _walk_imported(codes: list[_ImportedCode]) -> Iterable[_ImportedCode]:
    for code in codes:
        yield code
        yield from _walk_imported(code.children)


class _NoAliasDumper(yaml.SafeDumper):
    """lernet's YAML loader refuses aliases, so never write any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _code_yaml(code: _ImportedCode, parent: str | None = None) -> dict[str, Any]:
    short = code.id.removeprefix(f"{parent}.") if parent else code.id
    labels = set(code.labels.values())
    label: Any = code.name if labels == {code.name} else dict(code.labels)
    out: dict[str, Any] = {"id": short if "." not in short else code.id, "label": label}
    for key in ("description", "include", "exclude"):
        value = getattr(code, key)
        if value:
            out[key] = value
    if code.examples:
        out["examples"] = list(code.examples)
    if code.counterexamples:
        out["counterexamples"] = list(code.counterexamples)
    if code.children:
        out["codes"] = [_code_yaml(c, code.id) for c in code.children]
    return out


def _codebook_yaml(codes: list[_ImportedCode], name: str, source: str) -> str:
    data = {
        "version": 1,
        "name": name,
        "themes": [_code_yaml(c) for c in codes],
    }
    header = (
        f"# Imported from {source} (REFI-QDA) by lernet {__version__}.\n"
        "# REFI-QDA codebooks carry no match rules: these codes have none, so `lernet code`\n"
        "# will not find them by itself. Add match: rules (see docs/codebook-format.md).\n"
    )
    body = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def import_qdc(path: Path) -> str:
    """A REFI-QDA codebook (.qdc) as lernet codebook YAML text (without rules: it has none)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodebookError("file not found", path) from None
    except OSError as exc:
        raise CodebookError(f"cannot read: {exc.strerror}", path) from None
    root = _parse_xml(data, path, CodebookError)
    if _local(root) != "CodeBook":
        raise CodebookError(
            f"not a REFI-QDA codebook (root element is {_local(root)!r}, not CodeBook)", path
        )
    codes = _read_codes(_kid(root, "Codes"), [], set())
    if not codes:
        raise CodebookError("the codebook has no codes", path)
    return _codebook_yaml(codes, path.stem, path.name)


# --- import: project ------------------------------------------------------------------------


def _safe_members(zf: zipfile.ZipFile, path: Path) -> dict[str, zipfile.ZipInfo]:
    """Refuse archives that point outside themselves or unpack to absurd sizes."""
    infos = zf.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise ProjectError(f"unsafe archive: {len(infos)} files is too many", path)
    total = 0
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if (
            name.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", name)
            or ".." in parts
            or "\x00" in name
        ):
            raise ProjectError(f"unsafe archive: member {name!r} points outside the archive", path)
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise ProjectError(
                f"unsafe archive: unpacks to more than {MAX_UNCOMPRESSED // 1_000_000} MB", path
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_MEMBER_RATIO:
            raise ProjectError(
                f"unsafe archive: member {name!r} is compressed {ratio} times (a zip bomb?)", path
            )
        if not info.is_dir():
            members[name.replace("\\", "/")] = info
    return members


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """Read at most the declared size: a forged header cannot make us unpack more."""
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise ProjectError(f"cannot read {info.filename!r} from the archive: {exc}", path) from None
    if len(data) > info.file_size:
        raise ProjectError(f"unsafe archive: {info.filename!r} is larger than it says", path)
    return data


def _label(body: str, lernet_made: bool) -> tuple[str, int] | None:
    """(speaker, where the speech starts) when a line opens with something like a label."""
    if lernet_made:
        colon = body.find(":")
        if colon < 0:
            return None
        skip = colon + 1 + (body[colon + 1 : colon + 2] == " ")
        speaker = body[:colon].strip()
        return ("" if speaker == "?" else speaker), skip
    m = _LABEL_RE.match(body)
    if m is None or m["label"].strip().isdigit() or len(m["label"].split()) > 4:
        return None
    return m["label"].strip(), m.end()


def _segments(
    text: str, lernet_made: bool, interviewers: set[int] | None = None
) -> list[tuple[int, Turn]]:
    """Cut a source into segments: (offset of the segment's text in the source, turn).

    A blank line always ends a segment. A line opening with a speaker label (`Name: `, a label
    that opens at least two lines, or a usual interviewer label) starts one; a line without a label
    continues a labelled segment and is otherwise a segment of its own (plain notes: one per
    line). In an archive lernet wrote, a block between blank lines is one turn. The interviewer's
    turns are those a lernet export noted (`interviewers`), else those with a usual interviewer
    label (I, Q, Interviewer...).
    """
    lines = []
    for number, m in enumerate(_LINE_RE.finditer(text), 1):
        body = m.group(0).rstrip("\r\n")
        lines.append((number, m.start(), body, _label(body, lernet_made)))
    interviewer = {x.casefold() for x in DEFAULT_INTERVIEWER_LABELS}
    seen: dict[str, int] = {}
    for *_, label in lines:
        if label:
            seen[label[0].casefold()] = seen.get(label[0].casefold(), 0) + 1
    if not lernet_made:
        trusted = {k for k, n in seen.items() if n >= 2 or k in interviewer}
        lines = [
            (n, s, b, lab if lab and lab[0].casefold() in trusted else None)
            for n, s, b, lab in lines
        ]
    raw: list[list[Any]] = []  # [start, end, speaker, line number]
    current: list[Any] | None = None
    for number, start, body, label in lines:
        end = start + len(body)
        if not body.strip():
            current = None
        elif current is not None and (lernet_made or (current[2] and label is None)):
            current[1] = end
        else:
            speaker, skip = label if label else ("", 0)
            current = [start + skip, end, speaker, number]
            raw.append(current)
    out: list[tuple[int, Turn]] = []
    for n, (start, end, speaker, number) in enumerate(raw, 1):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip().replace("\r", " ")
        if interviewers is not None:
            role: Role = "interviewer" if n in interviewers else "participant"
        else:
            role = "interviewer" if speaker.casefold() in interviewer else "participant"
        out.append((start + lead, Turn(speaker, body, role, None, number)))
    return out


@dataclass
class _TextSelection:
    guid: str
    start: int
    end: int
    description: str
    codings: list[tuple[str, str, str]]  # (coding guid, code guid, user guid)
    notes: list[str] = field(default_factory=list)  # note guids


@dataclass
class _Source:
    guid: str
    name: str
    text: str
    selections: list[_TextSelection]
    interviewers: set[int] | None = None  # turn numbers, as a lernet export noted them
    notes: list[str] = field(default_factory=list)  # note guids on the whole source


def _interviewers(el: etree._Element) -> set[int] | None:
    """The interviewer's turn numbers a lernet export noted on a source, if any."""
    desc = _kid(el, "Description")
    m = _ROLES_RE.search(desc.text or "") if desc is not None else None
    if m is None:
        return None
    turns: set[int] = set()
    for part in m["turns"].split(","):
        first, _, last = part.partition("-")
        if first.isdigit() and (not last or last.isdigit()):
            turns.update(range(int(first), int(last or first) + 1))
        if len(turns) > 1_000_000:
            return None
    return turns


@dataclass
class _Archive:
    """What lernet takes from a project.qde, read and checked before anything is written."""

    name: str
    lernet_made: bool
    users: dict[str, str]
    codes: list[_ImportedCode]
    sources: list[_Source] = field(default_factory=list)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    case_guids: dict[str, str] = field(default_factory=dict)
    source_owner: dict[str, str] = field(default_factory=dict)
    selection_owner: dict[str, str] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # guid -> (author, text)
    warnings: list[str] = field(default_factory=list)


def _source_text_of(
    el: etree._Element, zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path
) -> str | None:
    """Inline PlainTextContent, or the UTF-8 file `internal://` names (a BOM is not counted)."""
    content = _kid(el, "PlainTextContent")
    if content is not None:
        return content.text or ""
    ref = el.get("plainTextPath") or ""
    if not ref.startswith("internal://"):
        return None
    member = "Sources/" + ref[len("internal://") :]
    info = members.get(member) or next(
        (i for n, i in members.items() if n.casefold() == member.casefold()), None
    )
    if info is None:
        raise ProjectError(f"the archive lacks {member!r}, named by a source", path)
    data = _read_member(zf, info, path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TranscriptError(
            "source text is not UTF-8 (REFI-QDA requires UTF-8)", f"{path}!{member}"
        ) from None


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        stem, dot, ext = name.rpartition(".")
        candidate = f"{stem}-{n}.{ext}" if dot and stem else f"{name}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _safe_name(name: str, fallback: str) -> str:
    """A source name as a transcript path: relative, without `..`."""
    parts = [p.strip() for p in name.replace("\\", "/").split("/")]
    return "/".join(p for p in parts if p and p not in (".", "..")) or fallback


def _value_text(value_el: etree._Element) -> str | None:
    for kind in (
        "TextValue",
        "BooleanValue",
        "IntegerValue",
        "FloatValue",
        "DateValue",
        "DateTimeValue",
    ):
        found = _kid(value_el, kind)
        if found is not None and (found.text or "").strip():
            return (found.text or "").strip()
    return None


def _read_sources(
    root: etree._Element,
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    path: Path,
    warnings: list[str],
) -> list[_Source]:
    sources: list[_Source] = []
    skipped: dict[str, int] = {}
    sources_el = _kid(root, "Sources")
    for el in list(sources_el) if sources_el is not None else []:
        kind = _local(el)
        if kind != "TextSource":
            if kind:
                skipped[kind] = skipped.get(kind, 0) + 1
            continue
        name = el.get("name") or el.get("guid") or "source"
        text = _source_text_of(el, zf, members, path)
        if text is None:
            warnings.append(f"skipped source {name!r}: its text is not in the archive")
            continue
        source = _Source(el.get("guid", ""), name, text, [], _interviewers(el))
        for sel in _kids(el, "PlainTextSelection"):
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                warnings.append(f"skipped a selection without positions in {name!r}")
                continue
            owner = (
                sel.get("creatingUser")
                or el.get("creatingUser")
                or root.get("creatingUserGUID")
                or ""
            )
            codings = []
            for c in _kids(sel, "Coding"):
                ref = _kid(c, "CodeRef")
                target = ref.get("targetGUID", "") if ref is not None else ""
                codings.append((c.get("guid", ""), target, c.get("creatingUser") or owner))
            desc = _kid(sel, "Description")
            source.selections.append(
                _TextSelection(
                    sel.get("guid", ""),
                    start,
                    end,
                    (desc.text or "") if desc is not None else "",
                    codings,
                    [r.get("targetGUID", "") for r in _kids(sel, "NoteRef")],
                )
            )
        source.notes = [r.get("targetGUID", "") for r in _kids(el, "NoteRef")]
        whole = len(_kids(el, "Coding"))
        if whole:
            warnings.append(f"skipped {whole} coding(s) of the whole source {name!r}")
        sources.append(source)
    if skipped:
        warnings.append(
            "skipped non-text sources (lernet codes text): "
            + ", ".join(f"{n} {kind}" for kind, n in skipped.items())
        )
    return sources


def _read_cases(root: etree._Element, archive: _Archive) -> None:
    """Cases become participants; a variable named group/groep gives the group."""
    variables = {
        v.get("guid", ""): (v.get("name") or "").strip().casefold()
        for v in _kids(_kid(root, "Variables"), "Variable")
    }
    taken: set[str] = set()
    for n, case in enumerate(_kids(_kid(root, "Cases"), "Case"), 1):
        pid = _unique(" ".join((case.get("name") or "").split()) or f"case-{n}", taken)
        entry: dict[str, Any] = {"id": pid}
        for value in _kids(case, "VariableValue"):
            ref = _kid(value, "VariableRef")
            var = variables.get(ref.get("targetGUID", "") if ref is not None else "", "")
            text = _value_text(value)
            if text and var in GROUP_VARIABLES and "group" not in entry:
                entry["group"] = text
            elif text and var in LABEL_VARIABLES and "label" not in entry:
                entry["label"] = text
        archive.people[pid] = entry
        if case.get("guid"):
            archive.case_guids[pid] = case.get("guid", "")
        for ref in _kids(case, "SourceRef"):
            archive.source_owner.setdefault(ref.get("targetGUID", ""), pid)
        for ref in _kids(case, "SelectionRef"):
            archive.selection_owner.setdefault(ref.get("targetGUID", ""), pid)


def _read_archive(path: Path) -> _Archive:
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ProjectError("file not found", path) from None
    except (zipfile.BadZipFile, OSError):
        raise ProjectError("not a REFI-QDA project (a .qdpx is a zip archive)", path) from None
    with zf:
        members = _safe_members(zf, path)
        qde = members.get("project.qde") or next(
            (i for n, i in members.items() if n.casefold() == "project.qde"), None
        )
        if qde is None:
            raise ProjectError("not a REFI-QDA project: no project.qde in the archive", path)
        root = _parse_xml(_read_member(zf, qde, path), f"{path}!project.qde", ProjectError)
        if _local(root) != "Project":
            raise ProjectError("not a REFI-QDA project: project.qde has no Project", path)
        codes = _read_codes(_kid(_kid(root, "CodeBook"), "Codes"), [], set())
        if not codes:
            raise ProjectError("the project has no codes", path)
        archive = _Archive(
            name=(root.get("name") or "").strip() or path.stem,
            lernet_made=(root.get("origin") or "").startswith("lernet"),
            users={
                u.get("guid", ""): (u.get("name") or u.get("id") or "").strip()
                for u in _kids(_kid(root, "Users"), "User")
            },
            codes=codes,
        )
        archive.sources = _read_sources(root, zf, members, path, archive.warnings)
    _read_cases(root, archive)
    _read_notes(root, archive)
    return archive


def _read_notes(root: etree._Element, archive: _Archive) -> None:
    """Notes become memos where they are attached to a source or a selection of one."""
    for note in _kids(_kid(root, "Notes"), "Note"):
        content = _kid(note, "PlainTextContent")
        text = (content.text or "").strip() if content is not None else ""
        if not text:
            text = (note.get("name") or "").strip()
        author = archive.users.get(note.get("creatingUser", ""), "") or "unknown"
        if text:
            archive.notes[note.get("guid", "")] = (author, text)
    attached = {g for src in archive.sources for g in src.notes}
    attached |= {g for src in archive.sources for sel in src.selections for g in sel.notes}
    loose = len(set(archive.notes) - attached)
    if loose:
        archive.warnings.append(
            f"skipped {loose} note(s) not attached to a text source (lernet keeps memos on text)"
        )


def _write_settings(project_root: Path, archive: _Archive, source: str) -> Path:
    """codebook.yaml, participants.yaml and lernet.yaml of the new project."""
    try:
        project_root.mkdir(parents=True, exist_ok=True)
        codebook_path = project_root / "codebook.yaml"
        codebook_path.write_text(
            _codebook_yaml(archive.codes, archive.name, source), encoding="utf-8"
        )
        people = list(archive.people.values())
        if people:
            groups = list(dict.fromkeys(p["group"] for p in people if p.get("group")))
            data: dict[str, Any] = {"groups": groups} if groups else {}
            data["participants"] = people
            (project_root / "participants.yaml").write_text(
                yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
        (project_root / CONFIG_NAME).write_text(
            CONFIG_TEMPLATE.format(
                codebook="codebook.yaml",
                participants="participants.yaml" if people else "",
                language="nl",
                labels=", ".join(DEFAULT_INTERVIEWER_LABELS),
                attribution=DEFAULT_ATTRIBUTION,
            ),
            encoding="utf-8",
        )
    except OSError as exc:
        raise ProjectError(f"cannot write the project: {exc.strerror}", project_root) from None
    load_codebook(codebook_path)  # what was written must load; a failure here is a bug
    return codebook_path


@dataclass
class _Guids:
    """GUIDs of the imported archive, kept in the store for the way back."""

    source: dict[str, str] = field(default_factory=dict)
    user: dict[str, str] = field(default_factory=dict)
    selection: dict[str, str] = field(default_factory=dict)
    coding: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)


def _pieces(
    turns: list[tuple[int, Turn]], starts: list[int], start: int, end: int
) -> list[tuple[int, int, int]]:
    """(segment, start, end) of each turn's part of the text from `start` to `end`."""
    out = []
    for idx in range(max(1, bisect.bisect_right(starts, start)), len(turns) + 1):
        seg_start, turn = turns[idx - 1]
        if seg_start >= end:
            break
        a, b = max(start, seg_start) - seg_start, min(end - seg_start, len(turn.text))
        if a < b and turn.text[a:b].strip():
            out.append((idx, a, b))
    return out


def _import_source(
    store: Store,
    src: _Source,
    rel: str,
    archive: _Archive,
    code_by_guid: dict[str, str],
    guids: _Guids,
    summary: ImportSummary,
) -> None:
    """One source as a transcript; its case is the one naming it or one of its selections."""
    turns = _segments(src.text, archive.lernet_made, src.interviewers)
    starts = [s for s, _ in turns]
    # lernet links a source to a case only when some turns are the case's; a group interview
    # whose every speaker has a case of their own keeps the file's name as its participant.
    pid = archive.source_owner.get(src.guid) or (
        PurePosixPath(rel).stem
        if archive.lernet_made
        else next(
            (
                archive.selection_owner[s.guid]
                for s in src.selections
                if s.guid in archive.selection_owner
            ),
            PurePosixPath(rel).stem,
        )
    )
    codings: list[Coding] = []
    origin: list[tuple[str, str]] = []  # (selection guid, coding guid) of each coding
    speakers: dict[int, str] = {}  # turns a case other than the source's owns (group interview)
    unknown = outside = 0
    for sel in src.selections:
        meta = _META_RE.search(sel.description)
        status = meta["status"] if meta and meta["status"] in STATUSES else "accepted"
        direction = meta["direction"] if meta and meta["direction"] in DIRECTIONS else None
        pieces = _pieces(turns, starts, sel.start, sel.end)
        owner = archive.selection_owner.get(sel.guid)
        if owner is not None and owner != pid:
            for idx, _, _ in pieces:
                if turns[idx - 1][1].role == "participant":
                    speakers.setdefault(idx, owner)
        for coding_guid, code_guid, user_guid in sel.codings:
            code_id = code_by_guid.get(code_guid)
            if code_id is None:
                unknown += 1
                continue
            if not pieces:
                outside += 1
                continue
            coder = archive.users.get(user_guid) or "unknown"
            if coder not in summary.coders:
                summary.coders.append(coder)
            if user_guid in archive.users:
                guids.user.setdefault(coder, user_guid)
            for i, (idx, a, b) in enumerate(pieces):
                codings.append(Coding(0, idx, code_id, a, b, coder, "", direction, status))
                origin.append((sel.guid, coding_guid) if i == 0 else ("", ""))
    memos: list[Memo] = []
    memo_guids: list[tuple[str, str]] = []  # (note guid, selection guid) of each memo
    for guid in src.notes:
        if guid in archive.notes:
            memos.append(Memo(None, 0, 0, *archive.notes[guid], source="import", reason="note"))
            memo_guids.append((guid, ""))
    for sel in src.selections:
        where = _pieces(turns, starts, sel.start, sel.end)
        seg: int | None = where[0][0] if where else None
        a, b = where[0][1:] if where else (0, 0)
        for guid in sel.notes:
            if guid in archive.notes:
                author, text = archive.notes[guid]
                memos.append(Memo(seg, a, b, author, text, source="import", reason="note"))
                memo_guids.append((guid, sel.guid if seg is not None else ""))
    sha = hashlib.sha256(src.text.encode("utf-8")).hexdigest()
    transcript = Transcript(rel, [t for _, t in turns])
    transcript.interviewer_labels = sorted({t.speaker for _, t in turns if t.role == "interviewer"})
    ids = store.save_imported(rel, sha, pid, transcript, codings, speakers, memos)
    for cid, (sel_guid, coding_guid) in zip(ids, origin, strict=True):
        if sel_guid:
            guids.selection.setdefault(str(cid), sel_guid)
        if coding_guid:
            guids.coding.setdefault(str(cid), coding_guid)
    if src.guid:
        guids.source[rel] = src.guid
    stand_in = _Stored(0, rel)
    rows = {0: [(m.segment, m.start, m.end, m.author, m.text, m.source) for m in memos]}
    for key, (note_guid, sel_guid) in zip(_memo_keys([stand_in], rows)[0], memo_guids, strict=True):
        guids.note.setdefault(key, note_guid)
        if sel_guid:
            guids.selection.setdefault(key, sel_guid)
    summary.sources += 1
    summary.segments += len(turns)
    summary.codings += len(codings)
    summary.memos += len(memos)
    if unknown:
        summary.warnings.append(f"{rel}: skipped {unknown} coding(s) of unknown codes")
    if outside:
        summary.warnings.append(f"{rel}: skipped {outside} coding(s) of no text")


def import_qdpx(path: Path, project_root: Path) -> ImportSummary:
    """Make a new lernet project in `project_root` from a REFI-QDA .qdpx archive.

    Codes become a codebook YAML (ids from names, no rules), sources become transcripts cut into
    segments (see `_segments`), cases become participants (group from a variable called group or
    groep), and every text coding keeps its code and its coder's name. A selection that spans
    several segments is split into one coding per segment it touches, each cut to that segment,
    so no coded text is lost. Pictures, PDFs, audio and video are skipped (lernet codes text).
    Codings from other tools are taken as `accepted`: a person made them.
    """
    project_root = project_root.resolve()
    for existing in (CONFIG_NAME, STORE_DIR, "codebook.yaml", "participants.yaml"):
        if (project_root / existing).exists():
            raise ProjectError(
                f"{existing} already exists here; import into a new, empty folder", project_root
            )
    archive = _read_archive(path)
    codebook_path = _write_settings(project_root, archive, path.name)
    summary = ImportSummary(project_root, codebook_path, warnings=archive.warnings)
    code_by_guid = {c.guid: c.id for c in _walk_imported(archive.codes)}
    summary.codes = len(list(_walk_imported(archive.codes)))
    summary.participants = len(archive.people)
    guids = _Guids()
    taken: set[str] = set()
    with Store.open(project_root / STORE_DIR / STORE_NAME, create=True) as store:
        for n, src in enumerate(archive.sources, 1):
            rel = _unique(_safe_name(src.name, f"source-{n}.txt"), taken)
            _import_source(store, src, rel, archive, code_by_guid, guids, summary)
        store.remember_guids(
            "code", {c.id: c.guid for c in _walk_imported(archive.codes) if c.guid}
        )
        store.remember_guids("case", archive.case_guids)
        store.remember_guids("source", guids.source)
        store.remember_guids("user", guids.user)
        store.remember_guids("selection", guids.selection)
        store.remember_guids("coding", guids.coding)
        store.remember_guids("note", guids.note)
    summary.coders.sort()
    return summary
