"""`lernet code` and the participants: a participants file named among the transcripts, and the
notes on whose interviews the files are (--group against a row, shared names, group
interviews, files two rows claim)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..language.plural import counted
from .common import _err


def _named_participants(project: Any, store: Any, named: list[Path]) -> Path | None:
    """A participants file named among the transcripts: used unless lernet.yaml names another."""
    chosen: Path | None = None
    configured = project.participants_path
    for path in named:
        if configured is not None and path.resolve() != configured.resolve():
            _err(
                f"lernet: note: skipped {path}: a participants file; this project's is "
                f"{project.relative(configured)} (participants: in lernet.yaml)"
            )
        elif chosen is not None:
            _err(f"lernet: note: skipped {path}: a second participants file; using {chosen}")
        else:
            chosen = path
            _err(f"lernet: note: {path}: read as the participants file, not a transcript")
    if chosen is not None and configured is None:
        store.set_meta("participants_path", project.relative(chosen))
    return chosen


def _speakers(participants: Any, store: Any) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The participants file's claims on stored transcripts (`_claimed_twice`) and the table's
    cells for group interviews (`_group_interview_cells`), from one reading of the store."""
    from ..coding.speakers import speaking_participants

    stored = store.transcripts()
    speaking = speaking_participants(store, stored)
    return (
        _claimed_twice(participants, stored, speaking),
        _group_interview_cells(participants, store, stored, speaking),
    )


def _group_interview_cells(
    participants: Any, store: Any, stored: list[Any], speaking: dict[int, set[str]]
) -> dict[str, tuple[str, str]]:
    """Stored path -> (participant, group) cells of the table for each group interview: "6
    participants", and their group, or how many groups."""
    from ..coding.speakers import group_interviews

    groups_of = {t.participant: t.group_name for t in stored}
    out = {}
    for path, ids in group_interviews(store, stored, speaking).items():
        groups = set()
        for pid in ids:
            listed = participants.people.get(pid)
            group = (listed.group if listed else None) or groups_of.get(pid)
            if group:
                groups.add(group)
        cell = next(iter(groups)) if len(groups) == 1 else f"{len(groups)} groups" if groups else ""
        out[path] = (f"{len(ids)} participants", cell)
    return out


def _claimed_twice(
    participants: Any, stored: list[Any], speaking: dict[int, set[str]]
) -> list[str]:
    """The stored transcripts two rows of the participants file claim, one line each (not a
    group interview in which each of them speaks)."""
    return participants.claim_conflicts(
        [Path(t.path) for t in stored],
        [t.path for t in stored],
        [t.participant for t in stored],
        [speaking.get(t.id, set()) for t in stored],
    )


def _note_shared_names(participants: Any) -> None:
    """Once a run: rows of the participants file that share a name count as several people."""
    note = participants.shared_names_note()
    if note:
        _err(f"lernet: note: {note}")
    for line in [*participants.notes, *participants.merged]:
        _err(f"lernet: note: {line}")
    if participants.variable_names:
        names = participants.variable_names
        where = Path(participants.path).name if participants.path else "the participants file"
        _err(
            f"lernet: note: {where}: participant {'variable' if len(names) == 1 else 'variables'} "
            f"read: {', '.join(names)} "
            f"(lernet tally --by {names[0]} counts interviewees per value)"
        )


def _note_group_over_row(group: str, participants: Any, results: list[Any]) -> None:
    """`--group` given to files of listed participants whose row names another group (one
    interview of someone whose role changed, or a whole folder by mistake): one line naming
    them, as the group stays those interviews' at every later `lernet code`."""
    given = participants.canonical_group(group.strip())
    other = []
    for r in results:
        entry = participants.people.get(r.participant)
        if r.status in ("error", "duplicate", "withdrawn") or entry is None or not entry.group:
            continue
        if participants.canonical_group(entry.group) != given:
            other.append(f"{r.path} ({r.participant}: {entry.group})")
    if other:
        shown = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3 else "")
        where = Path(participants.path).name if participants.path else "the participants file"
        _err(
            f"lernet: note: --group {group!r} is kept for {counted(len(other), 'interview')} whose "
            f"participant {where} puts in another group: {shown}; they count in {group!r} for "
            "these interviews at every later lernet code too, until their row's group is edited "
            "(or code them with --group again)"
        )


def _note_new_group(group: str, participants: Any, store: Any) -> None:
    """A `--group` that names no group there is yet but is spelled close to one ("adviseer"
    beside "adviseur") is likely mistyped: a note with the one it may mean (a new group is
    allowed, so it is coded as given)."""
    from .columns import did_you_mean

    known = {p.group for p in participants.people.values() if p.group} | set(participants.groups)
    known |= {g for g in store.people().values() if g}
    if group.strip().casefold() in {g.casefold() for g in known}:
        return
    hint = did_you_mean(group, known)
    if hint:
        _err(f"lernet: note: --group {group!r} is a new group{hint}")
