"""The case-by-code table: one row per interviewee, a column per code, beside their group and
variables, for R, SPSS or Excel (mixed methods: the interviews next to a survey)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import Code, Codebook
from ..project.participants import Participants
from ..store.store import CodingRow
from .people import natural_key, person, values_shown
from .tally import codebook_order

if TYPE_CHECKING:
    from .anonymize import Redactor

FIXED = ["participant", "group"]
"""The columns before the variables; then a column per variable, then one per code."""


@dataclass
class Case:
    participant: str
    """As outputs show it (anonymized: `Redactor.participant`)."""
    group: str
    values: list[str | None]
    """Per variable (`CaseTable.variables`), None: no value."""
    cells: list[int]
    """Per code (`CaseTable.codes`): 1/0 coded or not, or with segments the coded segments."""


@dataclass
class CaseTable:
    codes: list[Code]
    variables: list[str]
    cases: list[Case]
    segments: bool = False

    def columns(self) -> list[str]:
        """The column names: `participant`, `group`, each variable as the participants file names
        it (`participant_NAME` where that would repeat another column's name, in any case, as
        SPSS reads names), and each code's id."""
        taken = {c.casefold() for c in [*FIXED, *(code.id for code in self.codes)]}
        named = [f"participant_{v}" if v.casefold() in taken else v for v in self.variables]
        return [*FIXED, *named, *(code.id for code in self.codes)]

    def rows(self) -> list[list[Any]]:
        return [[c.participant, c.group, *c.values, *c.cells] for c in self.cases]

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "count": "segments" if self.segments else "coded",
            "codes": [
                {"id": c.id, "label": c.label(lang), "parent": c.parent, "depth": c.depth}
                for c in self.codes
            ],
            "variables": self.variables,
            "cases": [
                {
                    "participant": c.participant,
                    "group": c.group,
                    "variables": dict(zip(self.variables, c.values, strict=True)),
                    "codes": {code.id: n for code, n in zip(self.codes, c.cells, strict=True)},
                }
                for c in self.cases
            ],
        }


def case_table(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    people: Mapping[str, str | None],
    theme: Code | None = None,
    segments: bool = False,
    redactor: Redactor | None = None,
) -> CaseTable:
    """A row per participant in `people` (everyone who speaks in the transcripts counted ->
    the group stored with them), those without a coding too, in the participants file's order
    and then by id; a column per theme and code in codebook order (`theme`'s only), which counts
    its sub-codes' codings too, as `tally` does: 1 when the participant was coded with it, else 0,
    or with `segments` the number of their coded segments. `redactor`: participant ids and
    variables' values as anonymized outputs show them (names in them hidden)."""
    themes = [theme] if theme is not None else codebook.themes
    codes = [codebook.codes[c] for th in themes for c in codebook_order(codebook, th.id)]
    below = {code.id: set(codebook.descendants(code.id)) for code in codes}
    held: dict[str, dict[str, set[tuple[int, int]]]] = {}
    for r in rows:
        held.setdefault(r.participant, {}).setdefault(r.code, set()).add(
            (r.transcript_id, r.segment)
        )
    variables = list(participants.variable_names)
    shown = {v: values_shown(participants, v, redactor) for v in variables} if redactor else {}

    def value(pid: str, variable: str) -> str | None:
        found = participants.value_of(pid, variable)
        if found is None or redactor is None:
            return found
        return shown[variable].get(found) or redactor.redact(found, True)

    listed = list(participants.people)
    order = [p for p in listed if p in people]
    order += sorted((p for p in people if p not in participants.people), key=natural_key)
    cases = []
    for pid in order:
        mine = held.get(pid, {})
        cells = []
        for code in codes:
            found = set().union(*(mine.get(c, set()) for c in below[code.id]))
            cells.append(len(found) if segments else int(bool(found)))
        cases.append(
            Case(
                participant=redactor.participant(pid) if redactor else pid,
                group=person(pid, people[pid], None, participants).group,
                values=[value(pid, v) for v in variables],
                cells=cells,
            )
        )
    return CaseTable(codes, variables, cases, segments)
