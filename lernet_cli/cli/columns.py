"""What the analysis commands count by (`--by`: groups, a participant variable, folders) and how
they head its columns and show participant ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError


def did_you_mean(given: str, known: Any) -> str:
    """ " (did you mean 'charity'?)" for a mistyped group, value or variable: the known one
    closest in spelling (any case); "" when none is close."""
    import difflib

    by_fold = {str(k).casefold(): str(k) for k in known}
    close = difflib.get_close_matches(given.strip().casefold(), list(by_fold), n=1, cutoff=0.6)
    return f" (did you mean {by_fold[close[0]]!r}?)" if close else ""


def _group_columns(
    groups: list[str], lang: str, fmt: str, n: dict[str, int] | None = None
) -> list[str]:
    """Group columns' headers: in a table or Markdown as the report writes them (those without
    a group "zonder groep" in a Dutch project), so that `tally`, `matrix` and `phases` head a
    column as the report does, with `n` each column's interviewees ("docent (n=3)"); CSV and
    JSON keep the key ("ungrouped") for scripts (JSON gives n apart)."""
    if fmt in ("csv", "json"):
        return list(groups)
    from ..project.participants import group_name

    n = n or {}
    return [group_name(g, lang) + (f" (n={n[g]})" if g in n else "") for g in groups]


GROUP_WORDS = {"groep", "groepen", "groups"}
"""What a researcher types for `--by group`: the participants file's own header (`groep`, read
as the group column) or a plural; a variable of that name comes first."""


def _by_variable(by: str | None, participants: Any) -> str:
    """What `--by` counts by: "group" (also when not given), the participant variable it names
    (any case), or "folder" (the transcripts' folders, where the participants file has no
    variable of that name); an error listing the choices there are when it names none."""
    from ..analysis.people import FOLDER

    if by is None or by.strip().casefold() == "group":
        return "group"
    found = participants.variable(by)
    if found is not None:
        return str(found)
    if by.strip().casefold() in GROUP_WORDS:
        return "group"
    if by.strip().casefold() == FOLDER:
        return FOLDER
    where = Path(participants.path).name if participants.path else "no participants file"
    names = ", ".join(participants.variable_names)
    hint = did_you_mean(by, ["group", FOLDER, *participants.variable_names])
    there = (
        f"the variables in {where} are: {names}"
        if names
        else f"{where} has no variables (a column besides id, group, label, names, "
        "organisations and files, or variables: in participants.yaml)"
    )
    raise UsageError(
        f"--by takes 'group', 'folder' or a participant variable, not {by!r}{hint}: {there}"
    )


def _folders(store: Any, variable: str | None, lang: str, redactor: Any = None) -> Any:
    """With `--by folder`: every stored transcript's path -> its folder's column (the names do
    not change with what a command counts), as anonymized outputs show it with `redactor`
    (`folder_names`); None otherwise."""
    from ..analysis.people import FOLDER, folder_names

    if variable != FOLDER:
        return None
    return folder_names([t.path for t in store.transcripts()], lang, redactor)


def _column_redactor(variable: str, participants: Any, store: Any, project: Any) -> Any:
    """For a command without --no-anonymize: the redactor that names the columns of a
    participant variable or of the folders (their values may name a person, an organisation
    or a place: "teamleider bij Noorderkwartier"), as the exports show them; None by group."""
    if variable == "group":
        return None
    from ..analysis.people import make_redactor

    return make_redactor(participants, store, project)


def _shown_ids(fmt: str, participants: Any, store: Any, project: Any, redactor: Any = None) -> Any:
    """For JSON, which lists participant ids: an id as anonymized outputs show it (one taken
    from a file name that holds a name, "P18 Mohammed Ali", as "P18"); None for the other
    formats, which show none. `redactor`: the one the command made already."""
    if fmt != "json":
        return None
    from ..analysis.people import make_redactor

    return (redactor or make_redactor(participants, store, project)).participant
