"""`lernet agree`: agreement between two coders, and (through `team.agree_all`) among three or
more."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..output.agreement import (
    agree_list,
    agree_table,
    interval_columns,
    interval_csv,
    interval_text,
)
from .common import (
    SAID,
    DelimiterOpt,
    FileOpt,
    ForceOutputOpt,
    OutputOpt,
    ProjectOpt,
    _delimiter,
    _err,
    _num,
    _open,
    _scope,
    _write_csv,
    handle_errors,
    no_anonymize_opt,
    output_format,
    output_to,
    without_passages,
)

AgreeNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the coders' names, and the {SAID} in the disagreements' passages and file names"
    ),
]


def _note_pseudonyms(typed: tuple[str, str], shown: tuple[str, str]) -> None:
    """Which pseudonym is which of the two names typed, on the screen only (stderr), so that a
    disagreement is pinned on the right colleague; the output keeps the pseudonyms every
    anonymized output gives them."""
    pairs = [(name, alias) for name, alias in zip(typed, shown, strict=True) if name != alias]
    if pairs:
        said = " and ".join(
            f"{name} {'is shown ' if not i else ''}as {alias}"
            for i, (name, alias) in enumerate(pairs)
        )
        _err(f"lernet: note: {said}, as in every anonymized output; --no-anonymize shows names")


@handle_errors
def agree(
    coder_a: Annotated[str, typer.Argument(help="A coder name, or auto.")],
    coder_b: Annotated[str, typer.Argument(help="Another coder name, or auto.")],
    more: Annotated[
        list[str] | None,
        typer.Argument(
            help="More coders: with three or more, Krippendorff's alpha over all of them at "
            "once (each pair: lernet agree A B).",
            show_default=False,
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Only this theme's codes.")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    unit: Annotated[str, typer.Option(help="segment or participant.")] = "segment",
    show_disagreements: Annotated[
        bool, typer.Option("--show-disagreements", help="List them with the segment text.")
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, md (to paste into a methods section), csv (a statistics program) or json.",
        ),
    ] = "table",
    resamples: Annotated[
        int,
        typer.Option(
            min=0,
            max=100_000,
            help="Bootstrap resamples for alpha's 95% confidence interval (Hayes and "
            "Krippendorff suggest 10000 for a final report); 0: no interval.",
        ),
    ] = 1000,
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    no_anonymize: AgreeNoAnonOpt = False,
    files: FileOpt = None,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Agreement between two coders: percent, Cohen's kappa, Krippendorff's alpha per code; of
    three or more: Krippendorff's alpha over all of them."""
    from ..analysis.agreement import agree_words, agreement, caption, ci_note, too_few_note
    from ..analysis.agreement_ci import add_intervals
    from ..analysis.people import make_redactor
    from ..analysis.tally import headers
    from ..output.render import to_json, write

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir)
    with store:
        ids = None
        if code_:
            ids = [codebook.resolve(code_, "code").id]
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        scope = _scope(store, files, project)
        if more:
            from .team import agree_all

            names = [coder_a, coder_b, *more]
            redactor = None if no_anonymize else make_redactor(participants, store, project)
            agree_all(
                store,
                codebook,
                names,
                ids,
                unit,
                show_disagreements,
                scope,
                redactor,
                (fmt, output, _delimiter(delimiter, fmt, project.csv_style)),
                project.language,
                resamples,
            )
            return
        result = agreement(store, codebook, coder_a, coder_b, ids, unit, show_disagreements, scope)
        redactor = None if no_anonymize else make_redactor(participants, store, project)
    add_intervals(result, resamples)
    for name in result.stale:
        _err(f"lernet: note: {name} was auto-coded with an older codebook; run lernet code")
    if redactor is not None:  # anonymized like every other output
        typed = (result.coder_a, result.coder_b)
        result.coder_a = redactor.coder(result.coder_a)
        result.coder_b = redactor.coder(result.coder_b)
        _note_pseudonyms(typed, (result.coder_a, result.coder_b))
        for c in [*result.codes, *(r.own for r in result.codes if r.own is not None)]:
            for d in c.disagreements:
                d["file"] = redactor.file(d["file"]) if d["file"] else d["file"]
                d["participant"] = redactor.participant(d["participant"])
                d["coded_by"] = redactor.coder(d["coded_by"])
    with output_to(output, fmt, anonymized=redactor is not None):
        if fmt == "json":
            write(to_json(without_passages(result.to_json())))
            return
        lang = project.language
        ci_columns = interval_columns(fmt, resamples)
        columns = ["code", "units", "agreement", "kappa", "alpha", *ci_columns, "disagreements"]
        # CSV: which coders and unit on every row (last), so that the files of several pairs stack
        stacked = [f"{result.coder_a}+{result.coder_b}", result.unit]
        words = agree_words(lang, fmt)
        # too few units to judge: a column of its own, not only a colour (CSV: 1 or 0, always)
        noted = fmt == "csv" or result.any_too_few()
        if noted:
            columns.append("too_few_units" if fmt == "csv" else "note")
        if fmt == "csv":
            columns += ["coders", "unit"]
        rows: list[list[Any]] = []
        lines = [*result.lines(words["itself"]), (None, words["overall"], -1)]
        for code_row, name, depth in lines:
            if code_row is None and depth >= 0:  # a theme with no row: its codes' heading
                if fmt != "csv":
                    rows.append(["  " * depth + name, *[""] * (len(columns) - 1)])
                continue
            t = result.overall if code_row is None else code_row.table
            ci = result.overall_ci if code_row is None else code_row.ci
            dis = result.pooled_disagreements() if code_row is None else len(code_row.disagreements)
            agr, kap, alp = t.agreement(), t.kappa(), t.alpha()
            thin = bool(t.n) and t.too_few()
            if fmt == "csv":  # numbers for a spreadsheet: a proportion, empty when undefined
                rows.append(
                    [
                        name,
                        t.n,
                        *("" if v is None else round(v, 4) for v in (agr, kap, alp)),
                        *interval_csv(ci),
                        dis,
                        int(thin),
                        *stacked,
                    ]
                )
                continue
            indent = "  " * max(depth, 0) if fmt == "table" else ""  # md: the ids say it
            figures = (_num(agr, True, lang), _num(kap, lang=lang), _num(alp, lang=lang))
            rows.append(
                [
                    indent + name,
                    t.n,
                    *figures,
                    *([interval_text(ci, lang)] if resamples else []),
                    dis,
                    *([words["too few"] if thin else ""] if noted else []),
                ]
            )
        if fmt == "csv":
            _write_csv(columns, rows, _delimiter(delimiter, fmt, project.csv_style))
            return
        agree_table(
            caption(
                [result.coder_a, result.coder_b],
                result.unit,
                result.units,
                len(result.transcripts),
                lang,
            ),
            headers(columns, lang, fmt),
            rows,
            fmt,
            [
                *ci_note(words, resamples),
                *([words["undefined"]] if result.any_undefined() else []),
                *([too_few_note(words)] if result.any_too_few() else []),
            ],
        )
        if show_disagreements:
            listed: list[str] = []
            # each row's, and a theme's own part's under its own name, as for three or more
            for shown_row, name, _ in result.lines(words["itself"]):
                for d in shown_row.disagreements if shown_row is not None else []:
                    where = d["file"] or d["participant"]
                    seg = f" #{d['segment']}" if d["segment"] else ""
                    text = d.get("text", "")
                    text = redactor.redact(text) if redactor else text
                    only = words["only"].format(who=d["coded_by"])
                    listed.append(f"{name}  {where}{seg}  {only}: {text}")
            agree_list(listed, fmt)
