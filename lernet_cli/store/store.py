"""The SQLite store: the only place codings live.

The schema is built by numbered migrations recorded in `schema_migrations`, so a project made by an
older lernet is brought up to date when opened. Every write of one transcript is one transaction
(or, inside a batch of many, one savepoint: see transactions.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Coding, Match, Memo, Transcript
from ..userfiles import check_regular
from .coders import coder_pseudonyms
from .codings import CodingReads
from .earlier import EarlierReadings, fill_said
from .imported import (
    ImportedSources,
    Piece,
    keep_source_text,
    move_memo_guids,
    move_path_guids,
)
from .meta import MetaRecords
from .migrations import MIGRATIONS
from .recoding import RecodingQueries
from .rows import (
    _FILE_MEMOS,
    _IN_FILE_SOURCES,
    CHANGED_FROM,
    FILE_SOURCES,
    NOTED_SOURCES,
    REVIEWABLE,
    SIMILAR,
    SIMILAR_META,
    CodingRow,
    HandMemo,
    SaveResult,
    StoredTranscript,
    _now,
)
from .transactions import BUSY_TIMEOUT_MS, _explain, patiently
from .transcripts import TranscriptReads
from .writes import (
    _carry_review,
    _insert_coding,
    _insert_codings,
    _insert_memos,
    _insert_segments,
    _reanchor,
    _remember_rule_set,
    _similar_turns,
    replace_undirected,
    write_speech_sample,
)

__all__ = [
    "CHANGED_FROM",
    "FILE_SOURCES",
    "NOTED_SOURCES",
    "REVIEWABLE",
    "SIMILAR",
    "SIMILAR_META",
    "CodingRow",
    "HandMemo",
    "SaveResult",
    "Store",
    "StoredTranscript",
    "peek_given",
    "peek_stored",
    "upgrade_notice",
]

upgrade_notice: Callable[[Path, int, int, Path | None], None] | None = None
"""Called when a store an older lernet made was brought up to date: its path, the store
versions before and after, and the copy kept of it as it was (the command line says so on
stderr, once); None: upgrade silently."""


class Store(
    MetaRecords,
    TranscriptReads,
    CodingReads,
    RecodingQueries,
    EarlierReadings,
    ImportedSources,
):
    """One connection to the store: its transactions (transactions.py), its version and meta
    (meta.py), the transcripts and their turns (transcripts.py), the codings analysis reads
    (codings.py), what re-coding from the store reads and writes (recoding.py), and everything
    else here."""

    @classmethod
    def open(cls, path: Path, create: bool = False, keep_older: bool = True) -> Store:
        """The store at `path`. One an older lernet made is brought up to date, a copy of it as
        it was kept first in backups/ beside it (`keep_older`; not for a private copy, which
        is thrown away). One a newer lernet made is refused: this one might undo its work."""
        if not path.exists() and not create:
            raise StoreError("no store yet: run `lernet code FILES` first", path)
        if path.exists() or path.is_symlink():
            # SQLite's open would wait forever on a named pipe put in the store's place.
            check_regular(path, StoreError)
        try:
            if create:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not path.exists():
                    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                    os.close(fd)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
            # a store another program holds: said after a moment, not a silent minute
            patiently(
                conn, path, lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            )
            store.migrate(keep_older)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(_explain(exc), path) from None
        except OSError as exc:
            raise StoreError(f"cannot open the store: {exc.strerror}", path) from None
        except StoreError:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self, keep_older: bool = False) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        newest = max(m[0] for m in MIGRATIONS)
        if done and max(done) > newest:
            raise StoreError(
                f"made by a newer lernet (store version {max(done)}; this lernet knows up to "
                f"{newest}): install a newer lernet to open it; nothing was changed",
                self.path,
            )
        pending = [m for m in MIGRATIONS if m[0] not in done]
        if not pending:
            return
        kept: Path | None = None
        try:
            if done and keep_older:
                self.check_writable()
                # outside the transaction: SQLite's backup would wait for this connection's lock
                kept = self._keep_as_it_was()
            with self.transaction() as conn:
                done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
                if all(m[0] in done for m in pending):
                    pending = []  # another lernet brought it up to date meanwhile
                for version, name, sql in pending:
                    if version in done:
                        continue
                    for statement in sql.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (?, ?, ?)",
                        (version, name, _now()),
                    )
                if any(version == 11 for version, _, _ in pending):
                    fill_said(conn)
                if any(version == 13 for version, _, _ in pending):
                    for (tid,) in conn.execute("SELECT id FROM transcripts").fetchall():
                        write_speech_sample(conn, int(tid))
        except StoreError as exc:
            if kept is not None:
                kept.unlink(missing_ok=True)
            if done and "read-only" in exc.message:
                raise StoreError(
                    f"made by an older lernet (store version {max(done)}), and bringing it up "
                    "to date writes to it, but the project folder is read-only: make it "
                    "writable, or copy the project to a folder you can write to, and run this "
                    "again (nothing was changed)",
                    self.path,
                ) from None
            raise
        if kept is not None and not pending:
            kept.unlink(missing_ok=True)
        elif done and keep_older and upgrade_notice is not None:
            upgrade_notice(self.path, max(done), newest, kept)

    def check_writable(self) -> None:
        """A write that changes nothing: a read-only store is said before anything is asked
        or copied (an open alone does not tell)."""
        with self.transaction() as conn:
            conn.execute("UPDATE schema_migrations SET name = name WHERE 0")

    def _keep_as_it_was(self) -> Path:
        """A copy of the store before an upgrade, in backups/ beside it (owner-only): an older
        lernet can still open it, and nothing is lost if the upgrade is not wanted."""
        from .backup import backup_store, default_backup_path

        return backup_store(self, default_backup_path(self.path))

    # --- transcripts ----------------------------------------------------------------------

    def save_coded(
        self,
        path: str,
        sha256: str,
        participant: str,
        group: str | None,
        label: str | None,
        codebook_digest: str,
        transcript: Transcript,
        matches: Iterable[tuple[int, Match]],
        moved_from: str | None = None,
        names: Iterable[str] = (),
        extra: Iterable[Coding] = (),
        memos: Iterable[Memo] = (),
        speakers: dict[str, str] | None = None,
        rules_digest: str | None = None,
        words: str | None = None,
        rule_codes: dict[str, str] | None = None,
        names_digest: str | None = None,
        speech: tuple[int, list[int]] | None = None,
        undirected: Iterable[tuple[int, str]] | None = None,
        given: str | None = None,
        rule_keys: dict[str, str] | None = None,
    ) -> SaveResult:
        """Write one transcript, its segments, auto codings, file codings and memos at once.

        What the file and codebook make (rules, comments, tags, protocol) is made anew; what a
        person did in lernet is kept: reviews move to the same code on the same text, codings
        made in lernet follow their text, and a reviewed span that vanished from the file is kept
        detached (with its old text) and reported.

        `words` are the words of the participant turns with the turns each stands in (as
        `recoding.words_text` writes them) and
        `rule_codes` the per-code digests behind `rules_digest`: with them a codebook edit
        re-codes from the store (coding/recode.py) instead of reading the file again.
        `speech` is the sample of the participants' 3-grams (language/speech.py), when worked
        out already. `undirected`: the rules' mentions of a directional code without a
        direction, (segment, code), when known (else the matrix finds them when it counts).
        `given`: what the command line gave it (`StoredTranscript.given`). `rule_keys`: what
        each per-code digest stands for (`digests.code_keys`).
        """
        now = _now()
        n_words = sum(len(t.text.split()) for t in transcript.turns)
        result = SaveResult(0)
        with self.transaction() as conn:
            if moved_from is not None:
                conn.execute("UPDATE transcripts SET path = ? WHERE path = ?", (path, moved_from))
                # The GUIDs an export gave the source and its memos (kept under its path) go
                # with it: another tool sees the same source, with the same notes.
                move_path_guids(conn, moved_from, path)
            row = conn.execute("SELECT id FROM transcripts WHERE path = ?", (path,)).fetchone()
            values = (
                sha256,
                participant,
                group,
                label,
                codebook_digest,
                json.dumps(transcript.interviewer_labels, ensure_ascii=False),
                len(transcript.turns),
                n_words,
                now,
                json.dumps(sorted(set(names)), ensure_ascii=False),
                rules_digest,
                words,
                names_digest,
                given,
            )
            old_text: dict[int, str] = {}
            reviewed: list[tuple[Any, ...]] = []
            kept: list[tuple[int, int, int, int, int]] = []
            merged_memos: list[tuple[int, int, int, int, str, str]] = []
            dated: dict[tuple[str, str, str], str] = {}
            coded: dict[tuple[str, str, str, str | None], str] = {}
            if row is None:
                cur = conn.execute(
                    "INSERT INTO transcripts (sha256, participant, group_name, label, "
                    "codebook_digest, interviewer, n_turns, n_words, coded_at, names, "
                    "rules_digest, words, names_digest, given, path) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, path),
                )
                tid = int(cur.lastrowid or 0)
            else:
                tid = int(row[0])
                conn.execute(
                    "UPDATE transcripts SET sha256 = ?, participant = ?, group_name = ?, "
                    "label = ?, codebook_digest = ?, interviewer = ?, n_turns = ?, n_words = ?, "
                    "coded_at = ?, names = ?, rules_digest = ?, words = ?, names_digest = ?, "
                    "given = ? WHERE id = ?",
                    (*values, tid),
                )
                old_text = dict(
                    conn.execute("SELECT idx, text FROM segments WHERE transcript_id = ?", (tid,))
                )
                reviewed = conn.execute(
                    "SELECT segment, code, start, end, coder, rule, direction, status, source, "
                    "note, reviewer, reviewed_at, rules_direction FROM codings WHERE "
                    "transcript_id = ? AND "
                    f"source IN {_IN_FILE_SOURCES} AND reviewer IS NOT NULL AND detached IS NULL",
                    (tid,),
                ).fetchall()
                kept = conn.execute(
                    "SELECT id, segment, start, end, source = ? AND reviewer IS NULL "
                    "FROM codings WHERE transcript_id = ? AND "
                    f"source NOT IN {_IN_FILE_SOURCES} AND detached IS NULL",
                    (SIMILAR, tid),
                ).fetchall()
                # so does a coding a comment or tag makes again
                for source, author, code, annotation, made in conn.execute(
                    "SELECT source, coder, code, annotation, created_at FROM codings WHERE "
                    f"transcript_id = ? AND source IN {_FILE_MEMOS} ORDER BY created_at",
                    (tid,),
                ):
                    coded.setdefault((source, author, code, annotation), made)
                conn.execute("DELETE FROM segments WHERE transcript_id = ?", (tid,))
                conn.execute(
                    f"DELETE FROM codings WHERE transcript_id = ? AND source IN {_IN_FILE_SOURCES} "
                    "AND detached IS NULL",
                    (tid,),
                )
                # Memos the file did not make (merged from another coder's project, imported
                # from another tool) are a person's work: kept, and moved with their text like
                # codings made in lernet. The file's comments and tags are read anew.
                merged_memos = conn.execute(
                    "SELECT id, segment, start, end, author, text FROM memos WHERE "
                    f"transcript_id = ? AND source NOT IN {_FILE_MEMOS} AND segment IS NOT NULL",
                    (tid,),
                ).fetchall()
                # a comment or tag read again keeps the date it was first stored with, where
                # the file gives none (a tag): editing the file does not make old memos new
                for source, author, text, made in conn.execute(
                    "SELECT source, author, text, created_at FROM memos WHERE transcript_id = ? "
                    f"AND source IN {_FILE_MEMOS} ORDER BY created_at",
                    (tid,),
                ):
                    dated.setdefault((source, author, text), made)
                conn.execute(
                    f"DELETE FROM memos WHERE transcript_id = ? AND source IN {_FILE_MEMOS}", (tid,)
                )
                keep_source_text(conn, tid, old_text, transcript)
            result.transcript_id = tid
            if rules_digest is not None and rule_codes is not None:
                _remember_rule_set(conn, rules_digest, rule_codes, rule_keys)
            _insert_segments(conn, tid, transcript, speakers, sample=speech)
            auto = [
                Coding(tid, seg, m.code, m.start, m.end, "auto", m.rule, m.direction)
                for seg, m in matches
            ]
            if coded:
                extra = [
                    c
                    if c.created_at
                    else replace(c, created_at=coded.get((c.source, c.coder, c.code, c.annotation)))
                    for c in extra
                ]
            _insert_codings(conn, tid, [*auto, *extra], now)
            if dated:
                memos = [
                    m
                    if m.created_at
                    else replace(m, created_at=dated.get((m.source, m.author, m.text)))
                    for m in memos
                ]
            _insert_memos(conn, tid, memos, now)
            replace_undirected(
                conn, [tid], None, {tid: list(undirected or ())}, undirected is not None
            )
            new_text = {i: t.text for i, t in enumerate(transcript.turns, 1)}
            for old in reviewed:
                seg, code, start, end = old[:4]
                text = old_text.get(seg, "")
                place = _reanchor(text, start, end, seg, new_text)
                if place is not None and _carry_review(conn, tid, old, place[0]):
                    continue
                # A word changed in Word: the decision goes with the code the rules made again
                # in the turn that is nearly the same.
                if place is None and any(
                    _carry_review(conn, tid, old, near)
                    for near in _similar_turns(text, seg, new_text)
                ):
                    continue
                # The rule no longer proposes it (the decision stays where its text is), or the
                # text itself is gone (kept detached, with the text it had).
                seg, start, end = place if place is not None else (0, start, end)
                conn.execute(
                    "INSERT INTO codings (transcript_id, segment, code, start, end, coder, "
                    "rule, direction, status, source, note, reviewer, reviewed_at, "
                    "rules_direction, detached, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (tid, seg, code, start, end, *old[4:], None if place else text, now),
                )
                if place is None:
                    result.vanished.append(f"{code} ({old[7]}): {text[old[2] : old[3]]!r}")
            for cid, seg, start, end, proposed in kept:
                place = _reanchor(old_text.get(seg, ""), start, end, seg, new_text)
                if place is None and proposed:
                    # A machine's proposal nobody reviewed: nothing of a person's to keep.
                    conn.execute("DELETE FROM codings WHERE id = ?", (cid,))
                elif place is None:
                    text = old_text.get(seg, "")
                    conn.execute(
                        "UPDATE codings SET segment = 0, detached = ? WHERE id = ?", (text, cid)
                    )
                    result.vanished.append(f"{cid}: {text[start:end]!r}")
                elif place != (seg, start, end):
                    conn.execute(
                        "UPDATE codings SET segment = ?, start = ?, end = ? WHERE id = ?",
                        (*place, cid),
                    )
            for mid, seg, start, end, author, body in merged_memos:
                # A kept memo whose turn is gone stays on the transcript, without a turn.
                moved = _reanchor(old_text.get(seg, ""), start, end, seg, new_text)
                memo_at: tuple[int | None, int, int] = moved or (None, 0, 0)
                if memo_at != (seg, start, end):
                    conn.execute(
                        "UPDATE memos SET segment = ?, start = ?, end = ? WHERE id = ?",
                        (*memo_at, mid),
                    )
                    move_memo_guids(conn, path, (seg, start, end), memo_at, author, body)
        return result

    # --- review ---------------------------------------------------------------------------

    def keep_pseudonyms(self, reviewers: Iterable[str]) -> None:
        """Before a name reviews for the first time: the numbers people have in anonymized
        outputs (`Codeur 3`) kept in the meta. A reviewer is placed among the coders by the
        oldest coding they reviewed, so without this a supervisor who reviews a student's
        coding would take the number of a student who coded later, and move it."""
        spelled = self.coder_spellings()
        known = {n.casefold() for n in spelled}
        if all(r.casefold() in known for r in reviewers) or not spelled:
            return
        names = self.coder_names()
        coder_pseudonyms(self, [names.person(n) for n in spelled], "en", persist=True, names=names)

    def set_review(
        self, coding_id: int, status: str, reviewer: str, note: str | None = None
    ) -> None:
        self.keep_pseudonyms([reviewer])
        with self.transaction() as conn:
            conn.execute(
                "UPDATE codings SET status = ?, reviewer = ?, reviewed_at = ?, note = ? "
                "WHERE id = ?",
                (status, reviewer, _now(), note, coding_id),
            )

    def undo_review(
        self, coding_id: int, note: str | None, made: int | None = None, status: str = "pending"
    ) -> None:
        """A reviewed coding as it was before (pending, or the `status` a person's coding had),
        with the note and the direction it had; `made`, the reviewer's own coding that a change
        stored, deleted."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE codings SET status = ?, reviewer = NULL, reviewed_at = NULL, "
                "note = ?, direction = COALESCE(rules_direction, direction), "
                "rules_direction = NULL WHERE id = ?",
                (status, note, coding_id),
            )
            if made is not None:
                conn.execute("DELETE FROM codings WHERE id = ? AND source = 'review'", (made,))

    def change_direction(self, coding_id: int, reviewer: str, direction: str) -> None:
        """Accept a coding with another direction: still the coding it was (the rules', say),
        with the reviewer's direction; the one it had is kept in `rules_direction`, for the
        method section and for an undo, and re-coding keeps the reviewer's."""
        self.keep_pseudonyms([reviewer])
        with self.transaction() as conn:
            conn.execute(
                "UPDATE codings SET status = 'accepted', reviewer = ?, reviewed_at = ?, "
                "note = NULL, rules_direction = COALESCE(rules_direction, direction), "
                "direction = ? WHERE id = ?",
                (reviewer, _now(), direction, coding_id),
            )

    def change_code(
        self, coding_id: int, code: str, reviewer: str, direction: str | None = None
    ) -> int:
        """Reject a coding and put the reviewer's own code (and direction) on the same span, in
        one step."""
        self.keep_pseudonyms([reviewer])
        now = _now()
        what = code if direction is None else f"{code} ({direction})"
        with self.transaction() as conn:
            conn.execute(
                "UPDATE codings SET status = 'rejected', reviewer = ?, reviewed_at = ?, "
                "note = ? WHERE id = ?",
                (reviewer, now, f"changed to {what}", coding_id),
            )
            cur = conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, "
                "direction, status, source, note, reviewer, reviewed_at, created_at) "
                "SELECT transcript_id, segment, ?, start, end, ?, NULL, ?, 'accepted', "
                "'review', ?, ?, ?, ? FROM codings WHERE id = ?",
                (
                    code,
                    reviewer,
                    direction,
                    f"{CHANGED_FROM}{coding_id}",
                    reviewer,
                    now,
                    now,
                    coding_id,
                ),
            )
            return int(cur.lastrowid or 0)

    def hand_codings_under(self, codes: Iterable[str]) -> list[tuple[Any, ...]]:
        """The codings from comments and tags under these codes whose comment's text is kept:
        (id, transcript id, path, segment, start, end, source, coder, comment text, code), in
        file and coding order."""
        wanted = list(codes)
        if not wanted:
            return []
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT c.id, c.transcript_id, t.path, c.segment, c.start, c.end, c.source, "
                "c.coder, c.annotation, c.code FROM codings c JOIN transcripts t "
                "ON t.id = c.transcript_id WHERE c.source IN ('comment', 'tag') "
                "AND c.detached IS NULL AND c.annotation IS NOT NULL "
                f"AND c.code IN ({','.join('?' * len(wanted))}) ORDER BY t.path, c.id",
                wanted,
            )
        ]

    def hand_codings_to_memos(
        self,
        codings: Iterable[int],
        memos: Iterable[tuple[Any, ...]],
        instead: Iterable[Coding] = (),
    ) -> None:
        """Delete these comment and tag codings and store these memos in their place, in one
        step: (transcript id, segment, start, end, author, text, source, reason) each, as
        reading the file again makes them (`lernet code` without files, after the codebook lost
        the code a comment named); `instead`: the codings their comments make now, stored in
        the same step."""
        now = _now()
        with self.transaction() as conn:
            for cid in codings:
                conn.execute("DELETE FROM codings WHERE id = ?", (cid,))
            for c in instead:
                _insert_coding(conn, c.transcript_id, c, now)
            for tid, seg, start, end, author, text, source, reason in memos:
                conn.execute(
                    "INSERT INTO memos (transcript_id, segment, start, end, author, text, source, "
                    "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (tid, seg, start, end, author, text, source, reason, now),
                )

    def hand_memos(self) -> list[HandMemo]:
        """The memos read from comments and tags, in file order."""
        return [
            HandMemo(*r)
            for r in self.conn.execute(
                "SELECT m.id, m.transcript_id, t.path, m.segment, m.start, m.end, m.author, "
                "m.text, m.source, m.reason, s.role, s.text FROM memos m "
                "JOIN transcripts t ON t.id = m.transcript_id LEFT JOIN segments s "
                "ON s.transcript_id = m.transcript_id AND s.idx = m.segment "
                "WHERE m.source IN ('comment', 'tag') ORDER BY t.path, m.id"
            )
        ]

    def hand_codings_of(self, transcript_id: int, source: str, coder: str, text: str) -> set[str]:
        """The codes a comment or tag (by its author and text) is stored as in a transcript."""
        return {
            str(code)
            for (code,) in self.conn.execute(
                "SELECT code FROM codings WHERE transcript_id = ? AND source = ? AND coder = ? "
                "AND annotation = ? AND detached IS NULL",
                (transcript_id, source, coder, text),
            )
        }

    def memos_to_hand_codings(
        self,
        codings: Iterable[Coding],
        gone: Iterable[int],
        reasons: Iterable[tuple[int, str]],
    ) -> None:
        """Store these comment and tag codings, delete the memos `gone` and give others a new
        reason, (memo id, reason), in one step (`lernet code` without files, after the codebook
        got the code a comment named)."""
        now = _now()
        with self.transaction() as conn:
            for c in codings:
                _insert_coding(conn, c.transcript_id, c, now)
            for mid in gone:
                conn.execute("DELETE FROM memos WHERE id = ?", (mid,))
            for mid, reason in reasons:
                conn.execute("UPDATE memos SET reason = ? WHERE id = ?", (reason, mid))

    # --- candidates (what the rules missed) -------------------------------------------------

    def accept_candidate(
        self,
        transcript_id: int,
        segment: int,
        code: str,
        span: tuple[int, int],
        reviewer: str,
        direction: str | None = None,
        note: str | None = None,
    ) -> int:
        """Store a candidate the reviewer accepted: a coding by them, source review, accepted."""
        now = _now()
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, "
                "direction, status, source, note, reviewer, reviewed_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'accepted', 'review', ?, ?, ?, ?)",
                (
                    transcript_id,
                    segment,
                    code,
                    *span,
                    reviewer,
                    direction,
                    note,
                    reviewer,
                    now,
                    now,
                ),
            )
            return int(cur.lastrowid or 0)

    def add_similar(
        self, codings: Iterable[tuple[int, int, str, int, int, str | None, str]], min_score: float
    ) -> list[int]:
        """Store codings of candidates that scored `min_score` or more, (transcript, segment,
        code, start, end, direction, note) each, as coder and source `similar`, pending, in one
        transaction; the threshold is remembered for the report's method section."""
        now = _now()
        ids = []
        with self.transaction() as conn:
            for tid, seg, code, start, end, direction, note in codings:
                cur = conn.execute(
                    "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, "
                    "direction, status, source, note, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'pending', ?, ?, ?)",
                    (tid, seg, code, start, end, SIMILAR, direction, SIMILAR, note, now),
                )
                ids.append(int(cur.lastrowid or 0))
            if ids:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (SIMILAR_META, json.dumps({"min_score": min_score})),
                )
        return ids

    def remove_similar(self, codes: Iterable[str] | None = None) -> int:
        """The `similar` codings no person reviewed yet (of `codes`, or all), removed; how
        many."""
        sql = "DELETE FROM codings WHERE source = ? AND status = 'pending' AND reviewer IS NULL"
        params: list[Any] = [SIMILAR]
        if codes is not None:
            items = list(codes)
            sql += f" AND code IN ({','.join('?' * len(items))})"
            params += items
        with self.transaction() as conn:
            return conn.execute(sql, params).rowcount

    def similar_min_score(self) -> float | None:
        """The threshold of the last `lernet review --candidates --auto` that added codings."""
        raw = self.get_meta(SIMILAR_META)
        try:
            return float(json.loads(raw)["min_score"]) if raw else None
        except (ValueError, KeyError, TypeError):
            return None

    def honour_candidate_rejections(self) -> int:
        """A turn a person rejected as a candidate for a code stays rejected for it when the rules
        come to code it later (an edited rule): their pending codings there become rejected."""
        rejections = self.conn.execute(
            "SELECT transcript_id, code, text, reviewer, decided_at FROM candidate_rejections"
        ).fetchall()
        if not rejections:
            return 0
        done = 0
        with self.transaction() as conn:
            for tid, code, text, reviewer, decided_at in rejections:
                done += conn.execute(
                    "UPDATE codings SET status = 'rejected', reviewer = ?, reviewed_at = ?, "
                    "note = 'rejected as a candidate' WHERE transcript_id = ? AND code = ? "
                    "AND source = 'rule' AND status = 'pending' AND segment IN "
                    "(SELECT idx FROM segments WHERE transcript_id = ? AND text = ?)",
                    (reviewer, decided_at, tid, code, tid, text),
                ).rowcount
        return done

    def unaccept_candidate(self, coding_id: int) -> None:
        """Take an accepted candidate back: the reviewer's coding it stored is gone."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM codings WHERE id = ? AND source = 'review'", (coding_id,))

    def unreject_candidate(self, transcript_id: int, code: str, text: str) -> None:
        """Forget that a person rejected this turn as a candidate for this code."""
        with self.transaction() as conn:
            conn.execute(
                "DELETE FROM candidate_rejections WHERE transcript_id = ? AND code = ? "
                "AND text = ?",
                (transcript_id, code, text),
            )

    def reject_candidate(self, transcript_id: int, code: str, text: str, reviewer: str) -> None:
        """Remember that a person rejected this turn (by its text, so that re-coding, which may
        number the turns anew, keeps the decision) as a candidate for this code."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO candidate_rejections (transcript_id, code, text, reviewer, "
                "decided_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (transcript_id, code, text) DO NOTHING",
                (transcript_id, code, text, reviewer, _now()),
            )

    def candidate_rejections(self) -> list[tuple[int, str, str]]:
        """(transcript id, code, turn text) of every candidate a person rejected."""
        return [
            (int(tid), str(code), str(text))
            for tid, code, text in self.conn.execute(
                "SELECT transcript_id, code, text FROM candidate_rejections ORDER BY id"
            )
        ]

    def memo_rows(self) -> list[tuple[str, str, int | None, str, str, str, str, str]]:
        """(file, participant, segment, author, memo text, marked text, source, reason)."""
        return [row for row, _, _ in self.memo_turns()]

    def memo_turns(
        self,
    ) -> list[tuple[tuple[str, str, int | None, str, str, str, str, str], str, str]]:
        """Each of `memo_rows` with the whole text of the turn it marks ("" for none), what
        tells whether the turn is written with capitals, as the anonymizer asks; and when the
        memo was made (ISO 8601, UTC; a comment's time without a zone as its file wrote it; ""
        where not known)."""
        out = []
        for row in self.conn.execute(
            "SELECT t.path, t.participant, m.segment, m.start, m.end, m.author, m.text, "
            "m.source, m.reason, s.text, m.created_at FROM memos m "
            "JOIN transcripts t ON t.id = m.transcript_id "
            "LEFT JOIN segments s ON s.transcript_id = m.transcript_id AND s.idx = m.segment "
            "ORDER BY t.path, m.id"
        ):
            path, pid, seg, start, end, author, text, source, reason, seg_text, made = row
            turn = seg_text or ""
            marked = turn[start:end]
            out.append(((path, pid, seg, author, text, marked, source, reason), turn, made or ""))
        return out

    def memos_of(self, transcript_id: int) -> list[tuple[int | None, int, int, str, str, str, str]]:
        """(segment, start, end, author, text, source, reason) of one transcript's memos, in
        order."""
        return [
            (None if seg is None else int(seg), int(a), int(b), str(au), str(tx), str(src), str(r))
            for seg, a, b, au, tx, src, r in self.conn.execute(
                "SELECT segment, start, end, author, text, source, reason FROM memos "
                "WHERE transcript_id = ? ORDER BY id",
                (transcript_id,),
            )
        ]

    def memo_times(self, transcript_id: int) -> list[str]:
        """When each of `memos_of` was made, in the same order."""
        return [
            str(when)
            for (when,) in self.conn.execute(
                "SELECT created_at FROM memos WHERE transcript_id = ? ORDER BY id",
                (transcript_id,),
            )
        ]

    # --- exchange (REFI-QDA) ----------------------------------------------------------------

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

    def save_imported(
        self,
        path: str,
        sha256: str,
        participant: str,
        transcript: Transcript,
        codings: Iterable[Coding],
        turn_speakers: dict[int, str] | None = None,
        memos: Iterable[Memo] = (),
        source: tuple[str, bool, str, list[list[Piece]]] | None = None,
        names: Iterable[str] = (),
    ) -> list[int]:
        """Write one imported transcript with its segments and codings; returns the coding ids.
        `turn_speakers` gives the participant of turns that are not the transcript's (segment
        number -> id), as a group interview's cases do; `source` its text as it came (text,
        byte-order mark, layout, each turn's pieces: see store/imported.py); `names` the
        people's names in its speaker labels, redacted like listed names."""
        now = _now()
        n_words = sum(len(t.text.split()) for t in transcript.turns)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM transcripts WHERE path = ?", (path,)).fetchone():
                raise StoreError(f"a transcript {path!r} is already in the store", self.path)
            cur = conn.execute(
                "INSERT INTO transcripts (path, sha256, participant, group_name, label, "
                "codebook_digest, interviewer, n_turns, n_words, coded_at, names) "
                "VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?, ?)",
                (
                    path,
                    sha256,
                    participant,
                    json.dumps(transcript.interviewer_labels, ensure_ascii=False),
                    len(transcript.turns),
                    n_words,
                    now,
                    json.dumps(sorted(set(names)), ensure_ascii=False),
                ),
            )
            tid = int(cur.lastrowid or 0)
            if source is not None:
                text, bom, layout, pieces = source
                conn.execute(
                    "INSERT INTO source_texts (transcript_id, text, bom, layout, pieces) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (tid, text, int(bom), layout, json.dumps(pieces)),
                )
            _insert_segments(conn, tid, transcript, by_turn=turn_speakers)
            # Codings from another tool are a person's work (or were, once): kept on re-coding.
            ids = [_insert_coding(conn, tid, c, now, source="import") for c in codings]
            _insert_memos(conn, tid, memos, now)
        return ids


def peek_stored(path: Path) -> tuple[list[tuple[str, str, str]], str | None]:
    """(each stored transcript's (path, sha256 of its file, participant), the remembered
    participants file) read without opening the store for writing: nothing is made, migrated or
    locked (`lernet speakers` changes nothing). Empty when there is no store or it cannot be
    read."""
    from urllib.parse import quote

    if not path.is_file():
        return [], None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            stored = [
                (str(p), str(sha), str(pid))
                for p, sha, pid in conn.execute("SELECT path, sha256, participant FROM transcripts")
            ]
            row = conn.execute("SELECT value FROM meta WHERE key = 'participants_path'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return [], None
    return stored, None if row is None else str(row[0])


def peek_given(path: Path) -> dict[str, str]:
    """Stored path -> what the command line gave the transcript (`StoredTranscript.given`), read
    as `peek_stored` reads (a store from before that column gives none)."""
    from urllib.parse import quote

    if not path.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT path, given FROM transcripts WHERE given IS NOT NULL")
            return {str(p): str(g) for p, g in rows}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}
