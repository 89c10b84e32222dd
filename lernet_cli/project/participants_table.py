"""A participants list kept in a spreadsheet: a CSV or text table (its separator and encoding
as spreadsheets save them) or a sheet of a workbook (`participants_sheet`), read alike: its
header's columns (Dutch and singular headers are the columns they mean, any other a variable),
then a row per person."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..codebook.yamlio import read_settings_bytes
from ..errors import ParticipantsError
from ..language.plural import counted
from ..model import Participant
from .participants_model import Participants, _add, _Problems, _same_group_names, _spelling_key

TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
"""What a spreadsheet saves a table as: CSV, and text with tabs (Excel's "Unicode text", UTF-16)."""


def is_participants_table(path: Path) -> bool:
    """Whether a file is a table whose header row has an `id` column: a participants list saved
    from a spreadsheet, whatever its name ends in (deelnemers.txt as Excel's "Unicode text" is
    one, and no transcript)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif b"\x00" in head:
        return False
    else:
        text = head.decode("utf-8-sig", errors="replace")
    return _separator(text.lstrip("\ufeff")) is not None


def _spreadsheet_text(path: Path) -> str:
    """A CSV as spreadsheets save it: UTF-8 (with or without BOM), UTF-16 ("Unicode text"), or
    the Windows code page Dutch and English Excel use for plain CSV (cp1252)."""
    data = read_settings_bytes(path, ParticipantsError)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParticipantsError("not a text file (binary content)", path) from None
    if b"\x00" in data:
        raise ParticipantsError("not a text file (binary content)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _load_csv(path: Path) -> Participants:
    text = _spreadsheet_text(path)
    separator = _separator(text)
    if separator is None:
        raise ParticipantsError("a participants CSV needs a header row with an id column", path, 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next(reader, [])
    rows = ((reader.line_num, cells) for cells in reader if cells)

    def extra(cells: list[str], line: int) -> ParticipantsError:
        return _extra_cells(cells, len(header), separator, path, line)

    return _load_table(path, header, rows, extra)


def _load_xlsx(path: Path) -> Participants:
    """A participants list kept in Excel, read as its CSV would be (`participants_sheet`)."""
    from .participants_sheet import read_sheet

    sheet = read_sheet(path, read_settings_bytes(path, ParticipantsError))

    def extra(cells: list[str], line: int) -> ParticipantsError:
        shown = ", ".join(repr(v) for v in cells[:3]) + (" …" if len(cells) > 3 else "")
        return ParticipantsError(
            f"{counted(len(cells), 'cell')} right of the header's last column ({shown}): give "
            "the column a header (one lernet does not know is a variable), or clear the cells",
            path,
            line,
        )

    try:
        result = _load_table(path, sheet.header, sheet.rows, extra, sheet.name, sheet.header_line)
    except ParticipantsError as exc:
        for problem in (exc, *exc.also):
            problem.sheet = sheet.name
        raise
    if sheet.note:
        result.notes.append(sheet.note)
    return result


def _load_table(
    path: Path,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    extra_cells: Any,
    sheet: str | None = None,
    header_line: int = 1,
) -> Participants:
    """The participants of a table (a CSV, a sheet of a workbook): its header's columns (an
    alias, `naam`, is the column it means; any other is a variable), then a row per person;
    `extra_cells(cells, line)` is the problem of a row with cells right of the header's."""
    if "id" not in [str(f).strip().lower() for f in header]:
        raise ParticipantsError(
            "a participants CSV needs a header row with an id column", path, header_line
        )
    result = Participants(path=str(path), sheet=sheet)
    columns: dict[str, str] = {}
    for heading in header:
        name = str(heading or "").strip()
        low = CSV_ALIASES.get(name.lower(), name.lower())
        if name and low in columns:
            raise ParticipantsError(
                f"columns {columns[low]!r} and {name!r} both give the {low}: keep one",
                path,
                header_line,
            )
        if name:
            columns[low] = name
    result.columns = {"organisations" if k == "organizations" else k: v for k, v in columns.items()}
    keys = [CSV_ALIASES.get(str(h).strip().lower(), str(h).strip().lower()) for h in header]
    result.variable_names = [
        name for low, name in columns.items() if low not in CSV_COLUMNS and name
    ]
    problems = _Problems()
    for line, row in rows:
        extra = [str(v).strip() for v in row[len(header) :] if str(v).strip()]
        if extra:
            problems.add(extra_cells(extra, line))
            continue
        clean: dict[str, str] = {}
        for key, value in zip(keys, row, strict=False):
            if key:
                clean[key] = (value or "").strip()
        variables: dict[str, str | int | float | bool] = {
            name: clean[low]
            for low, name in columns.items()
            if low not in CSV_COLUMNS and name and clean.get(low)
        }
        names = _cell_list(clean.get("names"))
        organisations = _cell_list(clean.get("organisations"))
        if not clean.get("id"):
            if not names and not organisations:
                continue  # an empty row, as spreadsheets leave them
            if clean.get("group") or clean.get("label") or clean.get("files"):
                problems.add(
                    ParticipantsError(
                        "row without id (a row that only lists others to redact has names or "
                        "organisations and nothing else)",
                        path,
                        line,
                    )
                )
                continue
            # others mentioned in the interviews: the YAML's redact:
            result.other_names.extend(names)
            result.other_organisations.extend(organisations)
            continue
        pid = clean["id"]
        for lang in LANGUAGE_COLUMNS:
            if clean.get(f"label_{lang}"):
                result.label_names.setdefault(pid, {})[lang] = clean[f"label_{lang}"]
            worded = clean.get(f"group_{lang}")
            if not worded or not clean.get("group"):
                continue
            named = result.group_names.setdefault(_spelling_key(clean["group"]), {})
            if named.setdefault(lang, worded) != worded:
                problems.add(
                    ParticipantsError(
                        f"group_{lang} {worded!r} of group {clean['group']!r}: an earlier row "
                        f"names it {named[lang]!r}",
                        path,
                        line,
                    )
                )
        try:
            _add(
                result,
                Participant(
                    id=clean["id"],
                    group=clean.get("group") or None,
                    label=clean.get("label") or None,
                    files=_cell_list(clean.get("files")),
                    names=names,
                    organisations=organisations,
                    description=clean.get("description") or None,
                    variables=variables,
                ),
                path,
                line,
            )
        except ParticipantsError as exc:
            problems.add(exc)
    problems.value(lambda: _same_group_names(result, path, None), None)
    problems.raise_any()
    return result


def _extra_cells(
    extra: list[str], columns: int, separator: str, path: Path, line: int
) -> ParticipantsError:
    """A row with more cells than the header has columns: its cells would be read under the
    wrong columns, or not at all."""
    shown = ", ".join(repr(v) for v in extra[:3]) + (" …" if len(extra) > 3 else "")
    sep = {"\t": "tab", ";": "';'", ",": "','"}.get(separator, repr(separator))
    return ParticipantsError(
        f"{counted(len(extra), 'cell')} more than the header's {columns} columns ({shown}): a cell "
        f"that holds a {sep} needs quotes around it, or the header lacks a column",
        path,
        line,
    )


LANGUAGE_COLUMNS = ("nl", "en")
"""A CSV's `group_en`, `label_en` (and `_nl`): a group's name and a participant's label in that
language (`Participants.in_language`)."""


CSV_COLUMNS = {"id", "group", "label", "files", "names", "organisations", "organizations"}
CSV_COLUMNS |= {"description"}
CSV_COLUMNS |= {f"{what}_{lang}" for what in ("group", "label") for lang in LANGUAGE_COLUMNS}
"""A participants CSV's columns lernet reads itself; any other column is a variable."""


CSV_ALIASES = {
    **dict.fromkeys(("file", "bestand", "bestanden", "transcript", "transcripts"), "files"),
    **dict.fromkeys(("name", "naam", "namen"), "names"),
    **dict.fromkeys(
        ("organisation", "organization", "organisatie", "organisaties"), "organisations"
    ),
    "organizations": "organisations",
    "groep": "group",
    **dict.fromkeys(("beschrijving", "omschrijving"), "description"),
}
"""Other headers a researcher writes for those columns (singular, Dutch): read as the column
they mean, never as a variable, so that names under `naam` or `namen` are hidden as those under
`names` are (a variable's values are shown in exports and tables)."""


SEPARATORS = ("\t", ";", ",")
"""What spreadsheets put between a CSV's cells: tab ("Unicode text"), ';' (Dutch and Belgian
Excel), ',' (English)."""


def _separator(text: str) -> str | None:
    """The separator of a participants CSV, read off its header row: of `SEPARATORS`, the one
    that splits it into the most cells, one of them `id` (None: none does). The rows are not
    looked at: a cell's quoted list ("*Broeck*; *Vandenbroeck*", as Excel saves a cell holding
    ';') gives them a ';' more than the header, which makes a guess from all lines fail."""
    header = next(io.StringIO(text, newline=""), "")  # lines end in \n, \r\n or \r (old Mac)
    best, most = None, 0
    for separator in SEPARATORS:
        cells = next(csv.reader([header.rstrip("\r\n")], delimiter=separator), [])
        if "id" in (c.strip().lower() for c in cells) and len(cells) > most:
            best, most = separator, len(cells)
    return best


def _cell_list(value: str | None) -> list[str]:
    """A spreadsheet cell's list: separated by commas, semicolons or line breaks within the
    cell (Alt+Enter in Excel): "De Klimop, Klimop"."""
    return [v.strip() for v in re.split(r"[,;\r\n]", value or "") if v.strip()]
