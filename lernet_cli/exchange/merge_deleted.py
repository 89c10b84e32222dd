"""Codings of this project that an archive of its own export no longer has: deleted in the
other tool. The merge never deletes anything here; it names them, so the researcher can follow
the deletion in review. A coding made here after the export (later than every coding of this
project the archive holds) is not named: it cannot have been deleted there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .merge import MACHINES, Other, OtherTranscript, _Here, _key, _our_code, _Placer

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from ..store.store import Store


RULES, SIMILAR, REVIEW, HAND = "rules", "similar", "review", "hand"
"""Who made a coding, as what a researcher does to follow its deletion depends on it: the
rules' (and the protocol's) and `similar`'s are rejected in `lernet review` (`--coder similar`),
those made in review (an accepted candidate, a changed code) in `lernet review --accepted`, a
person's in `lernet review --coder PERSON` (`--accepted` when settled already)."""


@dataclass
class Gone:
    transcript: str
    code: str
    coder: str
    status: str
    kind: str
    settled: bool = False
    """Reviewed already (a person's coding settled in review, a machine's accepted)."""
    created_at: str = ""

    @property
    def by_rules(self) -> bool:
        return self.kind == RULES


def _kind(source: str, rule: str | None) -> str:
    if source in ("rule", "protocol"):
        return RULES
    if source == SIMILAR:
        return SIMILAR
    if source == "review" or (source == "merge" and rule == "review"):
        return REVIEW
    return HAND


def from_this_project(other: Other, exported: set[str]) -> bool:
    """An archive written by lernet, holding the rules' codings or this project's source GUIDs
    (`exported`: those of its transcripts coded from their own files, not of those another
    archive brought) went out from this project: what it lacks of this project's codings on its
    transcripts was deleted there (another's own archive holds none of them, and lacks all)."""
    if other.archive is None:
        return False
    if other.archive.lernet_made or any(
        _key(c.coder) in MACHINES for t in other.transcripts for c in t.codings
    ):
        return True
    return any(t.source is not None and t.source.guid in exported for t in other.transcripts)


def made_since(gone: list[Gone], held: list[str]) -> list[Gone]:
    """Of the codings an archive lacks, those made here after its export: later than every
    coding of this project's that the archive holds (`held`, when they were made). The export
    was made after those; a coding made after it cannot have been deleted there. Without one
    held, none is known to be later."""
    newest = max((h for h in held if h), default="")
    return [g for g in gone if newest and g.created_at and _utc(g.created_at) > _utc(newest)]


def _utc(when: str) -> str:
    """A stored time comparable as text (the store writes UTC, `...+00:00`)."""
    from datetime import UTC, datetime

    try:
        t = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return when
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def deleted_there(
    store: Store,
    codebook: Codebook,
    theirs: OtherTranscript,
    ours: _Here,
    placer: _Placer,
    maps: dict[str, str],
    held: list[str] | None = None,
) -> list[Gone]:
    """This transcript's codings (not rejected) whose code the archive has on none of the turn's
    codings: compared by turn and code, so a coding the other tool widened or cut is not taken
    for deleted. `held` gets when the codings the archive does have were made (`made_since`)."""
    there: set[tuple[int, str]] = set()
    for c in theirs.codings:
        code = _our_code(codebook, c, maps)
        where = placer.place(c) if code is not None else None
        if code is not None and where is not None:
            there.add((where[0], code))
    name = Path(ours.path).name
    if held is not None:
        held += [
            str(created or "")
            for seg, code, created in store.conn.execute(
                "SELECT segment, code, created_at FROM codings WHERE transcript_id = ? "
                "AND detached IS NULL AND status != 'rejected'",
                (ours.id,),
            )
            if (int(seg), str(code)) in there
        ]
    return [
        Gone(
            name,
            str(code),
            str(coder),
            str(status),
            _kind(str(source), rule),
            reviewer is not None,
            str(created or ""),
        )
        for seg, code, coder, status, source, rule, reviewer, created in store.conn.execute(
            "SELECT segment, code, coder, status, source, rule, reviewer, created_at FROM "
            "codings WHERE transcript_id = ? AND detached IS NULL AND status != 'rejected' "
            "ORDER BY segment, id",
            (ours.id,),
        )
        if (int(seg), str(code)) not in there
        and ours.turns.get(int(seg), ("",))[0] == "participant"
    ]
