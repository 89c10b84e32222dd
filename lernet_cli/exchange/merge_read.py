"""What another project, store or archive holds, read for `lernet merge` (merge.py) before
anything here changes: its transcripts' turns, codings, memos, rejections and coder groups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ProjectError, UsageError
from ..project.project import CONFIG_NAME, STORE_DIR, STORE_NAME
from ..store.backup import opened_copy
from ..store.coders import (
    MACHINES,
    read_groups,
)
from .merge_names import _key

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class OtherCoding:
    segment: int
    code: str
    start: int
    end: int
    coder: str
    source: str
    direction: str | None = None
    status: str = "accepted"
    note: str | None = None
    reviewer: str | None = None
    reviewed_at: str | None = None
    created_at: str | None = None
    name: str = ""
    """The code's name in another tool, when its id is not this codebook's."""
    guids: tuple[str, str] = ("", "")
    """An archive's coding: the GUIDs of its selection and its coding in the other tool (on the
    first part of a selection cut into turns only; "" for none), kept for the way back where
    no other GUID of the project is the same."""


@dataclass
class OtherMemo:
    segment: int | None
    """None: on the whole transcript."""
    start: int
    end: int
    author: str
    text: str
    reason: str
    created_at: str | None = None


@dataclass
class OtherTranscript:
    name: str
    turns: dict[int, tuple[str, str]]
    """segment -> (role, text)"""
    codings: list[OtherCoding] = field(default_factory=list)
    rejections: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Candidates a person rejected there: (code, turn text, reviewer, when)."""
    memos: list[OtherMemo] = field(default_factory=list)
    source: Any = None
    """The archive's source (qdpx_read._Source) it was read from, when it came from one."""
    digests: set[str] = field(default_factory=set)
    """Its file's and its text's digests, as another lernet store keeps them."""


@dataclass
class Other:
    """What another project (or archive) holds, read before anything here changes."""

    path: Path
    kind: str  # "project", "store" or "archive"
    transcripts: list[OtherTranscript] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encloses: bool = False
    """A project whose folder holds this one (`lernet init --nested`: a separate study inside
    it, such as one wave): the researcher's own project, not a copy of this one, so a person who
    codes here too is not taken for someone whose work is here already."""
    archive: Any = None
    """The archive (qdpx_read._Archive) read, when it is one: another tool's sources this
    project lacks are added with their text (`_add_sources`); a lernet export's are a copy's
    transcripts (anonymized, perhaps), which the copy's files should be added for instead."""


def read_other(path: Path, here: Path, scratch: Path) -> Other:
    """The other project, store or archive; `here` is this project's root (merging a project
    into itself is refused), `scratch` a private folder for the copy of a store."""
    if not path.exists():
        raise UsageError("no such folder or file", path)
    if path.is_dir():
        root = path.resolve()
        if root == here.resolve():
            raise UsageError("that is this project; name the other coder's copy", path)
        encloses = root in here.resolve().parents
        if not (root / CONFIG_NAME).is_file():
            raise ProjectError(
                f"not a lernet project (no {CONFIG_NAME}); name a project folder or a .qdpx", path
            )
        store_path = root / STORE_DIR / STORE_NAME
        if not store_path.exists():
            raise ProjectError("a lernet project with no store yet: nothing coded there", path)
        other = _read_store(store_path, path, "project", scratch)
        other.encloses = encloses
        return other
    from ..userfiles import open_regular

    with open_regular(path, ProjectError, what="a project to merge") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        mine = here / STORE_DIR / STORE_NAME
        if mine.exists() and path.resolve() == mine.resolve():
            raise UsageError("that is this project's own store", path)
        return _read_store(path, path, "store", scratch)
    return _read_archive(path)


def _read_store(store_path: Path, shown: Path, kind: str, scratch: Path) -> Other:
    other = Other(shown, kind)
    try:
        with opened_copy(store_path, scratch) as store:
            _read_tables(store.conn, other)
    except sqlite3.DatabaseError:
        from ..errors import StoreError

        raise StoreError("the store is damaged; it cannot be merged", store_path) from None
    return other


def _read_tables(conn: sqlite3.Connection, other: Other) -> None:
    by_id: dict[int, OtherTranscript] = {}
    columns = {r[1] for r in conn.execute("PRAGMA table_info(transcripts)")}
    said = "said" if "said" in columns else "NULL"
    for tid, path, sha, digest in conn.execute(
        f"SELECT id, path, sha256, {said} FROM transcripts ORDER BY path"
    ):
        by_id[int(tid)] = OtherTranscript(
            str(path), {}, digests={str(d) for d in (sha, digest) if d}
        )
    for tid, idx, role, text in conn.execute(
        "SELECT transcript_id, idx, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].turns[int(idx)] = (str(role), str(text))
    for row in conn.execute(
        "SELECT transcript_id, segment, code, start, end, coder, direction, status, source, "
        "note, reviewer, reviewed_at, created_at FROM codings WHERE detached IS NULL "
        "ORDER BY transcript_id, segment, start, id"
    ):
        tid, seg, code, start, end, coder, direction, status, source, *rest = row
        if int(tid) in by_id:
            by_id[int(tid)].codings.append(
                OtherCoding(
                    int(seg),
                    str(code),
                    int(start),
                    int(end),
                    str(coder),
                    str(source),
                    direction,
                    str(status),
                    *rest,
                )
            )
    for tid, code, text, reviewer, when in conn.execute(
        "SELECT transcript_id, code, text, reviewer, decided_at FROM candidate_rejections"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].rejections.append((str(code), str(text), str(reviewer), str(when)))
    for tid, seg, start, end, author, text, reason, created in conn.execute(
        "SELECT transcript_id, segment, start, end, author, text, reason, created_at FROM memos "
        "ORDER BY transcript_id, id"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].memos.append(
                OtherMemo(
                    None if seg is None else int(seg),
                    int(start),
                    int(end),
                    str(author),
                    str(text),
                    str(reason),
                    created,
                )
            )
    other.groups = read_groups(conn)
    other.transcripts = list(by_id.values())


def _read_archive(path: Path) -> Other:
    """A REFI-QDA archive: its sources cut into turns as `lernet import qdpx` cuts them, and
    every text coding on the turns it covers."""
    from .qdaxml import _META_RE, DIRECTIONS, STATUSES
    from .qdc import _walk_imported
    from .qdpx_import import _evidence, _lernet_layout, _source_layout
    from .qdpx_read import read_archive

    archive = read_archive(path)
    other = Other(path, "archive", warnings=list(archive.warnings), archive=archive)
    codes = {c.guid: c for c in _walk_imported(archive.codes)}
    for src in archive.sources:
        layout = (
            _lernet_layout(src.text, src.interviewers)
            if archive.lernet_made and not src.own_layout
            else _source_layout(src.text, src.name, src.interviewers)
        )
        mine = OtherTranscript(
            src.name, {i: (t.role, t.text) for i, t in enumerate(layout.turns, 1)}, source=src
        )
        for sel in src.selections:
            meta = _META_RE.search(sel.description)
            status = meta["status"] if meta and meta["status"] in STATUSES else "accepted"
            direction = meta["direction"] if meta and meta["direction"] in DIRECTIONS else None
            pieces = layout.cut(*(_evidence(src.text, sel) or (sel.start, sel.end)))
            selection_guid = sel.guid
            for coded in sel.codings:
                code = codes.get(coded.code)
                if code is None:
                    continue
                coder = archive.users.get(coded.user) or "unknown"
                for n, (idx, a, b) in enumerate(pieces):
                    mine.codings.append(
                        OtherCoding(
                            idx,
                            code.id,
                            a,
                            b,
                            coder,
                            "import",
                            direction,
                            status,
                            created_at=coded.created,
                            note=sel.note or None,
                            name=code.name,
                            guids=(selection_guid, coded.guid) if n == 0 else ("", ""),
                        )
                    )
                    if n == 0:
                        selection_guid = ""  # the selection's GUID goes to its first coding
            if (
                sel.note
                and sel.codings
                and all(_key(archive.users.get(c.user) or "") in MACHINES for c in sel.codings)
            ):
                # what a person typed into the memo of a rules' coding, which this project
                # makes again and leaves out: a memo on its words, by whom the archive does
                # not say
                on = layout.cut(sel.start, sel.end)
                at: tuple[int | None, int, int] = on[0] if on else (None, 0, 0)
                mine.memos.append(OtherMemo(*at, "unknown", sel.note, "note", sel.made))
        for guid in src.notes:
            if guid in archive.notes:
                author, text = archive.notes[guid]
                when = archive.note_times.get(guid)
                mine.memos.append(OtherMemo(None, 0, 0, author, text, "note", when))
        for sel in src.selections:
            notes = [g for g in sel.notes if g in archive.notes]
            cut = layout.cut(sel.start, sel.end) if notes else []
            seg, a, b = cut[0] if cut else (None, 0, 0)
            for guid in notes:
                author, text = archive.notes[guid]
                when = archive.note_times.get(guid)
                mine.memos.append(OtherMemo(seg, a, b, author, text, "note", when))
        other.transcripts.append(mine)
    return other
