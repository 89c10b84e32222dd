"""Zip-packaged office documents (.docx, .odt), opened defensively.

Researchers receive transcripts from others, so a package is treated as hostile until read: member
sizes are capped (zip bombs, also when the zip directory lies about sizes), a part that declares a
DTD or entities is refused, and the XML parser neither resolves entities nor touches the network.
Error messages name the format through a `Package`, so each reader keeps its own wording.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import TranscriptError
from ..userfiles import open_regular

MAX_MEMBER_BYTES = 200_000_000
MAX_RATIO = 200
RATIO_CHECK_FROM = 1_000_000
"""Small parts (a 40 kB settings.xml of repeated tags) can compress 200:1 harmlessly."""


@dataclass(frozen=True)
class Package:
    """How a package format is named in messages."""

    kind: str
    """With its article, as in "not {kind}": "a Word .docx file"."""
    no_dtd: str
    """Why a DTD is suspicious: "which Word never writes"."""

    def error(self, reason: str, path: Path) -> TranscriptError:
        return TranscriptError(f"not {self.kind} ({reason})", path)


def parser() -> etree.XMLParser:
    """An XML parser that resolves no entities, loads no DTD and never uses the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def open_package(path: Path) -> BinaryIO:
    """A .docx or .odt opened for reading: a regular file of at most `MAX_PACKAGE_BYTES`."""
    from . import max_bytes

    return open_regular(path, TranscriptError, max_bytes(path), "a transcript")


def open_zip(
    fh: BinaryIO, path: Path, package: Package, limit: int | None = None
) -> zipfile.ZipFile:
    """Open a package, refusing members whose declared sizes look like a zip bomb.

    `limit` caps one member's size; None means `MAX_MEMBER_BYTES` as it is at the time of the call.
    """
    limit = MAX_MEMBER_BYTES if limit is None else limit
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        fh.seek(0, 2)
        if fh.tell() == 0:
            raise package.error("empty file (0 bytes)", path) from None
        raise package.error("not a zip archive, or a damaged one", path) from None
    for info in zf.infolist():
        size, packed = info.file_size, max(info.compress_size, 1)
        if size > limit or (size > RATIO_CHECK_FROM and size > MAX_RATIO * packed):
            zf.close()
            raise TranscriptError(
                f"refused: '{info.filename}' would unpack {packed:,} bytes into {size:,}; "
                "the file looks like a zip bomb",
                path,
            )
    return zf


def member(
    zf: zipfile.ZipFile, name: str, path: Path, package: Package, limit: int | None = None
) -> bytes | None:
    """A part's bytes (None if absent), read with a hard cap since the zip directory can lie."""
    limit = MAX_MEMBER_BYTES if limit is None else limit
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        raise package.error(f"{name} is damaged or encrypted", path) from None
    if len(data) > limit:
        raise TranscriptError(
            f"refused: '{name}' is larger than declared; looks like a zip bomb", path
        )
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        # Office programs never write a DTD; one in a package is a tampered file (entity tricks).
        raise TranscriptError(
            f"refused: '{name}' declares a DTD or entities, {package.no_dtd}", path
        )
    return data
