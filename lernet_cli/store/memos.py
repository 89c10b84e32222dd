"""Memos, and the comments and tags that are memos or codings: a comment's codings made memos
when the codebook lost the code it named, and back when it has it again; the memos read for
outputs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Coding
from .rows import HandMemo, _now
from .transactions import Transactions
from .writes import _insert_coding


class Memos(Transactions):
    """The store's part for memos and the codings of comments and tags (a base of `Store`)."""

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
