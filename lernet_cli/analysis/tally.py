"""How many interviewees (not mentions) stand behind each theme and code: the report's "(5x)"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from ..codebook.codebook import Code, Codebook
from ..project.participants import Participants
from ..store.store import CodingRow
from .counts import times
from .people import columns_for

if TYPE_CHECKING:
    from .anonymize import Redactor
    from .people import Interviewee, Placed

T = TypeVar("T")

HEADERS = {
    "nl": {
        "name": "thema / code",
        "id": "id",
        "label": "label",
        "participants": "deelnemers",
        "segments": "segmenten",
        "phase": "fase",
        "code": "code",
        "units": "eenheden",
        "agreement": "overeenstemming",
        "all agree": "allen eens",
        "alpha 95% CI": "alpha 95%-BI",
        "disagreements": "verschillen",
        "note": "opmerking",
        "participant": "deelnemer",
        "group": "groep",
    },
    "en": {
        "name": "theme / code",
        "id": "id",
        "label": "label",
        "participants": "participants",
        "segments": "segments",
        "phase": "phase",
    },
}
"""Column headers of the tables a person reads (table, md) in the project's language. CSV and
JSON keep the English keys (`HEADERS["en"]`, `name` aside), stable for scripts."""


def headers(keys: list[str], lang: str, fmt: str) -> list[str]:
    """The headers of these columns: in the project's language for a table or Markdown, the
    English keys for CSV (and JSON)."""
    if fmt in ("csv", "json"):
        return list(keys)
    words = HEADERS.get(lang, HEADERS["en"])
    return [words.get(k, k) for k in keys]


@dataclass
class TallyRow:
    id: str
    label: str
    depth: int
    is_theme: bool
    participants: int
    segments: int
    by_group: dict[str, int]
    participant_ids: list[str] = field(default_factory=list)
    phase: int | None = None
    """Its place among the codebook's phases (`phase: N`, in order), None: no phase."""
    parent: str | None = None
    """The code (or theme) it sits under; None for a theme."""
    own: int = 0
    """Participants coded with this very code, not through a code below it: a theme coded as a
    whole (one without codes, or a comment naming it) has findings of its own in the report."""
    own_by_group: dict[str, int] = field(default_factory=dict)


@dataclass
class Tally:
    groups: list[str]
    rows: list[TallyRow]

    by: str = "group"
    """What the columns are: "group", or a participant variable (sector, region...)."""
    n: dict[str, int] = field(default_factory=dict)
    """Each column -> its interviewees (n): everyone interviewed in that group, value or folder,
    whatever they said; without `interviewed` given to `tally`, those coded."""

    def to_json(self, shown: Callable[[str], str] | None = None) -> dict[str, Any]:
        """`shown`: a participant id as outputs show it (`Redactor.participant`)."""
        themes: list[dict[str, Any]] = []
        key = "by_group" if self.by == "group" else "by_value"
        for row in self.rows:
            entry = {
                "id": row.id,
                "label": row.label,
                "participants": row.participants,
                "segments": row.segments,
                key: row.by_group,
                "participant_ids": (
                    [shown(p) for p in row.participant_ids] if shown else row.participant_ids
                ),
            }
            if row.is_theme:
                themes.append({**entry, "codes": []})
            else:
                # a code counts its sub-codes' people too: `parent` and `depth` say which rows
                # to add up without counting anyone twice
                themes[-1]["codes"].append({**entry, "parent": row.parent, "depth": row.depth})
        if self.by == "group":
            return {"groups": self.groups, "n": self.n, "themes": themes}
        return {"by": self.by, "values": self.groups, "n": self.n, "themes": themes}


def tally(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    theme: Code | None = None,
    lang: str = "nl",
    by: str = "group",
    folders: dict[str, str] | None = None,
    redactor: Redactor | None = None,
    interviewed: Sequence[Interviewee] | None = None,
) -> Tally:
    """Count per theme and code, in codebook order. A code counts its sub-codes' codings too.
    `by`: the columns are the participants' groups, the values of this participant variable
    (its values in the order of the participants file, those without one last), or with
    `FOLDER` the folders the transcripts lie in (`folders`, see `columns_for`): a person
    interviewed in two of them counts once in each, and once in the total. `redactor`: the
    columns of a variable or folder as anonymized outputs show them (`columns_for`).
    `interviewed`: the interviewees of the selection (`people.interviewees`): every group they
    were interviewed in is a column, with their number as its n, whatever theme is counted and
    whether anything they said was coded or not; the same columns `matrix` and `phases` have."""
    per_code: dict[str, list[CodingRow]] = {}
    for r in rows:
        per_code.setdefault(r.code, []).append(r)
    base: list[Placed] = [*(interviewed or []), *rows]
    columns = columns_for(base, participants, by, lang, folders=folders, redactor=redactor)
    groups = columns.names
    themes = [theme] if theme is not None else codebook.themes
    phase_at = {code: i for i, code in enumerate(codebook.phases)}
    out = []
    for th in themes:
        for code_id in codebook_order(codebook, th.id):
            code = codebook.codes[code_id]
            hits = [r for cid in codebook.descendants(code_id) for r in per_code.get(cid, [])]
            pids = sorted({r.participant for r in hits})
            seen: dict[str, set[str]] = {g: set() for g in groups}
            for r in hits:
                seen[columns.of(r)].add(r.participant)
            by_group = {g: len(seen[g]) for g in groups}
            mine: dict[str, set[str]] = {g: set() for g in groups}
            for r in per_code.get(code_id, []):
                mine[columns.of(r)].add(r.participant)
            out.append(
                TallyRow(
                    id=code.id,
                    label=code.label(lang),
                    depth=code.depth,
                    is_theme=code.depth == 0,
                    participants=len(pids),
                    segments=len({(r.transcript_id, r.segment) for r in hits}),
                    by_group=by_group,
                    participant_ids=pids,
                    phase=phase_at.get(code_id),
                    parent=code.parent,
                    own=len({r.participant for r in per_code.get(code_id, [])}),
                    own_by_group={g: len(mine[g]) for g in groups},
                )
            )
    return Tally(groups, out, by, columns.counted(base))


def codebook_order(codebook: Codebook, code_id: str) -> list[str]:
    """The id and every id below it in codebook order, as `Codebook.descendants`, but with
    sibling phase codes in the order of their numbers (`phase: N`), the order `lernet phases`
    lists them in, where the codebook lists them otherwise."""
    phase_at = {code: i for i, code in enumerate(codebook.phases)}
    code = codebook.codes[code_id]
    children = [c.id for c in code.children]
    slots = [i for i, c in enumerate(children) if c in phase_at]
    for i, c in zip(
        slots, sorted((children[i] for i in slots), key=phase_at.__getitem__), strict=True
    ):
        children[i] = c
    out = [code_id]
    for child in children:
        out.extend(codebook_order(codebook, child))
    return out


def tree_sorted(items: list[T], depth: Callable[[T], int], key: Callable[[T], Any]) -> list[T]:
    """A theme's codes (given depth first, as the codebook lists them) with each level sorted by
    `key` and every sub-code right under its code: the order tally's Markdown and the report's
    findings share."""
    children: dict[int, list[int]] = {-1: []}
    stack: list[int] = []
    for i, item in enumerate(items):
        while stack and depth(items[stack[-1]]) >= depth(item):
            stack.pop()
        children.setdefault(stack[-1] if stack else -1, []).append(i)
        stack.append(i)
    out: list[T] = []

    def emit(parent: int) -> None:
        for i in sorted(children.get(parent, []), key=lambda i: key(items[i])):
            out.append(items[i])
            emit(i)

    emit(-1)
    return out


def finding_key(phase: int | None, participants: int) -> tuple[int, int, int]:
    """The codebook's phases in their order, then the other codes strongest first."""
    return (0, phase, 0) if phase is not None else (1, 0, -participants)


def tally_markdown(result: Tally, lang: str = "nl") -> str:
    """The report's style: a heading per theme and `- Label (5x)` per code, as the report
    orders a theme's findings: the codebook's phases in their order, then the other codes
    strongest first (codebook order on a tie); a sub-code stays under its code, ordered so among
    its siblings."""
    lines: list[str] = []
    none = "nog geen codes" if lang == "nl" else "no codes yet"
    current: list[TallyRow] = []

    def flush() -> None:
        for row in tree_sorted(
            current, lambda r: r.depth, lambda r: finding_key(r.phase, r.participants)
        ):
            indent = "  " * max(0, row.depth - 1)
            lines.append(f"{indent}- {row.label} ({times(row.participants, lang)})")
        current.clear()

    for row in result.rows:
        if row.is_theme:
            flush()
            if lines:
                lines.append("")
            lines.append(f"## {row.label} ({times(row.participants, lang)})")
            lines.append("")
            if row.own:  # coded as a whole: its own line, as the report's findings have it
                current.append(replace(row, depth=1, participants=row.own))
            continue
        if row.participants:
            current.append(row)
    flush()
    return "\n".join(lines).rstrip() + "\n" if lines else f"_{none}_\n"
