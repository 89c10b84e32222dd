"""Agreement among three or more coders at once: Krippendorff's alpha (nominal) over all of
them, per code and overall, with the rows and the pooling of the two-coder comparison
(`agreement.py`), so that a team of three reports one figure for the team beside its pairs.

Decisions:

- Transcripts: those at least two of the coders coded (a person counts for a transcript when
  they coded something in it, as in `agreement.py`). A unit's values are those of the coders
  who coded its transcript: a coder who did not code a transcript is missing there, not a
  coder who found nothing (Krippendorff's alpha is defined for missing values). A unit with a
  single value cannot be paired and is not counted.
- Alpha: each unit with m values adds, for every ordered pair of two of its coders, 1/(m - 1)
  to the coincidence matrix; the overall pools the matrices of the pooled rows, each (unit,
  code) decision once, as the two-coder overall pools its tables. With two coders and no
  missing values this is the two-coder alpha.
- `all_agree`: the share of units on which every coder who coded it gave the same answer.
- A disagreement names who coded the code there and who of the unit's coders did not.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import Codebook
from ..errors import UsageError
from ..store.store import Store
from .agreement import UNITS, collect, rows_of, too_few
from .agreement_ci import RESAMPLES, method_json
from .coders import spelled, transcripts_of, unknown_coder

if TYPE_CHECKING:
    from .scope import FileScope


@dataclass
class Coincidences:
    """Pairable values of one row: present/absent coincidences (exact fractions) and units."""

    yes_yes: Fraction = Fraction(0)
    yes_no: Fraction = Fraction(0)
    no_no: Fraction = Fraction(0)
    units: int = 0
    unanimous: int = 0
    given: int = 0
    """Units on which a coder gave the code."""
    left_out: int = 0
    """Units on which a coder left it out."""

    def add(self, values: list[bool]) -> None:
        m = len(values)
        if m < 2:
            return
        yes = sum(values)
        no = m - yes
        self.yes_yes += Fraction(yes * (yes - 1), m - 1)
        self.no_no += Fraction(no * (no - 1), m - 1)
        self.yes_no += Fraction(yes * no, m - 1)
        self.units += 1
        self.unanimous += yes in (0, m)
        self.given += yes > 0
        self.left_out += no > 0

    def __iadd__(self, other: Coincidences) -> Coincidences:
        self.yes_yes += other.yes_yes
        self.yes_no += other.yes_no
        self.no_no += other.no_no
        self.units += other.units
        self.unanimous += other.unanimous
        self.given += other.given
        self.left_out += other.left_out
        return self

    @property
    def values(self) -> int:
        """Pairable values: the n of Krippendorff's formula."""
        return int(self.yes_yes + 2 * self.yes_no + self.no_no)

    def all_agree(self) -> float | None:
        return self.unanimous / self.units if self.units else None

    def too_few(self) -> bool:
        """Too few units to judge, by the rule of the two-coder table (`agreement.too_few`)."""
        return too_few(self.units, self.given, self.left_out)

    def alpha(self) -> float | None:
        """1 - (n - 1) * observed / expected disagreement; None when only one value occurs."""
        n_yes = self.yes_yes + self.yes_no
        n_no = self.no_no + self.yes_no
        n = n_yes + n_no
        expected = 2 * n_yes * n_no
        if n < 2 or expected == 0:
            return None
        return float(1 - (n - 1) * 2 * self.yes_no / expected)


@dataclass
class GroupRow:
    id: str
    table: Coincidences
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    depth: int = 1
    pooled: bool = True
    theme: str = ""
    above: list[str] = field(default_factory=list)
    own: GroupRow | None = None
    yes: dict[int, int] = field(default_factory=dict, repr=False)
    """Unit (its place among the units) -> how many of its coders gave the code there."""
    ci: tuple[float, float] | None = None
    """Alpha's 95% confidence interval (`agreement_ci.add_intervals`)."""

    def point(self) -> float | None:
        return self.table.alpha()

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "theme": self.theme,
            "units": self.table.units,
            "values": self.table.values,
            "all_agree": self.table.all_agree(),
            "alpha": self.table.alpha(),
            "alpha_ci": None if self.ci is None else list(self.ci),
            "too_few_units": self.table.too_few(),
            "disagreements": self.disagreements,
            "pooled": self.pooled,
        }
        if self.own is not None:
            out["own"] = {k: v for k, v in self.own.to_json().items() if k not in ("id", "theme")}
        return out


@dataclass
class GroupResult:
    coders: list[str]
    unit: str
    overall: Coincidences
    codes: list[GroupRow]
    transcripts: list[str] = field(default_factory=list)
    """Paths of the transcripts at least two of the coders coded."""
    coded_by: dict[str, int] = field(default_factory=dict)
    """Coder -> how many of those transcripts they coded."""
    files: list[str] = field(default_factory=list)
    units: int = 0
    """Units compared per code: those at least two of the coders coded."""
    unit_values: list[int] = field(default_factory=list, repr=False)
    """How many of the coders coded each unit's transcript, for `agreement_ci`."""
    overall_ci: tuple[float, float] | None = None
    """The overall alpha's 95% confidence interval (`agreement_ci.add_intervals`)."""
    ci_resamples: int = RESAMPLES
    """The bootstrap's resamples behind the intervals (0: none made)."""

    def overall_point(self) -> float | None:
        return self.overall.alpha()

    def to_json(self) -> dict[str, Any]:
        return {
            "coders": self.coders,
            "unit": self.unit,
            **({"files": self.files} if self.files else {}),
            "transcripts": {c: self.coded_by[c] for c in self.coders},
            "overall": {
                "units": self.overall.units,
                "values": self.overall.values,
                "all_agree": self.overall.all_agree(),
                "alpha": self.overall.alpha(),
                "alpha_ci": None if self.overall_ci is None else list(self.overall_ci),
                "too_few_units": self.overall.too_few(),
            },
            "alpha_ci_method": method_json(self.ci_resamples),
            "codes": [c.to_json() for c in self.codes],
        }

    def any_undefined(self) -> bool:
        """Whether an alpha shown is undefined, so that the table says why."""
        tables = [c.table for c in self.codes] + [c.own.table for c in self.codes if c.own]
        return any(t.units and t.alpha() is None for t in [*tables, self.overall])

    def any_too_few(self) -> bool:
        """Whether a row shown has too few units to judge."""
        tables = [c.table for c in self.codes] + [c.own.table for c in self.codes if c.own]
        return any(t.units and t.too_few() for t in [*tables, self.overall])

    def pooled_disagreements(self) -> int:
        return sum(
            len(c.disagreements) if c.pooled else len(c.own.disagreements) if c.own else 0
            for c in self.codes
        )

    def lines(self, itself: str = "itself") -> list[tuple[GroupRow | None, str, int]]:
        """As `AgreementResult.lines`: rows in order, own parts after them, theme headings."""
        ids = {c.id for c in self.codes}
        out: list[tuple[GroupRow | None, str, int]] = []
        headed: set[str] = set()
        for c in self.codes:
            for depth, above in enumerate(c.above):
                if above not in ids and above not in headed:
                    headed.add(above)
                    out.append((None, above, depth))
            out.append((c, c.id, c.depth))
            if c.own is not None:
                out.append((c.own, f"{c.id} ({itself})", c.depth + 1))
        return out


def people(store: Store, names: list[str]) -> list[str]:
    """The coders `names` stand for, each once; an unknown name or one person named twice is
    refused, naming it."""
    found: list[str] = []
    for name in names:
        person = spelled(store, name)
        if person is None:
            raise UsageError(unknown_coder(store, name))
        if person in found:
            raise UsageError(f"{name!r} is {person}, named already: give each coder once")
        found.append(person)
    return found


def agreement_all(
    store: Store,
    codebook: Codebook,
    names: list[str],
    code_ids: list[str] | None = None,
    unit: str = "segment",
    segment_text: bool = False,
    scope: FileScope | None = None,
) -> GroupResult:
    """Krippendorff's alpha over all `names` (see the module's docstring)."""
    if unit not in UNITS:
        raise UsageError(f"--unit must be segment or participant, not {unit!r}")
    coders = people(store, names)
    seen = {c: transcripts_of(store, c) for c in coders}
    if scope is not None:
        seen = {c: ids & scope.ids for c, ids in seen.items()}
    counts: dict[int, int] = {}
    for ids in seen.values():
        for tid in ids:
            counts[tid] = counts.get(tid, 0) + 1
    common = {tid for tid, k in counts.items() if k >= 2}
    if not common:
        where = " among the transcripts --file keeps" if scope is not None else ""
        raise UsageError(f"no two of {', '.join(coders)} coded a transcript in common{where}")
    meta, texts, units, coded = collect(store, coders, common, unit)
    wanted = rows_of(codebook, coded, code_ids)
    by_participant: dict[str, set[int]] = {}
    for tid, (_, pid, _) in meta.items():
        by_participant.setdefault(pid, set()).add(tid)

    def coders_of(key: Hashable) -> list[str]:
        tids = by_participant[str(key)] if unit == "participant" else {key[0]}  # type: ignore[index]
        return [c for c in coders if seen[c] & tids]

    unit_coders = {key: coders_of(key) for key in units}

    def family(code_id: str) -> list[str]:
        return codebook.descendants(code_id) if code_id in codebook.codes else [code_id]

    def compare(members: list[str]) -> tuple[Coincidences, list[dict[str, Any]], dict[int, int]]:
        present: dict[str, dict[Hashable, tuple[int, int]]] = {}
        for coder in coders:
            merged: dict[Hashable, tuple[int, int]] = {}
            for member in members:
                for key, where in coded[coder].get(member, {}).items():
                    old = merged.get(key)
                    if old is None or (meta[where[0]][0], where[1]) < (meta[old[0]][0], old[1]):
                        merged[key] = where
            present[coder] = merged
        table = Coincidences()
        disagreements: list[dict[str, Any]] = []
        yes_at: dict[int, int] = {}
        for i, key in enumerate(units):
            who = unit_coders[key]
            values = [key in present[c] for c in who]
            table.add(values)
            if any(values):
                yes_at[i] = sum(values)
            if len(who) >= 2 and 0 < sum(values) < len(who):
                yes = [c for c, v in zip(who, values, strict=True) if v]
                tid, seg = min(present[c][key] for c in yes)
                entry: dict[str, Any] = {
                    "file": meta[tid][0],
                    "participant": meta[tid][1],
                    "segment": seg,
                    "coded_by": yes,
                    "not_coded_by": [c for c in who if c not in yes],
                }
                if segment_text:
                    entry["text"] = texts.get((tid, seg), "")
                disagreements.append(entry)
        return table, disagreements, yes_at

    overall = Coincidences()
    rows: list[GroupRow] = []
    for code_id in wanted:
        members = family(code_id)
        table, disagreements, yes_at = compare(members)
        below = {d for m in members[1:] if m in wanted for d in family(m)}
        depth = codebook.codes[code_id].depth if code_id in codebook.codes else 1
        above: list[str] = []
        parent = codebook.codes[code_id].parent if code_id in codebook.codes else None
        while parent is not None:
            above.insert(0, parent)
            parent = codebook.codes[parent].parent if parent in codebook.codes else None
        theme = above[0] if above else code_id
        row = GroupRow(code_id, table, disagreements, depth, not below, theme, above, yes=yes_at)
        if not below:
            overall += table
        else:
            own = [m for m in members if m not in below]
            if any(m in coded[c] for m in own for c in coders):
                own_table, own_disagreements, own_yes = compare(own)
                row.own = GroupRow(
                    code_id,
                    own_table,
                    own_disagreements,
                    depth + 1,
                    True,
                    theme,
                    above,
                    yes=own_yes,
                )
                overall += own_table
        rows.append(row)
    return GroupResult(
        coders,
        unit,
        overall,
        rows,
        transcripts=sorted(path for path, _, _ in meta.values()),
        coded_by={c: len(seen[c] & common) for c in coders},
        files=list(scope.patterns) if scope is not None else [],
        units=sum(len(unit_coders[key]) >= 2 for key in units),
        unit_values=[len(unit_coders[key]) for key in units],
    )
