"""`lernet phases`: participants per development phase, and a sentence (analysis/phases.py)."""

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
from .notes import _say_merged, _say_not_interviewed, _say_waves

ByOpt = Annotated[
    str | None,
    typer.Option(
        help="'group': a column per participant group; a participant variable (sector, "
        "region...): a column per value, counting interviewees; 'folder': a column per folder "
        "the transcripts lie in (waves), a person interviewed in two counting in each.",
        show_default=False,
    ),
]


@handle_errors
def phases(
    by: ByOpt = None,
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
    """How many participants place the network in each development phase, and a sentence."""
    from ..analysis.people import interviewees
    from ..analysis.phases import phase_codes, phase_distribution, phase_sentence
    from ..analysis.tally import headers
    from ..output.render import print_table, to_json, to_md_table, write

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir, language)
    variable = _by_variable(by, participants)
    if by is not None:
        _say_merged(participants)
    with store:
        phase_codes(codebook)  # a codebook without phases: one line, before anything is read
        _say_freshness(project, store, codebook)
        scope = _scope(store, files, project)
        total = len(store.people(scope.ids if scope else None))
        selected = store.coding_rows(**_selection(store, coder, reviewed, scope))
        # the network's phase in wave 1 and in wave 2 are not one finding
        _say_waves(store, by, scope, project.language)
        redactor = _column_redactor(variable, participants, store, project)
        folders = _folders(store, variable, project.language, redactor)
        interviewed = interviewees(store, scope.ids if scope else None)
        result = phase_distribution(
            codebook,
            selected,
            participants,
            total,
            project.language,
            variable,
            folders,
            redactor,
            interviewed,
        )
        if by is not None:
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
    sentence = phase_sentence(result, project.language)
    groups = result.groups if by is not None else []
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json({**result.to_json(shown), "sentence": sentence}))
            return
        # a table for reading says the codebook's word ("Stage: forming": stage), else the
        # project's language's; CSV keeps "phase"
        word = result.word.lower() if result.word else None
        columns = [
            *headers(["phase", "participants"], project.language, fmt),
            *_group_columns(groups, project.language, fmt, result.n),
            "id",
        ]
        columns[0] = word or columns[0]
        rows = [
            [
                r.label,
                times(r.participants, project.language),
                # people, as the participants column and tally's group columns write them
                *[times(r.by_group.get(g, 0), project.language) for g in groups],
                r.id,
            ]
            for r in result.rows
        ]
        if fmt == "csv":
            rows_ = [
                [r.label, r.participants, r.id, *[r.by_group.get(g, 0) for g in groups]]
                for r in result.rows
            ]
            _write_csv(
                ["phase", "participants", "id", *groups],
                rows_,
                _delimiter(delimiter, fmt, project.csv_style),
            )
        elif fmt == "md":
            write(to_md_table(columns, rows) + "\n" + sentence + "\n")
        else:
            print_table(columns, rows, numeric_from=1, numeric_to=len(columns) - 1)
            write(sentence + "\n")
