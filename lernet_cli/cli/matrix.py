"""`lernet matrix`: what each group brings and takes (analysis/matrix.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError
from .columns import _by_variable, _column_redactor, _folders, _group_columns
from .common import (
    CoderOpt,
    DelimiterOpt,
    FileOpt,
    ForceOutputOpt,
    LanguageOpt,
    ProjectOpt,
    ReviewedOpt,
    _delimiter,
    _err,
    _open,
    _say_freshness,
    _scope,
    _selection,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)
from .notes import _say_merged, _say_waves


@handle_errors
def matrix(
    codes: Annotated[
        str | None,
        typer.Option(
            help="Theme or code whose sub-codes make the rows (default: the codebook's "
            "analysis: matrix).",
            show_default=False,
        ),
    ] = None,
    counts: Annotated[bool, typer.Option("--counts", help="Show participants per cell.")] = False,
    by: Annotated[
        str | None,
        typer.Option(
            help="'group' (the default): a column per participant group; a participant "
            "variable (sector, region...): a column per value; 'folder': a column per folder "
            "the transcripts lie in (waves).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, md, csv, json or docx.")] = (
        "table"
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (.docx, .md, .csv or .json; the format follows the "
            "extension unless --format says).",
        ),
    ] = None,
    force: ForceOutputOpt = False,
    undirected: Annotated[
        bool,
        typer.Option(
            "--undirected",
            help="List the mentions the table's notes count, without a direction word (left "
            "out of the table, or shown as direction unknown), each with its quote and "
            "participant, in place of the table (table, md, csv or json; anonymized).",
        ),
    ] = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    files: FileOpt = None,
    delimiter: DelimiterOpt = "auto",
    language: LanguageOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """What each group brings and takes: Brengen / Halen / Brengen en halen / n.v.t. (in English:
    Brings / Takes / Both / n.a.; a codebook may name them with direction_labels:)."""
    from ..analysis.matrix import (
        above_note,
        interest_matrix,
        left_out_mentions,
        left_out_note,
        matrix_root,
        not_interviewed_note,
        unknown_note,
    )
    from ..analysis.people import interviewees

    fmt = output_format(fmt, ("table", "md", "csv", "json", "docx"), output, force)
    if undirected and fmt == "docx":
        raise UsageError("--undirected lists the mentions as a table, md, csv or json, not docx")
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir, language)
    variable = _by_variable(by, participants)
    _say_merged(participants)
    with store:
        _say_freshness(project, store, codebook)
        if codes is None:
            root = matrix_root(codebook, ", or choose its rows with --codes THEME")
        else:
            root = codebook.resolve(codes, "theme or code").id
        scope = _scope(store, files, project)
        rows = store.coding_rows(
            codes=codebook.descendants(root), **_selection(store, coder, reviewed, scope)
        )
        if not undirected:  # what members brought in wave 1 and took in wave 2 is no "both"
            _say_waves(store, by, scope, project.language)
        if undirected:
            _matrix_undirected(
                project, store, codebook, participants, rows, root, scope, fmt, output, delimiter
            )
            return
        left = left_out_mentions(
            codebook, store, root, scope.ids if scope else None, project.language, project.cache_dir
        )
        redactor = _column_redactor(variable, participants, store, project)
        folders = _folders(store, variable, project.language, redactor)
        # the columns are tally's and phases' for the same selection
        everyone = store.coding_rows(**_selection(store, coder, reviewed, scope))
        interviewed = interviewees(store, scope.ids if scope else None)
    result = interest_matrix(
        codebook,
        rows,
        participants,
        root,
        project.language,
        variable,
        folders,
        redactor,
        everyone,
        interviewed,
    )
    result.left_out = left
    selected = scope is not None  # the columns are those of the transcripts --file keeps
    if fmt not in ("table", "md"):  # those two say it under the table, in the project's language
        note = not_interviewed_note(result, "en", variable, selected)
        if note is not None:
            _err(f"lernet: note: {note}")
    note = unknown_note(result, "en", project.language)
    if note is not None:
        _err(f"lernet: warning: {note}")
    note = above_note(result, "en", project.language)
    if note is not None:
        _err(f"lernet: warning: {note}")
    note = left_out_note(result, "en", project.language)
    if note is not None:
        _err(f"lernet: note: {note} lernet matrix --undirected lists them with their quotes.")
    if fmt == "docx" and output is not None:
        from ..output.report import write_matrix_docx

        write_matrix_docx(
            result,
            codebook,
            project.language,
            output,
            overwrite=force,
            counts=counts,
            unheard=not_interviewed_note(result, project.language, variable, selected),
        )
        _err(f"lernet: wrote {output}")
        return
    with output_to(output, fmt):
        _matrix_out(result, codebook, root, project.language, fmt, counts, delimiter, project)
        unheard = not_interviewed_note(result, project.language, variable, selected)
        if fmt == "table" and unheard is not None:
            from ..output.render import write

            write(unheard + "\n")
        if fmt == "md":
            # the notes the terminal gives, in the project's language, under the table
            from ..output.render import write

            for line in (
                unheard,
                unknown_note(result, project.language),
                above_note(result, project.language),
                left_out_note(result, project.language),
            ):
                if line is not None:
                    write(f"\n{line}\n")


UNDIRECTED_HEADERS = {
    "nl": ["code", "deelnemer", "citaat", "bestand", "beurt", "in de tabel"],
    "en": ["code", "participant", "quote", "file", "turn", "in the table"],
}
"""`matrix --undirected`'s columns in a table or md; CSV and JSON keep the English keys."""
UNDIRECTED_TURN = {"nl": "beurt", "en": "turn"}
UNDIRECTED_PLACE = {
    "nl": {True: "richting onbekend", False: "weggelaten"},
    "en": {True: "direction unknown", False: "left out"},
}


def _matrix_undirected(
    project: Any,
    store: Any,
    codebook: Any,
    participants: Any,
    rows: Any,
    root: str,
    scope: Any,
    fmt: str,
    output: Path | None,
    delimiter: str,
) -> None:
    """`matrix --undirected`: the mentions without a direction word, with quote and
    participant (anonymized), in file and turn order."""
    from ..analysis.matrix import undirected_mentions
    from ..analysis.people import make_redactor
    from ..analysis.quotes import interview_names
    from ..output.render import to_json, to_md_table, write

    lang = project.language
    redactor = make_redactor(participants, store, project)
    found = undirected_mentions(
        codebook,
        store,
        rows,
        root,
        participants,
        redactor,
        scope.ids if scope else None,
        lang,
        project.cache_dir,
        interview_names(store, redactor, lang),
    )
    if not found and fmt != "json":
        _err("lernet: no mentions without a direction word: every one is in the table")
        return
    place = UNDIRECTED_PLACE.get(lang, UNDIRECTED_PLACE["en"])
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json([m.to_json() for m in found]))
            return
        if fmt == "csv":
            columns = ["code", "label", "participant", "attribution", "quote", "file", "segment"]
            _write_csv(
                [*columns, "coded"],
                [
                    [m.code, m.label, m.participant, m.who, m.quote, m.file, m.segment, m.coded]
                    for m in found
                ],
                _delimiter(delimiter, fmt, project.csv_style),
            )
            return
        if fmt == "md":
            table = [
                [m.label, m.who, f"“{m.quote}”", m.file, m.segment, place[m.coded]] for m in found
            ]
            write(to_md_table(UNDIRECTED_HEADERS.get(lang, UNDIRECTED_HEADERS["en"]), table))
            return
        # as `lernet quotes` lists quotes: a heading per code and place, a line per mention
        turn = UNDIRECTED_TURN.get(lang, UNDIRECTED_TURN["en"])
        lines: list[str] = []
        heading = None
        for m in sorted(found, key=lambda m: (m.coded, m.label)):
            if (m.label, m.coded) != heading:
                heading = (m.label, m.coded)
                lines.append(("\n" if lines else "") + f"{m.label} ({place[m.coded]})")
            lines.append(f"  “{m.quote}” ({m.who}) · {m.file}, {turn} {m.segment}")
        write("\n".join(lines) + "\n")


def _matrix_out(
    result: Any,
    codebook: Any,
    root: str,
    lang: str,
    fmt: str,
    counts: bool,
    delimiter: str,
    project: Any,
) -> None:
    from ..analysis.matrix import counts_legend
    from ..analysis.tally import headers
    from ..output.render import print_table, to_json, to_md_table, write

    if fmt == "json":
        write(to_json(result.to_json()))
        return
    from ..output.report import heading_rows, matrix_rows, md_headings

    columns = [*headers(["name"], lang, fmt), *_group_columns(result.groups, lang, fmt, result.n)]
    # a code under its parent's heading row: indented as tally indents it (in Markdown under
    # a heading in bold), no "- " before it
    table_rows = matrix_rows(result, codebook, lang, counts=counts, indent="  " * (fmt != "md"))
    if fmt == "csv":
        columns_csv, csv_rows = _matrix_csv(result, lang, counts)
        _write_csv(columns_csv, csv_rows, _delimiter(delimiter, fmt, project.csv_style))
    elif fmt == "md":
        write(to_md_table(columns, md_headings(table_rows)))
    else:
        heads = set(heading_rows(table_rows))
        print_table(columns, table_rows, bold_rows=heads, numeric_from=len(columns))
    legend = counts_legend(result, lang) if counts and fmt in ("md", "table") else None
    if legend is not None:
        write(("\n" if fmt == "md" else "") + legend + "\n")


def _matrix_csv(result: Any, lang: str, counts: bool) -> tuple[list[str], list[list[Any]]]:
    """The matrix for a spreadsheet: a cell is the direction (Brings, Takes...) or, for a code
    without directions, the number of participants; --counts adds the numbers of participants
    who bring and who take as columns of their own ("3x" is for reading, not for Excel or R)."""
    words = result.words
    columns = ["id", "label", *result.groups]
    if counts:
        for g in result.groups:
            columns += [f"{g} {words['bring'].lower()}", f"{g} {words['take'].lower()}"]
    rows = []
    for r in result.rows:
        cells = [r.cells[g] for g in result.groups]
        row = [r.id, r.label]
        row += [words[c.direction] if r.directional else c.participants for c in cells]
        if counts:
            for c in cells:
                row += [c.bring, c.take] if r.directional else ["", ""]
        rows.append(row)
    return columns, rows
