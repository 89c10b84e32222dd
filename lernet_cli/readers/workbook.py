"""An Excel workbook's cells (.xlsx, read with no library but lxml): its sheets in order, each
row's cells as text, merged and hidden cells, numbers as their format shows them.

Not a transcript reader: the tables other parts of lernet read from a workbook (a participants
list, a codebook kept as a table, Taguette's highlights) rest on it. Opened as `archive` opens
every package: member sizes capped, no DTD, no entities."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .archive import Package


def xlsx_package() -> Package:
    """How messages name a workbook that is not one."""
    from .archive import Package

    return Package("an Excel .xlsx file", "which Excel never writes")


def _sheet_parts(zf: Any, path: Path) -> list[tuple[str, str]]:
    """(name, part) of a workbook's sheets in the order Excel shows them; without a readable
    workbook.xml, the sheet parts by number, named `Sheet N`."""
    from lxml import etree

    from .archive import member, parser

    names = zf.namelist()
    parts = sorted(
        (n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.sub(r"\D", "", n)),
    )
    fallback = [("Sheet " + re.sub(r"\D", "", n), n) for n in parts]
    book = member(zf, "xl/workbook.xml", path, xlsx_package())
    rels = member(zf, "xl/_rels/workbook.xml.rels", path, xlsx_package())
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
    data: bytes, path: Path, fill_down: bool = False, as_shown: bool = False
) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """An Excel workbook's sheets, in order: (name, [(row number, cells)]), merged cells empty
    but the first; with `fill_down`, a cell merged over rows has its text on each of them (in
    its first column: a cell merged across columns stays one cell). A number has the decimals
    its format shows; with `as_shown`, it is all as Excel shows it (`shown_as`): 001 under the
    format 000, a date as 2024-03-05, TRUE, a formula's result without float noise."""
    from lxml import etree

    from .archive import member, open_zip, parser

    package = xlsx_package()
    with open_zip(io.BytesIO(data), path, package) as zf:
        parts = _sheet_parts(zf, path)
        if not parts:
            raise package.error("no worksheet", path)
        sheets = [(name, member(zf, part, path, package) or b"") for name, part in parts]
        shared = member(zf, "xl/sharedStrings.xml", path, package)
        styles = member(zf, "xl/styles.xml", path, package)
        book = member(zf, "xl/workbook.xml", path, package) if as_shown else None
    try:
        decimals = _decimals(etree.fromstring(styles, parser())) if styles else []
        formats = None
        if as_shown:
            formats = _formats(etree.fromstring(styles, parser())) if styles else []
            formats.append("1904" if _date1904(book) else "")
        strings = []
        if shared:
            for si in etree.fromstring(shared, parser()):
                strings.append(
                    "".join(t.text or "" for t in si.iter() if etree.QName(t).localname == "t")
                )
        roots = [(name, etree.fromstring(sheet, parser())) for name, sheet in sheets]
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    return [
        (name, _sheet_rows(root, strings, fill_down, decimals, formats)) for name, root in roots
    ]


def xlsx_hidden(data: bytes, path: Path) -> dict[str, tuple[bool, list[int], list[int]]]:
    """What a workbook hides, by sheet name: (the sheet hidden, its hidden rows' numbers, its
    hidden columns' indexes from 0)."""
    from lxml import etree

    from .archive import member, open_zip, parser

    package = xlsx_package()
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

    from .archive import member, open_zip, parser

    package = xlsx_package()
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
    root: Any,
    strings: list[str],
    fill_down: bool = False,
    decimals: list[int] | None = None,
    formats: list[str] | None = None,
) -> list[tuple[int, list[str]]]:
    """(row number, cells) of a sheet; `formats`: each style's number format code, and last
    "1904" for a workbook that counts its dates from 1904 (`as_shown`), else only decimals."""
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
                elif formats is not None:
                    value = shown_as(v, kind or "n", _style(c.get("s"), formats), formats[-1])
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


def _style(style: str | None, formats: list[str]) -> str:
    """The format code of a cell's style index (General for none or one not in the styles)."""
    index = int(style) if style and style.isdigit() else 0
    return formats[index] if index < len(formats) - 1 else "General"


BUILT_IN_FORMATS = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    14: "yyyy-mm-dd",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "yyyy-mm-dd h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
    49: "@",
}
"""Excel's built-in number formats by id, as far as they decide what lernet shows (14, the
short date, is the locale's: shown as ISO, which every locale reads)."""


def _formats(root: Any) -> list[str]:
    """The number format code of each cell style, by the style's index (`s="2"`)."""
    from lxml import etree

    codes: dict[int, str] = {}
    out: list[str] = []
    for el in root.iter():
        name = etree.QName(el).localname
        if name == "numFmt" and (el.get("numFmtId") or "").isdigit():
            codes[int(el.get("numFmtId") or 0)] = el.get("formatCode") or ""
        elif name == "cellXfs":
            for xf in el:
                fmt = xf.get("numFmtId") or "0"
                fmt_id = int(fmt) if fmt.isdigit() else 0
                out.append(codes.get(fmt_id) or BUILT_IN_FORMATS.get(fmt_id, "General"))
    return out


def _date1904(book: bytes | None) -> bool:
    """Whether a workbook counts its dates from 1904, as old Mac Excel did (`date1904="1"`)."""
    return bool(book and re.search(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"", book))


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
"""The parts of a format code that are no digits or date parts: quoted text, an escaped
character, [Red] or [$-413], a space the width of a character, a fill."""


def shown_as(value: str, kind: str, code: str, epoch: str = "") -> str:
    """A cell's value as Excel shows it under the number format `code`: a number padded to the
    zeros of `000` (an id typed as 1 shows as 001), with the text a format puts around it
    ("P"000: P001), with its decimals (0.00); a date or time as ISO 8601 (2024-03-05, 14:30);
    a formula's text result, a truth value (TRUE), an error (#N/A) as they are. `kind`: the
    cell's type (n, str, b, e); `epoch`: "1904" for a workbook that counts dates from 1904."""
    if kind == "b":
        return "TRUE" if value.strip() in ("1", "true") else "FALSE"
    if kind != "n":
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    section = code.split(";")[0]
    bare = _LITERAL.sub("", section).strip()
    if re.search(r"[ymdhs]", bare, re.IGNORECASE) and not re.search(r"[0#?]", bare.split(".")[0]):
        return _date_shown(number, bare.lower(), epoch)
    found = re.fullmatch(
        r'((?:"[^"]*"|\\.)*)([#0,]*0[#0,]*)(?:\.(0+)#*)?((?:"[^"]*"|\\.)*)', section.strip()
    )
    if found is None or number != number or abs(number) >= 1e15:
        return _general(number, value)
    before, digits, decimals, after = found.groups()
    width = digits.count("0")
    places = len(decimals or "")
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(value.strip().lstrip("-")).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{rounded:0{width + (places + 1 if places else 0)}.{places}f}"
    sign = "-" if number < 0 and float(text) != 0 else ""
    return _unquoted(before) + sign + text + _unquoted(after)


def _unquoted(literal: str) -> str:
    return "".join(
        part[1:-1] if part.startswith('"') else part[1:]
        for part in re.findall(r'"[^"]*"|\\.', literal)
    )


def _general(number: float, value: str) -> str:
    """A number under the General format: whole without `.0`, a formula's 0.30000000000000004
    as 0.3 (Excel shows at most 15 significant digits)."""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    text = f"{number:.15g}"
    return value if "e" in text else text


def _date_shown(serial: float, code: str, epoch: str) -> str:
    """A date, time or both as ISO 8601, by which parts the format code shows."""
    base = datetime(1904, 1, 1) if epoch == "1904" else datetime(1899, 12, 30)
    try:
        moment = base + timedelta(days=serial)
    except OverflowError:
        return _general(serial, str(serial))
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)
    has_date = bool(re.search(r"[yd]", code)) or bool(re.search(r"m{3,}", code))
    has_time = bool(re.search(r"[hs]", code))
    day = moment.strftime("%Y-%m-%d")
    clock = moment.strftime("%H:%M:%S" if "s" in code else "%H:%M")
    if has_date and has_time:
        return f"{day} {clock}"
    return clock if has_time else day
