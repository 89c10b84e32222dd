"""Analysis commands: tally, quotes, names, matrix, phases, report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..analysis.counts import times
from ..errors import UsageError
from ..language.plural import counted

if TYPE_CHECKING:
    from ..analysis.hidden_contacts import HiddenContacts
    from ..analysis.uncased import Uncased
from .common import (
    SAID,
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
    _err,
    _open,
    _say_freshness,
    _scope,
    _selection,
    _write_csv,
    handle_errors,
    no_anonymize_opt,
    output_format,
    output_to,
)

QuotesNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the quotes, the interviews' file and folder names and the values of --by "
        "(the file says NOT anonymized)"
    ),
]
ReportNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the quotes, the coders' names, file and folder names and the values "
        "of --by (the report says NOT anonymized)"
    ),
]
TidyOpt = Annotated[
    bool,
    typer.Option(
        "--tidy",
        help="Leave fillers (um, uh, erm, eh, ehm; euh; 'you know', 'weet je' between commas) and "
        "words said twice in a row ('the the') out of the quotes; default: verbatim.",
    ),
]


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


@handle_errors
def quotes(
    theme: Annotated[str | None, typer.Option(help="Theme id or label (nl or en).")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Code id or label.")] = None,
    group: Annotated[str | None, typer.Option(help="Only this participant group.")] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="'group', a participant variable (sector, region...) or 'folder' (the "
            "transcript's folder: waves): the quotes under a heading per group, value or "
            "folder (in tally --by's order), still attributed by role only.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md or json.")] = "text",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="At most this many quotes per code (with --by: per code and value; default: "
            "all; 0: none, as report --quotes 0).",
            show_default=False,
        ),
    ] = None,
    no_anonymize: QuotesNoAnonOpt = False,
    tidy: TidyOpt = False,
    coder: CoderOpt = None,
    reviewed: ReviewedOpt = False,
    files: FileOpt = None,
    language: LanguageOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Quotes for a theme or code, attributed by role only: “…” (NIPlan adviseur)."""
    from ..analysis.people import make_redactor
    from ..analysis.quotes import collect_quotes, interview_names, spread

    fmt = output_format(fmt, ("text", "md", "json"), output, force)
    project, store, codebook, participants = _open(project_dir, language)
    variable = _by_variable(by, participants) if by is not None else None
    if variable is not None:
        _say_merged(participants)
    with store:
        _say_freshness(project, store, codebook)
        ids: list[str] | None = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        if theme:
            th_ids = codebook.descendants(codebook.resolve_theme(theme).id)
            ids = th_ids if ids is None else [i for i in ids if i in th_ids]
        scope = _scope(store, files, project)
        rows = store.coding_rows(codes=ids, **_selection(store, coder, reviewed, scope))
        redactor = None if no_anonymize else make_redactor(participants, store, project)
        interviews = interview_names(store, redactor, project.language)
        folders = _folders(store, variable, project.language, redactor)
    if group is not None:
        # a group's written name finds it in an output that words it in another language
        group = participants.canonical_group(group)
        known = {p.group for p in participants.people.values() if p.group} | {
            participants.canonical_group(r.group_name) for r in rows if r.group_name
        }
        if group.casefold() not in {g.casefold() for g in known}:
            raise UsageError(
                f"unknown group {group!r}{did_you_mean(group, known)}; groups: "
                f"{', '.join(sorted(known)) or '(none)'}"
            )
    found = collect_quotes(
        codebook,
        rows,
        participants,
        redactor,
        group,
        interviews,
        variable,
        project.language,
        folders,
    )
    if limit is not None:
        found = spread(found)
        kept: list[Any] = []
        per: dict[tuple[str, str], int] = {}
        for q in found:
            key = (q.value, q.code)
            per[key] = per.get(key, 0) + 1
            if per[key] <= limit:
                kept.append(q)
        found = kept
    if tidy:
        from ..language.tidy import tidy_quotes

        edited = len(tidy_quotes(found))
        _err(
            f"lernet: note: --tidy: fillers and words said twice left out of {edited} of the "
            f"{len(found)} quotes"
        )
    if redactor is not None:
        _note_quoted(project, codebook, [(q.file, q.text) for q in found], "in these quotes")
    with output_to(output, fmt, anonymized=redactor is not None):
        _quotes_out(found, codebook, project, fmt, variable, limit, redactor is not None)


BY_GROUP_WORD = {"nl": "groep", "en": "group"}
"""How a heading of quotes grouped `--by group` names the group ("groep: school")."""


def _quotes_out(
    found: list[Any],
    codebook: Any,
    project: Any,
    fmt: str,
    variable: str | None,
    limit: Any,
    anonymized: bool = True,
) -> None:
    """The quotes as text, Markdown or JSON; with `--by` under a heading per value ("sector:
    housing"), the code headings below it. Not `anonymized`: text and Markdown open with a line
    that says so (JSON has no place for one)."""
    from ..analysis.quotes import NOT_ANONYMIZED, format_quote
    from ..output.render import to_json, write

    if fmt == "json":
        data = [q.to_json() for q in found]
        if variable is None:
            write(to_json(data))
        else:
            values = list(dict.fromkeys(q.value for q in found))
            write(to_json({"by": variable, "values": values, "quotes": data}))
        return
    if not found:
        _err(
            "lernet: no quotes: --limit 0" if limit == 0 else "lernet: no quotes for that selection"
        )
        return
    lang = project.language
    from ..analysis.people import by_name

    name = (
        BY_GROUP_WORD.get(lang, "group") if variable == "group" else by_name(variable or "", lang)
    )
    indent = "  " if variable is not None else ""
    out: list[str] = []
    if not anonymized:
        mark = NOT_ANONYMIZED.get(lang, NOT_ANONYMIZED["en"])
        out.append(f"**{mark}**\n" if fmt == "md" else f"{mark}\n")
    current: tuple[str, str] | None = None
    for q in found:
        if variable is not None and (current is None or q.value != current[0]):
            value = _group_columns([q.value], lang, fmt)[0] if variable == "group" else q.value
            head = f"{name}: {value}"
            out.append(("\n" if out else "") + (f"## {head}\n" if fmt == "md" else head))
            current = None
        if current is None or q.code != current[1]:
            c = codebook.codes.get(q.code)
            theme_label = (
                codebook.codes[q.theme].label(lang) if q.theme in codebook.codes else q.theme
            )
            heading = f"{theme_label} › {c.label(lang) if c else q.code}"
            if fmt == "md":
                out.append(("\n" if out and current is not None else "") + f"### {heading}\n")
            else:
                out.append(("\n" if out and current is not None else "") + indent + heading)
        current = (q.value, q.code)
        line = format_quote(q, project.quote_attribution)
        out.append(f"> {line}\n" if fmt == "md" else f"{indent}  {line}")
    write("\n".join(out) + "\n")


def did_you_mean(given: str, known: Any) -> str:
    """ " (did you mean 'charity'?)" for a mistyped group, value or variable: the known one
    closest in spelling (any case); "" when none is close."""
    import difflib

    by_fold = {str(k).casefold(): str(k) for k in known}
    close = difflib.get_close_matches(given.strip().casefold(), list(by_fold), n=1, cutoff=0.6)
    return f" (did you mean {by_fold[close[0]]!r}?)" if close else ""


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


def _group_columns(
    groups: list[str], lang: str, fmt: str, n: dict[str, int] | None = None
) -> list[str]:
    """Group columns' headers: in a table or Markdown as the report writes them (those without
    a group "zonder groep" in a Dutch project), so that `tally`, `matrix` and `phases` head a
    column as the report does, with `n` each column's interviewees ("docent (n=3)"); CSV and
    JSON keep the key ("ungrouped") for scripts (JSON gives n apart)."""
    if fmt in ("csv", "json"):
        return list(groups)
    from ..project.participants import group_name

    n = n or {}
    return [group_name(g, lang) + (f" (n={n[g]})" if g in n else "") for g in groups]


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


def _say_not_interviewed(
    rows: Any, participants: Any, by: str, lang: str, folders: Any, redactor: Any, files: bool
) -> None:
    """One line naming the groups (or values) the participants file lists that are no column,
    nobody of them being interviewed (in the transcripts `--file` keeps, with `files`), as
    `lernet matrix` says under its table."""
    from ..analysis.people import not_interviewed

    missing = not_interviewed(rows, participants, by, lang, folders, redactor)
    if missing:
        kind = "from that group" if by == "group" else "with that value"
        if len(missing) > 1:
            kind = "from those groups" if by == "group" else "with those values"
        where = "in the transcripts --file keeps" if files else "interviewed"
        _err(f"lernet: note: no column for {', '.join(missing)}: nobody {kind} {where}")


def _by_variable(by: str | None, participants: Any) -> str:
    """What `--by` counts by: "group" (also when not given), the participant variable it names
    (any case), or "folder" (the transcripts' folders, where the participants file has no
    variable of that name); an error listing the choices there are when it names none."""
    from ..analysis.people import FOLDER

    if by is None or by.strip().casefold() == "group":
        return "group"
    found = participants.variable(by)
    if found is not None:
        return str(found)
    if by.strip().casefold() == FOLDER:
        return FOLDER
    where = Path(participants.path).name if participants.path else "no participants file"
    names = ", ".join(participants.variable_names)
    hint = did_you_mean(by, ["group", FOLDER, *participants.variable_names])
    there = (
        f"the variables in {where} are: {names}"
        if names
        else f"{where} has no variables (a column besides id, group, label, names, "
        "organisations and files, or variables: in participants.yaml)"
    )
    raise UsageError(
        f"--by takes 'group', 'folder' or a participant variable, not {by!r}{hint}: {there}"
    )


def _folders(store: Any, variable: str | None, lang: str, redactor: Any = None) -> Any:
    """With `--by folder`: every stored transcript's path -> its folder's column (the names do
    not change with what a command counts), as anonymized outputs show it with `redactor`
    (`folder_names`); None otherwise."""
    from ..analysis.people import FOLDER, folder_names

    if variable != FOLDER:
        return None
    return folder_names([t.path for t in store.transcripts()], lang, redactor)


def _column_redactor(variable: str, participants: Any, store: Any, project: Any) -> Any:
    """For a command without --no-anonymize: the redactor that names the columns of a
    participant variable or of the folders (their values may name a person, an organisation
    or a place: "teamleider bij Noorderkwartier"), as the exports show them; None by group."""
    if variable == "group":
        return None
    from ..analysis.people import make_redactor

    return make_redactor(participants, store, project)


def _say_coders(store: Any, coder: list[str] | None, scope: Any = None) -> None:
    """One line when two or more people coded the same transcripts (among those `--file`
    keeps) and no --coder chose: the counts include every coder's codings, so where they
    differ both count."""
    if coder:
        return
    from ..analysis.coders import person_pairs

    pairs = person_pairs(store, scope.ids if scope is not None else None)
    if not pairs:
        return
    people = sorted({p for pair in pairs for p in pair})
    who = ", ".join(people[:-1]) + f" and {people[-1]}"
    _err(
        f"lernet: note: {who} coded the same transcripts: the counts include every coder's "
        "codings (the rules' too), so a code one of them gave where the other did not counts; "
        f'--coder "{people[0]}" counts one coder\'s only (repeatable: --coder auto adds the '
        "rules'), and lernet review --coder PERSON --against OTHER settles their differences"
    )


def _say_pending_beside(
    store: Any, rows: Any, codebook: Any, lang: str, coder: Any, reviewed: bool
) -> None:
    """One line when the counts mix a person's codings with the rules' pending ones in the
    transcripts they coded (a reference coding counted with what nobody reviewed), unless
    --coder or --reviewed chose."""
    if coder or reviewed:
        return
    from ..analysis.coders import pending_beside_people

    def label(code: str) -> str:
        found = codebook.codes.get(code)
        return str(found.label(lang)) if found is not None else code

    line = pending_beside_people(rows, store, label)
    if line is not None:
        _err(f"lernet: note: {line}")


def _say_waves(store: Any, by: str | None, scope: Any, lang: str) -> None:
    """One line when the counts merge waves: without --by, in a project where people's
    interviews lie in different folders, which folders and how to see them side by side."""
    if by is not None:
        return
    from ..analysis.people import folder_names, folder_order

    held = store.interviews_of()
    names = folder_names([path for h in held.values() for _, path in h], lang)
    wanted = scope.ids if scope is not None else None
    both = 0
    shown: set[str] = set()
    for interviews in held.values():
        folders = {names[p] for tid, p in interviews if wanted is None or tid in wanted}
        shown |= folders
        both += len(folders) > 1
    if both:
        listed = ", ".join(folder_order(shown, lang))
        _err(
            f"lernet: note: the counts take the interviews in {listed} together "
            f"({counted(both, 'participant')} in more than one, counted once); --by folder puts "
            "them side by side"
        )


def _say_regrouped(store: Any, participants: Any, scope: Any) -> None:
    """One line when a participant's interviews were coded in different groups (their role
    changed between waves, `lernet code FILE --group`): they count in each of those groups."""
    from ..project.participants import UNGROUPED

    known = store.groups_of(scope.ids if scope is not None else None)
    several: list[str] = []
    for pid, groups in known.items():
        entry = participants.people.get(pid)
        named = {
            participants.canonical_group(g or (entry.group if entry else None) or UNGROUPED)
            for g in groups
        }
        if len(named) > 1:
            several.append(f"{pid} ({', '.join(participants.group_order(sorted(named)))})")
    if several:
        shown = ", ".join(several[:3]) + (
            f" and {len(several) - 3} more" if len(several) > 3 else ""
        )
        _err(
            f"lernet: note: {counted(len(several), 'participant')} "
            f"{'was' if len(several) == 1 else 'were'} interviewed in more than one group, "
            f"each coding counting in the group of its interview: {shown}; they count once in "
            "each of those groups and once in the total"
        )


def _say_merged(participants: Any) -> None:
    """The notes on groups and variable values written in several ways, counted as one, and
    which sheet of a workbook was read."""
    for line in [*participants.notes, *participants.merged]:
        _err(f"lernet: note: {line}")


def _shown_ids(fmt: str, participants: Any, store: Any, project: Any, redactor: Any = None) -> Any:
    """For JSON, which lists participant ids: an id as anonymized outputs show it (one taken
    from a file name that holds a name, "P18 Mohammed Ali", as "P18"); None for the other
    formats, which show none. `redactor`: the one the command made already."""
    if fmt != "json":
        return None
    from ..analysis.people import make_redactor

    return (redactor or make_redactor(participants, store, project)).participant


def _say_if_empty(store: Any, project: Any) -> None:
    """Counts of a project without interviews are all 0: say why (a project made by mistake in
    a subfolder of the real one finds none)."""
    if not store.transcripts():
        _err(
            f"lernet: warning: the project in {project.root} holds no interviews yet: every count "
            "is 0 (lernet code FILES codes them)"
        )


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


def _note_quoted(project: Any, codebook: Any, quoted: list[tuple[str, str]], where: str) -> None:
    """`note_unhidden` for anonymized quotes, (file, text) each: likely names left in them."""
    from ..analysis.hidden_contacts import HiddenContacts
    from ..analysis.likely_names import NameFinder
    from ..analysis.name_sources import codebook_words
    from ..analysis.uncased import uncased_text

    found = NameFinder(project.language, codebook_words(codebook)).find(quoted)
    # a quote's redaction mark stands for a name, written with its capital
    uncased = uncased_text(quoted, project.placeholders.values())
    marks = project.placeholders
    kinds = [marks[k] for k in ("phone", "address", "bsn", "iban")]
    contacts = HiddenContacts(
        phones=sum(text.count(marks["phone"]) for _, text in quoted),
        addresses=sum(text.count(marks["address"]) for _, text in quoted),
        transcripts={f for f, text in quoted if any(k in text for k in kinds)},
        bsns=sum(text.count(marks["bsn"]) for _, text in quoted),
        ibans=sum(text.count(marks["iban"]) for _, text in quoted),
    )
    note_unhidden(len(found), where, project.language, uncased, "quote", contacts)


def note_unhidden(
    n: int,
    where: str,
    language: str,
    uncased: Uncased | None = None,
    unit: str = "turn",
    contacts: HiddenContacts | None = None,
) -> None:
    """The lines after an anonymized report or export that holds likely names, or text written
    without capitals, where names cannot be found by their capital; and how many phone numbers
    and street addresses it hid, found by their form."""
    if contacts:
        _err(f"lernet: note: hidden as phone numbers and addresses {where}: {contacts.summary()}")
    if n:
        _err(
            f"lernet: note: {n} "
            + ("word that looks like a name is" if n == 1 else "words that look like names are")
            + f" not hidden {where}: lernet names"
        )
    if uncased is not None and uncased.turns:
        _err("lernet: note: " + uncased_note(uncased, language, unit))


SHOWN_FILES = 3
"""Transcripts named in the note on text without capitals; the rest are counted."""


SAID_BEFORE_NAMES = {
    "nl": "'ik ben', 'mijn naam is', 'dank je'",
    "en": "'I'm', 'my name is', 'thanks'",
}
"""Words a name follows in speech, as the note on text without capitals names them (the words
likely_names.SAID_BEFORE finds names after), in the project's language."""


def uncased_note(uncased: Uncased, language: str, unit: str = "turn") -> str:
    """What the researcher must know of text written without capitals (speech recognition)."""
    files = uncased.files()
    shown = ", ".join(files[:SHOWN_FILES])
    if len(files) > SHOWN_FILES:
        shown += f" and {len(files) - SHOWN_FILES} more"
    n = uncased.turns
    return (
        f"{n} {unit}{'' if n == 1 else 's'} in {len(files)} "
        + ("transcript" if len(files) == 1 else "transcripts")
        + f" ({shown}) {'is' if n == 1 else 'are'} written without capitals, as speech "
        "recognition writes: names there cannot be found by their capital, only after "
        f"{SAID_BEFORE_NAMES.get(language, SAID_BEFORE_NAMES['en'])} and the like; read them "
        "for names and list those under redact: in the participants file"
    )


UNFOUND_STREETS = {
    "nl": "a street said without a capital inside a sentence, a house number after it or "
    "'in de', 'aan de', 'op de' before it is hidden only where listed under redact: names",
    "en": "a street said without a house number and without Street, Road, Lane, Avenue or "
    "Drive after it is hidden only where listed under redact: names",
}
"""What the note on hidden addresses says a street needs to be found, in the project's
language's examples (the Dutch streets' prepositions mean nothing to an English study)."""


@handle_errors
def names(
    fmt: FormatOpt = "table",
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Only the first N (most transcripts first).", show_default=False),
    ] = None,
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Words that look like names of people, organisations or places and are not hidden, in
    what was said (participants and interviewers), comments' notes, participant variables,
    file names and the codebook's examples, which exports carry: capitalised and no ordinary
    word nor codebook word (at a sentence's start: no dictionary's word), or capitalised after a
    title (dokter, Mrs), or a first name that is also a word where the words around say a person
    (ik belde Roos, Mark zei, met Bas en Fleur, Will said), or a common first name before a verb
    or a surname (Koen gaat weg, Jack helped us, Mark Bakker belde); it only suggests, and
    outputs hide only what is listed. To hide one, list it in the
    participants file (redact: names or organisations). Also says how many phone numbers and
    street addresses anonymized outputs hide by their form, naming the streets."""
    from ..analysis.name_sources import names_and_contacts, uncased_turns

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir)
    with store:
        found, contacts = names_and_contacts(project, store, codebook, participants, examples=True)
        uncased = uncased_turns(store)
        _say_if_empty(store, project)
    total = len(found)
    _names_table(found, total, limit, fmt, output, delimiter, project.csv_style)
    if contacts:
        _err(
            "lernet: note: anonymized outputs hide, found by their form: "
            + contacts.summary()
            + "; "
            + UNFOUND_STREETS.get(project.language, UNFOUND_STREETS["en"])
        )
    if uncased.turns:
        _err("lernet: note: " + uncased_note(uncased, project.language))


def _names_table(
    found: list[Any],
    total: int,
    limit: int | None,
    fmt: str,
    output: Path | None,
    delimiter: str,
    csv_style: str,
) -> None:
    from ..output.render import print_table, to_json, to_md_table, write

    if limit is not None:
        found = found[:limit]
    records = [n.to_json() for n in found]
    columns = ["name", "count", "transcripts", "example"]
    rows = [[r[c] for c in columns] for r in records]
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json(records))
            return
        if fmt == "csv":
            _write_csv(columns, rows, _delimiter(delimiter, fmt, csv_style))
            return
        if not found:
            _err(
                "lernet: no words that look like names are left unhidden in what was said, "
                "comments' notes, participant variables, file names or codebook examples"
            )
            return
        if fmt == "md":
            write(to_md_table(columns, rows))
        else:
            print_table(columns, rows, numeric_from=1, numeric_to=3)
    shown = f" (the first {len(found)} shown)" if len(found) < total else ""
    _err(
        f"lernet: {total} "
        + ("word that looks like a name" if total == 1 else "words that look like names")
        + f"{shown}; "
        "to hide one, add it to the participants file: YAML `redact: {names: [...], "
        "organisations: [...]}`, CSV a row with an empty id and the name under names or "
        "organisations"
    )


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
