"""Team commands: which coder names are one person."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import ProjectOpt, _check_format, _err, handle_errors


@handle_errors
def coders(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    project_dir: ProjectOpt = None,
) -> None:
    """The names people coded and reviewed under, the person each counts as, and their codings."""
    if ctx.invoked_subcommand is not None:
        return
    from ..analysis.coders import COLUMNS, coder_table, maybe_same
    from ..output.render import print_table, to_csv, to_json, write
    from ..project.project import load_project
    from ..store.store import Store

    fmt = _check_format(fmt, ("table", "csv", "json"))
    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        rows = coder_table(store)
        hints = maybe_same(store)
    if fmt == "json":
        write(to_json([r.to_json() for r in rows]))
    elif fmt == "csv":
        write(to_csv(COLUMNS, [list(r.to_json().values()) for r in rows]))
    elif not rows:
        _err("lernet: nobody has coded or reviewed by hand in this project yet")
    else:
        print_table(COLUMNS, [list(r.to_json().values()) for r in rows], numeric_from=2)
    for a, b in hints:
        _err(f'lernet: "{a}" and "{b}" may be one person: lernet coders same "{a}" "{b}"')


@handle_errors
def coders_same(
    names: Annotated[
        list[str], typer.Argument(help="Two or more names of one person; the first is shown.")
    ],
    project_dir: ProjectOpt = None,
) -> None:
    """Count these coder names as one person (a Word comment's author and a --coder or
    --reviewer name) in tallies, agreement, reports and exports."""
    from ..analysis.coders import coder_table, say_same
    from ..project.project import load_project
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        known = {r.name.casefold() for r in coder_table(store)}
        group = say_same(store, names)
    for name in names:
        if " ".join(name.split()).casefold() not in known:
            _err(f"lernet: note: nobody codes or reviews as {name!r} here (yet)")
    _err(f"lernet: {' = '.join(group)}: one person, shown as {group[0]}")


@handle_errors
def coders_apart(
    names: Annotated[list[str], typer.Argument(help="Names to count as people of their own.")],
    project_dir: ProjectOpt = None,
) -> None:
    """Undo `lernet coders same` for these names."""
    from ..analysis.coders import say_apart
    from ..project.project import load_project
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        say_apart(store, names)
    _err(f"lernet: {', '.join(names)}: each a person of their own again")
