"""Read transcript files into `Transcript`s; one module per file format.

A format module only has to provide `read(path) -> RawDocument`; speaker labels, timestamps and
roles are interpreted once, in `labels`, for every format. Format modules are imported on first
use so that starting the CLI does not pay for lxml.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, cast

from ..errors import TranscriptError
from ..model import Transcript
from ..userfiles import check_regular
from .labels import RawDocument, RawParagraph, build_transcript

__all__ = [
    "READERS",
    "SUPPORTED_SUFFIXES",
    "RawDocument",
    "RawParagraph",
    "Reader",
    "max_bytes",
    "read_transcript",
]


class Reader(Protocol):
    """A format module: turns a file into raw paragraphs, raising TranscriptError if it cannot."""

    def read(self, path: Path) -> RawDocument: ...


READERS: dict[str, str] = {
    ".docx": "lernet_cli.readers.docx",
    ".md": "lernet_cli.readers.md",
    ".odt": "lernet_cli.readers.odt",
    ".rtf": "lernet_cli.readers.rtf",
    ".pdf": "lernet_cli.readers.pdf",
    ".markdown": "lernet_cli.readers.md",
    ".txt": "lernet_cli.readers.txt",
    ".vtt": "lernet_cli.readers.vtt",
    ".srt": "lernet_cli.readers.srt",
}
"""File suffix (lower case) -> module implementing `Reader`."""

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))

MAX_TEXT_BYTES = 50_000_000
"""The largest .txt, .md, .vtt or .srt file read: a thousand hours of speech."""
MAX_PACKAGE_BYTES = 500_000_000
"""The largest .docx, .odt or .pdf file read; each part inside is capped again (readers.archive,
readers.pdf)."""
PACKAGES = (".docx", ".odt", ".pdf")
MAX_RTF_BYTES = 200_000_000
"""The largest .rtf file read: Word writes its pictures into the file as hexadecimal digits."""

MAX_PARAGRAPH_CHARS = 200_000
"""About 30,000 words: far beyond any spoken turn, and a sign of a file that is no transcript."""


def reader_for(path: Path) -> Reader:
    """The reader module for a file's suffix (case-insensitive)."""
    module = READERS.get(path.suffix.lower())
    if module is None:
        what = f"'{path.suffix}'" if path.suffix else "without a suffix"
        raise TranscriptError(
            f"unsupported file type {what} (supported: {', '.join(SUPPORTED_SUFFIXES)})", path
        )
    return cast(Reader, importlib.import_module(module))


def max_bytes(path: Path) -> int:
    """The largest file of this type lernet reads as a transcript."""
    suffix = path.suffix.lower()
    if suffix == ".rtf":
        return MAX_RTF_BYTES
    return MAX_PACKAGE_BYTES if suffix in PACKAGES else MAX_TEXT_BYTES


def read_transcript(path: Path, interviewer: Sequence[str] | None = None) -> Transcript:
    """Read one transcript file; `interviewer` lists speaker labels to take as the interviewer's."""
    path = Path(path)
    check_regular(path, TranscriptError)
    reader = reader_for(path)
    try:
        raw = reader.read(path)
    except OSError as exc:
        raise TranscriptError(f"cannot read: {exc.strerror or exc}", path) from None
    for para in raw.paragraphs:
        if len(para.text) > MAX_PARAGRAPH_CHARS:
            raise TranscriptError(
                f"{raw.unit} {para.position} has {len(para.text):,} characters without a break: "
                "not a transcript",
                path,
            )
    return build_transcript(raw, path, interviewer)
