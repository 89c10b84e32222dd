"""One transcript written whole, in one transaction: coded from its file (what the file and the
codebook make is made anew, what a person did in lernet is kept and moved with its text), or
imported from another tool."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..errors import StoreError
from ..model import Coding, Match, Memo, Transcript
from .imported import Piece, keep_source_text, move_memo_guids, move_path_guids
from .rows import _FILE_MEMOS, _IN_FILE_SOURCES, SIMILAR, SaveResult, _now
from .transactions import Transactions
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
)


class TranscriptWrites(Transactions):
    """The store's part for writing one transcript (a base of `Store`)."""

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
