"""Who coded in this project (`lernet coders`), and saying that two names are one person.

A person often has several names in one project: the author name Word puts on their comments
("Lotte Peeters"), the `--coder` of their tags and the `--reviewer` of their review ("lotte").
`lernet coders same` makes them one person in every count and comparison; the codings keep the
name they were made under (see store/coders.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..language.plural import counted
from ..store.coders import (
    MACHINES,
    NOT_IN_REVIEW,
    is_person,
    joined,
    look_alike,
    parted,
    write_groups,
)
from ..store.store import Store

AUTO = "auto"
"""The rules, as a coder (`--coder auto`)."""

COLUMNS = ["name", "person", "by_hand", "in_review", "reviewed", "transcripts"]


@dataclass
class CoderRow:
    name: str
    person: str
    by_hand: int
    """Codings they made (comments, tags, imported or merged), not rejected."""
    in_review: int
    """Codings they made in review (a changed code, an accepted candidate)."""
    reviewed: int
    """The rules' (and the protocol's) codings they accepted or rejected."""
    transcripts: int

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in COLUMNS}


def coder_table(store: Store) -> list[CoderRow]:
    """Every name under which a person coded or reviewed, with the person it counts as."""
    names = store.coder_names()
    seen: dict[str, list[Any]] = {}
    for coder, by_hand, in_review, transcripts in store.conn.execute(
        f"SELECT coder, SUM(CASE WHEN {NOT_IN_REVIEW} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {NOT_IN_REVIEW} THEN 0 ELSE 1 END), COUNT(DISTINCT transcript_id) "
        "FROM codings WHERE status != 'rejected' AND detached IS NULL GROUP BY coder"
    ):
        seen[str(coder)] = [int(by_hand), int(in_review), 0, int(transcripts)]
    for reviewer, n in store.conn.execute(
        "SELECT reviewer, COUNT(*) FROM codings WHERE reviewer IS NOT NULL "
        "AND source IN ('rule', 'protocol') GROUP BY reviewer"
    ):
        seen.setdefault(str(reviewer), [0, 0, 0, 0])[2] += int(n)
    rows = [
        CoderRow(name, names.person(name), *counts)
        for name, counts in seen.items()
        if name.casefold() not in MACHINES
    ]
    return sorted(rows, key=lambda r: (r.person.casefold(), r.name != r.person, r.name.casefold()))


def maybe_same(store: Store) -> list[tuple[str, str]]:
    """Names that look like one person's and are not said to be (a hint, never applied)."""
    return look_alike([r.name for r in coder_table(store)], store.coder_names())


def say_same(store: Store, names: list[str]) -> list[str]:
    """Make `names` one person, shown as the first; returns the whole group as it now is."""
    with store.transaction() as conn:
        from ..store.coders import read_groups

        groups = joined(read_groups(conn), names)
        write_groups(conn, groups)
    return groups[-1]


def coded_together(store: Store, names: list[str]) -> list[tuple[str, str, list[str]]]:
    """Pairs of `names` that each coded (by hand, not in review) in the same transcripts, with
    those transcripts' paths: two people, more likely than one, whose agreement `lernet coders
    same` would make unmeasurable (a Word author and a tag name of one person code different
    files)."""
    known = store.coder_names()
    paths = {t.id: t.path for t in store.transcripts()}
    given: list[str] = []
    for name in names:  # one per person as it is now: its other names are said already
        if all(known.person(name).casefold() != known.person(g).casefold() for g in given):
            given.append(name)
    where = {name: transcripts_of(store, known.person(name)) for name in given}
    out = []
    for i, a in enumerate(given):
        for b in given[i + 1 :]:
            both = where[a] & where[b]
            if both:
                out.append((a, b, sorted(paths[t] for t in both)))
    return out


def say_apart(store: Store, names: list[str]) -> None:
    """Count each of `names` as a person of their own again."""
    with store.transaction() as conn:
        from ..store.coders import read_groups

        groups, unknown = parted(read_groups(conn), names)
        if unknown:
            raise UsageError(
                f"{', '.join(repr(n) for n in unknown)} is not one person with another name "
                "(lernet coders lists them)"
            )
        write_groups(conn, groups)


def pending_beside_people(rows: list[Any], store: Store, label: Any = None) -> str | None:
    """One line for counts that mix a person's codings with the rules' (or the protocol's)
    pending ones, in the transcripts that person coded: how many such codings count there, the
    code they change most ("Funding 5x, 3 of them only through the rules' pending codings") and
    how to count the person's alone. None when no transcript a person coded holds a pending
    machine coding among `rows`. `label`: a code id -> its label (default: the id)."""
    names = store.coder_names()
    people: dict[int, set[str]] = {}
    for r in rows:
        if r.coder.casefold() not in MACHINES:
            people.setdefault(r.transcript_id, set()).add(names.person(r.coder))
    pending = [
        r
        for r in rows
        if r.transcript_id in people and r.coder.casefold() in MACHINES and r.status == "pending"
    ]
    if not pending:
        return None
    coders = sorted({p for tid in {r.transcript_id for r in pending} for p in people[tid]})
    tids = {tid for tid, held in people.items() if held & set(coders)}
    everyone: dict[str, set[str]] = {}
    sure: dict[str, set[str]] = {}
    for r in rows:
        if r.transcript_id not in tids:
            continue
        everyone.setdefault(r.code, set()).add(r.participant)
        if not (r.coder.casefold() in MACHINES and r.status == "pending"):
            sure.setdefault(r.code, set()).add(r.participant)
    code, most = max(
        ((c, len(held - sure.get(c, set()))) for c, held in sorted(everyone.items())),
        key=lambda item: item[1],
    )
    who = ", ".join(coders[:-1]) + (" and " if len(coders) > 1 else "") + coders[-1]
    shown = label(code) if label is not None else code
    change = (
        f" ({shown}: {counted(len(everyone[code]), 'participant')} there, {most} of them only "
        "through those)"
        if most
        else ""
    )
    first = coders[0]
    return (
        f"the {counted(len(tids), 'transcript')} {who} coded also "
        f"{'holds' if len(tids) == 1 else 'hold'} {counted(len(pending), 'pending coding')} "
        f"of the rules that nobody reviewed, and the counts include them{change}; "
        f'--coder "{first}" counts {first}\'s codings only, --reviewed only what a person made '
        "or accepted"
    )


OWN = NOT_IN_REVIEW
"""A coder's own codings, not the ones they made in review (see the module's docstring)."""


def known_coders(store: Store) -> list[str]:
    """Every coder in the store (as the person they are: `lernet coders same`), and `auto` (the
    rules) always."""
    found = {str(r[0]) for r in store.conn.execute("SELECT DISTINCT coder FROM codings")}
    return sorted(set(store.coder_names().people(found)) | {AUTO})


def spelled(store: Store, name: str) -> str | None:
    """The coder `name` stands for (any case; another name of the same person), or None."""
    names = store.coder_names()
    person = names.person(name)
    return {k.casefold(): k for k in known_coders(store)}.get(person.casefold())


def unknown_coder(store: Store, name: str) -> str:
    """The error for a coder nobody coded under, with the coder it likely means: the one whose
    name holds it as a word (`joost` for Joost Visser, as Word writes a comment's author) or is
    spelled close to it."""
    import difflib
    import re

    coders = known_coders(store)
    given = name.strip().casefold()
    words = [c for c in coders if given in re.split(r"[\s._@-]+", c.casefold())]
    if not words:
        by_fold = {c.casefold(): c for c in coders}
        words = [by_fold[c] for c in difflib.get_close_matches(given, list(by_fold), 1, 0.6)]
    hint = f" (did you mean {words[0]!r}?)" if len(words) == 1 else ""
    return (
        f"unknown coder {name!r}{hint}; coders in this project: {', '.join(coders)} (a "
        "second coder's copy of the project comes in with `lernet merge FOLDER`)"
    )


def coder_sql(store: Store, coder: str) -> tuple[str, list[str]]:
    names = store.coder_names().names_of(coder)
    return f"coder IN ({','.join('?' * len(names))})", names


def transcripts_of(store: Store, coder: str) -> set[int]:
    which, names = coder_sql(store, coder)
    sql = f"SELECT DISTINCT transcript_id FROM codings WHERE {which} AND {OWN}"
    if coder == AUTO:
        sql += " UNION SELECT id FROM transcripts WHERE codebook_digest IS NOT NULL"
    return {int(r[0]) for r in store.conn.execute(sql, names)}


def person_pairs(store: Store, transcripts: set[int] | None = None) -> list[tuple[str, str]]:
    """Pairs of people (not lernet's machine coders: the rules, the protocol, `similar`) who
    coded at least one transcript in common (among `transcripts`, when given: those an
    analysis counts): the pairs whose agreement can be measured."""
    people = [c for c in known_coders(store) if is_person(c)]
    seen = {c: transcripts_of(store, c) for c in people}
    if transcripts is not None:
        seen = {c: ids & transcripts for c, ids in seen.items()}
    return [(a, b) for i, a in enumerate(people) for b in people[i + 1 :] if seen[a] & seen[b]]
