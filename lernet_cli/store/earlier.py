"""What `lernet code` reads from the store of what files said when they were read before:
the stored transcripts' texts (a file that says the same is no other interview:
coding/copies.py) and what each comment or tag was read as (a label edit leaves it counting:
coding/manual.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from itertools import chain
from typing import Any

from .transactions import Transactions


def text_digest(turns: Iterable[tuple[str | None, str]]) -> str:
    """What a transcript says, as a digest of its turns' speakers and texts: two files with
    the same digest are the same interview (a copy, another format of it, a file whose comments
    or tags differ), whatever their bytes."""
    h = hashlib.sha256()
    for speaker, text in turns:
        h.update(json.dumps([speaker or "", text], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


class EarlierReadings(Transactions):
    """The store's part for comparing a file with what was read before (a base of `Store`)."""

    def hand_marks(self, transcript_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """What the transcript's comments and tags were read as, last time: (codings, memos).

        A coding is (source, coder, the comment's text or None if stored before lernet kept it,
        the marked text, code, direction, note); a memo is (source, author, text, the marked
        text). coding/manual.py keeps a comment's codes when a label edit leaves it naming none.
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
            "m.end - m.start), '') FROM memos m LEFT JOIN segments s "
            "ON s.transcript_id = m.transcript_id AND s.idx = m.segment "
            "WHERE m.transcript_id = ? AND m.source IN ('comment', 'tag')",
            (transcript_id,),
        ).fetchall()
        return [tuple(r) for r in codings], [tuple(r) for r in memos]

    def text_digests(self) -> dict[int, str]:
        """Transcript id -> `text_digest` of its stored turns."""
        out: dict[int, str] = {}
        rows = self.conn.execute(
            "SELECT transcript_id, speaker, text FROM segments ORDER BY transcript_id, idx"
        )
        current: int | None = None
        turns: list[tuple[str | None, str]] = []
        for tid, speaker, text in chain(rows, [(None, None, "")]):
            if tid != current:
                if current is not None:
                    out[current] = text_digest(turns)
                current, turns = tid, []
            turns.append((speaker, text))
        return out

    def turn_texts_of(self, participant: str, besides: str) -> dict[str, set[str]]:
        """Path -> the texts of the participant turns of each of the participant's stored
        transcripts, less the one at `besides`."""
        out: dict[str, set[str]] = {}
        for path, text in self.conn.execute(
            "SELECT t.path, s.text FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
            "WHERE t.participant = ? AND t.path != ? AND s.role = 'participant'",
            (participant, besides),
        ):
            out.setdefault(str(path), set()).add(str(text))
        return out
