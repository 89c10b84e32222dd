"""Make a lernet project from another tool's REFI-QDA archive (.qdpx), safely: archive and XML
limits, no path escapes, and every coding back on its participant's turn."""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import regex
import yaml

from ..codebook.codebook import load_codebook
from ..coding.imported import remember_labels
from ..coding.pipeline import speaker_names
from ..errors import ProjectError, TranscriptError, printable
from ..language.detect import files_language
from ..language.plural import counted
from ..model import Coding, Memo, Role, Transcript, Turn
from ..project.project import (
    CONFIG_NAME,
    DEFAULT_INTERVIEWER_LABELS,
    STORE_DIR,
    STORE_NAME,
    config_text,
)
from ..readers.labels import build_transcript
from ..readers.txt import text_document
from ..store.imported import ASKED, Piece, WholeSelection, coding_part, memo_key
from ..store.store import Store
from .qdaxml import (
    _EVIDENCE_RE,
    _LINE_RE,
    _META_RE,
    DIRECTIONS,
    IMPORTED_USERS_META,
    MACHINE_USERS,
    NOTE_NAMES_META,
    STATUSES,
    ImportSummary,
    _memo_keys,
    _Stored,
    _unique,
    _xml_text,
)
from .qdc import _codebook_yaml, _NoAliasDumper, _walk_imported
from .qdpx_read import _Archive, _Source, _source_path, _TextSelection, read_archive


def _label(body: str) -> tuple[str, int] | None:
    """(speaker, where the speech starts) of a block's first line in a lernet export."""
    colon = body.find(":")
    if colon < 0:
        return None
    skip = colon + 1 + (body[colon + 1 : colon + 2] == " ")
    speaker = body[:colon].strip()
    return ("" if speaker == "?" else speaker), skip


def _segments(text: str, interviewers: set[int] | None = None) -> list[tuple[int, Turn]]:
    """Cut the text of a source a lernet export laid out into segments: (offset of the segment's
    text in the source, turn). A block between blank lines is one turn, `Speaker: text`. The
    interviewer's turns are those the export noted (`interviewers`), else (older exports) those
    with a usual interviewer label (I, Q, Interviewer...).
    """
    interviewer = {x.casefold() for x in DEFAULT_INTERVIEWER_LABELS}
    raw: list[list[Any]] = []  # [start, end, speaker, line number]
    current: list[Any] | None = None
    for number, m in enumerate(_LINE_RE.finditer(text), 1):
        body = m.group(0).rstrip("\r\n")
        start, end = m.start(), m.start() + len(body)
        if not body.strip():
            current = None
        elif current is not None:
            current[1] = end
        else:
            speaker, skip = _label(body) or ("", 0)
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
class _Layout:
    """A source's turns and where each stands in its text (pieces: see store/imported.py)."""

    turns: list[Turn]
    pieces: list[list[Piece]]
    kind: str  # "source" (read as a text file is) or "lernet" (a lernet export's blocks)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        spans = [
            (min(s for _, s, _ in p), max(s + n for _, s, n in p)) if p else (0, 0)
            for p in self.pieces
        ]
        self._order = sorted(range(len(spans)), key=lambda i: spans[i])
        self._starts = [spans[i][0] for i in self._order]
        self._ends = [spans[i][1] for i in self._order]
        self._longest = max((b - a for a, b in spans), default=0)

    def cut(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(segment, start, end) of each turn's part of the source's text from `start` to
        `end`, in the turn's text: what a selection there covers of each turn."""
        out = []
        first = bisect.bisect_left(self._starts, start - self._longest)
        for k in range(first, len(self._order)):
            if self._starts[k] >= end:
                break
            if self._ends[k] <= start:
                continue
            i = self._order[k]
            a = b = None
            for at, src, length in self.pieces[i]:
                lo, hi = max(start, src), min(end, src + length)
                if lo < hi:
                    a = lo - src + at if a is None else a
                    b = hi - src + at
            text = self.turns[i].text
            if a is not None and b is not None and text[a:b].strip():
                out.append((i + 1, a, b))
        return sorted(out)


def _lernet_layout(text: str, interviewers: set[int] | None) -> _Layout:
    """A source a lernet export laid out: one turn per block, roles as the export noted them."""
    turns = _segments(text, interviewers)
    return _Layout(
        [t for _, t in turns], [[(0, start, len(t.text))] for start, t in turns], "lernet"
    )


def _source_layout(text: str, name: str, interviewers: set[int] | None) -> _Layout:
    """Another tool's source, read as lernet reads a text file: the same speaker labels,
    timestamps and interviewer (its usual labels, else the speaker who asks most; see
    readers/labels/interviewer.py), each turn mapped to the lines it came from. A lernet export
    of such a source names its interviewer's turns (`interviewers`), which then decide."""
    doc, line_starts = text_document(text)
    try:
        transcript = build_transcript(doc, name)
    except TranscriptError:
        return _Layout([], [], "source")  # no text at all
    pieces = []
    for turn in transcript.turns:
        found = [(at, line_starts[line] + where, n) for line, at, where, n in turn.sources]
        pieces.append(sorted(found))
    if interviewers is not None:
        for n, turn in enumerate(transcript.turns, 1):
            turn.role = "interviewer" if n in interviewers else "participant"
    return _Layout(transcript.turns, pieces, "source", list(transcript.warnings))


LANGUAGE_NAMES = {"en": "English", "nl": "Dutch"}


def guess_language(archive: _Archive) -> tuple[str, str]:
    """The language of a project made from an archive, as `lernet code` guesses a new
    project's: from the function words of each source and of the codebook (code names,
    descriptions, memos) and the notes; where they have none (little text, code names such as
    "rq1_definition"), from which language's dictionary more of the codebook's words are in.
    Returns the language and what decided it."""
    from ..language.lemmas import is_common_word

    codes = list(_walk_imported(archive.codes))
    book = [
        *(c.name for c in codes),
        *(c.description for c in codes),
        *(c.memo for c in codes),
        *(text for _, text in archive.notes.values()),
    ]
    guess = files_language([[src.text] for src in archive.sources] + [book])
    if any(guess.files.values()):
        return guess.language, "from the function words of its sources and codebook"
    votes = dict.fromkeys(LANGUAGE_NAMES, 0)
    words = {w.casefold() for c in codes for w in regex.findall(r"\p{L}{3,}", c.name)}
    for word in words:
        known = [lang for lang in votes if is_common_word(word, lang)]
        if len(known) == 1:
            votes[known[0]] += 1
    best = max(votes, key=lambda lang: (votes[lang], lang == guess.language))
    if votes[best] == 0:
        return guess.language, "for want of text to tell it from"
    return (
        best,
        f"from the words of its code names ({votes[best]} of {len(words)} {LANGUAGE_NAMES[best]})",
    )


def _write_settings(project_root: Path, archive: _Archive, source: str, language: str) -> Path:
    """codebook.yaml, participants.yaml and lernet.yaml of the new project; returns the
    codebook's path."""
    try:
        project_root.mkdir(parents=True, exist_ok=True)
        codebook_path = project_root / "codebook.yaml"
        codebook_path.write_text(
            _codebook_yaml(archive.codes, archive.codebook_name or archive.name, source),
            encoding="utf-8",
        )
        people = list(archive.people.values())
        if people:
            (project_root / "participants.yaml").write_text(
                participants_yaml(people, archive.group_order), encoding="utf-8"
            )
        (project_root / CONFIG_NAME).write_text(
            config_text("codebook.yaml", "participants.yaml" if people else "", language),
            encoding="utf-8",
        )
    except OSError as exc:
        raise ProjectError(f"cannot write the project: {exc.strerror}", project_root) from None
    load_codebook(codebook_path)  # what was written must load; a failure here is a bug
    return codebook_path


def participants_yaml(people: list[dict[str, Any]], order: list[str] | None = None) -> str:
    """participants.yaml of imported participants: their groups first (in `order`, as a lernet
    export noted the participants file's, then as the people name them), then each person."""
    named = [p["group"] for p in people if p.get("group")]
    groups = list(dict.fromkeys([g for g in order or [] if g in named] + named))
    data: dict[str, Any] = {"groups": groups} if groups else {}
    data["participants"] = people
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True)


def people_notices(
    archive: _Archive,
    added: set[str] | None = None,
    matched: int = 0,
    where: str = "participants.yaml",
) -> list[str]:
    """What the import made of the archive's variables and of sources without a case.
    `added`: the participants of the sources an import into a project added (None: all, a new
    project); `matched`: how many of its sources were that project's transcripts already, whose
    participants stay as they are; `where`: the file the researcher checks them in."""
    out = []
    people = {pid: p for pid, p in archive.people.items() if added is None or pid in added}
    made = [p for p in archive.made_from_names if p in people]
    kept = (
        f"; {counted(matched, 'other source')} "
        f"{'is a transcript' if matched == 1 else 'are transcripts'} here already, which keep "
        f"{'its participant' if matched == 1 else 'their participants'}"
        if matched
        else ""
    )
    if made:
        named = [p for p in made if archive.people[p].get("names")]
        out.append(
            f"made {counted(len(made), 'participant')} from source names (no case names those "
            "sources)"
            + (
                f"; {len(named)} of those names hold a person's name, kept under names: to be "
                "redacted, the id without it: "
                + ", ".join(f"{p} ({', '.join(archive.people[p]['names'])})" for p in named[:6])
                + (", ..." if len(named) > 6 else "")
                if named
                else ""
            )
            + f"; check them in {where}"
            + kept
        )
    cased = [
        (archive.source_owner[src.guid], src.person_names)
        for src in archive.sources
        if src.person_names
        and src.guid in archive.source_owner
        and archive.source_owner[src.guid] in people
    ]
    if cased:
        out.append(
            f"took the names in {counted(len(cased), 'source name')} as their case's, to be "
            "redacted "
            "(names: and organisations: in participants.yaml): "
            + ", ".join(f"{pid} ({', '.join(names)})" for pid, names in cased[:6])
            + (", ..." if len(cased) > 6 else "")
        )
    found = [(pid, names) for pid, names in archive.named_in_values if pid in people]
    if found:
        out.append(
            "took the names in the description or variables of "
            f"{counted(len(found), 'participant')} "
            "as theirs, to be redacted (names: and organisations: in participants.yaml): "
            + ", ".join(f"{pid} ({', '.join(names)})" for pid, names in found[:6])
            + (", ..." if len(found) > 6 else "")
            + "; check them"
        )
    if not archive.variables or not people:
        return out
    if archive.group_variable:
        with_group = sum(1 for p in people.values() if p.get("group"))
        out.append(
            f"group of {with_group} of {counted(len(people), 'participant')} from the variable "
            f"{archive.group_variable!r}"
        )
    else:
        out.append(
            "no variable reads as the participants' group (one whose name has group, groep, "
            "stakeholder, role or rol in it): set group: in participants.yaml"
        )
    valued = {n for p in people.values() for n in p.get("variables", {})}
    others = [n for n in archive.variables if n != archive.group_variable and n in valued]
    if others:
        out.append(
            ("kept the variable " if len(others) == 1 else "kept the variables ")
            + ", ".join(repr(n) for n in others)
            + " under variables: in participants.yaml"
        )
    return out


@dataclass
class _Guids:
    """GUIDs of the imported archive, kept in the store for the way back."""

    source: dict[str, str] = field(default_factory=dict)
    user: dict[str, str] = field(default_factory=dict)
    selection: dict[str, str] = field(default_factory=dict)
    coding: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)


def _owner(src: _Source, rel: str, archive: _Archive) -> str:
    """The transcript's participant: the case naming the source, else (another tool) the case of
    one of its selections, else the one made from the source's name (qdpx_read's
    `_people_from_sources`). lernet links a source to a case only when some turns are the
    case's; a group interview whose every speaker has a case of their own keeps the file's
    name."""
    named = archive.source_owner.get(src.guid)
    if named is not None:
        return named
    if not archive.lernet_made:
        for sel in src.selections:
            if sel.guid in archive.selection_owner:
                return archive.selection_owner[sel.guid]
    if src.owner is not None:
        return src.owner
    return PurePosixPath(rel).stem


def _speakers(src: _Source, layout: _Layout, pid: str, archive: _Archive) -> dict[int, str]:
    """Participant turns a case other than the transcript's speaks (a group interview): as a
    lernet export noted them, else by the cases' selections."""
    by_guid = {guid: p for p, guid in archive.case_guids.items()}
    turns = layout.turns
    out: dict[int, str] = {}

    def give(idx: int, owner: str | None) -> None:
        speaking = 0 < idx <= len(turns) and turns[idx - 1].role == "participant"
        if owner and owner != pid and speaking:
            out.setdefault(idx, owner)

    for idx, case in src.speakers.items():
        give(idx, by_guid.get(case))
    for sel in src.selections:
        for idx, _, _ in layout.cut(sel.start, sel.end):
            give(idx, archive.selection_owner.get(sel.guid))
    return out


def _evidence(text: str, sel: _TextSelection) -> tuple[int, int] | None:
    """The evidence a lernet export kept in the selection's Description, when it still stands
    inside the selection and reads as the description says."""
    if sel.evidence is None:
        return None
    a, b = sel.evidence
    if not sel.start <= a < b <= sel.end:
        return None
    said = _EVIDENCE_RE.search(sel.description)
    if said and " ".join(_xml_text(text[a:b]).split()) != said["text"].strip():
        return None
    return a, b


@dataclass
class _Made:
    """What one source gives: codings (with the GUIDs they came with) and memos."""

    codings: list[Coding] = field(default_factory=list)
    origin: list[tuple[str, str]] = field(default_factory=list)  # (selection, coding) GUIDs
    memos: list[Memo] = field(default_factory=list)
    memo_guids: list[tuple[str, str, str]] = field(default_factory=list)
    """(note, selection, coding) GUIDs of each memo."""
    unknown: int = 0
    outside: list[str] = field(default_factory=list)  # what they coded, by code
    beyond: list[str] = field(default_factory=list)  # codings past the end of the text
    asking: int = 0  # codings on interviewer speech, kept as memos
    restored: int = 0
    whole: list[tuple[str, int, int, str, list[tuple[str, int]]]] = field(default_factory=list)
    """Each coding of a selection as it came: (selection GUID, start, end, coding GUID, its
    parts: ("coding" or "memo", index in `codings` or `memos`))."""


def _codings(
    src: _Source,
    layout: _Layout,
    archive: _Archive,
    code_by_guid: dict[str, str],
    guids: _Guids,
    summary: ImportSummary,
) -> _Made:
    """Every coding of the source, cut per turn. A coding's part on the interviewer's speech
    becomes a memo (`coding on interviewer speech`): it is no participant's and is not counted."""
    made = _Made()
    for sel in src.selections:
        meta = _META_RE.search(sel.description)
        status = meta["status"] if meta and meta["status"] in STATUSES else "accepted"
        direction = meta["direction"] if meta and meta["direction"] in DIRECTIONS else None
        evidence = _evidence(src.text, sel)
        made.restored += evidence is not None and bool(sel.codings)
        pieces = layout.cut(*(evidence or (sel.start, sel.end)))
        for coded in sel.codings:
            code_id = code_by_guid.get(coded.code)
            if code_id is None:
                made.unknown += 1
                continue
            if not pieces and sel.end > len(src.text) and not src.text[sel.start : sel.end].strip():
                made.beyond.append(f"{code_id} ({sel.start}-{sel.end})")
                continue
            if not pieces:
                words = " ".join(src.text[sel.start : sel.end].split())
                shown = words[:40] + ("…" if len(words) > 40 else "")
                made.outside.append(f"{code_id} ({shown!r})" if words else code_id)
                continue
            coder = archive.users.get(coded.user) or "unknown"
            if coder not in summary.coders:
                summary.coders.append(coder)
            if coded.user in archive.users:
                guids.user.setdefault(coder, coded.user)
            first = True
            parts: list[tuple[str, int]] = []
            if evidence is None and sel.guid and coded.guid:
                made.whole.append((sel.guid, sel.start, sel.end, coded.guid, parts))
            for idx, a, b in pieces:
                if layout.turns[idx - 1].role == "interviewer":
                    text = f"code: {code_id}"
                    parts.append(("memo", len(made.memos)))
                    made.memos.append(Memo(idx, a, b, coder, text, "import", ASKED, coded.created))
                    made.memo_guids.append(("", sel.guid, coded.guid))
                    made.asking += 1
                    continue
                parts.append(("coding", len(made.codings)))
                made.codings.append(
                    Coding(0, idx, code_id, a, b, coder, "", direction, status, "import")
                )
                made.codings[-1].created_at = coded.created
                made.codings[-1].note = sel.note or None
                made.origin.append((sel.guid, coded.guid) if first else ("", ""))
                first = False
    return made


def _remember_users_and_notes(store: Store, archive: _Archive) -> None:
    """Every user of the archive (also one who coded nothing lernet keeps) with their id (an
    NVivo user's initials), and the notes' titles, for the way back."""
    # lernet's machine coders (a lernet archive's) are named again on export
    kept = {g: n for g, n in archive.users.items() if n and g and n not in MACHINE_USERS}
    store.remember_guids("user", {name: guid for guid, name in kept.items()})
    ids = {name: archive.user_ids.get(guid, "") for guid, name in kept.items()}
    store.set_meta(IMPORTED_USERS_META, json.dumps(ids, ensure_ascii=False))
    store.set_meta(NOTE_NAMES_META, json.dumps(archive.note_names, ensure_ascii=False))


def _remember_whole(store: Store, rel: str, made: _Made, ids: list[int]) -> None:
    """Where each selection of the source stood as it came and the parts it was cut into (see
    store.imported.WholeSelection), for an export to give it back whole."""
    stored = store.transcript_by_path(rel)
    if stored is None or not made.whole:
        return
    whole: dict[str, WholeSelection] = {}
    for sel_guid, start, end, coding_guid, parts in made.whole:
        keys = []
        for kind, n in parts:
            if kind == "coding":
                c = made.codings[n]
                keys.append(coding_part(ids[n], c.segment, c.start, c.end))
            else:
                m = made.memos[n]
                keys.append(memo_key("", m.segment, m.start, m.end, m.author, m.text))
        one = whole.setdefault(sel_guid, WholeSelection(sel_guid, start, end, {}))
        one.codings.setdefault(coding_guid, keys)
    store.remember_whole_selections(stored.id, list(whole.values()))


def _import_source(
    store: Store,
    src: _Source,
    rel: str,
    archive: _Archive,
    code_by_guid: dict[str, str],
    guids: _Guids,
    summary: ImportSummary,
    language: str,
) -> None:
    """One source as a transcript, with its codings, memos and speakers, and its text as it
    came (so an export gives it back unchanged)."""
    if archive.lernet_made and not src.own_layout:
        layout = _lernet_layout(src.text, src.interviewers)
    else:
        layout = _source_layout(src.text, rel, src.interviewers)
    pid = _owner(src, rel, archive)
    speakers = _speakers(src, layout, pid, archive)
    made = _codings(src, layout, archive, code_by_guid, guids, summary)
    memos, memo_guids = made.memos, made.memo_guids
    for guid in src.notes:
        if guid in archive.notes:
            author, text = archive.notes[guid]
            when = archive.note_times.get(guid)
            memos.append(Memo(None, 0, 0, author, text, "import", "note", when))
            memo_guids.append((guid, "", ""))
    for sel in src.selections:
        where = layout.cut(sel.start, sel.end)
        seg: int | None = where[0][0] if where else None
        a, b = where[0][1:] if where else (0, 0)
        for guid in sel.notes:
            if guid in archive.notes:
                author, text = archive.notes[guid]
                when = archive.note_times.get(guid)
                memos.append(Memo(seg, a, b, author, text, "import", "note", when))
                memo_guids.append((guid, sel.guid if seg is not None else "", ""))
    sha = hashlib.sha256(src.text.encode("utf-8")).hexdigest()
    transcript = Transcript(rel, layout.turns)
    transcript.interviewer_labels = sorted(
        {t.speaker for t in layout.turns if t.role == "interviewer"}
    )
    ids = store.save_imported(
        rel,
        sha,
        pid,
        transcript,
        made.codings,
        speakers,
        memos,
        source=(src.text, src.bom, layout.kind, layout.pieces),
        names=[*speaker_names(transcript, language), *src.person_names],
    )
    for cid, (sel_guid, coding_guid) in zip(ids, made.origin, strict=True):
        if sel_guid:
            guids.selection.setdefault(str(cid), sel_guid)
        if coding_guid:
            guids.coding.setdefault(str(cid), coding_guid)
    if src.guid:
        guids.source[rel] = src.guid
    _remember_whole(store, rel, made, ids)
    stand_in = _Stored(0, rel)
    rows = {0: [(m.segment, m.start, m.end, m.author, m.text, m.source) for m in memos]}
    keys = _memo_keys([stand_in], rows)[0]
    for key, (note_guid, sel_guid, coding_guid) in zip(keys, memo_guids, strict=True):
        if note_guid:
            guids.note.setdefault(key, note_guid)
        if sel_guid:
            guids.selection.setdefault(key, sel_guid)
        if coding_guid:
            guids.coding.setdefault(key, coding_guid)
    summary.sources += 1
    summary.segments += len(layout.turns)
    summary.codings += len(made.codings)
    summary.memos += len(memos)
    summary.interviewer_codings += made.asking
    summary.evidence_restored += made.restored
    summary.notices.extend(f"{rel}: {w}" for w in layout.warnings)
    if made.unknown:
        summary.warnings.append(
            f"{rel}: skipped {counted(made.unknown, 'coding')} of unknown codes"
        )
    if made.outside:
        summary.warnings.append(
            f"{rel}: skipped {counted(len(made.outside), 'coding')} of no speech (a heading or "
            "text "
            f"before the first speaker label): {', '.join(made.outside)}"
        )
    if made.beyond:
        summary.warnings.append(
            f"{rel}: skipped {counted(len(made.beyond), 'coding')} past the end of its text "
            f"({len(src.text)} characters; the other tool coded a longer version of it?): "
            + ", ".join(made.beyond)
        )
    if made.asking:
        summary.notices.append(
            f"{rel}: kept {counted(made.asking, 'coding')} on interviewer speech as memos "
            "(reason 'coding on interviewer speech'; not counted for any participant)"
        )


def import_qdpx(path: Path, project_root: Path) -> ImportSummary:
    """Make a new lernet project in `project_root` from a REFI-QDA .qdpx archive.

    Codes become a codebook YAML (ids from names, no rules), sources become transcripts cut into
    segments (see `_segments`), cases become participants (group from a variable called group or
    groep), and every text coding keeps its code and its coder's name. A selection that spans
    several segments is split into one coding per segment it touches, each cut to that segment,
    so no coded text is lost; a part on the interviewer's speech becomes a memo, counted for no
    participant. A passage a lernet export widened comes back as the evidence its description
    names. Positions are read as the archive counts them (see qdpx_read). Pictures, PDFs, audio
    and video are skipped (lernet codes text). Codings from other tools are taken as `accepted`:
    a person made them.
    """
    project_root = project_root.resolve()
    for existing in (CONFIG_NAME, STORE_DIR, "codebook.yaml", "participants.yaml"):
        if (project_root / existing).exists():
            raise ProjectError(
                f"{existing} already exists here; import into a new, empty folder", project_root
            )
    archive = read_archive(path)
    language, why = guess_language(archive)
    codebook_path = _write_settings(project_root, archive, printable(path.name), language)
    summary = ImportSummary(
        project_root,
        codebook_path,
        positions=archive.positions,
        warnings=archive.warnings,
        notices=archive.notices + people_notices(archive),
    )
    summary.notices.append(
        f"project language: {language} ({LANGUAGE_NAMES[language]}, {why}); to change it, set "
        f"language: {'nl' if language == 'en' else 'en'} in {CONFIG_NAME}"
    )
    code_by_guid = {c.guid: c.id for c in _walk_imported(archive.codes)}
    summary.codes = len(list(_walk_imported(archive.codes)))
    summary.participants = len(archive.people)
    guids = _Guids()
    taken: set[str] = set()
    with Store.open(project_root / STORE_DIR / STORE_NAME, create=True) as store:
        for n, src in enumerate(archive.sources, 1):
            rel = _unique(_source_path(src.name, f"source-{n}.txt"), taken)
            _import_source(store, src, rel, archive, code_by_guid, guids, summary, language)
        store.remember_guids(
            "code", {c.id: c.guid for c in _walk_imported(archive.codes) if c.guid}
        )
        store.remember_guids("case", archive.case_guids)
        store.remember_guids("source", guids.source)
        store.remember_guids("user", guids.user)
        _remember_users_and_notes(store, archive)
        store.remember_guids("selection", guids.selection)
        store.remember_guids("coding", guids.coding)
        store.remember_guids("note", guids.note)
        store.remember_guids("note", {f"code:{c}": g for c, g in archive.code_notes.items()})
        store.remember_guids("variable", {n: g for n, (g, _) in archive.variables.items() if g})
        # The roles were given as a file's are with the new project's labels: a change of
        # interviewer_labels in lernet.yaml gives them again (coding/imported.py).
        remember_labels(store, list(DEFAULT_INTERVIEWER_LABELS))
        # What the other tool calls the project and says of it, for the way back.
        store.set_meta("project_name", archive.name)
        if archive.group_variable:  # an export gives the group back under it
            store.set_meta("group_variable", archive.group_variable)
        described = "\n".join(
            line for line in archive.description.splitlines() if not line.startswith("lernet: ")
        ).strip()
        if described:
            store.set_meta("project_description", described)
    summary.coders.sort()
    if summary.evidence_restored:
        summary.notices.append(
            f"took the evidence of {counted(summary.evidence_restored, 'coded passage')} back "
            "from their "
            "descriptions (lernet exports a rule's evidence as the sentence around it)"
        )
    return summary
