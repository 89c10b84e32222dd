"""Who speaks in a transcript, and as what: to check the interviewer lernet took before coding."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..model import Transcript


@dataclass
class SpeakerRow:
    file: str
    speaker: str
    role: str
    turns: int
    words: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def speaker_table(transcripts: list[tuple[str, Transcript]]) -> list[SpeakerRow]:
    """One row per (file, speaker), in order of first appearance."""
    rows: list[SpeakerRow] = []
    for name, transcript in transcripts:
        seen: dict[str, SpeakerRow] = {}
        for turn in transcript.turns:
            row = seen.get(turn.speaker)
            if row is None:
                row = SpeakerRow(name, turn.speaker or "(no label)", turn.role, 0, 0)
                seen[turn.speaker] = row
                rows.append(row)
            row.turns += 1
            row.words += len(turn.text.split())
    return rows
