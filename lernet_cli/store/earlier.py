"""What `lernet code` reads from the store of what files said when they were read before:
the stored transcripts' texts (a file that says the same is no other interview:
coding/copies.py) and what each comment or tag was read as (a label edit leaves it counting:
coding/manual.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..language.speech import sample_keys, speech_sample
from .transactions import Transactions


def text_digest(turns: Iterable[tuple[str | None, str]]) -> str:
    """What a transcript says, as a digest of its turns' speakers and texts: two files with
    the same digest are the same interview (a copy, another format of it, a file whose comments
    or tags differ), whatever their bytes."""
    h = hashlib.sha256()
    for speaker, text in turns:
        speaker = speaker or ""
        h.update(f"{len(speaker)}:{speaker}{len(text)}:{text}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class EarlierReadings(Transactions):
    """The store's part for comparing a file with what was read before (a base of `Store`)."""

    def hand_marks(self, transcript_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """What the transcript's comments and tags were read as, last time: (codings, memos).

        A coding is (source, coder, the comment's text or None if stored before lernet kept it,
        the marked text, code, direction, note); a memo is (source, author, text, the marked
        text, reason). coding/manual.py keeps a comment's codes when a label edit leaves it
        naming none.
        """
        codings = self.conn.execute(
            "SELECT c.source, c.coder, c.annotation, substr(s.text, c.start + 1, c.end - c.start), "
            "c.code, c.direction, c.note FROM codings c JOIN segments s "
            "ON s.transcript_id = c.transcript_id AND s.idx = c.segment "
            "WHERE c.transcript_id = ? AND c.source IN ('comment', 'tag') AND c.detached IS NULL "
            "ORDER BY c.id",
            (transcript_id,),
        ).fetchall()
        memos = self.conn.execute(
            "SELECT m.source, m.author, m.text, coalesce(substr(s.text, m.start + 1, "
            "m.end - m.start), ''), m.reason FROM memos m LEFT JOIN segments s "
            "ON s.transcript_id = m.transcript_id AND s.idx = m.segment "
            "WHERE m.transcript_id = ? AND m.source IN ('comment', 'tag')",
            (transcript_id,),
        ).fetchall()
        return [tuple(r) for r in codings], [tuple(r) for r in memos]

    def text_digests(self) -> dict[int, str]:
        """Transcript id -> `text_digest` of its stored turns (kept with each transcript when
        its turns are written: read at every `lernet code`, so not worked out again)."""
        return {
            int(tid): str(said)
            for tid, said in self.conn.execute("SELECT id, said FROM transcripts")
            if said is not None
        }

    def participant_texts_of(self, transcript_id: int) -> list[str]:
        """The texts of a transcript's participant turns, in order."""
        return [
            str(text)
            for (text,) in self.conn.execute(
                "SELECT text FROM segments WHERE transcript_id = ? AND role = 'participant' "
                "ORDER BY idx",
                (transcript_id,),
            )
        ]

    def speech_samples(self) -> Iterator[tuple[int, tuple[int, list[int]]]]:
        """(transcript id, (level, keys)): the sample of what each stored transcript's
        participants say (language/speech.py), kept with its turns; one a store lacks (none
        should) is worked out from its turns, not kept."""
        rows = self.conn.execute(
            "SELECT id, speech_level, speech_sample FROM transcripts"
        ).fetchall()
        for tid, level, data in rows:
            if level is None or data is None:
                yield int(tid), speech_sample(self.participant_texts_of(int(tid)))
            else:
                yield int(tid), (int(level), sample_keys(bytes(data)))

    def turn_texts_of(self, participant: str, besides: str) -> dict[str, set[str]]:
        """Path -> the texts of the participant turns of each of the participant's stored
        transcripts, less the one at `besides`."""
        out: dict[str, set[str]] = {}
        for tid, path in self.conn.execute(
            "SELECT id, path FROM transcripts WHERE participant = ? AND path != ?",
            (participant, besides),
        ).fetchall():
            out[str(path)] = {
                str(text)
                for (text,) in self.conn.execute(
                    "SELECT text FROM segments WHERE transcript_id = ? AND role = 'participant'",
                    (tid,),
                )
            }
        return out


def fill_said(conn: sqlite3.Connection) -> None:
    """Keep what each stored transcript says (`text_digest` of its turns) where a store made
    before lernet kept it has none."""
    missing = [r[0] for r in conn.execute("SELECT id FROM transcripts WHERE said IS NULL")]
    for tid in missing:
        turns = conn.execute(
            "SELECT speaker, text FROM segments WHERE transcript_id = ? ORDER BY idx", (tid,)
        ).fetchall()
        conn.execute("UPDATE transcripts SET said = ? WHERE id = ?", (text_digest(turns), tid))
