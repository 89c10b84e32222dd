"""A file that says what a stored transcript says is that interview again, not another one.

`lernet code` compares what files say (their turns' speakers and texts), not their bytes: a copy
in another folder, the same interview saved again by Word, or a copy with other comments or tags
is the same interview. One whose stored file is gone was moved (its record, with its reviews, goes
along); one of the same participant whose stored file is still there is skipped with a note naming
both, so that an interview is never counted twice. The same text under another participant is
coded, with a warning: lernet cannot tell whose interview it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar

from ..model import Transcript
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


def originals_first(pending: list[tuple[int, T]]) -> list[tuple[int, T]]:
    """The files to code in their order, but of files with the same bytes the shortest name
    first: "Interview 3.docx" is the interview, "Interview 3 - kopie.docx" and "Copy of
    Interview 3.docx" its copies, skipped when it is coded."""
    first: dict[str, int] = {}
    for n, (_, item) in enumerate(pending):
        first.setdefault(item.sha, n)
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
