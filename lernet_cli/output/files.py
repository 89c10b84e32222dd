"""Writing output files the way researchers' data deserve: never over an existing file unless
asked, never half written, readable by the owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ProjectError, UsageError
from ..readers.own_output import docx_identifier


def check_new(out: Path, overwrite: bool) -> None:
    if out.is_dir():
        raise UsageError("is a folder, not a file", out)
    if out.exists() and not overwrite:
        raise UsageError("already exists; lernet does not overwrite files (use --force)", out)


def write_private(out: Path, data: bytes) -> None:
    """Written beside the target (mode 0600 from mkstemp) and renamed into place."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lernet-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ProjectError(f"cannot write: {exc.strerror}", out) from None


def mark_docx(doc: Any, kind: str) -> None:
    """Mark a Word document as lernet's, in its core properties: `lernet code` skips it."""
    import datetime

    from .. import __version__

    props = doc.core_properties
    props.identifier = docx_identifier(kind)
    props.author = "lernet"
    props.last_modified_by = "lernet"
    props.comments = (
        f"Written by lernet {__version__}: lernet code does not read it as a transcript."
    )
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
