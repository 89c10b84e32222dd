"""What `lernet merge` (merge.py) writes, all at once: the planned codings, decisions, memos and
groups, the GUIDs of another tool's codings, and an archive's sources this project lacks."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import Codebook
from ..store.coders import (
    write_groups,
)
from ..store.store import Store
from .merge_names import _our_code
from .merge_read import Other, OtherCoding, OtherTranscript

if TYPE_CHECKING:
    from .merge import MergeResult


@dataclass
class _Plan:
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    reviews: list[tuple[str, str, str | None, str | None, int, str | None]] = field(
        default_factory=list
    )
    """(status, reviewer, reviewed_at, note, our coding's id, the direction they gave it or None)"""
    rejections: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    memos: list[tuple[Any, ...]] = field(default_factory=list)
    guids: list[tuple[str, str]] = field(default_factory=list)
    """Per row of `rows`: the other tool's selection and coding GUIDs ("" for none)."""


def _add_sources(
    store: Store,
    codebook: Codebook,
    other: Other,
    adding: list[OtherTranscript],
    paths: list[str],
    maps: dict[str, str],
    language: str,
    result: MergeResult,
) -> None:
    """The archive's sources this project lacks, as `lernet import qdpx` makes them: their text
    as it came, cut into turns, with their codings under this codebook's codes (by name, or as
    --map says), memos, and the archive's GUIDs for the way back; `paths` are theirs here
    (`_source_paths`)."""
    from .qdaxml import ImportSummary
    from .qdc import _walk_imported
    from .qdpx_import import _Guids, _import_source, people_notices

    archive = other.archive
    code_by_guid: dict[str, str] = {}
    for code in _walk_imported(archive.codes):
        ours = _our_code(codebook, OtherCoding(0, code.id, 0, 0, "", "", name=code.name), maps)
        if ours is not None:
            code_by_guid[code.guid] = ours
    guids = _Guids()
    summary = ImportSummary(store.path.parent.parent, Path())
    for theirs, rel in zip(adding, paths, strict=True):
        src = theirs.source
        _import_source(store, src, rel, archive, code_by_guid, guids, summary, language)
    people = {str(p["id"]) for p in result.people}
    result.source_codings = summary.codings
    result.source_memos = summary.memos
    result.notices.extend(
        people_notices(archive, people, len(result.matched), "the participants file")
    )
    result.notices.extend(summary.notices)
    result.warnings.extend(w for w in summary.warnings if "of unknown codes" not in w)
    if archive.group_variable and not store.get_meta("group_variable"):
        store.set_meta("group_variable", archive.group_variable)
    store.remember_guids("source", guids.source)
    store.remember_guids("user", guids.user)
    store.remember_guids("selection", guids.selection)
    store.remember_guids("coding", guids.coding)
    store.remember_guids("note", guids.note)
    store.remember_guids("case", {p: g for p, g in archive.case_guids.items() if p in people})


def _source_paths(store: Store, adding: list[OtherTranscript]) -> list[str]:
    """Where the archive's sources to add are stored: their names in the archive, made
    unique among this project's transcripts."""
    from .qdaxml import _unique
    from .qdpx_read import _source_path

    if not adding:
        return []
    taken = {t.path for t in store.transcripts()}
    return [
        _unique(_source_path(t.source.name, f"source-{n}.txt"), taken)
        for n, t in enumerate(adding, 1)
    ]


def _people_of(
    other: Other, adding: list[OtherTranscript], paths: list[str]
) -> dict[str, dict[str, Any]]:
    """The archive's participants whose sources are added (`paths`: theirs here), by id."""
    from .qdpx_import import _owner

    people: dict[str, dict[str, Any]] = {}
    for theirs, rel in zip(adding, paths, strict=True):
        pid = _owner(theirs.source, rel, other.archive)
        if pid in other.archive.people:
            people.setdefault(pid, other.archive.people[pid])
    return people


def _write(store: Store, plan: _Plan) -> None:
    """All at once: the codings, the decisions, the memos and the groups."""
    now = _now()
    store.keep_pseudonyms({str(r[1]) for r in plan.reviews})
    with store.transaction() as conn:
        ids = [
            conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, "
                "direction, status, source, note, reviewer, reviewed_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'merge', ?, ?, ?, ?)",
                (*r[:-1], r[-1] or now),
            ).lastrowid
            for r in plan.rows
        ]
        _keep_guids(conn, ids, plan.guids)
        conn.executemany(
            "UPDATE codings SET status = ?, reviewer = ?, reviewed_at = ?, note = ?, "
            "rules_direction = CASE WHEN ?6 IS NULL THEN NULL ELSE direction END, "
            "direction = COALESCE(?6, direction) WHERE id = ?5 AND status = 'pending'",
            plan.reviews,
        )
        conn.executemany(
            "INSERT INTO candidate_rejections (transcript_id, code, text, reviewer, decided_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (transcript_id, code, text) DO NOTHING",
            plan.rejections,
        )
        conn.executemany(
            "INSERT INTO memos (transcript_id, segment, start, end, author, text, source, "
            "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 'merge', ?, ?)",
            [(*r[:-1], r[-1] or now) for r in plan.memos],
        )
        if plan.groups:
            write_groups(conn, plan.groups)


def _keep_guids(
    conn: sqlite3.Connection, ids: list[int | None], guids: list[tuple[str, str]]
) -> None:
    """The other tool's selection and coding GUIDs of the codings added, for an export back:
    each where it is unique, no other GUID of the project (of any kind) nor another coding of
    this merge having it; the others get GUIDs of their own at export, as before."""
    used = {str(g).casefold() for (g,) in conn.execute("SELECT guid FROM guids")}
    counts: dict[str, int] = {}
    for pair in guids:
        for g in pair:
            if g:
                counts[g.casefold()] = counts.get(g.casefold(), 0) + 1
    keep = []
    for cid, pair in zip(ids, guids, strict=True):
        for kind, g in zip(("selection", "coding"), pair, strict=True):
            if cid is not None and g and g.casefold() not in used and counts[g.casefold()] == 1:
                keep.append((kind, str(cid), g))
    conn.executemany("INSERT OR IGNORE INTO guids (kind, key, guid) VALUES (?, ?, ?)", keep)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
