"""Write a lernet project as a REFI-QDA project archive (.qdpx); see qdaxml for the mapping."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..analysis.anonymize import Redactor, file_name_shown
from ..analysis.people import make_redactor, shown_note, values_shown
from ..codebook.codebook import Codebook
from ..coding.orphans import left_out_line
from ..errors import printable
from ..language.plural import counted
from ..output.files import check_new, write_output
from ..project.participants import Participants
from ..project.project import Project
from ..store.coders import MACHINES
from ..store.imported import ASKED
from ..store.store import CodingRow, Store, StoredTranscript
from .qdaxml import (
    _NOTE_RE,
    DESCRIBED,
    GROUP_VARIABLES,
    IMPORTED_USERS_META,
    LABEL_VARIABLES,
    LERNET_LINE_RE,
    MACHINE_USERS,
    NOTE_NAMES_META,
    ORIGIN,
    PROJECT_NS,
    SOURCE_NOTES,
    SOURCES_DIR,
    ZIP_DATE,
    ExportSummary,
    _el,
    _memo_keys,
    _to_bytes,
    _xml_text,
    machine_user_name,
    not_anonymized_line,
)
from .qdc import _add_codes, code_guids
from .qdpx_text import Placed, as_imported, pseudonyms, ranges, source_text, whole_parts
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
    description: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)  # another tool's, as imported
    names: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass
class _Coded:
    """A coding as the archive writes it: a stored coding, or another tool's coding on the
    interviewer's words that lernet keeps as a memo (`key`: what its GUIDs are kept under)."""

    key: str
    code: str
    coder: str
    created_at: str | None
    segment: int | None
    widened: bool
    guid: str = ""
    """The GUID another tool gave the coding this is (a part of), when it goes back whole."""


def user_key(row: CodingRow) -> str:
    """Who a coding goes back as: its coder, and a machine coder's codings a person accepted
    apart from those nobody reviewed (`auto:reviewed`), so another tool can tell them apart."""
    if row.coder in MACHINE_USERS and row.status == "accepted":
        return f"{row.coder}:reviewed"
    return row.coder


def user_name(key: str, pseudonyms: dict[str, str] | None = None, language: str = "en") -> str:
    """The name another tool shows for a user key (see user_key): a machine coder says what it
    is and whether a person reviewed its codings, in the project's `language`; a person is
    their name, or in an anonymized archive their pseudonym (`coder_pseudonyms`)."""
    machine = key.removesuffix(":reviewed")
    if machine in MACHINE_USERS:
        return machine_user_name(machine, key != machine, language)
    if pseudonyms is not None:
        return pseudonyms.get(key, key)
    return key


def is_person(key: str) -> bool:
    """A user key that is a person's (not one of lernet's machine coders)."""
    return key.removesuffix(":reviewed") not in MACHINE_USERS and key not in MACHINES


def coder_pseudonyms(store: Store, coders: list[str], language: str) -> dict[str, str]:
    """Each person among `coders` (user keys) -> their pseudonym, the same as in every other
    anonymized output (`store.coders.coder_pseudonyms`: numbered in the order people first
    coded in the store), kept in the store so that the un-anonymized archive can say who is
    who and a later export gives everyone the same number."""
    from ..store.coders import coder_pseudonyms as numbered

    names = store.coder_names()
    people = [c for c in coders if is_person(c)]
    first = [names.person(n) for n in store.coder_spellings()]
    shown = numbered(
        store, [*first, *(names.person(c) for c in people)], language, persist=True, names=names
    )
    return {c: shown[names.person(c)] for c in people if names.person(c) in shown}


def is_asked(memo: tuple[Any, ...], codes: dict[str, str]) -> bool:
    """A memo that keeps another tool's coding on interviewer speech, of a code in the
    codebook: it goes back as that coding."""
    return (
        memo[0] is not None
        and memo[6] == ASKED
        and memo[4].startswith("code: ")
        and memo[4].removeprefix("code: ").strip() in codes
    )


@dataclass
class _Guids:
    code: dict[str, str]
    user: dict[str, str]
    source: dict[str, str]
    selection: dict[str, str]
    coding: dict[str, str]
    note: dict[str, str]
    case: dict[str, str] = field(default_factory=dict)


def _others_speaking(
    transcripts: list[StoredTranscript], spoken: dict[int, dict[int, str]]
) -> tuple[dict[int, dict[int, str]], set[int]]:
    """Per transcript, the turns a listed participant other than its own speaks (a group
    interview); and the transcripts whose own participant speaks under a label the participants
    file gives them (their full name, as Teams writes it), whose interview is theirs as one with
    unlisted labels (I/R) is."""
    owner = {t.id: t.participant for t in transcripts}
    others: dict[int, dict[int, str]] = {}
    own: set[int] = set()
    for tid, turns in spoken.items():
        if owner.get(tid) in turns.values():
            own.add(tid)
        rest = {idx: pid for idx, pid in turns.items() if pid != owner.get(tid)}
        if rest:
            others[tid] = rest
    return others, own


def _cases(
    transcripts: list[StoredTranscript],
    spoken: dict[int, dict[int, str]],
    own: set[int],
    participants: Participants,
    guids: _Guids,
) -> dict[str, _Case]:
    """One case per participant, in the participants file's order. A transcript's participant
    has the source when some of its turns are theirs (`own`, or no listed speaker's); a group
    interview's speakers who are other listed participants have cases of their own (linked to
    their coded selections later)."""
    cases: dict[str, _Case] = {}

    def case_of(pid: str, group: str | None, label: str | None) -> _Case:
        entry = participants.people.get(pid)
        if pid not in cases:
            cases[pid] = _Case(
                group or (entry.group if entry else None),
                label or (entry.label if entry else None),
                description=entry.description if entry else None,
                variables=dict(entry.variables) if entry else {},
                names=list(entry.names) if entry else [],
                organisations=list(entry.organisations) if entry else [],
            )
        return cases[pid]

    for t in transcripts:
        if t.id not in spoken or t.id in own:
            case_of(t.participant, t.group_name, t.label).sources.append(guids.source[t.path])
        for pid in dict.fromkeys(spoken.get(t.id, {}).values()):
            case_of(pid, None, None)
    # in the participants file's order, as lernet's tables list them; others after
    listed = [pid for pid in participants.people if pid in cases]
    return {pid: cases[pid] for pid in [*listed, *(p for p in cases if p not in listed)]}


def _description(
    sel: Placed,
    text: str,
    counter: Counter,
    codebook: Codebook,
    lang: str,
    redactor: Redactor | None,
) -> str:
    """What another tool shows as the coding's memo, and lernet reads back: what the person
    wrote with the coding (`Note:`, anonymized as the text is), the evidence and the direction
    in words (the codebook's `direction_labels:`, as the matrix has them), then the `lernet:`
    line with the ids lernet reads."""
    row = sel.row
    words = DESCRIBED.get(lang, DESCRIBED["en"])
    lines = []
    note = shown_note(row, redactor)
    if note:
        lines.append(words["note"] + note)
    # Another tool's coding, as it came (imported, or merged from its archive), needs no
    # status: that tool's codings are accepted.
    made = row.rule if row.source == "merge" else row.source
    meta = [] if made == "import" and row.status == "accepted" else [f"status={row.status}"]
    if sel.widened:
        evidence = " ".join(text[sel.evidence_start : sel.evidence_end].split())
        lines.append(words["evidence"] + evidence)
    if row.direction:
        lines.append(words["direction"] + codebook.direction_word(row.code, row.direction, lang))
        meta.append(f"direction={row.direction}")
    if sel.widened:
        meta.append(f"evidence={counter.out(sel.evidence_start)}-{counter.out(sel.evidence_end)}")
    if meta:
        lines.append("lernet: " + ", ".join(meta))
    if (
        lines == [words["note"] + note]
        and not LERNET_LINE_RE.match(note)
        and not _NOTE_RE.match(note)
    ):
        # what the person wrote, alone: as the other tool showed it (QualCoder's coding memo),
        # without a `Note:` it never had; an import reads a Description without lernet's lines
        # whole
        return note
    return "\n".join(lines)


def source_names(
    transcripts: list[StoredTranscript],
    redactor: Redactor | None,
    kept: dict[str, str] | None = None,
) -> dict[int, str]:
    """Transcript id -> its source's name: its path (or, for a transcript moved since, the name
    it had before: `kept`, store/imported.source_names), anonymized. A name with a name hidden
    in it, and paths that are one once their names are hidden ("Golf 1/Interview [naam] ronde
    1.txt" of four people), say whose it is: the participant as outputs show them ("Interview
    [naam] ronde 1 (D03).txt"); names still alike get a number."""
    kept = kept or {}
    named = {t.id: kept.get(t.path, t.path) for t in transcripts}
    shown = {t.id: redactor.file(named[t.id]) if redactor else named[t.id] for t in transcripts}
    alike: dict[str, int] = {}
    for name in shown.values():
        alike[name.casefold()] = alike.get(name.casefold(), 0) + 1
    out: dict[int, str] = {}
    for t in transcripts:
        name = shown[t.id]
        if alike[name.casefold()] > 1 or name != file_name_shown(named[t.id]):
            who = redactor.participant(t.participant) if redactor else t.participant
            name = _with_tag(name, who)
        out[t.id] = name
    taken: dict[str, int] = {}
    for t in transcripts:
        key = out[t.id].casefold()
        taken[key] = taken.get(key, 0) + 1
    seen: dict[str, int] = {}
    for t in transcripts:
        key = out[t.id].casefold()
        if taken[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            out[t.id] = _with_tag(out[t.id], str(seen[key]))
    return out


def _with_tag(name: str, tag: str) -> str:
    """ "Golf 1/Interview [naam] ronde 1.txt" with "D03": "Golf 1/Interview [naam] ronde 1
    (D03).txt", before the extension, which tools read the kind of file by."""
    folder, _, file = name.rpartition("/")
    stem, dot, ext = file.rpartition(".")
    if not dot or not stem or " " in ext:
        stem, ext = file, ""
    tagged = f"{stem} ({tag})" + (f".{ext}" if ext else "")
    return f"{folder}/{tagged}" if folder else tagged


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
    codebook: Codebook,
    name: str,
    on_coded: dict[str, tuple[int, int]],
) -> tuple[bytes, int, int]:
    """One transcript as a TextSource with its coded passages and memo anchors; returns its plain
    text (UTF-8), the number of codings and how many were widened beyond their evidence.
    `on_coded` gets the memos on coded words: note GUID -> their start and end in the archive."""
    guid = guids.source[t.path]
    anchored = [(key, memo) for key, memo in memos if memo[0] is not None]
    record = store.source_record(t.id)
    verbatim = record is not None and record.layout == "source" and redactor is None
    marks = [(m[0], m[1], m[2]) for _, m in anchored]
    if record is not None and verbatim:
        laid = as_imported(record, store.segments(t.id), rows, span, marks)
    else:
        laid = source_text(store.segments(t.id), rows, redactor, span, marks, lang)
    text = laid.text
    counter = Counter(text, positions)
    src = _el(
        sources_el,
        "TextSource",
        guid=guid,
        name=_xml_text(name),
        plainTextPath=f"internal://{guid}.txt",
    )
    notes = []
    if verbatim:
        notes.append("lernet: text=as imported")
    if laid.interviewer_turns:
        notes.append("lernet: interviewer turns=" + ranges(laid.interviewer_turns))
    by_case: dict[str, list[int]] = {}
    for idx, pid in speakers.items():
        by_case.setdefault(guids.case[pid], []).append(idx)
    if by_case:
        notes.append(
            "lernet: speaker turns " + "; ".join(f"{g}={ranges(n)}" for g, n in by_case.items())
        )
    # QualCoder reads a source's memo from its Description and drops a note the source refers
    # to without words of its own: the memos on the whole transcript there too, first, as
    # anonymized as their notes
    on_whole = [
        _xml_text(redactor.redact(m[4]) if redactor else m[4]) for _, m in memos if m[0] is None
    ]
    if notes or on_whole:
        _el(src, "Description").text = "\n\n".join(
            [
                *on_whole,
                *(
                    ["\n".join([SOURCE_NOTES.get(lang, SOURCE_NOTES["en"]), *notes])]
                    if notes
                    else []
                ),
            ]
        )
    # Codings of the same passage with the same description are one selection with several
    # codings, as other tools write them (a passage two people coded keeps its one GUID); a memo
    # on the same passage is a note of that selection. Another tool's coding on the interviewer's
    # words (kept as a memo, counted nowhere) goes back as the coding it was.
    # Another tool's selection cut into parts (one per turn) goes back whole, at the extent and
    # under the GUIDs it came with, while every part is as import made it.
    whole = (
        whole_parts(store.whole_selections(t.id), laid.selections, anchored, guids.code)
        if verbatim
        else {}
    )
    groups: dict[tuple[int, int, str, str], list[_Coded]] = {}
    described: dict[str, str] = {}
    for sel in laid.selections:
        row = sel.row
        entry = _Coded(
            str(row.id), row.code, user_key(row), row.created_at, row.segment, sel.widened
        )
        description = _description(sel, text, counter, codebook, lang, redactor)
        start, end, origin = sel.start, sel.end, ""
        if entry.key in whole:
            # one selection, one description (what was imported with it), whichever its parts
            origin, start, end, entry.guid = whole[entry.key]
            described[origin] = described.get(origin) or description
            description = ""
        groups.setdefault((start, end, description, origin), []).append(entry)
    notes_at: list[tuple[str, tuple[Any, ...], int, int]] = []
    for (key, memo), (start, end) in zip(anchored, laid.marks, strict=True):
        if is_asked(memo, guids.code):
            code = memo[4].removeprefix("code: ").strip()
            entry = _Coded(key, code, memo[3], None, memo[0], False)
            origin = ""
            if key in whole:
                origin, start, end, entry.guid = whole[key]
            # imported as it is: nothing of lernet's to say of it
            groups.setdefault((start, end, "", origin), []).append(entry)
        else:
            notes_at.append((key, memo, start, end))
    at: dict[tuple[int, int], etree._Element] = {}
    widened = 0
    taken = {origin for *_, origin in groups if origin}
    n_codings = 0
    for (start, end, description, origin), entries in groups.items():
        description = described.get(origin) or description
        first = entries[0]
        sel_guid = origin or guids.selection[first.key]
        if not origin and sel_guid in taken:
            # a part of a selection that goes back whole elsewhere (a part a person changed)
            sel_guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"lernet:part:{t.path}:{first.key}"))
        written: set[str] = set()
        sel_el = _el(
            src,
            "PlainTextSelection",
            guid=sel_guid,
            name=" ".join(text[start:end].split())[:100],
            startPosition=counter.out(start),
            endPosition=counter.out(end),
            creatingUser=guids.user[first.coder],
            creationDateTime=xml_time(first.created_at),
        )
        at.setdefault((start, end), sel_el)
        if description:
            _el(sel_el, "Description").text = _xml_text(description)
        for entry in entries:
            coding_guid = entry.guid or guids.coding[entry.key]
            if coding_guid in written:
                continue  # another part of one coding that goes back whole
            written.add(coding_guid)
            n_codings += 1
            coding_el = _el(
                sel_el,
                "Coding",
                guid=coding_guid,
                creatingUser=guids.user[entry.coder],
                creationDateTime=xml_time(entry.created_at),
            )
            _el(coding_el, "CodeRef", targetGUID=guids.code[entry.code])
            widened += entry.widened
        if first.segment in speakers:
            cases[speakers[first.segment]].selections.append(sel_guid)
    for key, memo, start, end in notes_at:
        if (start, end) in at:
            # on coded words: a note of the coded selection, as the standard has it, and, since
            # QualCoder reads an annotation only from a note the source refers to that holds
            # its words (`_add_notes`), a note of the source too
            _el(at[start, end], "NoteRef", targetGUID=guids.note[key])
            on_coded[guids.note[key]] = (counter.out(start), counter.out(end))
            continue
        sel_el = _el(
            src,
            "PlainTextSelection",
            guid=guids.selection[key],
            name=" ".join(text[start:end].split())[:100],
            startPosition=counter.out(start),
            endPosition=counter.out(end),
            creatingUser=guids.user[memo[3]],
        )
        # QualCoder and MAXQDA show a selection without a coding by its Description (an
        # annotation) and leave its note unread: the memo there too, as anonymized as the note
        _el(sel_el, "Description").text = _xml_text(
            redactor.redact(memo[4]) if redactor else memo[4]
        )
        _el(sel_el, "NoteRef", targetGUID=guids.note[key])
    for key, memo in memos:
        if memo[0] is None or guids.note.get(key) in on_coded:
            _el(src, "NoteRef", targetGUID=guids.note[key])
    data = text.encode("utf-8")
    if verbatim and record is not None and record.bom:
        data = b"\xef\xbb\xbf" + data  # byte for byte as it came
    return data, n_codings, widened


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
    only: frozenset[int] | None = None,
) -> ExportSummary:
    """Write the project as a REFI-QDA .qdpx: coders, codebook, sources, codings and cases.

    `span` is what a rule's coding covers (evidence, sentence or turn; a person's coding keeps
    what they marked); `positions` how character positions are counted (utf16 or codepoints);
    `only` the ids of the transcripts to write (`--file`; None: all), with their participants'
    cases and their coders only."""
    check_span(span)
    check_positions(positions)
    check_new(out, overwrite)
    redactor = make_redactor(participants, store, project) if anonymize else None
    summary = ExportSummary(out=out, anonymized=anonymize, span=span, positions=positions)
    transcripts = [t for t in store.transcripts() if only is None or t.id in only]
    all_rows = [r for r in store.coding_rows() if only is None or r.transcript_id in only]
    known = set(codebook.codes)
    unknown: dict[str, int] = {}
    for r in all_rows:
        if r.code not in known:
            unknown[r.code] = unknown.get(r.code, 0) + 1
    if unknown:  # as counting leaves them out, in the same words
        summary.warnings.append(
            left_out_line(dict(sorted(unknown.items())), Path(codebook.path).name)
        )
    rows = [r for r in all_rows if r.code in known]
    by_id = {t.id: t.path for t in transcripts}
    older = [by_id[i] for i in store.imported_ids() if store.source_record(i) is None]
    if older:
        summary.warnings.append(
            f"{counted(len(older), 'imported source')} came in with an older lernet, which kept "
            "their "
            "turns but not their text as it came, so they are laid out anew as Speaker: text "
            f"(positions differ from the other program's): {', '.join(older[:5])}"
            f"{' …' if len(older) > 5 else ''}; import the archive again to give them back "
            "unchanged"
        )
    memos = {t.id: store.memos_of(t.id) for t in transcripts}
    memo_keys = _memo_keys(transcripts, memos)
    placed_memos = {t.id: list(zip(memo_keys[t.id], memos[t.id], strict=True)) for t in transcripts}
    imported_users: dict[str, str] = json.loads(store.get_meta(IMPORTED_USERS_META) or "{}")
    # every user another tool gave, also one who coded nothing; of a part, who coded in it
    coders = sorted(
        {user_key(r) for r in rows}
        | {m[3] for ms in memos.values() for m in ms}
        | (set(imported_users) if only is None else set())
    )
    coding_keys = [str(r.id) for r in rows]
    anchored_keys = [k for t in transcripts for k, m in placed_memos[t.id] if m[0] is not None]
    code_guid = code_guids(codebook, store)
    all_memos = [(k, m) for t in transcripts for k, m in placed_memos[t.id]]
    asked = [k for k, m in all_memos if is_asked(m, code_guid)]
    guids = _Guids(
        code=code_guid,
        user=store.ensure_guids("user", coders),
        source=store.ensure_guids("source", [t.path for t in transcripts]),
        selection=store.ensure_guids("selection", coding_keys + anchored_keys),
        coding=store.ensure_guids("coding", coding_keys + asked),
        note=store.ensure_guids("note", [k for k, m in all_memos if not is_asked(m, code_guid)]),
    )
    spoken, own = _others_speaking(transcripts, store.turn_speakers())
    own |= store.own_speaking()
    cases = _cases(transcripts, spoken, own, participants, guids)
    guids.case = store.ensure_guids("case", list(cases))
    case_names = pseudonyms(cases, redactor)
    group_var = store.get_meta("group_variable")  # the import's: "Stakeholder group"
    variables = _variables(cases, group_var)
    variable_guids = store.ensure_guids("variable", list(variables))
    memo_codes = [c for c in codebook.walk() if c.memo]
    code_notes = store.ensure_guids("note", [f"code:{c.id}" for c in memo_codes])

    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    name = store.get_meta("project_name") or printable(project.root.name) or "lernet"
    root.set("name", _xml_text(redactor.redact(name) if redactor else name))
    root.set("origin", ORIGIN)
    # Every person who coded is a user; in an anonymized archive by a pseudonym (their name,
    # their initials as another tool's id, could be a participant's or colleague's to hide),
    # which the un-anonymized archive's Description maps to the name.
    coder_names = coder_pseudonyms(store, coders, project.language)
    if coders:
        users = _el(root, "Users")
        for coder in coders:
            shown = user_name(coder, coder_names if redactor else None, project.language)
            user = _el(users, "User", guid=guids.user[coder], name=_xml_text(shown))
            machine = coder.removesuffix(":reviewed")
            if machine in MACHINE_USERS:
                user.set("id", machine)
            elif imported_users.get(coder) and not redactor:
                user.set("id", imported_users[coder])
    codes_el = _el(_el(root, "CodeBook"), "Codes")
    _add_codes(
        codes_el,
        codebook.themes,
        guids.code,
        PROJECT_NS,
        project.language,
        redactor,
        {c.id: code_notes[f"code:{c.id}"] for c in memo_codes},
        coded={r.code for r in rows},
    )
    if variables:
        vars_el = _el(root, "Variables")
        for var, kind in variables.items():
            var_el = _el(
                vars_el, "Variable", guid=variable_guids[var], name=var, typeOfVariable=kind
            )
            order = _group_order(var, group_var, cases, participants, redactor)
            if order:
                _el(var_el, "Description").text = _xml_text(order)
    cases_el = _el(root, "Cases") if cases else None
    sources_el = _el(root, "Sources") if transcripts else None
    rows_by_transcript: dict[int, list[CodingRow]] = {}
    for row in rows:
        rows_by_transcript.setdefault(row.transcript_id, []).append(row)
    files: list[tuple[str, bytes]] = []
    on_coded: dict[str, tuple[int, int]] = {}
    names = source_names(transcripts, redactor, store.source_names())
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
            codebook,
            names[t.id],
            on_coded,
        )
        files.append((f"{SOURCES_DIR}/{guids.source[t.path]}.txt", data))
        summary.codings += n
        summary.widened += widened
    if cases_el is not None:
        # a participant variable's value as tally --by and the csv export show it
        shown_values = (
            {
                v: values_shown(participants, v, redactor)
                for v in participants.variable_names
                if v in variables and not _group_or_label(v, group_var)
            }
            if redactor
            else {}
        )
        _add_cases(
            cases_el,
            cases,
            case_names,
            guids,
            variables,
            variable_guids,
            redactor,
            group_var,
            shown_values,
        )
    if len(asked) < len(all_memos) or memo_codes:
        notes_el = _el(root, "Notes")
        titles: dict[str, str] = json.loads(store.get_meta(NOTE_NAMES_META) or "{}")
        summary.notes = _add_notes(
            notes_el,
            transcripts,
            placed_memos,
            guids,
            redactor,
            titles,
            store,
            on_coded,
            project.language,
        )
        # a code's memo has no time of its own: the codebook's, when it was last changed
        # (QualCoder's import stops at a note without a time)
        edited = _file_time(project.codebook_path)
        for code in memo_codes:
            shown = redactor.redact(code.memo) if redactor else code.memo
            note = _el(
                notes_el,
                "Note",
                guid=code_notes[f"code:{code.id}"],
                name=_xml_text(
                    _title(titles.get(code_notes[f"code:{code.id}"]), redactor)
                    or f"Memo: {code.label(project.language)}"[:100]
                ),
                modifiedDateTime=edited,
            )
            _el(note, "PlainTextContent").text = _xml_text(shown)
            summary.notes += 1
    described = store.get_meta("project_description") or ""
    if described and redactor:
        described = redactor.redact(described)
    who = (
        ""
        if redactor or not coder_names
        else "\nlernet: coders in anonymized archives: "
        + "; ".join(f"{shown} = {coder}" for coder, shown in coder_names.items())
    )
    _el(root, "Description").text = _xml_text(
        (described + "\n\n" if described else "")
        # lernet's first line (an import leaves lernet's lines out of what it keeps)
        + ("" if redactor else f"lernet: {not_anonymized_line('qdpx', project.language)}\n")
        + f"lernet: positions={positions} (character positions count {POSITION_NAMES[positions]})"
        + f"\nlernet: codebook name={' '.join(codebook.name.split())}"
        + who
    )
    write_output(
        out, _zip([("project.qde", _to_bytes(root)), *files]), anonymized=redactor is not None
    )
    summary.sources = len(transcripts)
    summary.codes = len(guids.code)
    summary.users = len(coders)
    summary.cases = len(cases)
    return summary


KINDS = {bool: "Boolean", int: "Integer", float: "Float"}
VALUE_TAGS = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
}


def _variables(cases: dict[str, _Case], group_var: str | None = None) -> dict[str, str]:
    """Variable name -> its REFI-QDA type: the variables the cases kept from another tool (a
    number stays a number), and `group` and `label` when some case has one that no kept
    variable of that name (Groep, Label) carries."""
    out: dict[str, str] = {}
    for case in cases.values():
        for name, value in case.variables.items():
            kind = KINDS.get(type(value), "Text")
            out[name] = kind if out.get(name, kind) == kind else "Text"
    for var, names in (("group", GROUP_VARIABLES), ("label", LABEL_VARIABLES)):
        has = any(n.casefold() in names for n in out)
        if var == "group" and group_var in out:  # the import read the group from it
            has = True
        if var == "label" and not has:  # a label taken from a role column is that variable
            has = all(
                not c.label or c.label in map(str, c.variables.values()) for c in cases.values()
            )
        if not has and any(getattr(c, var) for c in cases.values()):
            out[var] = "Text"
    return out


def _group_order(
    var: str,
    group_var: str | None,
    cases: dict[str, _Case],
    participants: Participants,
    redactor: Redactor | None,
) -> str:
    """The group variable's Description: its values in the participants file's order (its
    `groups:`, else as its rows first name them), which an import gives back as `groups:`, so
    the columns of every table stand as before; empty for another variable."""
    if var.casefold() not in GROUP_VARIABLES and var != group_var:
        return ""
    present = sorted({c.group for c in cases.values() if c.group})
    if not present:
        return ""
    order = participants.group_order(present)
    shown = [redactor.redact(g, True) if redactor else g for g in order]
    return "lernet: group order=" + json.dumps(shown, ensure_ascii=False)


def _group_or_label(var: str, group_var: str | None = None) -> bool:
    """Whether a variable carries the participant's group or label (`_case_value`)."""
    key = var.casefold()
    return key in GROUP_VARIABLES or key == "group" or var == group_var or key in LABEL_VARIABLES


def _case_value(case: _Case, var: str, group_var: str | None = None) -> Any:
    """A case's value of a variable: the participant's group and label as the participants
    file says now (also under another tool's name for them: `group_var`), else the kept
    value."""
    key = var.casefold()
    if key in GROUP_VARIABLES or key == "group" or var == group_var:
        return case.group or case.variables.get(var)
    if key in LABEL_VARIABLES:
        return case.label or case.variables.get(var)
    return case.variables.get(var)


def _add_cases(
    cases_el: etree._Element,
    cases: dict[str, _Case],
    names: dict[str, str],
    guids: _Guids,
    variables: dict[str, str],
    variable_guids: dict[str, str],
    redactor: Redactor | None,
    group_var: str | None = None,
    shown_values: dict[str, dict[str, str]] | None = None,
) -> None:
    """`shown_values`: per participant variable, each value as anonymized outputs show it
    (`values_shown`); another text hidden as the label is."""
    for pid, case in cases.items():
        case_el = _el(cases_el, "Case", guid=guids.case[pid], name=names[pid])
        described = case.description or ""
        if described and redactor:
            described = redactor.redact(described, True)
        hidden = [] if redactor else _to_hide(case)
        if described or hidden:
            text = "\n\n".join(t for t in (described, "\n".join(hidden)) if t)
            _el(case_el, "Description").text = _xml_text(text)
        for var, kind in variables.items():
            found = _case_value(case, var, group_var)
            if found is None or found == "":
                continue
            value = _el(case_el, "VariableValue")
            _el(value, "VariableRef", targetGUID=variable_guids[var])
            if kind == "Text":
                text = str(found)
                table = (shown_values or {}).get(var, {})
                shown = (table.get(text) or redactor.redact(text, True)) if redactor else text
                _el(value, "TextValue").text = _xml_text(shown)
            else:
                text = str(found).lower() if kind == "Boolean" else str(found)
                _el(value, VALUE_TAGS[kind]).text = text
        for source_guid in case.sources:
            _el(case_el, "SourceRef", targetGUID=source_guid)
        for selection_guid in case.selections:
            _el(case_el, "SelectionRef", targetGUID=selection_guid)


def _to_hide(case: _Case) -> list[str]:
    """The lines of an un-anonymized archive's case that list the names to hide (`_HIDDEN_RE`):
    its text and source names hold them, and a project imported from it must hide them."""
    return [
        f"lernet: {kind} to hide=" + json.dumps(listed, ensure_ascii=False)
        for kind, listed in (("names", case.names), ("organisations", case.organisations))
        if listed
    ]


def _add_notes(
    notes_el: etree._Element,
    transcripts: list[StoredTranscript],
    placed_memos: dict[int, list[tuple[str, tuple[Any, ...]]]],
    guids: _Guids,
    redactor: Redactor | None,
    titles: dict[str, str],
    store: Store,
    on_coded: dict[str, tuple[int, int]],
    lang: str = "en",
) -> int:
    """The memos on transcripts as notes: an imported note with the title it came with (by its
    GUID), another named by its first words; each with the time it was made, without which
    QualCoder's import stops at the note, and a Description saying where it came from in the
    project's language (`lang`). A memo on coded words (`on_coded`) holds them as its own
    selection, as QualCoder writes and reads an annotation."""
    n = 0
    for t in transcripts:
        times = store.memo_times(t.id)
        for (key, memo), made in zip(placed_memos[t.id], times, strict=True):
            if key not in guids.note:
                continue  # another tool's coding on interviewer speech: gone back as a coding
            author, body, origin = memo[3:6]
            shown = redactor.redact(body) if redactor else body
            title = _title(titles.get(guids.note[key]), redactor)
            note = _el(
                notes_el,
                "Note",
                guid=guids.note[key],
                name=_xml_text(title or " ".join(shown.split())[:60] or "memo"),
                creatingUser=guids.user[author],
                creationDateTime=xml_time(made),
            )
            _el(note, "Description").text = memo_from(origin, lang)
            _el(note, "PlainTextContent").text = _xml_text(shown)
            if guids.note[key] in on_coded:
                start, end = on_coded[guids.note[key]]
                _el(
                    note,
                    "PlainTextSelection",
                    guid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"lernet:annotated:{guids.note[key]}")),
                    startPosition=start,
                    endPosition=end,
                    creatingUser=guids.user[author],
                    creationDateTime=xml_time(made),
                )
            n += 1
    return n


def _file_time(path: Path) -> str | None:
    """When a file was last changed, as xsd:dateTime in UTC; None when it cannot be told."""
    from datetime import UTC, datetime

    try:
        return xml_time(datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat())
    except OSError:
        return None


def _title(title: str | None, redactor: Redactor | None) -> str | None:
    """An imported note's title, anonymized as its text is."""
    return redactor.redact(title) if title and redactor else title


MEMO_FROM_NL = {
    "comment": "een opmerking",
    "tag": "een tag",
    "import": "een import",
    "merge": "een samenvoeging",
}
"""Where a memo came from, in Dutch, as a Dutch project's export says it in the note's
Description (`lernet: memo uit een opmerking`)."""


def memo_from(origin: str, lang: str) -> str:
    """A memo's note Description in the project's language: `lernet: memo from a comment`,
    in Dutch `lernet: memo uit een opmerking`."""
    if lang == "nl":
        return f"lernet: memo uit {MEMO_FROM_NL.get(origin, origin)}"
    return f"lernet: memo from {with_article(origin)}"


def with_article(word: str) -> str:
    """ "a comment", "an import": the English article a memo's origin takes."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


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
