"""`lernet merge --add-codes`: the codes another tool's archive codes with that this codebook
lacks, added to the codebook file where the archive has them (under the code here that their
parent is, else as themes), its layout and comments kept, so their codings can be merged."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from ..errors import UsageError
from .merge import MACHINES, REVIEWABLE, Other, _key, _our_code, close_code, spelled_as
from .qdc import code_slug
from .taguette_codes import NewCode

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from .qdc import _ImportedCode


def new_codes(
    codebook: Codebook, other: Other, maps: dict[str, str], apart: set[str] | None = None
) -> list[NewCode]:
    """The archive's codes a person coded with that neither this codebook nor `maps` has, with
    their parents the codebook lacks too, parents first. A code whose name is a typo's distance
    from a label here (`close_code`) is not added unless `apart` (--new-code: names by `_key`)
    has it: that is the researcher's to say, by --map or --new-code (UsageError)."""
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
    close: list[tuple[str, str, str]] = []

    def ours(code: _ImportedCode) -> str:
        if code.guid in made:
            return made[code.guid].id
        if _key(code.name) in maps:
            return maps[_key(code.name)]
        here = codebook.codes.get(code.id) or codebook.find(code.id) or codebook.find(code.name)
        if here is not None:
            return here.id
        spelled = spelled_as(codebook, code.name)
        if spelled is not None:
            return spelled
        near = close_code(codebook, code.name)
        if near is not None and _key(code.name) not in (apart or set()):
            close.append((code.name, *near))
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
    if close:
        raise UsageError(
            "--add-codes: "
            + "; ".join(
                f"the archive's code {name!r} is spelled almost as this codebook's {label!r} "
                f"({code}): --map {shlex.quote(f'{name}={code}')} merges its codings there, "
                f"--new-code {shlex.quote(name)} adds it as a code of its own"
                for name, label, code in close
            )
            + "; nothing was changed"
        )
    return list(made.values())
