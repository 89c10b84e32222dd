"""`lernet merge --add-codes`: the codes another tool's archive codes with that this codebook
lacks, added to the codebook file where the archive has them (under the code here that their
parent is, else as themes), its layout and comments kept, so their codings can be merged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .merge import MACHINES, REVIEWABLE, Other, _key, _our_code
from .qdc import code_slug
from .taguette_codes import NewCode

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from .qdc import _ImportedCode


def new_codes(codebook: Codebook, other: Other, maps: dict[str, str]) -> list[NewCode]:
    """The archive's codes a person coded with that neither this codebook nor `maps` has, with
    their parents the codebook lacks too, parents first."""
    if other.archive is None:
        return []
    from .qdc import _walk_imported

    parent: dict[str, _ImportedCode | None] = {}

    def index(codes: list[_ImportedCode], above: _ImportedCode | None) -> None:
        for c in codes:
            parent[c.guid] = above
            index(c.children, c)

    index(other.archive.codes, None)
    by_id = {c.id: c for c in _walk_imported(other.archive.codes)}
    used: dict[str, None] = {}
    for t in other.transcripts:
        for c in t.codings:
            if c.source in REVIEWABLE or _key(c.coder) in MACHINES or c.status == "rejected":
                continue
            if _our_code(codebook, c, maps) is None and c.code in by_id:
                used.setdefault(c.code)
    made: dict[str, NewCode] = {}
    taken = set(codebook.codes)

    def ours(code: _ImportedCode) -> str:
        if code.guid in made:
            return made[code.guid].id
        if _key(code.name) in maps:
            return maps[_key(code.name)]
        here = codebook.codes.get(code.id) or codebook.find(code.id) or codebook.find(code.name)
        if here is not None:
            return here.id
        above = parent.get(code.guid)
        under = ours(above) if above is not None else None
        base = (under + "." if under else "") + (code_slug(code.name) or "code")
        found, n = base, 2
        while found in taken:
            found, n = f"{base}_{n}", n + 1
        taken.add(found)
        made[code.guid] = NewCode(found, " ".join(code.name.split()), under, code.codable)
        return found

    for code_id in used:
        ours(by_id[code_id])
    return list(made.values())
