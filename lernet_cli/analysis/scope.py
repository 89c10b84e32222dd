"""Which transcripts an analysis counts (`--file`): those whose path in the project lies in a
folder, or matches a pattern, the researcher names: one wave of a study that interviewed the
same people twice ("Golf 1*"), one round, one site.

A pattern is matched, without regard to case and with `*`, `?` and `[...]` as in a shell, against
the stored path relative to the project (always with `/`), and against every part of it: a
folder's name ("Golf 1 (2025)"), a file's name ("*ronde 2*"), or several folders in a row
("Interviews/Golf 1*"). A pattern that names an existing folder or file (a path the shell
completed, absolute or from the current folder) is taken as that path in the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from ..errors import UsageError
from ..store.store import Store, StoredTranscript

SHOWN_FOLDERS = 8
"""Folders named in the error for a pattern that matches nothing; the rest are counted."""


@dataclass
class FileScope:
    """The transcripts `--file` keeps."""

    patterns: list[str]
    """As the researcher wrote them."""
    ids: frozenset[int]
    paths: list[str]
    """The kept transcripts' stored paths, in path order."""
    total: int
    """Transcripts in the store."""

    def folders(self) -> list[str]:
        """The folders the kept transcripts lie in ("" for the project's own folder)."""
        return sorted({folder_of(p) for p in self.paths})


def folder_of(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def _normal(pattern: str, root: Path, cwd: Path | None) -> str:
    """The pattern as a path in the project when it names an existing folder or file there;
    else as written, with `/` for `\\` and no `/` at either end."""
    text = pattern.strip().replace("\\", "/")
    if cwd is not None and text:
        given = Path(pattern.strip())
        where = given if given.is_absolute() else cwd / given
        try:
            if where.exists():
                inside = where.resolve().relative_to(root.resolve())
                if str(inside) != ".":
                    return inside.as_posix()
        except (OSError, ValueError):
            pass
    return text.strip("/")


def matches(pattern: str, path: str) -> bool:
    """Whether `pattern` (normalised) matches the stored `path` or a run of its parts."""
    want = pattern.casefold()
    parts = path.casefold().split("/")
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            run = "/".join(parts[i:j])
            if run == want or fnmatchcase(run, want):
                return True
    return False


def _folders_said(stored: Iterable[StoredTranscript]) -> str:
    folders = sorted({folder_of(t.path) for t in stored})
    if not folders:
        return "the store holds no transcripts yet (lernet code FILES codes them)"
    shown = [f or "(the project's own folder)" for f in folders[:SHOWN_FOLDERS]]
    more = len(folders) - SHOWN_FOLDERS
    return (
        ("folders: " if len(folders) > 1 else "folder: ")
        + "; ".join(shown)
        + (f" and {more} more" if more > 0 else "")
    )


def file_scope(
    store: Store, patterns: list[str] | None, root: Path, cwd: Path | None = None
) -> FileScope | None:
    """The transcripts these patterns keep (None: no `--file`, every transcript). A pattern
    that matches no stored transcript is refused, naming the folders there are."""
    if not patterns:
        return None
    stored = store.transcripts()
    kept: dict[int, str] = {}
    for pattern in patterns:
        normal = _normal(pattern, root, cwd)
        if not normal:
            raise UsageError("--file needs a folder or a pattern (e.g. --file 'Golf 1*')")
        hit = [t for t in stored if matches(normal, t.path)]
        if not hit:
            raise UsageError(
                f"--file {pattern!r} matches no transcript in the store; {_folders_said(stored)}"
            )
        kept.update((t.id, t.path) for t in hit)
    return FileScope(list(patterns), frozenset(kept), sorted(kept.values()), total=len(stored))
