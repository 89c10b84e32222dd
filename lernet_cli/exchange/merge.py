"""`lernet merge OTHER`: a second coder's work, done in a copy of the project (or in another tool,
as a .qdpx), added to this project's transcripts under the second coder's own names.

What is taken: what a person made by hand there (Word comments, inline tags, codings made in
review, codings imported from another tool), not the rules' or the protocol's codings, which this
project makes itself. The other project's review decisions on the rules' codings are not taken
unless asked (`take_reviews`), and then only where this project has not decided yet.

How the work finds its place: the other project's transcripts are matched to this project's by
their text (word trigrams of the participants' speech, so a file name, a tag's brackets, a Word
comment's anchor, names hidden in an anonymized export or a tool's other cut into turns do not
matter), and each coding to the turn with the same text (else the turn holding its words, else
the most alike), its span carried over through an alignment of the two turns' texts.

Nothing of this project's own is changed: a merged coding has source `merge`, the source it had
there in `rule` (comment, tag, review, import), and its coder's name. A person who codes in this
project already (the copy was made after they coded, or both used the default `manual`) is not
taken from the other project: `renames` gives such a name another; except from the project this
one is nested in (`lernet init --nested`), whose work is the researcher's own. A coding already
here (same turn, span, code and person) is not added again, so merging twice adds nothing.

Memos (comments and tags that name no code, a .qdpx's notes on a source or a selection) come
along the same way: on the transcript with the same text, on the turn and words they mark
(placed as codings are; a memo whose words are not here stays on the transcript, without a
turn), with source `merge`, their author (renamed) and text. A memo with the same text by the
same person on the same transcript is here already and not added again; merged memos stay when
this project's files are coded again (store.save).

Another tool's archive (.qdpx from NVivo, MAXQDA, ATLAS.ti) holds its sources' text: a source
this project lacks is added as a transcript, as `lernet import qdpx` makes one (its text, turns,
codings under this codebook's codes, memos, and the archive's source, user, selection and note
GUIDs), and its participants are offered to the participants file; once added, it is known by
its GUID and its text, so merging the archive again adds nothing. Codes are this codebook's by
id or name, or as `maps` (--map THEIRS=OURS) says; a code left out is named with the nearest
code here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.codebook import Codebook
from ..store.backup import backup_store, default_backup_path
from ..store.coders import (
    CODER_WORD,
    MACHINES,
    PSEUDONYMS_META,
    is_person,
    joined,
    read_groups,
)
from ..store.store import Store
from .merge_match import (
    _Here,
    _here,
    _Placer,
    _squeezed,
    map_span,  # noqa: F401  (imported from here by the tests)
    match_transcripts,
)
from .merge_names import (
    _key,
    _our_code,
    close_code,  # noqa: F401  (imported from here by merge_codes)
    nearest_code,
    parse_maps,  # noqa: F401  (imported from here by the CLI)
    parse_renames,  # noqa: F401  (imported from here by the CLI)
    respelled,
    spelled_as,  # noqa: F401  (imported from here by merge_codes)
)
from .merge_read import (
    Other,
    OtherCoding,
    OtherTranscript,
    read_other,  # noqa: F401  (imported from here by the CLI)
)
from .merge_write import (
    _add_sources,
    _now,  # noqa: F401  (imported from here by taguette)
    _people_of,
    _Plan,
    _source_paths,
    _write,
)

REVIEWABLE = ("rule", "protocol")


@dataclass
class Missing:
    name: str
    codings: int
    memos: int = 0


@dataclass
class Withdrawn:
    """A transcript of theirs that is a withdrawn participant's (store/withdrawn.py)."""

    name: str
    participant: str
    codings: int
    memos: int


@dataclass
class Reviews:
    """The other project's decisions on the rules' codings, against this project's."""

    taken: int = 0
    pending: int = 0
    alike: int = 0
    differ: int = 0
    absent: int = 0
    rejections: int = 0
    reviewers: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.taken + self.pending + self.alike + self.differ + self.absent


@dataclass
class MergeResult:
    other: Path
    kind: str
    matched: list[tuple[str, str]] = field(default_factory=list)
    """(their transcript, this project's) for every transcript found here."""
    added: Counter[str] = field(default_factory=Counter)
    """Codings added per coder."""
    added_from: Counter[str] = field(default_factory=Counter)
    """... per source they had there (comment, tag, review, import)."""
    transcripts_added_to: int = 0
    already: int = 0
    by_rules: int = 0
    codes_here: Counter[str] = field(default_factory=Counter)
    """Codings left out because their coder codes in this project (by name)."""
    merged_here: Counter[str] = field(default_factory=Counter)
    """Codings left out because an earlier merge from another copy brought their coder's name
    in, and this copy holds none of that work: probably another person under the same name."""
    memos_merged_here: Counter[str] = field(default_factory=Counter)
    """Their memos, left out for the same reason."""
    unknown_codes: Counter[str] = field(default_factory=Counter)
    unplaced: Counter[str] = field(default_factory=Counter)
    """Codings whose words were not found here, per their transcript."""
    on_interviewer: int = 0
    withdrawn: int = 0
    missing: list[Missing] = field(default_factory=list)
    left_out: list[Withdrawn] = field(default_factory=list)
    """Their transcripts of participants who withdrew here: nothing of them is taken."""
    reviews: Reviews = field(default_factory=Reviews)
    groups_added: list[list[str]] = field(default_factory=list)
    memos: int = 0
    """Memos added."""
    memos_already: int = 0
    memos_here: Counter[str] = field(default_factory=Counter)
    """Memos left out because their author codes or writes memos in this project (by name)."""
    memos_unplaced: Counter[str] = field(default_factory=Counter)
    """Memos added on their transcript without a turn (their words are not here), per their
    transcript."""
    backup: Path | None = None
    warnings: list[str] = field(default_factory=list)
    encloses: bool = False
    """The other is the project this one is nested in (`Other.encloses`)."""
    sources_added: list[str] = field(default_factory=list)
    """The archive's sources added as transcripts, with their text (this project lacked them)."""
    source_codings: int = 0
    """Codings that came with those sources."""
    source_memos: int = 0
    notices: list[str] = field(default_factory=list)
    """What became of the added sources' participants and the archive's variables."""
    sources_here: int = 0
    """The archive's sources known here by their GUID (added before) but not by their text."""
    people: list[dict[str, Any]] = field(default_factory=list)
    """Participants the added sources' cases or names give (see qdpx_read)."""
    spelled: dict[str, str] = field(default_factory=dict)
    """Their code's name -> this codebook's code it was taken as, spelled otherwise here
    (`spelled_as`): said, so that a --map can take it elsewhere."""
    nearest: dict[str, str] = field(default_factory=dict)
    """A left-out code's name -> the nearest code of this codebook, to --map it on."""
    by_guid: dict[str, str] = field(default_factory=dict)
    """An archive's name in `codes_here` or `memos_here` -> the coder here whose user GUID it
    has."""
    gone: list[Any] = field(default_factory=list)
    """This project's codings an archive of its own export lacks (merge_deleted.Gone)."""
    made_since: int = 0
    """Codings it lacks that were made here after the export (merge_deleted.made_since): not
    in `gone`."""
    pseudonyms_back: dict[str, str] = field(default_factory=dict)
    """A pseudonym of this project's exports (`Codeur 3`) whose user GUID the other tool
    renewed -> the person here it stands for (`_pseudonyms_back`)."""

    @property
    def changed(self) -> bool:
        return bool(
            self.sources_added
            or sum(self.added.values())
            or self.reviews.taken
            or self.reviews.rejections
            or self.groups_added
            or self.memos
        )


def merge(
    store: Store,
    codebook: Codebook,
    other: Other,
    renames: dict[str, str] | None = None,
    take_reviews: bool = False,
    maps: dict[str, str] | None = None,
    language: str = "en",
    check: Callable[[MergeResult], None] | None = None,
) -> MergeResult:
    """Add the other project's hand coding to this store (see the module's docstring); the
    store is backed up first when anything is added. An archive's sources this project lacks
    are added as transcripts, with their text, codings, memos and GUIDs (`_add_sources`).
    `maps` takes another tool's code names as this codebook's codes (--map). `check` is
    given the result (the people the sources bring included) once everything is known and
    before the store changes: what must go with the merge (the participants file) is
    refused there, with nothing changed."""
    named = {_key(new) for new in (renames or {}).values()}
    known = _users_known_here(store, other)
    explicit = renames or {}
    renames = {**known, **explicit}
    for user, coder in known.items():
        # --rename 'root=NAME' as the merge offers it: for the archive's user of root's GUID
        if user not in explicit and _key(coder) in explicit:
            renames[user] = explicit[_key(coder)]
    maps = maps or {}
    result = MergeResult(
        other.path, other.kind, warnings=list(other.warnings), encloses=other.encloses
    )
    names = store.coder_names()
    added_before = _added_from(store, other)
    coding_here = {
        _key(names.person(str(c)))
        for c, tid in store.conn.execute(
            "SELECT DISTINCT coder, transcript_id FROM codings WHERE source != 'merge'"
        )
        if int(tid) not in added_before
    }
    writing_here = coding_here | {
        _key(names.person(str(a)))
        for a, tid in store.conn.execute(
            "SELECT DISTINCT author, transcript_id FROM memos WHERE source != 'merge'"
        )
        if int(tid) not in added_before
    }
    if other.encloses:
        # The project this one is nested in holds the researcher's own work, made there, not
        # a copy of this project's: what is here already is known by its place, code and
        # person (`existing`), not by the person alone.
        coding_here, writing_here = set(), set()
    here = _here(store)
    imported = {t.path for t in store.transcripts() if t.codebook_digest is None}
    existing: set[tuple[Any, ...]] = set()
    merged_here: set[str] = set()
    for tid, seg, code, start, end, coder, source in store.conn.execute(
        "SELECT transcript_id, segment, code, start, end, coder, source FROM codings "
        "WHERE detached IS NULL"
    ):
        person = _key(names.person(coder))
        existing.add((int(tid), int(seg), str(code), int(start), int(end), person))
        if source == "merge" and not other.encloses:
            merged_here.add(person)
    merged_here -= coding_here | named
    merged_again: set[str] = set()
    plan = _Plan()
    touched: set[int] = set()
    taken_coders: set[str] = set()
    source_guids = {
        str(k): str(g)
        for k, g in store.conn.execute("SELECT key, guid FROM guids WHERE kind = 'source'")
    }
    known_sources = set(source_guids.values())
    adding: list[OtherTranscript] = []
    kept = _not_withdrawn(store, other, result)
    matches = match_transcripts(kept, here)
    from .merge_deleted import deleted_there, from_this_project, made_since

    held: list[str] = []

    ours_exported = from_this_project(
        other, {g for path, g in source_guids.items() if path not in imported}
    )
    if not other.encloses:
        back = _pseudonyms_back(
            store, codebook, other, zip(kept, matches, strict=True), existing, maps
        )
        back = {k: v for k, v in back.items() if k not in renames}
        renames.update(back)
        result.pseudonyms_back = {
            n: back[_key(n)]
            for n in (other.archive.users.values() if other.archive else [])
            if _key(n) in back
        }
    for theirs, ours in zip(kept, matches, strict=True):
        by_hand = [
            c
            for c in theirs.codings
            if c.source not in REVIEWABLE and _key(c.coder) not in MACHINES
        ]
        if ours is None and theirs.source is not None and not other.archive.lernet_made:
            if theirs.source.guid and theirs.source.guid in known_sources:
                result.sources_here += 1
            else:
                adding.append(theirs)
                result.sources_added.append(theirs.name)
                for c in by_hand:
                    code = _our_code(codebook, c, maps)
                    if code is None:
                        result.unknown_codes[c.name or c.code] += 1
                    elif respelled(codebook, c, code, maps):
                        result.spelled.setdefault(c.name, code)
            continue
        if ours is None:
            result.missing.append(Missing(theirs.name, len(by_hand), len(theirs.memos)))
            continue
        result.matched.append((theirs.name, ours.path))
        placer = _Placer(theirs, ours)
        if ours_exported and ours.id not in added_before:
            result.gone += deleted_there(store, codebook, theirs, ours, placer, maps, held)
        # A transcript added from this very archive (its source's GUID, and no file of its
        # own): the codings of the archive's people are theirs to add (a code --map maps now),
        # though they code here. One coded from its file was exported with that GUID: the
        # archive is a copy of this project's work, as any other copy.
        own = (
            theirs.source is not None
            and source_guids.get(ours.path) == theirs.source.guid
            and ours.path in imported
        )
        for c in theirs.codings:
            if c.source in REVIEWABLE or _key(c.coder) in MACHINES:
                if c.reviewer and c.status in ("accepted", "rejected") and c.source in REVIEWABLE:
                    _review(store, placer, ours, c, codebook, take_reviews, result, plan)
                else:
                    result.by_rules += 1
                continue
            if c.status == "rejected":
                result.withdrawn += 1
                continue
            coder = renames.get(_key(c.coder), c.coder)
            code = _our_code(codebook, c, maps)
            if code is None:
                result.unknown_codes[c.name or c.code] += 1
                continue
            if c.name not in result.spelled and respelled(codebook, c, code, maps):
                result.spelled[c.name] = code
            where = placer.place(c)
            if where is None:
                result.unplaced[theirs.name] += 1
                continue
            seg, start, end = where
            if ours.turns[seg][0] != "participant":
                result.on_interviewer += 1
                continue
            key = (ours.id, seg, code, start, end, _key(names.person(coder)))
            # the work of a user who has this project's GUID of a coder here is that coder's,
            # also when --rename gives the archive's name for it another coder
            was = known.get(_key(c.coder))
            if key in existing or (was and (*key[:-1], _key(names.person(was))) in existing):
                result.already += 1
                merged_again.add(key[-1])
                continue
            if _key(names.person(coder)) in coding_here and not own:
                result.codes_here[_shown(c.coder, coder, known, result)] += 1
                continue
            existing.add(key)
            note = c.note
            if c.source == "review" and note and note.startswith("changed from "):
                note = "changed in review"
            plan.rows.append(
                (
                    ours.id,
                    seg,
                    code,
                    start,
                    end,
                    coder,
                    c.source,
                    c.direction,
                    c.status,
                    note,
                    c.reviewer,
                    c.reviewed_at,
                    c.created_at or "",
                )
            )
            plan.guids.append(c.guids)
            result.added[coder] += 1
            result.added_from[c.source] += 1
            touched.add(ours.id)
            taken_coders.add(_key(coder))
        if take_reviews:
            _rejections(store, theirs, ours, codebook, plan, result)
        writing = set() if own else writing_here
        if _memos(store, theirs, ours, placer, renames, known, writing, plan, result):
            touched.add(ours.id)
    later = made_since(result.gone, held)
    if later:
        # made here after the export: not deleted there, only newer than the archive
        result.gone = [g for g in result.gone if all(g is not n for n in later)]
        result.made_since = len(later)
    _another_person(merged_here - merged_again, plan, names.person, result, touched)
    result.transcripts_added_to = len(touched)
    _groups(store, other, renames, taken_coders, plan, result)
    result.missing.sort(key=lambda m: m.name)
    for name in result.unknown_codes:
        near = nearest_code(codebook, name)
        if near is not None:
            result.nearest[name] = near
    paths = _source_paths(store, adding)
    result.people = list(_people_of(other, adding, paths).values())
    if check is not None:
        check(result)
    if result.changed:
        result.backup = backup_store(store, default_backup_path(store.path))
        _write(store, plan)
        if adding:
            _add_sources(store, codebook, other, adding, paths, maps, language, result)
    return result


def _another_person(
    strangers: set[str],
    plan: _Plan,
    person: Callable[[str], str],
    result: MergeResult,
    touched: set[int],
) -> None:
    """Take back the codings of a name an earlier merge brought in (from another copy) when
    this copy holds none of that work: two students who both tagged under their login name
    (`root`) or as `manual` are two people, and adding the second's work under the first's name
    would count them as one. Their codings and memos are counted in `result.merged_here` and
    `result.memos_merged_here`, not added;
    --rename NAME=NEW (or NAME=NAME, for the same person) takes them."""
    if not strangers:
        return
    kept_rows, kept_guids = [], []
    for row, guids in zip(plan.rows, plan.guids, strict=True):
        coder = str(row[5])
        if _key(person(coder)) in strangers:
            result.merged_here[coder] += 1
            result.added[coder] -= 1
            result.added_from[row[6]] -= 1
        else:
            kept_rows.append(row)
            kept_guids.append(guids)
    plan.rows, plan.guids = kept_rows, kept_guids
    result.added = +result.added
    result.added_from = +result.added_from
    kept_memos = []
    for memo in plan.memos:
        if _key(person(str(memo[4]))) in strangers:
            result.memos_merged_here[str(memo[4])] += 1
            result.memos -= 1
        else:
            kept_memos.append(memo)
    plan.memos = kept_memos
    touched &= {int(r[0]) for r in plan.rows} | {int(m[0]) for m in plan.memos}


def _not_withdrawn(store: Store, other: Other, result: MergeResult) -> list[OtherTranscript]:
    """Their transcripts less those of a participant who withdrew here (`lernet remove
    --participant`: store/withdrawn.py), which are named in `result.left_out` and of which
    nothing is taken."""
    from ..language.speech import speech_sample
    from ..store.withdrawn import withdrawals, withdrawn_match

    found = withdrawals(store)
    if not found:
        return list(other.transcripts)
    kept = []
    for theirs in other.transcripts:
        sample = speech_sample(t for r, t in theirs.turns.values() if r == "participant")
        w = withdrawn_match(found, theirs.digests, sample)
        if w is None:
            kept.append(theirs)
            continue
        by_hand = [
            c
            for c in theirs.codings
            if c.source not in REVIEWABLE and _key(c.coder) not in MACHINES
        ]
        result.left_out.append(
            Withdrawn(theirs.name, w.participant, len(by_hand), len(theirs.memos))
        )
    return kept


def _review(
    store: Store,
    placer: _Placer,
    ours: _Here,
    c: OtherCoding,
    codebook: Codebook,
    take: bool,
    result: MergeResult,
    plan: _Plan,
) -> None:
    """Their decision on a rule's coding against ours on the same coding here."""
    tally = result.reviews
    tally.reviewers.add(str(c.reviewer))
    where = placer.place(c)
    code = _our_code(codebook, c)
    if where is None or code is None:
        tally.absent += 1
        return
    seg, start, end = where
    row = store.conn.execute(
        "SELECT id, status, direction FROM codings WHERE transcript_id = ? AND segment = ? "
        "AND code = ? AND source = ? AND detached IS NULL "
        "ORDER BY (start = ? AND end = ?) DESC, id LIMIT 1",
        (ours.id, seg, code, c.source, start, end),
    ).fetchone()
    if row is None:
        tally.absent += 1
    elif row[1] == "pending":
        if take and all(r[4] != int(row[0]) for r in plan.reviews):
            # accepted with another direction (`lernet review`, d): that direction comes along
            turned = c.direction if c.status == "accepted" and c.direction != row[2] else None
            plan.reviews.append(
                (c.status, str(c.reviewer), c.reviewed_at, c.note, int(row[0]), turned)
            )
            tally.taken += 1
        else:
            tally.pending += 1
    elif row[1] == c.status:
        tally.alike += 1
    else:
        tally.differ += 1


def _memos(
    store: Store,
    theirs: OtherTranscript,
    ours: _Here,
    placer: _Placer,
    renames: dict[str, str],
    known: dict[str, str],
    writing_here: set[str],
    plan: _Plan,
    result: MergeResult,
) -> bool:
    """Their memos on this transcript, unless here already (same text by the same person) or
    by a person who codes or writes memos here (as with codings: a copy made after they wrote
    carries their memos, which are here already, or both wrote as `manual`)."""
    names = store.coder_names()
    here: set[tuple[str, str]] = set()
    for author, text in store.conn.execute(
        "SELECT author, text FROM memos WHERE transcript_id = ?", (ours.id,)
    ):
        here.add((_key(names.person(str(author))), _squeezed(str(text))))
    noted = {
        _squeezed(str(n))
        for (n,) in store.conn.execute(
            "SELECT note FROM codings WHERE transcript_id = ? AND note IS NOT NULL", (ours.id,)
        )
    }
    added = False
    for m in theirs.memos:
        author = renames.get(_key(m.author), m.author)
        key = (_key(names.person(author)), _squeezed(m.text))
        was = known.get(_key(m.author))
        if key in here or key[1] in noted or (was and (_key(names.person(was)), key[1]) in here):
            result.memos_already += 1
            continue
        if key[0] in writing_here:
            result.memos_here[_shown(m.author, author, known, result)] += 1
            continue
        where = placer.place_memo(m)
        if where is None:
            where = (None, 0, 0)
            result.memos_unplaced[theirs.name] += 1
        here.add(key)
        plan.memos.append((ours.id, *where, author, m.text, m.reason, m.created_at or ""))
        result.memos += 1
        added = True
    return added


def _rejections(
    store: Store,
    theirs: OtherTranscript,
    ours: _Here,
    codebook: Codebook,
    plan: _Plan,
    result: MergeResult,
) -> None:
    """Candidates they rejected, on the turn with the same words here, unless rejected here."""
    by_text = {_squeezed(t): t for r, t in ours.turns.values() if r == "participant" and t.strip()}
    known = {
        (str(code), str(text))
        for code, text in store.conn.execute(
            "SELECT code, text FROM candidate_rejections WHERE transcript_id = ?", (ours.id,)
        )
    }
    for code, text, reviewer, when in theirs.rejections:
        mine = by_text.get(_squeezed(text))
        our_code = code if code in codebook.codes else None
        if mine is None or our_code is None or (our_code, mine) in known:
            continue
        known.add((our_code, mine))
        plan.rejections.append((ours.id, our_code, mine, reviewer, when))
        result.reviews.rejections += 1
        result.reviews.reviewers.add(reviewer)


def _groups(
    store: Store,
    other: Other,
    renames: dict[str, str],
    taken: set[str],
    plan: _Plan,
    result: MergeResult,
) -> None:
    """Their `lernet coders same` for the people merged, where this project says nothing of
    those names yet."""
    ours = read_groups(store.conn)
    said = {_key(n) for g in ours for n in g}
    for group in other.groups:
        names = list(dict.fromkeys(renames.get(_key(n), n) for n in group))
        keys = {_key(n) for n in names}
        if len(keys) < 2 or not keys & taken or keys & said or keys & set(MACHINES):
            continue
        ours = joined(ours, names)
        said |= keys
        result.groups_added.append(names)
    if result.groups_added:
        plan.groups = ours


def _added_from(store: Store, other: Other) -> set[int]:
    """The stored transcripts an import or merge of this very archive added (its source's GUID,
    no file of their own). Their codings are the archive's people's work, not this project's:
    they do not make those people coders here, whose codings on other transcripts a copy of
    this project would repeat, so merging the archive again (with a --map) takes the rest."""
    if other.archive is None or other.archive.lernet_made:
        return set()
    theirs = {
        str(t.source.guid).casefold()
        for t in other.transcripts
        if t.source is not None and t.source.guid
    }
    by_path = {
        str(k): str(g).casefold()
        for k, g in store.conn.execute("SELECT key, guid FROM guids WHERE kind = 'source'")
    }
    return {
        t.id
        for t in store.transcripts()
        if t.codebook_digest is None and by_path.get(t.path) in theirs
    }


def _shown(theirs: str, coder: str, known: dict[str, str], result: MergeResult) -> str:
    """Whom a left-out coding or memo is said to be by: the archive's name where it is a coder
    only by the user's GUID and the other tool renamed that user (not a pseudonym of ours), so
    that the message says what the archive calls them."""
    pseudonym = re.fullmatch(rf"(?:{'|'.join(CODER_WORD.values())}) \d+", theirs.strip())
    if _key(theirs) in known and _key(theirs) != _key(coder) and not pseudonym:
        result.by_guid[theirs] = coder
        return theirs
    return coder


def _users_known_here(store: Store, other: Other) -> dict[str, str]:
    """An archive's users this project's exports gave their GUIDs (an anonymized archive's
    `Codeur 1`, back from lernet or another tool that kept the GUID): their name in the archive
    (as `renames` keys it) -> the coder here, so their work comes back under their own name."""
    archive = other.archive
    if archive is None:
        return {}
    ours = {
        str(g).casefold(): str(k)
        for k, g in store.conn.execute("SELECT key, guid FROM guids WHERE kind = 'user'")
    }
    out: dict[str, str] = {}
    for guid, name in archive.users.items():
        coder = ours.get(str(guid).casefold())
        if coder is None or not name or coder.removesuffix(":reviewed") in MACHINES:
            continue
        if _key(name) != _key(coder):
            out[_key(name)] = coder
    return out


def _pseudonyms_back(
    store: Store,
    codebook: Codebook,
    other: Other,
    pairs: Iterable[tuple[OtherTranscript, _Here | None]],
    existing: set[tuple[Any, ...]],
    maps: dict[str, str],
) -> dict[str, str]:
    """An archive's users named as this project's exports name a person (`Codeur 3`, `Coder
    3`) but under a GUID unknown here (QualCoder gives every user a new one at each export):
    that person, where at least one of the user's codings (same words and code) or memos (same
    text) is here already by them, so the archive is this project's export coming back and not
    a colleague's, whose `Codeur 3` is someone else. Without this their work came back twice,
    once under the pseudonym as a new coder."""
    archive = other.archive
    if archive is None:
        return {}
    try:
        numbers = json.loads(store.get_meta(PSEUDONYMS_META) or "{}")
    except ValueError:
        return {}
    by_name = {
        _key(f"{word} {n}"): str(person)
        for person, n in (numbers.items() if isinstance(numbers, dict) else [])
        if isinstance(n, int) and is_person(str(person))
        for word in CODER_WORD.values()
    }
    known = {str(g).casefold() for (g,) in store.conn.execute("SELECT guid FROM guids")}
    candidates = {
        _key(name): by_name[_key(name)]
        for guid, name in archive.users.items()
        if name and _key(name) in by_name and str(guid).casefold() not in known
    }
    words = "|".join(CODER_WORD.values())
    unnumbered = {
        _key(name)
        for guid, name in archive.users.items()
        if name
        and _key(name) not in by_name
        and str(guid).casefold() not in known
        and re.fullmatch(rf"(?:{words}) \d+", name.strip(), re.IGNORECASE)
    }
    pairs = list(pairs)
    if unnumbered:
        return _unnumbered_back(store, codebook, pairs, existing, maps, unnumbered) | (
            _pseudonyms_back_numbered(store, codebook, pairs, existing, maps, candidates)
        )
    return _pseudonyms_back_numbered(store, codebook, pairs, existing, maps, candidates)


def _unnumbered_back(
    store: Store,
    codebook: Codebook,
    pairs: list[tuple[OtherTranscript, _Here | None]],
    existing: set[tuple[Any, ...]],
    maps: dict[str, str],
    unnumbered: set[str],
) -> dict[str, str]:
    """An archive's users under a pseudonym this store never gave (`Codeur 1` of an export
    made in the project this one is a copy of, after the copy): the one person here whose
    codings (same words and code) that user's are, so that the copy's own work does not come
    back a second time under the pseudonym; none where two people here have them."""
    names = store.coder_names()
    who: dict[str, str] = {}
    for (coder,) in store.conn.execute("SELECT DISTINCT coder FROM codings"):
        person = names.person(str(coder))
        if is_person(person):
            who[_key(person)] = person
    seen: dict[str, set[str]] = {}
    for theirs, ours in pairs:
        if ours is None:
            continue
        placer = _Placer(theirs, ours)
        for c in theirs.codings:
            if _key(c.coder) not in unnumbered:
                continue
            code = _our_code(codebook, c, maps)
            where = placer.place(c) if code else None
            if where is None:
                continue
            seg, start, end = where
            seen.setdefault(_key(c.coder), set()).update(
                p for p in who if (ours.id, seg, code, start, end, p) in existing
            )
    return {n: who[next(iter(ps))] for n, ps in seen.items() if len(ps) == 1}


def _pseudonyms_back_numbered(
    store: Store,
    codebook: Codebook,
    pairs: list[tuple[OtherTranscript, _Here | None]],
    existing: set[tuple[Any, ...]],
    maps: dict[str, str],
    candidates: dict[str, str],
) -> dict[str, str]:
    """`_pseudonyms_back` of the pseudonyms this store gave (`candidates`: name -> person)."""
    if not candidates:
        return {}
    names = store.coder_names()
    found: dict[str, str] = {}
    for theirs, ours in pairs:
        if ours is None:
            continue
        placer = _Placer(theirs, ours)
        memos = {
            (_key(names.person(str(a))), _squeezed(str(t)))
            for a, t in store.conn.execute(
                "SELECT author, text FROM memos WHERE transcript_id = ?", (ours.id,)
            )
        }
        for c in theirs.codings:
            person = candidates.get(_key(c.coder))
            code = _our_code(codebook, c, maps) if person else None
            where = placer.place(c) if code else None
            if person and where:
                seg, start, end = where
                if (ours.id, seg, code, start, end, _key(names.person(person))) in existing:
                    found[_key(c.coder)] = person
        for m in theirs.memos:
            person = candidates.get(_key(m.author))
            if person and (_key(names.person(person)), _squeezed(m.text)) in memos:
                found[_key(m.author)] = person
    return found
