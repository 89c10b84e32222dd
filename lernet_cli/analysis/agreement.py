"""Agreement between two coders (people or `auto`): percent agreement, Cohen's kappa and
Krippendorff's alpha (nominal), per code and overall, as reviewers and journals ask for.

Decisions, so that the figures can be reported and reproduced:

- Transcripts: one counts for a person when that person has at least one coding in it (whatever
  its status) that they made themselves: codings made in review (a code changed, a candidate
  accepted) are decisions about the rules' work, not a coding of the interview, and do not count
  anywhere here; for `auto` when `lernet code` coded it (or it holds auto codings, e.g. imported
  from a lernet export). A transcript imported from another tool was never seen by the rules, so
  it is not held against them. Only transcripts both coders count are compared; a person who
  coded nothing at all in a transcript cannot be told from one who never read it.
- Units: `segment` = the participant turns of those transcripts, each coded present/absent per
  code (codings on interviewer turns have no unit). `participant` = the interviewees of those
  transcripts: does this person mention the code anywhere in them? That is what the report's
  "(Nx)" counts rest on, so there any coding counts, as in `lernet tally`.
- Which codings count: a person's codings withdrawn where they were made (rejected, with no
  reviewer) do not count; those rejected in review (a disagreement settled afterwards:
  `lernet review --coder PERSON`) do, since agreement measures what each coded independently,
  not the settled result; `auto`'s count whatever their review status, since person vs `auto`
  measures the RULES, not the review.
- Codes: each row is one code; a row counts codings of its sub-codes too (as `lernet tally` does),
  so a theme row answers "do they agree this is about the theme at all?". Without a selection the
  rows are the codes either coder used in the compared transcripts, and the themes and codes above
  them: codes nobody used would only add agreement on absence.
- Overall: one pooled 2x2 table (as NVivo-style overall figures do) in which each coding counts
  once, under the nearest row it belongs to: a row with no sub-code among the rows is pooled
  whole; a row with sub-codes among the rows (a theme whose codes are rows) summarises them and
  is not pooled again, but the codings given at that code itself (a Word comment naming the
  theme, "Vertrouwen") and at sub-codes that are no row are: its `own` part, shown as a row of
  its own under it ("trust (itself)") when either coder gave such a coding, so that a
  disagreement at theme level is in the overall figure too. `units` of the overall is that
  table's size. Rows asked for but never used count there as agreement on absence.
- Undefined is None, never 0 or 1 by accident: agreement with no units, kappa when either
  coder gave the same answer on every unit (a code one coder never used: kappa would be 0
  whatever the agreement), alpha when only one value occurs at all (alpha pools both coders'
  answers, so it is defined where only one coder varies).
- Too few units to judge (`too_few`, `too_few_units` in JSON, CSV and the table's note
  column): fewer than MIN_UNITS (10) units, or fewer than MIN_EACH (5) units on which a coder
  gave the code, or on which a coder left it out. A kappa or alpha there rests on a handful of
  decisions (a code given once: 1 or 0 by that one segment) and is shown, but marked.
- Alpha is computed from the coincidence matrix here (nominal, two coders, no missing values),
  so lernet needs no statistics package at run time; the tests check it against `krippendorff`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import Codebook
from ..errors import UsageError
from ..store.store import Store
from .agreement_ci import RESAMPLES, method_json
from .coders import AUTO, OWN, coder_sql, known_coders, spelled, transcripts_of, unknown_coder

if TYPE_CHECKING:
    from .scope import FileScope

UNITS = ("segment", "participant")
MIN_UNITS = 10
"""Fewer units than this and a kappa or alpha is "too few units to judge" (`too_few`)."""
MIN_EACH = 5
"""Fewer units than this on which a coder gave the code (or on which a coder left it out) and a
kappa or alpha is "too few units to judge" too: it rests on that handful of decisions."""
COLUMNS = ["code", "units", "agreement", "kappa", "alpha", "disagreements"]


def nominal_alpha(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Krippendorff's alpha (nominal) for two coders without missing values.

    Each unit adds its pair of values in both orders to the coincidence matrix (weight 1/(m-1) = 1
    for m = 2 coders); alpha = 1 - (n - 1) * observed / expected disagreement, in integers so
    that "undefined" is an exact test.
    """
    coincidences: dict[tuple[Hashable, Hashable], int] = {}
    for a, b in pairs:
        coincidences[(a, b)] = coincidences.get((a, b), 0) + 1
        coincidences[(b, a)] = coincidences.get((b, a), 0) + 1
    return _alpha(coincidences)


def too_few(units: int, given: int, left_out: int) -> bool:
    """Whether a kappa or alpha over `units` units says nothing a reader can use: fewer than
    MIN_UNITS units, or fewer than MIN_EACH on which a coder gave the code (`given`) or left it
    out (`left_out`). A code given once in 300 segments has a figure of 1 or of 0 by that one
    segment, and one used in two segments in all a figure of two decisions: reviewers reject
    both, and percent agreement beside them says the same little (no variation at all is this
    too: then the figures are undefined besides)."""
    return units < MIN_UNITS or min(given, left_out) < MIN_EACH


def _alpha(coincidences: dict[tuple[Hashable, Hashable], int]) -> float | None:
    totals: dict[Hashable, int] = {}
    for (c, _), count in coincidences.items():
        totals[c] = totals.get(c, 0) + count
    n = sum(totals.values())
    observed = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = n * n - sum(t * t for t in totals.values())  # sum over c != k of n_c * n_k
    if n < 2 or expected == 0:
        return None
    return (expected - (n - 1) * observed) / expected


@dataclass
class Table2x2:
    """Presence/absence decisions of coder A (rows) against coder B (columns)."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    @property
    def n(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    def add(self, a: bool, b: bool) -> None:
        if a and b:
            self.both += 1
        elif a:
            self.only_a += 1
        elif b:
            self.only_b += 1
        else:
            self.neither += 1

    def __iadd__(self, other: Table2x2) -> Table2x2:
        self.both += other.both
        self.only_a += other.only_a
        self.only_b += other.only_b
        self.neither += other.neither
        return self

    def agreement(self) -> float | None:
        return (self.both + self.neither) / self.n if self.n else None

    def kappa(self) -> float | None:
        """Cohen's kappa; None when either coder gave one answer on every unit (the code on all
        or on none): kappa's chance agreement then comes from a coder who did not vary, and the
        formula gives 0 (or 0/0) whatever the agreement, as SPSS refuses to compute it."""
        n = self.n
        a_yes, b_yes = self.both + self.only_a, self.both + self.only_b
        if n == 0 or a_yes in (0, n) or b_yes in (0, n):
            return None
        chance = a_yes * b_yes + (n - a_yes) * (n - b_yes)  # pe * n^2
        return (n * (self.both + self.neither) - chance) / (n * n - chance)

    def alpha(self) -> float | None:
        """Krippendorff's alpha (nominal) from this table's coincidence matrix."""
        mixed = self.only_a + self.only_b
        coincidences: dict[tuple[Hashable, Hashable], int] = {
            (True, True): 2 * self.both,
            (False, False): 2 * self.neither,
            (True, False): mixed,
            (False, True): mixed,
        }
        return _alpha(coincidences)

    def too_few(self) -> bool:
        """Too few units to judge (`too_few`): a given is a unit either coder gave the code."""
        mixed = self.only_a + self.only_b
        return too_few(self.n, self.both + mixed, self.neither + mixed)


@dataclass
class CodeAgreement:
    """One code's row. `pooled`: its decisions go into the overall table (no sub-code is a row)."""

    id: str
    table: Table2x2
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    depth: int = 1
    pooled: bool = True
    theme: str = ""
    """The theme (top-level code) the code belongs to."""
    above: list[str] = field(default_factory=list)
    """The codes it stands under in the codebook, its theme first."""
    own: CodeAgreement | None = None
    """A row not pooled whole (its sub-codes are rows): the codings given at the code itself
    (and at sub-codes that are no row), pooled in the overall; None when nobody gave one."""
    yes: dict[int, int] = field(default_factory=dict, repr=False)
    """Unit (its place in the units compared) -> how many coders gave the code there; units
    where nobody did are left out. What `agreement_ci` resamples."""
    ci: tuple[float, float] | None = None
    """Alpha's 95% confidence interval (`agreement_ci.add_intervals`); None: not made, or
    alpha undefined."""

    def point(self) -> float | None:
        return self.table.alpha()

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "theme": self.theme,
            "units": self.table.n,
            "agreement": self.table.agreement(),
            "kappa": self.table.kappa(),
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
class AgreementResult:
    coder_a: str
    coder_b: str
    unit: str
    overall: Table2x2
    codes: list[CodeAgreement]
    units: int = 0
    """Units compared per code (segments or participants)."""
    transcripts: list[str] = field(default_factory=list)
    """Paths of the transcripts both coders coded."""
    stale: list[str] = field(default_factory=list)
    """Compared transcripts auto-coded with another version of the codebook: worth recoding."""
    files: list[str] = field(default_factory=list)
    """The `--file` patterns that chose the transcripts, as written ([]: every transcript)."""
    unit_values: list[int] = field(default_factory=list, repr=False)
    """How many coders gave each unit a value (two here, every unit), for `agreement_ci`."""
    overall_ci: tuple[float, float] | None = None
    """The overall alpha's 95% confidence interval (`agreement_ci.add_intervals`)."""
    ci_resamples: int = RESAMPLES
    """The bootstrap's resamples behind the intervals (0: none made)."""

    def overall_point(self) -> float | None:
        return self.overall.alpha()

    def to_json(self) -> dict[str, Any]:
        """The stable `--format json` shape; null where a figure is undefined. With `--file`,
        `files` names its patterns."""
        return {
            "coder_a": self.coder_a,
            "coder_b": self.coder_b,
            "unit": self.unit,
            **({"files": self.files} if self.files else {}),
            "overall": {
                "units": self.overall.n,
                "agreement": self.overall.agreement(),
                "kappa": self.overall.kappa(),
                "alpha": self.overall.alpha(),
                "alpha_ci": None if self.overall_ci is None else list(self.overall_ci),
                "too_few_units": self.overall.too_few(),
            },
            "alpha_ci_method": method_json(self.ci_resamples),
            "codes": [c.to_json() for c in self.codes],
        }

    def rows(self) -> list[list[Any]]:
        """Rows under COLUMNS, one per code then `overall`; None where undefined."""

        def row(name: str, t: Table2x2, disagreements: int) -> list[Any]:
            return [name, t.n, t.agreement(), t.kappa(), t.alpha(), disagreements]

        out = [row(c.id, c.table, len(c.disagreements)) for c in self.codes]
        out.append(row("overall", self.overall, self.pooled_disagreements()))
        return out

    def any_undefined(self) -> bool:
        """Whether a kappa or alpha shown is undefined, so that the table says why."""
        tables = [c.table for c in self.codes] + [c.own.table for c in self.codes if c.own]
        return any(
            t.n and (t.kappa() is None or t.alpha() is None) for t in [*tables, self.overall]
        )

    def any_too_few(self) -> bool:
        """Whether a row shown has too few units to judge (`too_few`), so that the table says
        what that means."""
        tables = [c.table for c in self.codes] + [c.own.table for c in self.codes if c.own]
        return any(t.n and t.too_few() for t in [*tables, self.overall])

    def pooled_disagreements(self) -> int:
        return sum(
            len(c.disagreements) if c.pooled else len(c.own.disagreements) if c.own else 0
            for c in self.codes
        )

    def lines(self, itself: str = "itself") -> list[tuple[CodeAgreement | None, str, int]]:
        """The rows in the order shown: (row, what it is, depth), each code's `own` part right
        after it as "ID (itself)" (`itself`: the word in the output's language), and a heading
        (row None) for each theme or parent code that has no row of its own where its sub-codes'
        rows begin, so that a sub-code stands under its own theme."""
        ids = {c.id for c in self.codes}
        out: list[tuple[CodeAgreement | None, str, int]] = []
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


AGREE_WORDS = {
    "nl": {
        "overall": "totaal",
        "itself": "zelf",
        "only": "alleen {who}",
        "coded by": "gecodeerd door {who}, niet door {others}",
        "undefined": "niet te bepalen: kappa waar een codeur op elke eenheid hetzelfde "
        "antwoordde (de code nergens of overal gaf), alpha waar ze dat allebei deden, met "
        "hetzelfde antwoord; de overeenstemming alleen zegt daar weinig",
        "undefined alpha": "niet te bepalen: alpha waar alle codeurs op elke eenheid hetzelfde "
        "antwoordden (de code nergens of overal gaven); de overeenstemming alleen zegt daar weinig",
        "too few": "te weinig eenheden",
        "too few note": "te weinig eenheden om te beoordelen: minder dan {units} eenheden, of "
        "minder dan {each} waarop een codeur de code gaf (of wegliet); kappa en alpha zeggen "
        "daar niets, ook niet als ze hoog zijn: noem ze niet als betrouwbaarheid",
        "ci note": "alpha 95%-BI: percentiel-bootstrap over de eenheden ({resamples} "
        "steekproeven, elke eenheid met al haar codes; een vaste seed, dus dezelfde coderingen "
        "geven hetzelfde interval)",
    },
    "en": {
        "overall": "overall",
        "itself": "itself",
        "only": "only {who}",
        "coded by": "coded by {who}, not by {others}",
        "undefined": "undefined: kappa where a coder gave the same answer on every unit (the "
        "code on none or on all of them), alpha where both did, with the same answer; percent "
        "agreement alone says little there",
        "undefined alpha": "undefined: alpha where every coder gave the same answer on every "
        "unit (the code on none or on all of them); agreement alone says little there",
        "too few": "too few units",
        "too few note": "too few units to judge: fewer than {units} units, or fewer than {each} "
        "on which a coder gave the code (or left it out); kappa and alpha mean nothing there, "
        "however high: do not report them as reliability",
        "ci note": "alpha 95% CI: percentile bootstrap over the units ({resamples} resamples, "
        "each unit with all its codes; a fixed seed, so the same codings give the same interval)",
    },
}
"""The words of an agreement table a person reads (its rows "overall" and "ID (itself)", the
lines of `--show-disagreements`) in the project's language, beside the column headers
(`tally.HEADERS`); CSV and JSON keep the English ones."""


CAPTIONS: dict[str, dict[str, Any]] = {
    "nl": {
        "and": "en",
        "segment": ("fragment (beurt van een deelnemer)", "fragmenten (beurten van deelnemers)"),
        "participant": (
            "deelnemer (noemt die de code ergens?)",
            "deelnemers (noemen zij de code ergens?)",
        ),
        "transcript": ("transcript", "transcripten"),
        "pair": "{who}: {units} in {k} die beiden codeerden; per code en in totaal: "
        "percentage overeenstemming, Cohen’s kappa en Krippendorff’s alpha (nominaal); het "
        "totaal telt elke beslissing (eenheid × code) één keer.",
        "group": "{who}: {units} in {k} die minstens twee van hen codeerden; per code en in "
        "totaal: het deel waarop allen het eens zijn en Krippendorff’s alpha (nominaal; een "
        "codeur telt alleen waar die codeerde); het totaal telt elke beslissing één keer.",
    },
    "en": {
        "and": "and",
        "segment": ("segment (a participant's turn)", "segments (participants' turns)"),
        "participant": (
            "participant (do they mention the code anywhere?)",
            "participants (do they mention the code anywhere?)",
        ),
        "transcript": ("transcript", "transcripts"),
        "pair": "{who}: {units} in {k} both coded; per code and overall: percent agreement, "
        "Cohen’s kappa and Krippendorff’s alpha (nominal); the overall counts each decision "
        "(unit × code) once.",
        "group": "{who}: {units} in {k} at least two of them coded; per code and overall: the "
        "share on which all agree and Krippendorff’s alpha (nominal; a coder counts only where "
        "they coded); the overall counts each decision once.",
    },
}
"""The line above an agreement table (screen and Markdown) that a methods section needs: who,
which units and how many, in which transcripts, which figures."""


def caption(coders: list[str], unit: str, units: int, transcripts: int, lang: str) -> str:
    """The line above an agreement table in `lang` (`CAPTIONS`): two coders, or a group."""
    from ..language.plural import counted

    words = CAPTIONS.get(lang, CAPTIONS["en"])
    who = ", ".join(coders[:-1]) + f" {words['and']} " + coders[-1]
    return words["pair" if len(coders) == 2 else "group"].format(
        who=who,
        units=counted(units, *words[unit]),
        k=counted(transcripts, *words["transcript"]),
    )


def agree_words(lang: str, fmt: str = "table") -> dict[str, str]:
    """`AGREE_WORDS` in `lang` for a table, in English for CSV and JSON."""
    if fmt in ("csv", "json"):
        return AGREE_WORDS["en"]
    return AGREE_WORDS.get(lang, AGREE_WORDS["en"])


def too_few_note(words: dict[str, str]) -> str:
    """The line under a table with a row of too few units: the rule (`too_few`) in its words."""
    return words["too few note"].format(units=MIN_UNITS, each=MIN_EACH)


def ci_note(words: dict[str, str], resamples: int = RESAMPLES) -> list[str]:
    """The line under a table that says how alpha's confidence intervals were made; none
    where none were (`--resamples 0`)."""
    return [words["ci note"].format(resamples=resamples)] if resamples else []


def agreement(
    store: Store,
    codebook: Codebook,
    coder_a: str,
    coder_b: str,
    code_ids: list[str] | None = None,
    unit: str = "segment",
    segment_text: bool = False,
    scope: FileScope | None = None,
) -> AgreementResult:
    """Compare two coders per code and overall (see the module's docstring for the rules).

    Each disagreement is {file, participant, segment, coded_by} (+ text with `segment_text`,
    not redacted: the caller does that). For participant units it points at the first segment
    where `coded_by` coded the code, as the evidence to discuss. `scope`: only the transcripts
    `--file` keeps (one wave); none of them coded by both is refused, naming the patterns.
    """
    if unit not in UNITS:
        raise UsageError(f"--unit must be segment or participant, not {unit!r}")
    coders = known_coders(store)
    found = {coder: spelled(store, coder) for coder in (coder_a, coder_b)}
    for coder, known in found.items():
        if known is None:
            raise UsageError(unknown_coder(store, coder))
    given = (coder_a, coder_b)
    coder_a, coder_b = str(found[coder_a]), str(found[coder_b])
    if coder_a == coder_b:
        if given[0].casefold() != given[1].casefold():
            raise UsageError(
                f"{given[0]!r} and {given[1]!r} are one person, {coder_a} (lernet coders)"
            )
        raise UsageError(f"give two different coders, not {coder_a!r} twice")
    common = transcripts_of(store, coder_a) & transcripts_of(store, coder_b)
    if scope is not None:
        if not common & scope.ids:
            patterns = " ".join(f"--file {p!r}" for p in scope.patterns)
            n = len(scope.ids)
            raise UsageError(
                f"{coder_a} and {coder_b} have no transcript in common among the {n} "
                f"transcript{'' if n == 1 else 's'} {patterns} keeps (they have "
                f"{len(common)} in common in the whole project)"
            )
        common &= scope.ids
    if not common:
        raise UsageError(
            f"{coder_a} and {coder_b} have no transcript in common (a person counts for a "
            "transcript when they coded something in it; a second coder's copy of the project "
            "comes in with `lernet merge FOLDER`); coders in this project: " + ", ".join(coders)
        )
    meta, texts, units, coded = collect(store, (coder_a, coder_b), common, unit)
    wanted = rows_of(codebook, coded, code_ids)

    def family(code_id: str) -> list[str]:
        return codebook.descendants(code_id) if code_id in codebook.codes else [code_id]

    def compare(members: list[str]) -> tuple[Table2x2, list[dict[str, Any]], dict[int, int]]:
        present: dict[str, dict[Hashable, tuple[int, int]]] = {}
        for coder in (coder_a, coder_b):
            merged: dict[Hashable, tuple[int, int]] = {}
            for member in members:
                for key, where in coded[coder].get(member, {}).items():
                    old = merged.get(key)
                    if old is None or (meta[where[0]][0], where[1]) < (meta[old[0]][0], old[1]):
                        merged[key] = where
            present[coder] = merged
        table = Table2x2()
        disagreements: list[dict[str, Any]] = []
        yes: dict[int, int] = {}
        for i, key in enumerate(units):
            a, b = key in present[coder_a], key in present[coder_b]
            table.add(a, b)
            if a or b:
                yes[i] = a + b
            if a != b:
                who = coder_a if a else coder_b
                tid, seg = present[who][key]
                entry: dict[str, Any] = {
                    "file": meta[tid][0],
                    "participant": meta[tid][1],
                    "segment": seg,
                    "coded_by": who,
                }
                if segment_text:
                    entry["text"] = texts.get((tid, seg), "")
                disagreements.append(entry)
        return table, disagreements, yes

    overall = Table2x2()
    rows: list[CodeAgreement] = []
    for code_id in wanted:
        members = family(code_id)
        table, disagreements, yes = compare(members)
        below = {d for m in members[1:] if m in wanted for d in family(m)}
        pooled = not below
        depth = codebook.codes[code_id].depth if code_id in codebook.codes else 1
        above: list[str] = []
        parent = codebook.codes[code_id].parent if code_id in codebook.codes else None
        while parent is not None:
            above.insert(0, parent)
            parent = codebook.codes[parent].parent if parent in codebook.codes else None
        theme = above[0] if above else code_id
        row = CodeAgreement(code_id, table, disagreements, depth, pooled, theme, above, yes=yes)
        if pooled:
            overall += table
        else:
            own = [m for m in members if m not in below]
            if any(m in coded[c] for m in own for c in (coder_a, coder_b)):
                own_table, own_disagreements, own_yes = compare(own)
                row.own = CodeAgreement(
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
    stale = []
    if AUTO in (coder_a, coder_b):
        from ..coding.digests import rules_digest

        paths = {path for path, _, _ in meta.values()}
        stale = [p for p in store.stale_transcripts(rules_digest(codebook)) if p in paths]
    return AgreementResult(
        coder_a,
        coder_b,
        unit,
        overall,
        rows,
        units=len(units),
        transcripts=sorted(path for path, _, _ in meta.values()),
        stale=stale,
        files=list(scope.patterns) if scope is not None else [],
        unit_values=[2] * len(units),
    )


def collect(
    store: Store, coders: Iterable[str], common: set[int], unit: str
) -> tuple[
    dict[int, tuple[str, str, Any]],
    dict[tuple[int, int], str],
    list[Hashable],
    dict[str, dict[str, dict[Hashable, tuple[int, int]]]],
]:
    """What the coders coded in the transcripts `common`: each transcript's (path, participant,
    codebook digest), the segments' texts, the units in file order, and per coder: code -> unit ->
    its first evidence (transcript, segment) in file order."""
    meta = {
        int(tid): (str(path), str(pid), digest)
        for tid, path, pid, digest in store.conn.execute(
            "SELECT id, path, participant, codebook_digest FROM transcripts"
        )
        if int(tid) in common
    }
    texts: dict[tuple[int, int], str] = {}
    turns: list[tuple[int, int]] = []
    for tid, idx, role, text in store.conn.execute(
        "SELECT transcript_id, idx, role, text FROM segments"
    ):
        if int(tid) in common:
            texts[(int(tid), int(idx))] = str(text)
            if role == "participant":
                turns.append((int(tid), int(idx)))
    turns.sort(key=lambda k: (meta[k[0]][0], k[1]))
    turn_set = set(turns)

    def key_of(tid: int, seg: int) -> Hashable | None:
        if unit == "participant":
            return meta[tid][1]
        return (tid, seg) if (tid, seg) in turn_set else None

    units: list[Hashable] = []
    units.extend(sorted({pid for _, pid, _ in meta.values()}) if unit == "participant" else turns)

    # per coder: code -> unit -> first evidence (transcript, segment) in file order
    coded: dict[str, dict[str, dict[Hashable, tuple[int, int]]]] = {}
    for coder in coders:
        which, names = coder_sql(store, coder)
        sql = f"SELECT transcript_id, segment, code FROM codings WHERE {which} AND {OWN}"
        if coder != AUTO:
            # Withdrawn where it was made, it is no coding; rejected in review (a disagreement
            # settled: lernet review --coder PERSON), it is what the person coded.
            sql += " AND (status != 'rejected' OR reviewer IS NOT NULL)"
        made = sorted(
            (meta[int(tid)][0], int(seg), int(tid), str(code))
            for tid, seg, code in store.conn.execute(sql, names)
            if int(tid) in common
        )
        per_code: dict[str, dict[Hashable, tuple[int, int]]] = {}
        for _, seg, tid, code in made:
            key = key_of(tid, seg)
            if key is not None:
                per_code.setdefault(code, {}).setdefault(key, (tid, seg))
        coded[coder] = per_code

    return meta, texts, units, coded


def rows_of(
    codebook: Codebook,
    coded: dict[str, dict[str, dict[Hashable, tuple[int, int]]]],
    code_ids: list[str] | None,
) -> list[str]:
    """The rows: `code_ids`, else the codes any of the coders used and the codes above them."""
    if code_ids is None:
        used = {code for per_code in coded.values() for code in per_code}
        # the themes and codes above them too, with figures of their own ("about the theme at
        # all?"): pooled only for what was coded at them, so the overall is the same
        for code_id in list(used):
            parent = codebook.codes[code_id].parent if code_id in codebook.codes else None
            while parent is not None and parent in codebook.codes:
                used.add(parent)
                parent = codebook.codes[parent].parent
        in_book = [c.id for c in codebook.walk() if c.id in used]
        return in_book + sorted(used - set(in_book))
    return list(dict.fromkeys(code_ids))
