"""A file that says what a stored transcript says is that interview again, not another one.

`lernet code` compares what files say (their turns' speakers and texts), not their bytes: a copy
in another folder, the same interview saved again by Word, or a copy with other comments or tags
is the same interview. One whose stored file is gone was moved (its record, with its reviews, goes
along); one of the same participant whose stored file is still there is skipped with a warning
naming both, so that an interview is never counted twice. The same text under another participant is
coded, with a warning: lernet cannot tell whose interview it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar

from ..model import Coding, Memo, Transcript
from ..store.earlier import text_digest
from ..store.store import Store, StoredTranscript


def transcript_digest(transcript: Transcript) -> str:
    return text_digest((t.speaker, t.text) for t in transcript.turns)


class StoredTexts:
    """The stored transcripts by what they say, read from the store on first use."""

    def __init__(self, store: Store):
        self._store = store
        self._by_id: dict[int, tuple[str, StoredTranscript]] | None = None

    def _load(self) -> dict[int, tuple[str, StoredTranscript]]:
        if self._by_id is None:
            digests = self._store.text_digests()
            self._by_id = {
                t.id: (digests[t.id], t) for t in self._store.transcripts() if t.id in digests
            }
        return self._by_id

    def same_text(self, digest: str, path: str) -> list[StoredTranscript]:
        """The stored transcripts at other paths that say the same, by path."""
        found = [t for d, t in self._load().values() if d == digest and t.path != path]
        return sorted(found, key=lambda t: t.path)

    def add(self, digest: str, stored: StoredTranscript) -> None:
        """A transcript just written (new, moved: the same id at another path, or changed);
        not yet read ones are read from the store when first asked, this one with them."""
        if self._by_id is not None:
            self._by_id[stored.id] = (digest, stored)


class Moves:
    """Which stored transcript whose file is gone each file of a run continues, one file each.

    Two stored transcripts may have the same bytes (a copy next to its original, both coded):
    when their folder is moved, each follows the file of its own name, so that neither is read
    as new and none is left behind still counted. A stored transcript is claimed once; one whose
    name is another file's of this run is left to that file.
    """

    def __init__(self, files: Iterable[Path]):
        self._names = {f.name for f in files}
        self._claimed: set[int] = set()

    def claim(self, path: str, gone: Sequence[StoredTranscript]) -> StoredTranscript | None:
        free = [t for t in gone if t.id not in self._claimed]
        new = PurePosixPath(path)
        same = [t for t in free if PurePosixPath(t.path).name == new.name]
        same.sort(key=lambda t: -_shared_tail(PurePosixPath(t.path).parts, new.parts))
        unnamed = [t for t in free if PurePosixPath(t.path).name not in self._names]
        chosen = same[0] if same else (unnamed[0] if unnamed else None)
        if chosen is not None:
            self._claimed.add(chosen.id)
        return chosen

    def taken(self, stored: StoredTranscript) -> bool:
        """Claimed by a file of this run: where that file is, it is (about to be) stored."""
        return stored.id in self._claimed


def _shared_tail(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


class _Named(Protocol):
    @property
    def path(self) -> Path: ...

    @property
    def sha(self) -> str: ...


T = TypeVar("T", bound=_Named)


# What a copy adds to its original's name: " - kopie", " - Copy (2)", " (1)", Dropbox's " (Eva's
# conflicted copy 2024-03-01)", and OneDrive's "-DESKTOP-AB12" (the name of the other computer).
_COPY_TAIL_RE = re.compile(
    r"^(?:\s*-\s*(?:kopie|copy)(?:\s*\(\d+\))?|\s*\(\d+\)|\s*\([^()]*conflict[^()]*\))$",
    re.IGNORECASE,
)
_MACHINE_TAIL_RE = re.compile(r"^-[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def _copy_of(path: Path, stems: dict[tuple[Path, str], str]) -> str | None:
    """The sha of the file in the same folder of which this one is named as a copy."""
    stem = path.stem
    for n in range(len(stem) - 1, 0, -1):
        tail = stem[n:]
        if _COPY_TAIL_RE.match(tail) or _MACHINE_TAIL_RE.match(tail):
            sha = stems.get((path.parent, stem[:n]))
            if sha is not None:
                return sha
    return None


def originals_first(pending: list[tuple[int, T]]) -> list[tuple[int, T]]:
    """The files to code in their order, but of files with the same bytes, or a file and one
    named as its copy, the shortest name first: "Interview 3.docx" is the interview, "Interview
    3 - kopie.docx", "Interview 3-DESKTOP-AB12.docx" (saved again, with other comments) and
    "Copy of Interview 3.docx" its copies, skipped when they say what it says."""
    stems = {(item.path.parent, item.path.stem): item.sha for _, item in pending}
    first: dict[str, int] = {}
    for n, (_, item) in enumerate(pending):
        first.setdefault(item.sha, n)
    for _, item in pending:
        original = _copy_of(item.path, stems)
        if original is not None and original != item.sha:
            first[item.sha] = first[original] = min(first[item.sha], first[original])
    order = sorted(
        range(len(pending)),
        key=lambda n: (first[pending[n][1].sha], len(pending[n][1].path.name), n),
    )
    return [pending[n] for n in order]


def stored_copies(store: Store) -> list[tuple[str, str]]:
    """(copy, first) for each stored transcript that says what another stored transcript of
    the same participant says: both are counted, as two interviews. `first` is the one stored
    first."""
    digests = store.text_digests()
    first: dict[tuple[str, str], str] = {}
    out = []
    for t in sorted(store.transcripts(), key=lambda t: t.id):
        digest = digests.get(t.id)
        if digest is None:
            continue
        key = (digest, t.participant)
        if key in first:
            out.append((t.path, first[key]))
        else:
            first[key] = t.path
    return sorted(out)


def describe(pairs: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{copy} (= {first})" for copy, first in pairs)


def other_version(store: Store, transcript: Transcript, participant: str, path: str) -> str | None:
    """A warning when most of a new transcript's participant turns stand word for word in
    another stored transcript of the same participant: another version of one interview (a
    typo fixed in a copy) counts as an interview of its own."""
    said = {t.text for t in transcript.turns if t.role == "participant" and t.text.strip()}
    if not said:
        return None
    best, shared = None, 0
    for other, texts in sorted(store.turn_texts_of(participant, path).items()):
        n = len(said & texts)
        if n > shared:
            best, shared = other, n
    if best is None or shared * 2 < len(said):
        return None
    return (
        f"{shared} of its {len(said)} participant turns stand word for word in {best}, another "
        f"transcript of {participant}: another version of the same interview? Both count as "
        "interviews (lernet remove FILE takes one out)"
    )


def _who(name: object) -> str:
    return " ".join(str(name).split()).casefold()


def hand_marks_apart(
    store: Store,
    stored_id: int,
    transcript: Transcript,
    codings: Sequence[Coding],
    memos: Sequence[Memo],
) -> tuple[list[tuple[str, str]], int]:
    """The comments and inline tags of a file skipped as a copy of stored transcript
    `stored_id` that the stored one does not hold: (source, author) of each, once per comment
    however many codes it names; and how many the stored one holds that the file does not.
    A comment is the same when its kind, author, text and marked words are."""

    def marked(segment: int | None, start: int, end: int) -> str:
        if segment is None or not 0 < segment <= len(transcript.turns):
            return ""
        return transcript.turns[segment - 1].text[start:end]

    mine: dict[tuple[str, str, str | None, str], str] = {}
    for c in codings:
        if c.source in ("comment", "tag"):
            key = (c.source, _who(c.coder), c.annotation, marked(c.segment, c.start, c.end))
            mine.setdefault(key, c.coder)
    for m in memos:
        if m.source in ("comment", "tag"):
            mine.setdefault(
                (m.source, _who(m.author), m.text, marked(m.segment, m.start, m.end)), m.author
            )
    stored_codings, stored_memos = store.hand_marks(stored_id)
    theirs = {
        (str(source), _who(coder), None if text is None else str(text), str(words))
        for source, coder, text, words, *_ in stored_codings
    }
    theirs |= {
        (str(source), _who(author), str(text), str(words))
        for source, author, text, words, *_ in stored_memos
    }
    # A coding stored before lernet kept its comment's text matches on the rest.
    loose = {(s, who, words) for s, who, text, words in theirs if text is None}
    extra = [
        (key[0], author)
        for key, author in mine.items()
        if key not in theirs and (key[0], key[1], key[3]) not in loose
    ]
    mine_loose = {(s, who, words) for s, who, _, words in mine}
    missing = sum(
        1
        for key in theirs
        if key not in mine and (key[2] is not None or (key[0], key[1], key[3]) not in mine_loose)
    )
    return extra, missing
