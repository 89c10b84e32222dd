"""Who said it: participant ids, analysis groups, attribution labels and the names to redact.

`load_participants` reads a participants file of any kind. The model is `participants_model`;
the loaders `participants_yaml` and `participants_table` (with `participants_sheet` for a
workbook); finding the file `participants_find`. What the rest of lernet imports is here."""

from __future__ import annotations

from pathlib import Path

from ..model import Participant
from .participants_find import (
    CANDIDATE_NAMES,
    LIST_SUFFIXES,
    LIST_WORDS,
    find_participants_file,
    likely_participants_files,
    participants_hint,
)
from .participants_model import UNGROUPED, UNGROUPED_NAMES, Participants, group_name
from .participants_table import (
    CSV_ALIASES,
    CSV_COLUMNS,
    LANGUAGE_COLUMNS,
    SEPARATORS,
    TABLE_SUFFIXES,
    _load_csv,
    _load_xlsx,
    _separator,
    is_participants_table,
)
from .participants_yaml import PARTICIPANT_KEYS, TOP_KEYS, _load_yaml

__all__ = [
    "CANDIDATE_NAMES",
    "CSV_ALIASES",
    "CSV_COLUMNS",
    "LANGUAGE_COLUMNS",
    "LIST_SUFFIXES",
    "LIST_WORDS",
    "PARTICIPANT_KEYS",
    "SEPARATORS",
    "TABLE_SUFFIXES",
    "TOP_KEYS",
    "UNGROUPED",
    "UNGROUPED_NAMES",
    "Participant",
    "Participants",
    "_separator",
    "find_participants_file",
    "group_name",
    "is_participants_table",
    "likely_participants_files",
    "load_participants",
    "participants_hint",
]


def load_participants(
    path: Path | None, cache: Path | None = None, language: str | None = None
) -> Participants:
    """The participants file (YAML, CSV or an Excel workbook); with `cache` (the project's cache
    folder) a YAML file's parsed tree is kept there under the digest of its text, so a command
    that only needs the people (a re-coding, a tally) does not parse a large file again until
    it changes.
    `language`: groups and labels as the file words them in that language (`in_language`)."""
    if path is None:
        return Participants()
    from .participants_sheet import WORKBOOK_SUFFIXES, refuse_other_spreadsheet

    suffix = path.suffix.lower()
    refuse_other_spreadsheet(path)
    if suffix in (".csv", ".tsv") or (suffix == ".txt" and is_participants_table(path)):
        result = _load_csv(path)
    elif suffix in WORKBOOK_SUFFIXES:
        result = _load_xlsx(path)
    else:
        result = _load_yaml(path, cache)
    result.merge_spellings()
    result.labels_from_roles()
    if language is not None:
        result.in_language(language)
    return result
