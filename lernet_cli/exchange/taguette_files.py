"""Taguette's highlights as it exports them: CSV (`id, document, tag, content`, one row per tag
of a highlight) or the same as an Excel workbook; Excel's copies of the CSV (`;`, Windows-1252);
or read from Taguette's own project database (.sqlite3)."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import UsageError, printable
from ..userfiles import read_regular

MAX_CSV_BYTES = 64 * 1024 * 1024
TAGUETTE_TABLES = ("documents", "highlights", "tags", "highlight_tags")
"""The tables of Taguette's database that hold its highlights."""
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
HIGHLIGHT_COLUMNS = ("id", "document", "tag", "content")
"""What Taguette writes: document, tag and content are needed; id joins a highlight's tags."""


@dataclass
class Highlight:
    line: int
    id: str
    document: str
    tags: list[str]
    content: str


STRAY_RE = re.compile("[\udc80-\udcff]+")
"""Bytes that are no UTF-8, as `surrogateescape` keeps them."""
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
"""How Excel's "Unicode text" (UTF-16, tab separated) begins: its zero bytes are no binary."""


def decoded(data: bytes) -> str:
    """Taguette writes UTF-8; Excel saves it again as Windows-1252 (Dutch and English Windows),
    or as UTF-16 ("Unicode text"); an editor may have put UTF-8's mark before Windows-1252 text,
    which is no letter of the first cell, or Windows-1252 lines pasted among UTF-8 ones."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    data = data.removeprefix(b"\xef\xbb\xbf")
    text = data.decode("utf-8", errors="surrogateescape")
    stray = STRAY_RE.findall(text)
    if not stray:
        return text
    if len("".join(stray)) == sum(ord(c) > 127 for c in text):
        return data.decode("cp1252", errors="replace")
    # UTF-8 with a few lines pasted in as Windows-1252: each read as what it is
    return STRAY_RE.sub(
        lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", errors="replace"),
        text,
    )


def _csv_rows(data: bytes, path: Path, delimiter: str = "") -> list[tuple[int, list[str]]]:
    """(line, cells) of CSV text, separated by `delimiter`, else by what its first line is
    separated by (`,` as Taguette writes it, `;` or tab as Excel saves it again)."""
    text = decoded(data)
    first = re.split(r"[\r\n]", text, maxsplit=1)[0]  # a Mac's lines end in \r alone
    delimiter = delimiter or max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    try:
        for row in reader:
            out.append((reader.line_num, row))
    except csv.Error as exc:
        raise UsageError(f"not a CSV file: {exc}", path, reader.line_num + 1) from None
    return out


def _xlsx_rows(data: bytes, path: Path) -> list[tuple[int, list[str]]]:
    """(row number, cells) of an Excel workbook's first sheet: Taguette's Excel export of the
    highlights, or the CSV saved again as .xlsx."""
    from ..readers.archive import open_zip
    from ..readers.workbook import xlsx_package, xlsx_sheets

    with open_zip(io.BytesIO(data), path, xlsx_package()) as zf:
        if "word/document.xml" in zf.namelist():
            raise UsageError(
                "a Word file: in Taguette export the highlights as CSV or Excel "
                "(Export highlights) and import that",
                path,
            )
    return xlsx_sheets(data, path)[0][1]


def read_highlights(path: Path) -> list[Highlight]:
    """A Taguette highlights file's highlights (CSV or Excel), each with all its tags; a file
    that is not one is a one-line error naming it (and its line)."""
    data = read_regular(path, UsageError, MAX_CSV_BYTES, "a Taguette highlights file")
    if data.startswith(b"SQLite format 3\x00"):
        return _database_highlights(data, path)
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data, path)
    elif b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        raise UsageError("not a CSV file (it holds binary data)", path)
    else:
        rows = _csv_rows(data, path)
    header = [h.strip().casefold() for h in rows[0][1]] if rows else []
    if "tag" in header and "number of highlights" in header:
        raise UsageError(
            "a Taguette codebook, not its highlights: `lernet codebook import "
            f"{printable(path.name)} -o codebook.yaml` makes a codebook of it; import the "
            "highlights (Export highlights, CSV) for the codings",
            path,
        )
    lacking = [c for c in HIGHLIGHT_COLUMNS[1:] if c not in header]
    if lacking:
        shown = ", ".join(h for h in header if h) or "none"
        raise UsageError(
            f"not Taguette's highlights: no {', '.join(lacking)} column (Taguette writes "
            f"id, document, tag, content; this file has {shown})",
            path,
            rows[0][0] if rows else None,
        )
    col = {name: header.index(name) for name in HIGHLIGHT_COLUMNS if name in header}
    out: list[Highlight] = []
    by_id: dict[tuple[str, str], Highlight] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        row = row + [""] * (len(header) - len(row))  # Excel leaves empty cells at the end out
        document = " ".join(row[col["document"]].split())
        if not document:
            raise UsageError("a highlight without a document name", path, line)
        tag = row[col["tag"]].strip()
        hid = row[col["id"]].strip() if "id" in col else ""
        found = by_id.get((document, hid)) if hid else None
        if found is not None:
            if tag and tag not in found.tags:
                found.tags.append(tag)
            continue
        h = Highlight(line, hid or str(line), document, [tag] if tag else [], row[col["content"]])
        out.append(h)
        if hid:
            by_id[(document, hid)] = h
    if not out:
        raise UsageError("no highlights in this file", path)
    return out


class _PlainText(HTMLParser):
    """The words of Taguette's HTML (a document as it converted it, a highlight's snippet):
    paragraphs joined by a space, as its CSV export writes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _database_highlights(data: bytes, path: Path) -> list[Highlight]:
    """The highlights in Taguette's project database (the .sqlite3 file Taguette's desktop app
    keeps), read from a copy in memory: the file itself is never opened for writing.
    Each document's highlights in the order they stand in it, with their tags' paths (a tag
    under a parent tag, in a Taguette that nests them, as parent.tag)."""
    conn = sqlite3.connect(":memory:")
    try:
        try:
            conn.deserialize(data)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"a damaged SQLite database: {exc}", path) from None
        lacking = [t for t in TAGUETTE_TABLES if t not in tables]
        if lacking:
            raise UsageError(
                f"an SQLite database, but not Taguette's: no {', '.join(lacking)} table "
                "(import Taguette's project file, or its highlights exported as CSV or Excel)",
                path,
            )
        try:
            tag_columns = {r[1] for r in conn.execute("PRAGMA table_info(tags)")}
            parent = "parent_id" if "parent_id" in tag_columns else "NULL"
            tags = {
                tid: (str(tag_path or ""), up)
                for tid, tag_path, up in conn.execute(f"SELECT id, path, {parent} FROM tags")
            }
            rows = conn.execute(
                "SELECT h.id, d.name, h.snippet, ht.tag_id FROM highlights h "
                "JOIN documents d ON d.id = h.document_id "
                "LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id "
                "ORDER BY d.id, h.start_offset, h.id, ht.tag_id"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"not a Taguette database Taguette wrote: {exc}", path) from None
    finally:
        conn.close()

    def full_path(tid: int) -> str:
        names, seen = [], set()
        at: int | None = tid
        while at in tags and at not in seen:
            seen.add(at)
            name, at = tags[at]
            names.append(name)
        return ".".join(reversed(names))

    out: list[Highlight] = []
    by_id: dict[int, Highlight] = {}
    for hid, document, snippet, tag_id in rows:
        found = by_id.get(hid)
        if found is None:
            name = " ".join(str(document or "").split())
            found = Highlight(int(hid), str(hid), name, [], plain_text(str(snippet or "")))
            by_id[hid] = found
            out.append(found)
        if tag_id is not None and tag_id in tags:
            tag = full_path(tag_id)
            if tag and tag not in found.tags:
                found.tags.append(tag)
    if not out:
        raise UsageError("no highlights in this Taguette project", path)
    return out
