"""`lernet code`: read transcripts (or the store, after a codebook edit), code them, and say
what happened to each file. Its parts (code_run, code_summary, code_first_run, code_codebooks,
code_participants) are imported when it runs, not when `lernet --help` lists it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ParticipantsError, UsageError, printable
from ..language.plural import counted
from .common import ProjectOpt, _err, _note_sync_copies, _participants_path, handle_errors


@handle_errors
def code(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Transcripts or folders (.docx, .odt, .pdf, .rtf, .txt, .md, .vtt, .srt). "
            "Without any: the codebook's rules applied again to the transcripts in the store.",
            show_default=False,
        ),
    ] = None,
    participant: Annotated[str | None, typer.Option(help="Participant id for these files.")] = None,
    group: Annotated[str | None, typer.Option(help="Analysis group (e.g. adviseur).")] = None,
    label: Annotated[
        str | None, typer.Option(help="Quote attribution (e.g. 'NIPlan adviseur').")
    ] = None,
    interviewer: Annotated[
        list[str] | None,
        typer.Option(help="Speaker label of the interviewer."),
    ] = None,
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            help="Who made the inline [[code: text]] tags of files coded for the first time "
            "(default: coder: in lernet.yaml, else $LERNET_CODER, else your login name, as "
            "lernet review); a file's stored tags keep their coder.",
        ),
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Read transcripts, apply the codebook's rules, take the codes in Word comments and inline
    tags, and store the codings. After a codebook edit, `lernet code` (or the same files again)
    applies the changed codes' rules to the stored turns, without reading the files."""
    if not files:
        named = [
            name
            for name, given in (
                ("--participant", participant),
                ("--group", group),
                ("--label", label),
                ("--interviewer", interviewer),
                ("--coder", coder),
            )
            if given
        ]
        if named:
            raise UsageError(
                f"{', '.join(named)} {'applies' if len(named) == 1 else 'apply'} to the files "
                "read; name the files, or leave "
                "the options out to apply the codebook again to the stored transcripts"
            )
        _recode_stored(project_dir)
        return
    from ..codebook.codebook import load_codebook
    from ..coding.imported import follow_interviewer_labels
    from ..coding.inputs import refuse_unsupported
    from ..coding.interrupted import remember_left
    from ..coding.pipeline import CodeOptions, gather_inputs
    from ..project.participants import find_participants_file, load_participants
    from ..project.project import codebook_file, find_project_root, load_project, participants_file
    from ..store.coders import MACHINES
    from ..store.store import Store
    from ..userfiles import require_text_name
    from .code_codebooks import _folder_codebook, _note_folder_codebooks, _note_unused_codebooks
    from .code_first_run import _create_project, _language_hint, _refuse_files_of_another_project
    from .code_participants import (
        _named_participants,
        _note_group_over_row,
        _note_new_group,
        _note_shared_names,
    )
    from .code_run import _run_coding
    from .code_summary import (
        _count_unchanged,
        _print_imported,
        _tagged_by,
        print_after_coding,
        read_after_coding,
        skipped_with_more,
    )

    found = gather_inputs(files)
    paths = found.transcripts
    refused = found.only_unsupported()
    for path, why in found.skipped:
        if path != refused:
            _err(f"lernet: note: skipped {printable(path)}: {why}")
    if refused is not None:
        refuse_unsupported(refused)
    if not paths:
        for path in found.codebooks:
            _err(f"lernet: note: skipped {path}: a codebook, not a transcript")
        for path in found.participants:
            _err(f"lernet: note: skipped {path}: a participants file, not a transcript")
        found.require_transcripts(files)
    created = project_dir is None and find_project_root(Path.cwd()) is None
    if created:
        _refuse_files_of_another_project(paths)
        chosen = found.codebooks[:1] or _folder_codebook(found.folder_codebooks, files)
        project = _create_project(paths, chosen, not found.codebooks, found.in_folders)
        named_codebooks = found.codebooks[1:]
    else:
        project = load_project(project_dir)
        named_codebooks = found.codebooks
        participants_file(project)  # a moved one: said before the store is opened
        unused = _note_unused_codebooks(project)
        said = {p.resolve() for p in unused}
        _note_folder_codebooks(
            project, [p for p in found.folder_codebooks if p.resolve() not in said]
        )
    for path in named_codebooks:
        if path.resolve() == project.codebook_path.resolve():
            _err(f"lernet: note: skipped {path}: the project's codebook, not a transcript")
        else:
            _err(
                f"lernet: note: skipped {path}: a codebook; this project codes with "
                f"{project.relative(project.codebook_path)} (codebook: in lernet.yaml)"
            )
    codebook = load_codebook(codebook_file(project), cache=project.cache_dir)
    if project.protocol_path is not None:
        from ..coding.protocol import load_protocol

        codebook.protocol = load_protocol(project.protocol_path, codebook)
    store = Store.open(project.store_path, create=True)
    _note_sync_copies(project)
    with store:
        if not created and not store.transcripts():
            _language_hint(project, paths, store, found.in_folders)
        ppath = _named_participants(project, store, found.participants)
        if ppath is None:
            ppath = _participants_path(project, store)
        beside = None
        if ppath is None:
            ppath = beside = find_participants_file(sorted({p.parent for p in paths}))
        participants = load_participants(ppath, project.cache_dir)
        if beside is not None:
            require_text_name(project.relative(beside), beside, ParticipantsError)
            store.set_meta("participants_path", project.relative(beside))
        if coder is not None and (not coder.strip() or coder.strip().casefold() in MACHINES):
            raise UsageError(
                "--coder needs a name other than 'auto', 'protocol' or 'similar' (the machine "
                "coders: the rules, the protocol, candidates coded automatically)"
            )
        if group is not None:
            _note_new_group(group, participants, store)
        from ..project.project import who_codes

        default_coder, default_from = who_codes(project)
        options = CodeOptions(
            participant,
            group,
            label,
            list(interviewer or []),
            coder and coder.strip(),
            default_coder=default_coder,
            in_folders=found.in_folders,
        )
        followed = follow_interviewer_labels(store, project.interviewer_labels)
        results = _run_coding(project, store, codebook, participants, paths, options)
        if group is not None:
            _note_group_over_row(group, participants, results)
        remember_left(store, [], [r.path for r in results if r.status != "error"])
        left_out = [r for r in results if r.status == "left out"]
        results = [r for r in results if r.status != "left out"]
        _count_unchanged(store, results)
        tagged = [] if coder else _tagged_by(store, results, default_coder)
        after = read_after_coding(store, project, codebook, participants, results)
    state = after.state
    print_after_coding(
        results,
        participants,
        project,
        after,
        (left_out, {project.relative(p) for p in found.in_folders}),
    )
    if tagged:
        _err(
            f"lernet: note: the inline tags of {counted(len(tagged), 'file')} are stored as "
            "coded by "
            f"{default_coder!r} ({default_from}; --coder NAME or coder: in lernet.yaml names "
            "another)"
        )
    _note_shared_names(participants)
    _print_imported(followed, state, [], files_named=True)
    if any(r.status == "error" or skipped_with_more(r) for r in results):
        raise typer.Exit(5)


def _recode_stored(project_dir: Path | None) -> None:
    """`lernet code` without files: re-code the stored transcripts whose rules changed."""
    from ..codebook.codebook import load_codebook
    from ..coding.imported import follow_interviewer_labels, imported_state
    from ..coding.names import NameMasks
    from ..coding.orphans import (
        lost_comments_to_memos,
        memos_now_coded,
        reread_lost_codings,
    )
    from ..coding.recode import recode_stored
    from ..project.participants import load_participants
    from ..project.project import codebook_file, find_project_root, load_project, participants_file
    from ..store.store import Store
    from .code_codebooks import _note_unused_codebooks
    from .code_participants import _note_shared_names
    from .code_summary import (
        _count_unchanged,
        _print_imported,
        print_after_coding,
        read_after_coding,
    )

    if project_dir is None and find_project_root(Path.cwd()) is None:
        raise UsageError(
            "no lernet project here: name the transcripts to code (lernet code FILES), or go "
            "to the project's folder"
        )
    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), cache=project.cache_dir)
    participants_file(project)  # a moved one: said before the store is opened
    _note_unused_codebooks(project)
    with Store.open(project.store_path) as store:
        _note_sync_copies(project)
        participants = load_participants(_participants_path(project, store), project.cache_dir)
        followed = follow_interviewer_labels(store, project.interviewer_labels)
        before = imported_state(store, codebook)
        masks = NameMasks.of_project(participants, store, project.language)
        results = recode_stored(
            store, codebook, participants, cache=project.cache_dir, masks=masks, project=project
        )
        _count_unchanged(store, results)
        reread = reread_lost_codings(store, codebook)
        memos = lost_comments_to_memos(store, codebook)
        now_coded = memos_now_coded(store, codebook)
        kept: dict[str, int] = {}
        for m in store.hand_memos():
            kept[m.path] = kept.get(m.path, 0) + 1
        for r in results:
            lines, made = memos.get(r.path, ([], 0))
            r.warnings.extend(lines)
            # a re-coded file's memos as reading it again would count them: those it keeps
            r.memos = kept.get(r.path, 0) if r.status == "re-coded" else r.memos + made
            if r.path in now_coded and r.status == "re-coded":
                r.codings += now_coded[r.path].codings
                r.manual += now_coded[r.path].codings
        after = read_after_coding(store, project, codebook, participants, results)
    state = after.state
    print_after_coding(results, participants, project, after)
    _note_shared_names(participants)
    for path, lines in reread.items():
        for said in lines:
            _err(f"lernet: note: {path}: {said}")
    for path, done in now_coded.items():
        for said in done.said:
            _err(f"lernet: note: {path}: {said}")
    coded = [p for p in before.uncoded if p not in state.uncoded]
    _print_imported(followed, state, coded, files_named=False)
    if any(r.status == "error" for r in results):
        raise typer.Exit(5)
