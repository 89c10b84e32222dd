"""Taking transcripts out of a project: a participant who withdraws consent, a file coded by
mistake, an interview whose file was deleted.

The transcript goes with everything that hangs on it (turns, codings of every coder, reviews,
memos, rejected candidates). The store is backed up first, so a removal can be undone with
`lernet restore`; the transcript's own file is never touched.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..codebook.yamlio import forget_parsed
from ..errors import LernetError, ProjectError, UsageError
from ..language.formcache import forget_forms
from ..project.ownfiles import backups_folder
from ..project.participants import Participants, load_participants
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
    speakers = store.turn_speakers() if participants else {}
    for pid in participants:
        spoken = []
        for t in stored:
            people = {t.participant, *speakers.get(t.id, {}).values()}
            if pid in people and people - {pid}:
                spoken.append(t)
        if spoken:
            raise UsageError(_in_a_group(pid, [t.path for t in spoken]))
        theirs = [t for t in stored if t.participant == pid]
        if not theirs:
            raise UsageError(f"no transcript of participant {pid!r} in this project")
        chosen.update((t.id, t) for t in theirs)
    return sorted(chosen.values(), key=lambda t: t.path)


def _in_a_group(pid: str, paths: list[str]) -> str:
    """Why `--participant` removes nothing: a group interview holds the words of the others in
    it too, and removed whole it would take them out with the one who withdrew."""
    return (
        f"participant {pid!r} speaks in a group interview with others ({', '.join(paths)}), "
        "and removing it would take their words out too: delete this participant's turns "
        "from the file and run lernet code again, or take the whole file out with "
        "lernet remove FILE; nothing was removed"
    )


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
    and the parsed participants file kept in the project's `cache` folder (their words and
    names are among them), and the files left out as no interview (a consent form's name may be
    theirs).

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
    forget_parsed(cache)
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


@dataclass
class PeopleBackup:
    """A backup of the participants file (project/ownfiles.py `keep_backup`) that lists a
    withdrawn participant."""

    path: Path
    people: list[str]
    """The withdrawn participants it lists (their ids)."""


def people_backups(
    root: Path,
    withdrawn: Collection[str],
    participants: Participants | None,
    codebook: Path | None = None,
) -> list[PeopleBackup]:
    """The backups in the project's `.lernet/backups/` of the researcher's participants file
    that list one of the `withdrawn` participants: by their id, or by one of their names (those
    the `participants` file or any such backup gives under their id; written anywhere in it, as
    under `redact:`). Organisations are not looked for: colleagues share them. The store's
    backups (`*.db`) and the codebook's (`codebook-...`: no participant data) are not looked at."""
    folder = backups_folder(root)
    if not withdrawn or not folder.is_dir():
        return []
    skip = f"{codebook.stem}-" if codebook is not None else None
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.is_symlink()
        and p.suffix.lower() != ".db"
        and not (skip and p.name.startswith(skip))
    )
    parsed = {p: _parsed(p) for p in files}
    names: dict[str, set[str]] = {pid: set() for pid in withdrawn}
    for source in [participants, *parsed.values()]:
        for pid in withdrawn:
            person = source.people.get(pid) if source is not None else None
            if person is not None:
                names[pid] |= {n.casefold() for n in person.names if n.strip()}
    listed: dict[Path, set[str]] = {}
    for path, people in parsed.items():
        found = {pid for pid in withdrawn if people is not None and pid in people.people}
        text = _text(path).casefold()
        found |= {pid for pid, theirs in names.items() if any(_says(text, n) for n in theirs)}
        if found:
            listed[path] = found
    return [PeopleBackup(path, sorted(found)) for path, found in listed.items()]


def delete_people_backup(backup: PeopleBackup) -> None:
    """Delete it: a backup is a byte-for-byte safety copy of the researcher's file as it was
    before lernet added people, and one rewritten without the person would no longer be that;
    the participants file itself still lists everyone else."""
    try:
        backup.path.unlink(missing_ok=True)
    except OSError as exc:
        raise ProjectError(
            f"cannot delete the backup: {exc.strerror or exc}", backup.path
        ) from None


def _parsed(path: Path) -> Participants | None:
    try:
        return load_participants(path)
    except (LernetError, OSError, ValueError):
        return None


def _says(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _text(path: Path) -> str:
    """The file's text as Excel or an editor saves a participants file: UTF-16 with its byte
    order mark, UTF-8, else Windows-1252."""
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


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
