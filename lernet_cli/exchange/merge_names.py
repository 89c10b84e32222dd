"""Their codes and coders under this project's names, for `lernet merge` (merge.py): a code by
--map, id, name or its name spelled otherwise, the nearest code for one left out, and the
--map and --rename options."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..codebook.codebook import Codebook
from ..errors import UsageError
from ..store.coders import (
    MACHINES,
)

if TYPE_CHECKING:
    from .merge_read import OtherCoding


def _our_code(codebook: Codebook, c: OtherCoding, maps: dict[str, str] | None = None) -> str | None:
    """This codebook's code for another's coding: as --map maps its name, else the code with
    its id, else with its name as id or label, else the one code whose label is its name
    spelled otherwise (`spelled_as`)."""
    found = exact_code(codebook, c, maps)
    return found if found is not None else spelled_as(codebook, c.name or c.code)


def exact_code(
    codebook: Codebook, c: OtherCoding, maps: dict[str, str] | None = None
) -> str | None:
    """`_our_code` by --map, id, or name as id or label (any case and spacing) alone."""
    if c.name and maps and _key(c.name) in maps:
        return maps[_key(c.name)]
    if c.code in codebook.codes:
        return c.code
    found = codebook.find(c.code) or (codebook.find(c.name) if c.name else None)
    return found.id if found is not None else None


def respelled(codebook: Codebook, c: OtherCoding, code: str, maps: dict[str, str]) -> bool:
    """Whether another tool's coding was taken as `code` under a name that is none of its
    labels, its id or short id as written here (other case, spacing, accents, "&"), and not
    by --map: what the merge says, so that the researcher sees which code it took."""
    name = c.name.strip()
    here = codebook.codes.get(code)
    if not name or here is None or _key(name) in maps:
        return False
    return name not in {*here.labels.values(), here.id, here.id.rsplit(".", 1)[-1]}


def loose(name: str) -> str:
    """A code's name as it is however spelled: no accents, any case, "&" and "en" as "and",
    punctuation and spacing aside ("Halen & brengen" is "Halen en brengen")."""
    import unicodedata

    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    ).casefold()
    words = re.findall(r"\w+|&|\+", bare)
    return " ".join("and" if w in ("&", "+", "en") else w for w in words)


def _loose_labels(codebook: Codebook) -> dict[str, list[str]]:
    """Each label's (either language) and short id's loose form -> the codes that have it."""
    out: dict[str, list[str]] = {}
    for code in codebook.walk():
        names = [*code.labels.values(), code.id.rsplit(".", 1)[-1].replace("_", " ")]
        for key in {loose(n) for n in names if loose(n)}:
            out.setdefault(key, []).append(code.id)
    return out


def spelled_as(codebook: Codebook, name: str) -> str | None:
    """The one code of this codebook whose label (or short id) is `name` spelled otherwise: in
    other case, accents, spacing or punctuation, with "&" for "en" or "and"; None for none or
    several."""
    found = _loose_labels(codebook).get(loose(name), []) if name.strip() else []
    return found[0] if len(found) == 1 else None


CLOSE_NAME = 0.85
"""How alike (difflib's ratio of the loose forms) another tool's code name must be to a label
here to be taken for a typo of it: "Feedbak en angst voor oordeel" for "Feedback en ..."."""


def close_code(codebook: Codebook, name: str) -> tuple[str, str] | None:
    """(label, code id) of the code here whose label is spelled closest to `name`, when close
    enough to be the same code with a typo (`CLOSE_NAME`); None otherwise."""
    want = loose(name)
    best: tuple[float, str, str] | None = None
    for code in codebook.walk():
        for label in code.labels.values():
            ratio = SequenceMatcher(None, want, loose(label), autojunk=False).ratio()
            if ratio >= CLOSE_NAME and (best is None or ratio > best[0]):
                best = (ratio, label, code.id)
    return (best[1], best[2]) if best else None


def parse_maps(values: list[str], codebook: Codebook) -> dict[str, str]:
    """`THEIRS=OURS` pairs (--map): another tool's code name taken as this codebook's code
    (its id or label), for names that differ slightly between tools."""
    what = "THEIRS=OURS (the other tool's code name, then this codebook's code)"
    return {
        _key(theirs): codebook.resolve(ours, "code").id
        for theirs, ours in _pairs(values, "--map", what)
    }


def nearest_code(codebook: Codebook, name: str) -> str | None:
    """The code of this codebook whose label (either language) or id is most like `name`:
    what a left-out code's name may be meant as ("Convinced of benefits" for "Convinced of the
    benefits")."""
    from difflib import get_close_matches

    shown: dict[str, str] = {}
    for code in codebook.walk():
        for text in code.labels.values():
            shown.setdefault(_key(text), text)
        shown.setdefault(_key(code.id.rsplit(".", 1)[-1].replace("_", " ")), code.id)
    found = get_close_matches(_key(name), list(shown), n=1, cutoff=0.6)
    return shown[found[0]] if found else None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_renames(values: list[str]) -> dict[str, str]:
    """`OLD=NEW` pairs (--rename): a coder of the other project merged under another name."""
    out: dict[str, str] = {}
    for old, new in _pairs(values, "--rename", "OLD=NEW (their coder's name, then yours)"):
        if new.casefold() in MACHINES:
            raise UsageError(f"{new!r} is the rules or the protocol, not a person")
        out[_key(old)] = " ".join(new.split())
    return out


def _pairs(values: list[str], option: str, what: str) -> list[tuple[str, str]]:
    """The two sides of each `LEFT=RIGHT` value of a repeatable option, stripped."""
    out = []
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise UsageError(f"{option} takes {what}, not {value!r}")
        out.append((left.strip(), right.strip()))
    return out
