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
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath
from typing import Any

from ..codebook.codebook import Codebook
from ..errors import ProjectError, UsageError
from ..project.project import CONFIG_NAME, STORE_DIR, STORE_NAME
from ..store.backup import backup_store, default_backup_path, opened_copy
from ..store.coders import (
    CODER_WORD,
    MACHINES,
    PSEUDONYMS_META,
    is_person,
    joined,
    read_groups,
    write_groups,
)
from ..store.store import Store

SQLITE_MAGIC = b"SQLite format 3\x00"
SAME_TRANSCRIPT = 0.8
"""How much of both transcripts' participant speech (as word trigrams) the other must hold:
as much as makes a file a version of a stored interview (coding/versions.py)."""
ALIKE_TURN = 0.6
"""How alike (difflib's ratio) a turn must be to take a coding whose turn has no twin here."""
WORDS_ENOUGH = 25
"""Characters a text needs before a turn that holds it is taken for its place ("Ja." is in many)."""
REVIEWABLE = ("rule", "protocol")


@dataclass
class OtherCoding:
    segment: int
    code: str
    start: int
    end: int
    coder: str
    source: str
    direction: str | None = None
    status: str = "accepted"
    note: str | None = None
    reviewer: str | None = None
    reviewed_at: str | None = None
    created_at: str | None = None
    name: str = ""
    """The code's name in another tool, when its id is not this codebook's."""
    guids: tuple[str, str] = ("", "")
    """An archive's coding: the GUIDs of its selection and its coding in the other tool (on the
    first part of a selection cut into turns only; "" for none), kept for the way back where
    no other GUID of the project is the same."""


@dataclass
class OtherMemo:
    segment: int | None
    """None: on the whole transcript."""
    start: int
    end: int
    author: str
    text: str
    reason: str
    created_at: str | None = None


@dataclass
class OtherTranscript:
    name: str
    turns: dict[int, tuple[str, str]]
    """segment -> (role, text)"""
    codings: list[OtherCoding] = field(default_factory=list)
    rejections: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Candidates a person rejected there: (code, turn text, reviewer, when)."""
    memos: list[OtherMemo] = field(default_factory=list)
    source: Any = None
    """The archive's source (qdpx_read._Source) it was read from, when it came from one."""
    digests: set[str] = field(default_factory=set)
    """Its file's and its text's digests, as another lernet store keeps them."""


@dataclass
class Other:
    """What another project (or archive) holds, read before anything here changes."""

    path: Path
    kind: str  # "project", "store" or "archive"
    transcripts: list[OtherTranscript] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encloses: bool = False
    """A project whose folder holds this one (`lernet init --nested`: a separate study inside
    it, such as one wave): the researcher's own project, not a copy of this one, so a person who
    codes here too is not taken for someone whose work is here already."""
    archive: Any = None
    """The archive (qdpx_read._Archive) read, when it is one: another tool's sources this
    project lacks are added with their text (`_add_sources`); a lernet export's are a copy's
    transcripts (anonymized, perhaps), which the copy's files should be added for instead."""


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


# --- reading the other side ---------------------------------------------------------------


def read_other(path: Path, here: Path, scratch: Path) -> Other:
    """The other project, store or archive; `here` is this project's root (merging a project
    into itself is refused), `scratch` a private folder for the copy of a store."""
    if not path.exists():
        raise UsageError("no such folder or file", path)
    if path.is_dir():
        root = path.resolve()
        if root == here.resolve():
            raise UsageError("that is this project; name the other coder's copy", path)
        encloses = root in here.resolve().parents
        if not (root / CONFIG_NAME).is_file():
            raise ProjectError(
                f"not a lernet project (no {CONFIG_NAME}); name a project folder or a .qdpx", path
            )
        store_path = root / STORE_DIR / STORE_NAME
        if not store_path.exists():
            raise ProjectError("a lernet project with no store yet: nothing coded there", path)
        other = _read_store(store_path, path, "project", scratch)
        other.encloses = encloses
        return other
    from ..userfiles import open_regular

    with open_regular(path, ProjectError, what="a project to merge") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        mine = here / STORE_DIR / STORE_NAME
        if mine.exists() and path.resolve() == mine.resolve():
            raise UsageError("that is this project's own store", path)
        return _read_store(path, path, "store", scratch)
    return _read_archive(path)


def _read_store(store_path: Path, shown: Path, kind: str, scratch: Path) -> Other:
    other = Other(shown, kind)
    try:
        with opened_copy(store_path, scratch) as store:
            _read_tables(store.conn, other)
    except sqlite3.DatabaseError:
        from ..errors import StoreError

        raise StoreError("the store is damaged; it cannot be merged", store_path) from None
    return other


def _read_tables(conn: sqlite3.Connection, other: Other) -> None:
    by_id: dict[int, OtherTranscript] = {}
    columns = {r[1] for r in conn.execute("PRAGMA table_info(transcripts)")}
    said = "said" if "said" in columns else "NULL"
    for tid, path, sha, digest in conn.execute(
        f"SELECT id, path, sha256, {said} FROM transcripts ORDER BY path"
    ):
        by_id[int(tid)] = OtherTranscript(
            str(path), {}, digests={str(d) for d in (sha, digest) if d}
        )
    for tid, idx, role, text in conn.execute(
        "SELECT transcript_id, idx, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].turns[int(idx)] = (str(role), str(text))
    for row in conn.execute(
        "SELECT transcript_id, segment, code, start, end, coder, direction, status, source, "
        "note, reviewer, reviewed_at, created_at FROM codings WHERE detached IS NULL "
        "ORDER BY transcript_id, segment, start, id"
    ):
        tid, seg, code, start, end, coder, direction, status, source, *rest = row
        if int(tid) in by_id:
            by_id[int(tid)].codings.append(
                OtherCoding(
                    int(seg),
                    str(code),
                    int(start),
                    int(end),
                    str(coder),
                    str(source),
                    direction,
                    str(status),
                    *rest,
                )
            )
    for tid, code, text, reviewer, when in conn.execute(
        "SELECT transcript_id, code, text, reviewer, decided_at FROM candidate_rejections"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].rejections.append((str(code), str(text), str(reviewer), str(when)))
    for tid, seg, start, end, author, text, reason, created in conn.execute(
        "SELECT transcript_id, segment, start, end, author, text, reason, created_at FROM memos "
        "ORDER BY transcript_id, id"
    ):
        if int(tid) in by_id:
            by_id[int(tid)].memos.append(
                OtherMemo(
                    None if seg is None else int(seg),
                    int(start),
                    int(end),
                    str(author),
                    str(text),
                    str(reason),
                    created,
                )
            )
    other.groups = read_groups(conn)
    other.transcripts = list(by_id.values())


def _read_archive(path: Path) -> Other:
    """A REFI-QDA archive: its sources cut into turns as `lernet import qdpx` cuts them, and
    every text coding on the turns it covers."""
    from .qdaxml import _META_RE, DIRECTIONS, STATUSES
    from .qdc import _walk_imported
    from .qdpx_import import _evidence, _lernet_layout, _source_layout
    from .qdpx_read import read_archive

    archive = read_archive(path)
    other = Other(path, "archive", warnings=list(archive.warnings), archive=archive)
    codes = {c.guid: c for c in _walk_imported(archive.codes)}
    for src in archive.sources:
        layout = (
            _lernet_layout(src.text, src.interviewers)
            if archive.lernet_made and not src.own_layout
            else _source_layout(src.text, src.name, src.interviewers)
        )
        mine = OtherTranscript(
            src.name, {i: (t.role, t.text) for i, t in enumerate(layout.turns, 1)}, source=src
        )
        for sel in src.selections:
            meta = _META_RE.search(sel.description)
            status = meta["status"] if meta and meta["status"] in STATUSES else "accepted"
            direction = meta["direction"] if meta and meta["direction"] in DIRECTIONS else None
            pieces = layout.cut(*(_evidence(src.text, sel) or (sel.start, sel.end)))
            selection_guid = sel.guid
            for coded in sel.codings:
                code = codes.get(coded.code)
                if code is None:
                    continue
                coder = archive.users.get(coded.user) or "unknown"
                for n, (idx, a, b) in enumerate(pieces):
                    mine.codings.append(
                        OtherCoding(
                            idx,
                            code.id,
                            a,
                            b,
                            coder,
                            "import",
                            direction,
                            status,
                            created_at=coded.created,
                            note=sel.note or None,
                            name=code.name,
                            guids=(selection_guid, coded.guid) if n == 0 else ("", ""),
                        )
                    )
                    if n == 0:
                        selection_guid = ""  # the selection's GUID goes to its first coding
            if (
                sel.note
                and sel.codings
                and all(_key(archive.users.get(c.user) or "") in MACHINES for c in sel.codings)
            ):
                # what a person typed into the memo of a rules' coding, which this project
                # makes again and leaves out: a memo on its words, by whom the archive does
                # not say
                on = layout.cut(sel.start, sel.end)
                at: tuple[int | None, int, int] = on[0] if on else (None, 0, 0)
                mine.memos.append(OtherMemo(*at, "unknown", sel.note, "note", sel.made))
        for guid in src.notes:
            if guid in archive.notes:
                author, text = archive.notes[guid]
                when = archive.note_times.get(guid)
                mine.memos.append(OtherMemo(None, 0, 0, author, text, "note", when))
        for sel in src.selections:
            notes = [g for g in sel.notes if g in archive.notes]
            cut = layout.cut(sel.start, sel.end) if notes else []
            seg, a, b = cut[0] if cut else (None, 0, 0)
            for guid in notes:
                author, text = archive.notes[guid]
                when = archive.note_times.get(guid)
                mine.memos.append(OtherMemo(seg, a, b, author, text, "note", when))
        other.transcripts.append(mine)
    return other


# --- finding the transcripts and the turns ----------------------------------------------------

_WORD_RE = re.compile(r"\w+")


def _trigrams(texts: list[str]) -> set[tuple[str, ...]]:
    """The word trigrams of each text (a turn; none across turns, so that the participants'
    turns alone and all turns give the same ones); a text of fewer words as it is."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        words = _WORD_RE.findall(text.casefold())
        if len(words) < 3:
            out |= {tuple(words)} if words else set()
        else:
            out |= {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    return out


@dataclass
class _Here:
    """One of this project's transcripts, as the merge sees it."""

    id: int
    path: str
    turns: dict[int, tuple[str, str]]
    spoken: set[tuple[str, ...]] = field(default_factory=set)
    everything: set[tuple[str, ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.spoken = _trigrams([t for r, t in self.turns.values() if r == "participant"])
        self.everything = _trigrams([t for _, t in self.turns.values()])


def _here(store: Store) -> list[_Here]:
    turns: dict[int, dict[int, tuple[str, str]]] = {}
    for tid, idx, role, text in store.conn.execute(
        "SELECT transcript_id, idx, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        turns.setdefault(int(tid), {})[int(idx)] = (str(role), str(text))
    return [_Here(t.id, t.path, turns.get(t.id, {})) for t in store.transcripts()]


def _share(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def transcript_score(theirs: OtherTranscript, h: _Here) -> float:
    """How much of both transcripts' participant speech stands in the other (0..1): the
    smaller of the share of ours in theirs and of theirs in ours."""
    spoken = _trigrams([t for r, t in theirs.turns.values() if r == "participant"])
    everything = _trigrams([t for _, t in theirs.turns.values()])
    if not everything or not h.spoken:
        return 0.0
    score = _share(h.spoken, everything)
    if spoken:
        score = min(score, _share(spoken, h.everything))
    return score


def match_transcripts(others: list[OtherTranscript], here: list[_Here]) -> list[_Here | None]:
    """This project's transcript with the same interview as each of `others`, or None: at
    least `SAME_TRANSCRIPT` of each one's participant speech stands in the other (a version of
    the whole interview: sentences many interviews share are far from that), and each of ours
    is the interview of one of theirs at most, the one most alike (on a tie the one with the
    same file name): a transcript of theirs this project lacks finds no home in another that
    happens to resemble it."""
    pairs: list[tuple[float, bool, int, int]] = []
    for n, theirs in enumerate(others):
        name = PurePosixPath(theirs.name.replace("\\", "/")).name
        for m, h in enumerate(here):
            score = transcript_score(theirs, h)
            if score >= SAME_TRANSCRIPT:
                pairs.append((score, PurePosixPath(h.path).name == name, -n, -m))
    found: list[_Here | None] = [None] * len(others)
    taken: set[int] = set()
    for _, _, n, m in sorted(pairs, reverse=True):
        if found[-n] is None and -m not in taken:
            found[-n] = here[-m]
            taken.add(-m)
    return found


def match_transcript(theirs: OtherTranscript, here: list[_Here]) -> _Here | None:
    """`match_transcripts` of one transcript."""
    return match_transcripts([theirs], here)[0]


def _squeezed(text: str) -> str:
    return " ".join(text.split())


class _Placer:
    """Where their codings of one transcript stand in ours: turn and span."""

    def __init__(self, theirs: OtherTranscript, ours: _Here):
        self.theirs = theirs
        self.ours = ours
        self._exact: dict[str, list[int]] = {}
        self._squeezed: dict[str, list[int]] = {}
        for idx, (_, text) in ours.turns.items():
            self._exact.setdefault(text, []).append(idx)
            self._squeezed.setdefault(_squeezed(text), []).append(idx)
        self._turn: dict[int, int | None] = {}

    def turn(self, seg: int) -> int | None:
        """Our turn for their segment `seg`: the same text (the nearest, if several), the same
        words, a turn holding their whole turn, else the most alike."""
        if seg in self._turn:
            return self._turn[seg]
        text = self.theirs.turns.get(seg, ("", ""))[1]
        found = None
        if text.strip():
            near = self._exact.get(text) or self._squeezed.get(_squeezed(text))
            if near:
                found = min(near, key=lambda i: (abs(i - seg), i))
            else:
                holding = []
                if len(text.strip()) >= WORDS_ENOUGH:
                    holding = [i for i, (_, t) in self.ours.turns.items() if text.strip() in t]
                found = (
                    min(holding, key=lambda i: (abs(i - seg), i))
                    if holding
                    else self._alike(text, seg)
                )
        self._turn[seg] = found
        return found

    def _alike(self, text: str, seg: int) -> int | None:
        scored = []
        for idx, (_, ours) in self.ours.turns.items():
            m = SequenceMatcher(None, text, ours, autojunk=False)
            if m.real_quick_ratio() >= ALIKE_TURN and m.quick_ratio() >= ALIKE_TURN:
                ratio = m.ratio()
                if ratio >= ALIKE_TURN:
                    scored.append((-ratio, abs(idx - seg), idx))
        return min(scored)[2] if scored else None

    def place(self, c: OtherCoding) -> tuple[int, int, int] | None:
        """(our segment, start, end) of a coding, or None when its words are not here."""
        return self.place_span(c.segment, c.start, c.end)

    def place_memo(self, m: OtherMemo) -> tuple[int | None, int, int] | None:
        """Where a memo stands here: on the whole transcript when it is there; else its words
        placed as a coding's, a memo that marks no words on the turn with the same text (at the
        same place when the text is the same); None when neither is here."""
        if m.segment is None:
            return None, 0, 0
        text = self.theirs.turns.get(m.segment, ("", ""))[1]
        if text[m.start : m.end].strip():
            return self.place_span(m.segment, m.start, m.end)
        seg = self.turn(m.segment)
        if seg is None:
            return None
        same = self.ours.turns[seg][1] == text
        return (seg, m.start, m.end) if same else (seg, 0, 0)

    def place_span(self, segment: int, start: int, end: int) -> tuple[int, int, int] | None:
        """(our segment, start, end) of their words segment[start:end], or None."""
        text = self.theirs.turns.get(segment, ("", ""))[1]
        quote = text[start:end]
        if not quote.strip():
            return None
        seg = self.turn(segment)
        if seg is not None:
            span = map_span(text, self.ours.turns[seg][1], start, end)
            if span is not None:
                return seg, *span
        # Their turn has no twin here (another cut into turns): the turn holding the words.
        holding = [i for i, (_, t) in self.ours.turns.items() if quote.strip() in t]
        if not holding or (len(holding) > 1 and len(quote.strip()) < WORDS_ENOUGH):
            return None
        seg = min(holding, key=lambda i: (abs(i - segment), i))
        ours = self.ours.turns[seg][1]
        at = ours.find(quote.strip())
        return seg, at, at + len(quote.strip())


def map_span(src: str, dst: str, start: int, end: int) -> tuple[int, int] | None:
    """Where src[start:end] stands in dst, a version of the same turn: the same place when the
    texts are the same, the one occurrence of the words, else through an alignment of the two
    texts (names hidden as [naam], spaces, a word changed)."""
    if src == dst:
        return start, end
    quote = src[start:end].strip()
    hits = [m.start() for m in re.finditer(re.escape(quote), dst)] if quote else []
    if len(hits) == 1:
        return hits[0], hits[0] + len(quote)
    ops = SequenceMatcher(None, src, dst, autojunk=False).get_opcodes()
    a, b = _mapped(ops, start, end, len(dst))
    if hits:
        at = min(hits, key=lambda h: (abs(h - a), h))
        return at, at + len(quote)
    while a < b and dst[a].isspace():
        a += 1
    while b > a and dst[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def _mapped(ops: list[Any], start: int, end: int, length: int) -> tuple[int, int]:
    a, b = length, length
    for tag, i1, i2, j1, _ in ops:
        if i1 <= start < i2:
            a = j1 + (start - i1) if tag == "equal" else j1
            break
    for tag, i1, i2, j1, j2 in ops:
        if i1 < end <= i2:
            b = j1 + (end - i1) if tag == "equal" else j2
            break
    return a, max(a, b)


# --- planning and writing ----------------------------------------------------------------------


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


@dataclass
class _Plan:
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    reviews: list[tuple[str, str, str | None, str | None, int, str | None]] = field(
        default_factory=list
    )
    """(status, reviewer, reviewed_at, note, our coding's id, the direction they gave it or None)"""
    rejections: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    memos: list[tuple[Any, ...]] = field(default_factory=list)
    guids: list[tuple[str, str]] = field(default_factory=list)
    """Per row of `rows`: the other tool's selection and coding GUIDs ("" for none)."""


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


def _add_sources(
    store: Store,
    codebook: Codebook,
    other: Other,
    adding: list[OtherTranscript],
    paths: list[str],
    maps: dict[str, str],
    language: str,
    result: MergeResult,
) -> None:
    """The archive's sources this project lacks, as `lernet import qdpx` makes them: their text
    as it came, cut into turns, with their codings under this codebook's codes (by name, or as
    --map says), memos, and the archive's GUIDs for the way back; `paths` are theirs here
    (`_source_paths`)."""
    from .qdaxml import ImportSummary
    from .qdc import _walk_imported
    from .qdpx_import import _Guids, _import_source, people_notices

    archive = other.archive
    code_by_guid: dict[str, str] = {}
    for code in _walk_imported(archive.codes):
        ours = _our_code(codebook, OtherCoding(0, code.id, 0, 0, "", "", name=code.name), maps)
        if ours is not None:
            code_by_guid[code.guid] = ours
    guids = _Guids()
    summary = ImportSummary(store.path.parent.parent, Path())
    for theirs, rel in zip(adding, paths, strict=True):
        src = theirs.source
        _import_source(store, src, rel, archive, code_by_guid, guids, summary, language)
    people = {str(p["id"]) for p in result.people}
    result.source_codings = summary.codings
    result.source_memos = summary.memos
    result.notices.extend(people_notices(archive, people, len(result.matched)))
    result.notices.extend(summary.notices)
    result.warnings.extend(w for w in summary.warnings if "of unknown codes" not in w)
    if archive.group_variable and not store.get_meta("group_variable"):
        store.set_meta("group_variable", archive.group_variable)
    store.remember_guids("source", guids.source)
    store.remember_guids("user", guids.user)
    store.remember_guids("selection", guids.selection)
    store.remember_guids("coding", guids.coding)
    store.remember_guids("note", guids.note)
    store.remember_guids("case", {p: g for p, g in archive.case_guids.items() if p in people})


def _source_paths(store: Store, adding: list[OtherTranscript]) -> list[str]:
    """Where the archive's sources to add are stored: their names in the archive, made
    unique among this project's transcripts."""
    from .qdaxml import _unique
    from .qdpx_read import _source_path

    if not adding:
        return []
    taken = {t.path for t in store.transcripts()}
    return [
        _unique(_source_path(t.source.name, f"source-{n}.txt"), taken)
        for n, t in enumerate(adding, 1)
    ]


def _people_of(
    other: Other, adding: list[OtherTranscript], paths: list[str]
) -> dict[str, dict[str, Any]]:
    """The archive's participants whose sources are added (`paths`: theirs here), by id."""
    from .qdpx_import import _owner

    people: dict[str, dict[str, Any]] = {}
    for theirs, rel in zip(adding, paths, strict=True):
        pid = _owner(theirs.source, rel, other.archive)
        if pid in other.archive.people:
            people.setdefault(pid, other.archive.people[pid])
    return people


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


def _write(store: Store, plan: _Plan) -> None:
    """All at once: the codings, the decisions, the memos and the groups."""
    now = _now()
    store.keep_pseudonyms({str(r[1]) for r in plan.reviews})
    with store.transaction() as conn:
        ids = [
            conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, "
                "direction, status, source, note, reviewer, reviewed_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'merge', ?, ?, ?, ?)",
                (*r[:-1], r[-1] or now),
            ).lastrowid
            for r in plan.rows
        ]
        _keep_guids(conn, ids, plan.guids)
        conn.executemany(
            "UPDATE codings SET status = ?, reviewer = ?, reviewed_at = ?, note = ?, "
            "rules_direction = CASE WHEN ?6 IS NULL THEN NULL ELSE direction END, "
            "direction = COALESCE(?6, direction) WHERE id = ?5 AND status = 'pending'",
            plan.reviews,
        )
        conn.executemany(
            "INSERT INTO candidate_rejections (transcript_id, code, text, reviewer, decided_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (transcript_id, code, text) DO NOTHING",
            plan.rejections,
        )
        conn.executemany(
            "INSERT INTO memos (transcript_id, segment, start, end, author, text, source, "
            "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 'merge', ?, ?)",
            [(*r[:-1], r[-1] or now) for r in plan.memos],
        )
        if plan.groups:
            write_groups(conn, plan.groups)


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


def _keep_guids(
    conn: sqlite3.Connection, ids: list[int | None], guids: list[tuple[str, str]]
) -> None:
    """The other tool's selection and coding GUIDs of the codings added, for an export back:
    each where it is unique, no other GUID of the project (of any kind) nor another coding of
    this merge having it; the others get GUIDs of their own at export, as before."""
    used = {str(g).casefold() for (g,) in conn.execute("SELECT guid FROM guids")}
    counts: dict[str, int] = {}
    for pair in guids:
        for g in pair:
            if g:
                counts[g.casefold()] = counts.get(g.casefold(), 0) + 1
    keep = []
    for cid, pair in zip(ids, guids, strict=True):
        for kind, g in zip(("selection", "coding"), pair, strict=True):
            if cid is not None and g and g.casefold() not in used and counts[g.casefold()] == 1:
                keep.append((kind, str(cid), g))
    conn.executemany("INSERT OR IGNORE INTO guids (kind, key, guid) VALUES (?, ?, ?)", keep)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
