"""What analysis reads of the codings: the rows joined with their transcripts and turns, the
participant turns as rows without a code, the rules' undirected mentions, the detached codings,
and the names codings were made under."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .coders import CoderNames, coder_names
from .rows import CodingRow
from .transactions import Transactions


class CodingReads(Transactions):
    """The store's part for reading codings for analysis (a base of `Store`)."""

    _people: dict[str, str] | None = None

    def coding_rows(
        self,
        codes: Iterable[str] | None = None,
        coders: Iterable[str] | None = None,
        include_rejected: bool = False,
        reviewed: bool = False,
        sources: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
        transcripts: Iterable[int] | None = None,
    ) -> list[CodingRow]:
        """Codings on the current text of their transcripts, in file and segment order.

        By default rejected codings are left out; `reviewed` keeps only what a person made or
        accepted; `transcripts` (ids) keeps those of these transcripts alone.
        """
        # A segment spoken by a mapped speaker (group interview) belongs to that participant,
        # whose group and label come from the participants file.
        sql = (
            "SELECT c.id, c.transcript_id, t.path, COALESCE(s.participant, t.participant), "
            "CASE WHEN s.participant IS NULL THEN t.group_name END, "
            "CASE WHEN s.participant IS NULL THEN t.label END, "
            "c.segment, s.text, c.code, c.start, c.end, c.coder, c.rule, c.direction, c.status, "
            "c.source, c.note, c.created_at, c.rules_direction, s.notes FROM codings c "
            "JOIN transcripts t ON t.id = c.transcript_id "
            "JOIN segments s ON s.transcript_id = c.transcript_id AND s.idx = c.segment"
        )
        where = ["c.detached IS NULL"]
        params: list[Any] = []
        names = self.coder_names()
        if coders is not None and names:
            coders = [n for c in coders for n in names.names_of(c)]
        for column, values in (
            ("c.code", codes),
            ("c.coder", coders),
            ("c.source", sources),
            ("c.status", statuses),
            ("c.transcript_id", transcripts),
        ):
            if values is not None:
                items = list(values)
                where.append(f"{column} IN ({','.join('?' * len(items))})")
                params.extend(items)
        if not include_rejected:
            where.append("c.status != 'rejected'")
        if reviewed:
            where.append("c.status = 'accepted'")
        sql += " WHERE " + " AND ".join(where) + " ORDER BY t.path, c.segment, c.start, c.id"
        rows = [CodingRow(*r) for r in self.conn.execute(sql, params)]
        if names:
            for row in rows:
                row.coder = names.person(row.coder)
        return rows

    def coder_spellings(self) -> list[str]:
        """Every name a coding was made or reviewed under, or a memo written under, as stored,
        in the order they first did so (codings before memos)."""
        rows = self.conn.execute(
            "SELECT name FROM ("
            " SELECT coder AS name, MIN(id) AS first, 0 AS kind FROM codings GROUP BY coder"
            " UNION ALL SELECT reviewer, MIN(id), 0 FROM codings"
            "  WHERE reviewer IS NOT NULL GROUP BY reviewer"
            " UNION ALL SELECT author, MIN(id), 1 FROM memos GROUP BY author"
            ") ORDER BY kind, first, name"
        )
        return list(dict.fromkeys(str(r[0]) for r in rows if r[0]))

    def coder_names(self) -> CoderNames:
        """Which coder names are one person (`lernet coders same`): see coders.py."""
        return coder_names(self.conn)

    def participant_segments(self, transcripts: Iterable[int] | None = None) -> list[CodingRow]:
        """Every participant turn with text (of these transcripts), as a row without a code (code
        '', coder ''): what the rules run on, with the participant each turn belongs to."""
        where = ""
        params: list[int] = []
        if transcripts is not None:
            params = sorted(transcripts)
            where = f" AND s.transcript_id IN ({','.join('?' * len(params))})"
        sql = (
            "SELECT 0, s.transcript_id, t.path, COALESCE(s.participant, t.participant), "
            "CASE WHEN s.participant IS NULL THEN t.group_name END, "
            "CASE WHEN s.participant IS NULL THEN t.label END, "
            "s.idx, s.text, '', 0, 0, '', NULL, NULL, '', 'rule', NULL, NULL, NULL, s.notes "
            "FROM segments s "
            "JOIN transcripts t ON t.id = s.transcript_id "
            f"WHERE s.role = 'participant' AND TRIM(s.text) != ''{where} ORDER BY t.path, s.idx"
        )
        return [CodingRow(*r) for r in self.conn.execute(sql, params)]

    def undirected_mentions(
        self, codes: Iterable[str], transcripts: Iterable[int] | None = None
    ) -> tuple[list[tuple[int, int, str, str]], list[int]]:
        """The rules' mentions of these directional codes without a direction, as `lernet code`
        kept them: (transcript, segment, participant, code), of the transcripts (of these) where
        they are known; and the transcripts where they are not (coded before lernet kept them,
        or never coded by the rules)."""
        codes = sorted(set(codes))
        where, params = "", []
        if transcripts is not None:
            params = sorted(transcripts)
            where = f" AND t.id IN ({','.join('?' * len(params))})"
        unknown = [
            int(r[0])
            for r in self.conn.execute(
                f"SELECT t.id FROM transcripts t WHERE t.undirected_known = 0{where}", params
            )
        ]
        if not codes:
            return [], unknown
        rows = self.conn.execute(
            "SELECT u.transcript_id, u.segment, COALESCE(s.participant, t.participant), u.code "
            "FROM undirected u JOIN transcripts t ON t.id = u.transcript_id "
            "JOIN segments s ON s.transcript_id = u.transcript_id AND s.idx = u.segment "
            f"WHERE t.undirected_known = 1 AND u.code IN ({','.join('?' * len(codes))}){where} "
            "ORDER BY t.path, u.segment, u.code",
            [*codes, *params],
        )
        return [(int(a), int(b), str(c), str(d)) for a, b, c, d in rows], unknown

    def detached_rows(self) -> list[CodingRow]:
        """Reviewed or hand-made codings whose text vanished from a re-coded transcript; the
        segment text they had stands in `segment_text`."""
        return [
            CodingRow(*r)
            for r in self.conn.execute(
                "SELECT c.id, c.transcript_id, t.path, t.participant, t.group_name, t.label, "
                "c.segment, c.detached, c.code, c.start, c.end, c.coder, c.rule, c.direction, "
                "c.status, c.source, c.note FROM codings c "
                "JOIN transcripts t ON t.id = c.transcript_id "
                "WHERE c.detached IS NOT NULL ORDER BY t.path, c.id"
            )
        ]

    def person(self, name: str) -> str:
        """The spelling a person's name already has in the store: a Word comment by "Anna" and
        a review by "anna" are one coder, not two who happen to agree."""
        name = " ".join(name.split())
        if self._people is None:
            self._people = {}
            for (known,) in self.conn.execute(
                "SELECT coder FROM codings UNION SELECT reviewer FROM codings "
                "WHERE reviewer IS NOT NULL ORDER BY 1"
            ):
                self._people.setdefault(str(known).casefold(), str(known))
        return self._people.setdefault(name.casefold(), name)

    def tag_coder(self, transcript_id: int) -> str | None:
        """The name a transcript's inline tags were stored under (`lernet code --coder`)."""
        row = self.conn.execute(
            "SELECT coder FROM codings WHERE transcript_id = ? AND source = 'tag' LIMIT 1",
            (transcript_id,),
        ).fetchone()
        if row is None:  # every tag a memo (a code renamed in the codebook, say)
            row = self.conn.execute(
                "SELECT author FROM memos WHERE transcript_id = ? AND source = 'tag' LIMIT 1",
                (transcript_id,),
            ).fetchone()
        return None if row is None else str(row[0])

    def count_codings(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM codings").fetchone()[0])
