"""Writing one coded transcript: its segments, codings and memos, and carrying what people did
(reviews, hand codings) over to the new segments when a file changed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..language.speech import sample_bytes, speech_sample
from ..model import Coding, Match, Memo, Transcript
from .earlier import text_digest

_INSERT_CODING = (
    "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, direction, "
    "status, source, note, created_at, annotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def notes_json(notes: list[tuple[int, str]]) -> str | None:
    """A turn's notes (`Turn.notes`) as the segment keeps them: None when it has none."""
    return json.dumps([[at, kind] for at, kind in notes]) if notes else None


def notes_of(value: str | None) -> list[tuple[int, str]]:
    """The notes `notes_json` kept, in order."""
    return [(int(at), str(kind)) for at, kind in json.loads(value)] if value else []


def _coding_row(tid: int, c: Coding, now: str, source: str | None = None) -> tuple[Any, ...]:
    return (
        tid,
        c.segment,
        c.code,
        c.start,
        c.end,
        c.coder,
        c.rule or None,
        c.direction,
        c.status,
        source or c.source,
        c.note,
        c.created_at or now,
        c.annotation,
    )


def _insert_coding(
    conn: sqlite3.Connection, tid: int, c: Coding, now: str, source: str | None = None
) -> int:
    cur = conn.execute(_INSERT_CODING, _coding_row(tid, c, now, source))
    return int(cur.lastrowid or 0)


def _insert_codings(
    conn: sqlite3.Connection, tid: int, codings: Iterable[Coding], now: str
) -> None:
    """Codings of one transcript in one statement, in order (their ids follow it)."""
    conn.executemany(_INSERT_CODING, [_coding_row(tid, c, now) for c in codings])


def _insert_segments(
    conn: sqlite3.Connection,
    tid: int,
    transcript: Transcript,
    speakers: dict[str, str] | None = None,
    by_turn: dict[int, str] | None = None,
    sample: tuple[int, list[int]] | None = None,
) -> None:
    """Segments of a transcript; `speakers` maps speaker labels to participant ids (a group
    interview), so those turns count for that participant rather than the transcript's;
    `by_turn` does the same by segment number. What the transcript says is kept with it (a
    digest of its turns, and `sample`: the sample of its participants' 3-grams, worked out here
    when not given)."""
    speakers = speakers or {}
    by_turn = by_turn or {}
    conn.executemany(
        "INSERT INTO segments (transcript_id, idx, speaker, role, text, timestamp, position, "
        "participant, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                tid,
                i,
                t.speaker,
                t.role,
                t.text,
                t.timestamp,
                t.position,
                by_turn.get(i) or speakers.get(t.speaker) if t.role == "participant" else None,
                notes_json(t.notes),
            )
            for i, t in enumerate(transcript.turns, 1)
        ],
    )
    said = text_digest((t.speaker, t.text) for t in transcript.turns)
    if sample is None:
        sample = speech_sample(t.text for t in transcript.turns if t.role == "participant")
    conn.execute(
        "UPDATE transcripts SET said = ?, speech_level = ?, speech_sample = ? WHERE id = ?",
        (said, sample[0], sample_bytes(sample[1]), tid),
    )


def write_speech_sample(conn: sqlite3.Connection, tid: int) -> tuple[int, list[int]]:
    """Work out (again) the sample of a stored transcript's participant speech from its stored
    turns: after a migration, or when turns changed role."""
    texts = [
        str(text)
        for (text,) in conn.execute(
            "SELECT text FROM segments WHERE transcript_id = ? AND role = 'participant' "
            "ORDER BY idx",
            (tid,),
        )
    ]
    sample = speech_sample(texts)
    conn.execute(
        "UPDATE transcripts SET speech_level = ?, speech_sample = ? WHERE id = ?",
        (sample[0], sample_bytes(sample[1]), tid),
    )
    return sample


def _insert_memos(conn: sqlite3.Connection, tid: int, memos: Iterable[Memo], now: str) -> None:
    conn.executemany(
        "INSERT INTO memos (transcript_id, segment, start, end, author, text, source, "
        "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                tid,
                m.segment,
                m.start,
                m.end,
                m.author,
                m.text,
                m.source,
                m.reason,
                m.created_at or now,
            )
            for m in memos
        ],
    )


def _nearest(candidates: Iterable[int], seg: int) -> int | None:
    return min(candidates, key=lambda i: (abs(i - seg), i), default=None)


def _reanchor(
    text: str, start: int, end: int, seg: int, new_text: dict[int, str]
) -> tuple[int, int, int] | None:
    """Where a span now stands: the same segment text (nearest first), else its evidence text."""
    if not text:
        return None
    same = _nearest((i for i, t in new_text.items() if t == text), seg)
    if same is not None:
        return same, start, end
    evidence = text[start:end]
    if not evidence.strip():
        return None
    found = _nearest((i for i, t in new_text.items() if evidence in t), seg)
    if found is None:
        return None
    at = new_text[found].find(evidence)
    return found, at, at + len(evidence)


SIMILAR = 0.8
"""How alike a turn edited in Word must be to the one a review was made on for the review to
follow (difflib's ratio: a word changed in a sentence is about 0.9)."""


def _similar_turns(text: str, seg: int, new_text: dict[int, str]) -> list[int]:
    """The new turns nearly the same as an edited one, most alike first (then nearest)."""
    from difflib import SequenceMatcher

    if not text.strip():
        return []
    scored = []
    for i, t in new_text.items():
        matcher = SequenceMatcher(None, text, t, autojunk=False)
        if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, abs(i - seg), i))
    return [i for _, _, i in sorted(scored)]


def _carry_review(conn: sqlite3.Connection, tid: int, old: tuple[Any, ...], seg: int) -> bool:
    """Give a re-made coding in `seg` the review its predecessor had (same code and source), and
    the direction a reviewer gave it."""
    code, coder, direction = old[1], old[4], old[6]
    status, source, note, reviewer, reviewed_at, rules_direction = old[7:13]
    row = conn.execute(
        "SELECT id FROM codings WHERE transcript_id = ? AND segment = ? AND code = ? "
        "AND source = ? AND coder = ? AND reviewer IS NULL AND detached IS NULL",
        (tid, seg, code, source, coder),
    ).fetchone()
    if row is None:
        return False
    conn.execute(
        "UPDATE codings SET status = ?, note = ?, reviewer = ?, reviewed_at = ? WHERE id = ?",
        (status, note, reviewer, reviewed_at, row[0]),
    )
    if rules_direction is not None:
        conn.execute(
            "UPDATE codings SET rules_direction = direction, direction = ? WHERE id = ?",
            (direction, row[0]),
        )
    return True


def _remember_rule_set(
    conn: sqlite3.Connection,
    digest: str,
    codes: dict[str, str],
    keys: dict[str, str] | None = None,
) -> None:
    """Keep which per-code digests a rules digest stands for (see coding/digests.py) and, the
    first time, what each per-code digest stands for (`keys`: digest -> `code_key` as JSON), so
    that an edit of a code's terms can be told from other edits."""
    new = conn.execute(
        "INSERT OR IGNORE INTO rule_sets (digest, codes) VALUES (?, ?)",
        (digest, json.dumps(codes, sort_keys=True)),
    ).rowcount
    if new and keys:
        conn.executemany(
            "INSERT OR IGNORE INTO code_rules (digest, rules) VALUES (?, ?)",
            sorted(keys.items()),
        )


def _replace_rule_codings(
    conn: sqlite3.Connection,
    ids: list[int],
    codes: set[str] | None,
    matches: dict[int, list[tuple[int, Match]]],
    now: str,
    turns: dict[int, set[int]] | None = None,
) -> None:
    """The rules' codings of these transcripts for `codes` (None: every code) made anew from
    `matches` (transcript -> (segment, match)), the turns being the same: what a person decided
    stays. A reviewed coding takes the new evidence of the same code in the same turn (the review
    carries over, as on re-coding a file); when the rules no longer propose it, it stays as it
    was. Codings of other codes, and every coding that is not the rules', are left alone.
    `turns`: only these turns (transcript -> segments) are made anew, the others keep theirs."""
    where = ""
    params: list[object] = []
    if codes is not None:
        where = f" AND code IN ({','.join('?' * len(codes))})"
        params += sorted(codes)
    if turns is not None:
        where += _only_turns(conn, turns)
    new: dict[tuple[int, int, str], Match] = {}
    for tid in ids:
        for seg, m in matches.get(tid, []):
            if codes is None or m.code in codes:
                new.setdefault((tid, seg, m.code), m)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        which = f"transcript_id IN ({','.join('?' * len(chunk))}){where}"
        conn.execute(
            f"DELETE FROM codings WHERE {which} AND source = 'rule' AND reviewer IS NULL "
            "AND detached IS NULL",
            [*chunk, *params],
        )
        reviewed = conn.execute(
            f"SELECT id, transcript_id, segment, code FROM codings WHERE {which} AND "
            "source = 'rule' AND coder = 'auto' AND reviewer IS NOT NULL AND detached IS NULL "
            "ORDER BY id",
            [*chunk, *params],
        ).fetchall()
        for cid, tid, seg, code in reviewed:
            made = new.pop((tid, seg, code), None)
            if made is not None:
                # a direction a reviewer gave stays; the rules' is kept beside it
                conn.execute(
                    "UPDATE codings SET start = ?, end = ?, rule = ?, "
                    "direction = CASE WHEN rules_direction IS NULL THEN ? ELSE direction END, "
                    "rules_direction = CASE WHEN rules_direction IS NULL THEN NULL ELSE ? END "
                    "WHERE id = ?",
                    (made.start, made.end, made.rule or None, made.direction, made.direction, cid),
                )
    conn.executemany(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, direction, "
        "status, source, created_at) VALUES (?, ?, ?, ?, ?, 'auto', ?, ?, 'pending', 'rule', ?)",
        [
            (tid, seg, m.code, m.start, m.end, m.rule or None, m.direction, now)
            for (tid, seg, _), m in new.items()
        ],
    )


def _only_turns(conn: sqlite3.Connection, turns: dict[int, set[int]]) -> str:
    """A condition that keeps a statement to these turns (transcript -> segments), through a
    temporary table of the connection."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS only_turns "
        "(transcript_id INTEGER, segment INTEGER, PRIMARY KEY (transcript_id, segment))"
    )
    conn.execute("DELETE FROM only_turns")
    conn.executemany(
        "INSERT OR IGNORE INTO only_turns VALUES (?, ?)",
        [(tid, seg) for tid, segs in turns.items() for seg in segs],
    )
    return " AND (transcript_id, segment) IN (SELECT transcript_id, segment FROM only_turns)"


def replace_undirected(
    conn: sqlite3.Connection,
    ids: list[int],
    codes: set[str] | None,
    found: dict[int, list[tuple[int, str]]],
    known: bool | None,
    turns: dict[int, set[int]] | None = None,
) -> None:
    """The rules' mentions without a direction of these transcripts for `codes` (None: every
    code) made anew from `found` (transcript -> (segment, code)). `known`: True, the
    transcripts' mentions are all known now; False, not known (the matrix finds them); None,
    as they were (some codes made anew). `turns`: only these turns are made anew."""
    where, params = "", sorted(codes or ())
    if codes is not None:
        where = f" AND code IN ({','.join('?' * len(codes))})"
    if turns is not None:
        where += _only_turns(conn, turns)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        conn.execute(
            f"DELETE FROM undirected WHERE transcript_id IN ({','.join('?' * len(chunk))}){where}",
            [*chunk, *params],
        )
    conn.executemany(
        "INSERT OR IGNORE INTO undirected (transcript_id, segment, code) VALUES (?, ?, ?)",
        [
            (tid, seg, code)
            for tid in ids
            for seg, code in found.get(tid, ())
            if codes is None or code in codes
        ],
    )
    if known is not None:
        conn.executemany(
            "UPDATE transcripts SET undirected_known = ? WHERE id = ?",
            [(int(known), tid) for tid in ids],
        )
