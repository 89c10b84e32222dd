"""Writing output files the way researchers' data deserve: never over an existing file unless
asked, never half written, and never losing what was there.

Reports, tables and exports are files to share: they are written with the user's normal
permissions (the umask's, typically 0644), as any program writes a new document, so a colleague
on a shared drive can open them. The project's store stays private (store/).

A file overwritten with --force is kept first, beside it, as `name (backup DATE TIME).ext`,
named for the time it was last saved (the date a file manager shows for it): a report the
researcher added paragraphs to in Word is not lost when it is written again. A second backup of
the same minute gets `, 2`, `, 3`...; no backup is ever written over. `kept_backups` hands the
command the backups made, for a line saying so.

A backup of a file lernet wrote NOT anonymized (`--no-anonymize`) is readable by the user alone
(0600), and the line says what it is: lernet knows such a file by the NOT-anonymized mark a
report or a list of quotes carries, or, for any file, by its content's fingerprint, which
`write_output` notes in the user's own cache folder (`not_anonymized_record`; a file edited
since and without a mark is no longer known)."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ProjectError, UsageError

_KEPT: list[tuple[Path, Path]] = []
"""(file written, backup of what it held before), in the order written: `kept_backups`."""

_NOT_ANONYMIZED: set[Path] = set()
"""The backups of `_KEPT` that hold a file lernet wrote NOT anonymized: `is_not_anonymized`."""

NOT_ANONYMIZED_MARKS = (b"NIET GEANONIMISEERD", b"NOT ANONYMIZED")
"""How a report or a list of quotes written with --no-anonymize begins (in a Word report also its
page header): what tells such a file from its text."""

RECORD_NAME = "not-anonymized"
RECORD_KEEP = 5000
"""The fingerprints of the last this many files written NOT anonymized are known."""


_PROJECT_FILES: dict[Path, str] = {}
"""The files the command's project reads (absolute path → what it is): `project_files`."""
_GIVEN: list[tuple[Path, str]] = []
"""Those given to `project_files`, not yet resolved."""


def project_files(files: Iterable[tuple[Path, str]]) -> None:
    """The files this command's project reads, each with what it is ("this project's
    codebook"): no output is written over one, not even with --force (a CSV written over the
    codebook or a transcript breaks the project; its backup beside a transcript would be coded
    as an interview). Replaces the ones given before."""
    _PROJECT_FILES.clear()
    _GIVEN[:] = list(files)


def _project_files() -> dict[Path, str]:
    """`project_files` by their resolved paths, resolved when an output is first checked: a
    command that writes no file (most runs) pays nothing for a study of a thousand transcripts."""
    if _GIVEN:
        for path, what in _GIVEN:
            _PROJECT_FILES.setdefault(_absolute(path), what)
        _GIVEN.clear()
    return _PROJECT_FILES


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _project_file(out: Path) -> str | None:
    """What `out` is when it is one of `project_files` or a file this command read (by its
    path, through links, and on a disk that ignores case, macOS's and Windows', under another
    spelling); None otherwise."""
    from ..project.project import CONFIG_NAME, STORE_DIR
    from ..userfiles import READ

    if not os.path.lexists(out):
        return None
    known = dict.fromkeys((_absolute(p) for p in READ), "a file this command reads")
    known.update(_project_files())
    found = known.get(_absolute(out))
    if found is not None:
        return found
    # any project's, whichever command writes (not every one opens the store)
    if out.name == CONFIG_NAME:
        return f"a lernet project's settings ({CONFIG_NAME})"
    if _absolute(out).parent.name == STORE_DIR:
        return f"a file of a lernet project's store folder ({STORE_DIR})"
    name = out.name.casefold()
    for path, what in known.items():
        if path.name.casefold() == name:
            try:
                if os.path.samefile(path, out):
                    return what
            except OSError:
                continue
    return None


def _refuse_project_file(out: Path) -> None:
    what = _project_file(out)
    if what is not None:
        raise UsageError(
            f"is {what}; lernet writes no output over it, not even with --force: name another file",
            out,
        )


WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", *(f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10))]
)
"""Names Windows keeps for devices, whatever the extension (`aux.csv` is the device AUX)."""


def _refuse_windows_name(out: Path) -> None:
    """A name Windows cannot give a file (CON.csv, aux.md, a trailing dot or space) is refused
    everywhere: a file to share lands on a Windows machine or in a folder synced with one, where
    it is a device, or loses its dot and becomes another file."""
    name = out.name
    device = name.split(".")[0].rstrip(" ").upper()
    if device in WINDOWS_DEVICES:
        why = f"{device} is a name Windows keeps for a device, whatever the extension"
    elif name.endswith((".", " ")):
        why = "Windows drops a dot or space at the end of a name"
    else:
        return
    raise UsageError(
        f"{why}: Windows, and a folder synced with it, cannot hold this file; name it otherwise",
        out,
    )


def _refuse_special_file(out: Path) -> None:
    """A device at `out`, or a link to anything but a regular file (`-o /dev/null`,
    `-o /dev/stdout`), is refused with or without --force: the file written beside it and
    renamed into place would replace it, where the folder lets you (/dev/null as root). A
    named pipe or socket that is no link is replaced with --force, never written into."""
    from ..userfiles import not_regular

    try:
        mode = os.stat(out).st_mode
    except OSError:
        return  # nothing there, or a link to nothing: a file is written
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    if not os.path.islink(out) and (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return
    raise UsageError(f"{not_regular(out)}; lernet writes output only into a regular file", out)


def _refuse_missing_folder(out: Path) -> None:
    """Said before the work, not after it (a report takes a while): the folder `out` goes into
    is not there, or is a file. lernet makes no folder for an output file: a typo would be one."""
    folder = out.parent if str(out.parent) else Path(".")
    if folder.is_dir():
        return
    from ..errors import printable

    shown = printable(folder)
    why = f"{shown} is a file, not a folder" if folder.exists() else f"there is no folder {shown}"
    raise ProjectError(f"cannot write: {why}", out)


def check_new(out: Path, overwrite: bool) -> None:
    _refuse_project_file(out)
    _refuse_windows_name(out)
    _refuse_special_file(out)
    if out.is_dir():
        raise UsageError("is a folder, not a file", out)
    _refuse_missing_folder(out)
    if out.exists() and not overwrite:
        raise UsageError("already exists; lernet does not overwrite files (use --force)", out)


def _umask() -> int:
    """The process's umask (there is no call that reads it without setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def backup_name(out: Path, when: float, n: int = 1) -> Path:
    """`rapport (backup 2026-12-01 14.05).docx` beside `rapport.docx` (`n` > 1: `, n` after the
    time): the extension kept, so it opens as the file did; no colon, which Windows refuses."""
    stamp = datetime.datetime.fromtimestamp(when).strftime("%Y-%m-%d %H.%M")
    more = f", {n}" if n > 1 else ""
    return out.with_name(f"{out.stem} (backup {stamp}{more}){out.suffix}")


def _keep_previous(out: Path, data: bytes | None) -> Path | None:
    """A backup of the regular file at `out` (a hard link, or a copy where the disk has none),
    under a name no file has; None when there is nothing to keep: no file, not a regular file
    (a link is replaced, its target kept), or the same bytes as `data` (None: not compared)."""
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if data is not None and st.st_size == len(data):
        try:
            if out.read_bytes() == data:
                return None
        except OSError:
            pass
    n = 1
    while True:
        target = backup_name(out, st.st_mtime, n)
        try:
            os.link(out, target)
            return target
        except FileExistsError:
            n += 1
            continue
        except OSError:
            pass  # no hard links here (FAT, some network drives): a copy
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            n += 1
            continue
        try:
            with os.fdopen(fd, "wb") as fh, open(out, "rb") as old:
                shutil.copyfileobj(old, fh)
            shutil.copystat(out, target)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return target


def not_anonymized_record() -> Path | None:
    """The file in the user's own cache folder that lists the SHA-256 fingerprints of the files
    lernet wrote NOT anonymized, one a line (no name, no path); None without a cache folder."""
    from ..sealed import user_cache_dir

    folder = user_cache_dir()
    return folder / RECORD_NAME if folder is not None else None


def _fingerprint(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _remember_not_anonymized(data: bytes) -> None:
    """Note `data`'s fingerprint (best effort: a cache that cannot be written costs only this)."""
    from ..userfiles import write_cache_file

    record = not_anonymized_record()
    if record is None:
        return
    try:
        known = record.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        known = []
    known = [k for k in known if k != _fingerprint(data)] + [_fingerprint(data)]
    write_cache_file(record.parent, RECORD_NAME, "\n".join(known[-RECORD_KEEP:]) + "\n")


def _written_not_anonymized(path: Path) -> bool:
    """Whether the file at `path` is one lernet wrote NOT anonymized: its fingerprint is noted,
    or it carries the mark (in a Word file: in its text or a page header)."""
    import zipfile

    try:
        data = path.read_bytes()
    except OSError:
        return False
    record = not_anonymized_record()
    try:
        if record is not None and _fingerprint(data) in record.read_text(encoding="ascii"):
            return True
    except (OSError, UnicodeDecodeError):
        pass
    texts = [data]
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                texts = [
                    z.read(n)
                    for n in z.namelist()
                    if n in ("word/document.xml", "project.qde") or n.startswith("word/header")
                ]
        except (zipfile.BadZipFile, OSError, KeyError):
            texts = []
    return any(mark in text for text in texts for mark in NOT_ANONYMIZED_MARKS)


def write_output(out: Path, data: bytes, keep: bool = True, anonymized: bool = True) -> None:
    """Write `data` to `out` in one move: into a file beside it, renamed into place (a reader
    never sees half of it; a failure leaves what was there), with the user's normal permissions.
    What `out` held before is kept as a backup beside it (`kept_backups`), unless `keep` is
    False (a report's charts, drawn again from the store every time); private when it is a file
    lernet wrote NOT anonymized. `anonymized=False`: `data` is such a file (its fingerprint is
    noted). `out` is never one of `project_files`: lernet changes those (the codebook, the
    participants file) through `project.ownfiles`, which keeps them in the project's backups
    folder."""
    mode = 0o666 & ~_umask()
    _refuse_project_file(out)
    _refuse_windows_name(out)
    _refuse_special_file(out)
    folder = out.parent if str(out.parent) else Path(".")
    backup: Path | None = None
    private = False
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lernet-", dir=folder)
        try:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13, which has no modes
                os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            backup = _keep_previous(out, data) if keep else None
            private = backup is not None and _written_not_anonymized(backup)
            try:
                os.replace(tmp, out)
            except PermissionError as exc:
                if not os.path.lexists(out):
                    raise
                # the folder took the new file, so the old one is held: open in Excel or Word
                # (Windows locks a file a program has open), or made read-only
                raise ProjectError(
                    f"cannot write: {exc.strerror}; is it open in another program, such as "
                    "Excel or Word? Close it there and run this again",
                    out,
                ) from None
            if private:
                assert backup is not None
                os.chmod(backup, 0o600)  # after the move: until then it is `out` too
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            if backup is not None:
                backup.unlink(missing_ok=True)  # `out` is as it was: no second copy of it
            raise
    except OSError as exc:
        raise ProjectError(f"cannot write: {exc.strerror}", out) from None
    if not anonymized:
        _remember_not_anonymized(data)
    if backup is not None:
        _KEPT.append((out, backup))
        if private:
            _NOT_ANONYMIZED.add(backup)
        else:  # a name an earlier backup of this process had
            _NOT_ANONYMIZED.discard(backup)


def move_into_place(new: Path, out: Path) -> None:
    """Put the file `new`, written beside `out` (a copy of the store, which SQLite writes to
    a file of its own), in `out`'s place in one move, keeping what `out` held as a backup
    beside it (`kept_backups`) with its own permissions. `new` is gone afterwards, moved or
    deleted."""
    backup: Path | None = None
    try:
        try:
            backup = _keep_previous(out, None)
            os.replace(new, out)
        except BaseException:
            new.unlink(missing_ok=True)
            if backup is not None:
                backup.unlink(missing_ok=True)  # `out` is as it was: no second copy of it
            raise
    except OSError as exc:
        raise ProjectError(f"cannot write: {exc.strerror}", out) from None
    if backup is not None:
        _KEPT.append((out, backup))
        _NOT_ANONYMIZED.discard(backup)


def is_not_anonymized(backup: Path) -> bool:
    """Whether a backup of `kept_backups` holds a file lernet wrote NOT anonymized (and is
    therefore readable by the user alone)."""
    return backup in _NOT_ANONYMIZED


def kept_backups() -> list[tuple[Path, Path]]:
    """The backups made since the last call: (file written, backup), oldest first."""
    out = list(_KEPT)
    _KEPT.clear()
    return out


def output_folder(folder: Path) -> None:
    """A folder for output files (a Markdown report's charts), with the user's normal
    permissions."""
    if folder.exists() and not folder.is_dir():
        raise ProjectError(
            "is a file where the report's charts go into a folder of that name: move it, or "
            "name the report otherwise",
            folder,
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"cannot write: {exc.strerror}", folder) from None


MARK_TEXT = {
    "nl": "Geschreven door lernet {v}: lernet code leest dit bestand niet als transcript.",
    "en": "Written by lernet {v}: lernet code does not read it as a transcript.",
}
"""The document properties' comment on a Word file lernet writes, in the project's language."""
PROPERTY_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}


def mark_docx(doc: Any, kind: str, lang: str = "en", title: str = "") -> None:
    """Mark a Word document as lernet's, in its core properties: `lernet code` skips it. What
    Word shows of them (title, comments, language) is in the project's language `lang`."""
    import datetime

    from .. import __version__

    props = doc.core_properties
    from ..readers.own_output import docx_identifier  # not at import: tally reads no readers

    props.identifier = docx_identifier(kind)
    props.author = "lernet"
    props.last_modified_by = "lernet"
    props.title = title
    props.language = PROPERTY_LANGUAGE.get(lang, PROPERTY_LANGUAGE["en"])
    props.comments = MARK_TEXT.get(lang, MARK_TEXT["en"]).format(v=__version__)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
