"""Codebooks `lernet code` finds beside the project or among the transcripts and does not code
with: each named in a note, so that the researcher's own is never passed over unseen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError, printable
from .code_summary import SHOWN_FILES, _quoted
from .common import _err


def _folder_codebook(codebooks: list[Path], named: list[Path]) -> list[Path]:
    """The codebook a new project codes with when the folders named hold one: that one, as
    `lernet code *` would take it; several: none is guessed, nothing is created."""
    if len(codebooks) <= 1:
        return codebooks
    shown = ", ".join(printable(str(p)) for p in codebooks[:SHOWN_FILES])
    more = f" and {len(codebooks) - SHOWN_FILES} more" if len(codebooks) > SHOWN_FILES else ""
    raise UsageError(
        f"the folders named hold {len(codebooks)} codebooks ({shown}{more}): name the one to "
        f"code with among the files (lernet code "
        f"{' '.join(_quoted(printable(str(p))) for p in named)} "
        f"{_quoted(printable(str(codebooks[0])))}); nothing was created"
    )


def _note_unused_codebooks(project: Any) -> list[Path]:
    """A lernet.yaml without `codebook:` codes with the bundled codebook: a codebook beside it
    (the researcher's own, most likely) is named in one line, so that tags naming its codes
    are not read as memos unseen. Returns the codebooks named."""
    if not project.codebook_default:
        return []
    found = codebooks_beside(project)
    if found:
        names = ", ".join(p.name for p in found[:SHOWN_FILES])
        more = f" and {len(found) - SHOWN_FILES} more" if len(found) > SHOWN_FILES else ""
        _err(
            f"lernet: note: {project.root / 'lernet.yaml'} names no codebook:, so this project "
            f"codes with the default codebook (learning networks), not {names}{more} beside it: "
            f"to code with it, add `codebook: {found[0].name}` to lernet.yaml and run lernet "
            "code again"
        )
    return found


def codebooks_beside(project: Any) -> list[Path]:
    """The codebooks (YAML with a top-level `themes:`) in the project's folder other than the
    one it codes with."""
    from ..coding.inputs import looks_like_codebook

    own = project.codebook_path.resolve()
    try:
        candidates = sorted(
            p
            for p in project.root.iterdir()
            if p.suffix.lower() in (".yaml", ".yml") and p.name != "lernet.yaml" and p.is_file()
        )
    except OSError:
        return []
    return [p for p in candidates if p.resolve() != own and looks_like_codebook(p)]


def note_new_project_codebooks(project: Any) -> None:
    """A project just made with a codebook of lernet's beside the researcher's own (not named,
    so not taken): one line naming it and the setting that codes with it."""
    found = codebooks_beside(project)
    if not found:
        return
    names = ", ".join(p.name for p in found[:SHOWN_FILES])
    more = f" and {len(found) - SHOWN_FILES} more" if len(found) > SHOWN_FILES else ""
    _err(
        f"lernet: note: {names}{more} in {project.root} "
        f"{'is a codebook' if len(found) == 1 else 'are codebooks'} too; this project codes "
        f"with {project.relative(project.codebook_path)}: to code with {found[0].name}, set "
        f"`codebook: {found[0].name}` in lernet.yaml, then run lernet code"
    )


def _note_folder_codebooks(project: Any, codebooks: list[Path]) -> None:
    """Codebooks among the transcripts of a project that codes with another: one line, so
    that the researcher's own codebook is never passed over unseen."""
    own = project.codebook_path.resolve()
    others = [p for p in codebooks if p.resolve() != own]
    if not others:
        return
    shown = ", ".join(project.relative(p) for p in others[:SHOWN_FILES])
    more = f" and {len(others) - SHOWN_FILES} more" if len(others) > SHOWN_FILES else ""
    it = "it" if len(others) == 1 else "one of them"
    _err(
        f"lernet: note: {shown}{more} beside the transcripts "
        f"{'is a codebook' if len(others) == 1 else 'are codebooks'}; this project codes with "
        f"{project.relative(project.codebook_path)}: to code with {it}, set codebook: in "
        f"{project.root / 'lernet.yaml'} and run lernet code again"
    )
