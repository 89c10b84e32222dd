"""The one-line notes the analysis commands write on stderr about what their counts take
together: several coders, pending codings, waves, regrouped people, merged spellings, groups
nobody of was interviewed, an empty project."""

from __future__ import annotations

from typing import Any

from ..language.plural import counted
from .common import _err


def _say_not_interviewed(
    rows: Any, participants: Any, by: str, lang: str, folders: Any, redactor: Any, files: bool
) -> None:
    """One line naming the groups (or values) the participants file lists that are no column,
    nobody of them being interviewed (in the transcripts `--file` keeps, with `files`), as
    `lernet matrix` says under its table."""
    from ..analysis.people import not_interviewed

    missing = not_interviewed(rows, participants, by, lang, folders, redactor)
    if missing:
        kind = "from that group" if by == "group" else "with that value"
        if len(missing) > 1:
            kind = "from those groups" if by == "group" else "with those values"
        where = "in the transcripts --file keeps" if files else "interviewed"
        _err(f"lernet: note: no column for {', '.join(missing)}: nobody {kind} {where}")


def _say_coders(store: Any, coder: list[str] | None, scope: Any = None) -> None:
    """One line when two or more people coded the same transcripts (among those `--file`
    keeps) and no --coder chose: the counts include every coder's codings, so where they
    differ both count."""
    if coder:
        return
    from ..analysis.coders import person_pairs

    pairs = person_pairs(store, scope.ids if scope is not None else None)
    if not pairs:
        return
    people = sorted({p for pair in pairs for p in pair})
    who = ", ".join(people[:-1]) + f" and {people[-1]}"
    _err(
        f"lernet: note: {who} coded the same transcripts: the counts include every coder's "
        "codings (the rules' too), so a code one of them gave where the other did not counts; "
        f'--coder "{people[0]}" counts one coder\'s only (repeatable: --coder auto adds the '
        "rules'), and lernet review --coder PERSON --against OTHER settles their differences"
    )


def _say_pending_beside(
    store: Any, rows: Any, codebook: Any, lang: str, coder: Any, reviewed: bool
) -> None:
    """One line when the counts mix a person's codings with the rules' pending ones in the
    transcripts they coded (a reference coding counted with what nobody reviewed), unless
    --coder or --reviewed chose."""
    if coder or reviewed:
        return
    from ..analysis.coders import pending_beside_people

    def label(code: str) -> str:
        found = codebook.codes.get(code)
        return str(found.label(lang)) if found is not None else code

    line = pending_beside_people(rows, store, label)
    if line is not None:
        _err(f"lernet: note: {line}")


def _say_waves(store: Any, by: str | None, scope: Any, lang: str) -> None:
    """One line when the counts merge waves: without --by, in a project where people's
    interviews lie in different folders, which folders and how to see them side by side."""
    if by is not None:
        return
    from ..analysis.people import folder_names, folder_order

    held = store.interviews_of()
    names = folder_names([path for h in held.values() for _, path in h], lang)
    wanted = scope.ids if scope is not None else None
    both = 0
    shown: set[str] = set()
    for interviews in held.values():
        folders = {names[p] for tid, p in interviews if wanted is None or tid in wanted}
        shown |= folders
        both += len(folders) > 1
    if both:
        listed = ", ".join(folder_order(shown, lang))
        _err(
            f"lernet: note: the counts take the interviews in {listed} together "
            f"({counted(both, 'participant')} in more than one, counted once); --by folder puts "
            "them side by side"
        )


def _say_regrouped(store: Any, participants: Any, scope: Any) -> None:
    """One line when a participant's interviews were coded in different groups (their role
    changed between waves, `lernet code FILE --group`): they count in each of those groups."""
    from ..project.participants import UNGROUPED

    known = store.groups_of(scope.ids if scope is not None else None)
    several: list[str] = []
    for pid, groups in known.items():
        entry = participants.people.get(pid)
        named = {
            participants.canonical_group(g or (entry.group if entry else None) or UNGROUPED)
            for g in groups
        }
        if len(named) > 1:
            several.append(f"{pid} ({', '.join(participants.group_order(sorted(named)))})")
    if several:
        shown = ", ".join(several[:3]) + (
            f" and {len(several) - 3} more" if len(several) > 3 else ""
        )
        _err(
            f"lernet: note: {counted(len(several), 'participant')} "
            f"{'was' if len(several) == 1 else 'were'} interviewed in more than one group, "
            f"each coding counting in the group of its interview: {shown}; they count once in "
            "each of those groups and once in the total"
        )


def _say_no_groups(store: Any, participants: Any) -> None:
    """One line where a count by group has only 'ungrouped' because the participants file
    gives nobody a group (`Participants.no_groups_note`)."""
    note = participants.no_groups_note(g for gs in store.groups_of().values() for g in gs)
    if note:
        _err(f"lernet: note: {note}")


def _say_merged(participants: Any) -> None:
    """The notes on groups and variable values written in several ways, counted as one, and
    which sheet of a workbook was read."""
    for line in [*participants.notes, *participants.merged]:
        _err(f"lernet: note: {line}")


def _say_if_empty(store: Any, project: Any) -> None:
    """Counts of a project without interviews are all 0: say why (a project made by mistake in
    a subfolder of the real one finds none)."""
    if not store.transcripts():
        _err(
            f"lernet: warning: the project in {project.root} holds no interviews yet: every count "
            "is 0 (lernet code FILES codes them)"
        )
