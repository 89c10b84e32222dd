"""Codebook commands: import, check, test, show."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import printable
from ..language.plural import counted

if TYPE_CHECKING:
    pass
from .common import (
    DelimiterOpt,
    ForceOpt,
    ForceOutputOpt,
    FormatOpt,
    OutputOpt,
    ProjectOpt,
    _codebook_file,
    _delimiter,
    _err,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)


@handle_errors
def codebook_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="A REFI-QDA .qdc codebook, Taguette's codebook as CSV, or a codebook table "
            "in Word (.docx), Excel (.xlsx) or CSV with a header row such as "
            "Thema | Code | Omschrijving | Voorbeeld."
        ),
    ],
    out: Annotated[Path, typer.Option("--output", "-o", help="The codebook YAML to write.")],
    force: ForceOpt = False,
) -> None:
    """Turn a .qdc codebook, Taguette's codebook CSV or a codebook table (Word, Excel, CSV) into
    lernet YAML (labels, descriptions, examples, nesting; no rules yet)."""
    from ..exchange.codebook_table import import_codebook_table, is_codebook_table
    from ..exchange.qdc import import_qdc
    from ..exchange.taguette_codes import import_codebook_csv, is_codebook_csv
    from ..output.files import check_new, write_output

    check_new(out, force)
    warnings: list[str] = []
    counts: dict[str, int] | None = None
    if is_codebook_table(file):
        text, counts = import_codebook_table(file, warnings, _project_language(out))
    elif is_codebook_csv(file):
        text = import_codebook_csv(file)
    else:
        text = import_qdc(file, warnings)
    # Renamed into place, so --force over a named pipe replaces it instead of waiting on it.
    write_output(out, text.encode("utf-8"))
    for w in warnings:
        _err(f"lernet: warning: {w}")
    if counts is None:
        _err(f"lernet: wrote {out}; add match rules to code automatically")
        return
    name = printable(out)
    _err(
        f"lernet: wrote {name} ({counted(counts['themes'], 'theme')}, "
        f"{counted(counts['codes'], 'code')}, {counted(counts['examples'], 'example')}) without "
        "match rules, so `lernet code` codes nothing "
        f"with it yet: give each code words to find (match: - any: [word, ...], see "
        f"docs/codebook-format.md) until `lernet codebook test {name}` passes its examples, "
        "or code a few interviews by hand and let `lernet suggest --all` propose them"
    )


def _project_language(out: Path) -> str | None:
    """The language of the project a codebook is written into (that of its folder, else of the
    current folder), or None outside one or where its lernet.yaml cannot be read."""
    from ..errors import LernetError
    from ..project.project import find_project_root, load_project

    root = find_project_root(out.parent) or find_project_root(Path.cwd())
    if root is None:
        return None
    try:
        return load_project(root).language
    except LernetError:
        return None


@handle_errors
def codebook_check(
    file: Annotated[
        Path | None, typer.Argument(help="Codebook YAML (default: the project's).")
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Validate a codebook and list every problem with file:line and the code id."""
    from ..codebook.codebook import parse_codebook
    from ..codebook.regexprobe import slow_regexes
    from ..learn.reference import reference_warnings

    cb = parse_codebook(_codebook_file(file, project_dir))
    cb.problems = sorted([*cb.problems, *slow_regexes(cb)], key=lambda p: p.line)
    for p in cb.problems:
        _err(f"{p.severity}: {p}")
    for warning in reference_warnings(cb):
        _err(f"warning: {warning}")
    errors = [p for p in cb.problems if p.severity == "error"]
    n_codes = sum(1 for _ in cb.walk())
    if errors:
        _err(f"lernet: {counted(len(errors), 'error')} in {cb.path}")
        raise typer.Exit(4)
    typer.echo(
        f"{printable(cb.path)}: ok ({counted(len(cb.themes), 'theme')}, "
        f"{counted(n_codes - len(cb.themes), 'code')})"
    )
    by_hand = [c.id for c in cb.walk() if not c.children and not c.rules]
    if by_hand:
        shown = ", ".join(by_hand[:5]) + (f" and {len(by_hand) - 5} more" if by_hand[5:] else "")
        _err(
            f"lernet: note: {counted(len(by_hand), 'code')} without match: rules, which "
            f"lernet code leaves to you (Word comments, inline tags, lernet review): {shown}"
        )


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


@handle_errors
def codebook_show(
    file: Annotated[
        Path | None, typer.Argument(help="Codebook YAML (default: the project's).")
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Print the codebook as a tree: ids, labels in both languages, number of rules."""
    from ..codebook.codebook import load_codebook
    from ..output.render import screen_console, to_json, to_md_table, write

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    cb = load_codebook(_codebook_file(file, project_dir))
    with output_to(output, fmt):
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
        rows = [
            [c.id, c.label("nl"), c.label("en"), len(c.rules), len(c.examples)] for c in cb.walk()
        ]
        columns = ["id", "nl", "en", "rules", "examples"]
        if fmt == "csv":
            from ..project.project import find_project_root, load_project

            here = project_dir is not None or find_project_root(Path.cwd()) is not None
            style = load_project(project_dir).csv_style if here else None
            _write_csv(columns, rows, _delimiter(delimiter, fmt, style))
        elif fmt == "md":
            write(to_md_table(columns, rows))
        else:
            from rich.markup import escape
            from rich.tree import Tree

            # a name or label in brackets ("Kennis [intern]") is text, not markup to drop
            tree = Tree(f"[bold]{escape(cb.name)}[/bold]")
            nodes: dict[str, Any] = {}
            for c in cb.walk():
                # a label in one language alone is shown once, not as "Funding / Funding"
                shown = " / ".join(dict.fromkeys((c.label("nl"), c.label("en"))))
                text = f"[bold]{escape(c.id)}[/bold]  {escape(shown)}"
                if c.rules:
                    text += f"  [dim]({len(c.rules)} rule{'' if len(c.rules) == 1 else 's'})[/dim]"
                if c.analysis:
                    text += f"  [italic]analysis: {c.analysis}[/italic]"
                if c.phase is not None:
                    text += f"  [italic]phase {c.phase}[/italic]"
                parent = nodes.get(c.parent) if c.parent else tree
                nodes[c.id] = (parent or tree).add(text)
            screen_console().print(tree)


@handle_errors
def codebook_renamed(
    old: Annotated[str, typer.Argument(help="The code's id before you renamed it.")],
    new: Annotated[str, typer.Argument(help="Its id in the codebook now.")],
    project_dir: ProjectOpt = None,
) -> None:
    """After renaming a code in the codebook: move the codings, reviews and rejected candidates
    stored under its old id to the new one; a parent's sub-codes go along (OLD.x to NEW.x)."""
    from ..codebook.codebook import load_codebook
    from ..coding.orphans import move_codings
    from ..project.project import codebook_file, load_project
    from ..store.store import Store

    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    with Store.open(project.store_path) as store:
        done = move_codings(store, codebook, old, new)
    subs = [p for p in done.pairs if p[0] != done.source]
    _err(
        f"lernet: moved {counted(done.rows, 'stored row')} from {done.source} to {done.target}"
        + (f" and its sub-codes ({', '.join(f'{a} -> {b}' for a, b in subs)})" if subs else "")
        + (
            f"; {counted(done.memos, 'comment or tag', 'comments or tags')} kept as memos when "
            "the codebook lost it are counted again"
            if done.memos
            else ""
        )
        + "; now run: lernet code"
    )
    for code in done.left:
        _err(
            f"lernet: warning: {code} stays where it is: the codebook has no "
            f"{done.target + code[len(done.source) :]}; renamed it too? lernet codebook "
            f"renamed {code} NEW_ID"
        )


@handle_errors
def codebook_removed(
    old: Annotated[str, typer.Argument(help="The id of the code you removed from the codebook.")],
    project_dir: ProjectOpt = None,
) -> None:
    """After removing a code from the codebook on purpose: drop the codings (also reviewed ones
    and people's), and the rejected candidates, still stored under it and its sub-codes, which
    the counts leave out; memos of comments coded under it stay."""
    from ..codebook.codebook import load_codebook
    from ..coding.orphans import drop_codings
    from ..project.project import codebook_file, load_project
    from ..store.store import Store

    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    with Store.open(project.store_path) as store:
        done = drop_codings(store, codebook, old)
    _err(
        f"lernet: dropped {counted(done.rows, 'stored row')} under {', '.join(done.codes)}"
        + (
            f"; {counted(done.memos, 'memo')} of comments or tags coded under it "
            f"{'stays' if done.memos == 1 else 'stay'}, naming it no more"
            if done.memos
            else ""
        )
    )
