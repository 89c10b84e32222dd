"""What re-coding from the store reads and writes (coding/recode.py): which per-code digests a
rules digest stands for, each transcript's words and participant turns, and one transcript's
rule codings made anew."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..bitmask import set_bits
from ..model import Match
from .rows import _IN_FILE_SOURCES, _now
from .transactions import Transactions
from .writes import _remember_rule_set, _replace_rule_codings, replace_undirected


class RecodingQueries(Transactions):
    """The store's part for re-coding from the store (a base of `Store`)."""

    def rule_set(self, digest: str | None) -> dict[str, str] | None:
        """The per-code digests a rules digest stands for; None when the store does not know."""
        if digest is None:
            return None
        row = self.conn.execute(
            "SELECT codes FROM rule_sets WHERE digest = ?", (digest,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def code_rules(self, digests: Iterable[str]) -> dict[str, str]:
        """What each of these per-code digests stands for (`digests.code_key` as JSON), where
        the store knows it (rule sets recorded before migration 19 do not say)."""
        wanted = sorted(set(digests))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(
                    f"SELECT digest, rules FROM code_rules WHERE digest IN ({marks})", chunk
                ).fetchall()
            )
        return out

    def transcript_words(self, ids: Iterable[int]) -> dict[int, dict[str, str] | None]:
        """The words of each transcript's participant turns, each with the turns (segment
        numbers, as text: `turn_mask`, `turns_of`) it stands in (None: not stored)."""
        out: dict[int, dict[str, str] | None] = {}
        for chunk in _chunks(sorted(ids)):
            for tid, words in self.conn.execute(
                f"SELECT id, words FROM transcripts WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[int(tid)] = _words(words)
        return out

    def participant_turns(
        self, ids: Iterable[int], only: dict[int, set[int]] | None = None
    ) -> dict[int, list[tuple[int, str]]]:
        """(segment, text) of each transcript's participant turns with text, in order; `only`
        the segments it names of the transcripts it names."""
        out: dict[int, list[tuple[int, str]]] = {}
        if only is not None:
            for tid in sorted(ids):
                segments = sorted(only.get(tid) or ())
                for chunk in _chunks(segments):
                    rows = self.conn.execute(
                        "SELECT idx, text FROM segments WHERE role = 'participant' AND "
                        f"transcript_id = ? AND idx IN ({','.join('?' * len(chunk))}) ORDER BY idx",
                        [tid, *chunk],
                    )
                    out.setdefault(tid, []).extend(
                        (int(idx), str(text)) for idx, text in rows if text.strip()
                    )
            return out
        for chunk in _chunks(sorted(ids)):
            for tid, idx, text in self.conn.execute(
                "SELECT transcript_id, idx, text FROM segments WHERE role = 'participant' AND "
                f"transcript_id IN ({','.join('?' * len(chunk))}) ORDER BY transcript_id, idx",
                chunk,
            ):
                if text.strip():
                    out.setdefault(int(tid), []).append((int(idx), str(text)))
        return out

    def recode_rules(
        self,
        ids: list[int],
        codes: set[str] | None,
        matches: dict[int, list[tuple[int, Match]]],
        rules: tuple[str, dict[str, str], dict[str, str]],
        words: dict[int, dict[str, int]] | None = None,
        names_digest: str | None = None,
        undirected: dict[int, list[tuple[int, str]]] | None = None,
        every_code: bool = False,
        edited: tuple[set[str], dict[int, set[int]]] | None = None,
    ) -> None:
        """Make these transcripts' rule codings of `codes` (None: all) anew from `matches` on
        their stored turns, and record the rules they now come from (digest, per-code
        digests), in one transaction; `words` fills in the words of transcripts stored without;
        `names_digest`, when given, the names the rules did not read (coding/names.py);
        `undirected`, the mentions of a directional code without a direction, (segment, code)
        per transcript; `every_code`: `codes` holds every code with rules (a new matcher), so
        after this the transcripts' mentions are all known; `edited`: codes of `codes` whose
        codings are made anew only in these turns (transcript -> segments), the others keeping
        theirs (an edit of their terms, which changes nothing where none of them stands)."""
        digest, per_code, keys = rules
        now = _now()
        with self.transaction() as conn:
            _remember_rule_set(conn, digest, per_code, keys)
            whole = codes if edited is None or codes is None else codes - edited[0]
            parts: list[tuple[set[str] | None, dict[int, set[int]] | None]] = []
            if whole is None or whole:
                parts.append((whole, None))
            if edited is not None and edited[0]:
                parts.append((edited[0], edited[1]))
            known = True if codes is None or (every_code and edited is None) else None
            for some, turns in parts:
                _replace_rule_codings(conn, sorted(ids), some, matches, now, turns)
                if undirected is not None:
                    replace_undirected(conn, sorted(ids), some, undirected, known, turns)
            conn.executemany(
                "UPDATE transcripts SET rules_digest = ?, coded_at = ? WHERE id = ?",
                [(digest, now, tid) for tid in ids],
            )
            if names_digest is not None:
                conn.executemany(
                    "UPDATE transcripts SET names_digest = ? WHERE id = ?",
                    [(names_digest, tid) for tid in ids],
                )
            conn.executemany(
                "UPDATE transcripts SET words = ? WHERE id = ?",
                [(words_text(w), tid) for tid, w in (words or {}).items()],
            )

    def file_coding_counts(self, ids: Iterable[int]) -> dict[int, tuple[int, int, int, int]]:
        """Per transcript: (participant turns, turns with a coding made from the file and the
        codebook, those codings, of them the ones from comments and tags)."""
        wanted = sorted(ids)
        out = {tid: (0, 0, 0, 0) for tid in wanted}
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            for tid, n in self.conn.execute(
                "SELECT transcript_id, COUNT(*) FROM segments WHERE role = 'participant' AND "
                f"transcript_id IN ({marks}) GROUP BY transcript_id",
                chunk,
            ):
                out[int(tid)] = (int(n), 0, 0, 0)
            for tid, segs, n, manual in self.conn.execute(
                "SELECT transcript_id, COUNT(DISTINCT segment), COUNT(*), "
                "SUM(source IN ('comment', 'tag')) FROM codings WHERE detached IS NULL AND "
                f"source IN {_IN_FILE_SOURCES} AND transcript_id IN ({marks}) "
                "GROUP BY transcript_id",
                chunk,
            ):
                out[int(tid)] = (out[int(tid)][0], int(segs), int(n), int(manual or 0))
        return out


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    """Ids in lists short enough for one statement's parameters."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def words_text(words: dict[str, int]) -> str:
    """A transcript's words as stored: "word:x12 other:x4", each word (word characters and
    apostrophes, never a space or a colon) with the turns it stands in as a bit mask in hex
    (x12: turns 1 and 4), which `turn_mask` reads back in one call. Stores written before
    hold the turns as a list ("word:1,4"); both are read."""
    return " ".join(f"{w}:x{turns:x}" for w, turns in words.items())


def _words(stored: str | None) -> dict[str, str] | None:
    """A transcript's stored words: word -> its turns, still as text ("x12" or "1,4";
    `turn_mask` and `turns_of` read them), since most are never asked for; None when not
    stored or not readable (then every turn is matched and the words are stored anew)."""
    if not stored:
        return None
    parts = stored.replace(":", " ").split(" ")
    if len(parts) % 2:  # each word has its turns: one colon a word, none inside one
        return None
    pairs = iter(parts)
    return dict(zip(pairs, pairs, strict=True))


def turn_mask(stored: str) -> int:
    """The turns of a stored word ("x12" or "1,4") as a bit mask: bit n for turn n."""
    if stored[:1] == "x":
        return int(stored[1:], 16)
    mask = 0
    for turn in stored.split(","):
        mask |= 1 << int(turn)
    return mask


def turns_of(stored: str) -> list[int]:
    """The turns of a stored word ("x12" or "1,4"), in order."""
    if stored[:1] != "x":
        return [int(x) for x in stored.split(",")]
    return set_bits(int(stored[1:], 16))
