"""Reviewing machine-made codings (rules, protocol) one at a time: accept, reject, change, skip.

Each decision is written at once, so a review can stop anywhere and resume with what is still
pending. Changing a code rejects the proposal and stores the reviewer's code on the same span.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codebook.codebook import Codebook
from ..codebook.rules import Rule
from ..errors import UsageError
from ..language.names import Redactor, is_cased
from ..language.text import make_doc
from ..store.store import REVIEWABLE, SIMILAR, CodingRow, Store
from .manual import find_code

DECISIONS = {
    "a": "accept",
    "accept": "accept",
    "y": "accept",
    "j": "accept",
    "r": "reject",
    "reject": "reject",
    "n": "reject",
    "c": "change",
    "change": "change",
    "d": "direction",
    "direction": "direction",
    "richting": "direction",
    "s": "skip",
    "skip": "skip",
    "": "skip",
    "q": "quit",
    "quit": "quit",
    "stop": "quit",
    "u": "undo",
    "undo": "undo",
    # the words of the Dutch prompt, typed out
    "akkoord": "accept",
    "afwijzen": "reject",
    "andere code": "change",
    "overslaan": "skip",
    "terug": "undo",
    "stoppen": "quit",
}


def default_reviewer(project: Any = None) -> str:
    """Who is reviewing: `coder:` in lernet.yaml, $LERNET_CODER, else the login name (the name
    `lernet code` stores inline tags under: `project.who_codes`)."""
    from ..project.project import who_codes

    return who_codes(project)[0]


def queue(
    store: Store, codes: list[str] | None = None, coder: str | None = None, accepted: bool = False
) -> list[CodingRow]:
    """Pending machine-made codings (of one machine coder: auto, protocol, similar), in file
    and segment order; `accepted`: those accepted already too, to reject one after all (one
    deleted in another tool since), and, of no one machine coder, the codings made in review
    (an accepted candidate, a changed code; also one merged from another coder's review)."""
    rows = store.coding_rows(
        codes=codes,
        coders=[coder] if coder else None,
        sources=(*REVIEWABLE, "review", "merge") if accepted and not coder else REVIEWABLE,
        statuses=["pending", "accepted"] if accepted else ["pending"],
    )
    return [r for r in rows if r.source != "merge" or r.rule == "review"]


def person_queue(
    store: Store,
    person: str,
    codes: list[str] | None = None,
    against: str | None = None,
    settled: bool = False,
) -> list[CodingRow]:
    """A person's own codings nobody has settled yet (not rejected, no reviewer), in file and
    segment order: to settle a disagreement between two people, another person (or the two
    together) accepts or rejects them here, recorded as the reviewer. `against`: only those
    where that other person gave the same turn no coding of the same code (their
    disagreements, as `lernet agree` counts them per code). `settled`: those accepted in a
    settling already too, to reject one after all (one deleted in another tool since)."""
    from ..store.coders import NOT_IN_REVIEW

    names = store.coder_names()
    mine = names.names_of(person)
    marks = ",".join("?" * len(mine))
    open_ids = {
        int(r[0])
        for r in store.conn.execute(
            f"SELECT id FROM codings WHERE coder IN ({marks}) AND {NOT_IN_REVIEW} "
            + ("" if settled else "AND reviewer IS NULL ")
            + "AND status != 'rejected' AND detached IS NULL",
            mine,
        )
    }
    rows = [
        r
        for r in store.coding_rows(codes=codes, coders=[person])
        if r.id in open_ids and r.source not in REVIEWABLE
    ]
    if against is None:
        return rows
    theirs = names.names_of(against)
    marks = ",".join("?" * len(theirs))
    given = {
        (int(t), int(seg), str(code))
        for t, seg, code in store.conn.execute(
            f"SELECT transcript_id, segment, code FROM codings WHERE coder IN ({marks}) AND "
            f"{NOT_IN_REVIEW} AND detached IS NULL AND (status != 'rejected' OR "
            "reviewer IS NOT NULL)",
            theirs,
        )
    }
    coded = {t for t, _, _ in given}
    return [
        r
        for r in rows
        if r.transcript_id in coded and (r.transcript_id, r.segment, r.code) not in given
    ]


def rule_of(codebook: Codebook, row: CodingRow) -> Rule | None:
    """The rule that made a coding, if the codebook (loaded with its rules) still has it."""
    code = codebook.codes.get(row.code)
    return next((r for r in code.rules if r.name == row.rule), None) if code else None


def fired_words(codebook: Codebook, row: CodingRow) -> list[tuple[str, str]]:
    """(term, words as said) for each term of the coding's rule that stands in its evidence:
    what made the rule fire, so the reviewer can judge the rule. Empty for protocol codings and
    for a rule the codebook no longer has (needs a codebook loaded with its rules)."""
    rule = rule_of(codebook, row)
    if rule is None:
        return []
    text = row.segment_text
    if rule.kind == "regex":
        return [(f"regex {rule.pattern_text}", text[row.start : row.end])]
    doc = make_doc(text)
    found: dict[tuple[str, str], int] = {}
    for group in rule.groups:
        for term in group:
            for first, last in term.occurrences(doc):
                start, end = doc.tokens[first].start, doc.tokens[last].end
                if row.start <= start and end <= row.end:
                    found.setdefault((term.text, text[start:end]), start)
    return sorted(found, key=lambda k: found[k])  # as they stand in the text


def fired_text(fired: list[tuple[str, str]]) -> str:
    """ "kennen (ken, kende), elkaar": each word said once, with the terms that found it where
    they are written otherwise."""
    terms: dict[str, list[str]] = {}
    said: dict[str, str] = {}
    for term, words in fired:
        key = words.casefold()
        said.setdefault(key, words)
        if term.casefold() != key and term not in terms.setdefault(key, []):
            terms[key].append(term)
        terms.setdefault(key, [])
    return ", ".join(said[k] + (f" ({', '.join(terms[k])})" if terms[k] else "") for k in said)


def rule_text(codebook: Codebook, row: CodingRow, redactor: Redactor | None = None) -> str:
    """The rule that made a coding, as review shows it: `knelpunten.geld#1 fired on: geld` (the
    rule's name alone where the codebook, loaded without rules or changed since, does not show
    what it fired on), `protocol q3` for the protocol; empty for what a person coded (by hand,
    in review, imported) and for `review --candidates --auto`'s codings (their note says why).
    A `redactor` anonymizes the words as said."""
    if row.source == "protocol":
        return row.rule or "protocol"
    if row.source != "rule" or not row.rule:
        return ""
    fired = fired_words(codebook, row)
    if not fired:
        return row.rule
    said = fired_text(fired)
    if redactor is not None:
        said = redactor.redact(said, is_cased(row.segment_text))
    return f"{row.rule} fired on: {said}"


def codebook_for_rules(codebook: Codebook, cache: Path | None = None) -> Codebook:
    """The codebook with its rules (to show what a rule fired on): as it is when it has them,
    else loaded again with them, or as it is when they do not compile: an output that names
    rules never fails on a rule being edited."""
    from ..codebook.codebook import load_codebook
    from ..errors import CodebookError

    if codebook.with_rules or not codebook.path:
        return codebook
    try:
        return load_codebook(Path(codebook.path), cache=cache)
    except CodebookError:
        return codebook


NOTHING_TO_UNDO = "nothing to undo in this session"
"""What `u` says before the session's first answer."""


def parse_decision(answer: str) -> str | None:
    return DECISIONS.get(answer.strip().lower())


@dataclass
class Tally:
    accepted: int = 0
    rejected: int = 0
    changed: int = 0
    skipped: int = 0

    def count(self, counted: str) -> None:
        """One answer more under `counted` (accepted, rejected, changed, skipped)."""
        setattr(self, counted, getattr(self, counted) + 1)

    def uncount(self, counted: str) -> None:
        """An answer taken back (`undo`)."""
        setattr(self, counted, getattr(self, counted) - 1)

    def __str__(self) -> str:
        return (
            f"{self.accepted} accepted, {self.rejected} rejected, {self.changed} changed, "
            f"{self.skipped} skipped"
        )


@dataclass
class Decided:
    """What one answer did, so that `undo` can take it back."""

    row: CodingRow
    counted: str
    """The tally's field it counted under (accepted, rejected, changed, skipped)."""
    made: int | None = None
    """The reviewer's own coding a change stored."""
    was: tuple[Any, ...] | None = None
    """An accepted coding's reviewer, time and directions before this answer: what undo puts
    back, so that taking back an answer never loses the earlier decision."""


def decide(
    store: Store,
    codebook: Codebook,
    row: CodingRow,
    decision: str,
    reviewer: str,
    new_code: str | None = None,
    tally: Tally | None = None,
    direction: str | None = None,
) -> Decided:
    """Record one decision on one coding (skip records nothing)."""
    tally = tally if tally is not None else Tally()
    made = None
    was = None
    if row.status == "accepted" and decision != "skip":
        was = tuple(
            store.conn.execute(
                "SELECT reviewer, reviewed_at, direction, rules_direction FROM codings "
                "WHERE id = ?",
                (row.id,),
            ).fetchone()
        )
    # A similar coding keeps its note (score, words) once decided: what the decision was on;
    # a person's coding keeps theirs (what they wrote with the code).
    note = row.note if row.source == SIMILAR or row.source not in REVIEWABLE else None
    if decision == "accept":
        store.set_review(row.id, "accepted", reviewer, note)
        counted = "accepted"
    elif decision == "reject":
        store.set_review(row.id, "rejected", reviewer, note)
        counted = "rejected"
    elif decision == "change":
        code = find_code(codebook, new_code or "")
        if code is None:
            raise UsageError(f"unknown code {new_code!r}")
        if code.id == row.code:
            store.set_review(row.id, "accepted", reviewer)
            counted = "accepted"
        else:
            # a direction goes along to a code that has directions too
            keep = row.direction if code.directional else None
            made = store.change_code(row.id, code.id, reviewer, keep)
            counted = "changed"
    elif decision == "direction":
        if direction is None or direction == row.direction:
            store.set_review(row.id, "accepted", reviewer)
            counted = "accepted"
        else:
            # the coding stays the rules' (or the protocol's), accepted with this direction
            store.change_direction(row.id, reviewer, direction)
            counted = "accepted"
    elif decision == "skip":
        counted = "skipped"
    else:
        raise UsageError(f"unknown decision {decision!r}")
    tally.count(counted)
    return Decided(row, counted, made, was)


def undo(store: Store, decided: Decided, tally: Tally | None = None) -> None:
    """Take an answer back: the coding is pending again as it was, and a changed code's own
    coding is gone."""
    if decided.counted != "skipped":
        store.undo_review(decided.row.id, decided.row.note, decided.made, decided.row.status)
    if decided.was is not None:
        with store.transaction() as conn:
            conn.execute(
                "UPDATE codings SET reviewer = ?, reviewed_at = ?, direction = ?, "
                "rules_direction = ? WHERE id = ?",
                (*decided.was, decided.row.id),
            )
    if tally is not None:
        tally.uncount(decided.counted)
