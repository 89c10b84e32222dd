"""What a `lernet code` run is given for its files, and what it says of each."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..project.participants import Participants

if TYPE_CHECKING:
    from ..readers.kind import NoInterview


@dataclass
class CodeOptions:
    participant: str | None = None
    group: str | None = None
    label: str | None = None
    interviewer: list[str] = field(default_factory=list)
    coder: str | None = None
    """Who made the inline tags of files whose tags are not stored yet (comments carry their
    author); a file whose tags are stored keeps their coder (one person's coding never moves to
    another by a run over a folder); None: `default_coder`."""
    default_coder: str | None = None
    """Who made the tags when --coder does not say (`project.who_codes`); None: DEFAULT_CODER."""
    keep_stored: bool = False
    """A stored file read again because it changed on disk keeps the participant, group and
    label it is stored with where nothing else names one (they may have come from the command
    line)."""
    in_folders: Collection[Path] = ()
    """Files found in a folder rather than named (`Inputs.in_folders`): one not stored yet that
    does not look like an interview (readers/kind.py) is left out, status "left out"."""


@dataclass
class FileResult:
    path: str
    status: str
    """new | updated | unchanged | moved | re-coded | duplicate | withdrawn | left out | error"""
    participant: str = ""
    group: str | None = None
    turns: int = 0
    segments: int = 0
    """Participant turns (the segments that can be coded)."""
    coded_segments: int = 0
    """Participant turns with at least one code, from the rules, the protocol or by hand."""
    codings: int = 0
    """Every coding made from the file and the codebook: rules, protocol, comments and tags."""
    manual: int = 0
    """Of those, the codings from comments and inline tags."""
    memos: int = 0
    vanished: list[str] = field(default_factory=list)
    interviewer: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    participant_source: str = ""
    moved_from: str | None = None
    """Where a moved (or renamed) file's transcript was stored before."""
    kept_coder: str | None = None
    """The coder the file's tags keep when --coder named another (see CodeOptions.coder)."""
    same_as: str | None = None
    """A duplicate: the stored transcript that says the same (coding/copies.py), not coded
    again."""
    version_share: float | None = None
    """A duplicate that is a version of `same_as` (coding/versions.py): the part of the
    shorter one's word 3-grams that stand in the other."""
    unkept_marks: list[tuple[str, str]] = field(default_factory=list)
    """A duplicate's comments and inline tags that `same_as` does not hold, as (source,
    author): hand coding that is not counted unless it is moved there."""
    marks_only_there: int = 0
    """A duplicate's `same_as` holds this many comments and tags the duplicate does not."""
    withdrawn: str | None = None
    """Status withdrawn: the file is (a version of) the interview of a participant who withdrew
    (store/withdrawn.py), when: it is not coded."""
    no_interview: NoInterview | None = None
    """What the file looks like instead of an interview: status "left out" (found in a folder),
    else coded as named, or as stored before."""
    as_before: bool = False
    """Left out as an earlier run left it out, unchanged since (coding/left_out.py): not read."""


def _group_of(participants: Participants, pid: str) -> str | None:
    p = participants.people.get(pid)
    return p.group if p else None
