"""Project commands: init, backup, restore, remove."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..language.plural import counted

if TYPE_CHECKING:
    from ..project.project import Project
    from ..store.withdrawn import BackupHolding
from .common import (
    ForceOpt,
    ProjectOpt,
    _err,
    _keep_project_files,
    _participants_path,
    handle_errors,
)


@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the project.")] = Path("."),
    language: Annotated[
        str | None,
        typer.Option(
            help="nl or en: codebook, placeholders, report wording (default: lernet.yaml leaves "
            "it to the codebook's language:, and the new codebook is Dutch).",
            show_default=False,
        ),
    ] = None,
    blank: Annotated[
        bool,
        typer.Option(
            "--blank",
            help="Start from a short commented codebook for a study of your own, not the "
            "learning-networks codebook.",
        ),
    ] = False,
    nested: Annotated[
        bool,
        typer.Option(
            "--nested",
            help="Make a project of its own inside another project's folder (a separate study).",
        ),
    ] = False,
) -> None:
    """Create a project: lernet.yaml, an editable codebook.yaml and the store in .lernet/."""
    from ..codebook.codebook import language_code
    from ..errors import ProjectError
    from ..project.project import CONFIG_NAME, find_project_root, init_project

    explicit = language is not None
    lang = language_code(language) if language is not None else "nl"
    if lang is None:
        raise UsageError("--language must be nl or en")
    existed = (folder / CONFIG_NAME).exists()
    outer = None if existed else find_project_root(folder.resolve())
    if outer is not None and not nested:
        raise ProjectError(
            f"inside the lernet project in {outer}: a project here would be another, empty one, "
            "which the commands run here would use instead; work in that project (lernet code "
            "FILES codes files in any of its folders), or add --nested for a separate study",
            folder,
        )
    kept_codebook = not existed and (folder / "codebook.yaml").exists()
    project, created = init_project(folder, lang, blank=blank, explicit=explicit)
    if existed:
        _err(f"lernet: {project.root} is already a lernet project; nothing changed")
        return
    what = "a starter codebook" if blank else "the learning-networks codebook"
    how = "" if explicit else ", the codebook's"
    _err(
        f"lernet: created {', '.join(created)} in {project.root} (language {project.language}{how})"
    )
    if outer is not None:
        _err(
            f"lernet: note: a separate project inside the one in {outer}: commands run in "
            f"{project.root} and below use this one"
        )
    if kept_codebook:
        _err("lernet: note: codebook.yaml was there already and is used as it is")
    elif "codebook.yaml" in created:
        from .code_codebooks import note_new_project_codebooks

        _err(f"lernet: codebook.yaml is {what}; edit it, then: lernet codebook check")
        note_new_project_codebooks(project)


@handle_errors
def backup(
    out: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write it: a new file, or a folder to put a new file in "
            "(default: .lernet/backups/)."
        ),
    ] = None,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Copy the whole store (all codings, reviews and transcripts) to a file you can keep."""
    from ..output.files import check_new, move_into_place
    from ..project.project import load_project
    from ..store.backup import backup_path_in, backup_store, default_backup_path
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        if out is None:
            written = backup_store(store, default_backup_path(project.store_path))
        else:
            _keep_project_files(project, store, _participants_path(project, store))
            if out.is_dir():
                out = backup_path_in(out)
            check_new(out, force)
            if os.path.lexists(out):  # --force: written beside it, then moved into place
                new = out.with_name(f".lernet-{os.getpid()}-{out.name}")
                backup_store(store, new)
                move_into_place(new, out)
                written = out
            else:
                written = backup_store(store, out)
    _err(f"lernet: backup written to {written}")


@handle_errors
def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `lernet backup`.")],
    project_dir: ProjectOpt = None,
) -> None:
    """Put a backup back as the project's store; the current store is backed up first."""
    from ..project.project import load_project
    from ..store.backup import restore_store

    project = load_project(project_dir)
    safety = restore_store(project.store_path, file)
    _err(f"lernet: restored {file}; the previous store was saved as {safety}")


@handle_errors
def remove(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Transcripts as they were coded (the files may be gone already)."),
    ] = None,
    participant: Annotated[
        list[str] | None,
        typer.Option("--participant", help="Every transcript of this participant (repeatable)."),
    ] = None,
    purge_backups: Annotated[
        bool,
        typer.Option(
            "--purge-backups",
            help="Also rewrite every backup in .lernet/ that holds a transcript no longer in the "
            "store (this removal's or an earlier one's) without it, delete the backups of the "
            "participants file that list a withdrawn participant, and make no backup now: "
            "completes a withdrawal; it cannot be undone. Alone: only the backups.",
        ),
    ] = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Take transcripts out of the project with their codings, reviews and memos (a participant
    who withdraws, a file coded by mistake). The store is backed up first; files are not touched.
    Names the backups that still hold removed transcripts."""
    from ..coding.remove import (
        delete_people_backup,
        find_stored,
        people_backups,
        remove_transcripts,
    )
    from ..project.participants import load_participants
    from ..project.project import codebook_file, load_project
    from ..store.store import Store
    from ..store.withdrawn import (
        purge_backup,
        scan_backups,
        withdrawal_records,
        withdrawals,
    )

    if not files and not participant and not purge_backups:
        raise UsageError("name the transcripts to remove, or --participant ID (or --purge-backups)")
    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        chosen = find_stored(project, store, list(files or []), list(participant or []))
        people = load_participants(_participants_path(project, store), project.cache_dir)
        done = (
            remove_transcripts(
                store,
                chosen,
                project.cache_dir,
                backup=not purge_backups,
                participants=people,
                withdraw=frozenset(participant or []),
            )
            if chosen
            else None
        )
        scan = scan_backups(store)
        records = withdrawal_records(store)
        listing = people_backups(
            project.root,
            {w.participant for w in withdrawals(store)},
            people,
            codebook_file(project),
        )
    if done is not None:
        _err(
            f"lernet: removed {counted(len(chosen), 'transcript')} "
            f"({counted(done.codings, 'coding')}, {counted(done.memos, 'memo')}): "
            + ", ".join(t.path for t in chosen)
            + (
                f"; their {counted(done.names, 'name')} {'stays' if done.names == 1 else 'stay'} "
                "hidden in every anonymized output (kept in the store), also once the "
                "participants file no longer lists them"
                if done.names
                else ""
            )
        )
        if done.backup is not None:
            _err(
                f"lernet: the store as it was is in {project.relative(done.backup)} "
                "(`lernet restore` puts it back)"
            )
    holding = scan.holding
    if holding and not purge_backups:
        _err(
            f"lernet: {counted(len(holding), 'backup')} still "
            f"{'holds' if len(holding) == 1 else 'hold'} transcripts no longer in the store: "
            + "; ".join(_held(project, h) for h in holding)
        )
    if listing and not purge_backups:
        _err(
            f"lernet: {counted(len(listing), 'backup')} of the participants file still "
            f"{'lists' if len(listing) == 1 else 'list'} a withdrawn participant: "
            + "; ".join(f"{project.relative(b.path)} ({', '.join(b.people)})" for b in listing)
        )
    if (holding or listing) and not purge_backups:
        _err(
            "lernet: when consent was withdrawn, take them out of those backups: "
            "lernet remove --purge-backups ("
            + "; ".join(
                (["rewrites each store backup without them"] if holding else [])
                + (["deletes those of the participants file"] if listing else [])
            )
            + "; cannot be undone)"
        )
    for h in holding if purge_backups else []:
        _err(f"lernet: rewriting backup {_held(project, h)}: taking out what it holds of them")
        purge_backup(h, records)
    for b in listing if purge_backups else []:
        _err(
            f"lernet: deleting backup {project.relative(b.path)} ({', '.join(b.people)}): a "
            "copy of the participants file as it was before lernet added people to it"
        )
        delete_people_backup(b)
    if purge_backups:
        if holding:
            _err(
                f"lernet: {counted(len(holding), 'backup')} rewritten; no backup in "
                f"{project.relative(project.store_path.parent)} holds a removed transcript now"
            )
        else:
            _err("lernet: no backup holds a transcript that is no longer in the store")
        if listing:
            _err(
                f"lernet: {counted(len(listing), 'backup')} of the participants file deleted; "
                "none lists a withdrawn participant now"
            )
        _err(
            "lernet: copies made elsewhere (`lernet backup FILE`, exports, your own copies) are "
            "not checked: delete those yourself"
        )
    for path, why in scan.unreadable:
        _err(
            f"lernet: note: {project.relative(path)} cannot be read as a lernet store ({why}); "
            "delete it if it may hold a removed interview"
        )
    withdrawn = set(participant or [])
    listed = [pid for pid in sorted(withdrawn) if pid in people.people]
    if listed and people.path:
        named = any(people.people[pid].names for pid in listed)
        _err(
            f"lernet: note: {Path(people.path).name} still lists {', '.join(listed)}"
            + (" with their names" if named else "")
            + ": lernet never edits it; take the entry out yourself when consent requires it "
            "(the names stay hidden in every output either way)"
        )
    still = [t.path for t in chosen if (project.root / t.path).exists()]
    if still and all(t.participant in withdrawn for t in chosen):
        _err(
            f"lernet: note: {counted(len(still), 'file')} still on disk ({', '.join(still)}): "
            "lernet code and lernet merge leave a withdrawn participant's interview out (the "
            "store keeps only digests of it, never its text); delete the files when consent "
            "requires it"
        )
    elif still:
        them = "it" if len(still) == 1 else "them"
        _err(
            f"lernet: note: {counted(len(still), 'file')} still on disk ({', '.join(still)}): "
            f"move {them} out of the folders you code, or `lernet code` adds {them} again"
        )


def _held(project: Project, holding: BackupHolding) -> str:
    paths = ", ".join(p for _, p in holding.transcripts)
    return f"{project.relative(holding.path)} ({paths})"
