"""Where participants place the network in its development: the codes the codebook marks as
phases (`phase: N`), in their order (the bundled codebook: Allee's five phases)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import Codebook
from ..errors import NotDeclared
from ..project.participants import Participants
from ..store.store import CodingRow
from .counts import times
from .people import columns_for

if TYPE_CHECKING:
    from .anonymize import Redactor
    from .people import Interviewee, Placed


@dataclass
class PhaseRow:
    id: str
    label: str
    participants: int
    participant_ids: list[str]
    by_group: dict[str, int] = field(default_factory=dict)


@dataclass
class PhaseResult:
    rows: list[PhaseRow]
    total: int
    """Participants in the store: the denominator of "8 van 10"."""
    moves: list[list[str]] = field(default_factory=list)
    """Per participant interviewed more than once who names another phase in a later interview
    (path order): the phase labels of each interview that names one, where they change
    ("potentieel", "groeiend"; two phases of one interview joined with "/")."""
    word: str | None = None
    """What the codebook calls a phase ("Stage" of "Stage: forming", `phase_word`); None:
    phase (fase)."""
    by: str = "group"
    """What `PhaseRow.by_group` counts by: "group", or a participant variable (`--by`)."""
    groups: list[str] = field(default_factory=list)
    """The groups or values, in the order `tally --by` gives its columns."""
    n: dict[str, int] = field(default_factory=dict)
    """Each of those -> its interviewees, as `Tally.n`."""

    def to_json(self, shown: Callable[[str], str] | None = None) -> dict[str, Any]:
        """`shown`: a participant id as outputs show it (`Redactor.participant`). By a
        variable, `by` and `values` name it and its values, and each phase's counts per value
        are `by_value` (as `tally --by` writes them)."""
        key = "by_group" if self.by == "group" else "by_value"
        head: dict[str, Any] = (
            {"groups": self.groups, "n": self.n}
            if self.by == "group"
            else {"by": self.by, "values": self.groups, "n": self.n}
        )
        return {
            "total_participants": self.total,
            **head,
            "phases": [
                {
                    "id": r.id,
                    "label": r.label,
                    "participants": r.participants,
                    "participant_ids": (
                        [shown(p) for p in r.participant_ids] if shown else r.participant_ids
                    ),
                    key: r.by_group,
                }
                for r in self.rows
            ],
        }


def phase_codes(codebook: Codebook) -> list[str]:
    """The codes the codebook marks `phase: N`, in order; refuses a codebook that marks none."""
    if not codebook.phases:
        raise NotDeclared(
            "the codebook declares no phases: add `phase: 1`, `phase: 2`, ... to the phase "
            "codes (see docs/codebook-format.md)",
            codebook.path,
        )
    return codebook.phases


def phase_distribution(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    total: int,
    lang: str = "nl",
    by: str = "group",
    folders: dict[str, str] | None = None,
    redactor: Redactor | None = None,
    interviewed: Sequence[Interviewee] | None = None,
) -> PhaseResult:
    """Participants per phase code (its sub-codes included). Someone who places the network
    between two phases ("end of uniting, start of growing") is coded with both and counts in
    both. `by`: what `PhaseRow.by_group` counts by, the participants' groups or the values of
    this participant variable: the columns `lernet tally --by` has for the same rows, so that
    a group whose interviewees named no phase stands there with 0, not left out);
    `interviewed` as `tally` takes it."""
    out = []
    base: list[Placed] = [*(interviewed or []), *rows]
    columns = columns_for(
        base,
        participants,
        by,
        lang,
        folders=folders,
        redactor=redactor,
    )
    named: dict[str, dict[str, set[str]]] = {}
    """participant -> path -> the phases their interview there names"""
    for code_id in phase_codes(codebook):
        ids_below = set(codebook.descendants(code_id))
        hits = [r for r in rows if r.code in ids_below]
        for r in hits:
            named.setdefault(r.participant, {}).setdefault(r.path, set()).add(code_id)
        ids = sorted({r.participant for r in hits})
        seen: dict[str, set[str]] = {g: set() for g in columns.names}
        for r in hits:
            seen[columns.of(r)].add(r.participant)
        by_group = {g: len(seen[g]) for g in columns.names}
        out.append(PhaseRow(code_id, short_label(codebook, code_id, lang), len(ids), ids, by_group))
    order = {code: i for i, code in enumerate(phase_codes(codebook))}
    moves = []
    for pid in sorted(named):
        steps: list[str] = []
        for path in sorted(named[pid]):
            phases = sorted(named[pid][path], key=order.__getitem__)
            step = "/".join(short_label(codebook, c, lang) for c in phases)
            if not steps or steps[-1] != step:
                steps.append(step)
        if len(steps) > 1:
            moves.append(steps)
    return PhaseResult(
        out, total, moves, phase_word(codebook, lang), by, columns.names, columns.counted(base)
    )


def phase_word(codebook: Codebook, lang: str) -> str | None:
    """The codebook's own word for a phase: the part before ':' that every phase code's label
    begins with ("Stage" of "Stage: forming", "Stage: norming"...), None when they share none
    or it is phase itself (the report then says phase, fase, as it words them)."""
    words = set()
    for code_id in codebook.phases:
        label = codebook.codes[code_id].label(lang)
        words.add(label.split(":", 1)[0].strip() if ":" in label else "")
    if len(words) != 1:
        return None
    word = words.pop()
    # "Fase: verenigend" names the word lernet says already: its own wording stays
    return word if word and word.casefold() not in ("fase", "phase") else None


def short_label(codebook: Codebook, code_id: str, lang: str) -> str:
    """ "Fase: verenigend" -> "verenigend": the phase's own name, for use inside a sentence."""
    label = codebook.codes[code_id].label(lang)
    return label.split(":", 1)[1].strip() if ":" in label else label


def phase_sentence(result: PhaseResult, lang: str = "nl", word: str | None = None) -> str:
    """One sentence in the report's style, written from the numbers. Phases named by as many
    participants are ties and said as ties ("forming, storming and performing (n=1 each)"),
    in phase order, never one of them picked; the sentence leads with the phase(s) most name, and
    the next one with them when both stand alone. `word`: what the codebook calls a phase
    ("stage", `phase_word`), default the result's (phase, fase). With lernet's own word the
    participants place the network in a phase, as the learning-networks study says; with a
    codebook's own they name its stage ("name the norming (n=2) stage"): a study of its own
    need not be of a network."""
    word = word if word is not None else result.word
    named = sorted((r for r in result.rows if r.participants), key=lambda r: -r.participants)
    if not named:
        # in the codebook's own word where it has one, as the table's column and heading
        if word is not None:
            if lang == "nl":
                return f"Geen van de deelnemers noemt een {word.lower()}."
            return f"No participant names any {word.lower()}."
        if lang == "nl":
            return "Geen van de deelnemers plaatst het netwerk in een ontwikkelingsfase."
        return "No participant places the network in any development phase."
    tiers = _tiers(named)
    top = list(tiers[0])
    rest_tiers = tiers[1:]
    if len(top) == 1 and rest_tiers and len(rest_tiers[0]) == 1:
        top += rest_tiers[0]
        rest_tiers = rest_tiers[1:]
    rest = [r for tier in rest_tiers for r in tier]
    top_people = {pid for r in top for pid in r.participant_ids}
    covered = len(top_people)
    # People named under the leading phases may name others too (in another interview, a
    # year later): the others are "others" only when none of them is among the first.
    others = not any(pid in top_people for r in rest for pid in r.participant_ids)
    joiner = " of " if lang == "nl" else " or "
    if len(top) > 1 and len({r.participants for r in top}) == 1:
        parts = _listed([r.label for r in top], joiner) + " " + _each(top[0].participants, lang)
    else:
        parts = joiner.join(f"{r.label} ({times(r.participants, lang)})" for r in top)
    also = ", ".join(_tier_text(tier, lang) for tier in rest_tiers)
    if lang == "nl":
        who = "De meeste deelnemers" if covered * 2 > result.total else "Een deel van de deelnemers"
        many = who == "De meeste deelnemers"
        if word is None:
            verb = "plaatsen" if many else "plaatst"
            text = f"{who} ({covered} van {result.total}) {verb} het netwerk in de fase {parts}"
        else:  # a study of its own: its stages, not the learning network's phases
            verb = "noemen" if many else "noemt"
            text = f"{who} ({covered} van {result.total}) {verb} {parts} ({word.lower()})"
        if rest:
            text += ("; anderen noemen " if others else "; ook genoemd: ") + also
    else:
        who = "Most participants" if covered * 2 > result.total else "Some participants"
        if word is None:
            text = f"{who} ({covered} of {result.total}) place the network in the {parts} phase"
        else:  # a study of its own: its stages, not the learning network's phases
            text = f"{who} ({covered} of {result.total}) name the {parts} {word.lower()}"
        if rest:
            text += ("; others name " if others else "; also named: ") + also
    return text + "." + moves_sentence(result, lang)


def _tiers(rows: list[PhaseRow]) -> list[list[PhaseRow]]:
    """Rows (sorted by count, phase order within) in runs of the same count: the ties."""
    tiers: list[list[PhaseRow]] = []
    for r in rows:
        if tiers and tiers[-1][0].participants == r.participants:
            tiers[-1].append(r)
        else:
            tiers.append([r])
    return tiers


def _listed(labels: list[str], joiner: str) -> str:
    """ "a, b or c" (with `joiner` " or ", " en "...)."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + joiner + labels[-1]


def _each(n: int, lang: str) -> str:
    """ "(n=1 each)", "(elk 1x)": the count of phases named by as many participants."""
    return f"(elk {times(n, lang)})" if lang == "nl" else f"({times(n, lang)} each)"


def _tier_text(tier: list[PhaseRow], lang: str) -> str:
    """A phase with its count, or tied phases with their one count."""
    if len(tier) == 1:
        return f"{tier[0].label} ({times(tier[0].participants, lang)})"
    joiner = " en " if lang == "nl" else " and "
    return _listed([r.label for r in tier], joiner) + " " + _each(tier[0].participants, lang)


SHOWN_MOVES = 3
"""Changes of phase listed after the sentence on people who name another phase later; more are
only counted (the table and `--file` per wave show them)."""


def moves_sentence(result: PhaseResult, lang: str = "nl") -> str:
    """ " 3 deelnemers noemen in een later interview een andere fase dan eerder; zij tellen in
    elk van die fasen mee (potentieel → groeiend: 2x, groeiend → actief: 1x)." ("" when nobody
    does): one person counted under two phases because their interviews differ."""
    if not result.moves:
        return ""
    counts: dict[str, int] = {}
    for steps in result.moves:
        arrow = " → ".join(steps)
        counts[arrow] = counts.get(arrow, 0) + 1
    listed = ""
    if len(counts) <= SHOWN_MOVES:
        ordered = sorted(counts.items(), key=lambda x: -x[1])
        listed = " (" + ", ".join(f"{arrow}: {times(n, lang)}" for arrow, n in ordered) + ")"
    n = len(result.moves)
    if lang == "nl":
        who = "1 deelnemer noemt" if n == 1 else f"{n} deelnemers noemen"
        them = "telt" if n == 1 else "tellen"
        return (
            f" {who} in een later interview een andere fase dan eerder; "
            f"{'die' if n == 1 else 'zij'} {them} in elk van die fasen mee{listed}."
        )
    who = "1 participant names" if n == 1 else f"{n} participants name"
    return (
        f" {who} another phase in a later interview than before; "
        f"they count under each of those phases{listed}."
    )
