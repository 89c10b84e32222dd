"""What `lernet code` says when it is done: the table of files, the warnings and notes on them,
and the run's counts."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import printable
from ..language.plural import counted
from .common import _err


@dataclass
class AfterCoding:
    """What the summary of a run (coding files, or re-coding the stored ones) reads of the store
    before it is closed."""

    gone: list[str]
    lost: list[Any]
    copies: Sequence[tuple[str, str]]
    state: Any
    claimed: Sequence[str]
    together: dict[str, tuple[str, str]]
    stored: list[str]
    grouped: bool
    no_groups: str | None


def read_after_coding(
    store: Any, project: Any, codebook: Any, participants: Any, results: list[Any]
) -> AfterCoding:
    """Read what the summary shows, and note the codebook that coded (if it coded anything)."""
    from ..coding.copies import stored_copies
    from ..coding.imported import imported_state
    from ..coding.orphans import note_codebook, orphans
    from ..coding.remove import missing_files
    from .code_participants import _speakers

    gone = missing_files(project, store)
    if any(r.status != "error" for r in results):  # the codebook coded something
        note_codebook(store, codebook)
    lost = orphans(store, codebook)
    claimed, together = _speakers(participants, store)
    # anyone with a group: the participants file's, or one stored with a transcript; where the
    # file lists people but nobody has one, the note saying how to give them one
    groups = [g for gs in store.groups_of().values() for g in gs]
    return AfterCoding(
        gone,
        lost,
        stored_copies(store),
        imported_state(store, codebook),
        claimed,
        together,
        [t.path for t in store.transcripts()],
        participants.anyone_grouped(groups),
        participants.no_groups_note(groups),
    )


def print_after_coding(
    results: list[Any],
    participants: Any,
    project: Any,
    after: AfterCoding,
    no_interviews: tuple[Sequence[Any], set[str]] = ((), set()),
) -> None:
    """The table and notes of `_print_code_summary`, then the note that nobody has a group."""
    _print_code_summary(
        results,
        participants.path,
        project,
        after.gone,
        after.lost,
        after.copies,
        after.claimed,
        after.together,
        after.stored,
        no_interviews,
        has_groups=after.grouped,
    )
    if after.no_groups is not None:
        _err(f"lernet: note: {after.no_groups}")


def _tagged_by(store: Any, results: list[Any], name: str) -> list[str]:
    """The files read in this run whose inline tags are stored under `name`."""
    out = []
    for r in results:
        if r.status in ("unchanged", "error", "duplicate", "withdrawn"):
            continue
        stored = store.transcript_by_path(r.path)
        if stored is not None and store.tag_coder(stored.id) == name:
            out.append(r.path)
    return out


def _count_unchanged(store: Any, results: list[Any]) -> None:
    """The stored counts of the files that are as they were, for the table (a blank row reads
    as "nothing coded")."""
    ids = {}
    for r in results:
        if r.status == "unchanged":
            stored = store.transcript_by_path(r.path)
            if stored is not None:
                ids[stored.id] = r
    for tid, (turns, coded, codings, manual) in store.file_coding_counts(ids).items():
        r = ids[tid]
        r.segments, r.coded_segments, r.codings, r.manual = turns, coded, codings, manual
        r.counted_before = True


def _print_imported(followed: Any, state: Any, coded: list[str], files_named: bool) -> None:
    """What `lernet code` did to the transcripts imported from another tool, once: their roles
    after an interviewer_labels change, and whether the codebook's rules code them."""
    for change in followed.changes:
        parts = []
        if change.to_interviewer:
            parts.append(f"{counted(len(change.to_interviewer), 'turn')} now the interviewer's")
        if change.to_participant:
            parts.append(f"{counted(len(change.to_participant), 'turn')} now a participant's")
        if change.memos_made:
            parts.append(f"{counted(change.memos_made, 'imported coding')} on them kept as memos")
        if change.codings_made:
            parts.append(f"{counted(change.codings_made, 'imported coding')} counted again")
        _err(
            f"lernet: note: {change.path}: speaker roles follow interviewer_labels in "
            f"lernet.yaml: {', '.join(parts)}"
        )
    for path, warning in followed.warnings:
        _err(f"lernet: warning: {path}: {warning}")
    if not state.total:
        return
    if not state.has_rules:
        _err(
            "lernet: note: the codebook has no match rules, so the "
            f"{counted(state.total, 'imported transcript')} "
            f"{'keeps only its' if state.total == 1 else 'keep only their'} "
            f"{counted(state.codings, 'imported coding')} (add match: rules to code "
            f"{'it' if state.total == 1 else 'them'}; see docs/codebook-format.md)"
        )
    elif coded:
        _err(
            "lernet: note: applied the codebook's rules to "
            f"{counted(len(coded), 'imported transcript')} "
            f"as to the others; their imported codings ({state.codings}) are kept as they were "
            "(the report tables them apart)"
        )
    elif files_named and state.uncoded:
        _err(
            f"lernet: note: {counted(len(state.uncoded), 'imported transcript')} "
            f"{'is' if len(state.uncoded) == 1 else 'are'} not coded by these "
            "rules yet: `lernet code` without files codes them too, keeping their imported "
            "codings as they are"
        )


SHOWN_FILES = 3
"""Files named in a note about several; the rest are counted ("and 4 more")."""


def _some(paths: list[str]) -> str:
    """The first few files' names, and how many more there are."""
    shown = ", ".join(Path(p).name for p in paths[:SHOWN_FILES])
    more = len(paths) - SHOWN_FILES
    return f"{shown} and {more} more" if more > 0 else shown


def _quoted(path: str) -> str:
    """A path as typed in a shell: quoted when it has a space."""
    return f'"{path}"' if " " in path else path


def _unkept_marks_warning(r: Any) -> str:
    """A skipped copy's comments and tags that the coded file does not hold: hand coding that
    is not counted, said with what to do so that it is never dropped unseen."""
    parts = []
    for source, kind in (("comment", "comment"), ("tag", "inline tag")):
        authors = [a for s, a in r.unkept_marks if s == source]
        if authors:
            by = ", ".join(sorted(set(authors), key=str.casefold))
            parts.append(f"{len(authors)} {kind}{'' if len(authors) == 1 else 's'} (by {by})")
    if r.version_share is not None:
        instead = f"lernet remove {_quoted(r.same_as)}, then lernet code {_quoted(r.path)}"
    else:
        instead = (
            f"move {r.same_as} out of the project folder, then lernet code again (it keeps its "
            "reviews)"
        )
    lost = (
        f"; {r.same_as} holds "
        f"{counted(r.marks_only_there, 'comment or tag', 'comments or tags')} this file does not, "
        "which that way are no longer counted"
        if r.marks_only_there
        else ""
    )
    return (
        f"lernet: warning: {r.path} holds {' and '.join(parts)} that {r.same_as} does not: "
        f"they are not counted. Copy them into {r.same_as} and run lernet code again, or code "
        f"this file in its place: {instead}{lost}"
    )


def _note_no_interviews(
    results: Sequence[Any], left_out: Sequence[Any], in_folders: set[str]
) -> None:
    """A line per file that looks like no interview (readers/kind.py): left out of a folder,
    with how to code it anyway; or coded, because it was named or is stored from before, with
    how to take it out. Files left out as an earlier run left them out, unchanged since
    (coding/left_out.py), get one line together: their lines were said then. Then how many were
    left out, where the run's counts are."""
    again = [r.path for r in left_out if getattr(r, "as_before", False)]
    for r in left_out:
        if r.path in again:
            continue
        _err(
            f"lernet: note: left out {r.path}: it looks like {r.no_interview}, not an interview; "
            f"to code it anyway, name it: lernet code {_quoted(r.path)}"
        )
    if again:
        _err(
            f"lernet: note: {counted(len(again), 'file')} left out as no interview, as before: "
            f"{_some(again)} (unchanged since an earlier lernet code said why; to code one "
            "anyway, name it: lernet code FILE)"
        )
    for r in results:
        if r.no_interview is None or r.status not in ("new", "updated", "moved"):
            continue
        why = (
            "it is stored as one from an earlier lernet code"
            if r.path in in_folders
            else "you named it"
        )
        _err(
            f"lernet: note: {r.path} looks like {r.no_interview}, not an interview; coded as an "
            f"interview of {r.participant} because {why} (lernet remove {_quoted(r.path)} takes "
            "it out)"
        )


def _print_code_summary(
    results: list[Any],
    participants_path: str | None,
    project: Any,
    gone: list[str],
    lost: list[Any],
    copies: Sequence[tuple[str, str]] = (),
    claimed: Sequence[str] = (),
    together: dict[str, tuple[str, str]] | None = None,
    stored: Sequence[str] = (),
    no_interviews: tuple[Sequence[Any], set[str]] = ((), set()),
    has_groups: bool = True,
) -> None:
    """The table of files coded and the notes on them, then the run's counts. `no_interviews`:
    the files left out as no interview, and those found in a folder (`_note_no_interviews`).
    `has_groups`: False where nobody in the study has a group: the table then has no group column
    (it would be empty in every row)."""
    from ..coding.orphans import removed_hint
    from ..output.render import print_table
    from ..project.participants import participants_hint

    rows = []
    shown = _shown_names(results, stored)
    for r in results:
        in_counts = r.status not in ("error", "duplicate", "withdrawn") and (
            r.status != "unchanged" or getattr(r, "counted_before", False)
        )
        who = (
            (together or {}).get(r.path)
            if r.status not in ("error", "duplicate", "withdrawn")
            else None
        )
        rows.append(
            [
                shown[r.path],
                who[0] if who else r.participant or "",
                who[1] if who else r.group or "",
                r.status,
                *(
                    [r.segments, r.coded_segments, r.codings, r.manual]
                    if in_counts
                    else ["", "", "", ""]
                ),
            ]
        )
    header = [
        "file",
        "participant",
        "group",
        "status",
        "participant turns",
        "turns with a code",
        "codings",
        "by hand",
    ]
    if not has_groups and not any(row[2] for row in rows):
        header.pop(2)
        rows = [[*row[:2], *row[3:]] for row in rows]
    print_table(header, rows, numeric_from=len(header) - 4)
    from ..coding.warning_kinds import group_warnings

    grouped, singles = group_warnings([(r.path, w) for r in results for w in r.warnings])
    for line in grouped:
        _err(f"lernet: warning: {line}")
    own: dict[str, list[str]] = {}
    for path, w in singles:
        own.setdefault(path, []).append(w)
    for r in results:
        if r.error:
            _err(f"lernet: error: {r.error}")
        for w in own.pop(r.path, []):
            _err(f"lernet: warning: {r.path}: {w}")
        for v in r.vanished:
            _err(
                f"lernet: warning: {r.path}: a reviewed or hand-made coding is no longer in the "
                f"transcript, kept apart (lernet codings --status vanished): {v}"
            )
    for r in results:
        if r.withdrawn:
            _err(
                f"lernet: note: skipped {r.path}: it is the interview of {r.participant}, who "
                f"withdrew (lernet remove --participant, {r.withdrawn}): not coded again; move "
                "the file out of the folders you code"
            )
    same = [r for r in results if r.same_as]
    for r in same:
        if r.version_share is not None:
            _err(
                f"lernet: warning: skipped {r.path}: a version of {r.same_as} in the same folder, "
                f"which is coded already ({r.version_share:.0%} of the word 3-grams its "
                "participants say, fillers and repeated words aside, stand in both; an interview "
                "counts once, and what only this file says is not counted); to code this one "
                f"instead: lernet remove {_quoted(r.same_as)}, then lernet code {_quoted(r.path)}; "
                "if it is another interview, put it in a folder of its own (a folder per wave)"
            )
        else:
            _err(
                f"lernet: warning: skipped {r.path}: it says what {r.same_as} says, which is "
                "coded already (an interview counts once)"
            )
        if r.unkept_marks:
            _err(_unkept_marks_warning(r))
    if any(r.version_share is None for r in same):
        _err(
            "lernet: note: to code such a file in place of the stored one, move the stored file "
            "away and code this one again: lernet takes it as moved, with its reviews; to count "
            "it as another participant's interview, name them (--participant ID, or the file in "
            "the participants file)"
        )
    if copies:
        from ..coding.copies import describe

        _err(
            f"lernet: warning: {counted(len(copies), 'stored transcript')} "
            + (
                "says what another says and is counted as an interview of its own: "
                if len(copies) == 1
                else "say what another says and are counted as interviews of their own: "
            )
            + f"{describe(copies[:5])}"
            f"{' …' if len(copies) > 5 else ''} (lernet remove FILE takes a copy out)"
        )
    kept = sorted({r.kept_coder for r in results if r.kept_coder})
    if kept:
        n = sum(1 for r in results if r.kept_coder)
        _err(
            f"lernet: note: {counted(n, 'file')} {'keeps' if n == 1 else 'keep'} the coder their "
            "tags were stored under "
            f"({', '.join(kept)}): --coder names who made the tags of files not coded before"
        )
    memos = sum(r.memos for r in results)
    if memos:
        _err(
            f"lernet: note: {counted(memos, 'comment or tag', 'comments or tags')} kept as "
            f"{'a memo' if memos == 1 else 'memos'}, not counted (lernet memos)"
        )
    for r in results:
        if r.participant_source == "kept":
            where = Path(participants_path or "participants.yaml").name
            was = f"it had as {r.moved_from}" if r.moved_from else "it is stored with"
            _err(
                f"lernet: note: {r.path}: not named in {where}, so it keeps participant "
                f"{r.participant}{f' ({r.group})' if r.group else ''} {was} (to make that "
                f"permanent, add {Path(r.path).name!r} to {r.participant}'s files in {where}; "
                "if it is someone else's interview, give it a row of its own)"
            )
    for line in claimed:
        _err(f"lernet: warning: {line}")
    named = [r for r in results if r.participant_source == "file name"]
    if participants_path is None:
        # a study kept without one on purpose heard this note at every run
        named = [r for r in named if _named_by_this_run(r)]
    by_name = [r.path for r in named]
    if by_name:
        # --group (or front matter) may have given the group: "no group" only where none was
        ungrouped = sum(1 for r in named if not r.group)
        what = "participant = file name" + (
            ", no group"
            if ungrouped == len(named)
            else f", {ungrouped} of them in no group"
            if ungrouped
            else ""
        )
        if participants_path is None:
            _err(
                f"lernet: note: no participants file, so {counted(len(by_name), 'file')} "
                f"{'has' if len(by_name) == 1 else 'have'} "
                f"{what}; {participants_hint(project, by_name)}"
            )
        else:
            _err(
                f"lernet: note: {counted(len(by_name), 'file')} not in "
                f"{Path(participants_path).name} ({_some(by_name)}): {what} "
                f"(add {'it' if len(by_name) == 1 else 'them'} there)"
            )
    for orphan in lost:
        if orphan.replaced:
            _err(
                "lernet: warning: stored under a code of the codebook this one replaced "
                f"({orphan.replaced}), not counted: {orphan.describe()}; to count it under a code "
                f"of this codebook: lernet codebook renamed {orphan.code} NEW_ID"
            )
            continue
        _err(
            f"lernet: warning: stored under a code the codebook does not have, not counted: "
            f"{orphan.describe()}; renamed it? lernet codebook renamed {orphan.code} NEW_ID; "
            f"removed it on purpose? {removed_hint(orphan.code)}"
        )
    if gone:
        from ..coding.remove import moved_to

        moved = ""
        for old, new in sorted(moved_to(project.root, gone, set(stored)).items()):
            now = f"{printable(new)}/" if new else "the project folder"
            before = f"{old}/" if old else "the project folder"
            command = printable(shlex.quote(f"{new}/")) if new else "."
            moved += (
                f"; files of the same names are in {now} now ({before} renamed or moved?): "
                f"lernet code {command} takes them as moved, with their reviews"
            )
        _err(
            f"lernet: note: {counted(len(gone), 'stored transcript')} whose file is gone "
            f"{'is' if len(gone) == 1 else 'are'} still "
            f"counted: {', '.join(gone[:5])}{' …' if len(gone) > 5 else ''}{moved} (lernet "
            "remove FILE takes one out)"
        )
    _note_no_interviews(results, *no_interviews)
    counts: dict[str, int] = {}
    for r in [*results, *no_interviews[0]]:
        counts[r.status] = counts.get(r.status, 0) + 1
    failed = [r.path for r in results if r.status == "error"]
    rest = len(results) - len(failed)
    left_out = ""
    if failed and rest:  # a bad file spoils nothing but itself: say so where the run ends
        which = f"only {failed[0]} was" if len(failed) == 1 else f"only those {len(failed)} were"
        rest_done = f"{counted(rest, 'file')} {'is' if rest == 1 else 'are'} done"
        left_out = f" ({which} left out, for the error above; the other {rest_done})"
    uncounted = [r.path for r in results if skipped_with_more(r)]
    if uncounted:
        more = len(uncounted) - SHOWN_FILES
        which = ", ".join(uncounted[:SHOWN_FILES]) + (f" and {more} more" if more > 0 else "")
        left_out += (
            f" ({which} skipped, though {'it holds' if len(uncounted) == 1 else 'they hold'} "
            "what the coded file does not: see the warning above)"
        )
    _err("lernet: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + left_out)


def _named_by_this_run(r: Any) -> bool:
    """Whether this run gave the file its participant named after it: stored for the first time,
    or moved under another name. The note that there is no participants file is news for those
    only, not for files that are unchanged, re-coded or edited."""
    if r.status == "moved":
        return Path(r.moved_from or "").stem != Path(r.path).stem
    return bool(r.status == "new")


def skipped_with_more(r: Any) -> bool:
    """A file skipped as (a version of) a coded one that says or marks what that one does not:
    a version's other words, or comments and tags the coded file lacks. `lernet code` then
    exits with 5, as for a file left out: something of the study is not counted."""
    return r.status == "duplicate" and (r.version_share is not None or bool(r.unkept_marks))


def _shown_names(results: list[Any], stored: Sequence[str] = ()) -> dict[str, str]:
    """How the table names each file: by its name, or by its path where two files of the run,
    or a file of the run and a stored transcript, share a name ("Golf 1/Interview 01.txt",
    "Golf 2/Interview 01.txt": wave 2 coded weeks after wave 1)."""
    names: dict[str, int] = {}
    for path in {r.path for r in results} | set(stored):
        names[Path(path).name] = names.get(Path(path).name, 0) + 1
    return {r.path: r.path if names[Path(r.path).name] > 1 else Path(r.path).name for r in results}
