"""A codebook kept as a table (Word, Excel or CSV: Thema | Code | Omschrijving | Voorbeeld) as
lernet codebook YAML: the header row found by its words (Dutch and English), a theme carried down
merged or empty cells, numbered codes (1, 1.1, 1.2) nested, one table or sheet per theme under its
heading or sheet name; no rules (a table has none)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CodebookError, LernetError, printable
from ..language.plural import counted
from ..userfiles import read_regular
from .qdc import _ImportedCode, code_slug
from .taguette_files import MAX_CSV_BYTES, UTF16_BOMS, _csv_rows

MAX_DOCX_BYTES = 64 * 1024 * 1024
OLD_FORMATS = {
    ".doc": "Word 97-2003",
    ".xls": "Excel 97-2003",
    ".odt": "OpenDocument",
    ".ods": "OpenDocument",
    ".rtf": "RTF",
}

# Each column's role, by the words (or the start of a word: Dutch compounds) of its header. Looked
# at in this order, so "Code description" is a description and "Subcode" a code.
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("counterexample", ("tegenvoorbeeld", "counterexample", "nonexample")),
    ("exclude", ("exclusie", "exclusion", "exclude", "uitsluit", "exclus")),
    ("include", ("inclusie", "inclusion", "include", "insluit", "inclus")),
    (
        "example",
        ("voorbeeld", "example", "quote", "citaat", "citaten", "fragment", "ankervoorbeeld"),
    ),
    (
        "description",
        (
            "omschrijving",
            "beschrijving",
            "definitie",
            "definition",
            "description",
            "betekenis",
            "meaning",
            "toelichting",
            "explanation",
            "uitleg",
        ),
    ),
    ("theme", ("thema", "theme", "categorie", "category", "hoofdcode", "hoofdthema", "domein")),
    (
        "code",
        ("code", "subcode", "label", "naam", "name", "subthema", "subtheme", "subcategor"),
    ),
    ("number", ("nr", "no", "nummer", "number", "#")),
)
LOOKED_FOR = (
    "theme/thema/categorie, code/subcode/label/naam, description/omschrijving/definitie/"
    "beschrijving, example/voorbeeld/quote/citaat, inclusion/exclusion/in-/uitsluiting"
)
NONE_WORDS = {"", "-", "–", "—", "n.v.t.", "nvt", "n.v.t", "n/a", "none", "geen"}
SHORT_CODE = r"[A-Za-z]{0,4}\d+(?:\.\d+)*[a-z]?"
"""A code's number or short code as a team writes it: 1.2, T1.2, K3, 1.2a."""
SHORT_CODE_RE = re.compile(SHORT_CODE + r"\.?")
NUMBER_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?:\)|:|\s|$)\s*")
SHORT_PREFIX_RE = re.compile(r"^\s*(" + SHORT_CODE + r")\.?(?:\)|:|\s|$)\s*")
"""A short code before a code's name in its cell: "T1.2 Tijdsdruk", "1.2a Schuldgevoel"."""
QUOTES = "\"'“”„‘’‚«»"
BULLET_RE = re.compile(r"^\s*(?:[-•*–·▪◦]|\d+[.)])\s+")


@dataclass
class Table:
    where: str
    """How messages name it: "table 2", "sheet 'Belasting'"."""
    rows: list[tuple[int, list[str]]]
    """(row number, cell texts)."""
    heading: str = ""
    """The heading above it (Word) or the sheet's name (Excel): a theme where it has no column."""
    across: frozenset[int] = frozenset()
    """Rows of one cell across the whole table (Word): a theme's name between its codes."""
    hidden: tuple[bool, list[int], list[int]] = (False, [], [])
    """Excel's: (the sheet hidden, its hidden rows, its hidden columns)."""


def _words(header: str) -> list[str]:
    return re.findall(r"[^\W\d_]+|#", header.casefold().replace("-", ""))


def column_role(header: str) -> str | None:
    """The role of a column by its header's words: `include`, `exclude` (both: `inexclude`),
    `example`, `description`, `theme`, `code`, `number`, ... or None."""
    words = _words(header)
    if not words:
        return None
    found = set()
    for role, stems in ROLE_WORDS:
        for word in words:
            if any(word == s or (len(s) >= 4 and word.startswith(s)) for s in stems):
                found.add(role)
    if {"include", "exclude"} <= found or (
        "exclude" in found and any(w in ("in", "inen") for w in words)
    ):
        return "inexclude"  # In-/uitsluiting, Inclusie/exclusie: one column for both
    return next((role for role, _ in ROLE_WORDS if role in found), None)


def _header(rows: list[tuple[int, list[str]]]) -> int | None:
    """The index of the header row among the first rows: short cells, at least two of which name
    a column lernet knows, one of them a code or theme column."""
    for i, (_, row) in enumerate(rows[:15]):
        filled = [c for c in row if c.strip()]
        if any(len(c.split()) > 4 for c in filled):
            continue  # a title or a sentence above the table
        known = [r for r in (column_role(c) for c in filled) if r]
        if {"code", "theme"} & set(known) and len(known) >= 2:
            return i
    return None


def _two_row_header(rows: list[tuple[int, list[str]]], head: int) -> tuple[list[str], int]:
    """The header (one text per column) and the index of the first row below it. A header of two
    rows (a cell *Code* merged over the columns *Nr* and *Naam* below it) is one: each column
    named by its lower cell where that names a column, else by the upper one (a cell merged over
    both rows holds for both)."""
    header = rows[head][1]
    if head + 1 >= len(rows):
        return header, head + 1
    below = rows[head + 1][1]
    named = 0
    for i, cell in enumerate(below):
        said = " ".join(cell.split())
        if not said or (i < len(header) and said == " ".join(header[i].split())):
            continue
        if len(said.split()) > 4 or re.search(r"\d", said) or column_role(said) is None:
            return header, head + 1  # a row of codes, a theme's name ("Thema 1: Belasting")
        named += 1
    if named < 2:
        return header, head + 1
    width = max(len(header), len(below))
    header, below = header + [""] * (width - len(header)), below + [""] * (width - len(below))
    return [b if b.strip() else h for h, b in zip(header, below, strict=True)], head + 2


def _value(text: str) -> str:
    text = "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
    return "" if text.casefold() in NONE_WORDS else text


def _quotes(text: str) -> list[str]:
    """The quotes of an example cell: one per line, without bullets and quotation marks."""
    out = []
    for line in _value(text).split("\n"):
        line = BULLET_RE.sub("", line).strip()
        if len(line) >= 2 and line[0] in QUOTES and line[-1] in QUOTES:
            line = line[1:-1].strip()
        if line and line.casefold() not in NONE_WORDS:
            out.append(line)
    return out


def _theme_name(heading: str) -> str:
    """A heading as a theme's name: "Thema 2: Steun" and "2. Steun" are "Steun"."""
    text = re.sub(
        r"^\s*(?:thema|theme|categorie|category)\s*\d*[.:)\-–]?\s*", "", heading, flags=re.I
    )
    return NUMBER_RE.sub("", text).strip() or heading.strip()


class _Builder:
    """Codes as the rows make them: found again by their name under one parent."""

    def __init__(self) -> None:
        self.top: list[_ImportedCode] = []
        self.taken: set[str] = set()
        self.by_number: dict[str, _ImportedCode] = {}
        self.numbered: dict[str, tuple[str, int]] = {}
        """Each code number of the table: (the name it was given, its row)."""
        self.last: dict[str | None, str] = {}
        """The last number under each number (None: at the top): 1.9, then 1.1 means 1.10."""
        self.named: dict[tuple[int, str], _ImportedCode] = {}
        """Codes by their parent and their name without a short code."""
        self.examples = 0
        self.unplaced: list[tuple[str, str, str]] = []
        self.first_row: dict[int, int] = {}
        """The row each code was first given on, by the code's id()."""
        self.again: list[str] = []
        """Codes given again further down, apart from their rows: how to say where."""
        """(label, the number it goes under, where it stands instead): 1.2a without a 1.2."""

    def new_theme(self) -> None:
        """Numbers hold within one theme: a team numbers each theme's codes from 1 again."""
        self.by_number, self.numbered, self.last = {}, {}, {}

    def code(self, name: str, parent: _ImportedCode | None, label: str = "") -> _ImportedCode:
        """The code `name` under `parent`, made with an id from `name` and the label `label`
        (default: the name) where it is new."""
        siblings = parent.children if parent is not None else self.top
        label = label or name
        key = (id(parent), name.casefold())
        if key in self.named:  # T1 Belasting, then Belasting carried down beside T1.1
            return self.named[key]
        for c in siblings:
            if c.name.casefold() in (label.casefold(), name.casefold()):
                return c
        base = (parent.id + "." if parent is not None else "") + code_slug(name)
        code_id, n = base, 2
        while code_id in self.taken:
            code_id, n = f"{base}_{n}", n + 1
        self.taken.add(code_id)
        made = _ImportedCode(code_id, "", label, {"nl": label, "en": label})
        self.named[key] = made
        siblings.append(made)
        return made

    def settle(
        self, number: str, name: str, line: int, where: str, path: Path, typed: bool = True
    ) -> str:
        """The number a row means. Excel keeps 1.10 typed as a number as 1.1: after 1.8 and 1.9
        a second 1.1 is 1.10 (2.19, then 2.2: 2.20); another number that stands twice for
        another code is a CodebookError naming the row, not two codes made one. A number at
        the top (1, T2) is left alone: each theme may number its codes from 1. A number before
        a name ("1.1 Haast") is text, which Excel keeps as typed (`typed` False): no 1.10."""
        up = _up(number)
        if up is None or not re.fullmatch(r"[\d.]+", number):
            return number
        before = self.last.get(up)
        seen = self.numbered.get(number)
        only_number = name.casefold() == number.casefold()
        if seen is not None and (
            seen[0].casefold() != name.casefold() or (only_number and before != number)
        ):
            last, tail = (before or "").rsplit(".", 1)[-1], number.rsplit(".", 1)[-1]
            longer = number + "0"
            if (
                typed
                and last.isdigit()
                and tail.isdigit()
                and int(last) + 1 == int(tail + "0")
                and longer not in self.numbered
            ):
                number = longer
            else:
                other = "" if only_number else f": {printable(seen[0])!r}"
                excel = typed and path.suffix.lower() in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")
                raise CodebookError(
                    f"{where + ', ' if where else ''}row {line}: code number {number} stands "
                    f"for another code in row {seen[1]} too{other}"
                    + (
                        "; Excel keeps 1.10 typed as a number as 1.1: give the number column "
                        "the format Text, type its numbers again and import again"
                        if excel
                        else ": correct one of them and import again"
                    ),
                    path,
                )
        self.numbered.setdefault(number, (number if only_number else name, line))
        self.last[up] = number
        return number


def _add_text(code: _ImportedCode, field: str, text: str) -> None:
    old = getattr(code, field)
    if text and text not in old.split("\n\n"):
        setattr(code, field, f"{old}\n\n{text}" if old else text)


def _read_table(
    table: Table, build: _Builder, path: Path, theme: _ImportedCode | None
) -> tuple[int, list[str]]:
    """Add a table's codes; (how many rows it coded, the headers of columns left out)."""
    head = _header(table.rows)
    assert head is not None
    header, first = _two_row_header(table.rows, head)
    roles = [column_role(h) for h in header]
    body = [
        (
            line,
            [
                _dotted(c) if column_role(h) in NAMED else c
                for h, c in zip(header, row, strict=False)
            ]
            + row[len(header) :],
        )
        for line, row in table.rows[first:]
    ]
    for i, role in enumerate(roles):
        values = [row[i].strip() for _, row in body if i < len(row) and row[i].strip()]
        if (
            role == "code"
            and sum(r == "code" for r in roles) >= 2
            and values
            and all(SHORT_CODE_RE.fullmatch(v) for v in values)
        ):
            roles[i] = "number"  # Code | Label: a code's short name (T1, 2.3) beside its name
    names = [i for i, r in enumerate(roles) if r in ("theme", "code")]
    names.sort(key=lambda i: (roles[i] != "theme", i))
    number_col = next((i for i, r in enumerate(roles) if r == "number"), None)
    left_out = [h.strip() for h, r in zip(header, roles, strict=True) if h.strip() and not r]
    above: list[str] = [""] * len(names)
    build.new_theme()
    themed = any(roles[i] == "theme" for i in names)
    headings = set() if themed or theme is not None else _heading_rows(body, names, number_col)
    theme_said = ""
    current: _ImportedCode | None = None
    done = 0
    for line, row in body:
        row = row + [""] * (len(header) - len(row))
        if [c.strip().casefold() for c in row] == [h.strip().casefold() for h in header]:
            continue  # the header again (a table pasted twice, a page's repeated header)
        level = [" ".join(row[i].split()) for i in names]
        heading = (line in table.across or line in headings) and not themed
        if heading:
            named = " ".join(" ".join(row[i] for i in names).split())
            said = named if line in headings and named else " ".join(" ".join(row).split())
            if said:
                theme = current = build.code(_theme_name(said), None)
                above = [""] * len(names)
                build.new_theme()
                if line in table.across or not any(
                    _value(c) for i, c in enumerate(row) if i not in names and i != number_col
                ):
                    continue  # else the theme's own description, example
        if not any(level) and not any(_value(c) for c in row):
            continue
        deepest = max((k for k, v in enumerate(level) if v), default=None)
        if heading:
            pass
        elif deepest is not None:
            for k in range(deepest):
                level[k] = level[k] or above[k]
            above = level[: deepest + 1] + [""] * (len(names) - deepest - 1)
            if themed and level[0] and level[0].casefold() != theme_said:
                theme_said = level[0].casefold()
                build.new_theme()
            parent = theme
            for k in range(deepest + 1):
                if not level[k]:
                    continue
                cell = row[number_col] if number_col is not None and k == deepest else ""
                number = _number(cell, level[k])
                text = label = level[k]
                short = SHORT_PREFIX_RE.match(text)
                if short and SHORT_PREFIX_RE.sub("", text, count=1).strip():
                    text = SHORT_PREFIX_RE.sub("", text, count=1).strip()
                    # an outline number (1.2) is taken off the label, a team's short code kept
                    label = label.strip() if not NUMBER_RE.match(label) else text
                elif number is not None and not re.fullmatch(r"[\d.]+", number):
                    label = f"{number} {text}"  # T1.2 in its own column, beside the name
                if number is not None and k == deepest:
                    alone = text == number
                    typed = alone or bool(re.fullmatch(r"\s*[\d.]+\s*", cell))
                    number = build.settle(number, text, line, table.where, path, typed)
                    if alone:
                        text = label = number
                    up = _up(number)
                    if up and up not in build.by_number and (number[-1].isalpha() or _up(up)):
                        where = parent.name if parent is not None else ""
                        build.unplaced.append((label, up, where))
                    parent = build.by_number.get(up, parent) if up else parent
                parent = build.code(text, parent, label)
                if number is not None:
                    build.by_number.setdefault(number, parent)
            if parent is not None and parent is not current and parent is not theme:
                first_row = build.first_row.setdefault(id(parent), line)
                if first_row != line:
                    build.again.append(
                        f"{printable(parent.name)!r} ({table.where + ', ' if table.where else ''}"
                        f"rows {first_row} and {line})"
                    )
            current = parent
        elif current is None:
            raise CodebookError(
                f"{table.where + ', row ' + str(line) + ': ' if table.where else ''}"
                "text without a code (its "
                f"{'/'.join(header[i].strip() for i in names)} cell is empty and no code "
                "stands above it)",
                path,
                None if table.where else line,
            )
        assert current is not None
        for i, role in enumerate(roles):
            cell = row[i] if i < len(row) else ""
            if role in ("description", "include", "exclude"):
                _add_text(current, role, _value(cell))
            elif role == "inexclude" and _value(cell):
                _add_text(current, "description", f"{header[i].strip()}: {_value(cell)}")
            elif role in ("example", "counterexample"):
                kept = current.examples if role == "example" else current.counterexamples
                for quote in _quotes(cell):
                    if quote not in kept:
                        kept.append(quote)
                        build.examples += role == "example"
        done += 1
    return done, left_out


def _number(cell: str, name: str) -> str | None:
    """A code's number (`1.2`, `T1.2`, `1.2a`) from the number column, else from the start of
    its name."""
    found = re.fullmatch(r"\s*(" + SHORT_CODE + r")\.?\s*", cell)
    if found:
        return found.group(1)
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)+)\s*", name)
    if found:
        return found.group(1)  # a code known by its number alone
    found = SHORT_PREFIX_RE.match(name)
    return found.group(1) if found and SHORT_PREFIX_RE.sub("", name, count=1).strip() else None


def _heading_rows(
    body: list[tuple[int, list[str]]], names: list[int], number_col: int | None
) -> set[int]:
    """The rows that are a theme's name between numbered codes, in a table without a theme
    column: a name (or "Thema 2: Steun" across the number column) without a code number (in its
    column or before the name), where the first row under the header is one, and the numbers
    start again under a later one or each is followed by a code numbered at the top (1, 2).
    A code without a number among numbered ones (Algemeen, then 1, 2) stays a code."""
    found: list[int] = []
    seen: list[set[str]] = []
    """The code numbers under each heading row."""
    then_top: list[bool] = []
    """Whether the code right under each heading row is numbered at the top (1, T2)."""
    for line, row in body:
        if not any(c.strip() for c in row):
            continue
        number_cell = row[number_col] if number_col is not None and number_col < len(row) else ""
        name = " ".join(row[i] for i in names if i < len(row)).strip()
        number = _number(number_cell, name)
        if number is None and (name or number_cell.strip()):
            found.append(line)
            seen.append(set())
            then_top.append(False)
        elif not found:
            return set()
        elif number is not None:
            if not seen[-1]:
                then_top[-1] = _up(number) is None
            seen[-1].add(number)
    again = any(seen[k] & seen[m] for k in range(len(seen)) for m in range(k))
    return set(found) if again or (len(found) >= 2 and all(then_top)) else set()


NAMED = ("code", "theme", "number")
"""The columns whose numbers are codes' numbers."""


def _dotted(cell: str) -> str:
    """A code's number as a Dutch Excel saves a number cell in CSV, with a decimal comma
    ("1,10"), written with dots as the team meant it; text the user typed ("3,5 jaar") is kept."""
    return cell.replace(",", ".") if re.fullmatch(r"\s*\d+,\d+\s*", cell) else cell


def _up(number: str) -> str | None:
    """The number of the code a number goes under: 1.2 and 1.2a under 1.2's parent and 1.2,
    T1.2 under T1; None for a number at the top (1, T1, K3)."""
    if number[-1].isalpha():
        return number[:-1]
    return number.rsplit(".", 1)[0] if "." in number else None


def docx_tables(data: bytes, path: Path) -> list[Table]:
    """A Word document's tables, in order, each with the heading above it (a heading style, else
    the last short paragraph since the table before); a merged cell is empty but the first."""
    from lxml import etree

    from ..readers.archive import Package, member, open_zip, parser
    from ..readers.docx import empty_fields

    package = Package("a Word .docx file", "which Word never writes")
    with open_zip(io.BytesIO(data), path, package) as zf:
        document = member(zf, "word/document.xml", path, package)
        styles = member(zf, "word/styles.xml", path, package)
    if document is None:
        raise package.error("no word/document.xml", path)
    try:
        root = etree.fromstring(document, parser())
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for field in empty_fields(root, styles):
        # A template's field left empty shows its placeholder ("Klik of tik om tekst in te
        # voeren."): no description or example. Emptied in place, so the columns stay.
        for t in field.iter(f"{w}t"):
            t.text = ""

    def text(el: etree._Element) -> str:
        parts = []
        for p in el.iter(f"{w}p"):
            parts.append(
                "".join(
                    t.text or "" if t.tag == f"{w}t" else (" " if t.tag == f"{w}tab" else "\n")
                    for t in p.iter(f"{w}t", f"{w}tab", f"{w}br")
                )
            )
        return "\n".join(parts)

    containers = {f"{w}sdt", f"{w}sdtContent", f"{w}customXml"}

    def kids(parent: etree._Element) -> list[etree._Element]:
        """Children, those inside content controls (a template's w:sdt) in their place."""
        out: list[etree._Element] = []
        for child in parent:
            if child.tag in containers:
                out += kids(child)
            elif child.tag != f"{w}sdtPr":
                out.append(child)
        return out

    body = root.find(f"{w}body")
    tables: list[Table] = []
    heading = short = ""
    for el in kids(body) if body is not None else []:
        if el.tag == f"{w}p":
            said = " ".join(text(el).split())
            style = el.find(f"{w}pPr/{w}pStyle")
            name = (style.get(f"{w}val") or "") if style is not None else ""
            if said and re.match(r"(heading|kop|title|titel)", name, re.I):
                heading = said
            elif said and len(said) <= 60:
                short = said
        elif el.tag == f"{w}tbl":
            rows = []
            across: set[int] = set()
            merged: dict[int, str] = {}
            """A cell merged over rows (vMerge): its text by column, for the rows below it."""
            for n, tr in enumerate((r for r in kids(el) if r.tag == f"{w}tr"), 1):
                cells: list[str] = []
                tcs = [c for c in kids(tr) if c.tag == f"{w}tc"]
                for tc in tcs:
                    span = tc.find(f"{w}tcPr/{w}gridSpan")
                    wide = span.get(f"{w}val") if span is not None else None
                    said = text(tc)
                    vmerge = tc.find(f"{w}tcPr/{w}vMerge")
                    if vmerge is None:
                        merged.pop(len(cells), None)
                    elif vmerge.get(f"{w}val") == "restart":
                        merged[len(cells)] = said
                    elif not said.strip():
                        said = merged.get(len(cells), "")
                    cells += [said] + [""] * (int(wide) - 1 if wide and wide.isdigit() else 0)
                rows.append((n, cells))
                if len(tcs) == 1 and len(cells) > 1:
                    across.add(n)
            tables.append(
                Table(f"table {len(tables) + 1}", rows, heading or short, frozenset(across))
            )
            heading = short = ""
    return tables


def _tables(path: Path) -> list[Table]:
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise CodebookError(
            f"lernet reads a codebook table from .docx, .xlsx or .csv: save this "
            f"{OLD_FORMATS[suffix]} file as {'.xlsx' if suffix in ('.xls', '.ods') else '.docx'}"
            " and import that",
            path,
        )
    data = read_regular(path, CodebookError, MAX_DOCX_BYTES, "a codebook")
    try:
        if data.startswith(b"PK\x03\x04") and suffix in (".xlsx", ".xlsm"):
            from ..readers.workbook import xlsx_across, xlsx_hidden, xlsx_sheets

            sheets = xlsx_sheets(data, path, fill_down=True)
            hidden = xlsx_hidden(data, path)
            across = xlsx_across(data, path)
            return [
                Table(
                    f"sheet {printable(n)!r}",
                    rows,
                    n,
                    frozenset(
                        line
                        for line, cells in rows
                        if line in across.get(n, ()) and sum(bool(c.strip()) for c in cells) == 1
                    ),
                    hidden.get(n, (False, [], [])),
                )
                for n, rows in sheets
            ]
        if data.startswith(b"PK\x03\x04"):
            return docx_tables(data, path)
        if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
            raise CodebookError("not a table lernet reads (save it as .docx, .xlsx or .csv)", path)
        return [Table("", _csv_table(data, path))]
    except LernetError as exc:
        if isinstance(exc, CodebookError):
            raise
        raise CodebookError(exc.message, path, exc.line) from None


def _csv_table(data: bytes, path: Path) -> list[tuple[int, list[str]]]:
    """A CSV's rows, split by the separator that shows its header row: a title above the
    header ("Codeboek, versie 2, juni 2024;;") has more commas than the table has columns."""
    rows = _csv_rows(data, path)
    if _header(rows) is None:
        for delimiter in ";\t,":
            try:
                other = _csv_rows(data, path, delimiter)
            except LernetError:
                continue
            if _header(other) is not None:
                return other
    return rows


def import_codebook_table(
    path: Path, warnings: list[str], project_language: str | None = None
) -> tuple[str, dict[str, int]]:
    """A codebook table (Word, Excel, CSV) as lernet codebook YAML text, and what it holds
    (`themes`, `codes`, `examples`); a table it cannot read is a CodebookError naming the file,
    the table and the row. `warnings` gets the columns left out. Its `language:` is the table's,
    from all its text; where that has too few words to tell, `project_language` (the project the
    codebook is written into), else the guess, which a warning calls one."""
    import yaml

    from .. import __version__
    from ..language.detect import detect_language
    from .qdc import _code_yaml, _NoAliasDumper

    class Dumper(_NoAliasDumper):
        """Texts of several paragraphs as blocks, as written."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    tables = _tables(path)
    found = [t for t in tables if t.rows and _header(t.rows) is not None]
    shown = [t for t in found if not t.hidden[0]]
    hidden_sheets = [t for t in found if t.hidden[0]] if shown else []
    found = shown or found  # a hidden sheet (the lists behind a form's menus) is no codebook
    if not found:
        seen = "; ".join(
            (f"{t.where}: " if t.where else "")
            + " | ".join(c.strip() for c in t.rows[0][1] if c.strip())
            for t in tables
            if t.rows and any(c.strip() for c in t.rows[0][1])
        )
        if not tables or not seen:
            raise CodebookError(
                "no table in it: lernet reads a codebook laid out as a table with a header row "
                "(Thema | Code | Omschrijving | Voorbeeld)",
                path,
            )
        taguette = "" if tables[0].where else " (Taguette's codebook CSV has tag, description)"
        raise CodebookError(
            f"no header row found (looked for {LOOKED_FOR}){taguette}; "
            f"the table{'s begin' if tables[0].where else ' begins'} with {seen}",
            path,
        )
    per_heading = (
        len(found) >= 2
        and all(t.heading for t in found)
        and not any(
            "theme" in [column_role(h) for h in t.rows[_header(t.rows) or 0][1]] for t in found
        )
    )
    build = _Builder()
    left_out: list[str] = []
    for table in found:
        theme = build.code(_theme_name(table.heading), None) if per_heading else None
        done, extra = _read_table(table, build, path, theme)
        if not done:
            warnings.append(f"{table.where or 'the table'} has a header row but no codes under it")
        left_out += [h for h in extra if h not in left_out]
    if not build.top:
        raise CodebookError("no codes in the table under its header row", path)
    if left_out:
        warnings.append(
            ("left out the column " if len(left_out) == 1 else "left out the columns ")
            + ", ".join(repr(printable(h)) for h in left_out)
            + " (lernet knows theme, code, description, inclusion, exclusion, example)"
        )
    if build.again:
        warnings.append(
            ("the code " if len(build.again) == 1 else "the codes ")
            + "; ".join(build.again)
            + (" stands" if len(build.again) == 1 else " stand")
            + " twice, apart: read as one code with the text of both rows; if they are "
            "two codes, give them names of their own and import again"
        )
    sheets = [t for t in tables if t.where.startswith("sheet") and _filled(t)]
    if len(sheets) > 1:
        passed = [
            repr(printable(t.heading)) + (" (hidden)" if t in hidden_sheets else " (no header row)")
            for t in sheets
            if t not in found
        ]
        warnings.append(
            f"read the {'sheet' if len(found) == 1 else 'sheets'} "
            f"{', '.join(repr(printable(t.heading)) for t in found)} as the "
            "codebook" + (f"; passed over {', '.join(passed)}" if passed else "")
        )
    for table in found:
        rows = [n for n, row in table.rows if n in table.hidden[1] and any(c.strip() for c in row)]
        heads, _ = _two_row_header(table.rows, _header(table.rows) or 0)
        columns = [i for i in table.hidden[2] if i < len(heads) and column_role(heads[i])]
        hides = [f"{_plural(rows, 'row')} {', '.join(map(str, rows))}"] if rows else []
        hides += (
            [f"{_plural(columns, 'column')} {', '.join(_letters(i) for i in columns)}"]
            if columns
            else []
        )
        if hides:
            warnings.append(
                f"{table.where} hides {' and '.join(hides)} in Excel: read like the rest; delete "
                "what is no part of the codebook and import again"
            )
    if build.unplaced:
        warnings.append(
            "; ".join(
                f"{printable(label)!r} stands "
                + (f"under {printable(where)!r}" if where else "at the top, as a theme")
                + f": the table has no code {up} to nest it under"
                for label, up, where in build.unplaced
            )
        )
    codes = list(_walk(build.top))
    texts = [
        " ".join([c.name, c.description, c.include, c.exclude, *c.examples, *c.counterexamples])
        for c in codes
    ]
    guess = detect_language(texts, project_language or "nl")
    language = _table_language(guess.language, guess.counts, project_language, warnings)
    body = yaml.dump(
        {
            "version": 1,
            "name": printable(path.stem),
            "language": language,
            "themes": [_code_yaml(c) for c in build.top],
        },
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    header = (
        f"# Imported from {printable(path.name)} (a codebook table) by lernet {__version__}.\n"
        "# A table carries no match rules: these codes have none, so `lernet code` codes\n"
        "# nothing with them yet. Add match: rules (see docs/codebook-format.md).\n"
    )
    counts = {
        "themes": len(build.top),
        "codes": len(codes) - len(build.top),
        "examples": build.examples,
    }
    return header + body, counts


LANGUAGES = {"nl": "Dutch", "en": "English"}
SURE = 5
"""Function words of one language, and twice the other's, that tell a table's language."""


def _table_language(
    guess: str, counts: dict[str, int], project: str | None, warnings: list[str]
) -> str:
    """The codebook's language: the guess from the table's function words where they tell,
    else the project's; a guess that could be wrong is said to be one."""
    other = next(lang for lang in counts if lang != guess)
    if counts[guess] >= SURE and counts[guess] >= 2 * counts[other]:
        return guess
    found = (
        f"{counts['nl']} Dutch and {counted(counts['en'], 'English function word')}"
        if any(counts.values())
        else "no function words"
    )
    if project is not None:
        if project != guess:
            warnings.append(
                f"language: {project} ({LANGUAGES[project]}), the project's: the table has too "
                f"few words to tell its language by ({found})"
            )
        return project
    warnings.append(
        f"language: {guess} ({LANGUAGES[guess]}) is a guess: the table has too few words to "
        f"tell its language by ({found}); if the codebook is in {LANGUAGES[other]}, change its "
        f"language: to {other}"
    )
    return guess


def _letters(column: int) -> str:
    """A column's letters as Excel names it: 0 is A, 27 is AB."""
    out = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _filled(table: Table) -> bool:
    return any(c.strip() for _, row in table.rows for c in row)


def _walk(codes: Iterable[_ImportedCode]) -> Iterable[_ImportedCode]:
    for code in codes:
        yield code
        yield from _walk(code.children)


def is_codebook_table(path: Path) -> bool:
    """Whether `lernet codebook import` was given a table (Word, Excel) rather than a .qdc or
    Taguette's codebook CSV (whose header names `tag`, `path`, or `name` with Taguette's columns
    alone)."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".xlsx", ".xlsm", *OLD_FORMATS):
        return True
    if suffix not in (".csv", ".txt", ".tsv"):
        return False
    try:
        data = read_regular(path, CodebookError, MAX_CSV_BYTES, "a codebook")
        rows = _csv_rows(data, path)
    except LernetError:
        return False
    header = [h.strip().casefold() for h in rows[0][1]] if rows else []
    taguette = {"description", "number of highlights", "number of documents"}
    if "tag" in header or "path" in header:
        return False
    only_taguette = all(h in taguette for h in header if h and h != "name")
    return not ("name" in header and only_taguette)


def _plural(items: list[int], word: str) -> str:
    return word if len(items) == 1 else word + "s"
