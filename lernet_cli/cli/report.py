"""`lernet report`: the analytic part of the report, as Word or Markdown (output/report.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .columns import _by_variable
from .common import (
    SAID,
    CoderOpt,
    FileOpt,
    ForceOutputOpt,
    LanguageOpt,
    ProjectOpt,
    ReviewedOpt,
    TidyOpt,
    _err,
    _open,
    _say_freshness,
    _scope,
    _selection,
    handle_errors,
    no_anonymize_opt,
)
from .names import _note_quoted
from .notes import (
    _say_coders,
    _say_if_empty,
    _say_merged,
    _say_no_groups,
    _say_pending_beside,
    _say_regrouped,
    _say_waves,
)

ReportNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the quotes, the coders' names, file and folder names and the values "
        "of --by (the report says NOT anonymized)"
    ),
]


@handle_errors
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="report.docx or report.md.")],
    quotes_per_code: Annotated[
        int, typer.Option("--quotes", min=0, help="Quotes per code (0: none).")
    ] = 3,
    no_anonymize: ReportNoAnonOpt = False,
    no_method: Annotated[
        bool, typer.Option("--no-method", help="Leave out the method section at the start.")
    ] = False,
    mark_unreviewed: Annotated[
        bool,
        typer.Option(
            "--mark-unreviewed",
            help="Mark counts that rest on automatic codings nobody has reviewed yet.",
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            help="'group', a participant variable (sector, region...) or 'folder' (the "
            "transcripts' folders: waves): the participants' table, the findings' counts and "
            "charts, the matrix and the phases' table by its values (default: by group, the "
            "phases' table without columns).",
            show_default=False,
        ),
    ] = None,
    force: ForceOutputOpt = False,
    tidy: TidyOpt = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    files: FileOpt = None,
    language: LanguageOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Write the analytic part of the report: how the counts were made (method), participants,
    findings per theme with quotes and a chart, the matrix and the phases where the codebook
    declares them, as Word (.docx) or Markdown (.md)."""
    from ..output.report import build_report, write_docx, write_markdown

    suffix = output.suffix.lower()
    if suffix not in (".docx", ".md"):
        raise UsageError("the report is written as .docx or .md", output)
    if output.exists() and not force:
        raise UsageError("already exists; lernet does not overwrite files (use --force)", output)
    project, store, codebook, participants = _open(project_dir, language)
    variable = _by_variable(by, participants) if by is not None else None
    _say_merged(participants)
    with store:
        _say_freshness(project, store, codebook)
        scope = _scope(store, files, project)
        _say_coders(store, coder, scope)
        _say_waves(store, by, scope, project.language)
        _say_regrouped(store, participants, scope)
        if variable in (None, "group"):
            _say_no_groups(store, participants)
        if not coder and not reviewed:
            _say_pending_beside(
                store,
                store.coding_rows(**_selection(store, coder, reviewed, scope)),
                codebook,
                project.language,
                coder,
                reviewed,
            )
        built = build_report(
            project,
            store,
            codebook,
            participants,
            quotes_per_code,
            not no_anonymize,
            selection=_selection(store, coder, reviewed, scope),
            method=not no_method,
            scope=scope,
            mark_unreviewed=mark_unreviewed,
            by=variable,
            tidy=tidy,
        )
        _say_if_empty(store, project)
    if suffix == ".docx":
        write_docx(built, codebook, output, overwrite=force)
    else:
        write_markdown(built, codebook, output, overwrite=force)
    _err(f"lernet: wrote {output}" + (" (NOT anonymized)" if no_anonymize else ""))
    shared = participants.shared_names_note()
    if shared:
        _err(f"lernet: note: {shared}")
    if not no_anonymize:
        _note_quoted(project, codebook, built.quoted, "in the report's quotes")
