"""`lernet cases`: the case-by-code table, one row per interviewee (analysis/cases.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    CoderOpt,
    DelimiterOpt,
    FileOpt,
    ForceOutputOpt,
    FormatOpt,
    LanguageOpt,
    OutputOpt,
    ProjectOpt,
    ReviewedOpt,
    _delimiter,
    _open,
    _say_freshness,
    _scope,
    _selection,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)
from .notes import _say_coders, _say_if_empty, _say_merged, _say_pending_beside


@handle_errors
def cases(
    theme: Annotated[
        str | None, typer.Option(help="Only this theme's codes (id or label, nl or en).")
    ] = None,
    segments: Annotated[
        bool,
        typer.Option(
            "--segments",
            help="A code's cell counts the participant's coded segments (as tally's segments) "
            "instead of 1 (coded) or 0 (not).",
        ),
    ] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    files: FileOpt = None,
    delimiter: DelimiterOpt = "auto",
    language: LanguageOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """One row per interviewee (participant id, group, the participants file's variables), a
    column per theme and code (its id; 1 coded, 0 not), for R, SPSS or Excel. Anonymized."""
    from ..analysis.cases import case_table
    from ..analysis.people import make_redactor
    from ..analysis.tally import headers
    from ..output.render import print_table, to_json, to_md_table, write

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir, language)
    _say_merged(participants)
    with store:
        _say_freshness(project, store, codebook)
        th = codebook.resolve_theme(theme) if theme else None
        ids = codebook.descendants(th.id) if th else None
        scope = _scope(store, files, project)
        selected = store.coding_rows(codes=ids, **_selection(store, coder, reviewed, scope))
        _say_coders(store, coder, scope)
        _say_pending_beside(store, selected, codebook, project.language, coder, reviewed)
        counted = scope.ids if scope is not None else None
        if coder and "auto" not in {c.strip().casefold() for c in coder}:
            # the rules read every transcript; a transcript the chosen person(s) never coded is
            # not one in which they found nothing
            counted = frozenset(r.transcript_id for r in selected)
        people = dict(store.people(counted))
        for r in selected:
            people.setdefault(r.participant, r.group_name)
        redactor = make_redactor(participants, store, project)
        table = case_table(codebook, selected, participants, people, th, segments, redactor)
        _say_if_empty(store, project)
    lang = project.language
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json(table.to_json(lang)))
            return
        columns = table.columns()
        if fmt == "csv":
            _write_csv(columns, table.rows(), _delimiter(delimiter, fmt, project.csv_style))
            return
        columns = headers(columns[:2], lang, fmt) + columns[2:]
        if fmt == "md":
            write(to_md_table(columns, table.rows()))
        else:
            # every column kept on one line: a window too narrow shows a block per participant
            print_table(columns, table.rows(), numeric_from=0, numeric_to=len(columns))
