"""Read a REFI-QDA project archive (.qdpx) into plain data, safely and before anything is written:
archive and XML limits, no path escapes, positions turned into string indices."""

from __future__ import annotations

import bisect
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import regex
from lxml import etree

from ..errors import ProjectError, TranscriptError, printable
from ..language.plural import counted
from ..userfiles import open_regular
from .qdaxml import (
    _CODEBOOK_NAME_RE,
    _GROUP_ORDER_RE,
    _HIDDEN_RE,
    _LAYOUT_RE,
    _META_RE,
    _NOTE_RE,
    _POSITIONS_RE,
    _ROLES_RE,
    _SPEAKERS_RE,
    LABEL_VARIABLES,
    LERNET_LINE_RE,
    SOURCES_DIR,
    _kid,
    _kids,
    _local,
    _parse_xml,
    _read_member,
    _safe_members,
    _unique,
    group_variable,
    machine_of_name,
    source_memo,
)
from .qdc import _ImportedCode, _read_codes, _walk_imported, left_out_sets
from .spans import POSITION_NAMES, Counter, stored_time, utf16_length

# Tools known to count positions in code points, as REFI-QDA 1.5 words it (Python strings). Others
# (NVivo, ATLAS.ti, MAXQDA: .NET, Delphi and Cocoa strings) count UTF-16 code units.
CODEPOINT_TOOLS = ("qualcoder", "taguette")


@dataclass
class Coded:
    """One Coding of a selection."""

    guid: str
    code: str  # code GUID
    user: str  # user GUID
    created: str | None  # ISO time, as the store keeps it


@dataclass
class _TextSelection:
    guid: str
    start: int
    end: int
    description: str
    codings: list[Coded]
    notes: list[str] = field(default_factory=list)  # note guids
    evidence: tuple[int, int] | None = None  # a lernet export's evidence within the passage
    user: str = ""  # who made it (user GUID)
    name: str = ""  # the words it covers, as QualCoder names it (not every tool)
    note: str = ""  # what a person wrote with its codings (`described_note`)
    made: str | None = None  # when, as the store keeps times


@dataclass
class _Source:
    guid: str
    name: str
    text: str
    selections: list[_TextSelection]
    interviewers: set[int] | None = None  # turn numbers, as a lernet export noted them
    notes: list[str] = field(default_factory=list)  # note guids on the whole source
    speakers: dict[int, str] = field(default_factory=dict)  # turn number -> case guid
    bom: bool = False  # its text file began with a byte-order mark
    own_layout: bool = False  # a lernet export wrote the text as it came from another tool
    variables: dict[str, Any] = field(default_factory=dict)  # a document variable's value
    owner: str | None = None  # participant made from its name (no case names the source)
    person_names: list[str] = field(default_factory=list)  # names in its name, to redact
    memo: str = ""  # what a person wrote in its Description (`source_memo`)
    memo_by: str = ""  # who made the source (user GUID)
    memo_made: str | None = None  # when the source was last changed, as the store keeps times


def _numbers(text: str) -> set[int] | None:
    """ "1-3,5" -> {1, 2, 3, 5}; None when it does not read or is absurdly long."""
    turns: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return None
        turns.update(range(int(first), int(last or first) + 1))
        if len(turns) > 1_000_000:
            return None
    return turns


def _notes_of(el: etree._Element) -> tuple[set[int] | None, dict[int, str]]:
    """The interviewer's turn numbers and the speakers' turns a lernet export noted on a source."""
    desc = _kid(el, "Description")
    text = (desc.text or "") if desc is not None else ""
    m = _ROLES_RE.search(text)
    interviewers = _numbers(m["turns"]) if m else None
    speakers: dict[int, str] = {}
    m = _SPEAKERS_RE.search(text)
    for item in (m["turns"] if m else "").split(";"):
        case, _, turns = item.strip().partition("=")
        for n in _numbers(turns) or set():
            speakers.setdefault(n, case.strip())
    return interviewers, speakers


@dataclass
class _Archive:
    """What lernet takes from a project.qde, read and checked before anything is written."""

    name: str
    origin: str
    lernet_made: bool
    users: dict[str, str]
    codes: list[_ImportedCode]
    positions: str = "codepoints"
    sources: list[_Source] = field(default_factory=list)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    case_guids: dict[str, str] = field(default_factory=dict)
    source_owner: dict[str, str] = field(default_factory=dict)
    selection_owner: dict[str, str] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # guid -> (author, text)
    note_names: dict[str, str] = field(default_factory=dict)  # guid -> the note's title
    note_times: dict[str, str] = field(default_factory=dict)  # guid -> when it was made
    user_ids: dict[str, str] = field(default_factory=dict)  # guid -> the user's id (initials)
    code_notes: dict[str, str] = field(default_factory=dict)  # code id -> its memo's note GUID
    description: str = ""  # the project's
    variables: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (guid, type)
    variable_names: dict[str, str] = field(default_factory=dict)  # guid -> name
    group_variable: str | None = None  # the variable that gave the participants' group
    group_order: list[str] = field(default_factory=list)  # as a lernet export noted it
    codebook_name: str = ""  # the codebook's own name, as a lernet export noted it
    made_from_names: list[str] = field(default_factory=list)
    """Participants made from source names (no case named the source), in source order."""
    named_in_values: list[tuple[str, list[str]]] = field(default_factory=list)
    """Participants with the names found in their description or variables' values, to be
    redacted (`names_in_values`)."""
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    used_links: set[str] = field(default_factory=set)  # GUIDs of links that placed a note


def _user_name(user: etree._Element, lernet_made: bool) -> str:
    """A user's name (else its id); in lernet's own archive the machine's users (`lernet rules
    (not reviewed)`, id `auto`; id `similar`) are that coder again, and so are users by those
    names in any language (QualCoder writes the archive again without the users' ids)."""
    if lernet_made and (user.get("id") or "").strip() in ("auto", "similar"):
        return (user.get("id") or "").strip()
    name = (user.get("name") or user.get("id") or "").strip()
    return machine_of_name(name) or name


def _named_users(users: dict[str, str], notices: list[str]) -> dict[str, str]:
    """Users without a name or id each named after their GUID ("unnamed user 6111b4b5"), so
    that two of them stay two coders, not one "unknown" whose codings agree with themselves."""
    nameless = [g for g, name in users.items() if not name and g]
    if not nameless:
        return users
    short = {g: g.strip("{}")[:8] for g in nameless}
    clash = len(set(short.values())) < len(nameless)
    for g in nameless:
        users[g] = f"unnamed user {g.strip('{}') if clash else short[g]}"
    shown = ", ".join(repr(users[g]) for g in nameless[:6]) + (", ..." if len(nameless) > 6 else "")
    notices.append(
        f"{counted(len(nameless), 'user')} of the archive "
        f"{'has' if len(nameless) == 1 else 'have'} no name: their codings are under {shown} "
        "(the first characters of their GUID)"
    )
    return users


def _source_text_of(
    el: etree._Element, zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], path: Path
) -> str | None:
    """Inline PlainTextContent, or the UTF-8 file `internal://` names in the sources folder (in
    any case: `sources/` as REFI-QDA names it, `Sources/` as some tools write it); a byte-order
    mark is not counted."""
    found = _source_bytes(el, zf, members, path)
    return found if found is None else found[0]


def _source_bytes(
    el: etree._Element,
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    path: Path,
    warnings: list[str] | None = None,
) -> tuple[str, bool] | None:
    """A source's or note's text and whether its file began with a byte-order mark; None when
    the archive does not hold it (a path outside the archive that is not beside it either:
    see `_outside`). Text that is not UTF-8 is read as Windows-1252 with a warning."""
    content = _kid(el, "PlainTextContent")
    if content is not None:
        return content.text or "", False
    ref = el.get("plainTextPath") or ""
    name = printable(el.get("name") or el.get("guid") or "source")
    if not ref.startswith("internal://"):
        found = _outside(ref, path)
        if found is None:
            return None
        data, where = found
        if warnings is not None:
            warnings.append(
                f"read source {name!r} from {where} (the archive names it outside itself)"
            )
    else:
        member = f"{SOURCES_DIR}/" + ref[len("internal://") :]
        info = members.get(member) or next(
            (i for n, i in members.items() if n.casefold() == member.casefold()), None
        )
        if info is None:
            raise ProjectError(f"the archive lacks {member!r}, named by a source", path)
        data = _read_member(zf, info, path)
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise TranscriptError(
            "source text is not UTF-8 (REFI-QDA requires UTF-8) nor Windows-1252", name
        ) from None
    if warnings is not None:
        warnings.append(
            f"source {name!r}: its text is not UTF-8 (as REFI-QDA requires); read it as "
            "Windows-1252: check its accented letters and quotation marks"
        )
    return text, False


MAX_OUTSIDE_BYTES = 50_000_000


def _outside_path(ref: str) -> str:
    """The path an `absolute://` or `relative://` reference names ("" for any other)."""
    for scheme in ("absolute://", "relative://"):
        if ref.startswith(scheme):
            return ref[len(scheme) :]
    return ""


def _outside(ref: str, archive: Path) -> tuple[bytes, str] | None:
    """A source the archive keeps outside itself (NVivo's `absolute://C:/Users/...` or
    `relative://Transcripts/x.txt`), read when the file stands beside the archive: at its
    relative path from the archive's folder, or by its file name there."""
    named = _outside_path(ref).replace("\\", "/")
    if not named:
        return None
    folder = archive.resolve().parent
    tries = [PurePosixPath(named).name]
    if ref.startswith("relative://"):
        tries.insert(0, named)
    for rel in tries:
        parts = PurePosixPath(rel).parts
        if not rel or ".." in parts or PurePosixPath(rel).is_absolute():
            continue
        candidate = folder.joinpath(*parts)
        try:
            if candidate.is_file() and candidate.stat().st_size <= MAX_OUTSIDE_BYTES:
                return candidate.read_bytes(), str(candidate)
        except OSError:
            continue
    return None


VALUE_KINDS = {
    "TextValue": "Text",
    "BooleanValue": "Boolean",
    "IntegerValue": "Integer",
    "FloatValue": "Float",
    "DateValue": "Date",
    "DateTimeValue": "DateTime",
}


def _value(value_el: etree._Element) -> str | int | float | bool | None:
    """A case's value of a variable: a number or a yes/no as such, else its text."""
    for kind in VALUE_KINDS:
        found = _kid(value_el, kind)
        if found is None or not (found.text or "").strip():
            continue
        text = (found.text or "").strip()
        try:
            if kind == "IntegerValue":
                return int(text)
            if kind == "FloatValue":
                return float(text)
        except ValueError:
            return text
        if kind == "BooleanValue" and text.lower() in ("true", "false", "1", "0"):
            return text.lower() in ("true", "1")
        return text
    return None


def _selection(sel: etree._Element, owner: str) -> _TextSelection | None:
    """A PlainTextSelection as read, positions still as the archive counts them."""
    try:
        start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
    except ValueError:
        return None
    owner = sel.get("creatingUser") or owner
    made = sel.get("creationDateTime")
    codings = []
    for c in _kids(sel, "Coding"):
        ref = _kid(c, "CodeRef")
        target = ref.get("targetGUID", "") if ref is not None else ""
        when = stored_time(c.get("creationDateTime") or made)
        codings.append(Coded(c.get("guid", ""), target, c.get("creatingUser") or owner, when))
    desc = _kid(sel, "Description")
    description = (desc.text or "") if desc is not None else ""
    meta = _META_RE.search(description)
    evidence = None
    if meta and meta["evidence_start"]:
        evidence = (int(meta["evidence_start"]), int(meta["evidence_end"]))
    notes = [r.get("targetGUID", "") for r in _kids(sel, "NoteRef")]
    return _TextSelection(
        sel.get("guid", ""),
        start,
        end,
        description,
        codings,
        notes,
        evidence,
        user=owner,
        note=described_note(description),
        name=sel.get("name") or "",
        made=stored_time(made),
    )


_LERNET_LINES_RE = re.compile(r"^(?:Evidence|Bewijs|Direction|Richting): |^lernet: ")
"""The lines of a selection's Description that lernet writes besides the note, in either
language."""


def described_note(description: str) -> str:
    """What a person wrote in a selection's Description: lernet's `Note:` line and any line
    they added beside lernet's (a remark typed into the coding's memo in QualCoder); where no
    line is lernet's, the whole text, as QualCoder, MAXQDA and NVivo keep a coding's memo
    there."""
    noted = _NOTE_RE.search(description)
    if not noted and not LERNET_LINE_RE.search(description):
        return description.strip()
    lines = []
    for line in description.splitlines():
        if not _LERNET_LINES_RE.match(line):
            note = _NOTE_RE.match(line)
            lines.append(note["text"] if note else line)
    return "\n".join(lines).strip()


def _described_selections(archive: _Archive) -> None:
    """A selection without codings whose Description holds what a person wrote (MAXQDA's and
    QualCoder's annotation) and no note of the archive: that text as a note on its words, by
    the selection's maker, under a GUID made from the selection's (the same at every import)."""
    for src in archive.sources:
        for sel in src.selections:
            if sel.codings or not sel.note or any(g in archive.notes for g in sel.notes):
                continue
            guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"lernet:annotation:{sel.guid}"))
            author = archive.users.get(sel.user, "") or "unknown"
            archive.notes[guid] = (author, sel.note)
            if sel.made:
                archive.note_times[guid] = sel.made
            sel.notes.append(guid)


def _coding_memos_once(archive: _Archive) -> None:
    """A coded selection whose Description (its coding's memo) says what a note on the same
    words says, a note of the selection or an annotation the source refers to: one memo that
    the tool wrote twice (a lernet export of a merged coding memo, QualCoder's export of it
    again), kept as the coding's note only, so that it does not come back as a memo too. A
    lernet archive is left as its project had it."""
    if archive.lernet_made:
        return
    for src in archive.sources:
        said: dict[tuple[int, int], set[str]] = {}
        for sel in src.selections:
            if sel.codings and sel.note:
                text = " ".join(sel.note.split())
                said.setdefault((sel.start, sel.end), set()).add(text)
                sel.notes = [
                    g
                    for g in sel.notes
                    if g not in archive.notes or " ".join(archive.notes[g][1].split()) != text
                ]
        src.selections = [
            sel
            for sel in src.selections
            if sel.codings
            or not sel.notes
            or sel.description
            or not all(
                g in archive.notes
                and " ".join(archive.notes[g][1].split()) in said.get((sel.start, sel.end), ())
                for g in sel.notes
            )
        ]


def _described_sources(archive: _Archive) -> None:
    """What a person wrote in a source's Description (QualCoder keeps a memo on a source there,
    and writes no note for it): a memo on the whole source, by the source's maker, under a GUID
    made from the source's (the same at every import). A lernet export writes its memos on the
    whole transcript there too, before its own lines, as well as notes the source refers to:
    those notes' texts are left out, so that a lernet archive gives each memo once."""
    for src in archive.sources:
        rest = src.memo
        own = [archive.notes[g][1] for g in src.notes if g in archive.notes]
        for text in own:  # a paragraph (or more) of its own, wherever it stands now
            padded = f"\n\n{rest}\n\n"
            at = padded.find(f"\n\n{text}\n\n")
            if at >= 0:
                rest = (padded[:at] + padded[at + 2 + len(text) :]).strip()
        if not rest or rest in own:
            continue
        guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"lernet:source memo:{src.guid}"))
        archive.notes[guid] = (archive.users.get(src.memo_by, "") or "unknown", rest)
        if src.memo_made:
            archive.note_times[guid] = src.memo_made
        src.notes.append(guid)


def _read_sources(
    root: etree._Element,
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    path: Path,
    warnings: list[str],
    variables: dict[str, str],
) -> list[_Source]:
    sources: list[_Source] = []
    skipped: dict[str, list[str]] = {}
    sources_el = _kid(root, "Sources")
    for el in list(sources_el) if sources_el is not None else []:
        kind = _local(el)
        name = el.get("name") or el.get("guid") or "source"
        text_el = el if kind == "TextSource" else _pdf_text(el) if kind == "PDFSource" else None
        if text_el is None:
            if kind:
                skipped.setdefault(kind, []).append(el.get("name") or el.get("guid") or "?")
            continue
        if text_el is not el and (areas := len(_kids(el, "PDFSelection"))):
            warnings.append(
                f"skipped {counted(areas, 'coded area')} (PDFSelection) of the PDF "
                f"{printable(name)!r}: "
                "lernet codes its text"
            )
        try:
            found = _source_bytes(text_el, zf, members, path, warnings)
        except TranscriptError as exc:
            warnings.append(f"skipped source {printable(name)!r}: {exc.message}")
            continue
        if found is None:
            warnings.append(_not_in_archive(text_el, name, path))
            continue
        text, bom = found
        interviewers, speakers = _notes_of(el)
        source = _Source(el.get("guid", ""), name, text, [], interviewers, speakers=speakers)
        source.bom = bom
        desc = _kid(el, "Description")
        source.own_layout = bool(_LAYOUT_RE.search((desc.text or "") if desc is not None else ""))
        owner = el.get("creatingUser") or root.get("creatingUserGUID") or ""
        source.memo = source_memo((desc.text or "") if desc is not None else "")
        source.memo_by = owner
        source.memo_made = stored_time(el.get("modifiedDateTime") or el.get("creationDateTime"))
        for sel_el in _kids(text_el, "PlainTextSelection"):
            sel = _selection(sel_el, owner)
            if sel is None:
                warnings.append(f"skipped a selection without positions in {name!r}")
            else:
                source.selections.append(sel)
        noted = _kids(el, "NoteRef") + (_kids(text_el, "NoteRef") if text_el is not el else [])
        source.notes = [r.get("targetGUID", "") for r in noted]
        source.variables = _values_of(el, variables)
        whole = len(_kids(el, "Coding"))
        if whole:
            warnings.append(f"skipped {counted(whole, 'coding')} of the whole source {name!r}")
        sources.append(source)
    if skipped:
        warnings.append(
            "skipped non-text sources (lernet codes text): "
            + "; ".join(f"{len(n)} {kind} ({_names(n)})" for kind, n in skipped.items())
        )
    return sources


def _pdf_text(el: etree._Element) -> etree._Element | None:
    """A PDF source's text, as QualCoder and NVivo write it beside the PDF (its Representation,
    with the codings of that text): what lernet takes of a PDF."""
    rep = _kid(el, "Representation")
    if rep is None or not (rep.get("plainTextPath") or _kid(rep, "PlainTextContent") is not None):
        return None
    return rep


def _not_in_archive(el: etree._Element, name: str, archive: Path) -> str:
    """Why a source was skipped, where its text was looked for, and how to bring it in."""
    ref = el.get("plainTextPath") or ""
    codings = sum(len(_kids(sel, "Coding")) for sel in _kids(el, "PlainTextSelection"))
    lost = f" and its {counted(codings, 'coding')}" if codings else ""
    named = _outside_path(ref).replace("\\", "/")
    if not named:
        return f"skipped source {printable(name)!r}{lost}: the archive holds no text for it"
    file = PurePosixPath(named).name
    beside = archive.resolve().parent
    where = f"{beside / named}" if ref.startswith("relative://") else f"{beside / file}"
    return (
        f"skipped source {printable(name)!r}{lost}: its text is outside the archive, at "
        f"{printable(named)!r}, and not at {where}; put that file there and import again, or "
        "export the project again with its sources inside the archive"
    )


def _names(names: list[str], most: int = 10) -> str:
    """'a', 'b' and 3 more: what was left out, by name."""
    shown = ", ".join(repr(printable(n)) for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _counting(root: etree._Element, archive: _Archive) -> str:
    """How the archive counts positions: as its lernet Description says; in code points for tools
    known to (QualCoder, Taguette, older lernet); in UTF-16 code units for the others, as NVivo
    does; and in UTF-16 code units whenever a selection ends past a text's code points."""
    desc = _kid(root, "Description")
    said = _POSITIONS_RE.search((desc.text or "") if desc is not None else "")
    if said:
        return said["positions"]
    origin = archive.origin.casefold()
    if archive.lernet_made or any(tool in origin for tool in CODEPOINT_TOOLS):
        guess = "codepoints"
    else:
        guess = "utf16"
    for src in archive.sources:
        length = len(src.text)
        if any(length < s.end <= utf16_length(src.text) for s in src.selections):
            return "utf16"
    return guess


def _line_ends_as_one(src: _Source, origin: str) -> bool:
    """Whether a source's selections count a Windows line end (CR LF) as one character: its
    text has them, and the words each selection is named by (QualCoder, ATLAS.ti) stand at
    their positions more often when counted so (QualCoder's export with line ends for MAXQDA
    writes CR LF into the file and keeps the positions of its own text, which has LF alone);
    where the names do not tell, for ATLAS.ti, which counts so (as QualCoder's import found),
    unless a selection ends past the text counted so."""
    if "\r\n" not in src.text:
        return False
    named = [s for s in src.selections if s.name.split()]
    lf = src.text.replace("\r\n", "\n")

    def fits(text: str, sel: _TextSelection) -> bool:
        said = " ".join(sel.name.split())[:60]
        return " ".join(text[sel.start : sel.end].split())[: len(said)] == said

    as_one, as_two = sum(fits(lf, s) for s in named), sum(fits(src.text, s) for s in named)
    if as_one != as_two:
        return as_one > as_two
    longest = utf16_length(lf)
    return "atlas" in origin.casefold() and all(s.end <= longest for s in src.selections)


class _Back:
    """A position as a string index: as `Counter.back`, then, where the positions count a CR LF
    as one character (`crlf_text`, the text that has them), one on after each."""

    def __init__(self, counter: Counter, crlf_text: str):
        self.counter = counter
        # where each CR LF's LF stands in the text without CRs
        self.breaks = [m.start() - n for n, m in enumerate(re.finditer("\r\n", crlf_text))]

    def __call__(self, position: int, end: bool = False) -> int:
        index = self.counter.back(position, end)
        return index + bisect.bisect_left(self.breaks, index)


def _to_indices(archive: _Archive) -> None:
    """Positions as Python string indices (code points), whatever the archive counted."""
    shifted = []
    one_line_end = []
    for src in archive.sources:
        crlf = _line_ends_as_one(src, archive.origin)
        text = src.text.replace("\r\n", "\n") if crlf else src.text
        if crlf:
            one_line_end.append(src.name)
        elif utf16_length(text) == len(text):
            continue  # both counts agree on this text
        if utf16_length(text) != len(text):
            shifted.append(src.name)
        back = _Back(Counter(text, archive.positions), src.text if crlf else "")
        for sel in src.selections:
            sel.start, sel.end = back(sel.start), back(sel.end, end=True)
            if sel.evidence is not None:
                a, b = sel.evidence
                sel.evidence = (back(a), back(b, end=True))
    if one_line_end:
        archive.notices.append(
            "counted a line end (CR LF) as one character in "
            f"{counted(len(one_line_end), 'source')}, as "
            "QualCoder's export for MAXQDA and ATLAS.ti count them (the selections' words say so, "
            "or the archive is ATLAS.ti's): "
            + ", ".join(one_line_end[:3])
            + (", ..." if len(one_line_end) > 3 else "")
        )
    if shifted:
        archive.notices.append(
            f"read positions as {POSITION_NAMES[archive.positions]}"
            f"{' (as ' + archive.origin + ' counts them)' if archive.origin else ''} in "
            f"{counted(len(shifted), 'source')} with characters that the two counts differ on "
            "(emoji): " + ", ".join(shifted[:3]) + (", ..." if len(shifted) > 3 else "")
        )


def _read_variables(root: etree._Element, archive: _Archive) -> None:
    """The project's variables, by GUID, and which of them gives the group (`group_variable`)."""
    for v in _kids(_kid(root, "Variables"), "Variable"):
        name = " ".join((v.get("name") or "").split())
        if name:
            archive.variable_names[v.get("guid", "")] = name
            archive.variables.setdefault(name, (v.get("guid", ""), v.get("typeOfVariable") or ""))
    archive.group_variable, others = group_variable(archive.variables)
    for v in _kids(_kid(root, "Variables"), "Variable"):
        if " ".join((v.get("name") or "").split()) == archive.group_variable:
            archive.group_order = _group_order(_kid(v, "Description"))
    if others:
        archive.notices.append(
            f"took the group from the variable {archive.group_variable!r}, not from "
            + ", ".join(repr(o) for o in others)
            + " (rename them in the other tool, or edit group: in participants.yaml)"
        )


def _group_order(described: etree._Element | None) -> list[str]:
    """The groups in the order a lernet export noted on the group variable (see qdaxml)."""
    said = _GROUP_ORDER_RE.search((described.text or "") if described is not None else "")
    try:
        order = json.loads(said["order"]) if said else []
    except ValueError:
        return []
    if not isinstance(order, list):
        return []
    return [g for g in order if isinstance(g, str) and g.strip()]


def _values_of(el: etree._Element, variables: dict[str, str]) -> dict[str, Any]:
    """A case's or a source's (MAXQDA's document variables) values, by variable name."""
    values: dict[str, Any] = {}
    for value in _kids(el, "VariableValue"):
        ref = _kid(value, "VariableRef")
        name = variables.get(ref.get("targetGUID", "") if ref is not None else "", "")
        found = _value(value)
        if name and found is not None:
            values.setdefault(name, found)
    return values


def _person(values: dict[str, Any], archive: _Archive, entry: dict[str, Any]) -> None:
    """A participant's group, label and other variables from a case's or a source's values."""
    kept: dict[str, Any] = {}
    for name, found in values.items():
        var = name.casefold()
        if not (archive.lernet_made and var in ("group", "label")):  # lernet's own
            kept[name] = found
        if name == archive.group_variable and "group" not in entry:
            entry["group"] = str(found)
        elif var in LABEL_VARIABLES and "label" not in entry:
            entry["label"] = str(found)
    if kept:
        entry["variables"] = kept


def _read_cases(root: etree._Element, archive: _Archive) -> None:
    """Cases become participants with their description and every variable's value (under
    `variables:`); the variable `group_variable` names gives the group, one named label the
    label."""
    taken: set[str] = set()
    for n, case in enumerate(_kids(_kid(root, "Cases"), "Case"), 1):
        pid = _unique(" ".join((case.get("name") or "").split()) or f"case-{n}", taken)
        entry: dict[str, Any] = {"id": pid}
        values = _values_of(case, archive.variable_names)
        described = _kid(case, "Description")
        _person(values, archive, entry)
        text = (described.text or "") if described is not None else ""
        if archive.lernet_made:
            text = _names_to_hide(text, entry)
        if text.strip():
            entry["description"] = text.strip()
            if "variables" in entry:  # as before: description first
                entry["variables"] = entry.pop("variables")
        _names_in_values(archive, entry)
        archive.people[pid] = entry
        if case.get("guid"):
            archive.case_guids[pid] = case.get("guid", "")
        for ref in _kids(case, "SourceRef"):
            archive.source_owner.setdefault(ref.get("targetGUID", ""), pid)
        for ref in _kids(case, "SelectionRef"):
            archive.selection_owner.setdefault(ref.get("targetGUID", ""), pid)


def _names_to_hide(text: str, entry: dict[str, Any]) -> str:
    """A lernet case's Description without the lines that list its names to hide (an archive
    written --no-anonymize), which go to the participant's `names:` and `organisations:`."""
    for found in _HIDDEN_RE.finditer(text):
        try:
            listed = json.loads(found["list"])
        except ValueError:
            continue
        if isinstance(listed, list):
            kept = [n for n in listed if isinstance(n, str) and n.strip()]
            if kept:
                entry[found["kind"]] = list(dict.fromkeys([*entry.get(found["kind"], []), *kept]))
    return _HIDDEN_RE.sub("", text)


_ID_WORD_RE = regex.compile(r"(?<![\w])(?=[\p{L}\d]*\d)(?=[\p{L}\d]*\p{L})[\p{L}\d]{2,12}(?![\w])")
_WORD_RE = regex.compile(r"\p{Lu}[\p{L}'’.-]*")
_TITLES = {"dr", "prof", "mr", "mrs", "ms", "miss", "mx", "sir", "dhr", "mevr", "mw", "ir", "drs"}
_REMARK_RE = regex.compile(r"\(([^()]*)\)|,([^,()]*)$")
_FILE_EXTENSION_RE = regex.compile(
    r"\.(?:txt|text|docx?|odt|rtf|pdf|md|html?|vtt|srt|epub)$", regex.IGNORECASE
)
"""The extension of a text's file, which a source's name keeps when a tool names it after its
file (QualCoder: "Interview Ruth.docx")."""


def _is_name(words: list[str]) -> bool:
    """Capitalised words read as a person's (or an organisation's) name: no role among them
    ("Practice Manager", "Nurse") and not all of them ordinary words of one language ("Site
    Visit Notes", "Focus Group", "Final"; also "Mark Smith", two English words, which the
    import's summary leaves to the researcher to add to names:)."""
    from ..language.names import is_ordinary_word
    from ..readers.labels.shape import _role_like

    keys = [w.casefold().strip(".'’-") for w in words]
    keys = [k for k in keys if k]
    if not keys or any(_role_like(k) for k in keys):
        return False
    parts = [p for k in keys for p in k.split("-") if p]  # "Follow-up": its words
    return not any(all(is_ordinary_word(k, lang) for k in parts) for lang in ("en", "nl"))


_NAME_PARTICLES = frozenset("van de der den ter ten von vom zu la le du da di del des dos".split())
"""Lower-case words inside a surname ("Hanneke de Vries", "Jan van der Berg")."""


def _runs(text: str) -> list[list[str]]:
    """Runs of capitalised words of `text` (with the particles inside a surname: "Hanneke de
    Vries"), broken by titles (Dr, Prof), acronyms (ICB) and other words."""
    runs: list[list[str]] = []
    current: list[str] = []
    particles: list[str] = []  # after the run, taken in when a capitalised word follows
    for token in text.split():
        word = token.strip(",;:-–—[]")
        acronym = word.isupper() and len(word) <= 5  # ICB, NHS, GP: not a name
        if _WORD_RE.fullmatch(word) and not acronym and word.casefold().rstrip(".") not in _TITLES:
            current.extend(particles)
            particles = []
            current.append(word.rstrip(".") if not word.endswith("'") else word)
            continue
        if current and word == token and word in _NAME_PARTICLES:
            particles.append(word)
            continue
        particles = []
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def name_parts(source_name: str) -> tuple[str | None, list[str], list[str]]:
    """What a source's name says of its participant: a word of letters and digits that may be
    their id ("GP07"), the people's names in it ("Peter Walsh" of "GP07 Dr Peter Walsh") and the
    organisations in a remark (in brackets, or after a comma: "Raj Patel (Westgate
    Pharmacy)"). Names are runs of capitalised words that are not all ordinary words. QualCoder
    and NVivo name a source after its file: the extension is no part of a name, nor is a word
    file names hold besides names ("Interview Hanneke.txt" names Hanneke, not "Interview
    Hanneke.txt", which would hide neither her name nor anything else)."""
    from ..analysis.name_files import FILE_WORDS

    source_name = _FILE_EXTENSION_RE.sub("", source_name.strip())
    remarks = [(m[1] or m[2] or "").strip() for m in _REMARK_RE.finditer(source_name)]
    main = _REMARK_RE.sub(" ", source_name)
    found = _ID_WORD_RE.search(main)
    pid = found.group(0) if found else None
    rest = main if found is None else main[: found.start()] + " " + main[found.end() :]
    runs = [
        part
        for run in _runs(rest)
        for part in _split_at(run, lambda w: w.casefold().strip(".'’-") in FILE_WORDS)
    ]
    names = [" ".join(run) for run in runs if _is_name(run)]
    organisations = [
        r for r in remarks if r and any(_is_name(run) or _is_organisation(run) for run in _runs(r))
    ]
    return pid, names, organisations


def said_as_names(source_name: str, text: str) -> list[str]:
    """The runs of two or more capitalised words in a source's name that `name_parts` passes
    over as ordinary words ("Bram Visser": both words of the Dutch dictionary, as Dutch
    surnames often are) but that the source's text writes capitalised after a word in lower
    case, within a sentence ("Ik ben Bram Visser"): a name there too, not a file's words."""
    from ..analysis.name_files import FILE_WORDS
    from ..readers.labels.shape import _role_like

    main = _REMARK_RE.sub(" ", _FILE_EXTENSION_RE.sub("", source_name.strip()))
    found = []
    for run in _runs(_ID_WORD_RE.sub(" ", main)):
        for part in _split_at(run, lambda w: w.casefold().strip(".'’-") in FILE_WORDS):
            if len(part) < 2 or _is_name(part) or any(_role_like(w.casefold()) for w in part):
                continue
            if all(
                regex.search(rf"(?<=\p{{Ll}}[,;:]?\s+){regex.escape(w)}(?!\w)", text) for w in part
            ):
                found.append(" ".join(part))
    return found


def _split_at(run: list[str], apart: Callable[[str], bool]) -> list[list[str]]:
    """The parts of a run of words between the words `apart` takes out."""
    parts: list[list[str]] = [[]]
    for word in run:
        if apart(word):
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


def _is_organisation(words: list[str]) -> bool:
    """A remark's capitalised words that name an organisation though all are ordinary words
    ("Northern Health Authority", "Riverside Medical Practice"): they end in a word for a kind
    of organisation (not in a role: "Practice Manager") and another word says which ("NHS
    Trust" says no more than its kind)."""
    from ..language.organisations import is_organisation_word

    kinds = [is_organisation_word(w) for w in words]
    return len(words) >= 2 and kinds[-1] and not all(kinds)


def _people_from_sources(archive: _Archive) -> None:
    """A participant for each source no case names (MAXQDA writes none): its id from the
    source's name, without the person's name in it ("GP07" of "GP07 Dr Peter Walsh"; "P03" for
    the third source when its name has no id), that name kept to be redacted (`names:`), and its
    group and variables from the source's document variables."""
    cased = set(archive.source_owner)
    taken = {p.casefold() for p in archive.people}
    by_guid = {guid: pid for pid, guid in archive.case_guids.items()}
    for n, src in enumerate(archive.sources, 1):
        word, names, organisations = name_parts(src.name)
        if not names and not archive.lernet_made:
            names = said_as_names(src.name, src.text)
        if not archive.lernet_made:  # a lernet export's names are anonymized or listed
            src.person_names = [*names, *organisations]
        if src.guid in cased:
            # NVivo's "Interview GP01 - Dr Helen Marsh" of case GP01: her name, to redact
            owner = archive.people.get(archive.source_owner[src.guid])
            if owner is not None and not archive.lernet_made:
                for key, more in (("names", names), ("organisations", organisations)):
                    if more:
                        owner[key] = list(dict.fromkeys([*owner.get(key, []), *more]))
                _document_values(src, owner, archive)
            continue
        if not archive.lernet_made and any(
            sel.guid in archive.selection_owner for sel in src.selections
        ):
            continue
        if archive.lernet_made and src.speakers:
            # a group interview whose every speaker is a case: no participant of its own; one
            # speaker alone (an older lernet's export of a participant labelled by their full
            # name) is the interview's participant
            speaking = {by_guid.get(g) for g in src.speakers.values()}
            if len(speaking) == 1 and None not in speaking:
                src.owner = speaking.pop()
            continue
        if names or organisations:
            pid = word or f"P{n:02d}"
        else:
            pid = PurePosixPath(_source_path(src.name, f"source-{n}.txt")).stem
        entry = archive.people.get(pid)
        if entry is None:
            if pid.casefold() in taken:  # another's id, in another case
                pid = _unique(pid, {p for p in archive.people})
            entry = archive.people.setdefault(pid, {"id": pid})
            taken.add(pid.casefold())
            archive.made_from_names.append(pid)
        for key, more in (("names", names), ("organisations", organisations)):
            if more:
                entry[key] = list(dict.fromkeys([*entry.get(key, []), *more]))
        _person(src.variables, archive, entry)
        _names_in_values(archive, entry)
        src.owner = pid


def _document_values(src: _Source, entry: dict[str, Any], archive: _Archive) -> None:
    """A source's own variables (QualCoder's file attributes, NVivo's and MAXQDA's document
    variables) on the participant whose case names the source, where the case has no value of
    its own (a differing one is named, the case's kept), with the names in them to hide."""
    have = dict(entry.get("variables") or {})
    merged = dict(have)
    for name, value in src.variables.items():
        if name not in merged:
            merged[name] = value
        elif merged[name] != value:
            archive.warnings.append(
                f"source {printable(src.name)!r}: its {name!r} is {value!r}, its case "
                f"{entry['id']!r} has {merged[name]!r}: kept the case's"
            )
    if merged != have:
        _person(merged, archive, entry)
        _names_in_values(archive, entry)


_CLAUSE_RE = regex.compile(r"[()\[\]]|[.!?;:\n]+(?:\s|$)|\s[-–—]\s|,\s")


def names_in_values(text: str) -> tuple[list[str], list[str]]:
    """The people's and organisations' names in a case's description or a variable's value
    ("Interviewed by Griet Mertens at Bouwbedrijf Hoekstra"): runs of capitalised words within
    a clause that `_is_name` takes for a name, without a clause's first word where its capital
    is the clause's ("Interviewed" of "Interviewed by …", the "Met" of "Met Griet Mertens
    gesproken"); an organisation's when a word of it says so ("Bouwbedrijf Hoekstra"). Like a
    source's name, a name of ordinary words only ("Mark Smith") is not found."""
    from ..language.organisations import looks_like_organisation
    from ..language.stopwords import BY_LANGUAGE

    def ordinary(word: str) -> bool:
        key = word.casefold().strip(".'’-")
        return any(key in words for words in BY_LANGUAGE.values())

    people: list[str] = []
    organisations: list[str] = []
    for clause in _CLAUSE_RE.split(text):
        first = (clause.split() or [""])[0].strip(",;:-–—[]")
        for n, run in enumerate(_runs(clause)):
            words = list(run)
            if n == 0 and words[0] == first.rstrip("."):
                # at the clause's start a capital says nothing: a function word there, or a
                # word alone before the clause goes on ("Geïnterviewd door …"), is no name
                while words and ordinary(words[0]):
                    words.pop(0)
                if len(run) == 1 and len(clause.split()) > 1:
                    words = []
            if not words or not _is_name(words):
                continue
            name = " ".join(words)
            (organisations if looks_like_organisation(name) else people).append(name)
    return list(dict.fromkeys(people)), list(dict.fromkeys(organisations))


def _names_in_values(archive: _Archive, entry: dict[str, Any]) -> None:
    """The names in a participant's description and the text of their variables (not the one
    that gives their group, nor their label, which outputs show), added to their `names:` and
    `organisations:`, so outputs hide them as they hide the names in a source's name. Not for
    a lernet archive, whose values are anonymized or whose names are listed already."""
    if archive.lernet_made:
        return
    texts = [str(entry.get("description") or "")]
    for name, value in (entry.get("variables") or {}).items():
        var = name.casefold()
        if name == archive.group_variable or var in LABEL_VARIABLES or var in ("group", "label"):
            continue
        if isinstance(value, str):
            texts.append(value)
    found: list[str] = []
    for key, more in zip(
        ("names", "organisations"), names_in_values("\n".join(texts)), strict=True
    ):
        new = [n for n in more if n not in entry.get(key, [])]
        if new:
            entry[key] = [*entry.get(key, []), *new]
            found += new
    if found:
        archive.named_in_values.append((str(entry["id"]), found))


def _source_path(name: str, fallback: str) -> str:
    """A source name as a transcript path: relative, without `..`."""
    parts = [p.strip() for p in name.replace("\\", "/").split("/")]
    return "/".join(p for p in parts if p and p not in (".", "..")) or fallback


def _project_qde(members: dict[str, zipfile.ZipInfo], path: Path) -> zipfile.ZipInfo:
    """`project.qde`, in any case; or the one .qde at the top, as ATLAS.ti names it after the
    project."""
    found = members.get("project.qde") or next(
        (i for n, i in members.items() if n.casefold() == "project.qde"), None
    )
    if found is not None:
        return found
    top = [i for n, i in members.items() if "/" not in n and n.casefold().endswith(".qde")]
    if len(top) == 1:
        return top[0]
    if top:
        raise ProjectError(
            "not a REFI-QDA project: several .qde files and none called project.qde", path
        )
    deeper = sorted(n for n in members if n.casefold().endswith(".qde"))
    if deeper:
        raise ProjectError(
            f"not a REFI-QDA project: its {deeper[0]!r} is not at the top of the archive; zip "
            "the files inside that folder, not the folder, or export the .qdpx again",
            path,
        )
    raise ProjectError("not a REFI-QDA project: no project.qde in the archive", path)


def _one_folder_down(
    members: dict[str, zipfile.ZipInfo], path: Path, notices: list[str]
) -> dict[str, zipfile.ZipInfo]:
    """A .qdpx unzipped and zipped again as its folder ("RA_export/project.qde",
    "RA_export/sources/..."): read as if the folder's content were at the top."""
    if any("/" not in n and n.casefold().endswith(".qde") for n in members):
        return members
    folders = {n.split("/", 1)[0] for n in members if "/" in n}
    below = [
        f
        for f in sorted(folders)
        if any(n.casefold() == f"{f}/project.qde".casefold() for n in members)
    ]
    if len(below) != 1 or any("/" not in n for n in members):
        return members
    prefix = below[0] + "/"
    notices.append(f"read the project from the folder {below[0]!r} inside the archive")
    return {n[len(prefix) :]: i for n, i in members.items() if n.startswith(prefix)}


OTHER_FORMATS = {
    ".nvp": ("NVivo", "NVivo's own project format (Windows)"),
    ".nvpx": ("NVivo", "NVivo's own project format (Mac)"),
    ".mex": ("MAXQDA", "a MAXQDA exchange file"),
}


def other_format(path: Path) -> tuple[str, str] | None:
    """(program, what it is) of a file of another program's own format, by its extension
    (.nvp, .mx24, .hpr7, .atlproj): those programs export REFI-QDA only on request."""
    suffix = path.suffix.casefold()
    if suffix in OTHER_FORMATS:
        return OTHER_FORMATS[suffix]
    if regex.fullmatch(r"\.mx\d{0,2}[a-z]?", suffix):
        return "MAXQDA", "MAXQDA's own project format"
    if regex.fullmatch(r"\.atlproj\d*|\.hpr\d+", suffix):
        return "ATLAS.ti", "ATLAS.ti's own project format"
    return None


def _wrong_file(path: Path, head: bytes) -> ProjectError | None:
    """A helpful refusal for a file that is no .qdpx: another program's own project, or a
    REFI-QDA codebook (.qdc)."""
    found = other_format(path)
    if found is not None:
        tool, kind = found
        return ProjectError(
            f"this is {kind}, which lernet cannot read; in {tool}, export the project as a "
            "REFI-QDA project (.qdpx) and import that file",
            path,
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.casefold() == ".qdc" or (
        text.startswith(b"<") and b"CodeBook" in head and b"<Project" not in head
    ):
        return ProjectError(
            "this is a REFI-QDA codebook (.qdc: codes without sources or codings); make a "
            "lernet codebook of it with `lernet codebook import "
            f"{printable(path.name)} -o codebook.yaml`, or import the project's .qdpx",
            path,
        )
    return None


def read_archive(path: Path) -> _Archive:
    # No cap on the archive itself: only its directory and the members' bytes are read, and
    # `_safe_members` caps those.
    fh = open_regular(path, ProjectError, what="a REFI-QDA archive")
    notices: list[str] = []
    try:
        head = fh.read(4096)
        fh.seek(0)
        wrong = _wrong_file(path, head) if path.suffix.casefold() != ".qdpx" else None
        if wrong is None and not head.startswith(b"PK"):
            wrong = _wrong_file(path, head)
        if wrong is not None:
            raise wrong
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        fh.close()
        raise ProjectError(
            "not a REFI-QDA project (a .qdpx is a zip archive; this file is not one): export "
            "the project from NVivo, MAXQDA or ATLAS.ti as a REFI-QDA project (.qdpx), and "
            "do not rename their own project files",
            path,
        ) from None
    except ProjectError:
        fh.close()
        raise
    with fh, zf:
        members = _one_folder_down(_safe_members(zf, path), path, notices)
        qde = _project_qde(members, path)
        where = f"{path}!{qde.filename}"
        root = _parse_xml(_read_member(zf, qde, path), where, ProjectError)
        if _local(root) != "Project":
            raise ProjectError(f"not a REFI-QDA project: {qde.filename} has no Project", path)
        codes = _read_codes(_kid(_kid(root, "CodeBook"), "Codes"), [], set())
        if not codes:
            raise ProjectError("the project has no codes", path)
        origin = (root.get("origin") or "").strip()
        archive = _Archive(
            name=(root.get("name") or "").strip() or printable(path.stem),
            origin=origin,
            lernet_made=origin.startswith("lernet"),
            users={
                u.get("guid", ""): _user_name(u, origin.startswith("lernet"))
                for u in _kids(_kid(root, "Users"), "User")
            },
            codes=codes,
            notices=notices,
        )
        _read_variables(root, archive)
        archive.sources = _read_sources(
            root, zf, members, path, archive.warnings, archive.variable_names
        )
        # a coding's user the archive does not list has no name either
        for src in archive.sources:
            for sel in src.selections:
                for coded in sel.codings:
                    if coded.user:
                        archive.users.setdefault(coded.user, "")
        archive.users = _named_users(archive.users, notices)
        archive.user_ids = {
            u.get("guid", ""): (u.get("id") or "").strip()
            for u in _kids(_kid(root, "Users"), "User")
            if (u.get("id") or "").strip()
        }
        _read_notes(root, archive, zf, members, path)
        _coding_memos_once(archive)
        _described_selections(archive)
        _described_sources(archive)
    described = _kid(root, "Description")
    archive.description = (described.text or "").strip() if described is not None else ""
    named = _CODEBOOK_NAME_RE.search(archive.description)
    archive.codebook_name = named["name"] if named and archive.lernet_made else ""
    archive.positions = _counting(root, archive)
    _to_indices(archive)
    _read_cases(root, archive)
    _people_from_sources(archive)
    _left_out(root, archive)
    return archive


def _place_annotation(note: etree._Element, archive: _Archive) -> None:
    """QualCoder writes an annotation as a note that the source refers to, with the words it is
    on as the note's own selection (no coding in it): a note on those words of that source, not
    on the whole source."""
    guid = note.get("guid", "")
    sels = _kids(note, "PlainTextSelection")
    if len(sels) != 1 or _kids(sels[0], "Coding"):
        return
    for src in archive.sources:
        if guid not in src.notes:
            continue
        if any(guid in s.notes for s in src.selections):
            src.notes.remove(guid)  # lernet's: the coded selection has it too, on the same words
            return
        sel = _selection(sels[0], note.get("creatingUser") or "")
        if sel is None or not 0 <= sel.start < sel.end <= utf16_length(src.text):
            return
        sel.description, sel.note, sel.notes = "", "", [guid]
        src.notes.remove(guid)
        src.selections.append(sel)
        return


def _linked_notes(root: etree._Element, archive: _Archive) -> None:
    """NVivo writes an annotation as a selection without a coding and a link between it and a
    note: that note on the selection's words (and the link needs no warning)."""
    by_guid = {sel.guid: sel for src in archive.sources for sel in src.selections if sel.guid}
    for link in _kids(_kid(root, "Links"), "Link"):
        ends = (link.get("originGUID", ""), link.get("targetGUID", ""))
        for note, sel in (ends, ends[::-1]):
            if note in archive.notes and sel in by_guid:
                if note not in by_guid[sel].notes:
                    by_guid[sel].notes.append(note)
                archive.used_links.add(link.get("guid", ""))
                break


def _read_notes(
    root: etree._Element,
    archive: _Archive,
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    path: Path,
) -> None:
    """Notes become memos where they are attached to a source or a selection of one, and a
    code's memo (`memo:` in the codebook) where attached to a code. Their text is inline or in a
    file of the archive (`plainTextPath`, as for a source). Notes lernet has no place for (the
    project's, or attached to nothing lernet keeps) are named in a warning."""
    names: dict[str, str] = {}
    for note in _kids(_kid(root, "Notes"), "Note"):
        guid = note.get("guid", "")
        name = (note.get("name") or "").strip()
        names[guid] = name or guid
        if name:
            archive.note_names[guid] = name
        try:
            text = (_source_text_of(note, zf, members, path) or "").strip()
        except ProjectError:
            archive.warnings.append(f"note {name!r}: its text is not in the archive")
            text = ""
        text = text or name
        author = archive.users.get(note.get("creatingUser", ""), "") or "unknown"
        if text:
            archive.notes[guid] = (author, text)
            made = stored_time(note.get("creationDateTime") or note.get("modifiedDateTime"))
            if made:
                archive.note_times[guid] = made
            _place_annotation(note, archive)
    _linked_notes(root, archive)
    attached = {g for src in archive.sources for g in src.notes}
    attached |= {g for src in archive.sources for sel in src.selections for g in sel.notes}
    for code in _walk_imported(archive.codes):
        texts = [archive.notes[g][1] for g in code.notes if g in archive.notes]
        if texts:
            code.memo = "\n\n".join(texts)
            archive.code_notes[code.id] = next(g for g in code.notes if g in archive.notes)
            attached.update(code.notes)
    project = {r.get("targetGUID", "") for r in _kids(root, "NoteRef")}
    left = [g for g in names if g not in attached]
    if left:
        archive.warnings.append(
            f"left out {counted(len(left), 'note')} lernet has no place for (it keeps memos on "
            "transcripts, their passages and codes): "
            + ", ".join(
                f"{printable(names[g])!r} ({'the project' if g in project else 'on nothing kept'})"
                for g in left
            )
        )


def _left_out(root: etree._Element, archive: _Archive) -> None:
    """Sets, links and graphs, which lernet has no place for: named in a warning."""
    archive.warnings.extend(left_out_sets(root, archive.codes))
    for kind, one in (("Links", "Link"), ("Graphs", "Graph")):
        items = [
            el.get("name") or el.get("guid") or "?"
            for el in _kids(_kid(root, kind), one)
            if kind != "Links" or el.get("guid", "") not in archive.used_links
        ]
        if items:
            archive.warnings.append(
                f"left out {counted(len(items), one.lower())} (lernet has none): {_names(items)}"
            )
