"""What the store holds of the transcripts themselves: their rows, their turns (segments) and
who speaks in them (the participants, their groups, the names stored with them)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from ..model import Turn
from .rows import _TRANSCRIPT_COLUMNS, StoredTranscript
from .transactions import Transactions


class TranscriptReads(Transactions):
    """The store's part for reading transcripts, their turns and speakers (a base of `Store`)."""

    _transcripts: tuple[tuple[int, int], list[StoredTranscript]] | None = None

    def transcript_by_path(self, path: str) -> StoredTranscript | None:
        row = self.conn.execute(
            f"SELECT {_TRANSCRIPT_COLUMNS} FROM transcripts WHERE path = ?", (path,)
        ).fetchone()
        return StoredTranscript(*row) if row else None

    def transcript_by_id(self, tid: int) -> StoredTranscript | None:
        row = self.conn.execute(
            f"SELECT {_TRANSCRIPT_COLUMNS} FROM transcripts WHERE id = ?", (tid,)
        ).fetchone()
        return StoredTranscript(*row) if row else None

    def transcripts_by_hash(self, sha256: str) -> list[StoredTranscript]:
        rows = self.conn.execute(
            f"SELECT {_TRANSCRIPT_COLUMNS} FROM transcripts WHERE sha256 = ?", (sha256,)
        ).fetchall()
        return [StoredTranscript(*r) for r in rows]

    def transcripts(self) -> list[StoredTranscript]:
        """Every stored transcript, by path. Asked for by many steps of one command: outside a
        transaction, read again only when the store changed since (a write on this connection
        or a commit on another); inside one, always (it may yet be rolled back)."""
        if self.conn.in_transaction:
            self._transcripts = None
            return self._read_transcripts()
        version = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        if self._transcripts is None or self._transcripts[0] != version:
            self._transcripts = (version, self._read_transcripts())
        return list(self._transcripts[1])

    def _read_transcripts(self) -> list[StoredTranscript]:
        rows = self.conn.execute(
            f"SELECT {_TRANSCRIPT_COLUMNS} FROM transcripts ORDER BY path"
        ).fetchall()
        return [StoredTranscript(*r) for r in rows]

    def turn_speakers(self) -> dict[int, dict[int, str]]:
        """Per transcript, the participant turns spoken by a listed participant (a group
        interview): segment number -> participant id."""
        out: dict[int, dict[int, str]] = {}
        for tid, idx, pid in self.conn.execute(
            "SELECT transcript_id, idx, participant FROM segments "
            "WHERE participant IS NOT NULL AND role = 'participant' ORDER BY transcript_id, idx"
        ):
            out.setdefault(int(tid), {})[int(idx)] = str(pid)
        return out

    def own_speaking(self) -> set[int]:
        """The transcripts where some participant turn speaks for the transcript's own participant
        (not a listed speaker of a group interview): nearly every one, each found at its first
        such turn."""
        rows = self.conn.execute(
            "SELECT id FROM transcripts t WHERE EXISTS (SELECT 1 FROM segments s WHERE "
            "s.transcript_id = t.id AND s.role = 'participant' AND s.participant IS NULL)"
        )
        return {int(r[0]) for r in rows}

    def has_unmapped_turns(self, transcript_id: int) -> bool:
        """Whether some participant turn speaks for the transcript's own participant (not a
        listed speaker of a group interview)."""
        return (
            self.conn.execute(
                "SELECT 1 FROM segments WHERE transcript_id = ? AND role = 'participant' "
                "AND participant IS NULL LIMIT 1",
                (transcript_id,),
            ).fetchone()
            is not None
        )

    def stale_transcripts(self, rules_digest: str) -> list[str]:
        """Paths whose rule codings were made by other rules (or an older lernet) than these."""
        rows = self.conn.execute(
            "SELECT path FROM transcripts WHERE rules_digest IS NOT ? ORDER BY path",
            (rules_digest,),
        )
        return [str(r[0]) for r in rows]

    def people(self, transcripts: Iterable[int] | None = None) -> dict[str, str | None]:
        """Every participant who speaks in a transcript (of these transcripts) -> the group the
        store knows (or None)."""
        out: dict[str, str | None] = {}
        for pid, group, _ in self._speakers(transcripts):
            out[pid] = out.get(pid) or group
        return out

    def groups_of(self, transcripts: Iterable[int] | None = None) -> dict[str, list[str | None]]:
        """Every participant who speaks in a transcript (of these transcripts) -> the groups
        stored with their transcripts, each once: two where their group changed between waves."""
        out: dict[str, list[str | None]] = {}
        for pid, group, _ in self._speakers(transcripts):
            held = out.setdefault(pid, [])
            if group not in held:
                held.append(group)
        return out

    def interviews_of(self) -> dict[str, list[tuple[int, str]]]:
        """Every participant -> the transcripts they speak in, (id, path) in path order: a
        participant interviewed twice (waves) has two."""
        out: dict[str, list[tuple[int, str]]] = {}
        paths = {t.id: t.path for t in self.transcripts()}
        for pid, _, tid in self._speakers(None):
            out.setdefault(pid, []).append((tid, paths[tid]))
        for held in out.values():
            held.sort(key=lambda item: item[1])
        return out

    def speakers(
        self, transcripts: Iterable[int] | None = None
    ) -> list[tuple[str, str | None, int]]:
        """(participant, group stored with the transcript or None, transcript id), once each:
        everyone interviewed (in these transcripts), whether anything they said was coded or not."""
        return self._speakers(transcripts)

    def _speakers(self, transcripts: Iterable[int] | None) -> list[tuple[str, str | None, int]]:
        """(participant, group, transcript id), once each, of the participant turns."""
        where = ""
        params: list[int] = []
        if transcripts is not None:
            params = sorted(transcripts)
            where = f" AND s.transcript_id IN ({','.join('?' * len(params))})"
        return [
            (str(pid), group, int(tid))
            for pid, group, tid in self.conn.execute(
                "SELECT DISTINCT COALESCE(s.participant, t.participant), "
                "CASE WHEN s.participant IS NULL THEN t.group_name END, s.transcript_id "
                "FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
                f"WHERE s.role = 'participant'{where}",
                params,
            )
        ]

    def texts_signature(self) -> str:
        """Changes when a stored transcript's text may have: one added, removed or read again
        from another file (each transcript's id, file digest, turns and words)."""
        rows = self.conn.execute(
            "SELECT id, sha256, n_turns, n_words FROM transcripts ORDER BY id"
        ).fetchall()
        return hashlib.sha256(json.dumps([tuple(r) for r in rows]).encode()).hexdigest()

    def transcript_names(self) -> dict[int, list[str]]:
        """Transcript id -> the names stored with it (speaker labels, header names)."""
        return {
            int(tid): list(json.loads(value or "[]"))
            for tid, value in self.conn.execute("SELECT id, names FROM transcripts")
        }

    def spoken_names(self) -> list[str]:
        """People's names used as speaker labels in any transcript: redacted like listed names."""
        out: set[str] = set()
        for (value,) in self.conn.execute("SELECT names FROM transcripts"):
            out.update(json.loads(value or "[]"))
        return sorted(out)

    def segments(self, transcript_id: int) -> list[tuple[int, Turn]]:
        """The turns of one transcript as stored, with their 1-based segment numbers."""
        rows = self.conn.execute(
            "SELECT idx, speaker, role, text, timestamp, position FROM segments "
            "WHERE transcript_id = ? ORDER BY idx",
            (transcript_id,),
        ).fetchall()
        return [(int(r[0]), Turn(r[1], r[3], r[2], r[4], r[5] or 0)) for r in rows]
