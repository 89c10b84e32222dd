"""Coding commands: code, speakers, codings, memos, review."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ParticipantsError, UsageError, printable

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
from .common import (
    FormatOpt,
    LimitOpt,
    NoAnonOpt,
    ProjectOpt,
    _check_format,
    _err,
    _open,
    _participants_path,
    handle_errors,
)


@handle_errors
def code(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Transcripts or folders (.docx, .odt, .txt, .md, .vtt, .srt). Without any: the "
            "codebook's rules applied again to the transcripts in the store.",
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
        str, typer.Option("--coder", help="Coder name for inline [[code: text]] tags.")
    ] = "manual",
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
                ("--coder", coder != "manual"),
            )
            if given
        ]
        if named:
            raise UsageError(
                f"{', '.join(named)} apply to the files read; name the files, or leave "
                "the options out to apply the codebook again to the stored transcripts"
            )
        _recode_stored(project_dir)
        return
    from ..codebook.codebook import load_codebook
    from ..coding.pipeline import CodeOptions, gather_inputs
    from ..project.participants import find_participants_file, load_participants
    from ..project.project import find_project_root, load_project
    from ..store.store import Store
    from ..userfiles import require_text_name

    found = gather_inputs(files)
    paths = found.transcripts
    found.refuse_if_only_unsupported()
    for path, why in found.skipped:
        _err(f"lernet: note: skipped {printable(path)}: {why}")
    if not paths:
        from ..readers import SUPPORTED_SUFFIXES

        for path in found.codebooks:
            _err(f"lernet: note: skipped {path}: a codebook, not a transcript")
        for path in found.participants:
            _err(f"lernet: note: skipped {path}: a participants file, not a transcript")

        raise UsageError(
            f"no transcripts found ({', '.join(SUPPORTED_SUFFIXES)}) in "
            + ", ".join(map(printable, files))
        )
    if project_dir is None and find_project_root(Path.cwd()) is None:
        project = _create_project(paths, found.codebooks[:1])
        named_codebooks = found.codebooks[1:]
    else:
        project = load_project(project_dir)
        named_codebooks = found.codebooks
    for path in named_codebooks:
        if path.resolve() == project.codebook_path.resolve():
            _err(f"lernet: note: skipped {path}: the project's codebook, not a transcript")
        else:
            _err(
                f"lernet: note: skipped {path}: a codebook; this project codes with "
                f"{project.relative(project.codebook_path)} (codebook: in lernet.yaml)"
            )
    codebook = load_codebook(project.codebook_path, cache=project.cache_dir)
    if project.protocol_path is not None:
        from ..coding.protocol import load_protocol

        codebook.protocol = load_protocol(project.protocol_path, codebook)
    store = Store.open(project.store_path, create=True)
    with store:
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
        if not coder.strip() or coder.strip() == "auto":
            raise UsageError("--coder needs a name other than 'auto' (the rules' name)")
        options = CodeOptions(participant, group, label, list(interviewer or []), coder.strip())
        results = _run_coding(project, store, codebook, participants, paths, options)
    _print_code_summary(results, participants.path, project)
    if any(r.status == "error" for r in results):
        raise typer.Exit(5)


def _recode_stored(project_dir: Path | None) -> None:
    """`lernet code` without files: re-code the stored transcripts whose rules changed."""
    from ..codebook.codebook import load_codebook
    from ..coding.recode import recode_stored
    from ..project.participants import load_participants
    from ..project.project import find_project_root, load_project
    from ..store.store import Store

    if project_dir is None and find_project_root(Path.cwd()) is None:
        raise UsageError(
            "no lernet project here: name the transcripts to code (lernet code FILES), or go "
            "to the project's folder"
        )
    project = load_project(project_dir)
    codebook = load_codebook(project.codebook_path, cache=project.cache_dir)
    with Store.open(project.store_path) as store:
        participants = load_participants(_participants_path(project, store), project.cache_dir)
        results = recode_stored(store, codebook, participants)
    _print_code_summary(results, participants.path, project)


LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def _create_project(transcripts: list[Path], codebooks: list[Path]) -> Any:
    """`lernet code` outside a project: one here, in the transcripts' language."""
    from ..coding.pipeline import transcripts_language
    from ..project.project import init_project

    guess = transcripts_language(transcripts)
    lang = guess.language
    codebook = codebooks[0] if codebooks else None
    project, _ = init_project(Path.cwd(), lang, codebook=codebook)
    counts = ", ".join(f"{n} {LANGUAGE_NAMES[k]}" for k, n in guess.counts.items())
    which = (
        f"{codebook} as the codebook"
        if codebook is not None
        else "the default codebook (learning networks)"
    )
    _err(
        f"lernet: no project here; created one in {project.root} with {which}, language "
        f"{lang}: the transcripts read as {LANGUAGE_NAMES[lang]} ({counts} function words); "
        "change language: in lernet.yaml if that is wrong"
    )
    return project


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
    from ..coding.pipeline import code_files

    if len(paths) < 3 or not sys.stderr.isatty():
        return code_files(project, store, codebook, participants, paths, options)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("coding", total=len(paths))
        return code_files(
            project,
            store,
            codebook,
            participants,
            paths,
            options,
            progress=lambda _p: progress.advance(task),
        )


def _print_code_summary(results: list[Any], participants_path: str | None, project: Any) -> None:
    from ..output.render import print_table

    rows = []
    for r in results:
        counted = r.status not in ("unchanged", "error")
        rows.append(
            [
                Path(r.path).name,
                r.participant or "",
                r.group or "",
                r.status,
                *(
                    [r.segments, r.coded_segments, r.codings, r.manual]
                    if counted
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
    for r in results:
        if r.error:
            _err(f"lernet: error: {r.error}")
        for w in r.warnings:
            _err(f"lernet: warning: {r.path}: {w}")
        for v in r.vanished:
            _err(
                f"lernet: warning: {r.path}: a reviewed or hand-made coding is no longer in the "
                f"transcript, kept apart (lernet codings --status vanished): {v}"
            )
    memos = sum(r.memos for r in results)
    if memos:
        _err(
            f"lernet: note: {memos} comment(s) or tag(s) kept as memos, not counted (lernet memos)"
        )
    by_name = [r.path for r in results if r.participant_source == "file name"]
    if by_name:
        where = (
            "no participants file found"
            if participants_path is None
            else "not in the participants file"
        )
        _err(
            f"lernet: note: {len(by_name)} file(s) {where}: participant = file name, no group "
            "(add them to participants.yaml)"
        )
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    _err("lernet: " + ", ".join(f"{n} {s}" for s, n in counts.items()))


@handle_errors
def speakers(
    files: Annotated[list[Path], typer.Argument(help="Transcripts or folders.")],
    interviewer: Annotated[
        list[str] | None, typer.Option(help="Speaker label of the interviewer.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """The speakers lernet finds in each transcript: role, turns and words. Changes nothing."""
    from ..coding.pipeline import gather_inputs
    from ..coding.speakers import speaker_table
    from ..output.render import print_table, to_csv, to_json, write
    from ..readers import read_transcript

    fmt = _check_format(fmt, ("table", "csv", "json"))
    found = gather_inputs(files)
    found.refuse_if_only_unsupported()
    for path, why in found.skipped:
        _err(f"lernet: note: skipped {printable(path)}: {why}")
    read = []
    for path in found.transcripts:
        transcript = read_transcript(path, interviewer=interviewer or None)
        read.append((str(path), transcript))
        for w in transcript.warnings:
            _err(f"lernet: warning: {path}: {w}")
    rows = speaker_table(read)
    if fmt == "json":
        write(to_json([r.to_json() for r in rows]))
        return
    columns = ["file", "speaker", "role", "turns", "words"]
    table = [[r.file, r.speaker, r.role, r.turns, r.words] for r in rows]
    if fmt == "csv":
        write(to_csv(columns, table))
    else:
        print_table(columns, table, numeric_from=3)


@handle_errors
def codings(
    coder: Annotated[str | None, typer.Option(help="Only this coder (e.g. auto).")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="accepted, rejected, pending, or vanished (reviewed text gone from the file)."
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme id or label.")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Code id or label.")] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates",
            help="List instead the turns that probably have a code they were not given, "
            "most likely first (as review --candidates shows them).",
        ),
    ] = False,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    no_anonymize: NoAnonOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """List codings one by one: file, participant, segment, code, coder, status, evidence."""
    from ..analysis.people import make_redactor, person_of
    from ..output.render import print_table, to_csv, to_json, write

    fmt = _check_format(fmt, ("table", "csv", "json"))
    if candidates:
        if coder is not None or status is not None:
            raise UsageError("--candidates lists turns without codings: no --coder or --status")
        from .candidates import list_candidates

        list_candidates(theme, code_, limit, fmt, no_anonymize, project_dir)
        return
    if limit is not None:
        raise UsageError("--limit goes with --candidates")
    if status is not None and status not in ("accepted", "rejected", "pending", "vanished"):
        raise UsageError(
            f"--status must be accepted, rejected, pending or vanished, not {status!r}"
        )
    project, store, codebook, participants = _open(project_dir)
    with store:
        ids = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        if status == "vanished":
            rows = [
                r
                for r in store.detached_rows()
                if (ids is None or r.code in ids) and (coder is None or r.coder == coder)
            ]
        else:
            rows = store.coding_rows(
                codes=ids,
                coders=[coder] if coder else None,
                include_rejected=True,
                statuses=[status] if status else None,
            )
        redactor = None if no_anonymize else make_redactor(participants, store, project)
    records = []
    for r in rows:
        evidence = r.segment_text[r.start : r.end]
        records.append(
            {
                "file": r.path,
                "participant": r.participant,
                "group": person_of(r, participants).group,
                "segment": r.segment or None,
                "code": r.code,
                "coder": r.coder,
                "status": r.status,
                "start": r.start,
                "end": r.end,
                "text": redactor.redact(evidence) if redactor else evidence,
                "direction": r.direction,
            }
        )
    if fmt == "json":
        write(to_json(records))
        return
    columns = list(records[0]) if records else ["file", "participant", "segment", "code"]
    table = [list(rec.values()) for rec in records]
    if fmt == "csv":
        write(to_csv(columns, table))
    else:
        print_table(columns, table, numeric_from=len(columns))


@handle_errors
def memos(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    no_anonymize: NoAnonOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Comments and tags that are not counted: they name no code, or mark no participant speech."""
    from ..analysis.people import make_redactor
    from ..output.render import print_table, to_csv, to_json, write

    fmt = _check_format(fmt, ("table", "csv", "json"))
    project, store, _, participants = _open(project_dir)
    with store:
        found = store.memo_rows()
        redactor = None if no_anonymize else make_redactor(participants, store, project)
    columns = ["file", "participant", "segment", "author", "memo", "text", "source", "reason"]
    records = [
        dict(zip(columns, row, strict=True))
        | {"text": redactor.redact(row[5]) if redactor else row[5]}
        for row in found
    ]
    if fmt == "json":
        write(to_json(records))
    elif fmt == "csv":
        write(to_csv(columns, [list(r.values()) for r in records]))
    elif not records:
        _err("lernet: no memos")
    else:
        print_table(columns, [list(r.values()) for r in records], numeric_from=len(columns))


def _ask_code(codebook: Codebook, console: Any) -> str | None:
    """A valid code from the reviewer; None to go back to the choice, "" at end of input."""
    from ..coding.manual import find_code

    while True:
        try:
            answer = typer.prompt("new code (id or label; empty to go back)", default="")
        except (typer.Abort, EOFError):
            return ""
        if not answer.strip():
            return None
        if find_code(codebook, answer) is not None:
            return answer
        console.print(f"unknown code {answer!r}; lernet codebook show lists them")


def _evidence(text: str, start: int, end: int, plain: bool) -> Any:
    """The segment with its evidence marked: bold and reversed in a terminal, between »…« when
    styles cannot show (piped into a file or another program, or a dumb terminal)."""
    from rich.text import Text

    if plain:
        return Text(f"{text[:start]}»{text[start:end]}«{text[end:]}")
    marked = Text(text)
    marked.stylize("bold reverse", start, end)
    return marked


@handle_errors
def review(
    code_: Annotated[
        str | None, typer.Option("--code", help="Only this code (and sub-codes).")
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Only this theme's codes.")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(help="Your name as reviewer (default: $LERNET_CODER or your login name)."),
    ] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates",
            help="Review instead what the rules missed: per code, the turns without it that "
            "resemble it most. Accepting codes the turn; a rejected one does not come back.",
        ),
    ] = False,
    limit: LimitOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Go through the rules' codings one by one: accept, reject, change the code, or skip.

    Every decision is saved at once; stop with q (or Ctrl-C) and run it again to go on."""
    from rich.console import Console
    from rich.text import Text

    from ..codebook.codebook import load_codebook
    from ..coding import review as rv
    from ..errors import CodebookError

    project, store, codebook, _ = _open(project_dir)
    # With its rules, to show which of a rule's words fired; if a rule does not compile, the
    # review goes on without them.
    with contextlib.suppress(CodebookError):
        codebook = load_codebook(project.codebook_path, cache=project.cache_dir)
    who = (reviewer or rv.default_reviewer()).strip()
    if not who or who == "auto":
        raise UsageError("--reviewer needs a name other than 'auto'")
    console = Console(highlight=False)
    # Without colours (piped, or a dumb terminal) styles vanish: the evidence gets »…« instead.
    plain = console.color_system is None
    console.soft_wrap = not console.is_terminal  # a file gets whole lines
    if candidates:
        from .candidates import review_candidates, selected

        with store:
            ids = selected(codebook, code_, theme)
            review_candidates(project, store, ids, limit, who, console, plain)
        return
    if limit is not None:
        raise UsageError("--limit goes with --candidates")
    with store:
        ids = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        todo = rv.queue(store, ids)
        if not todo:
            _err("lernet: nothing to review: no pending codings for that selection")
            return
        done = rv.Tally()
        lang = project.language
        for n, row in enumerate(todo, 1):
            code = codebook.codes.get(row.code)
            label = code.label(lang) if code else row.code
            console.rule(f"{n}/{len(todo)}  {row.path} · segment {row.segment}")
            console.print(_evidence(row.segment_text, row.start, row.end, plain))
            console.print(
                Text.assemble(
                    "code: ",
                    (row.code, "bold"),
                    f" ({label})  rule: {row.rule or row.source}",
                    f"  direction: {row.direction}" if row.direction else "",
                )
            )
            fired = rv.fired_words(codebook, row)
            if fired:
                rule = rv.rule_of(codebook, row)
                negated = rule is not None and rule.negation == "require"
                console.print(
                    Text(
                        "fired on: "
                        + ", ".join(
                            words if words.casefold() == term.casefold() else f"{words} ({term})"
                            for term, words in fired
                        )
                        + ("; negated, as the rule requires" if negated else "")
                    )
                )
            while True:
                try:
                    answer = typer.prompt(
                        "[a]ccept, [r]eject, [c]hange code, [s]kip, [q]uit",
                        default="s",
                        show_default=False,
                    )
                except (typer.Abort, EOFError):
                    answer = "q"
                decision = rv.parse_decision(answer)
                if decision is None:
                    console.print(f"'{answer}' is not one of a, r, c, s, q")
                    continue
                new_code = None
                if decision == "change":
                    new_code = _ask_code(codebook, console)
                    if new_code is None:
                        continue
                    if new_code == "":
                        decision = "quit"
                break
            if decision == "quit":
                break
            rv.decide(store, codebook, row, decision, who, new_code, done)
        left = len(rv.queue(store, ids))
    more = f"; {left} still pending (run lernet review again to go on)" if left else ""
    _err(f"lernet: {done}; saved as reviewer {who!r}{more}")
