"""Where a project's participants file is: its usual names, else a file whose name says it
lists the participants (deelnemers.csv), offered as the `participants:` line to write."""

from __future__ import annotations

from pathlib import Path

from .participants_table import is_participants_table
from .project import Project

CANDIDATE_NAMES = ("participants.yaml", "participants.yml", "participants.csv", "participants.xlsx")


def find_participants_file(folders: list[Path]) -> Path | None:
    for folder in folders:
        for name in CANDIDATE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


LIST_WORDS = (
    "participant",
    "deelnemer",
    "respondent",
    "interviewee",
    "geinterviewde",
    "informant",
)
"""Words in the name of a file that lists the people interviewed (deelnemers.csv, Respondenten
2024.xlsx saved as CSV), in Dutch and English."""


LIST_SUFFIXES = (".csv", ".yaml", ".yml", ".tsv", ".txt", ".xlsx", ".xlsm")
"""What a participants list is saved as: YAML, a CSV or text table, an Excel workbook."""


def likely_participants_files(folders: list[Path]) -> list[Path]:
    """CSV and YAML files (and tables saved as text, `deelnemers.txt`) in these folders whose
    name says they list the participants (`deelnemers.csv`, `respondenten.yaml`): what
    lernet.yaml's `participants:` should name when it names nothing and no participants.yaml
    is found."""
    import unicodedata

    found: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            suffix = path.suffix.lower()
            if suffix not in LIST_SUFFIXES or path.name.startswith((".", "~$")):  # Excel's lock
                continue
            stem = unicodedata.normalize("NFKD", path.stem.casefold())
            stem = "".join(c for c in stem if not unicodedata.combining(c))
            if not any(word in stem for word in LIST_WORDS) or not path.is_file():
                continue
            # a .txt is a transcript unless it is a table with an id column ("Unicode text")
            if suffix != ".txt" or is_participants_table(path):
                found.append(path)
    return found


def _folders_down_to(root: Path, files: list[str]) -> list[Path]:
    """The project's folder, then every folder between it and each file, nearest the top
    first: a list in Interviews/ is beside the transcripts in Interviews/Golf 1/ as well."""
    folders = {root}
    for f in files:
        parent = (root / f).parent
        while parent != root and root in parent.parents:
            folders.add(parent)
            parent = parent.parent
    return sorted(folders, key=lambda p: (len(p.parts), p))


def participants_hint(project: Project, files: list[str]) -> str:
    """Where the participants are when no participants file was found: a file in the project
    (or beside the transcripts) whose name says it lists them, else how to add one. Said as
    filling in lernet.yaml's `participants:` line when it has one (lernet init writes it
    empty): a second `participants:` line would be a duplicate key."""
    likely = likely_participants_files(_folders_down_to(project.root, files))
    name = project.relative(likely[0]) if likely else "FILE"
    line = project.participants_line
    setting = (
        f"fill in the `participants:` line of lernet.yaml (line {line}): `participants: {name}`"
        if line is not None
        else f"add `participants: {name}` to lernet.yaml"
    )
    if likely:
        return f"{Path(name).name} looks like a participants list: {setting}"
    return f"add a participants.yaml, .csv or .xlsx to the project, or name yours: {setting}"
