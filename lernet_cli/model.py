"""Plain data passed between the layers: read -> code -> store -> analyse -> render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["interviewer", "participant"]


@dataclass
class Turn:
    """One speaker turn. `position` says where it came from (paragraph or line number, 1-based)."""

    speaker: str
    text: str
    role: Role = "participant"
    timestamp: str | None = None
    position: int = 0


@dataclass
class Transcript:
    """A transcript as read from a file: ordered turns plus what the reader learned on the way."""

    path: str
    turns: list[Turn]
    metadata: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    interviewer_labels: list[str] = field(default_factory=list)
    """Speaker labels taken as the interviewer's (for the summary)."""


@dataclass
class Match:
    """Evidence that a code applies to a segment: a character span in the segment's text."""

    code: str
    start: int
    end: int
    rule: str
    direction: str | None = None  # "bring", "take", "both" or None


@dataclass
class Coding:
    """A stored coding of one segment (participant turn) of one transcript."""

    transcript_id: int
    segment: int
    code: str
    start: int
    end: int
    coder: str = "auto"
    rule: str = ""
    direction: str | None = None
    status: str = "pending"


@dataclass
class Participant:
    id: str
    group: str | None = None
    label: str | None = None
    names: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
