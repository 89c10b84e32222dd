"""Coder names that are one person: "Lotte Peeters" (the author of her Word comments) and "lotte"
(her `--coder` and `--reviewer`) said to be one with `lernet coders same`.

The store keeps the codings under the names they were made with; the groups (in the store's
`meta`, key `coders`, as JSON: a list of groups, each a list of names, the first the one shown)
are applied where codings are read for counting and comparing: `coding_rows` (tallies, quotes,
reports, exports), agreement and the hand coding `suggest` and `codebook eval` learn from. Names
are compared case-insensitively, as `Store.person` does when it stores them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import UsageError

META_KEY = "coders"
MACHINES = ("auto", "protocol", "similar")
"""The rules, the protocol and `review --candidates --auto` (store.SIMILAR): never a person,
never one with a person."""
NOT_IN_REVIEW = "NOT (source = 'review' OR (source = 'merge' AND IFNULL(rule, '') = 'review'))"
"""SQL: a coding a person made by hand, not in review (a changed code, an accepted candidate),
also when it was merged in from another coder's project (`lernet merge` keeps the source it had
there in `rule`)."""


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class CoderNames:
    """Which stored names count as which person."""

    groups: list[list[str]] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    """Every coder name the store's codings carry."""

    def __post_init__(self) -> None:
        self._shown: dict[str, str] = {}
        for group in self.groups:
            for name in group:
                self._shown.setdefault(_key(name), group[0])

    def __bool__(self) -> bool:
        return bool(self.groups)

    def person(self, name: str) -> str:
        """The name a coder is shown and counted under."""
        return self._shown.get(_key(name), name)

    def names_of(self, name: str) -> list[str]:
        """Every stored name that counts as the same person as `name` (its spellings too)."""
        shown = _key(self.person(name))
        wanted = {k for k, v in self._shown.items() if _key(v) == shown} | {_key(name), shown}
        found = [n for n in self.stored if _key(n) in wanted]
        return found or [name]

    def people(self, names: Iterable[str]) -> list[str]:
        """`names` as the people they are, each once, sorted."""
        return sorted({self.person(n) for n in names})

    def same(self, a: str, b: str) -> bool:
        return _key(self.person(a)) == _key(self.person(b))


def read_groups(conn: sqlite3.Connection) -> list[list[str]]:
    """The groups as stored; a value lernet did not write is ignored."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return []
    try:
        data = json.loads(str(row[0]))
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [
        [str(n) for n in group]
        for group in data
        if isinstance(group, list) and len(group) > 1 and all(isinstance(n, str) for n in group)
    ]


def coder_names(conn: sqlite3.Connection) -> CoderNames:
    groups = read_groups(conn)
    if not groups:
        return CoderNames()
    stored = [str(r[0]) for r in conn.execute("SELECT DISTINCT coder FROM codings")]
    return CoderNames(groups, stored)


def joined(groups: list[list[str]], names: list[str]) -> list[list[str]]:
    """`groups` with `names` made one person, shown as the first of them; groups they were in
    already join too."""
    names = [" ".join(n.split()) for n in names]
    if len(names) < 2 or any(not n for n in names):
        raise UsageError("name at least two coder names that are one person")
    for name in names:
        if name.casefold() in MACHINES:
            raise UsageError(f"{name!r} is the rules or the protocol, not a person")
    keys = {_key(n) for n in names}
    if len(keys) < 2:
        raise UsageError("these names differ only in case; lernet takes them as one already")
    merged = list(names)
    rest = []
    for group in groups:
        if keys & {_key(n) for n in group}:
            merged.extend(group)
        else:
            rest.append(group)
    out: list[str] = []
    for name in merged:
        if _key(name) not in {_key(n) for n in out}:
            out.append(name)
    return [*rest, out]


def parted(groups: list[list[str]], names: list[str]) -> tuple[list[list[str]], list[str]]:
    """`groups` with each of `names` counted on its own again; and the names no group had."""
    keys = {_key(n) for n in names}
    found = {_key(n) for g in groups for n in g} & keys
    out = []
    for group in groups:
        kept = [n for n in group if _key(n) not in keys]
        if len(kept) > 1:
            out.append(kept)
    return out, [n for n in names if _key(n) not in found]


def write_groups(conn: sqlite3.Connection, groups: list[list[str]]) -> None:
    """Inside the caller's transaction."""
    if groups:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (META_KEY, json.dumps(groups, ensure_ascii=False)),
        )
    else:
        conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))


def look_alike(names: Iterable[str], known: CoderNames) -> list[tuple[str, str]]:
    """Pairs of people's names that may well be one person, not yet said to be: a one-word name
    that is the first word of a longer one ("lotte", "Lotte Peeters")."""
    people = sorted({known.person(n) for n in names if n.casefold() not in MACHINES}, key=_key)
    out = []
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            wa, wb = _key(a).split(), _key(b).split()
            if not wa or not wb or known.same(a, b):
                continue
            short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if len(short) == 1 and len(long_) > 1 and long_[0] == short[0]:
                out.append((b, a) if len(wb) > len(wa) else (a, b))
    return out


PSEUDONYMS_META = "coder_pseudonyms"
"""Store meta: JSON {coder: number}, numbers an export kept for people who coded (`persist`);
they go first, the others follow in the order they first coded in the store."""
CODER_WORD = {"nl": "Codeur", "en": "Coder"}
"""What anonymized outputs call a person who coded: `Codeur 1`, `Coder 2` …"""


def is_person(name: str) -> bool:
    """A coder name that is a person's, not one of lernet's machine coders ("auto:reviewed" is
    the rules' too)."""
    return name.removesuffix(":reviewed") not in MACHINES and bool(name.strip())


class _Meta(Protocol):
    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


def coder_pseudonyms(
    store: _Meta,
    coders: Iterable[str],
    language: str,
    persist: bool = False,
    names: CoderNames | None = None,
) -> dict[str, str]:
    """Each person among `coders` -> `Codeur N` (`Coder N` in an English project): the number
    kept in the store's meta (PSEUDONYMS_META) where there is one, else the next ones in the
    order of `coders` (the order people first coded in the store: a person who joins later
    gets the next number, and no one's number changes). Outputs only read; `persist` keeps the
    new numbers in the meta. `names`: a person's number kept under another of their names (the
    one shown before `lernet coders same` named them in another order) is theirs."""
    try:
        data = json.loads(store.get_meta(PSEUDONYMS_META) or "{}")
    except ValueError:
        data = {}
    numbers: dict[str, int] = {
        str(k): v
        for k, v in (data.items() if isinstance(data, dict) else [])
        if isinstance(v, int) and not isinstance(v, bool)
    }
    people = list(dict.fromkeys(c for c in coders if is_person(c)))
    if names is not None:
        kept = {_key(k): v for k, v in numbers.items()}
        for person in people:
            if person not in numbers:
                found = [kept[_key(n)] for n in names.names_of(person) if _key(n) in kept]
                if found:
                    numbers[person] = min(found)
    new = [c for c in people if c not in numbers]
    if new:
        top = max(numbers.values(), default=0)
        for i, coder in enumerate(new, top + 1):
            numbers[coder] = i
        if persist:
            store.set_meta(PSEUDONYMS_META, json.dumps(numbers, ensure_ascii=False))
    word = CODER_WORD.get(language, CODER_WORD["en"])
    return {c: f"{word} {numbers[c]}" for c in people}
