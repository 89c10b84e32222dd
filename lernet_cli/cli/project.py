"""Project commands: init, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError

if TYPE_CHECKING:
    pass
from .common import ProjectOpt, _err, handle_errors


@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the project.")] = Path("."),
    language: Annotated[
        str, typer.Option(help="nl or en: codebook, placeholders, report wording.")
    ] = "nl",
    blank: Annotated[
        bool,
        typer.Option(
            "--blank",
            help="Start from a short commented codebook for a study of your own, not the "
            "learning-networks codebook.",
        ),
    ] = False,
) -> None:
    """Create a project: lernet.yaml, an editable codebook.yaml and the store in .lernet/."""
    from ..project.project import CONFIG_NAME, init_project

    if language not in ("nl", "en"):
        raise UsageError("--language must be nl or en")
    existed = (folder / CONFIG_NAME).exists()
    kept_codebook = not existed and (folder / "codebook.yaml").exists()
    project, created = init_project(folder, language, blank=blank)
    if existed:
        _err(f"lernet: {project.root} is already a lernet project; nothing changed")
        return
    what = "a starter codebook" if blank else "the learning-networks codebook"
    _err(f"lernet: created {', '.join(created)} in {project.root} (language {language})")
    if kept_codebook:
        _err("lernet: note: codebook.yaml was there already and is used as it is")
    elif "codebook.yaml" in created:
        _err(f"lernet: codebook.yaml is {what}; edit it, then: lernet codebook check")


@handle_errors
def backup(
    out: Annotated[
        Path | None, typer.Argument(help="Where to write it (default: .lernet/backups/).")
    ] = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Copy the whole store (all codings, reviews and transcripts) to a file you can keep."""
    from ..project.project import load_project
    from ..store.backup import backup_store, default_backup_path
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        written = backup_store(store, out or default_backup_path(project.store_path))
    _err(f"lernet: backup written to {written}")


@handle_errors
def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `lernet backup`.")],
    project_dir: ProjectOpt = None,
) -> None:
    """Put a backup back as the project's store; the current store is backed up first."""
    from ..project.project import load_project
    from ..store.backup import restore_store

    project = load_project(project_dir)
    safety = restore_store(project.store_path, file)
    _err(f"lernet: restored {file}; the previous store was saved as {safety}")
