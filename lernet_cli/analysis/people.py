"""Shared by tally, quotes and reports: which codings count, and who is in which group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..project.participants import UNGROUPED, Participants
from ..store.store import CodingRow, Store

if TYPE_CHECKING:
    from ..project.project import Project
    from .anonymize import Redactor


@dataclass
class Person:
    participant: str
    group: str
    label: str


def person_of(row: CodingRow, participants: Participants) -> Person:
    """Group and attribution label: explicit ones from coding time, else the participants file."""
    return person(row.participant, row.group_name, row.label, participants)


def person(
    participant: str, group_name: str | None, label: str | None, participants: Participants
) -> Person:
    """`person_of` for a participant with the group and label stored with their transcript."""
    entry = participants.people.get(participant)
    group = group_name or (entry.group if entry else None) or UNGROUPED
    group = participants.canonical_group(group)
    label = (
        label or (entry.label if entry else None) or (group if group != UNGROUPED else participant)
    )
    return Person(participant, group, label)


NO_VALUE = {"nl": "(geen)", "en": "(none)"}
"""The column of participants without a value of the variable `--by` counts by."""


def value_columns(
    pids: set[str], participants: Participants, variable: str, lang: str, listed_too: bool = False
) -> tuple[dict[str, str], list[str]]:
    """For `--by VARIABLE`: each participant's column (their value, or `(none)`), and the columns
    in the participants file's order of values, any others after, `(none)` last. `listed_too`:
    every value the file lists is a column, counted or not (as the matrix shows every group)."""
    none = NO_VALUE.get(lang, NO_VALUE["en"])
    column = {pid: participants.value_of(pid, variable) or none for pid in pids}
    listed = (participants.value_of(p, variable) for p in participants.people)
    order = list(dict.fromkeys(v for v in listed if v is not None))
    present = set(column.values()) | (set(order) if listed_too else set())
    columns = [v for v in order if v in present]
    columns += sorted(v for v in present if v not in columns and v != none)
    columns += [none] if none in present else []
    return column, columns


def make_redactor(
    participants: Participants, store: Store, project: Project | None = None
) -> Redactor:
    """Every name lernet knows: the participants file's, the people's names used as speaker
    labels or in page headers, the names a transcript gives outside its speech (front
    matter, a header table), and those of removed transcripts and their participants (kept by
    `lernet remove`), with the project's placeholders.

    A header's name is an organisation's where one of its words says so ("Bouwbedrijf
    Hoekstra"), else a person's; either is hidden by its parts like a listed name. Stored speaker
    names are checked again, so a role label ("Nurse") that an older lernet took for a name is
    not redacted either."""
    from ..coding.names import spoken_split
    from ..language.stopwords import BY_LANGUAGE
    from ..project.project import PLACEHOLDERS
    from ..store.withdrawn import withdrawn_names
    from .anonymize import Redactor

    language = project.language if project is not None else "nl"
    marks = {**PLACEHOLDERS[language], **(project.placeholders if project is not None else {})}
    withdrawn = withdrawn_names(store)
    spoken = sorted(set(store.spoken_names()) | set(withdrawn["spoken"]))
    people, organisations = spoken_split(spoken, language)
    redactor = Redactor(
        participants.all_names() + withdrawn["names"] + people,
        participants.all_organisations() + withdrawn["organisations"] + organisations,
        person=marks["name"],
        organisation=marks["organisation"],
        email=marks["email"],
        common_words=BY_LANGUAGE.get(language, frozenset()),
        language=language,
    )
    redactor.name_participants([*store.people(), *participants.people])
    return redactor


def shown_note(row: CodingRow, redactor: Redactor | None) -> str:
    """What a person wrote with a coding (`CodingRow.person_note`) as outputs show it:
    anonymized, on one line; "" for none."""
    note = row.person_note
    if not note:
        return ""
    return " ".join((redactor.redact(note) if redactor else note).split())
