"""The command line: parse options, call the library, render. No domain logic lives here."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import __version__
from ..errors import LernetError, StoreError, UsageError

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from ..project.participants import Participants
    from ..project.project import Project
    from ..store.store import Store

app = typer.Typer(
    name="lernet",
    help="Code interview transcripts; count interviewees; quote them anonymously.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
codebook_app = typer.Typer(
    help="Check, test and show a codebook.", no_args_is_help=True, add_completion=False
)
app.add_typer(codebook_app, name="codebook")
export_app = typer.Typer(
    help="Write the project for other tools: REFI-QDA (.qdpx, .qdc) or CSV.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(export_app, name="export")
import_app = typer.Typer(
    help="Make a lernet project from another tool's REFI-QDA archive.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(import_app, name="import")

F = TypeVar("F", bound=Callable[..., Any])

ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")]
NoAnonOpt = Annotated[bool, typer.Option("--no-anonymize", help="Keep names as they were said.")]
ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project", help="Project folder (default: search upward from here).", show_default=False
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, md, csv or json.")]
CoderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--coder", help="Count only this coder's codings (repeat for several; auto = the rules)."
    ),
]
ReviewedOpt = Annotated[
    bool,
    typer.Option(
        "--reviewed", help="Count only codings a person made or accepted (not pending auto codes)."
    ),
]


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def handle_errors(func: F) -> F:
    """Turn the user's mistakes into one line on stderr and a distinct exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LernetError as exc:
            _err(f"lernet: error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.DatabaseError as exc:
            from ..store.store import _explain

            _err(f"lernet: error: {_explain(exc)}")
            raise typer.Exit(StoreError.exit_code) from None
        except KeyboardInterrupt:
            _err("lernet: interrupted; the store keeps every file that was finished")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _check_format(value: str, allowed: tuple[str, ...]) -> str:
    value = value.lower()
    if value not in allowed:
        raise UsageError(f"unknown format {value!r}; choose one of: {', '.join(allowed)}")
    return value


def _open(project_dir: Path | None) -> tuple[Project, Store, Codebook, Participants]:
    from ..codebook.codebook import load_codebook
    from ..project.participants import load_participants
    from ..project.project import load_project
    from ..store.store import Store

    project = load_project(project_dir)
    codebook = load_codebook(project.codebook_path, with_rules=False, cache=project.cache_dir)
    store = Store.open(project.store_path)
    participants = load_participants(_participants_path(project, store))
    return project, store, codebook, participants


def _participants_path(project: Project, store: Store | None) -> Path | None:
    if project.participants_path is not None:
        return project.participants_path
    if store is not None:
        remembered = store.get_meta("participants_path")
        if remembered and (project.root / remembered).is_file():
            return project.root / remembered
    from ..project.participants import find_participants_file

    return find_participants_file([project.root])


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"lernet {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = None,
) -> None:
    """lernet: qualitative coding of interview transcripts for learning-network research."""


@app.command()
@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the project.")] = Path("."),
    language: Annotated[str, typer.Option(help="nl or en: labels and headings.")] = "nl",
) -> None:
    """Create a project: lernet.yaml, an editable codebook.yaml and the store in .lernet/."""
    from ..project.project import init_project

    if language not in ("nl", "en"):
        raise UsageError("--language must be nl or en")
    project, created = init_project(folder, language)
    if created:
        _err(f"lernet: created {', '.join(created)} in {project.root}")
    else:
        _err(f"lernet: {project.root} is already a lernet project; nothing changed")


@app.command()
@handle_errors
def code(
    files: Annotated[
        list[Path],
        typer.Argument(help="Transcripts or folders (.docx, .odt, .txt, .md, .vtt, .srt)."),
    ],
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
    tags, and store the codings."""
    from ..codebook.codebook import load_codebook
    from ..coding.pipeline import CodeOptions, collect_files
    from ..project.participants import find_participants_file, load_participants
    from ..project.project import find_project_root, init_project, load_project
    from ..store.store import Store

    paths = collect_files(files)
    if not paths:
        from ..readers import SUPPORTED_SUFFIXES

        raise UsageError(
            f"no transcripts found ({', '.join(SUPPORTED_SUFFIXES)}) in "
            + ", ".join(map(str, files))
        )
    if project_dir is None and find_project_root(Path.cwd()) is None:
        project, _ = init_project(Path.cwd())
        _err(f"lernet: no project here; created one in {project.root} with the default codebook")
    else:
        project = load_project(project_dir)
    codebook = load_codebook(project.codebook_path, cache=project.cache_dir)
    if project.protocol_path is not None:
        from ..coding.protocol import load_protocol

        codebook.protocol = load_protocol(project.protocol_path, codebook)
    store = Store.open(project.store_path, create=True)
    with store:
        ppath = _participants_path(project, store)
        if ppath is None:
            ppath = find_participants_file(sorted({p.parent for p in paths}))
            if ppath is not None:
                store.set_meta("participants_path", project.relative(ppath))
        participants = load_participants(ppath)
        if not coder.strip() or coder.strip() == "auto":
            raise UsageError("--coder needs a name other than 'auto' (the rules' name)")
        options = CodeOptions(participant, group, label, list(interviewer or []), coder.strip())
        results = _run_coding(project, store, codebook, participants, paths, options)
    _print_code_summary(results, participants.path, project)
    if any(r.status == "error" for r in results):
        raise typer.Exit(5)


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
        rows.append(
            [
                Path(r.path).name,
                r.participant or "",
                r.group or "",
                r.status,
                r.segments if r.status not in ("unchanged", "error") else "",
                r.codings if r.status not in ("unchanged", "error") else "",
                r.manual if r.status not in ("unchanged", "error") else "",
            ]
        )
    print_table(
        ["file", "participant", "group", "status", "turns coded", "codings", "by hand"],
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


def _selection(store: Store, coder: list[str] | None, reviewed: bool) -> dict[str, Any]:
    """Which codings count: by default every coding not rejected (see README, "What counts")."""
    if coder:
        from ..analysis.agreement import known_coders

        known = known_coders(store)
        for name in coder:
            if name not in known:
                raise UsageError(f"unknown coder {name!r}; coders: {', '.join(known)}")
    return {"coders": coder or None, "reviewed": reviewed}


@app.command()
@handle_errors
def speakers(
    files: Annotated[list[Path], typer.Argument(help="Transcripts or folders.")],
    interviewer: Annotated[
        list[str] | None, typer.Option(help="Speaker label of the interviewer.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """The speakers lernet finds in each transcript: role, turns and words. Changes nothing."""
    from ..coding.pipeline import collect_files
    from ..coding.speakers import speaker_table
    from ..output.render import print_table, to_csv, to_json, write
    from ..readers import read_transcript

    fmt = _check_format(fmt, ("table", "csv", "json"))
    read = []
    for path in collect_files(files):
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


@app.command()
@handle_errors
def tally(
    theme: Annotated[str | None, typer.Option(help="Theme id or label (nl or en).")] = None,
    by: Annotated[str | None, typer.Option(help="'group': a column per participant group.")] = None,
    fmt: FormatOpt = "table",
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Count participants (the report's "(5x)") and coded segments per theme and code."""
    from ..analysis.tally import tally as do_tally
    from ..analysis.tally import tally_markdown
    from ..output.render import print_table, to_csv, to_json, to_md_table, write

    fmt = _check_format(fmt, ("table", "md", "csv", "json"))
    if by not in (None, "group"):
        raise UsageError(f"--by takes 'group', not {by!r}")
    project, store, codebook, participants = _open(project_dir)
    with store:
        th = codebook.resolve_theme(theme) if theme else None
        ids = codebook.descendants(th.id) if th else None
        selected = store.coding_rows(codes=ids, **_selection(store, coder, reviewed))
        result = do_tally(codebook, selected, participants, th, project.language)
    if fmt == "json":
        write(to_json(result.to_json()))
        return
    if fmt == "md" and by is None:
        from ..analysis.tally import tally_markdown

        write(tally_markdown(result, project.language))
        return
    show_groups = by == "group" or fmt == "csv"
    groups = result.groups if show_groups else []
    if fmt == "table":
        columns = ["theme / code", "participants", "segments", *groups, "id"]
        rows = [
            [
                ("  " * r.depth) + r.label,
                f"{r.participants}x",
                r.segments,
                *[r.by_group.get(g, 0) for g in groups],
                r.id,
            ]
            for r in result.rows
        ]
        bold = {i for i, r in enumerate(result.rows) if r.is_theme}
        print_table(columns, rows, bold_rows=bold, numeric_from=1, numeric_to=len(columns) - 1)
        return
    columns = ["id", "label", "participants", "segments", *groups]
    rows = [
        [r.id, r.label, r.participants, r.segments, *[r.by_group.get(g, 0) for g in groups]]
        for r in result.rows
    ]
    write(to_csv(columns, rows) if fmt == "csv" else to_md_table(columns, rows))


@app.command()
@handle_errors
def quotes(
    theme: Annotated[str | None, typer.Option(help="Theme id or label (nl or en).")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Code id or label.")] = None,
    group: Annotated[str | None, typer.Option(help="Only this participant group.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md or json.")] = "text",
    limit: Annotated[int, typer.Option(help="At most this many quotes per code (0: all).")] = 0,
    no_anonymize: Annotated[
        bool, typer.Option("--no-anonymize", help="Show names as they were said.")
    ] = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Quotes for a theme or code, attributed by role only: “…” (NIPlan adviseur)."""
    from ..analysis.people import make_redactor
    from ..analysis.quotes import collect_quotes, format_quote
    from ..output.render import to_json, write

    fmt = _check_format(fmt, ("text", "md", "json"))
    project, store, codebook, participants = _open(project_dir)
    with store:
        ids: list[str] | None = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        if theme:
            th_ids = codebook.descendants(codebook.resolve_theme(theme).id)
            ids = th_ids if ids is None else [i for i in ids if i in th_ids]
        rows = store.coding_rows(codes=ids, **_selection(store, coder, reviewed))
        redactor = None if no_anonymize else make_redactor(participants, store)
    if group is not None:
        known = {p.group for p in participants.people.values() if p.group} | {
            r.group_name for r in rows if r.group_name
        }
        if group.casefold() not in {g.casefold() for g in known}:
            raise UsageError(
                f"unknown group {group!r}; groups: {', '.join(sorted(known)) or '(none)'}"
            )
    found = collect_quotes(codebook, rows, participants, redactor, group)
    if limit > 0:
        kept: list[Any] = []
        per: dict[str, int] = {}
        for q in found:
            per[q.code] = per.get(q.code, 0) + 1
            if per[q.code] <= limit:
                kept.append(q)
        found = kept
    if fmt == "json":
        write(to_json([q.to_json() for q in found]))
        return
    lang = project.language
    out: list[str] = []
    current = None
    for q in found:
        if q.code != current:
            current = q.code
            c = codebook.codes.get(q.code)
            theme_label = (
                codebook.codes[q.theme].label(lang) if q.theme in codebook.codes else q.theme
            )
            heading = f"{theme_label} › {c.label(lang) if c else q.code}"
            if fmt == "md":
                out.append(("\n" if out else "") + f"### {heading}\n")
            else:
                out.append(("\n" if out else "") + heading)
        line = format_quote(q, project.quote_attribution)
        out.append(f"> {line}\n" if fmt == "md" else f"  {line}")
    if not found:
        _err("lernet: no quotes for that selection")
        return
    write("\n".join(out) + "\n")


@app.command()
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
    fmt: FormatOpt = "table",
    no_anonymize: NoAnonOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """List codings one by one: file, participant, segment, code, coder, status, evidence."""
    from ..analysis.people import make_redactor, person_of
    from ..output.render import print_table, to_csv, to_json, write

    fmt = _check_format(fmt, ("table", "csv", "json"))
    if status is not None and status not in ("accepted", "rejected", "pending", "vanished"):
        raise UsageError(
            f"--status must be accepted, rejected, pending or vanished, not {status!r}"
        )
    _, store, codebook, participants = _open(project_dir)
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
        redactor = None if no_anonymize else make_redactor(participants, store)
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


@app.command()
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
    _, store, _, participants = _open(project_dir)
    with store:
        found = store.memo_rows()
        redactor = None if no_anonymize else make_redactor(participants, store)
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


@app.command()
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
    project_dir: ProjectOpt = None,
) -> None:
    """Go through the rules' codings one by one: accept, reject, change the code, or skip.

    Every decision is saved at once; stop with q (or Ctrl-C) and run it again to go on."""
    from rich.console import Console
    from rich.text import Text

    from ..coding import review as rv

    project, store, codebook, _ = _open(project_dir)
    who = (reviewer or rv.default_reviewer()).strip()
    if not who or who == "auto":
        raise UsageError("--reviewer needs a name other than 'auto'")
    console = Console(highlight=False)
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
            text = Text(row.segment_text)
            text.stylize("bold reverse", row.start, row.end)
            console.rule(f"{n}/{len(todo)}  {row.path} · segment {row.segment}")
            console.print(text)
            console.print(
                f"code: [bold]{row.code}[/bold] ({label})  rule: {row.rule or row.source}"
                + (f"  direction: {row.direction}" if row.direction else "")
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


@app.command()
@handle_errors
def matrix(
    codes: Annotated[
        str, typer.Option(help="Theme or code whose sub-codes make the rows.")
    ] = "interest_balance",
    counts: Annotated[bool, typer.Option("--counts", help="Show participants per cell.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, md, csv, json or docx.")] = (
        "table"
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File for --format docx.")
    ] = None,
    force: ForceOpt = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """What each group brings and takes: Brengen / Halen / Brengen en halen / n.v.t."""
    from ..analysis.matrix import cell_text, interest_matrix
    from ..output.render import print_table, to_csv, to_json, to_md_table, write

    fmt = _check_format(fmt, ("table", "md", "csv", "json", "docx"))
    if fmt == "docx" and output is None:
        raise UsageError("--format docx needs --output FILE.docx")
    project, store, codebook, participants = _open(project_dir)
    root = codebook.resolve(codes, "theme or code").id
    with store:
        rows = store.coding_rows(
            codes=codebook.descendants(root), **_selection(store, coder, reviewed)
        )
    result = interest_matrix(codebook, rows, participants, root, project.language)
    if fmt == "docx" and output is not None:
        from ..output.report import write_matrix_docx

        write_matrix_docx(result, codebook, project.language, output, overwrite=force)
        _err(f"lernet: wrote {output}")
        return
    if fmt == "json":
        write(to_json(result.to_json()))
        return
    lang = project.language
    columns = ["code", *result.groups]
    table_rows: list[list[Any]] = []
    parent = None
    for r in result.rows:
        if r.parent != parent and r.parent != root and r.parent in codebook.codes:
            parent = r.parent
            if fmt in ("table", "md"):
                table_rows.append([codebook.codes[parent].label(lang), *[""] * len(result.groups)])
        label = f"- {r.label}" if fmt in ("table", "md") and r.parent != root else r.label
        table_rows.append(
            [label, *[cell_text(r.cells[g], lang, counts, r.directional) for g in result.groups]]
        )
    if fmt == "csv":
        write(
            to_csv(
                ["id", "label", *result.groups],
                [
                    [
                        r.id,
                        r.label,
                        *[
                            cell_text(r.cells[g], lang, counts, r.directional)
                            for g in result.groups
                        ],
                    ]
                    for r in result.rows
                ],
            )
        )
    elif fmt == "md":
        write(to_md_table(columns, table_rows))
    else:
        print_table(columns, table_rows, numeric_from=len(columns))


@app.command()
@handle_errors
def phases(
    fmt: FormatOpt = "table",
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """How many participants place the network in each development phase, and a sentence."""
    from ..analysis.phases import phase_distribution, phase_sentence
    from ..output.render import print_table, to_csv, to_json, to_md_table, write

    fmt = _check_format(fmt, ("table", "md", "csv", "json"))
    project, store, codebook, participants = _open(project_dir)
    with store:
        total = len(store.people())
        selected = store.coding_rows(**_selection(store, coder, reviewed))
        result = phase_distribution(codebook, selected, participants, total, project.language)
    sentence = phase_sentence(result, project.language)
    if fmt == "json":
        write(to_json({**result.to_json(), "sentence": sentence}))
        return
    columns = ["phase", "participants", "id"]
    rows = [[r.label, f"{r.participants}x", r.id] for r in result.rows]
    if fmt == "csv":
        write(to_csv(columns, [[r.label, r.participants, r.id] for r in result.rows]))
    elif fmt == "md":
        write(to_md_table(columns, rows) + "\n" + sentence + "\n")
    else:
        print_table(columns, rows, numeric_from=1, numeric_to=2)
        write(sentence + "\n")


@app.command()
@handle_errors
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report.docx or report.md.")],
    quotes_per_code: Annotated[int, typer.Option("--quotes", help="Quotes per code.")] = 3,
    no_anonymize: NoAnonOpt = False,
    force: ForceOpt = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Write the analytic part of the report: participants, findings per theme with quotes and a
    chart, the interest matrix and the phases, as Word (.docx) or Markdown (.md)."""
    from ..output.report import build_report, write_docx, write_markdown

    suffix = output.suffix.lower()
    if suffix not in (".docx", ".md"):
        raise UsageError("the report is written as .docx or .md", output)
    if output.exists() and not force:
        raise UsageError("already exists; lernet does not overwrite files (use --force)", output)
    project, store, codebook, participants = _open(project_dir)
    with store:
        built = build_report(
            project,
            store,
            codebook,
            participants,
            quotes_per_code,
            not no_anonymize,
            selection=_selection(store, coder, reviewed),
        )
    if suffix == ".docx":
        write_docx(built, codebook, output, overwrite=force)
    else:
        write_markdown(built, codebook, output, overwrite=force)
    _err(f"lernet: wrote {output}")


def _num(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "undefined"
    return f"{value * 100:.1f}%" if percent else f"{value:.3f}"


@app.command()
@handle_errors
def agree(
    coder_a: Annotated[str, typer.Argument(help="A coder name, or auto.")],
    coder_b: Annotated[str, typer.Argument(help="Another coder name, or auto.")],
    theme: Annotated[str | None, typer.Option(help="Only this theme's codes.")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    unit: Annotated[str, typer.Option(help="segment or participant.")] = "segment",
    show_disagreements: Annotated[
        bool, typer.Option("--show-disagreements", help="List them with the segment text.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    project_dir: ProjectOpt = None,
) -> None:
    """Agreement between two coders: percent, Cohen's kappa, Krippendorff's alpha per code."""
    from ..analysis.agreement import agreement
    from ..analysis.people import make_redactor
    from ..output.render import print_table, to_csv, to_json, write

    fmt = _check_format(fmt, ("table", "csv", "json"))
    _, store, codebook, participants = _open(project_dir)
    with store:
        ids = None
        if code_:
            ids = [codebook.resolve(code_, "code").id]
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        result = agreement(store, codebook, coder_a, coder_b, ids, unit, show_disagreements)
        redactor = make_redactor(participants, store)
    for name in result.stale:
        _err(f"lernet: note: {name} was auto-coded with an older codebook; run lernet code")
    if fmt == "json":
        data = result.to_json()
        for c in data["codes"]:
            for d in c["disagreements"]:
                d.pop("text", None)
        write(to_json(data))
        return
    columns = ["code", "units", "agreement", "kappa", "alpha", "disagreements"]
    rows = []
    for code_row, (cid, n, agr, kap, alp, dis) in zip(
        [*result.codes, None], result.rows(), strict=True
    ):
        indent = "  " * code_row.depth if code_row is not None and fmt == "table" else ""
        rows.append([indent + cid, n, _num(agr, True), _num(kap), _num(alp), dis])
    if fmt == "csv":
        write(to_csv(columns, rows))
        return
    print_table(columns, rows, numeric_from=1, bold_rows={len(rows) - 1})
    if show_disagreements:
        for c in result.codes:
            for d in c.disagreements:
                where = d["file"] or d["participant"]
                seg = f" #{d['segment']}" if d["segment"] else ""
                text = redactor.redact(d.get("text", ""))
                write(f"{c.id}  {where}{seg}  only {d['coded_by']}: {text}\n")


@app.command()
@handle_errors
def suggest(
    code_: Annotated[str, typer.Option("--code", help="The code to learn terms for.")],
    coder: Annotated[
        str | None,
        typer.Option(help="Whose hand coding to learn from (default: the only person)."),
    ] = None,
    top: Annotated[int, typer.Option(help="How many terms to propose.")] = 10,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", help="Write this term into the code's rule (repeatable)."),
    ] = None,
    add_negated: Annotated[
        list[str] | None,
        typer.Option(
            "--add-negated", help="Write this term into a negation: require rule (repeatable)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    project_dir: ProjectOpt = None,
) -> None:
    """Propose match terms for a code from a person's hand coding, with leave-one-transcript-out
    precision and recall; --add writes chosen terms into the codebook and shows the new counts."""
    from ..codebook.codebook import load_codebook
    from ..learn.handcoding import choose_coder, load_hand_coding, rule_codes
    from ..output.render import to_json, write
    from ..project.project import load_project
    from ..store.store import Store

    fmt = _check_format(fmt, ("table", "json"))
    project = load_project(project_dir)
    codebook = load_codebook(project.codebook_path)
    code = codebook.resolve(code_, "code")
    if add or add_negated:
        _adopt(project, codebook, code.id, list(add or []), list(add_negated or []), fmt)
        return
    from ..learn.suggest import suggest as learn_terms

    with Store.open(project.store_path) as store:
        person = choose_coder(store, coder)
        hand = load_hand_coding(store, codebook, person)
        result = learn_terms(codebook, code.id, hand, rule_codes(codebook, hand.units, store), top)
    if fmt == "json":
        write(to_json(result.to_json()))
        return
    _print_suggestions(result, code.label(project.language))


def _print_suggestions(result: Any, label: str) -> None:
    from ..output.render import print_table, write

    write(
        f"{result.code} ({label}): {result.coder} coded {result.coded_segments} of "
        f"{result.segments} participant turns, in {result.transcripts_with_code} of "
        f"{result.transcripts} transcripts.\n"
        f"Current rules on these turns: precision {_num(result.rules.precision, True)}, "
        f"recall {_num(result.rules.recall, True)}.\n"
    )
    if not result.items:
        write("No term separates the coded turns from the others well enough to propose.\n")
    else:
        rows = [
            [
                i,
                s.feature.text,
                "yes" if s.feature.negated else "",
                f"{s.z:.2f}",
                s.coded,
                s.other,
                _num(s.loo.precision, True),
                _num(s.loo.recall, True),
                _num(s.loo_with_rules.precision, True),
                _num(s.loo_with_rules.recall, True),
                f"{s.folds}/{result.transcripts}",
            ]
            for i, s in enumerate(result.items, 1)
        ]
        columns = ["#", "term", "negated", "z", "coded", "other", "precision", "recall"]
        columns += ["+rules precision", "+rules recall", "proposed"]
        print_table(columns, rows, numeric_from=3, numeric_to=None)
        write(
            "precision and recall are estimated leave-one-transcript-out: a term codes a "
            "transcript only when it is proposed without that transcript (proposed: in how many).\n"
            "Write one into the rules with: lernet suggest --code "
            f"{result.code} --add TERM (--add-negated TERM for a negated one)\n"
        )
    if result.in_rules:
        write(f"Already in the rules: {', '.join(result.in_rules)}\n")


def _adopt(
    project: Any, codebook: Any, code_id: str, terms: list[str], negated: list[str], fmt: str
) -> None:
    from ..learn.adopt import adopt_terms
    from ..output.render import print_table, to_json, write
    from ..project.participants import load_participants
    from ..store.store import Store

    with Store.open(project.store_path) as store:
        participants = load_participants(_participants_path(project, store))
        result = adopt_terms(project, store, codebook, participants, code_id, terms, negated)
    if fmt == "json":
        write(
            to_json(
                {
                    "code": code_id,
                    "added": result.added,
                    "already_in_rules": result.already,
                    "backup": project.relative(result.backup) if result.backup else None,
                    "examples": result.examples,
                    "example_failures": result.failures_after,
                    "new_example_failures": result.new_failures,
                    "counts": [
                        {
                            "id": c.code,
                            "participants_before": c.participants_before,
                            "participants_after": c.participants_after,
                            "segments_before": c.segments_before,
                            "segments_after": c.segments_after,
                        }
                        for c in result.changes
                    ],
                }
            )
        )
        return
    if result.already:
        _err(f"lernet: already in the rules of {code_id}: {', '.join(result.already)}")
    if not result.added:
        return
    _err(f"lernet: added to {code_id} ({result.where}): {', '.join(result.added)}")
    if result.backup:
        _err(f"lernet: the previous codebook is kept as {project.relative(result.backup)}")
    failed = result.failures_after
    write(
        f"codebook test: {result.examples - len(failed)} passed, {len(failed)} failed "
        f"({len(result.new_failures)} new)\n"
    )
    for f in result.new_failures:
        write(f"NEW FAIL {f}\n")
    if not result.changes:
        write("tally: no count changes (the new terms code no turn the rules did not already)\n")
    else:
        print_table(
            ["code", "label", "interviewees", "segments"],
            [
                [
                    c.code,
                    c.label,
                    f"{c.participants_before} -> {c.participants_after}",
                    f"{c.segments_before} -> {c.segments_after}",
                ]
                for c in result.changes
            ],
            title="tally: before -> after re-coding",
            numeric_from=2,
        )
    if result.stale:
        _err(
            f"lernet: note: {result.stale} transcript(s) were coded with an older codebook; "
            "the change includes what re-coding them does anyway"
        )
    _err("lernet: run lernet code to store the new codings")


@app.command()
@handle_errors
def backup(
    out: Annotated[
        Path | None, typer.Argument(help="Where to write it (default: .lernet/backups/).")
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Copy the whole store (all codings, reviews and transcripts) to a file you can keep."""
    from ..project.project import load_project
    from ..store.backup import backup_store, default_backup_path
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        written = backup_store(store, out or default_backup_path(project.store_path))
    _err(f"lernet: backup written to {written}")


@app.command()
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


@export_app.command("qdpx")
@handle_errors
def export_qdpx_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdpx file to write.")],
    no_anonymize: NoAnonOpt = False,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The whole project as REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder), anonymized."""
    from ..exchange.refi import export_qdpx

    project, store, codebook, participants = _open(project_dir)
    with store:
        s = export_qdpx(
            project, store, codebook, participants, out, anonymize=not no_anonymize, overwrite=force
        )
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    _err(
        f"lernet: wrote {out}: {s.sources} sources, {s.codes} codes, {s.codings} codings, "
        f"{s.cases} cases, {s.notes} notes" + ("" if s.anonymized else " (NOT anonymized)")
    )


@export_app.command("qdc")
@handle_errors
def export_qdc_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdc file to write.")],
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The codebook alone as REFI-QDA .qdc (match rules have no place there and are left out)."""
    from ..exchange.refi import export_qdc

    project, store, codebook, _ = _open(project_dir)
    with store:
        n = export_qdc(codebook, out, language=project.language, store=store, overwrite=force)
    _err(f"lernet: wrote {out}: {n} codes (match rules are not part of .qdc)")


@export_app.command("csv")
@handle_errors
def export_csv_cmd(
    out: Annotated[Path, typer.Argument(help="The .csv file to write.")],
    no_anonymize: NoAnonOpt = False,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """One row per coding (participant, group, theme, code, coder, status, text) for Excel or R."""
    from ..exchange.refi import export_csv

    _, store, codebook, participants = _open(project_dir)
    with store:
        n = export_csv(
            store, codebook, participants, out, anonymize=not no_anonymize, overwrite=force
        )
    _err(f"lernet: wrote {out}: {n} codings")


@import_app.command("qdpx")
@handle_errors
def import_qdpx_cmd(
    archive: Annotated[Path, typer.Argument(help="The .qdpx file to read.")],
    into: Annotated[Path, typer.Option(help="Folder for the new project.")] = Path("."),
) -> None:
    """Codes, sources, cases and codings (with their coders) from another tool as a new project."""
    from ..exchange.refi import import_qdpx

    s = import_qdpx(archive, into)
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    _err(
        f"lernet: imported {s.sources} sources, {s.codes} codes, {s.codings} codings by "
        f"{', '.join(s.coders) or 'nobody'} into {s.project_root}"
    )


@codebook_app.command("import")
@handle_errors
def codebook_import(
    file: Annotated[Path, typer.Argument(help="A REFI-QDA .qdc codebook.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The codebook YAML to write.")],
    force: ForceOpt = False,
) -> None:
    """Turn a .qdc codebook into lernet YAML (labels, descriptions, nesting; no rules yet)."""
    from ..exchange.refi import import_qdc

    if out.exists() and not force:
        raise UsageError("already exists; lernet does not overwrite files (use --force)", out)
    out.write_text(import_qdc(file), encoding="utf-8")
    _err(f"lernet: wrote {out}; add match rules to code automatically")


@codebook_app.command("check")
@handle_errors
def codebook_check(
    file: Annotated[
        Path | None, typer.Argument(help="Codebook YAML (default: the project's).")
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Validate a codebook and list every problem with file:line and the code id."""
    from ..codebook.codebook import parse_codebook

    cb = parse_codebook(_codebook_file(file, project_dir))
    for p in cb.problems:
        _err(f"{p.severity}: {p}")
    errors = [p for p in cb.problems if p.severity == "error"]
    n_codes = sum(1 for _ in cb.walk())
    if errors:
        _err(f"lernet: {len(errors)} error(s) in {cb.path}")
        raise typer.Exit(4)
    typer.echo(f"{cb.path}: ok ({len(cb.themes)} themes, {n_codes - len(cb.themes)} codes)")


@codebook_app.command("test")
@handle_errors
def codebook_test(
    file: Annotated[
        Path | None, typer.Argument(help="Codebook YAML (default: the project's).")
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Run every code's examples and counterexamples; exit 1 on any failure."""
    from ..codebook.codebook import load_codebook
    from ..coding.autocode import run_examples

    cb = load_codebook(_codebook_file(file, project_dir))
    count, failures = run_examples(cb)
    for f in failures:
        typer.echo(f"FAIL {f}")
    typer.echo(f"{count - len(failures)} passed, {len(failures)} failed")
    if failures:
        raise typer.Exit(1)


@codebook_app.command("eval")
@handle_errors
def codebook_eval(
    coder: Annotated[
        str | None,
        typer.Option(help="Whose hand coding to measure against (default: the only person)."),
    ] = None,
    fmt: FormatOpt = "table",
    project_dir: ProjectOpt = None,
) -> None:
    """Precision, recall and F1 of the rules against a person's hand coding, per code, at segment
    and participant level, worst first: which rules to improve."""
    from ..codebook.codebook import load_codebook
    from ..learn.evaluate import evaluate
    from ..learn.handcoding import choose_coder, load_hand_coding, rule_codes
    from ..output.render import print_table, to_csv, to_json, to_md_table, write
    from ..project.project import load_project
    from ..store.store import Store

    fmt = _check_format(fmt, ("table", "md", "csv", "json"))
    project = load_project(project_dir)
    codebook = load_codebook(project.codebook_path, cache=project.cache_dir)
    with Store.open(project.store_path) as store:
        person = choose_coder(store, coder)
        hand = load_hand_coding(store, codebook, person)
        rules = rule_codes(codebook, hand.units, store)
    result = evaluate(codebook, hand, rules, project.language)
    if fmt == "json":
        write(to_json(result.to_json()))
        return
    percent = fmt != "csv"

    def num(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value * 100:.0f}%" if percent else f"{value:.4f}"

    columns = ["code", "label", "coded", "by rules", "both", "precision", "recall", "F1"]
    columns += ["people coded", "people by rules", "people P", "people R", "people F1"]
    rows = []
    for c in result.codes:
        seg, per = c.segment, c.participant
        rows.append(
            [
                c.code,
                c.label,
                seg.tp + seg.fn,
                seg.tp + seg.fp,
                seg.tp,
                num(seg.precision),
                num(seg.recall),
                num(seg.f1),
                per.tp + per.fn,
                per.tp + per.fp,
                num(per.precision),
                num(per.recall),
                num(per.f1),
            ]
        )
    if fmt == "csv":
        write(to_csv(columns, rows))
        return
    if fmt == "md":
        write(to_md_table(columns, rows))
        return
    _err(
        f"lernet: rules against {result.coder}'s hand coding: {result.segments} participant "
        f"turns of {result.participants} participants in {len(result.transcripts)} transcripts"
    )
    print_table(columns, rows, numeric_from=2)


@codebook_app.command("show")
@handle_errors
def codebook_show(
    file: Annotated[
        Path | None, typer.Argument(help="Codebook YAML (default: the project's).")
    ] = None,
    fmt: FormatOpt = "table",
    project_dir: ProjectOpt = None,
) -> None:
    """Print the codebook as a tree: ids, labels in both languages, number of rules."""
    from ..codebook.codebook import load_codebook
    from ..output.render import to_csv, to_json, to_md_table, write

    fmt = _check_format(fmt, ("table", "md", "csv", "json"))
    cb = load_codebook(_codebook_file(file, project_dir))
    if fmt == "json":
        write(
            to_json(
                [
                    {
                        "id": c.id,
                        "parent": c.parent,
                        "label": c.labels,
                        "description": c.description,
                        "rules": len(c.rules),
                        "examples": len(c.examples),
                    }
                    for c in cb.walk()
                ]
            )
        )
        return
    rows = [[c.id, c.label("nl"), c.label("en"), len(c.rules), len(c.examples)] for c in cb.walk()]
    columns = ["id", "nl", "en", "rules", "examples"]
    if fmt == "csv":
        write(to_csv(columns, rows))
    elif fmt == "md":
        write(to_md_table(columns, rows))
    else:
        from rich.console import Console
        from rich.tree import Tree

        tree = Tree(f"[bold]{cb.name}[/bold]")
        nodes: dict[str, Any] = {}
        for c in cb.walk():
            text = f"[bold]{c.id}[/bold]  {c.label('nl')} / {c.label('en')}"
            if c.rules:
                text += f"  [dim]({len(c.rules)} rules)[/dim]"
            parent = nodes.get(c.parent) if c.parent else tree
            nodes[c.id] = (parent or tree).add(text)
        Console().print(tree)


def _codebook_file(file: Path | None, project_dir: Path | None) -> Path:
    if file is not None:
        return file
    from ..project.project import default_codebook_path, find_project_root, load_project

    if project_dir is not None or find_project_root(Path.cwd()) is not None:
        return load_project(project_dir).codebook_path
    return default_codebook_path()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
