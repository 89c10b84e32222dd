"""Exchange commands: export qdpx/qdc/csv, import qdpx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass
from .common import ForceOpt, NoAnonOpt, ProjectOpt, _err, _open, handle_errors


@handle_errors
def export_qdpx_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdpx file to write.")],
    no_anonymize: NoAnonOpt = False,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The whole project as REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder), anonymized."""
    from ..exchange.qdpx_export import export_qdpx

    project, store, codebook, participants = _open(project_dir)
    with store:
        s = export_qdpx(
            project, store, codebook, participants, out, anonymize=not no_anonymize, overwrite=force
        )
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    _err(
        f"lernet: wrote {out}: {s.sources} sources, {s.codes} codes, {s.codings} codings, "
        f"{s.cases} cases, {s.notes} notes" + ("" if s.anonymized else " (NOT anonymized)")
    )


@handle_errors
def export_qdc_cmd(
    out: Annotated[Path, typer.Argument(help="The .qdc file to write.")],
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The codebook alone as REFI-QDA .qdc (match rules have no place there and are left out)."""
    from ..exchange.qdc import export_qdc

    project, store, codebook, _ = _open(project_dir)
    with store:
        n = export_qdc(codebook, out, language=project.language, store=store, overwrite=force)
    _err(f"lernet: wrote {out}: {n} codes (match rules are not part of .qdc)")


@handle_errors
def export_csv_cmd(
    out: Annotated[Path, typer.Argument(help="The .csv file to write.")],
    no_anonymize: NoAnonOpt = False,
    force: ForceOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """One row per coding (participant, group, theme, code, coder, status, text) for Excel or R."""
    from ..exchange.csv_export import export_csv

    project, store, codebook, participants = _open(project_dir)
    with store:
        n = export_csv(
            store,
            codebook,
            participants,
            out,
            anonymize=not no_anonymize,
            overwrite=force,
            project=project,
        )
    _err(f"lernet: wrote {out}: {n} codings")


@handle_errors
def import_qdpx_cmd(
    archive: Annotated[Path, typer.Argument(help="The .qdpx file to read.")],
    into: Annotated[Path, typer.Option(help="Folder for the new project.")] = Path("."),
) -> None:
    """Codes, sources, cases and codings (with their coders) from another tool as a new project."""
    from ..exchange.qdpx_import import import_qdpx

    s = import_qdpx(archive, into)
    for w in s.warnings:
        _err(f"lernet: warning: {w}")
    _err(
        f"lernet: imported {s.sources} sources, {s.codes} codes, {s.codings} codings by "
        f"{', '.join(s.coders) or 'nobody'} into {s.project_root}"
    )
