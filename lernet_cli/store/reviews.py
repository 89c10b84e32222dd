"""What a person decides in review: a coding accepted, rejected, given another direction or
another code, and undone; candidates (what the rules missed) accepted or rejected, and the
`similar` codings `lernet review --candidates --auto` adds."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .coders import coder_pseudonyms
from .codings import CodingReads
from .meta import MetaRecords
from .rows import CHANGED_FROM, SIMILAR, SIMILAR_META, _now


class Reviews(CodingReads, MetaRecords):
    """The store's part for reviews and candidates (a base of `Store`): a reviewer takes a
    number among the coders (`keep_pseudonyms`), so it reads the codings and the meta."""

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
