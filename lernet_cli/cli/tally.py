"""`lernet tally`: participants and segments per theme and code (analysis/tally.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..analysis.counts import times
from .columns import _by_variable, _column_redactor, _folders, _group_columns, _shown_ids
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
from .notes import (
    _say_coders,
    _say_if_empty,
    _say_merged,
    _say_no_groups,
    _say_not_interviewed,
    _say_pending_beside,
    _say_regrouped,
    _say_waves,
)


@handle_errors
def tally(
    theme: Annotated[str | None, typer.Option(help="Theme id or label (nl or en).")] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="'group': a column per participant group; a participant variable (a column of "
            "participants.csv such as sector, or a key of variables: in participants.yaml): a "
            "column per value, counting interviewees; 'folder': a column per folder the "
            "transcripts lie in (waves), a person interviewed in two counting in each.",
            show_default=False,
        ),
    ] = None,
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
    """Count participants (the report's "(5x)") and coded segments per theme and code."""
    from ..analysis.people import interviewees
    from ..analysis.tally import headers, tally_markdown
    from ..analysis.tally import tally as do_tally
    from ..output.render import print_table, to_json, to_md_table, write

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir, language)
    variable = _by_variable(by, participants)
    _say_merged(participants)
    with store:
        _say_freshness(project, store, codebook)
        th = codebook.resolve_theme(theme) if theme else None
        ids = codebook.descendants(th.id) if th else None
        scope = _scope(store, files, project)
        selected = store.coding_rows(codes=ids, **_selection(store, coder, reviewed, scope))
        _say_coders(store, coder, scope)
        _say_pending_beside(store, selected, codebook, project.language, coder, reviewed)
        _say_waves(store, by, scope, project.language)
        if by is not None and variable == "group":
            _say_regrouped(store, participants, scope)
            _say_no_groups(store, participants)
        redactor = _column_redactor(variable, participants, store, project)
        folders = _folders(store, variable, project.language, redactor)
        # the columns are every group interviewed in the selection, whatever theme is counted
        interviewed = interviewees(store, scope.ids if scope else None)
        result = do_tally(
            codebook,
            selected,
            participants,
            th,
            project.language,
            variable,
            folders,
            redactor,
            interviewed,
        )
        if by is not None or fmt == "csv":
            _say_not_interviewed(
                [*interviewed, *selected],
                participants,
                variable,
                project.language,
                folders,
                redactor,
                scope is not None,
            )
        shown = _shown_ids(fmt, participants, store, project, redactor)
        _say_if_empty(store, project)
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json(result.to_json(shown)))
            return
        if fmt == "md" and by is None:
            from ..analysis.tally import tally_markdown

            write(tally_markdown(result, project.language))
            return
        show_groups = by is not None or fmt == "csv"
        groups = result.groups if show_groups else []
        lang = project.language
        if fmt == "table":
            columns = [
                *headers(["name", "participants", "segments"], lang, fmt),
                *_group_columns(groups, lang, fmt, result.n),
                "id",
            ]
            rows = [
                [
                    ("  " * r.depth) + r.label,
                    times(r.participants, project.language),
                    r.segments,
                    # people, not segments: written as the participants column is
                    *[times(r.by_group.get(g, 0), lang) for g in groups],
                    r.id,
                ]
                for r in result.rows
            ]
            bold = {i for i, r in enumerate(result.rows) if r.is_theme}
            print_table(columns, rows, bold_rows=bold, numeric_from=1, numeric_to=len(columns) - 1)
            return
        columns = [
            *headers(["id", "label", "participants", "segments"], lang, fmt),
            *_group_columns(groups, lang, fmt, result.n),
        ]
        rows = [
            [r.id, r.label, r.participants, r.segments, *[r.by_group.get(g, 0) for g in groups]]
            for r in result.rows
        ]
        if fmt == "csv":
            _write_csv(columns, rows, _delimiter(delimiter, fmt, project.csv_style))
            return
        # a table to read: people written as the terminal writes them ("2x", "n=2"), as phases
        # does; segments and CSV/JSON stay plain numbers
        md_rows = [
            [
                r.id,
                r.label,
                times(r.participants, lang),
                r.segments,
                *[times(r.by_group.get(g, 0), lang) for g in groups],
            ]
            for r in result.rows
        ]
        write(to_md_table(columns, md_rows))
