"""Make a lernet project from another tool's REFI-QDA archive (.qdpx), safely: archive and XML
limits, no path escapes, and every coding back on its participant's turn."""

from __future__ import annotations

import bisect
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from lxml import etree

from ..codebook.codebook import load_codebook
from ..errors import ProjectError, TranscriptError
from ..language.detect import detect_language
from ..model import Coding, Memo, Role, Transcript, Turn
from ..project.project import (
    CONFIG_NAME,
    DEFAULT_INTERVIEWER_LABELS,
    STORE_DIR,
    STORE_NAME,
    config_text,
)
from ..store.store import Store
from .qdaxml import (
    _LABEL_RE,
    _LINE_RE,
    _META_RE,
    _ROLES_RE,
    DIRECTIONS,
    GROUP_VARIABLES,
    LABEL_VARIABLES,
    STATUSES,
    ImportSummary,
    _kid,
    _kids,
    _local,
    _memo_keys,
    _parse_xml,
    _read_member,
    _safe_members,
    _Stored,
    _unique,
)
from .qdc import _codebook_yaml, _ImportedCode, _NoAliasDumper, _read_codes, _walk_imported


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
            config_text(
                "codebook.yaml",
                "participants.yaml" if people else "",
                detect_language(src.text for src in archive.sources[:5]).language,
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
