"""The rows the store gives and the names of what made a coding: shared by the store's parts
(store.py and the modules its `Store` is made of) and, through store.py, by every layer above."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from .writes import notes_of

FILE_SOURCES = ("rule", "comment", "tag", "protocol")
"""Codings made from the file and the codebook: made again whenever the file is re-coded."""
SIMILAR = "similar"
"""Coder and source of the codings `lernet review --candidates --auto` adds (learn/similar.py):
a machine's proposals, pending until a person reviews them, kept when the files are re-coded."""
REVIEWABLE = ("rule", "protocol", SIMILAR)
"""Machine-made codings a person reviews."""
NOTED_SOURCES = ("comment", "tag", "import")
"""Codings whose note is what a person wrote with them (`CodingRow.person_note`)."""
CHANGED_FROM = "changed from "
"""How a coding made in review (`change_code`) names the coding it took the place of."""
_IN_FILE_SOURCES = "('rule', 'comment', 'tag', 'protocol')"
_FILE_MEMOS = "('comment', 'tag')"
"""The sources of memos a file makes (read anew each time it is coded)."""
SIMILAR_META = "similar_codings"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class HandMemo(NamedTuple):
    """A memo read from a comment or tag, with the turn it marks (role and text None where it
    marks none)."""

    id: int
    transcript_id: int
    path: str
    segment: int | None
    start: int
    end: int
    author: str
    text: str
    source: str
    reason: str
    role: str | None
    turn: str | None


@dataclass(frozen=True)
class StoredTranscript:
    id: int
    path: str
    sha256: str
    participant: str
    group_name: str | None
    label: str | None
    codebook_digest: str | None
    rules_digest: str | None = None
    names_digest: str | None = None
    """The names the rules did not read when they coded it (coding/names.py)."""
    given: str | None = None
    """What the command line last gave it (JSON: participant, group, label; `given_options`)."""


_TRANSCRIPT_COLUMNS = (
    "id, path, sha256, participant, group_name, label, codebook_digest, rules_digest, "
    "names_digest, given"
)


@dataclass
class SaveResult:
    transcript_id: int
    vanished: list[str] = field(default_factory=list)
    """Reviewed or hand-made codings whose text is no longer in the transcript (kept detached)."""


@dataclass
class CodingRow:
    """A coding joined with its transcript and segment: what analysis works on."""

    id: int
    transcript_id: int
    path: str
    participant: str
    group_name: str | None
    label: str | None
    segment: int
    segment_text: str
    code: str
    start: int
    end: int
    coder: str
    rule: str | None
    direction: str | None
    status: str
    source: str = "rule"
    note: str | None = None
    created_at: str | None = None
    rules_direction: str | None = None
    """The direction the rules gave, where a reviewer gave the coding another (`direction`)."""
    segment_notes: str | None = None
    """Where notes of speech not made out stood in `segment_text` (`notes_json`), or None."""

    @property
    def notes(self) -> list[tuple[int, str]]:
        """Where notes of speech not made out stood in `segment_text`: (offset, kind)."""
        return notes_of(self.segment_notes)

    @property
    def person_note(self) -> str | None:
        """What a person wrote with the coding, after the code ("Concurrentie: mooi citaat"
        gives "mooi citaat"): the note of a comment's, a tag's or an imported coding, also one
        merged from another project. Other codings' notes are lernet's own ("changed from 12",
        a candidate's reason) and None here."""
        made = self.rule if self.source == "merge" else self.source
        return self.note if made in NOTED_SOURCES and self.note else None
