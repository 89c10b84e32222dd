"""An archive's participants added to the project's participants file (`lernet import qdpx
--into`, `lernet merge`): planned before the store changes, written after it did.

Written where lernet can do so without losing what the researcher wrote there: a new
participants.yaml, a YAML file without comments (dumped again, with its groups), or a CSV (the
new people as rows added at its end, under its own columns, with its separator, quoting,
encoding, byte order mark and line ends; the rows already there byte for byte as they were).
Written as `project.ownfiles` writes the researcher's files: the old bytes kept in
.lernet/backups first. A read-only file is refused before anything changes, as a read-only
codebook is. Where lernet cannot write the file (comments, a file it cannot read, names to
hide that the CSV has no column for) the lines to add are printed instead; an Excel workbook
is never written (lernet would lose its formatting, formulas and other sheets): its new people
are printed as rows to paste under its header.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import LernetError, ParticipantsError
from ..language.plural import counted
from ..project.participants_sheet import WORKBOOK_SUFFIXES

TABLES = (".csv", ".tsv", ".txt")


@dataclass
class PeopleWrite:
    """The participants file's new bytes, checked, to write once the store has changed."""

    target: Path
    raw: bytes | None
    """The file's bytes as read (None: there was no file)."""
    data: bytes
    ids: list[str]
    said: str
    """What to tell once written (where the backup is comes after)."""


def plan_people(
    path: Path | None, root: Path, people: list[dict[str, Any]]
) -> tuple[PeopleWrite | None, list[str]]:
    """What adding `people` (an archive's) to the participants file `path` (None: none yet; a
    participants.yaml is made in `root`) takes: the write (None: nothing to write) and what to
    tell instead (the lines to add by hand). A ParticipantsError naming the file when it is
    read-only, so that nothing changes."""
    from ..codebook.yamlio import read_settings_bytes
    from ..userfiles import is_read_only

    if not people:
        return None, []
    target = path if path is not None else root / "participants.yaml"
    if path is None and os.path.lexists(target):
        path = target  # never written over unread
    raw: bytes | None = None
    if path is not None:
        try:
            raw = read_settings_bytes(path, ParticipantsError)
        except LernetError as exc:
            return None, _by_hand(target, people, f"lernet cannot read it: {exc.message}")
    if target.suffix.lower() in WORKBOOK_SUFFIXES and raw is not None:
        plan, said = None, _rows_for_workbook(target, raw, people)
    elif target.suffix.lower() in TABLES and raw is not None:
        plan, said = _plan_table(target, raw, people)
    else:
        plan, said = _plan_yaml(target, raw, people)
    if plan is not None and (
        is_read_only(target) if raw is not None else not os.access(target.parent, os.W_OK)
    ):
        ids = ", ".join(plan.ids[:6]) + (", ..." if len(plan.ids) > 6 else "")
        raise ParticipantsError(
            ("is read-only" if raw is not None else "cannot be made: its folder is read-only")
            + ", so lernet leaves it as it is and merges nothing; make it writable and merge "
            f"again, to add the archive's {counted(len(plan.ids), 'participant')} to it ({ids})",
            target,
        )
    return plan, said


def _by_hand(target: Path, new: list[dict[str, Any]], why: str) -> list[str]:
    from .qdpx_import import participants_yaml

    shown = participants_yaml(new).split("participants:\n", 1)[-1].rstrip()
    return [
        f"add the archive's {counted(len(new), 'participant')} to {target.name} yourself "
        f"({why}):\n{shown}"
    ]


def _said(target: Path, new: list[dict[str, Any]]) -> str:
    return f"added {counted(len(new), 'participant')} to {target.name}: " + ", ".join(
        str(p["id"]) + (f" ({p['group']})" if p.get("group") else "") for p in new
    )


def _plan_yaml(
    target: Path, raw: bytes | None, people: list[dict[str, Any]]
) -> tuple[PeopleWrite | None, list[str]]:
    from ..codebook.yamlio import line_end, read_text_file, text_form
    from .qdc import _NoAliasDumper

    old = ""
    if raw is not None:
        try:
            old = read_text_file(target, ParticipantsError, raw)
        except LernetError:
            old = "#"
    data: Any = {"participants": []}
    if old:
        try:
            data = yaml.safe_load(old) if target.suffix.lower() in (".yaml", ".yml") else None
        except yaml.YAMLError:
            data = None
        if isinstance(data, list):
            data = {"participants": data}
    known = set()
    if isinstance(data, dict) and isinstance(data.get("participants"), list):
        known = {
            str(p.get("id", "")).casefold() for p in data["participants"] if isinstance(p, dict)
        }
    new = [p for p in people if str(p["id"]).casefold() not in known]
    if not new:
        return None, []
    hand = any(line.lstrip().startswith("#") for line in old.splitlines())
    if not isinstance(data, dict) or not isinstance(data.get("participants"), list) or hand:
        return None, _by_hand(
            target, new, "lernet does not rewrite a file with comments or in another form"
        )
    data["participants"].extend(new)
    groups = data.get("groups")
    if isinstance(groups, list):
        groups.extend(
            g for g in dict.fromkeys(p.get("group") for p in new) if g and g not in groups
        )
    text = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True)
    text = text.replace("\n", line_end(old))
    try:
        _check_participants(target, text)
    except LernetError as exc:
        return None, [f"could not add the archive's participants to {target.name}: {exc}"]
    data_bytes = text_form(raw or b"").encode(text)
    return PeopleWrite(target, raw, data_bytes, [str(p["id"]) for p in new], _said(target, new)), []


def _table_text(raw: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, byte order mark) of a participants table as spreadsheets save it and
    `project.participants` reads it: UTF-16 or UTF-8 by its mark, else UTF-8, else cp1252."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding), encoding, bom
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8", b"\xef\xbb\xbf"
    try:
        return raw.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252", b""


def _cell(person: dict[str, Any], column: str) -> str | None:
    """A person's value for a participants table's column (lower-cased), None: they have none."""
    if column in ("names", "organisations", "organizations", "files"):
        key = "organisations" if column == "organizations" else column
        listed = [str(v) for v in person.get(key) or []]
        return ", ".join(listed) or None
    if column in ("id", "group", "label", "description"):
        value = person.get(column)
        return None if value is None or str(value) == "" else str(value)
    variables = {str(k).strip().casefold(): v for k, v in (person.get("variables") or {}).items()}
    value = variables.get(column)
    return None if value is None else str(value)


def _plan_table(
    target: Path, raw: bytes, people: list[dict[str, Any]]
) -> tuple[PeopleWrite | None, list[str]]:
    """The new people as rows at the end of the participants table, under its columns."""
    from ..codebook.yamlio import line_end
    from ..project.participants import load_participants
    from ..project.participants_table import CSV_ALIASES, _separator

    try:
        text, encoding, bom = _table_text(raw)
        known = {p.casefold() for p in load_participants(target).people}
    except (LernetError, UnicodeDecodeError) as exc:
        why = f"lernet cannot read it: {exc}" if isinstance(exc, LernetError) else "not text"
        return None, _by_hand(target, people, why)
    new = [p for p in people if str(p["id"]).casefold() not in known]
    if not new:
        return None, []
    separator = _separator(text) or ","
    header_line = next(io.StringIO(text, newline=""), "").rstrip("\r\n")
    header = next(csv.reader([header_line], delimiter=separator), [])
    columns = [CSV_ALIASES.get(h.strip().casefold(), h.strip().casefold()) for h in header]
    quoted = _written(header, separator, csv.QUOTE_ALL) == header_line
    hidden = {"names", "organisations"} - set(columns)
    if "organizations" in columns:
        hidden.discard("organisations")
    lacking = [k for k in sorted(hidden) if any(p.get(k) for p in new)]
    if lacking:
        return None, _by_hand(
            target, new, f"it has no {' or '.join(lacking)} column for the names to hide"
        )
    left: dict[str, None] = {}
    for p in new:
        for key in ("group", "label", "description"):
            if p.get(key) and key not in columns:
                left[key] = None
        for name in p.get("variables") or {}:
            if str(name).strip().casefold() not in columns:
                left[str(name).strip()] = None
    end = line_end(text)
    if text and not text.endswith(("\n", "\r")):
        text += end
    rows = "".join(
        _written([_cell(p, c) or "" for c in columns], separator, csv.QUOTE_ALL if quoted else None)
        + end
        for p in new
    )
    text += rows
    try:
        data = bom + text.encode(encoding)
    except UnicodeEncodeError:
        return None, _by_hand(target, new, f"its encoding, {encoding}, cannot hold their names")
    try:
        _check_participants(target, text)
    except LernetError as exc:
        return None, [f"could not add the archive's participants to {target.name}: {exc}"]
    said = _said(target, new)
    if left:
        said += f" (without {', '.join(left)}: {target.name} has no column for it)"
    return PeopleWrite(target, raw, data, [str(p["id"]) for p in new], said), []


def _rows_for_workbook(target: Path, raw: bytes, people: list[dict[str, Any]]) -> list[str]:
    """The archive's people the workbook lacks, as rows under its participants sheet's header
    (with a column more for what they have and it has no column for), to paste in by hand."""
    from ..project.participants import load_participants
    from ..project.participants_sheet import read_sheet
    from ..project.participants_table import CSV_ALIASES

    try:
        sheet = read_sheet(target, raw)
        known = {p.casefold() for p in load_participants(target).people}
    except LernetError as exc:
        return _by_hand(target, people, f"lernet cannot read it: {exc.message}")
    new = [p for p in people if str(p["id"]).casefold() not in known]
    if not new:
        return []
    header = [h.strip() for h in sheet.header]
    while header and not header[-1]:
        header.pop()
    columns = [CSV_ALIASES.get(h.casefold(), h.casefold()) for h in header]
    for key in ("group", "label", "names", "organisations", "description"):
        if key not in columns and any(p.get(key) for p in new):
            header.append(key)
            columns.append(key)
    for p in new:
        for name in p.get("variables") or {}:
            if str(name).strip().casefold() not in columns:
                header.append(str(name).strip())
                columns.append(str(name).strip().casefold())
    rows = ["\t".join(header)]
    rows += ["\t".join(" ".join((_cell(p, c) or "").split()) for c in columns) for p in new]
    return [
        f"{target.name} is an Excel workbook, which lernet does not write into: add the "
        f"archive's {counted(len(new), 'participant')} to it yourself, as these rows under the "
        f"header of sheet {sheet.name} (separated by tabs: pasted into Excel, each takes a cell "
        "of its own):\n" + "\n".join(rows)
    ]


def _written(cells: list[str], separator: str, quoting: int | None) -> str:
    """One row as the csv module writes it, without a line end."""
    out = io.StringIO()
    options: dict[str, Any] = {"delimiter": separator, "lineterminator": ""}
    if quoting is not None:
        options["quoting"] = quoting
    csv.writer(out, **options).writerow(cells)
    return out.getvalue()


def write_people(root: Path, plan: PeopleWrite) -> tuple[Path | None, str]:
    """Write a planned participants file (`project.ownfiles`); (its backup, what to tell).
    A ProjectError or ParticipantsError when the disk refuses: the file as it was."""
    from ..project.ownfiles import rewrite_own_file

    backup = rewrite_own_file(root, plan.target, plan.raw, plan.data, ParticipantsError)
    said = plan.said
    if backup is not None:
        said += f" (the file as it was: {backup.relative_to(root).as_posix()})"
    return backup, said


def _check_participants(target: Path, text: str) -> None:
    """Raise the ParticipantsError `text` would give as the participants file `target`, before
    anything is written (read from a copy in a folder of its own)."""
    import tempfile

    from ..project.participants import load_participants

    with tempfile.TemporaryDirectory(prefix="lernet-") as folder:
        copy = Path(folder) / target.name
        copy.write_text(text, encoding="utf-8", newline="")
        try:
            load_participants(copy)
        except LernetError as exc:
            raise type(exc)(exc.message, target, exc.line) from None
