"""The researcher's own files that lernet changes: the codebook (`suggest --add`, new codes from
`import taguette` or `merge --add-codes`) and the participants file (an archive's people added by
`import qdpx --into` or `merge`).

One rule for all of them: a file made read-only is left as it is; otherwise the file as it was
read (its bytes, not a second read) is kept first in the project's `.lernet/backups/` as
`NAME-YYYYMMDD-HHMMSS.ext` (two in one second get `-2`, `-3`...; no backup is written over),
readable by the owner alone like the store's backups there (a participants file holds real
names); and the new bytes are written beside the file, on disk before they take its place in one
move, with the file's permissions: a crash leaves the old file or the new one, never half of one.
The backups live with the store's, not beside the file: the project folder, which researchers
share and sync, does not collect stale copies of the participants' names, and every backup of
a project is in one private folder. Keeping the file's
encoding, byte order mark and line ends is the caller's (`codebook.yamlio.TextForm`,
`line_end`). Output files overwritten with --force are another matter (output/files.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from ..errors import LernetError, ProjectError
from ..userfiles import is_read_only
from .project import STORE_DIR

BACKUPS = "backups"


def backups_folder(root: Path) -> Path:
    """The project's backups folder, `.lernet/backups/` (not made here)."""
    return root / STORE_DIR / BACKUPS


def keep_backup(root: Path, path: Path, raw: bytes) -> Path:
    """`raw`, the bytes of `path` as they were read, as a new file in the project's backups
    folder, with `path`'s times (a file manager shows when it was last saved) and readable by
    the owner alone. Returns its path."""
    folder = backups_folder(root)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        more = f"-{n}" if n > 1 else ""
        target = folder / f"{path.stem}-{stamp}{more}{path.suffix}"
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            n += 1
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        shutil.copystat(path, target)  # times; stat only, no second read of the file
        os.chmod(target, 0o600)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def write_in_place(path: Path, data: bytes) -> None:
    """`data` in `path`'s place in one move, on disk before the move, with `path`'s permissions
    (a new file: the umask's)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            mask = os.umask(0o022)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def rewrite_own_file(
    root: Path, path: Path, raw: bytes | None, data: bytes, error: type[LernetError]
) -> Path | None:
    """Put `data` in the place of the researcher's file `path` of the project at `root`, whose
    bytes were `raw` when read (None: there was no file), as the module says: refused with
    `error` when it is read-only, nothing changed; the old bytes kept in the backups folder
    first; a ProjectError when the disk refuses (the file as it was, no backup left). Returns
    the backup (None: there was no file)."""
    if raw is not None and is_read_only(path):
        raise error("is read-only, so lernet leaves it as it is", path)
    backup = None
    try:
        if raw is not None:
            backup = keep_backup(root, path, raw)
        write_in_place(path, data)
    except OSError as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)  # the file is as it was: no second copy of it
        raise ProjectError(f"cannot write: {exc.strerror or exc}", path) from None
    return backup
