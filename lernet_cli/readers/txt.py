"""Plain-text transcripts: one paragraph per line, in whatever encoding Word or Notepad saved."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import TranscriptError
from ..userfiles import read_regular
from .labels import RawDocument, RawParagraph
from .tags import extract_tags

# Control characters, less tab, newlines, form feed, vertical tab and the DOS end-of-file mark,
# which turn up in real exported text files.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as a BOM says, else UTF-8, else cp1252, else latin-1; newlines become "\\n".

    Strict UTF-8 almost never accepts cp1252 text with accents, so trying it first is a test, not a
    guess; latin-1 is only used for the five bytes cp1252 leaves undefined.
    """
    from . import MAX_TEXT_BYTES

    if len(data) > MAX_TEXT_BYTES:
        raise TranscriptError(f"too large for a transcript ({len(data):,} bytes)", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TranscriptError("not a text file (binary content)", path) from None
    elif b"\x00" in data:
        raise TranscriptError("not a text file (binary content)", path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            _refuse_mixed(data, path)
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL_RE.findall(text)) > max(2, len(text) // 1000):
        raise TranscriptError("not a text file (binary content)", path)
    if not text.strip():
        raise TranscriptError("empty transcript", path)
    return text


def _refuse_mixed(data: bytes, path: Path) -> None:
    """A file with both UTF-8 accents and bytes that are not UTF-8 was pasted together from
    several sources; any single decoding garbles part of it, so ask for one encoding."""
    first_utf8 = first_bad = None
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
        else:
            first_utf8 = first_utf8 or number
        if first_utf8 and first_bad:
            raise TranscriptError(
                f"mixes text encodings (line {first_utf8} is UTF-8, this line is not); "
                "save the file as UTF-8",
                path,
                first_bad,
            )


def paragraphs(lines: list[str], first_line: int = 1) -> list[RawParagraph]:
    """One raw paragraph per non-blank line, positioned by its line number."""
    return [
        RawParagraph(line, number)
        for number, line in enumerate(lines, start=first_line)
        if line.strip()
    ]


# A line that ends a sentence or a clause set apart: . ! ? … : ; and any closing quotes or brackets.
_ENDS_SENTENCE_RE = re.compile(r"[.!?…:;][\"'”’»)\]*]*$")
# A line that starts something of its own: a list item, a timestamp, a bracketed note.
_STARTS_ITEM_RE = re.compile(r"^(?:[-*•–—]\s|\d{1,3}[.)]\s|\d{1,2}:\d{2}|[\[(<])")

WRAP_WIDTHS = (40, 160)
"""The line widths a hard-wrapped file is wrapped at: pdftotext's ~70-100 characters, e-mail's 72,
an editor's 80; a file whose longest line is longer has one paragraph per line."""


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped file was wrapped at, or None when it has one paragraph per line.

    A file is hard-wrapped when lines that run on into the next line (not blank, with no sentence
    end) mostly fill the width of the longest line: a Notepad or Word text has one paragraph per
    line, of any length, and lines that run on only where a transcriber broke one on purpose.
    """
    stripped = [line.rstrip() for line in lines]
    width = max((len(line) for line in stripped), default=0)
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    running = [
        line
        for line, after in zip(stripped, stripped[1:], strict=False)
        if line.strip() and after.strip() and not _ENDS_SENTENCE_RE.search(line)
    ]
    full = sum(1 for line in running if len(line) >= width * 0.7)
    return width if full >= 3 and 3 * full >= 2 * len(running) else None


def mark_wrapped(paras: list[RawParagraph], lines: list[str]) -> None:
    """In a hard-wrapped file, mark each line that continues the sentence of the line before it
    (`RawParagraph.continues`); blank lines and sentence ends keep their breaks."""
    if wrap_width(lines) is None:
        return
    by_number = {para.position: para for para in paras}
    for para in paras:
        before = by_number.get(para.position - 1)
        text = para.text.strip()
        para.continues = (
            before is not None
            and not _ENDS_SENTENCE_RE.search(before.text.rstrip())
            and not _STARTS_ITEM_RE.match(text)
        )


def read_bytes(path: Path) -> bytes:
    """A text transcript's bytes: a regular file of at most `MAX_TEXT_BYTES`, read without
    blocking."""
    from . import max_bytes

    return read_regular(path, TranscriptError, max_bytes(path), "a transcript")


def read(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    paras, tags = extract_tags(paragraphs(lines), path)
    mark_wrapped(paras, lines)
    return RawDocument(paras, unit="line", annotations=tags)


_LINE_END_RE = re.compile(r"\r\n|\r|\n")


def text_document(text: str) -> tuple[RawDocument, list[int]]:
    """Text that is already a string (another tool's source) as a document like a .txt file's,
    without inline tags, and where each line starts in the text (index: the line number)."""
    starts = [0, 0]
    lines = []
    at = 0
    for m in _LINE_END_RE.finditer(text):
        lines.append(text[at : m.start()])
        at = m.end()
        starts.append(at)
    lines.append(text[at:])
    return RawDocument(paragraphs(lines), unit="line"), starts
