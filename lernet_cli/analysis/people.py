"""Shared by tally, quotes and reports: which codings count, and who is in which group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..project.participants import UNGROUPED, Participants
from ..store.store import CodingRow, Store

if TYPE_CHECKING:
    from .anonymize import Redactor


@dataclass
class Person:
    participant: str
    group: str
    label: str


def person_of(row: CodingRow, participants: Participants) -> Person:
    """Group and attribution label: explicit ones from coding time, else the participants file."""
    entry = participants.people.get(row.participant)
    group = row.group_name or (entry.group if entry else None) or UNGROUPED
    label = (
        row.label
        or (entry.label if entry else None)
        or (group if group != UNGROUPED else row.participant)
    )
    return Person(row.participant, group, label)


def make_redactor(participants: Participants, store: Store) -> Redactor:
    """Every name lernet knows: the participants file's and those used as speaker labels."""
    from .anonymize import Redactor

    spoken = store.spoken_names()
    return Redactor(
        participants.all_names() + [n for n in spoken if not n.startswith("=")],
        participants.all_organisations(),
        [n[1:] for n in spoken if n.startswith("=")],
    )
