"""Exchange commands: export qdpx/qdc/csv, import qdpx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..language.plural import counted
from .common import (
    SAID,
    FileOpt,
    ForceOpt,
    ProjectOpt,
    _err,
    _open,
    _scope,
    handle_errors,
    no_anonymize_opt,
)
from .names import note_unhidden
from .team import AddCodesOpt, MapOpt, NewCodeOpt, run_merge

if TYPE_CHECKING:
    from ..analysis.hidden_contacts import HiddenContacts
    from ..analysis.scope import FileScope
    from ..analysis.uncased import Uncased
    from ..codebook.codebook import Codebook
    from ..project.participants import Participants
    from ..project.project import Project
    from ..store.store import Store

QdpxNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the sources, memos, codebook examples and cases' descriptions and "
        "variables, the coders' names (the archive then says whose pseudonym is whom) and the "
        "source names"
    ),
]
CsvNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the passages, notes and participant variables, the coders' names and the "
        "transcripts' paths (a file outside the project's with its whole path)"
    ),
]
QdcNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the codebook's examples and counterexamples (often a participant's words)"
    ),
]


def _check_suffix(out: Path, suffix: str, what: str) -> None:
    """Refuse a file name other tools would not take for what is written: NVivo, ATLAS.ti and
    MAXQDA open a project by its .qdpx and a codebook by its .qdc."""
    if out.suffix.lower() != suffix:
        raise UsageError(
            f"{what} is written as {suffix} (other programs look for that extension); "
            f"name it {out.with_suffix(suffix).name}",
            out,
        )


SpanOpt = Annotated[
    str,
    typer.Option(
        "--span",
        help="What a rule's coding covers: 'sentence' (the sentence(s) holding the evidence, as "
        "`quotes` shows), 'turn' (the whole turn) or 'evidence' (only the matched words). A "
        "coding a person marked keeps what they marked.",
    ),
]


@handle_errors
def export_qdpx_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdpx file to write.")],
    no_anonymize: QdpxNoAnonOpt = False,
    span: SpanOpt = "sentence",
    positions: Annotated[
        str,
        typer.Option(
            "--positions",
            help="How character positions are counted: 'utf16' (UTF-16 code units, as NVivo "
            "counts them) or 'codepoints' (Unicode code points, as REFI-QDA 1.5 words it and "
            "QualCoder counts them). They differ only after emoji and other characters outside "
            "the Basic Multilingual Plane.",
        ),
    ] = "utf16",
    force: ForceOpt = False,
    files: FileOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """The whole project (or, with --file, some of its transcripts) as REFI-QDA (NVivo,
    ATLAS.ti, MAXQDA, QualCoder), anonymized."""
    from ..exchange.qdpx_export import export_qdpx
    from ..exchange.spans import check_positions, check_span

    _check_suffix(out, ".qdpx", "a REFI-QDA project")
    check_span(span)
    check_positions(positions)
    project, store, codebook, participants = _open(project_dir)
    with store:
        scope = _scope(store, files, project)
        s = export_qdpx(
            project,
            store,
            codebook,
            participants,
            out,
            anonymize=not no_anonymize,
            overwrite=force,
            span=span,
            positions=positions,
            only=scope.ids if scope is not None else None,
        )
        unhidden, uncased, contacts = _unhidden(
            project, store, codebook, participants, not no_anonymize, examples=True
        )
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    _err(
        f"lernet: wrote {out}: {counted(s.sources, 'source')}, {counted(s.codes, 'code')}, "
        f"{counted(s.codings, 'coding')}"
        + (f" ({s.widened} widened from their evidence to the {s.span})" if s.widened else "")
        + f", {counted(s.cases, 'case')}, {counted(s.notes, 'note')}"
        + (f" (--file: {s.sources} of {scope.total} transcripts)" if scope is not None else "")
        + ("" if s.anonymized else " (NOT anonymized)")
    )
    note_unhidden(
        unhidden,
        "in what was said, comments' notes, participant variables, file names or codebook examples",
        project.language,
        uncased,
        contacts=contacts,
    )


@handle_errors
def export_qdc_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdc file to write.")],
    no_anonymize: QdcNoAnonOpt = False,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The codebook alone as REFI-QDA .qdc (match rules have no place there and are left out);
    the examples anonymized as in export qdpx."""
    from ..analysis.people import make_redactor
    from ..exchange.qdc import export_qdc

    _check_suffix(out, ".qdc", "a REFI-QDA codebook")
    project, store, codebook, participants = _open(project_dir)
    with store:
        redactor = None if no_anonymize else make_redactor(participants, store, project)
        n = export_qdc(
            codebook,
            out,
            language=project.language,
            store=store,
            overwrite=force,
            redactor=redactor,
        )
    memos = sum(1 for code in codebook.walk() if code.memo)
    _err(
        f"lernet: wrote {out}: {counted(n, 'code')} (match rules are not part of .qdc"
        + (
            f", nor are the memos of {counted(memos, 'code')}: a .qdc has no notes; lernet export "
            "qdpx "
            "carries them)"
            if memos
            else ")"
        )
        + (" (NOT anonymized)" if no_anonymize else "")
    )


@handle_errors
def export_csv_cmd(
    out: Annotated[Path, typer.Argument(help="The .csv (or .txt) file to write.")],
    no_anonymize: CsvNoAnonOpt = False,
    span: SpanOpt = "sentence",
    delimiter: Annotated[
        str,
        typer.Option(
            "--delimiter",
            help="auto (';' for a Dutch project, as Dutch Excel expects; ',' for English), "
            "',', ';' or tab.",
        ),
    ] = "auto",
    force: ForceOpt = False,
    files: FileOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """One row per coding (participant, group, theme, code, coder, status, text; the labels in
    the project's language) for Excel or R."""
    from ..coding.orphans import left_out, left_out_line
    from ..exchange.csv_export import delimiter_for, export_csv
    from ..exchange.spans import check_span

    if out.suffix.lower() not in (".csv", ".txt"):
        # CSV text under .xlsx (or no extension) is a file Excel refuses to open
        raise UsageError(
            f"the codings are written as CSV text: name the file {out.with_suffix('.csv').name} "
            "(Excel opens a .csv)",
            out,
        )
    check_span(span)
    project, store, codebook, participants = _open(project_dir)
    sep = delimiter_for(delimiter, project.csv_style)
    with store:
        scope = _scope(store, files, project)
        if scope is not None and not store.coding_rows(transcripts=scope.ids):
            raise UsageError(_no_codings(scope))
        n = export_csv(
            store,
            codebook,
            participants,
            out,
            anonymize=not no_anonymize,
            overwrite=force,
            span=span,
            project=project,
            delimiter=sep,
            transcripts=scope.ids if scope is not None else None,
        )
        unhidden, uncased, contacts = _unhidden(
            project, store, codebook, participants, not no_anonymize
        )
        left = left_out(store, codebook, scope.ids if scope is not None else None)
    if left:
        _err(f"lernet: warning: {left_out_line(left, project.codebook_path.name)}")
    shown = "tab" if sep == "\t" else f"'{sep}'"
    _err(
        f"lernet: wrote {out}: {counted(n, 'coding')}, separated by {shown}"
        + (" (NOT anonymized)" if no_anonymize else "")
    )
    note_unhidden(
        unhidden,
        "in what was said, comments' notes, participant variables or file names",
        project.language,
        uncased,
        contacts=contacts,
    )


def _no_codings(scope: FileScope) -> str:
    """The error for a `--file` whose transcripts hold no coding to export."""
    n = len(scope.ids)
    patterns = " ".join(f"--file {p!r}" for p in scope.patterns)
    return (
        f"the {n} transcript{'' if n == 1 else 's'} {patterns} keeps hold{'s' if n == 1 else ''} "
        "no codings: nothing written"
    )


def _unhidden(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    on: bool,
    examples: bool = False,
) -> tuple[int, Uncased | None, HiddenContacts | None]:
    """How many likely names an anonymized export leaves, its turns written without capitals,
    where names cannot be found by their capital, and the phone numbers and addresses it hid
    by their form (none without anonymizing)."""
    from ..analysis.name_sources import names_and_contacts, uncased_turns

    if not on:
        return 0, None, None
    found, contacts = names_and_contacts(project, store, codebook, participants, examples=examples)
    return len(found), uncased_turns(store), contacts


@handle_errors
def import_qdpx_cmd(
    archive: Annotated[Path, typer.Argument(help="The .qdpx file to read.")],
    into: Annotated[
        Path,
        typer.Option(
            help="Folder for the new project; or a lernet project, to add the archive to it "
            "(as `lernet merge` does: backed up first, codes by name, new sources with their "
            "text, importing again adds nothing)."
        ),
    ] = Path("."),
    maps: MapOpt = None,
    add_codes: AddCodesOpt = False,
    new_code: NewCodeOpt = None,
) -> None:
    """Codes, sources, cases and codings (with their coders) from another tool as a new project,
    or added to an existing one."""
    from ..exchange.qdpx_import import import_qdpx
    from ..project.project import CONFIG_NAME

    if (into / CONFIG_NAME).is_file():
        run_merge(archive, [], False, list(maps or []), into, add_codes, new_code)
        return
    if maps:
        raise UsageError(
            "--map maps code names onto an existing project's codes; a new project takes the "
            "archive's codes as they are"
        )
    s = import_qdpx(archive, into)
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    for note in s.notices:
        _err(f"lernet: {note}")
    _err(
        f"lernet: imported {counted(s.sources, 'source')}, {counted(s.codes, 'code')}, "
        f"{counted(s.codings, 'coding')}"
        + (f" and {counted(s.memos, 'memo')}" if s.memos else "")
        + f" by {', '.join(s.coders) or 'nobody'} into {s.project_root}"
    )


@handle_errors
def import_taguette_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Taguette's highlights as CSV or Excel (Export highlights): all tags, or one file "
            "per tag; or Taguette's own project file (.sqlite3)."
        ),
    ],
    coder: Annotated[
        str,
        typer.Option(
            "--coder",
            help="Whose coding the highlights are: the colleague who made them in Taguette.",
        ),
    ] = "taguette",
    project_dir: ProjectOpt = None,
) -> None:
    """Highlights from Taguette as codings on this project's transcripts (matched by the
    document's name and the highlighted words); tags become codes, new ones added to the
    codebook."""
    from ..exchange.taguette import import_taguette, unplaced_lines, write_taguette
    from ..project.project import codebook_file

    project, store, codebook, _ = _open(project_dir)
    with store:
        result, new = import_taguette(store, codebook, list(files), coder)
        write_taguette(store, codebook_file(project), result, new, project.root)
        empty = not store.transcripts()
    for line in unplaced_lines(result, empty):
        _err(f"lernet: {line}")
    if result.cut_at_interviewer:
        _err(
            f"lernet: {counted(result.cut_at_interviewer, 'highlight')} also held the "
            "interviewer's words: "
            "only the participants' words are coded"
        )
    if result.new_codes:
        _err(
            f"lernet: added {counted(len(result.new_codes), 'code')} to "
            f"{codebook_file(project).name}: " + ", ".join(result.new_codes)
        )
    if result.codebook_backup is not None:
        _err(f"lernet: the previous codebook is kept as {project.relative(result.codebook_backup)}")
    _err(
        f"lernet: placed {result.placed} of {counted(result.highlights, 'highlight')} in "
        f"{counted(len(result.documents), 'transcript')}: {counted(result.added, 'coding')} by "
        f"{coder}"
        + (f" ({result.already} there already)" if result.already else "")
        + (f"; store backed up to {result.backup}" if result.backup else "")
    )


@handle_errors
def export_taguette_cmd(
    out: Annotated[Path, typer.Argument(help="The .csv file to write.")],
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The codebook as the CSV Taguette's "Import codebook" reads: each theme and code a tag,
    its labels as a path (Theme.Code), with its description and counts."""
    from ..codebook.codebook import load_codebook
    from ..exchange.taguette_codes import codebook_csv
    from ..output.files import check_new, write_output
    from ..project.project import codebook_file, load_project
    from ..store.store import Store

    _check_suffix(out, ".csv", "a codebook for Taguette")
    check_new(out, force)
    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    if project.store_path.exists():
        with Store.open(project.store_path) as store:
            data = codebook_csv(codebook, store, project.language)
    else:
        data = codebook_csv(codebook, None, project.language)  # nothing coded yet: no counts
    write_output(out, data)
    n = sum(1 for _ in codebook.walk())
    _err(f"lernet: wrote {out}: {counted(n, 'tag')} (in Taguette: Project, Import codebook)")
