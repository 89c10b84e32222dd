"""Imported sources (another tool's REFI-QDA project): their text as it came and where each turn
stands in it, so an export gives the same text back; and their turns' roles set again when the
project's interviewer labels change."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from hashlib import sha256

from ..model import Role, Transcript
from .rows import _now
from .transactions import Transactions
from .writes import write_speech_sample

Piece = tuple[int, int, int]
"""Part of a turn's text: (offset in the turn's text, offset in the source's text, length)."""

ASKED = "coding on interviewer speech"
"""The reason of a memo that keeps another tool's coding on the interviewer's words."""


@dataclass
class SourceRecord:
    """An imported source's text as it came (without its byte-order mark, `bom` says whether it
    had one), its `layout` ("source": the other tool's text; "lernet": a lernet export's
    `Speaker: text` blocks) and each turn's pieces in it (index: segment - 1)."""

    text: str
    bom: bool
    layout: str
    pieces: list[list[Piece]]

    def to_source(self, segment: int, offset: int, end: bool = False) -> int:
        """Where a position in a turn's text stands in the source's text. Between two pieces
        (the line break a turn's text joins lines with) a start goes to the next piece and an
        end stays at the end of the one before."""
        pieces = self.pieces[segment - 1] if 0 < segment <= len(self.pieces) else []
        if not pieces:
            return 0
        for at, src, length in pieces:
            if at <= offset < at + length or (end and at < offset <= at + length):
                return src + offset - at
        for at, src, _ in pieces:  # between pieces, or past the end
            if offset < at:
                return src
        at, src, length = pieces[-1]
        return src + length


@dataclass
class WholeSelection:
    """Another tool's coded selection as it came: its GUID and extent in the source's text (a
    whole paragraph with its speaker label, a question and its answer), and the GUID of each of
    its codings with the parts lernet cut it into, one per turn (`parts`: "coding:ID@SEG:A-B"
    for a coding, the memo's key without its path, `memo_key("", …)`, for a part on the
    interviewer's words). An export gives the selection back whole while every part of it is
    as import made it."""

    guid: str
    start: int
    end: int
    codings: dict[str, list[str]]


def coding_part(coding_id: int, segment: int, start: int, end: int) -> str:
    """A stored coding as a part of an imported selection (see WholeSelection)."""
    return f"coding:{coding_id}@{segment}:{start}-{end}"


@dataclass
class RoleChange:
    """What setting an imported transcript's roles again changed."""

    path: str
    to_interviewer: list[int] = field(default_factory=list)
    to_participant: list[int] = field(default_factory=list)
    memos_made: int = 0
    """Another tool's codings now on interviewer speech, kept as memos."""
    codings_made: int = 0
    """Memos of such codings now on participant speech, counted again."""


class ImportedSources(Transactions):
    """The store's part for imported sources (a base of `Store`)."""

    def source_record(self, transcript_id: int) -> SourceRecord | None:
        row = self.conn.execute(
            "SELECT text, bom, layout, pieces FROM source_texts WHERE transcript_id = ?",
            (transcript_id,),
        ).fetchone()
        if row is None:
            return None
        pieces = [[(int(a), int(b), int(c)) for a, b, c in turn] for turn in json.loads(row[3])]
        return SourceRecord(str(row[0]), bool(row[1]), str(row[2]), pieces)

    def whole_selections(self, transcript_id: int) -> list[WholeSelection]:
        """The selections another tool made on an imported source, as they came."""
        row = self.conn.execute(
            "SELECT selections FROM source_texts WHERE transcript_id = ?", (transcript_id,)
        ).fetchone()
        if row is None or not row[0]:
            return []
        return [
            WholeSelection(str(s["guid"]), int(s["start"]), int(s["end"]), dict(s["codings"]))
            for s in json.loads(row[0])
        ]

    def remember_whole_selections(self, transcript_id: int, whole: list[WholeSelection]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE source_texts SET selections = ? WHERE transcript_id = ?",
                (json.dumps([vars(w) for w in whole], ensure_ascii=False), transcript_id),
            )

    def imported_ids(self) -> list[int]:
        """Transcripts that came from another tool (never read from a file), in path order."""
        return [
            int(r[0])
            for r in self.conn.execute(
                "SELECT id FROM transcripts WHERE codebook_digest IS NULL ORDER BY path"
            )
        ]

    def set_roles(
        self, transcript_id: int, roles: dict[int, Role], interviewer: list[str]
    ) -> RoleChange:
        """Give these turns (segment -> role) of an imported transcript their role. Another tool's
        codings on a turn that is now the interviewer's become memos (reason `coding on
        interviewer speech`) and such memos on a turn that is now a participant's become codings
        again, each keeping the GUIDs it came with; the rules' codings of the transcript are made
        anew at the next re-coding (its words and rules digest are forgotten)."""
        path = self.conn.execute(
            "SELECT path FROM transcripts WHERE id = ?", (transcript_id,)
        ).fetchone()[0]
        change = RoleChange(str(path))
        now = _now()
        with self.transaction() as conn:
            stored = dict(
                conn.execute(
                    "SELECT idx, role FROM segments WHERE transcript_id = ?", (transcript_id,)
                )
            )
            for seg, role in sorted(roles.items()):
                if stored.get(seg) in (None, role):
                    continue
                (change.to_interviewer if role == "interviewer" else change.to_participant).append(
                    seg
                )
                conn.execute(
                    "UPDATE segments SET role = ?, participant = CASE WHEN ? = 'interviewer' "
                    "THEN NULL ELSE participant END WHERE transcript_id = ? AND idx = ?",
                    (role, role, transcript_id, seg),
                )
            if not (change.to_interviewer or change.to_participant):
                return change
            for seg in change.to_interviewer:
                change.memos_made += _codings_to_memos(conn, transcript_id, seg, str(path), now)
            for seg in change.to_participant:
                change.codings_made += _memos_to_codings(conn, transcript_id, seg, str(path))
            conn.execute(
                "DELETE FROM codings WHERE transcript_id = ? AND source = 'rule' AND segment IN "
                f"({','.join('?' * len(change.to_interviewer))})",
                [transcript_id, *change.to_interviewer],
            )
            write_speech_sample(conn, transcript_id)  # who speaks changed what participants say
            conn.execute(
                "UPDATE transcripts SET interviewer = ?, words = NULL, rules_digest = CASE WHEN "
                "rules_digest IS NULL THEN NULL ELSE '' END WHERE id = ?",
                (json.dumps(interviewer, ensure_ascii=False), transcript_id),
            )
        return change

    def ensure_guids(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        """Stable GUIDs for exports: made (uuid4) the first time a key is exported, then reused."""
        import uuid

        wanted = list(dict.fromkeys(keys))
        with self.transaction() as conn:
            known = {
                str(r[0]): str(r[1])
                for r in conn.execute("SELECT key, guid FROM guids WHERE kind = ?", (kind,))
            }
            for key in wanted:
                if key not in known:
                    known[key] = str(uuid.uuid4())
                    conn.execute(
                        "INSERT INTO guids (kind, key, guid) VALUES (?, ?, ?)",
                        (kind, key, known[key]),
                    )
        return {key: known[key] for key in wanted}

    def remember_guids(self, kind: str, mapping: dict[str, str]) -> None:
        """Keep the GUIDs an imported archive used, so an export back keeps their identity."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO guids (kind, key, guid) VALUES (?, ?, ?)",
                [(kind, key, guid) for key, guid in mapping.items()],
            )


def memo_key(path: str, seg: int | None, start: int, end: int, author: str, text: str) -> str:
    """A memo's stable key (memos are made anew on every re-coding, ids and all): where it
    stands, who wrote it and a hash of what it says; a REFI-QDA export keeps its GUIDs under it.
    The second of two alike gets `:2` (see exchange.qdaxml._memo_keys)."""
    digest = sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"memo:{path}#{seg}:{start}-{end}:{author}:{digest}"


_MEMO_GUIDS = ("note", "selection", "coding")
"""The kinds of GUIDs kept under a memo's key (a coding on interviewer speech has all three)."""


SOURCE_NAMES_META = "source_names"
"""Store meta: JSON {path: name}, the name a moved transcript's source keeps in exports: the
path it was stored at before its first move (an imported source's name as the other tool gave
it), so another tool sees the same source under the same name."""


def source_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Stored path -> the name its source keeps (SOURCE_NAMES_META), for moved transcripts."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SOURCE_NAMES_META,)).fetchone()
    return dict(json.loads(row[0])) if row else {}


def move_path_guids(conn: sqlite3.Connection, old: str, new: str) -> None:
    """A transcript stored at `old` is at `new` now: the GUIDs kept under its path (its source
    and its memos' notes and selections) follow it, so an export is the same source again, and
    so does its source's name (the one it had before it first moved)."""
    names = source_names(conn)
    names[new] = names.pop(old, old)
    if names[new] == new:  # moved back
        del names[new]
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (SOURCE_NAMES_META, json.dumps(names, ensure_ascii=False, sort_keys=True)),
    )
    _move_guid(conn, "source", old, new)
    prefix, renamed = f"memo:{old}#", f"memo:{new}#"
    conn.execute(
        "UPDATE OR IGNORE guids SET key = ? || substr(key, ?) WHERE kind IN (?, ?, ?) AND "
        "substr(key, 1, ?) = ?",
        (renamed, len(prefix) + 1, *_MEMO_GUIDS, len(prefix), prefix),
    )


def move_memo_guids(
    conn: sqlite3.Connection,
    path: str,
    old: tuple[int | None, int, int],
    new: tuple[int | None, int, int],
    author: str,
    text: str,
) -> None:
    """A memo moved with its text (its turn's number or its place in it changed): the GUIDs kept
    under its key follow it."""
    before, after = memo_key(path, *old, author, text), memo_key(path, *new, author, text)
    for kind in _MEMO_GUIDS:
        _move_guid(conn, kind, before, after)


def keep_source_text(
    conn: sqlite3.Connection, tid: int, old_text: dict[int, str], transcript: Transcript
) -> None:
    """An imported source's text as it came stays with its transcript while the turns say what
    they said (a file with the same text coded in its place); once they say something else, where
    each turn stood in it is unknown, and an export lays the turns out anew."""
    new_text = {i: t.text for i, t in enumerate(transcript.turns, 1)}
    if new_text != old_text:
        conn.execute("DELETE FROM source_texts WHERE transcript_id = ?", (tid,))


def _move_guid(conn: sqlite3.Connection, kind: str, old: str, new: str) -> None:
    conn.execute("UPDATE OR IGNORE guids SET key = ? WHERE kind = ? AND key = ?", (new, kind, old))


def _codings_to_memos(conn: sqlite3.Connection, tid: int, seg: int, path: str, now: str) -> int:
    """Another tool's codings (and codings made in review) on a turn now the interviewer's."""
    rows = conn.execute(
        "SELECT id, code, start, end, coder FROM codings WHERE transcript_id = ? AND segment = ? "
        "AND source NOT IN ('rule', 'comment', 'tag', 'protocol') AND detached IS NULL "
        "ORDER BY id",
        (tid, seg),
    ).fetchall()
    for cid, code, start, end, coder in rows:
        text = f"code: {code}"
        conn.execute(
            "INSERT INTO memos (transcript_id, segment, start, end, author, text, source, "
            "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)",
            (tid, seg, start, end, coder, text, ASKED, now),
        )
        key = memo_key(path, seg, start, end, coder, text)
        _move_guid(conn, "selection", str(cid), key)
        _move_guid(conn, "coding", str(cid), key)
        conn.execute("DELETE FROM codings WHERE id = ?", (cid,))
    return len(rows)


def _memos_to_codings(conn: sqlite3.Connection, tid: int, seg: int, path: str) -> int:
    """Memos of another tool's codings on a turn now a participant's: codings again."""
    rows = conn.execute(
        "SELECT id, start, end, author, text, created_at FROM memos WHERE transcript_id = ? "
        "AND segment = ? AND reason = ? AND source = 'import' AND text LIKE 'code: %' ORDER BY id",
        (tid, seg, ASKED),
    ).fetchall()
    for mid, start, end, author, text, created in rows:
        cur = conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'accepted', 'import', ?)",
            (tid, seg, text.removeprefix("code: ").strip(), start, end, author, created),
        )
        key = memo_key(path, seg, start, end, author, text)
        _move_guid(conn, "selection", key, str(cur.lastrowid))
        _move_guid(conn, "coding", key, str(cur.lastrowid))
        conn.execute("DELETE FROM memos WHERE id = ?", (mid,))
    return len(rows)
