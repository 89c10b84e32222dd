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
    transcript: bool = False
    """A transcript's format: a file that is no zip is said to be what it is (a .doc, a web page)
    with how to save it as a .docx."""

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
        said = what_else(fh) if package.transcript else None
        raise package.error(said or "not a zip archive, or a damaged one", path) from None
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


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE = "open it in Word and save it as .docx"


def what_else(fh: BinaryIO) -> str | None:
    """What a file that is no zip package really is, with what to do, from its first bytes (and,
    for an OLE container, its directory): None when it is none of the usual mistakes."""
    fh.seek(0)
    head = fh.read(4096)
    if head.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in _ole_directory(fh, head):
            return (
                "it is password-protected: remove the password in Word, File > Info > "
                "Protect Document, and save it again"
            )
        return f"it is an old .doc, Word 97-2003's format: {_SAVE}"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{\\rtf"):
        return "it is an RTF file: rename it to .rtf, which lernet reads"
    if text.startswith(b"%PDF"):
        return "it is a PDF: rename it to .pdf, which lernet reads"
    lower = text[:4096].lower()
    if lower.startswith(b"mime-version:") or (
        lower.startswith(b"<") and (b"<html" in lower or b"<!doctype html" in lower)
    ):
        return f"it is a web page, as Word's Save as Web Page writes: {_SAVE}"
    return None


def _ole_directory(fh: BinaryIO, head: bytes) -> bytes:
    """The first sector of an OLE container's directory (where its streams are named)."""
    if len(head) < 0x34:
        return b""
    shift = int.from_bytes(head[0x1E:0x20], "little")
    start = int.from_bytes(head[0x30:0x34], "little")
    if not 9 <= shift <= 12 or start >= 0xFFFFFFFA:
        return head
    fh.seek((start + 1) << shift)
    return head + fh.read(1 << shift)
