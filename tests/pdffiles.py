"""Hand-built PDF files for tests: text in Helvetica (WinAnsi), a line per text object, pages with
a running header and a page number, as a transcription service or Word's "Save as PDF" writes
them; no tool beyond Python itself."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LEFT, TOP, BOTTOM = 72, 770, 60
LEADING = 14
FONT_SIZE = 11


def _escape(text: str) -> bytes:
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_content(
    lines: Sequence[str],
    *,
    header: str | None = None,
    footer: str | None = None,
    gap_before: Sequence[int] = (),
) -> bytes:
    """A page's content stream: `header` at the top, `lines` below it (an extra half line of space
    before the indexes in `gap_before`, as between paragraphs), `footer` at the bottom."""
    parts: list[bytes] = []

    def show(text: str, x: float, y: float) -> None:
        parts.append(
            b"BT /F1 %d Tf %.1f %.1f Td (" % (FONT_SIZE, x, y) + _escape(text) + b") Tj ET\n"
        )

    if header is not None:
        show(header, LEFT, PAGE_HEIGHT - 40)
    y = TOP
    for i, line in enumerate(lines):
        if i in gap_before:
            y -= LEADING // 2 + 4
        show(line, LEFT, y)
        y -= LEADING
    if footer is not None:
        show(footer, PAGE_WIDTH / 2 - 10, BOTTOM - 30)
    return b"".join(parts)


Cell = str | Sequence[str]
"""A table cell's text: a line, or the lines it wraps to."""


def table_content(
    rows: Sequence[Sequence[Cell]],
    *,
    columns: Sequence[float] = (LEFT, 200),
    by_column: bool = False,
    header: str | None = None,
    footer: str | None = None,
    row_gap: float = 4,
) -> bytes:
    """A page's content stream of a table without borders, as Word saves a speaker table to PDF:
    each row's cells side by side at `columns` (x), a cell's wrapped lines below its first,
    `row_gap` points between rows. `by_column`: the file draws a whole column, then the next
    (pypdf's plain mode would read them so), where Word draws row by row. An empty cell draws
    nothing (the rest of a row a page break split)."""
    shown: list[tuple[float, float, str]] = []
    y = TOP
    for row in rows:
        cells = [[cell] if isinstance(cell, str) else list(cell) for cell in row]
        for x, cell in zip(columns, cells, strict=True):
            for k, line in enumerate(cell):
                if line:
                    shown.append((x, y - k * LEADING, line))
        y -= max(len(cell) for cell in cells) * LEADING + row_gap
    if by_column:
        shown.sort(key=lambda s: (s[0], -s[1]))
    lines = [(LEFT, PAGE_HEIGHT - 40, header)] if header is not None else []
    lines += shown
    if footer is not None:
        lines.append((PAGE_WIDTH / 2 - 10, BOTTOM - 30, footer))
    return b"".join(
        b"BT /F1 %d Tf %.1f %.1f Td (" % (FONT_SIZE, x, y) + _escape(text) + b") Tj ET\n"
        for x, y, text in lines
    )


def pdf_bytes(
    contents: Sequence[bytes],
    *,
    compress: bool = True,
    images: bool = False,
    nested_forms: tuple[int, int] | None = None,
) -> bytes:
    """A PDF of one page per content stream, with Helvetica as /F1; `images`: each page only
    draws an image (a scan: no text layer); `nested_forms` (depth, times): each page draws form
    /Fm `times` times, which draws the next form as often, `depth` deep, the last one a line of
    text (a hostile PDF: a few kilobytes that stand for times ** depth lines)."""
    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # the page tree, once the pages' numbers are known
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    form = b""
    if nested_forms is not None:
        depth, times = nested_forms
        inner = b"BT /F1 11 Tf 72 700 Td (Ja.) Tj ET\n"
        below = b""
        for _ in range(depth):
            objects.append(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font "
                b"<< /F1 3 0 R >>%s >> /Length %d >>\nstream\n"
                % (below, len(inner))
                + inner
                + b"\nendstream"
            )
            below = b" /XObject << /Fm %d 0 R >>" % len(objects)
            inner = b"/Fm Do\n" * times
        form = below
        contents = [inner for _ in contents]
    kids = []
    for content in contents:
        if images:
            pixels = zlib.compress(bytes(range(256)) * 4)
            objects.append(
                b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                % len(pixels)
                + pixels
                + b"\nendstream"
            )
            image = len(objects)
            content = b"q 400 0 0 600 100 100 cm /Im1 Do Q\n"
            resources = b"<< /XObject << /Im1 %d 0 R >> >>" % image
        else:
            resources = b"<< /Font << /F1 3 0 R >>%s >>" % form
        data = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
        stream = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, resources, stream)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def paged(
    pages: Sequence[Sequence[str]],
    *,
    header: str | None = "Interview P07 \u2013 confidential",
    number: str | None = "Page {n} of {total}",
    gaps: Sequence[Sequence[int]] | None = None,
) -> bytes:
    """A PDF of the pages' lines, each page with the running `header` and its page `number`
    ("{n}", "{total}" filled in) at the bottom."""
    total = len(pages)
    return pdf_bytes(
        [
            page_content(
                lines,
                header=header,
                footer=number.format(n=n, total=total) if number else None,
                gap_before=gaps[n - 1] if gaps else (),
            )
            for n, lines in enumerate(pages, 1)
        ]
    )


def write_pdf(path: Path, pages: Sequence[Sequence[str]], **kwargs: object) -> Path:
    path.write_bytes(paged(pages, **kwargs))  # type: ignore[arg-type]
    return path
