"""Files lernet wrote itself (reports, tables) carry a mark, so that `lernet code *.docx` in a
folder with `rapport.docx` does not take the report for an interview.

A Word file is marked in its core properties (File > Properties: the identifier, which Word keeps
when the file is edited and saved); a Markdown file by an HTML comment on its last line, which no
Markdown viewer shows.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MARK = "lernet-output"
_MD_MARK_RE = re.compile(r"<!-- " + MARK + r": (?P<kind>[\w -]+?)[;.]")
_ID_RE = re.compile(rb"<(?:\w+:)?identifier>\s*" + MARK.encode() + rb":(?P<kind>[\w -]+?)\s*<")
_CORE_MAX = 1 << 16


def docx_identifier(kind: str) -> str:
    """The core-properties identifier of a Word file lernet writes."""
    return f"{MARK}:{kind}"


def markdown_mark(kind: str) -> str:
    """The last line of a Markdown file lernet writes."""
    return f"<!-- {MARK}: {kind}; written by lernet, not read as a transcript -->"


def lernet_output(path: Path) -> str | None:
    """What lernet wrote this file as ("report", "matrix"), or None for anyone else's file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as zf, zf.open("docProps/core.xml") as fh:
                m = _ID_RE.search(fh.read(_CORE_MAX))
            return m["kind"].decode() if m else None
        if suffix in (".md", ".markdown"):
            with path.open("rb") as fh:
                fh.seek(0, 2)
                fh.seek(max(0, fh.tell() - 400))
                tail = fh.read().decode("utf-8", "replace")
            found = _MD_MARK_RE.search(tail)
            return found["kind"] if found else None
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    return None
