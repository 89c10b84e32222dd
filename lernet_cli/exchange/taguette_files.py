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
from typing import Any

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

    with open_zip(io.BytesIO(data), path, _package()) as zf:
        if "word/document.xml" in zf.namelist():
            raise UsageError(
                "a Word file: in Taguette export the highlights as CSV or Excel "
                "(Export highlights) and import that",
                path,
            )
    return xlsx_sheets(data, path)[0][1]


def _package() -> Any:
    from ..readers.archive import Package

    return Package("an Excel .xlsx file", "which Excel never writes")


def _sheet_parts(zf: Any, path: Path) -> list[tuple[str, str]]:
    """(name, part) of a workbook's sheets in the order Excel shows them; without a readable
    workbook.xml, the sheet parts by number, named `Sheet N`."""
    from lxml import etree

    from ..readers.archive import member, parser

    names = zf.namelist()
    parts = sorted(
        (n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.sub(r"\D", "", n)),
    )
    fallback = [("Sheet " + re.sub(r"\D", "", n), n) for n in parts]
    book = member(zf, "xl/workbook.xml", path, _package())
    rels = member(zf, "xl/_rels/workbook.xml.rels", path, _package())
    if not book or not rels:
        return fallback
    try:
        targets = {
            el.get("Id"): (el.get("Target") or "").lstrip("/").removeprefix("xl/")
            for el in etree.fromstring(rels, parser()).iter()
            if etree.QName(el).localname == "Relationship"
        }
        out = []
        for el in etree.fromstring(book, parser()).iter():
            if etree.QName(el).localname != "sheet":
                continue
            rid = next((v for k, v in el.attrib.items() if etree.QName(k).localname == "id"), "")
            part = "xl/" + targets.get(rid, "")
            if part in parts:
                out.append((el.get("name") or part, part))
    except etree.XMLSyntaxError:
        return fallback
    return out or fallback


def xlsx_sheets(
    data: bytes, path: Path, fill_down: bool = False
) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """An Excel workbook's sheets, in order: (name, [(row number, cells)]), merged cells empty
    but the first; with `fill_down`, a cell merged over rows has its text on each of them (in
    its first column: a cell merged across columns stays one cell)."""
    from lxml import etree

    from ..readers.archive import member, open_zip, parser

    package = _package()
    with open_zip(io.BytesIO(data), path, package) as zf:
        parts = _sheet_parts(zf, path)
        if not parts:
            raise package.error("no worksheet", path)
        sheets = [(name, member(zf, part, path, package) or b"") for name, part in parts]
        shared = member(zf, "xl/sharedStrings.xml", path, package)
        styles = member(zf, "xl/styles.xml", path, package)
    try:
        decimals = _decimals(etree.fromstring(styles, parser())) if styles else []
        strings = []
        if shared:
            for si in etree.fromstring(shared, parser()):
                strings.append(
                    "".join(t.text or "" for t in si.iter() if etree.QName(t).localname == "t")
                )
        roots = [(name, etree.fromstring(sheet, parser())) for name, sheet in sheets]
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    return [(name, _sheet_rows(root, strings, fill_down, decimals)) for name, root in roots]


def xlsx_hidden(data: bytes, path: Path) -> dict[str, tuple[bool, list[int], list[int]]]:
    """What a workbook hides, by sheet name: (the sheet hidden, its hidden rows' numbers, its
    hidden columns' indexes from 0)."""
    from lxml import etree

    from ..readers.archive import member, open_zip, parser

    package = _package()
    with open_zip(io.BytesIO(data), path, package) as zf:
        parts = _sheet_parts(zf, path)
        book = member(zf, "xl/workbook.xml", path, package)
        sheets = [(name, member(zf, part, path, package) or b"") for name, part in parts]
    try:
        hidden_sheets = {
            el.get("name")
            for el in (etree.fromstring(book, parser()).iter() if book else ())
            if etree.QName(el).localname == "sheet" and el.get("state") in ("hidden", "veryHidden")
        }
        out = {}
        for name, sheet in sheets:
            rows: list[int] = []
            columns: list[int] = []
            for el in etree.fromstring(sheet, parser()).iter() if sheet else ():
                if el.get("hidden") not in ("1", "true"):
                    continue
                if etree.QName(el).localname == "row" and (el.get("r") or "").isdigit():
                    rows.append(int(el.get("r") or 0))
                elif etree.QName(el).localname == "col":
                    low, high = el.get("min") or "", el.get("max") or ""
                    if low.isdigit() and high.isdigit():
                        columns += range(int(low) - 1, min(int(high), int(low) + 100))
            out[name] = (name in hidden_sheets, rows, columns)
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    return out


def xlsx_across(data: bytes, path: Path) -> dict[str, set[int]]:
    """By sheet name, the rows that begin with a cell merged across columns of that row alone
    (`<mergeCell ref="A5:D5"/>`): a theme's name over its codes, as Word's row of one cell."""
    from lxml import etree

    from ..readers.archive import member, open_zip, parser

    package = _package()
    with open_zip(io.BytesIO(data), path, package) as zf:
        sheets = [
            (name, member(zf, part, path, package) or b"") for name, part in _sheet_parts(zf, path)
        ]
    out: dict[str, set[int]] = {}
    try:
        for name, sheet in sheets:
            rows = out.setdefault(name, set())
            for el in etree.fromstring(sheet, parser()).iter() if sheet else ():
                if etree.QName(el).localname != "mergeCell":
                    continue
                ends = [_cell_ref(r) for r in (el.get("ref") or "").split(":")]
                if len(ends) == 2 and ends[0] and ends[1]:
                    (top, first), (bottom, last) = ends[0], ends[1]
                    if top == bottom and first == 0 and last > first:
                        rows.add(top)
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    return out


BUILT_IN_DECIMALS = {2: 2, 4: 2, 11: 2}
"""Excel's built-in number formats with fixed decimals: 0.00, #,##0.00, 0.00E+00."""


def _decimals(root: Any) -> list[int]:
    """The decimals each cell style shows a number with, by the style's index (`s="2"`): a
    format 0.00 shows 1.1 as 1.10, which is what the user typed and sees."""
    from lxml import etree

    codes: dict[int, str] = {}
    out: list[int] = []
    for el in root.iter():
        name = etree.QName(el).localname
        if name == "numFmt" and (el.get("numFmtId") or "").isdigit():
            codes[int(el.get("numFmtId") or 0)] = el.get("formatCode") or ""
        elif name == "cellXfs":
            for xf in el:
                fmt = xf.get("numFmtId") or "0"
                fmt_id = int(fmt) if fmt.isdigit() else 0
                found = re.fullmatch(r"[#,0]*\.(0+)#*", codes.get(fmt_id, "").split(";")[0])
                out.append(len(found.group(1)) if found else BUILT_IN_DECIMALS.get(fmt_id, 0))
    return out


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column), from 1 and 0, of a cell reference such as B12."""
    found = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref.strip().upper())
    if not found:
        return None
    col = 0
    for ch in found.group(1):
        col = col * 26 + ord(ch) - 64
    return int(found.group(2)), col - 1


def _fill_down(root: Any, out: list[tuple[int, list[str]]]) -> None:
    """The text of each cell merged over rows (`<mergeCell ref="A2:A4"/>`) on its other rows."""
    from lxml import etree

    by_line = {line: cells for line, cells in out}
    for el in root.iter():
        if etree.QName(el).localname != "mergeCell":
            continue
        ends = [_cell_ref(r) for r in (el.get("ref") or "").split(":")]
        start, end = (ends + [None, None])[:2] if len(ends) == 2 else (None, None)
        if start is None or end is None:
            continue
        (top, col), (bottom, _) = start, end
        first = by_line.get(top)
        if first is None or col >= len(first) or not first[col]:
            continue
        for line in range(top + 1, min(bottom, top + 10_000) + 1):
            cells = by_line.get(line)
            if cells is None:
                cells = by_line[line] = []
                out.append((line, cells))
            cells.extend([""] * (col + 1 - len(cells)))
            cells[col] = cells[col] or first[col]
    out.sort(key=lambda row: row[0])


def _sheet_rows(
    root: Any, strings: list[str], fill_down: bool = False, decimals: list[int] | None = None
) -> list[tuple[int, list[str]]]:
    from lxml import etree

    out: list[tuple[int, list[str]]] = []
    for row in (el for el in root.iter() if etree.QName(el).localname == "row"):
        cells: dict[int, str] = {}
        for c in row:
            if etree.QName(c).localname != "c":
                continue
            letters = re.match(r"[A-Z]+", c.get("r") or "")
            col = len(cells)
            if letters:
                col = 0
                for ch in letters.group():
                    col = col * 26 + ord(ch) - 64
                col -= 1
            kind = c.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter() if etree.QName(t).localname == "t")
            else:
                v = next((el.text or "" for el in c if etree.QName(el).localname == "v"), "")
                if kind == "s":
                    value = strings[int(v)] if v.isdigit() and int(v) < len(strings) else ""
                else:
                    value = _shown(v, c.get("s") or "", decimals or [])
            cells[col] = value
        line = int(row.get("r") or len(out) + 1)
        out.append((line, [cells.get(i, "") for i in range(max(cells, default=-1) + 1)]))
    if fill_down:
        _fill_down(root, out)
    return out


def _shown(value: str, style: str, decimals: list[int]) -> str:
    """A number cell's text with the decimals its format shows (1.1 as 1.10 under 0.00); a
    whole number as it is (1, not 1.00: a theme's number in a column formatted for its codes)."""
    places = decimals[int(style)] if style.isdigit() and int(style) < len(decimals) else 0
    if places and re.fullmatch(r"-?\d+\.\d+", value):
        whole, _, part = value.partition(".")
        if len(part) <= places:
            return f"{whole}.{part.ljust(places, '0')}"
    return value[:-2] if value.endswith(".0") else value


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
