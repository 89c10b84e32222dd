"""`lernet quotes`: quotes for a theme or code, attributed by role only (analysis/quotes.py)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import UsageError
from .columns import _by_variable, _folders, _group_columns, did_you_mean
from .common import (
    SAID,
    CoderOpt,
    FileOpt,
    ForceOutputOpt,
    LanguageOpt,
    OutputOpt,
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
    output_format,
    output_to,
)
from .names import _note_quoted
from .notes import _say_merged

QuotesNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the quotes, the interviews' file and folder names and the values of --by "
        "(the file says NOT anonymized)"
    ),
]


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
            raise UsageError(_unknown_group(group, known, participants, rows))
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


def _unknown_group(group: str, known: set[str], participants: Any, rows: Any) -> str:
    """The error for a `--group` no participant has: the groups there are, or what the value
    is where it is none (a participant variable's value; a file that gives nobody a group)."""
    there = f"groups: {', '.join(sorted(known))}" if known else "no participant has a group"
    variable = participants.variable_of_value(group)
    if variable is not None:
        option = f'"{variable}"' if " " in variable else variable
        return (
            f"unknown group {group!r} ({there}); {group!r} is a value of {variable}: "
            f"--by {option} puts the quotes under a heading per value"
        )
    if not known:
        return f"unknown group {group!r}: " + (
            participants.no_groups_note(r.group_name for r in rows) or there
        )
    return f"unknown group {group!r}{did_you_mean(group, known)}; {there}"
