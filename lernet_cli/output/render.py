"""One output path: commands produce rows (or a JSON-ready object) and these write them out.

Machine formats (json, csv, md) go to standard output alone, so they can be piped; messages go to
standard error.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import safe_text

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Console

FORMATS = ("table", "md", "csv", "json")


def to_json(data: Any) -> str:
    """JSON as standard output can hold it: into a console or pipe that is not UTF-8 (a Windows
    code page) with every other character escaped (`\\u00eb`), still valid and whole."""
    ascii_only = not _utf8(sys.stdout)
    text = json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n"
    if safe_text(text) != text:
        # A file name with bytes that are not UTF-8: escape it inside the strings, where the
        # backslash is then JSON-escaped, so the output stays valid JSON.
        text = json.dumps(_safe(data), ensure_ascii=ascii_only, indent=2) + "\n"
    return text


def _utf8(stream: Any) -> bool:
    """Whether `stream` writes UTF-8 (a StringIO, which `-o` writes through, does)."""
    encoding = getattr(stream, "encoding", None)
    return encoding is None or encoding.lower().replace("-", "").replace("_", "") in {
        "utf8",
        "utf8sig",
    }


def _safe(data: Any) -> Any:
    if isinstance(data, str):
        return safe_text(data)
    if isinstance(data, dict):
        return {_safe(k): _safe(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_safe(v) for v in data]
    return data


CSV_DELIMITERS = {"nl": ";", "en": ","}
"""What a spreadsheet in the project's language expects when the file is opened by double-click:
Dutch (and Belgian) Excel splits on ';' and writes decimals with a comma (R: read.csv2); English
Excel splits on ',' with a decimal point. Every CSV lernet writes follows it."""
_DELIMITER_NAMES = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "comma": ",", "semicolon": ";"}


class Figure(str):
    """A number lernet wrote out for reading ("0.83", "96.0%"): a Dutch CSV gives it a decimal
    comma, as it does a float. The user's text that only looks like a number (a participant
    "1.10", a variable's "2.0") is written as it is."""


def csv_delimiter(choice: str, language: str | None) -> str:
    """`--delimiter`: 'auto' (the project's csv_delimiter setting or language, as
    Project.csv_style gives it; ',' outside a project), or ',', ';' or 'tab'."""
    from ..errors import UsageError

    if choice == "auto":
        if language in _DELIMITER_NAMES:  # a project's csv_delimiter setting (Project.csv_style)
            return _DELIMITER_NAMES[language]
        return CSV_DELIMITERS.get(language or "en", ",")
    if choice not in _DELIMITER_NAMES:
        raise UsageError(f"--delimiter must be auto, ',', ';' or tab, not {choice!r}")
    return _DELIMITER_NAMES[choice]


FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""What makes a spreadsheet read a cell as a formula (Excel, also `-` and `+`, and in some
locales their full-width forms): `spreadsheet_text`."""
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?")


def spreadsheet_text(value: str) -> str:
    """Text as a CSV cell that a spreadsheet shows and never runs (CSV injection): a cell that
    starts as a formula would (a quote "- we share…", "=SUM(…)", "+1 for…", "@Jan said…") gets a
    `'` before it, as OWASP advises and as spreadsheets show typed text; a number (-3, +31) and a
    lone "-" stay as they are."""
    if len(value) > 1 and value[0] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_value(value: Any, decimal_comma: bool) -> Any:
    if value is None:
        return ""
    if decimal_comma and isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, Figure):
        return value.replace(".", ",") if decimal_comma else value
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


CSV_LINE_END = "\r\n"
"""How every CSV lernet writes ends its lines: as RFC 4180 says (Excel, LibreOffice, R and pandas
read it, as they read "\n"), the same in every command's output and export."""


def csv_writer(out: Any, delimiter: str = ",") -> Any:
    """A `csv.writer` that ends lines as every CSV of lernet's does (`CSV_LINE_END`)."""
    return csv.writer(out, delimiter=delimiter, lineterminator=CSV_LINE_END)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], delimiter: str = ",") -> str:
    """Rows as CSV; with ';' (a Dutch spreadsheet's) a decimal number has a decimal comma; text
    that a spreadsheet would run as a formula is kept text (`spreadsheet_text`)."""
    buf = io.StringIO()
    writer = csv_writer(buf, delimiter)
    writer.writerow(columns)
    comma = delimiter == ";"
    for row in rows:
        writer.writerow([_csv_value(v, comma) for v in row])
    return buf.getvalue()


def write_csv(text: str) -> None:
    """CSV on standard output: with a byte-order mark when that is a file (`> tally.csv`), so
    that Excel reads it as UTF-8 as it does the files written with -o; none into a pipe or a
    terminal, where another program reads it."""
    import os
    import stat

    try:
        into_file = stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        into_file = False
    # the lines end as written: a console that turns "\n" into "\r\n" (Windows) would end them
    # "\r\r\n", which a spreadsheet reads as an empty row after each
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            sys.stdout.flush()
            reconfigure(newline="")
        except (OSError, ValueError, TypeError, io.UnsupportedOperation):
            pass
    write(("\ufeff" if into_file and _utf8(sys.stdout) else "") + text)


def _md_cell(value: Any) -> str:
    return ("" if value is None else str(value)).replace("|", "\\|").replace("\n", " ")


def to_md_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |"]
    lines.append("| " + " | ".join("---" for _ in columns) + " |")
    for row in rows:
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str | None = None,
    bold_rows: set[int] | None = None,
    numeric_from: int = 1,
    numeric_to: int | None = None,
) -> None:
    from rich.table import Table

    # Piped into a file, a table should keep its lines whole rather than wrap at 80 columns; one
    # too wide for 200 is a block per row there too, not columns cut to "…" under no heading.
    console = screen_console(width=None if sys.stdout.isatty() else 200)
    cells = [["" if v is None else safe_text(str(v)) for v in row] for row in rows]
    if not console.encoding.startswith("utf"):
        # the plain forms measured as they will be written ("…" as "..."): columns stay aligned
        columns = [in_code_page(c, console.encoding) for c in columns]
        cells = [[in_code_page(c, console.encoding) for c in row] for row in cells]
    # piped (a file, a pager, a console that is no terminal to Python): as wide as 200 columns
    if _too_narrow(columns, cells, numeric_from, numeric_to, console.width):
        sys.stdout.write(_records(columns, cells, title))
        sys.stdout.flush()
        return
    if title is None and not bold_rows and console.color_system is None:
        from rich.box import HEAVY_HEAD

        # rich's own choice: ASCII lines on a console whose code page has no box drawing
        box = HEAVY_HEAD.substitute(console.options)
        plain = _plain_table(columns, cells, numeric_from, numeric_to, console.width, box)
        if plain is not None:
            sys.stdout.write(plain)
            sys.stdout.flush()
            return
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold")
    for i, col in enumerate(columns):
        numeric = numeric_from <= i < (numeric_to if numeric_to is not None else len(columns))
        # Text, as the cells: a column of a value anonymized ("[organisatie]") is no markup
        # fold: a word wider than a narrow window (a code's id) is broken over lines, not cut
        table.add_column(
            Text(col),
            justify="right" if numeric else "left",
            no_wrap=numeric,
            overflow="ellipsis" if numeric else "fold",
        )

    for i, row in enumerate(cells):
        style = "bold" if bold_rows and i in bold_rows else None
        # Text, not markup: a quote's "[naam]" is the text, not a style to apply and drop.
        table.add_row(*(Text(c) for c in row), style=style)
    console.print(table)


def screen_console(**options: Any) -> Console:
    """A rich Console on standard output as wide as the window: rich takes every dumb terminal
    (TERM=dumb, a screen reader's console) for 80 columns, which a narrower window wraps."""
    from rich.console import Console

    console = Console(**options)

    def reader_gone() -> None:
        # rich's own handler ends the program with exit code 1; the command line decides
        console.quiet = True
        raise BrokenPipeError(errno.EPIPE, "standard output was closed")

    console.on_broken_pipe = reader_gone  # type: ignore[method-assign]
    if console.is_dumb_terminal and options.get("width") is None:
        import shutil

        console.size = shutil.get_terminal_size()
    return console


NARROWEST = 10
"""A text column narrower than this breaks its words into pieces ("Installatiebedr" / "ijf")."""


def _too_narrow(
    columns: Sequence[str],
    rows: list[list[str]],
    numeric_from: int,
    numeric_to: int | None,
    width: int,
) -> bool:
    """Whether the window is too narrow for the table: its numbers whole (rich cuts them with
    "…") and every text column NARROWEST wide at least (or as wide as its widest cell)."""
    from rich.cells import cell_len

    need = 3 * len(columns) + 1
    for i, column in enumerate(columns):
        widest = max(cell_len(c) for c in [column, *(row[i] for row in rows)])
        numeric = numeric_from <= i < (numeric_to if numeric_to is not None else len(columns))
        need += widest if numeric else min(widest, NARROWEST)
    return need > width


def _records(columns: Sequence[str], rows: list[list[str]], title: str | None) -> str:
    """A table too wide for the window as a block of lines per row, "column: value" (empty
    cells left out), a blank line between rows: the window wraps the lines, nothing is cut,
    and a screen reader reads each value with its column's name."""
    out = [f"{title}\n\n"] if title else []
    for row in rows:
        out += [f"{column}: {cell}\n" for column, cell in zip(columns, row, strict=True) if cell]
        out.append("\n")
    return "".join(out)


_PLAIN_CELL = re.compile(r"[^\[\]\x00-\x1f\x7f-\x9f]*")


def _plain_table(
    columns: Sequence[str],
    rows: list[list[str]],
    numeric_from: int,
    numeric_to: int | None,
    width: int,
    box: Box,
) -> str | None:
    """The table as rich draws it without colour (`box`: heavy head, light body), when drawing it
    needs nothing of rich's: every cell plain text on one line (no markup brackets, no control
    characters, no space at either end) and the whole as wide as the console at most. None
    otherwise.

    rich takes half a second for a thousand rows; this takes milliseconds (tests/test_cli.py
    holds the two to the same text)."""
    from rich.cells import cell_len

    texts = [list(columns), *rows]
    if any(_PLAIN_CELL.fullmatch(c) is None or c != c.strip() for row in texts for c in row):
        return None
    sizes = [max(cell_len(row[i]) for row in texts) for i in range(len(columns))]
    if sum(sizes) + 3 * len(sizes) + 1 > width:
        return None
    right = [
        numeric_from <= i < (numeric_to if numeric_to is not None else len(columns))
        for i in range(len(columns))
    ]

    def line(row: list[str], left: str, sep: str, end: str) -> str:
        parts = []
        for text, size, flush in zip(row, sizes, right, strict=True):
            pad = " " * (size - cell_len(text))
            parts.append(f" {pad}{text} " if flush else f" {text}{pad} ")
        return left + sep.join(parts) + end + "\n"

    widths = [size + 2 for size in sizes]
    out = [
        box.get_top(widths) + "\n",
        line(list(columns), box.head_left, box.head_vertical, box.head_right),
    ]
    out.append(box.get_row(widths, "head") + "\n")
    out += [line(row, box.mid_left, box.mid_vertical, box.mid_right) for row in rows]
    out.append(box.get_bottom(widths) + "\n")
    return "".join(out)


def write(text: str) -> None:
    sys.stdout.write(safe_text(text))
    sys.stdout.flush()


PLAIN_CHARACTERS = {
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
    "‹": "<",
    "›": ">",
    "€": "EUR",
    "•": "*",
    "·": ".",
    "×": "x",
    "→": "->",
    "←": "<-",
    "≥": ">=",
    "≤": "<=",
    "\u00a0": " ",
}
"""What a character the console's code page lacks is written as (cp850 has no curly quotes,
cp1252 no arrows): the plain one a reader expects, not a question mark."""


def plain_characters(exc: UnicodeError) -> tuple[str, int]:
    """An encoding error handler for a console that is not UTF-8 (a Windows console in cp850):
    curly quotes, dashes and "…" as their plain forms, an accented letter without its accent,
    anything else (an emoji) as "?"; never an error that ends the command."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    import unicodedata

    out = []
    for char in exc.object[exc.start : exc.end]:
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(PLAIN_CHARACTERS.get(char) or (base if base.isascii() and base else "?"))
    return "".join(out), exc.end


codecs.register_error("lernet-plain", plain_characters)


def in_code_page(text: str, encoding: str) -> str:
    """`text` as a console in `encoding` shows it (see plain_characters)."""
    try:
        return text.encode(encoding, "lernet-plain").decode(encoding)
    except LookupError:  # an encoding Python does not know: rich writes what it can
        return text
