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
    sources: list[tuple[int, int, int, int]] = field(
        default_factory=list, repr=False, compare=False
    )
    """Where the text came from: (paragraph position, offset in `text`, offset in the paragraph,
    length), so spans marked in the file (comments, tags) can be placed in the turn."""
    notes: list[tuple[int, str]] = field(default_factory=list, repr=False, compare=False)
    """Where a transcriber's note of speech not made out ("[onverstaanbaar 00:12:31]",
    "[inaudible]", "[crosstalk]") stood in `text`, which leaves it out so that no rule reads
    it: (offset, "unclear"), in order. A quote shows the gap there."""


@dataclass
class Annotation:
    """Something a researcher marked in the file itself: a Word or ODT comment, or an inline tag.

    `start` and `end` are (paragraph position, character offset in the paragraph's text as the
    reader returned it), end exclusive; a comment without a range has start == end.
    """

    kind: str  # "comment" | "tag"
    note: str
    start: tuple[int, int]
    end: tuple[int, int]
    author: str = ""
    date: str | None = None
    ref: str = ""
    reply_to: str | None = None


@dataclass
class Mark:
    """An annotation placed on one turn (0-based index into `Transcript.turns`)."""

    turn: int
    start: int
    end: int
    annotation: Annotation


@dataclass
class Transcript:
    """A transcript as read from a file: ordered turns plus what the reader learned on the way."""

    path: str
    turns: list[Turn]
    metadata: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    interviewer_labels: list[str] = field(default_factory=list)
    """Speaker labels taken as the interviewer's (for the summary)."""
    marks: list[Mark] = field(default_factory=list)
    """Comments and tags from the file, placed on turns."""
    unplaced: list[Annotation] = field(default_factory=list)
    """Comments and tags that cover no speech (a heading, the preamble)."""
    title: str | None = None
    """The document's first heading, which is no speech: what it says it is."""
    speakers_from: str = ""
    """How the speakers were told apart: "labels", "bold" (questions in bold), "questions"
    (turns that ask, without labels), "none" (all text one participant's); "" where no reader
    read it (an imported source)."""


@dataclass
class Match:
    """Evidence that a code applies to a segment: a character span in the segment's text."""

    code: str
    start: int
    end: int
    rule: str
    direction: str | None = None  # "bring", "take", "both" or None


PROTOCOL_CODER = "protocol"
"""The coder of the codings made from the interview protocol (coding/protocol.py), here so that
an analysis telling people from machines need not import the protocol's reading of turns."""


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
    source: str = "rule"
    """rule, comment, tag, protocol (made from the file and codebook, re-made on re-coding);
    review, import (made in lernet: kept and re-anchored when the file changes)."""
    note: str | None = None
    created_at: str | None = None
    """When it was made (ISO 8601, UTC), if known before it is stored: an imported coding keeps
    the time the other tool gave it; otherwise the store's time of writing."""
    annotation: str | None = None
    """The whole text of the comment or tag a coding was read from (source comment or tag): a
    comment whose text is unchanged keeps the codes it named when a label is edited later."""


@dataclass
class Memo:
    """A comment or tag that is not counted: it names no code, or marks no participant speech."""

    segment: int | None
    start: int
    end: int
    author: str
    text: str
    source: str
    reason: str
    created_at: str | None = None
    """When it was made, where the file or another tool said so (a comment's date, as the file
    writes it; an imported note's); else when stored."""


@dataclass
class Participant:
    id: str
    group: str | None = None
    label: str | None = None
    names: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    description: str | None = None
    """What another tool's case says about them (REFI-QDA), kept for the way back."""
    variables: dict[str, str | int | float | bool] = field(default_factory=dict)
    """Their case's variables in another tool (Role, Sector...), kept for the way back."""
