"""`lernet code`: read transcripts (or the store, after a codebook edit), code them, and say
what happened to each file."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ParticipantsError, StoreError, UsageError, printable
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
    from ..coding.copies import stored_copies
    from ..coding.imported import follow_interviewer_labels, imported_state
    from ..coding.inputs import refuse_unsupported
    from ..coding.interrupted import remember_left
    from ..coding.orphans import note_codebook, orphans
    from ..coding.pipeline import CodeOptions, gather_inputs
    from ..coding.remove import missing_files
    from ..project.participants import find_participants_file, load_participants
    from ..project.project import codebook_file, find_project_root, load_project, participants_file
    from ..store.coders import MACHINES
    from ..store.store import Store
    from ..userfiles import require_text_name

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
        gone = missing_files(project, store)
        if any(r.status != "error" for r in results):  # the codebook coded something
            note_codebook(store, codebook)
        lost = orphans(store, codebook)
        copies = stored_copies(store)
        state = imported_state(store, codebook)
        claimed, together = _speakers(participants, store)
        stored = [t.path for t in store.transcripts()]
    _print_code_summary(
        results,
        participants.path,
        project,
        gone,
        lost,
        copies,
        claimed,
        together,
        stored,
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
    from ..coding.copies import stored_copies
    from ..coding.imported import follow_interviewer_labels, imported_state
    from ..coding.names import NameMasks
    from ..coding.orphans import (
        lost_comments_to_memos,
        memos_now_coded,
        note_codebook,
        orphans,
        reread_lost_codings,
    )
    from ..coding.recode import recode_stored
    from ..coding.remove import missing_files
    from ..project.participants import load_participants
    from ..project.project import codebook_file, find_project_root, load_project, participants_file
    from ..store.store import Store

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
        gone = missing_files(project, store)
        if any(r.status != "error" for r in results):  # the codebook coded something
            note_codebook(store, codebook)
        lost = orphans(store, codebook)
        copies = stored_copies(store)
        state = imported_state(store, codebook)
        claimed, together = _speakers(participants, store)
        stored = [t.path for t in store.transcripts()]
    _print_code_summary(
        results, participants.path, project, gone, lost, copies, claimed, together, stored
    )
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


LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def _folder_codebook(codebooks: list[Path], named: list[Path]) -> list[Path]:
    """The codebook a new project codes with when the folders named hold one: that one, as
    `lernet code *` would take it; several: none is guessed, nothing is created."""
    if len(codebooks) <= 1:
        return codebooks
    shown = ", ".join(printable(str(p)) for p in codebooks[:SHOWN_FILES])
    more = f" and {len(codebooks) - SHOWN_FILES} more" if len(codebooks) > SHOWN_FILES else ""
    raise UsageError(
        f"the folders named hold {len(codebooks)} codebooks ({shown}{more}): name the one to "
        f"code with among the files (lernet code "
        f"{' '.join(_quoted(printable(str(p))) for p in named)} "
        f"{_quoted(printable(str(codebooks[0])))}); nothing was created"
    )


def _note_unused_codebooks(project: Any) -> list[Path]:
    """A lernet.yaml without `codebook:` codes with the bundled codebook: a codebook beside it
    (the researcher's own, most likely) is named in one line, so that tags naming its codes
    are not read as memos unseen. Returns the codebooks named."""
    if not project.codebook_default:
        return []
    found = codebooks_beside(project)
    if found:
        names = ", ".join(p.name for p in found[:SHOWN_FILES])
        more = f" and {len(found) - SHOWN_FILES} more" if len(found) > SHOWN_FILES else ""
        _err(
            f"lernet: note: {project.root / 'lernet.yaml'} names no codebook:, so this project "
            f"codes with the default codebook (learning networks), not {names}{more} beside it: "
            f"to code with it, add `codebook: {found[0].name}` to lernet.yaml and run lernet "
            "code again"
        )
    return found


def codebooks_beside(project: Any) -> list[Path]:
    """The codebooks (YAML with a top-level `themes:`) in the project's folder other than the
    one it codes with."""
    from ..coding.inputs import looks_like_codebook

    own = project.codebook_path.resolve()
    try:
        candidates = sorted(
            p
            for p in project.root.iterdir()
            if p.suffix.lower() in (".yaml", ".yml") and p.name != "lernet.yaml" and p.is_file()
        )
    except OSError:
        return []
    return [p for p in candidates if p.resolve() != own and looks_like_codebook(p)]


def note_new_project_codebooks(project: Any) -> None:
    """A project just made with a codebook of lernet's beside the researcher's own (not named,
    so not taken): one line naming it and the setting that codes with it."""
    found = codebooks_beside(project)
    if not found:
        return
    names = ", ".join(p.name for p in found[:SHOWN_FILES])
    more = f" and {len(found) - SHOWN_FILES} more" if len(found) > SHOWN_FILES else ""
    _err(
        f"lernet: note: {names}{more} in {project.root} "
        f"{'is a codebook' if len(found) == 1 else 'are codebooks'} too; this project codes "
        f"with {project.relative(project.codebook_path)}: to code with {found[0].name}, set "
        f"`codebook: {found[0].name}` in lernet.yaml, then run lernet code"
    )


def _note_folder_codebooks(project: Any, codebooks: list[Path]) -> None:
    """Codebooks among the transcripts of a project that codes with another: one line, so
    that the researcher's own codebook is never passed over unseen."""
    own = project.codebook_path.resolve()
    others = [p for p in codebooks if p.resolve() != own]
    if not others:
        return
    shown = ", ".join(project.relative(p) for p in others[:SHOWN_FILES])
    more = f" and {len(others) - SHOWN_FILES} more" if len(others) > SHOWN_FILES else ""
    it = "it" if len(others) == 1 else "one of them"
    _err(
        f"lernet: note: {shown}{more} beside the transcripts "
        f"{'is a codebook' if len(others) == 1 else 'are codebooks'}; this project codes with "
        f"{project.relative(project.codebook_path)}: to code with {it}, set codebook: in "
        f"{project.root / 'lernet.yaml'} and run lernet code again"
    )


def _create_project(
    transcripts: list[Path],
    codebooks: list[Path],
    beside: bool = False,
    in_folders: Collection[Path] = (),
) -> Any:
    """`lernet code` outside a project: one here, in the transcripts' language where the
    codebook there can speak it (it declares no language, or has labels in theirs as the bundled
    one does), else in the language it declares: a codebook of one's own with labels of one
    language says what its report is written in (an English codebook for Dutch interviews: an
    English report of Dutch quotes), as for a project `lernet init` made. `beside`: the codebook
    was found in a folder named, not named itself. `in_folders`: files found by walking a folder
    (`Inputs.in_folders`)."""
    from ..codebook.codebook import codebook_language, words_labels_in
    from ..coding.pipeline import transcripts_language
    from ..project.project import init_project

    guess = transcripts_language(transcripts, in_folders=in_folders)
    codebook = codebooks[0] if codebooks else None
    path = codebook or Path("codebook.yaml")
    declared = codebook_language(path)
    if declared != guess.language and words_labels_in(path, guess.language):
        declared = None  # it has labels in the transcripts' language (the bundled one does)
    lang = declared or guess.language
    project, created = init_project(Path.cwd(), lang, codebook=codebook, explicit=declared is None)
    if codebook is not None:
        which = f"{codebook} as the codebook{' (found beside the transcripts)' if beside else ''}"
    elif project.relative(project.codebook_path) not in created:  # kept, never overwritten
        which = f"{project.relative(project.codebook_path)} as the codebook (it was here already)"
    else:
        which = "the default codebook (learning networks)"
    if declared is not None:
        other = "" if guess.language == lang else f"; quotes stay as said, the rest is {lang}"
        why = f", the codebook's ({_read_as(guess)}{other}); set language: in lernet.yaml to "
        why += "change it"
    else:
        why = f": {_read_as(guess)}{_mixed_means(guess, lang)}; change language: in lernet.yaml if "
        why += "that is wrong"
    _err(
        f"lernet: no project here; created one in {project.root} with {which}, language {lang}{why}"
    )
    if codebook is None:
        note_new_project_codebooks(project)
    return project


def _read_as(guess: Any) -> str:
    """ "the transcripts read as Dutch (12 Dutch, 2 English function words)", or, when some
    files read as each language, "the transcripts are mixed: 9 files read as Dutch, 5 as English
    (…)" with the language most are in first."""
    counts = ", ".join(f"{n} {LANGUAGE_NAMES[k]}" for k, n in guess.counts.items())
    if not guess.mixed:
        return f"the transcripts read as {LANGUAGE_NAMES[guess.language]} ({counts} function words)"
    ranked = sorted(guess.files.items(), key=lambda kv: (kv[0] != guess.language, -kv[1]))
    (first, n), rest = ranked[0], [(k, m) for k, m in ranked[1:] if m]
    others = ", ".join(f"{m} as {LANGUAGE_NAMES[k]}" for k, m in rest)
    which = [str(p) for p in guess.other()]
    return (
        f"the transcripts are mixed: {n} file{'' if n == 1 else 's'} read as "
        f"{LANGUAGE_NAMES[first]}, {others}{f': {_some(which)}' if which else ''} "
        f"({counts} function words)"
    )


def _mixed_means(guess: Any, language: str) -> str:
    """What a project's language means for the transcripts in the other one."""
    if not guess.mixed:
        return ""
    other = next(LANGUAGE_NAMES[k] for k, n in guess.files.items() if n and k != language)
    return (
        f"; the {other} ones are coded with the same codebook's rules as the others, and what "
        f"lernet writes of them (report, labels, placeholders) is in "
        f"{LANGUAGE_NAMES.get(language, language)}"
    )


def _refuse_files_of_another_project(paths: list[Path]) -> None:
    """`lernet code FILES` outside any project, of files inside one: coding them here would
    start a second, empty project beside theirs. Nothing is made; the user is told where to go."""
    from ..errors import ProjectError
    from ..project.project import project_of_files

    found = project_of_files(paths)
    if found is not None:
        path, root = found
        where = printable(str(root))
        raise ProjectError(
            f"belongs to the lernet project in {where}, and there is none here: code it there "
            f'(cd "{where}") or add --project "{where}"; nothing was created here (to start a '
            "separate project here all the same, run `lernet init` here first)",
            path,
        )


def _language_hint(
    project: Any, transcripts: list[Path], store: Any = None, in_folders: Collection[Path] = ()
) -> None:
    """The first transcripts of a project made by `lernet init` (Dutch unless told) are clearly
    in the other language: say where the project's language is set, before anything is coded.
    Where neither lernet.yaml nor the codebook sets a language, the project follows them: the
    store keeps the guess (`transcripts_language`), which every later command reads."""
    from ..coding.pipeline import transcripts_language

    guess = transcripts_language(transcripts, in_folders=in_folders)
    if guess.language == project.language or (guess.share < 0.75 and not guess.mixed):
        return
    if project.language_source == "default" and store is not None and not guess.mixed:
        from ..project.project import TRANSCRIPTS_LANGUAGE

        store.set_meta(TRANSCRIPTS_LANGUAGE, guess.language)
        project.follow_language(guess.language, "transcripts")
        _err(
            f"lernet: note: {_read_as(guess)} and neither lernet.yaml nor the codebook sets a "
            f"language: the project is {LANGUAGE_NAMES.get(guess.language, guess.language)} "
            f"(set language: in {project.root / 'lernet.yaml'} to change it)"
        )
        return
    most = " most of them are" if guess.mixed else " they are"
    _err(
        f"lernet: note: {_read_as(guess)}, the project is "
        f"{LANGUAGE_NAMES.get(project.language, project.language)}: set language: "
        f"{guess.language} in {project.root / 'lernet.yaml'} if{most} (the codebook's labels, "
        "names' placeholders and the report's wording follow it)"
    )


SHOWN_FILES = 3
"""Files named in a note about several; the rest are counted ("and 4 more")."""


def _some(paths: list[str]) -> str:
    """The first few files' names, and how many more there are."""
    shown = ", ".join(Path(p).name for p in paths[:SHOWN_FILES])
    more = len(paths) - SHOWN_FILES
    return f"{shown} and {more} more" if more > 0 else shown


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


def _run_coding(
    project: Any, store: Any, codebook: Any, participants: Any, paths: Any, options: Any
) -> Any:
    """Code the files, with a progress bar on a terminal. Ctrl-C stops the run: the files
    finished stay stored; the others are remembered as left (see coding/interrupted.py) and the
    user is told how many, and that the same command finishes them."""
    from ..coding.pipeline import code_files

    finished: set[Path] = set()

    def count(path: Path) -> None:
        finished.add(path)

    try:
        # a dumb terminal (a screen reader's) cannot redraw a bar: it only got a blank line
        dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
        if len(paths) < 3 or not sys.stderr.isatty() or dumb:
            return code_files(project, store, codebook, participants, paths, options, count)
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("coding", total=len(paths))

            def advance(path: Path) -> None:
                count(path)
                progress.advance(task)

            return code_files(
                project, store, codebook, participants, paths, options, progress=advance
            )
    except KeyboardInterrupt:
        _interrupted(project, store, paths, finished)
        raise typer.Exit(130) from None
    except StoreError as exc:
        from ..store.transactions import DISK_ERROR, DISK_FULL

        if exc.message in (DISK_FULL, DISK_ERROR):
            # the batch's files since its last commit were rolled back with it
            finished = {p for p in finished if _stored_as_is(project, store, p)}
            why = "the disk is full" if exc.message == DISK_FULL else "a disk error"
            _interrupted(project, store, paths, finished, f"stopped, {why}")
        raise


def _stored_as_is(project: Any, store: Any, path: Path) -> bool:
    """Whether the store holds this file as it is now (its path and its content)."""
    import hashlib

    stored = store.transcript_by_path(project.relative(path))
    if stored is None:
        return False
    try:
        return bool(hashlib.sha256(path.read_bytes()).hexdigest() == stored.sha256)
    except OSError:
        return False


def _interrupted(
    project: Any, store: Any, paths: list[Path], finished: set[Path], why: str = "interrupted"
) -> None:
    """What an interrupted `lernet code` (Ctrl-C, a full disk) says, and remembers for the
    counts made before the next run finishes it."""
    from ..coding.interrupted import remember_left

    kept = ""
    try:
        if store.conn.in_transaction:
            store.conn.rollback()
        # a file can be stored a moment before Ctrl-C reached the count
        finished |= {p for p in paths if p not in finished and _stored_as_is(project, store, p)}
        left = [printable(project.relative(p)) for p in paths if p not in finished]
        remember_left(store, left)
    except Exception:  # the store is busy or gone: the counts' warning is lost, not the run
        kept = " (lernet could not note this in the store: counts will not warn about it)"
    if kept:
        left = [printable(project.relative(p)) for p in paths if p not in finished]
    done = len(paths) - len(left)
    _err(
        f"lernet: {why}: {done} of {counted(len(paths), 'file')} coded and stored, {len(left)} "
        f"not coded{kept}; run the same `lernet code` again to code the rest (files already "
        "coded are not read again)"
    )


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


def _quoted(path: str) -> str:
    """A path as typed in a shell: quoted when it has a space."""
    return f'"{path}"' if " " in path else path


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
) -> None:
    """The table of files coded and the notes on them, then the run's counts. `no_interviews`:
    the files left out as no interview, and those found in a folder (`_note_no_interviews`)."""
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
    print_table(
        [
            "file",
            "participant",
            "group",
            "status",
            "participant turns",
            "turns with a code",
            "codings",
            "by hand",
        ],
        rows,
        numeric_from=4,
    )
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
            f"lernet: note: {counted(memos, 'comment or tag', 'comments or tags')} kept as memos, "
            "not counted (lernet memos)"
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
