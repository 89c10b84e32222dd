"""Tables that lay out as a researcher pastes them: columns sized to their content, a header row
that repeats, rows that stay whole, and the table kept with what introduces it.

Word cannot measure text for us, so widths are estimated: characters times an average glyph width
for the table's font size. The averages are generous: they hold for Calibri and Cambria (Word's
default fonts) and also for the wider DejaVu fonts LibreOffice falls back to where those are
missing. The header row and the first column are bold (the table style makes them so) and
measured as bold. The label column (the first) gets room for its longest text when there is room;
the other columns share what is left equally, and no column is narrower than its longest word, so
no word is broken. When the longest words do not fit at 10 pt the table's text is set a point or
two smaller ("Table Text Small", "Table Text Smaller") rather than break them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

NBSP = "\u00a0"
"""Joins two words that must stay on one line (Word does not break at it)."""

TABLE_STYLES = {10: "Table Text", 9: "Table Text Small", 8: "Table Text Smaller"}
"""Table text sizes, largest first, with the paragraph style that sets each."""
REGULAR_EM = 0.6
BOLD_EM = 0.66
"""Average advance width of a character, in ems, of regular and bold text: Calibri and Cambria
average 0.45-0.5, DejaVu Serif about 0.6 and DejaVu Sans Bold up to 0.66 on Dutch words."""
CELL_PADDING = 2 * 108 + 30
"""Twips a cell needs besides its text: the table style's left and right cell margins (108 each)
and a little for the borders."""
KEEP_WHOLE = 20
"""Tables up to this many rows are kept on one page; longer ones keep at least their header row
with the first row under it."""


def text_twips(chars: int, font_pt: float, bold: bool = False) -> int:
    """Estimated width of `chars` characters at `font_pt`, in twips (1/20 pt)."""
    return round(chars * (BOLD_EM if bold else REGULAR_EM) * font_pt * 20)


def _longest_word(text: str) -> int:
    """Characters of the longest run Word will not break (a no-break space does not break)."""
    return max((len(w) for w in re.split(r"[ \t\n\r-]+", text)), default=0)


def _measure(
    header: Sequence[str], rows: Sequence[Sequence[str]], font_pt: float
) -> tuple[list[int], list[int]]:
    """Per column: the width its longest word needs and the width its longest text wants."""
    need = [0] * len(header)
    want = [0] * len(header)
    for r, row in enumerate([header, *rows]):
        for c, text in enumerate(row):
            bold = r == 0 or c == 0
            need[c] = max(need[c], text_twips(_longest_word(text), font_pt, bold) + CELL_PADDING)
            want[c] = max(want[c], text_twips(len(text), font_pt, bold) + CELL_PADDING)
    return need, want


def table_font_size(header: Sequence[str], rows: Sequence[Sequence[str]], available: int) -> int:
    """The largest table text size at which every column's longest word fits the width."""
    for size in TABLE_STYLES:
        if sum(_measure(header, rows, size)[0]) <= available:
            return size
    return min(TABLE_STYLES)


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    available: int,
    font_pt: float,
) -> list[int]:
    """Column widths in twips that add up to at most `available`.

    Each column needs at least its longest word (`need`) and wants its longest text on one line
    (`want`). When every column gets what it wants the table is only as wide as that (columns after
    the first made equal). Otherwise the first column gets what it wants as far as the others keep
    their longest word, and the others share the rest equally, a column whose longest word needs
    more than an equal share taking its need first. Only when the longest words alone do not fit
    are words broken (all columns shrunk in proportion).
    """
    if not header:
        return []
    need, want = _measure(header, rows, font_pt)
    if len(header) == 1:
        return [min(want[0], available)]
    rest_want = max(want[1:])
    if want[0] + rest_want * (len(header) - 1) <= available:
        return [want[0], *[rest_want] * (len(header) - 1)]
    if sum(need) > available:
        scale = available / sum(need)
        return [int(n * scale) for n in need]
    first = max(need[0], min(want[0], available - sum(need[1:])))
    return [first, *_share(need[1:], available - first)]


def _share(need: list[int], total: int) -> list[int]:
    """`total` over columns as equally as possible, each at least its need (which fits)."""
    widths = [0] * len(need)
    open_ = list(range(len(need)))
    left = total
    while open_:
        equal = left // len(open_)
        fixed = [i for i in open_ if need[i] > equal]
        if not fixed:
            for i in open_:
                widths[i] = equal
            break
        for i in fixed:
            widths[i] = need[i]
            left -= need[i]
        open_ = [i for i in open_ if i not in fixed]
    return widths


def text_width(doc: Any) -> int:
    """The width between the margins of the document's last section, in twips."""
    section = doc.sections[-1]
    return int(section.page_width.twips - section.left_margin.twips - section.right_margin.twips)


def table_text_style(doc: Any, size: int) -> Any:
    """The paragraph style for table cells at `size` (no space after), made once; the smaller
    sizes are based on the 10 pt one, so restyling that restyles them all."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    name = TABLE_STYLES[size]
    try:
        return doc.styles[name]
    except KeyError:
        pass
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    largest = max(TABLE_STYLES)
    style.base_style = doc.styles["Normal"] if size == largest else table_text_style(doc, largest)
    style.font.size = Pt(size)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    return style


def add_table(
    doc: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    spans: Sequence[int] = (),
) -> Any:
    """A table with a header row, laid out as the module says; returns the python-docx table.
    `right`: columns aligned right (numbers). `spans`: rows (indices into `rows`) that head the
    rows below them, their first cell alone: it is merged across the row, so that a screen
    reader reads one cell, not a label and a run of empty cells it would take for missing data;
    such a row stays with the row under it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Twips

    available = text_width(doc)
    size = table_font_size(header, rows, available)
    style = table_text_style(doc, size)
    widths = column_widths(header, rows, available, size)
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    try:
        table.style = "Light Grid Accent 1"
    except (KeyError, ValueError):
        table.style = "Table Grid"
    table.autofit = False  # w:tblLayout w:type="fixed": Word keeps the widths below
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)  # w:gridCol
    keep_whole = len(rows) + 1 <= KEEP_WHOLE
    for i, (row, texts) in enumerate(zip(table.rows, [header, *rows], strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # schema order: cantSplit before tblHeader
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        last = i == len(rows)
        for c, (cell, text, width) in enumerate(zip(row.cells, texts, widths, strict=True)):
            cell.width = Twips(width)  # w:tcW
            paragraph = cell.paragraphs[0]
            paragraph.style = style
            paragraph.text = text
            if c in right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # Keep-with-next on a row's paragraphs keeps the row with the next one: the whole
            # table for short tables, the header row with the first row under it always.
            if not last and (keep_whole or i == 0 or i - 1 in spans):
                paragraph.paragraph_format.keep_with_next = True
    for i in spans:
        cells = table.rows[i + 1].cells
        if len(cells) > 1:
            merged = cells[0].merge(cells[-1])
            for paragraph in merged.paragraphs[1:]:  # the empty cells' paragraphs
                merged._tc.remove(paragraph._p)
    return table


def keep_with_next(paragraph: Any) -> Any:
    """Keep a heading or caption on the page of what follows it (the table)."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def md_table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()
) -> str:
    """A pipe table whose columns line up in a plain-text editor; `right`: columns aligned right."""
    from .render import _md_cell

    cells = [[_md_cell(v) for v in row] for row in [header, *rows]]
    widths = [max(3, *(len(r[i]) for r in cells)) for i in range(len(header))]

    def line(values: list[str]) -> str:
        padded = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [("-" * (w - 1) + ":") if i in right else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(cells[0]), line(rule), *[line(r) for r in cells[1:]]]) + "\n"
