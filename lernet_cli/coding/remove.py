"""Taking transcripts out of a project: a participant who withdraws consent, a file coded by
mistake, an interview whose file was deleted.

The transcript goes with everything that hangs on it (turns, codings of every coder, reviews,
memos, rejected candidates). The store is backed up first, so a removal can be undone with
`lernet restore`; the transcript's own file is never touched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..language.formcache import forget_forms
from ..project.participants import Participants
from ..project.project import Project
from ..store.backup import backup_store, default_backup_path
from ..store.store import Store, StoredTranscript
from ..store.withdrawn import compact, forget_guids, keep_withdrawn_names, remember_withdrawals
from .header_names import HEADER_MARK, ORGANISATION_MARK
from .left_out import forget_left_out
from .refused import forget_refused


@dataclass
class Removed:
    transcripts: list[StoredTranscript]
    codings: int
    memos: int
    backup: Path | None
    names: int = 0
    """How many names (people's, organisations') of theirs stay hidden in every output."""


def find_stored(
    project: Project, store: Store, files: list[Path], participants: list[str]
) -> list[StoredTranscript]:
    """The stored transcripts named by file (as given, or as the store has it) or participant;
    a name that matches nothing is an error, before anything changes."""
    stored = store.transcripts()
    by_path = {t.path: t for t in stored}
    chosen: dict[int, StoredTranscript] = {}
    for file in files:
        found = by_path.get(project.relative(file)) or by_path.get(file.as_posix())
        if found is None:
            raise UsageError("not a transcript of this project (lernet codings lists them)", file)
        chosen[found.id] = found
    for pid in participants:
        theirs = [t for t in stored if t.participant == pid]
        if not theirs:
            raise UsageError(f"no transcript of participant {pid!r} in this project")
        chosen.update((t.id, t) for t in theirs)
    return sorted(chosen.values(), key=lambda t: t.path)


def remove_transcripts(
    store: Store,
    transcripts: list[StoredTranscript],
    cache: Path | None = None,
    backup: bool = True,
    participants: Participants | None = None,
    withdraw: frozenset[str] = frozenset(),
) -> Removed:
    """Back the store up (unless not `backup`), then delete the transcripts in one transaction,
    rebuild the store's file so that no free page keeps their text, and delete the words' forms
    kept in the project's `cache` folder (their words are among them) and the files left out as
    no interview (a consent form's name may be theirs).

    The names they hid stay hidden: their participants' names and organisations in the
    `participants` file, and the speaker and header names read from them, are kept in the store
    (withdrawn.py), so deleting a participant's row later does not show their name in the
    interviews of others.

    `withdraw`: participants who withdraw (`remove --participant`): the store remembers each
    of their transcripts as withdrawn (store/withdrawn.py `Withdrawal`: digests and a salted
    fingerprint, never its text), so that no merge or import brings it back."""
    made = backup_store(store, default_backup_path(store.path)) if backup else None
    ids = [t.id for t in transcripts]
    marks = ",".join("?" * len(ids))
    names = _names_of(store, ids, {t.participant for t in transcripts}, participants)
    with store.transaction() as conn:
        if withdraw:
            remember_withdrawals(store, [t.id for t in transcripts if t.participant in withdraw])
        codings = conn.execute(
            f"SELECT COUNT(*) FROM codings WHERE transcript_id IN ({marks})", ids
        ).fetchone()[0]
        memos = conn.execute(
            f"SELECT COUNT(*) FROM memos WHERE transcript_id IN ({marks})", ids
        ).fetchone()[0]
        conn.execute(f"DELETE FROM transcripts WHERE id IN ({marks})", ids)
        forget_guids(conn, [t.path for t in transcripts], {t.participant for t in transcripts})
    compact(store)
    forget_forms(cache)
    forget_refused(cache, [t.path for t in transcripts])
    forget_left_out(cache)
    return Removed(transcripts, int(codings), int(memos), made, names)


def _names_of(
    store: Store, ids: list[int], people: set[str], participants: Participants | None
) -> int:
    """Keep the names the transcripts hide; how many there are."""
    marks = ",".join("?" * len(ids))
    spoken: list[str] = []
    for (value,) in store.conn.execute(f"SELECT names FROM transcripts WHERE id IN ({marks})", ids):
        spoken += json.loads(value or "[]")
    people |= {
        str(r[0])
        for r in store.conn.execute(
            f"SELECT DISTINCT participant FROM segments WHERE transcript_id IN ({marks}) "
            "AND participant IS NOT NULL",
            ids,
        )
    }
    listed = [
        participants.people[p] for p in sorted(people) if participants and p in participants.people
    ]
    names = [n for p in listed for n in p.names]
    organisations = [o for p in listed for o in p.organisations]
    keep_withdrawn_names(store, names, organisations, spoken)
    plain = {n.removeprefix(ORGANISATION_MARK).removeprefix(HEADER_MARK) for n in spoken}
    return len({n.casefold() for n in [*names, *organisations, *plain]})


def missing_files(project: Project, store: Store) -> list[str]:
    """Stored transcripts that were read from a file that is no longer there (imported ones
    never had a file of their own): they are still counted."""
    return [
        t.path
        for t in store.transcripts()
        if t.codebook_digest is not None and not (project.root / t.path).exists()
    ]


WALK_LIMIT = 20_000
"""Folders and files looked at for where gone transcripts went: a study, not a whole disk."""


def moved_to(root: Path, gone: list[str], stored: Collection[str] = ()) -> dict[str, str]:
    """Folder of gone transcripts -> the folder that now holds most of their file names (at
    least half): a renamed or moved folder, which `lernet code NEW` takes as moved with the
    reviews. `lernet remove` would lose those, so the note about gone files names it. A file
    that is itself a `stored` transcript (path in the project) is another interview, not where
    a gone one went: `golf2/P03.txt` of wave 2 beside a gone `golf1/P03.txt`."""
    wanted: dict[str, str] = {}
    for path in gone:
        folder, _, name = path.rpartition("/")
        wanted.setdefault(name, folder)
    found: dict[str, dict[str, int]] = {}
    seen = 0
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        seen += len(dirs) + len(files)
        if seen > WALK_LIMIT:
            break
        rel = Path(here).relative_to(root).as_posix()
        folder = "" if rel == "." else rel
        for name in files:
            old = wanted.get(name)
            if old is not None and old != folder and f"{folder}/{name}".lstrip("/") not in stored:
                holders = found.setdefault(old, {})
                holders[folder] = holders.get(folder, 0) + 1
    per_folder: dict[str, int] = {}
    for path in gone:
        old = path.rpartition("/")[0]
        per_folder[old] = per_folder.get(old, 0) + 1
    moved = {}
    for old, holders in found.items():
        new, count = max(holders.items(), key=lambda item: (item[1], item[0]))
        if 2 * count >= per_folder.get(old, 0):
            moved[old] = new
    return moved
