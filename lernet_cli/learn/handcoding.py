"""One person's hand coding, segment by segment: what rules are measured against and learned from.

A transcript counts as coded by a person when they made at least one coding in it by hand (a
comment, a tag, an import). Every participant turn in it that they did not give a code (or one of
its sub-codes) is then taken as a deliberate "not this code": that is what makes precision and
recall computable. What they did in review (a changed code, an accepted candidate) counts within
such a transcript, but does not make one: accepting one turn is no judgement on the others.
Codings by the rules (`auto`) and by the interview protocol (`protocol`) are never hand coding,
even when a person accepted them, because only what the rules proposed could have been accepted.

Several people's hand coding can be pooled (two research assistants who each coded part of the
interviews): their transcripts together, and a turn counts as coded with a code when any of them
gave it that code, so a transcript both coded (for agreement) counts once, with what either saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..store.coders import NOT_IN_REVIEW

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from ..store.store import Store

MACHINE_CODERS = ("auto", "protocol", "similar")


@dataclass
class Unit:
    """A participant turn of a hand-coded transcript."""

    transcript_id: int
    path: str
    participant: str
    segment: int
    text: str


@dataclass
class HandCoding:
    coder: str
    units: list[Unit]
    codes: list[set[str]]
    """Per unit, the codes the person gave it, each with all its ancestors."""

    @property
    def transcripts(self) -> list[str]:
        return list(dict.fromkeys(u.path for u in self.units))

    def positives(self, code_id: str) -> list[bool]:
        return [code_id in codes for codes in self.codes]


def human_coders(store: Store) -> list[str]:
    """People who coded by hand: comments, tags, imports. Codings made in review (a changed code,
    an accepted candidate) are judgements on single turns, not a coded transcript."""
    rows = store.conn.execute(
        f"SELECT DISTINCT coder FROM codings WHERE status != 'rejected' AND {NOT_IN_REVIEW}"
    )
    names = store.coder_names()
    return names.people(str(r[0]) for r in rows if str(r[0]) not in MACHINE_CODERS)


def hand_coded_transcripts(store: Store) -> dict[int, str]:
    """Transcripts anyone coded by hand in (id -> path), as `load_hand_coding` takes them: a
    coding by a person, not made in review, not detached."""
    machines = ",".join("?" * len(MACHINE_CODERS))
    return {
        int(tid): str(path)
        for tid, path in store.conn.execute(
            "SELECT id, path FROM transcripts WHERE id IN (SELECT transcript_id FROM codings "
            f"WHERE coder NOT IN ({machines}) AND detached IS NULL AND {NOT_IN_REVIEW})",
            MACHINE_CODERS,
        )
    }


def choose_coder(store: Store, coder: str | None) -> str:
    """The named person, or the only person who coded by hand."""
    people = human_coders(store)
    if coder is not None:
        person = store.coder_names().person(coder)
        coder = {p.casefold(): p for p in people}.get(person.casefold(), coder)
        if coder in MACHINE_CODERS:
            raise UsageError(f"{coder!r} is not a person; name someone who coded by hand")
        if coder not in people:
            known = ", ".join(people) if people else "none yet (see 'Coding by hand' in README)"
            raise UsageError(f"no hand coding by {coder!r}; people who coded by hand: {known}")
        return coder
    if len(people) == 1:
        return people[0]
    if not people:
        raise UsageError(
            "nobody has coded by hand yet: code a few transcripts with Word comments or "
            "[[code: text]] tags and run lernet code"
        )
    raise UsageError(
        "several people coded by hand; choose one with --coder (repeat it to pool their hand "
        f"coding): {', '.join(people)}"
    )


def choose_coders(store: Store, coders: Sequence[str] | None) -> list[str]:
    """The people named (each checked as by `choose_coder`, each once), or the only person who
    coded by hand when none is named."""
    if not coders:
        return [choose_coder(store, None)]
    return list(dict.fromkeys(choose_coder(store, c) for c in coders))


def with_ancestors(codebook: Codebook, code_ids: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for code_id in code_ids:
        out.add(code_id)
        code = codebook.codes.get(code_id)
        while code is not None and code.parent:
            out.add(code.parent)
            code = codebook.codes.get(code.parent)
    return out


def load_hand_coding(store: Store, codebook: Codebook, coder: str | Sequence[str]) -> HandCoding:
    """The participant turns of every transcript `coder` coded in, with the codes they gave; with
    several people, their hand coding pooled (see the module's docstring)."""
    people = [coder] if isinstance(coder, str) else list(coder)
    known = store.coder_names()
    names = list(dict.fromkeys(n for person in people for n in known.names_of(person)))
    which = f"coder IN ({','.join('?' * len(names))})"
    transcripts = {
        int(r[0])
        for r in store.conn.execute(
            f"SELECT DISTINCT transcript_id FROM codings WHERE {which} AND detached IS NULL "
            f"AND {NOT_IN_REVIEW}",
            names,
        )
    }
    given: dict[tuple[int, int], set[str]] = {}
    for tid, seg, code in store.conn.execute(
        "SELECT transcript_id, segment, code FROM codings "
        f"WHERE {which} AND status != 'rejected' AND detached IS NULL",
        names,
    ):
        given.setdefault((int(tid), int(seg)), set()).add(str(code))
    units: list[Unit] = []
    codes: list[set[str]] = []
    # what the rules read (and `suggest` learns from): the turns with the names masked
    from ..coding.names import NameMasks

    masks = NameMasks.from_store(store)
    for row in store.participant_segments(transcripts):
        text = masks.mask(row.transcript_id, row.segment_text)
        units.append(Unit(row.transcript_id, row.path, row.participant, row.segment, text))
        codes.append(with_ancestors(codebook, given.get((row.transcript_id, row.segment), set())))
    return HandCoding(" + ".join(people), units, codes)


def rule_codes(codebook: Codebook, units: list[Unit], store: Store | None = None) -> list[set[str]]:
    """Per unit, the codes the codebook's rules give it now (with ancestors), as `lernet code`
    does: the rules run on each participant turn alone (the unit's text, the names masked by
    `load_hand_coding`).

    With `store`, a transcript whose rule codings were made by these very rules is read from it
    instead of being coded again, which is most of the time on a large study.
    """
    from ..coding.autocode import code_doc
    from ..language.text import make_doc

    stored: dict[tuple[int, int], set[str]] = {}
    fresh: set[int] = set()
    if store is not None:
        from ..coding.digests import rules_digest
        from ..coding.names import NameMasks

        stale = set(store.stale_transcripts(rules_digest(codebook)))
        names = NameMasks.from_store(store).digest
        same = {t.id for t in store.transcripts() if t.names_digest == names}
        fresh = {u.transcript_id for u in units if u.path not in stale and u.transcript_id in same}
        for tid, seg, code in store.conn.execute(
            "SELECT transcript_id, segment, code FROM codings "
            "WHERE coder = 'auto' AND source = 'rule' AND detached IS NULL"
        ):
            if int(tid) in fresh:
                stored.setdefault((int(tid), int(seg)), set()).add(str(code))
    out = []
    for u in units:
        if u.transcript_id in fresh:
            found: Iterable[str] = stored.get((u.transcript_id, u.segment), set())
        else:
            found = (m.code for m in code_doc(codebook, make_doc(u.text)))
        out.append(with_ancestors(codebook, found))
    return out
