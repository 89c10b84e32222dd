"""One output path: commands produce rows (or a JSON-ready object) and these write them out.

Machine formats (json, csv, md) go to standard output alone, so they can be piped; messages go to
standard error.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import safe_text

FORMATS = ("table", "md", "csv", "json")


def to_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if safe_text(text) != text:
        # A file name with bytes that are not UTF-8: escape it inside the strings, where the
        # backslash is then JSON-escaped, so the output stays valid JSON.
        text = json.dumps(_safe(data), ensure_ascii=False, indent=2) + "\n"
    return text


def _safe(data: Any) -> Any:
    if isinstance(data, str):
        return safe_text(data)
    if isinstance(data, dict):
        return {_safe(k): _safe(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_safe(v) for v in data]
    return data


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


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
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold")
    for i, col in enumerate(columns):
        numeric = numeric_from <= i < (numeric_to if numeric_to is not None else len(columns))
        table.add_column(col, justify="right" if numeric else "left", no_wrap=numeric)
    for i, row in enumerate(rows):
        style = "bold" if bold_rows and i in bold_rows else None
        table.add_row(*["" if v is None else safe_text(str(v)) for v in row], style=style)
    # Piped into a file, a table should keep its lines whole rather than wrap at 80 columns.
    width = None if sys.stdout.isatty() else 200
    Console(width=width).print(table)


def write(text: str) -> None:
    sys.stdout.write(safe_text(text))
    sys.stdout.flush()
