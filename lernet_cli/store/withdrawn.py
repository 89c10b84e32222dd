"""What a withdrawal leaves behind, and how to take it out.

`lernet remove` deletes transcripts from the store, but copies of the store made earlier (the
automatic backups in .lernet/backups/, a leftover private copy) still hold them. A backup
*holds removed text* when it has a transcript the store has neither at its path nor by what it
says (the `said` digest of its turns, or the file's bytes): a transcript that was taken out, not
an older reading of one still there (same path) nor a copy of one (same text). That is checked
in each backup's content, never guessed from its date.

The names of a removed participant stay hidden after their row leaves the participants file:
the store keeps them (in `meta`; names only, never the text) for every anonymized output.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from ..userfiles import not_regular
from .earlier import text_digest
from .store import Store

WITHDRAWN_KEY = "withdrawn_names"


@dataclass
class BackupHolding:
    path: Path
    transcripts: list[tuple[int, str]]
    """(id in the backup, path) of each transcript the store no longer has."""


@dataclass
class BackupScan:
    holding: list[BackupHolding]
    unreadable: list[tuple[Path, str]]
    """Files that look like backups but cannot be read as a store, and why."""


def store_copies(store_path: Path) -> list[Path]:
    """Every SQLite file lernet keeps beside the store (backups, leftover private copies), not
    the store itself; oldest first."""
    folder = store_path.parent
    if not folder.is_dir():
        return []
    out = [
        p
        for p in folder.rglob("*.db")
        if p.resolve() != store_path.resolve() and not p.is_symlink() and not_regular(p) is None
    ]
    return sorted(out, key=lambda p: (p.stat().st_mtime, p.name))


def _kept(store: Store) -> tuple[set[str], set[str]]:
    """What the store still has: its transcripts' paths, and their digests (said and bytes)."""
    paths: set[str] = set()
    digests: set[str] = set()
    for path, sha, said in store.conn.execute("SELECT path, sha256, said FROM transcripts"):
        paths.add(str(path))
        digests.add(str(sha))
        if said:
            digests.add(str(said))
    return paths, digests


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def removed_in(path: Path, kept_paths: set[str], kept_digests: set[str]) -> list[tuple[int, str]]:
    """The transcripts in the store copy at `path` that the store no longer has."""
    conn = _read_only(path)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(transcripts)")}
        if not {"id", "path", "sha256"} <= columns:
            raise sqlite3.DatabaseError("not a lernet store (tables missing)")
        said = "said" if "said" in columns else "NULL"
        out = []
        for tid, tpath, sha, digest in conn.execute(
            f"SELECT id, path, sha256, {said} FROM transcripts ORDER BY path"
        ):
            if tpath in kept_paths or sha in kept_digests:
                continue
            if digest is None:
                turns = conn.execute(
                    "SELECT speaker, text FROM segments WHERE transcript_id = ? ORDER BY idx",
                    (tid,),
                ).fetchall()
                digest = text_digest(turns)
            if digest not in kept_digests:
                out.append((int(tid), str(tpath)))
        return out
    finally:
        conn.close()


def scan_backups(store: Store) -> BackupScan:
    """Which copies beside the store hold transcripts the store no longer has."""
    kept_paths, kept_digests = _kept(store)
    holding: list[BackupHolding] = []
    unreadable: list[tuple[Path, str]] = []
    for path in store_copies(store.path):
        try:
            found = removed_in(path, kept_paths, kept_digests)
        except sqlite3.DatabaseError as exc:
            unreadable.append((path, str(exc)))
            continue
        if found:
            holding.append(BackupHolding(path, found))
    return BackupScan(holding, unreadable)


def withdrawal_records(store: Store) -> dict[str, str]:
    """What the store keeps of its withdrawals (`meta`: the names they hid, the fingerprints
    that keep their interviews out), to carry into the backups a purge rewrites."""
    out = {}
    for key in (WITHDRAWN_KEY, WITHDRAWALS_KEY):
        value = store.get_meta(key)
        if value:
            out[key] = value
    return out


def _merged(key: str, theirs: str | None, ours: str) -> str:
    """The backup's withdrawal records (`theirs`) with the store's added."""
    old = json.loads(theirs) if theirs else None
    new = json.loads(ours)
    if key == WITHDRAWN_KEY:
        old = old if isinstance(old, dict) else {}
        for name in ("names", "organisations", "spoken"):
            kept = list(old.get(name, []))
            new[name] = kept + [v for v in new.get(name, []) if v not in kept]
    elif isinstance(old, list):
        new = old + [w for w in new if w not in old]
    return json.dumps(new, ensure_ascii=False, sort_keys=True)


def purge_backup(holding: BackupHolding, records: dict[str, str] | None = None) -> None:
    """Rewrite the backup without those transcripts (and all that hangs on them), into a new
    private file that replaces it: no free page of the old file's is carried over. The store's
    withdrawal `records` (`withdrawal_records`) go into it, so that restoring it undoes no
    withdrawal: their names stay hidden, their interviews stay out."""
    folder = holding.path.parent
    fd, name = tempfile.mkstemp(prefix=".purge-", suffix=".db", dir=folder)
    os.close(fd)
    tmp = Path(name)
    os.unlink(tmp)  # VACUUM INTO wants a file that does not exist yet
    try:
        conn = sqlite3.connect(holding.path, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            ids = [tid for tid, _ in holding.transcripts]
            marks = ",".join("?" * len(ids))
            conn.execute("BEGIN IMMEDIATE")
            people = [
                pid
                for (pid,) in conn.execute(
                    f"SELECT DISTINCT participant FROM transcripts WHERE id IN ({marks})", ids
                )
            ]
            conn.execute(f"DELETE FROM transcripts WHERE id IN ({marks})", ids)
            forget_guids(conn, [path for _, path in holding.transcripts], people)
            for key, value in (records or {}).items():
                row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, _merged(key, row[0] if row else None, value)),
                )
            conn.execute("COMMIT")
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, holding.path)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StoreError(f"cannot rewrite the backup: {exc}", holding.path) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)


def forget_guids(conn: sqlite3.Connection, paths: list[str], people: Collection[str]) -> None:
    """After transcripts were deleted: the export GUIDs kept under their paths (a path may hold
    a name: "P04 Fatima El Amrani.vtt") and their memos', and the cases of their `people` who
    have no transcript left (an id may be a file's name)."""
    for path in paths:
        conn.execute("DELETE FROM guids WHERE kind = 'source' AND key = ?", (path,))
        prefix = f"memo:{path}#"
        conn.execute(
            "DELETE FROM guids WHERE kind IN ('note', 'selection', 'coding') AND "
            "substr(key, 1, ?) = ?",
            (len(prefix), prefix),
        )
    for pid in people:
        if conn.execute("SELECT 1 FROM transcripts WHERE participant = ?", (pid,)).fetchone():
            continue
        conn.execute("DELETE FROM guids WHERE kind = 'case' AND key = ?", (pid,))


def compact(store: Store) -> None:
    """Rebuild the store's file so that the pages deleted rows stood on hold nothing of them."""
    store.conn.execute("VACUUM")


# --- names kept after a withdrawal -----------------------------------------------------------


def withdrawn_names(store: Store) -> dict[str, list[str]]:
    """{"names", "organisations", "spoken"}: kept from removed participants, hidden in every
    anonymized output."""
    raw = store.get_meta(WITHDRAWN_KEY)
    data = json.loads(raw) if raw else {}
    return {k: list(data.get(k, [])) for k in ("names", "organisations", "spoken")}


def keep_withdrawn_names(
    store: Store, names: list[str], organisations: list[str], spoken: list[str]
) -> None:
    """Add people's and organisations' names, and speaker or header names as the store keeps
    them with a transcript (`spoken`), to those kept."""
    kept = withdrawn_names(store)
    for key, new in (("names", names), ("organisations", organisations), ("spoken", spoken)):
        kept[key] += [v for v in dict.fromkeys(new) if v and v not in kept[key]]
    store.set_meta(WITHDRAWN_KEY, json.dumps(kept, ensure_ascii=False, sort_keys=True))


# --- withdrawals remembered -------------------------------------------------------------------

WITHDRAWALS_KEY = "withdrawn_transcripts"
SAME_INTERVIEW = 0.8
"""The share of the smaller of two samples that must stand in the other for a text to be taken
for a version of a withdrawn interview (as coding/versions.py takes a version: 80%)."""
FEW_MARKS = 8
"""A fingerprint of fewer marks says too little: only the exact digests count then."""


@dataclass
class Withdrawal:
    """What the store keeps of a withdrawn participant's transcript: never its text, its words
    or its path, only enough to know the interview again. `digests` are SHA-256 digests of the
    file's bytes and of what it says (`text_digest`); `marks` a fingerprint of what the
    participant says: the keys of the transcript's sample of word 3-grams (language/speech.py,
    about 128 of them) each hashed again under the withdrawal's own random `salt`, with the
    level each was sampled at."""

    participant: str
    removed: str
    digests: list[str]
    salt: str
    level: int
    marks: list[tuple[int, str]]


def _mark(salt: str, key: int) -> str:
    import hashlib

    return hashlib.blake2b(
        key.to_bytes(8, "little"), digest_size=8, key=bytes.fromhex(salt)
    ).hexdigest()


def withdrawals(store: Store) -> list[Withdrawal]:
    raw = store.get_meta(WITHDRAWALS_KEY)
    out = []
    for item in json.loads(raw) if raw else []:
        out.append(
            Withdrawal(
                str(item["participant"]),
                str(item["removed"]),
                [str(d) for d in item["digests"]],
                str(item["salt"]),
                int(item["level"]),
                [(int(level), str(mark)) for level, mark in item["marks"]],
            )
        )
    return out


def remember_withdrawals(store: Store, transcript_ids: list[int]) -> int:
    """Keep a `Withdrawal` for each of these stored transcripts (before they are deleted), so
    that no merge or import brings them back; how many were kept."""
    from datetime import UTC, datetime

    from ..language.speech import key_level

    kept = withdrawals(store)
    when = datetime.now(UTC).date().isoformat()
    samples = dict(store.speech_samples())
    for tid in transcript_ids:
        row = store.conn.execute(
            "SELECT participant, sha256, said FROM transcripts WHERE id = ?", (tid,)
        ).fetchone()
        if row is None:
            continue
        participant, sha, said = row
        if said is None:
            turns = store.conn.execute(
                "SELECT speaker, text FROM segments WHERE transcript_id = ? ORDER BY idx", (tid,)
            ).fetchall()
            said = text_digest(turns)
        salt = os.urandom(16).hex()
        level, keys = samples.get(tid, (0, []))
        marks = sorted((key_level(k), _mark(salt, k)) for k in keys)
        kept.append(
            Withdrawal(str(participant or "?"), when, [str(sha), str(said)], salt, level, marks)
        )
    store.set_meta(
        WITHDRAWALS_KEY,
        json.dumps([w.__dict__ for w in kept], ensure_ascii=False, sort_keys=True),
    )
    return len(transcript_ids)


def withdrawn_match(
    found: list[Withdrawal], digests: set[str], sample: tuple[int, list[int]]
) -> Withdrawal | None:
    """The withdrawal a transcript is a version of: one of its `digests` (bytes, `text_digest`)
    is the withdrawn one's, or at least `SAME_INTERVIEW` of the smaller of the two fingerprints
    (the transcript's `sample` of what its participants say, both at the higher of the two
    levels) stands in the other."""
    from ..language.speech import key_level

    level, keys = sample
    best: tuple[float, Withdrawal] | None = None
    for w in found:
        if digests & set(w.digests):
            return w
        if not w.marks:
            continue
        top = max(level, w.level)
        theirs = {m for lv, m in w.marks if lv >= top}
        ours = {_mark(w.salt, k) for k in keys if key_level(k) >= top}
        if min(len(theirs), len(ours)) < FEW_MARKS:
            continue
        share = len(theirs & ours) / min(len(theirs), len(ours))
        if share >= SAME_INTERVIEW and (best is None or share > best[0]):
            best = (share, w)
    return best[1] if best else None
