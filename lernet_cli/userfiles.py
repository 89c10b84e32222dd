"""Opening the files a user names: transcripts, codebooks, participants files, archives, backups.

Only regular files are read. A named pipe blocks a read until someone writes to it, a link to
/dev/zero never ends, and opening a device can have side effects. So a file is looked at with
`stat` first (following links), then opened with O_NONBLOCK and looked at again on the open
descriptor: a file swapped for a pipe between the two still cannot block. Reads stop one byte
past the caller's size limit, whatever the file says its size is.

File names are kept by Python as text, with the bytes that are not UTF-8 as lone surrogates. Such
a name cannot be stored in the project or written into an export, so `require_text_name` refuses
it; `errors.printable` shows it with backslash escapes.

This module sits at the bottom of the layers (it imports only `errors`), so readers, codebook,
store and exchange can all use it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import LernetError, printable

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def not_regular(path: Path) -> str | None:
    """Why `path` cannot be read as a file (for a message after its name), or None when it is a
    regular file or a link to one. Never opens the file."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            return f"is a link to {printable(os.readlink(path))}, which does not exist"
        return "file not found"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads back to itself"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file"
    kind = _kind(st.st_mode)
    if os.path.islink(path):
        target = printable(os.path.realpath(path))
        return f"is a link to {target}, {kind}, not a regular file"
    return f"is {kind}, not a regular file"


def check_regular(path: Path, error: type[LernetError]) -> None:
    """Raise `error` naming `path` unless it is a regular file (or a link to one)."""
    reason = not_regular(path)
    if reason is not None:
        raise error(reason, path)


def _too_large(what: str, size: int | None, limit: int) -> str:
    told = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return f"too large for {what} ({told}; lernet reads at most {limit:,})"


READ: set[Path] = set()
"""Every file opened with `open_regular` since the command began (emptied per command): output
is never written over one (`output.files`)."""


def open_regular(
    path: Path, error: type[LernetError], limit: int | None = None, what: str = "this file"
) -> BinaryIO:
    """A regular file opened for binary reading, without ever blocking; `error` names `path` if
    it is anything else, cannot be opened, or is larger than `limit` bytes (`what` is the file's
    role in that message: "a transcript")."""
    check_regular(path, error)
    READ.add(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            # Replaced between the two looks; O_NONBLOCK made the open return at once.
            raise error(f"is {_kind(st.st_mode)}, not a regular file", path)
        if limit is not None and st.st_size > limit:
            raise error(_too_large(what, st.st_size, limit), path)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(
    path: Path, error: type[LernetError], limit: int, what: str = "this file"
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (see `open_regular`)."""
    with open_regular(path, error, limit, what) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise error(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > limit:
        raise error(_too_large(what, None, limit), path)  # it grew since it was opened
    return data


def is_read_only(path: Path) -> bool:
    """Whether the user made `path` read-only (no write permission for its owner, as a file
    manager's "read-only" sets it), or this process may not write it or its folder. Running
    as root, `os.access` says yes to everything: the owner's permission is what the user set."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not st.st_mode & stat.S_IWUSR:
        return True
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def is_text_name(name: str) -> bool:
    """Whether a path, as Python gives it, is valid UTF-8 text (and so can be stored)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def require_text_name(name: str, path: Path | str, error: type[LernetError]) -> None:
    """Refuse a file whose name (`name`, as it would be stored) has bytes that are not UTF-8."""
    if not is_text_name(name):
        raise error(
            "the file name is not valid UTF-8 (bytes shown as \\xNN); rename the file so "
            "lernet can store and export its name",
            path,
        )


def write_cache_file(
    folder: Path, name: str, text: str | bytes, keep: tuple[str, int] | None = None
) -> None:
    """Write a file of lernet's cache folder in one move (a reader never sees half of it); best
    effort, since a cache that cannot be written only costs time. `keep` (a glob, a number):
    of the files matching the glob only that many of the newest stay."""
    import contextlib

    target = folder / name
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        if not folder.parent.is_dir():
            return
        folder.mkdir(mode=0o700, exist_ok=True)
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        if keep is not None:
            pattern, count = keep
            old = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
            for stale in old[:-count]:
                stale.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
