"""A participants list kept in Excel (.xlsx): which sheet of the workbook is the list, and which
of its rows is the header; the rows below it are read as a CSV's
(`participants_table._load_table`).

Read as Excel shows the cells (`readers.workbook`): an id typed as 1 under the format 000 is
001, a date is 2024-03-05, a formula its result. A cell merged over rows (a group written once
for several people) counts on each of them. Hidden rows and columns are read: a hidden row is
still someone interviewed, and a hidden column of names must still be hidden in every output.
A hidden sheet is not read."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import LernetError, ParticipantsError, printable

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
"""What Excel saves a workbook as (with macros: .xlsm); read alike."""

OTHER_SPREADSHEETS = {
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "a Numbers spreadsheet",
}
"""Spreadsheets lernet does not read, by suffix: each is one line saying how to save it."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE container begins: an .xls, or an .xlsx Excel encrypted with a password."""

SAVE_AS = "save it in Excel as .xlsx (Excel Workbook) or as CSV, and name that"


@dataclass
class Sheet:
    name: str
    header_line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(row number, cells) below the header."""
    note: str | None
    """Which sheet was read, when the workbook has several (None: it has one)."""


def refuse_other_spreadsheet(path: Path) -> None:
    """One line for a spreadsheet lernet does not read (.xls, .ods), by its suffix."""
    what = OTHER_SPREADSHEETS.get(path.suffix.lower())
    if what is not None:
        raise ParticipantsError(f"{what}, which lernet does not read: {SAVE_AS}", path)


def read_sheet(path: Path, data: bytes) -> Sheet:
    """The participants sheet of a workbook: the one whose name says it lists participants
    (Deelnemers, Respondenten), else the first visible sheet; of those, the first with a row
    that has an `id` cell, which is the header (a title above it is left out)."""
    from ..readers.workbook import xlsx_hidden, xlsx_sheets

    if data.startswith(OLE_MAGIC):
        raise ParticipantsError(_ole_said(data), path)
    try:
        sheets = xlsx_sheets(data, path, fill_down=True, as_shown=True)
        hidden = xlsx_hidden(data, path)
    except LernetError as exc:
        raise ParticipantsError(exc.message, path) from None
    visible = [(n, rows) for n, rows in sheets if not hidden.get(n, (False, [], []))[0]]
    named = [s for s in visible if _says_participants(s[0])]
    order = named + [s for s in visible if s not in named]
    for name, rows in order:
        at = next((i for i, (_, cells) in enumerate(rows) if _has_id(cells)), None)
        if at is None:
            continue
        note = None
        if len(sheets) > 1:
            names = ", ".join(printable(n) for n, _ in sheets)
            note = (
                f"{printable(path.name)}: read sheet {printable(name)} "
                f"(the workbook has {len(sheets)}: {names})"
            )
        line, header = rows[at]
        return Sheet(name, line, header, rows[at + 1 :], note)
    first = order[0][0] if order else (sheets[0][0] if sheets else None)
    others = " (nor does any other sheet)" if len(visible) > 1 else ""
    raise ParticipantsError(
        f"a participants sheet needs a header row with an id column{others}", path, sheet=first
    )


def is_participants_workbook(path: Path) -> bool:
    """Whether a workbook has a sheet lernet reads as a participants list (one with an `id`
    column): named on `lernet code`'s command line, it is the run's participants file."""
    from ..codebook.yamlio import read_settings_bytes

    try:
        read_sheet(path, read_settings_bytes(path, ParticipantsError))
    except LernetError:
        return False
    return True


def _has_id(cells: list[str]) -> bool:
    return any(c.strip().lower() == "id" for c in cells)


def _says_participants(name: str) -> bool:
    from .participants_find import LIST_WORDS

    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return any(word in folded for word in LIST_WORDS)


def _ole_said(data: bytes) -> str:
    """What an OLE file under a workbook's name is: encrypted (Excel keeps a workbook with a
    password to open it as an OLE file holding the encrypted .xlsx), or an .xls."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            "the workbook is protected with a password, which encrypts it, so lernet cannot "
            "read it: remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password, empty) and save it again, or save the list as CSV"
        )
    return (
        "an Excel 97-2003 workbook (.xls) under another name, which lernet does not read: "
        + SAVE_AS
    )
