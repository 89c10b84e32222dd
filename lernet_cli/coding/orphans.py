"""Stored codings that name a code the codebook no longer has, and moving them to a new id.

Renaming a code in codebook.yaml is a new code to lernet: the rules' codings follow the new id at
the next `lernet code`, but people's work (tags, comments, reviews, imported codings, rejected
candidates) stays under the old id, uncounted. `lernet code` says so; `lernet codebook renamed
OLD NEW` moves it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..codebook.codebook import Codebook
from ..errors import UsageError
from ..language.plural import counted
from ..store.store import Store

SOURCES = {
    "rule": ("reviewed rule coding", "reviewed rule codings"),
    "tag": ("tag coding", "tag codings"),
    "comment": ("comment coding", "comment codings"),
    "review": ("coding made in review", "codings made in review"),
    "import": ("imported coding", "imported codings"),
    "merge": ("merged coding", "merged codings"),
    "protocol": ("protocol coding", "protocol codings"),
    "similar": (
        "similar coding (a candidate coded automatically)",
        "similar codings (candidates coded automatically)",
    ),
}


CODED_WITH = "codebook_coded_with"
"""Store meta: the name and code ids of the codebook the last `lernet code` coded with."""
REPLACED = "codebooks_replaced"
"""Store meta: the names and code ids of the codebooks (by name) the project coded with before
the one it codes with now: a code of theirs the codebook lacks was not renamed, its codebook was
replaced (her own codebook in place of the default)."""


def note_codebook(store: Store, codebook: Codebook) -> None:
    """Remember the codebook `lernet code` codes with; where it has another name than the one
    it coded with before, that one was replaced: remember its name and codes (`REPLACED`)."""
    import json

    now = {"name": codebook.name, "codes": sorted(codebook.codes)}
    raw = store.get_meta(CODED_WITH)
    before = json.loads(raw) if raw else None
    if before == now:
        return
    if isinstance(before, dict) and before.get("name") != codebook.name:
        replaced = replaced_codebooks(store)
        names = [*[n for n in replaced[0] if n != before.get("name")], str(before.get("name"))]
        codes = sorted(set(replaced[1]) | set(before.get("codes") or []))
        store.set_meta(REPLACED, json.dumps({"names": names, "codes": codes}))
    store.set_meta(CODED_WITH, json.dumps(now))


def replaced_codebooks(store: Store) -> tuple[list[str], set[str]]:
    """The names and code ids of the codebooks this project's codebook replaced (`REPLACED`)."""
    import json

    raw = store.get_meta(REPLACED)
    data = json.loads(raw) if raw else {}
    return list(data.get("names") or []), set(data.get("codes") or [])


@dataclass
class Orphan:
    code: str
    by_source: Counter[str] = field(default_factory=Counter)
    rejected_candidates: int = 0
    memos: Counter[str] = field(default_factory=Counter)
    """Comments and tags (by source) coded under it before the codebook lost it, kept as memos."""
    replaced: str = ""
    """The name of the codebook this one replaced that had the code ("" where the code of this
    project's codebook was renamed, or nothing tells)."""

    def describe(self) -> str:
        parts = [
            counted(n, *SOURCES.get(source, (source, source)))
            for source, n in sorted(self.by_source.items())
        ]
        parts += [f"{counted(n, source)} kept as memos" for source, n in sorted(self.memos.items())]
        if self.rejected_candidates:
            parts.append(f"{counted(self.rejected_candidates, 'rejected candidate')}")
        return f"{self.code} ({', '.join(parts)})"


def lost_comments_to_memos(store: Store, codebook: Codebook) -> dict[str, tuple[list[str], int]]:
    """`lernet code` without files, after the codebook lost a code a comment or tag named (a
    codebook of one's own in place of the default): what reading the file again does, from the
    store. Each such comment or tag whose text names no code of the codebook now becomes a memo
    (one per comment, where it marks first) and its codings under the lost codes go; one whose
    text names codes of the codebook now (her "Knowledge gets" names her exchange.knowledge, or a
    code renamed with its label kept) counts under those, on the words it marks, as reading the
    file again makes it (`reread_lost_codings`). Returns per transcript path what lernet says of
    them, as when it reads the file, and how many memos it made."""
    from .manual import lost_codes, memo_reason, once, with_lost

    stored = [c for (c,) in store.conn.execute("SELECT code FROM codings GROUP BY code")]
    lost = [c for c in stored if c not in codebook.codes]
    gone: list[int] = []
    memos: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    codes: dict[tuple[Any, ...], list[str]] = {}
    paths: dict[int, str] = {}
    for cid, tid, path, seg, start, end, source, coder, text, code in store.hand_codings_under(
        lost
    ):
        reason = memo_reason(codebook, text)
        if reason is None:
            continue  # names codes of the codebook: `reread_lost_codings`
        gone.append(cid)
        # A tag marks one place: two tags with the same text are two memos. A comment over
        # several turns is one memo, where it marks first.
        key = (tid, source, coder, text) + ((seg, start, end) if source == "tag" else ())
        memos.setdefault(key, (tid, seg, start, end, coder, text, source, reason))
        codes.setdefault(key, [])
        if code not in codes[key]:
            codes[key].append(code)
        paths[tid] = path
    if not gone:
        return {}
    # The memo names the codes it counted under: `lernet code` warns of it while the codebook
    # lacks them, and `lernet codebook renamed` moves it back.
    store.hand_codings_to_memos(
        gone, [(*m[:7], with_lost(m[7], codes[key])) for key, m in memos.items()]
    )
    said: dict[str, list[str]] = {}
    for key, lost_here in codes.items():
        tid, source, coder, text = key[:4]
        said.setdefault(paths[tid], []).append(lost_codes(source, coder, text, lost_here))
    return {path: (once(lines), len(lines)) for path, lines in said.items()}


def reread_lost_codings(store: Store, codebook: Codebook) -> dict[str, list[str]]:
    """`lernet code` without files, after the codebook lost a code a comment or tag was coded
    under (her own codebook in place of the default, or a code renamed with its label kept):
    each such coding whose comment's text wholly names codes of the codebook now goes, and the
    comment or tag counts under the codes it names, on the words the coding marked, with the
    direction its text gives (else the turn's words around it), as reading the file again
    makes it. Run before `lost_comments_to_memos`, which keeps the rest as memos. Returns per
    transcript path what lernet says of them."""
    from ..codebook.rules import find_direction
    from ..language.text import make_doc
    from ..model import Coding
    from .manual import memo_reason, read_codes, tag_coding

    stored = [c for (c,) in store.conn.execute("SELECT code FROM codings GROUP BY code")]
    lost = [c for c in stored if c not in codebook.codes]
    gone: list[int] = []
    codings: list[Coding] = []
    made: set[tuple[Any, ...]] = set()
    said: dict[str, list[str]] = {}
    for cid, tid, path, seg, start, end, source, coder, text, code in store.hand_codings_under(
        lost
    ):
        if memo_reason(codebook, text) is not None:
            continue
        named, _ = read_codes(codebook, text)
        if not named:
            continue
        gone.append(cid)
        have = store.hand_codings_of(tid, source, coder, text)
        doc = None
        for n in named:
            key = (tid, seg, start, end, source, coder, text, n.code.id)
            if n.code.id in have or key in made:
                continue
            made.add(key)
            direction = n.direction
            if direction is None and n.code.directional and n.code.directions:
                if doc is None:
                    turn = store.conn.execute(
                        "SELECT text FROM segments WHERE transcript_id = ? AND idx = ?",
                        (tid, seg),
                    ).fetchone()
                    doc = make_doc(str(turn[0]) if turn else "")
                direction = find_direction(doc, start, end, n.code.directions)
            codings.append(
                tag_coding(
                    tid, seg, n.code.id, (start, end), coder, source, direction, n.note, text
                )
            )
        line = (
            f"{source} by {coder} {text!r} was coded {code}, which the codebook no longer has; "
            f"read again it names {', '.join(n.code.id for n in named)}: counted there"
        )
        said.setdefault(path, [])
        if line not in said[path]:
            said[path].append(line)
    if gone:
        store.hand_codings_to_memos(gone, [], codings)
    return said


@dataclass
class NowCoded:
    """What `memos_now_coded` did in one transcript."""

    said: list[str] = field(default_factory=list)
    codings: int = 0
    memos: int = 0
    """Memos that went (their comment names codes wholly now)."""


def memos_now_coded(store: Store, codebook: Codebook) -> dict[str, NowCoded]:
    """`lernet code` without files, after the codebook got a code that a comment or tag named
    when it was read (a code added during the second wave): what reading the file again does,
    from the store. Each memo kept from a comment or tag whose text names a code of the
    codebook now becomes the coding it names, on the words it marks (where it marks a
    participant's speech; the first place it marks, which the memo keeps), and the memo goes when
    every part of its text names a code. Returns per transcript path what was done."""
    from ..codebook.rules import find_direction
    from ..language.text import make_doc
    from ..model import Coding
    from .manual import lost_in, memo_reason, read_codes, tag_coding, with_lost

    codings: list[Coding] = []
    gone: list[int] = []
    reasons: list[tuple[int, str]] = []
    out: dict[str, NowCoded] = {}
    for m in store.hand_memos():
        mid, tid, path, seg, author, text, source, reason = (
            m.id,
            m.transcript_id,
            m.path,
            m.segment,
            m.author,
            m.text,
            m.source,
            m.reason,
        )
        if not str(reason).startswith(("names no code", "names more than one code")):
            continue
        named, unknown = read_codes(codebook, text)
        if not named:
            continue
        done = out.setdefault(path, NowCoded())
        if seg is None or m.role != "participant":
            if not unknown:
                reasons.append((mid, "marks no participant speech" if seg else "marks no speech"))
            continue
        still = with_lost(
            memo_reason(codebook, text) or "",
            [c for c in lost_in(str(reason)) if c not in codebook.codes],
        )
        have = store.hand_codings_of(tid, source, author, text)
        new = [n for n in named if n.code.id not in have]
        doc = None
        for n in new:
            direction = n.direction
            if direction is None and n.code.directional and n.code.directions:
                doc = doc or make_doc(m.turn or "")
                direction = find_direction(doc, m.start, m.end, n.code.directions)
            codings.append(
                tag_coding(
                    tid, seg, n.code.id, (m.start, m.end), author, source, direction, n.note, text
                )
            )
        done.codings += len(new)
        if unknown:
            if still != reason:
                reasons.append((mid, still))
        else:
            gone.append(mid)
            done.memos += 1
        if new:
            done.said.append(
                f"{source} by {author} {text!r} names {', '.join(n.code.id for n in new)} now: "
                + (
                    "counted, no longer a memo"
                    if not unknown
                    else "counted; " + ", ".join(repr(u) for u in unknown) + " still names no "
                    "code (kept as a memo)"
                )
            )
    if codings or gone or reasons:
        store.memos_to_hand_codings(codings, gone, reasons)
    return {path: done for path, done in out.items() if done.said or done.memos}


def orphans(store: Store, codebook: Codebook) -> list[Orphan]:
    """Codes in the store that the codebook lacks, with what people made under them."""
    found: dict[str, Orphan] = {}
    # The codes alone come from the index (milliseconds at a thousand transcripts); only the
    # few the codebook lacks are counted.
    stored = [c for (c,) in store.conn.execute("SELECT code FROM codings GROUP BY code")]
    for code in stored:
        if code in codebook.codes:
            continue
        for source, n in store.conn.execute(
            "SELECT source, COUNT(*) FROM codings WHERE code = ? GROUP BY source", (code,)
        ):
            found.setdefault(code, Orphan(code)).by_source[source] += n
    for code, n in store.conn.execute(
        "SELECT code, COUNT(*) FROM candidate_rejections GROUP BY code"
    ):
        if code not in codebook.codes:
            found.setdefault(code, Orphan(code)).rejected_candidates += n
    for source, lost in lost_memos(store, codebook).values():
        for code in lost:
            found.setdefault(code, Orphan(code)).memos[source] += 1
    names, codes = replaced_codebooks(store)
    for orphan in found.values():
        if orphan.code in codes and orphan.code.split(".")[0] not in codebook.codes:
            orphan.replaced = " / ".join(names)
    return sorted(found.values(), key=lambda o: o.code)


def lost_memos(store: Store, codebook: Codebook) -> dict[int, tuple[str, list[str]]]:
    """Memo id -> (source, the codes the codebook lacks) of each memo kept from a comment or tag
    that was coded under codes the codebook lost since (a code renamed, then `lernet code`)."""
    from .manual import lost_in

    out: dict[int, tuple[str, list[str]]] = {}
    for mid, source, reason in store.conn.execute(
        "SELECT id, source, reason FROM memos WHERE source IN ('comment', 'tag') "
        "AND reason LIKE '%which the codebook no longer has'"
    ):
        lost = [c for c in lost_in(str(reason)) if c not in codebook.codes]
        if lost:
            out[int(mid)] = (str(source), lost)
    return out


def _memos_naming(store: Store, codebook: Codebook, old: str) -> dict[int, str]:
    """Memo id -> the id it names, of the memos whose comment or tag names `old` (a full id or
    a last part, with a theme the codebook has) and no code: kept before lernet named the
    codes a memo was coded under in its reason."""
    from .manual import _NOTE_RE, _SPLIT_RE

    wanted = old.strip().lstrip("#").casefold()
    out: dict[int, str] = {}
    for mid, text in store.conn.execute(
        "SELECT id, text FROM memos WHERE source IN ('comment', 'tag') AND reason = 'names no code'"
    ):
        for piece in _SPLIT_RE.split(str(text)):
            head = _NOTE_RE.split(piece.strip(), maxsplit=1)[0].strip().lstrip("#")
            parent, _, last = head.rpartition(".")
            if not parent or head in codebook.codes or codebook.find(parent) is None:
                continue
            if wanted in (head.casefold(), last.casefold()):
                out[int(mid)] = codebook.find(parent).id + "." + last  # type: ignore[union-attr]
                break
    return out


@dataclass
class Moved:
    """What `move_codings` did: the ids moved (old -> new), the rows moved, and the sub-codes of
    a renamed parent left where they are because the codebook has no code of the same name
    under the new parent (renamed themselves: name them with `lernet codebook renamed`)."""

    source: str
    target: str
    rows: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    memos: int = 0
    """Comments and tags kept as memos when the codebook lost the code, counted again."""


def move_codings(store: Store, codebook: Codebook, old: str, new: str) -> Moved:
    """Move everything stored under `old` (a code the codebook no longer has; its full id or a
    unique last part) to `new` (a code it has), and everything under each sub-code `old.x` the
    codebook no longer has to `new.x` when it has that: renaming a parent renames its sub-codes
    (unless they were renamed themselves). The code's GUID (for REFI-QDA exports) goes along."""
    target = codebook.resolve(new, "code")
    stale = orphans(store, codebook)
    # A parent whose sub-codes have codings may have none itself.
    stored = {o.code for o in stale}
    parts = [o.code.split(".") for o in stale]
    stored |= {".".join(p[:n]) for p in parts for n in range(1, len(p))}
    stored -= set(codebook.codes)
    matches = [c for c in sorted(stored) if c == old] or [
        c for c in sorted(stored) if c.rsplit(".", 1)[-1] == old
    ]
    named = {} if matches else _memos_naming(store, codebook, old)
    if named:
        matches = sorted(set(named.values()))
        stale.append(Orphan(matches[0]))
    if not matches:
        known = ", ".join(o.code for o in stale) or "none"
        if old in codebook.codes:
            raise UsageError(f"{old!r} is still in the codebook; rename it there first")
        raise UsageError(f"nothing is stored under {old!r}; codes the codebook lacks: {known}")
    if len(matches) > 1:
        raise UsageError(f"{old!r} is more than one code: {', '.join(matches)}")
    source = matches[0]
    done = Moved(source, target.id)
    # A sub-code whose codings followed by themselves (comments and tags read again) keeps no
    # row, but may have the GUID another tool knows it by: that goes along too.
    have = {o.code for o in stale}
    for (key,) in store.conn.execute("SELECT key FROM guids WHERE kind = 'code'"):
        sub = key.startswith(source + ".") and key not in codebook.codes and key not in have
        if sub and target.id + key[len(source) :] in codebook.codes:
            stale.append(Orphan(key))
    for o in stale:
        if o.code == source:
            done.pairs.append((source, target.id))
        elif o.code.startswith(source + "."):
            sub = target.id + o.code[len(source) :]
            if sub in codebook.codes:
                done.pairs.append((o.code, sub))
            else:
                done.left.append(o.code)
    with store.transaction() as conn:
        for before, after in done.pairs:
            done.rows += _move(conn, before, after)
        done.memos = _memos_back(store, codebook, dict(done.pairs), named)
        for before, after in [(source, target.id), *done.pairs]:
            # the GUID another tool knows the code by, unless the new id has one of its own
            conn.execute(
                "UPDATE OR IGNORE guids SET key = ? WHERE kind = 'code' AND key = ?",
                (after, before),
            )
    return done


def _memos_back(
    store: Store, codebook: Codebook, pairs: dict[str, str], named: dict[int, str]
) -> int:
    """Make each memo kept from a comment or tag coded under a moved code (or naming it, `named`)
    the coding it was, under the new id, where it marks a participant's speech; the memo goes
    unless it names other codes the codebook lacks. Returns how many became codings."""
    from ..codebook.rules import find_direction
    from ..language.text import make_doc
    from ..model import Coding
    from .manual import tag_coding, with_lost, without_lost

    lost = lost_memos(store, codebook)
    for mid, name in named.items():
        lost.setdefault(mid, ("", [name]))
    codings: list[Coding] = []
    gone: list[int] = []
    reasons: list[tuple[int, str]] = []
    for m in store.hand_memos():
        mid, tid, seg, author, text, source, reason = (
            m.id,
            m.transcript_id,
            m.segment,
            m.author,
            m.text,
            m.source,
            m.reason,
        )
        if mid not in lost:
            continue
        codes = lost[mid][1]
        moved = [pairs[c] for c in codes if c in pairs]
        if not moved or seg is None or m.role != "participant":
            continue
        rest = [c for c in codes if c not in pairs]
        have = store.hand_codings_of(tid, source, author, text)
        for target in moved:
            if target in have:
                continue
            code = codebook.codes[target]
            direction = None
            if code.directional and code.directions:
                direction = find_direction(make_doc(m.turn or ""), m.start, m.end, code.directions)
            codings.append(
                tag_coding(
                    tid, seg, target, (m.start, m.end), author, source, direction, None, text
                )
            )
        base = without_lost(str(reason))
        if rest or base != "names no code":
            reasons.append((mid, with_lost(base, rest)))
        else:
            gone.append(mid)
    if codings or gone or reasons:
        store.memos_to_hand_codings(codings, gone, reasons)
    return len(gone) + len(reasons)


def _move(conn: Any, source: str, target: str) -> int:
    """Move one code's stored rows; returns how many."""
    # The rules may have coded the same words under the new id already: the old coding's
    # review goes onto that one (unless it was reviewed itself) instead of standing twice.
    twins = conn.execute(
        "SELECT o.id, n.id, n.status FROM codings o JOIN codings n ON n.code = ? "
        "AND n.source = 'rule' AND n.transcript_id = o.transcript_id "
        "AND n.segment = o.segment AND n.start = o.start AND n.end = o.end "
        "WHERE o.code = ? AND o.source = 'rule'",
        (target, source),
    ).fetchall()
    for old_id, new_id, status in twins:
        if status == "pending":
            conn.execute(
                "UPDATE codings SET (status, reviewer, reviewed_at, note) = "
                "(SELECT status, reviewer, reviewed_at, note FROM codings WHERE id = ?) "
                "WHERE id = ?",
                (old_id, new_id),
            )
        conn.execute("DELETE FROM codings WHERE id = ?", (old_id,))
    moved = len(twins)
    moved += conn.execute("UPDATE codings SET code = ? WHERE code = ?", (target, source)).rowcount
    # A rejection already remembered for the new id wins over the old one.
    moved += conn.execute(
        "UPDATE OR IGNORE candidate_rejections SET code = ? WHERE code = ?", (target, source)
    ).rowcount
    conn.execute("DELETE FROM candidate_rejections WHERE code = ?", (source,))
    return int(moved)


def left_out(
    store: Store, codebook: Codebook, transcripts: Iterable[int] | None = None
) -> dict[str, int]:
    """The codings counting reads (rejected ones aside) stored under codes the codebook lacks,
    by code, of these transcripts (ids; all by default): tally, quotes, the matrix, the report
    and the exports leave them out alike, and say so with `left_out_line`."""
    stored = [c for (c,) in store.conn.execute("SELECT code FROM codings GROUP BY code")]
    lost = [c for c in stored if c not in codebook.codes]
    if not lost:
        return {}
    return dict(
        sorted(
            Counter(r.code for r in store.coding_rows(codes=lost, transcripts=transcripts)).items()
        )
    )


def left_out_line(counts: dict[str, int], codebook_file: str) -> str:
    """One line on the codings `left_out` found: how many, under which codes, why, and what
    brings them back (a renamed code) or drops them (a code removed on purpose)."""
    n = sum(counts.values())
    which = which_codes(counts)
    old = next(iter(counts)) if len(counts) == 1 else "OLD"
    return (
        f"left out {counted(n, 'coding')} under "
        f"{'a code' if len(counts) == 1 else 'codes'} {codebook_file} no longer has: {which}; "
        f"renamed? lernet codebook renamed {old} NEW_ID counts them under the new id; "
        f"removed on purpose? {removed_hint(old)}"
    )


def which_codes(counts: dict[str, int]) -> str:
    """ "trust.x" or "trust.x (3), trust.y (1)": the codes, with how many each where several."""
    if len(counts) == 1:
        return next(iter(counts))
    return ", ".join(f"{code} ({k})" for code, k in counts.items())


def removed_hint(old: str) -> str:
    """What to do with the codings of a code removed from the codebook on purpose."""
    return (
        f"lernet codebook removed {old} drops them; else they stay stored, uncounted, and count "
        "again if the code comes back"
    )


def new_codes(store: Store, codebook: Codebook) -> list[str]:
    """The codebook's codes the last `lernet code` did not have (none where lernet does not
    know what it had): nothing is coded under them before the next one."""
    import json

    raw = store.get_meta(CODED_WITH)
    before = json.loads(raw) if raw else None
    if not isinstance(before, dict) or before.get("name") != codebook.name:
        return []
    had = set(before.get("codes") or [])
    return [c for c in codebook.codes if c not in had]


def renamed_pairs(lost: Iterable[str], new: Iterable[str]) -> list[tuple[str, str]]:
    """Likely renames: a code the codebook lost and one it gained under the same parent, where
    that parent lost one and gained one alone."""

    def parent(code: str) -> str:
        return code.rpartition(".")[0]

    lost_by: dict[str, list[str]] = {}
    for code in lost:
        lost_by.setdefault(parent(code), []).append(code)
    new_by: dict[str, list[str]] = {}
    for code in new:
        new_by.setdefault(parent(code), []).append(code)
    return [
        (olds[0], new_by[p][0])
        for p, olds in lost_by.items()
        if len(olds) == 1 and len(new_by.get(p, [])) == 1
    ]


@dataclass
class Dropped:
    """What `drop_codings` did: the codes dropped and the rows deleted."""

    codes: list[str] = field(default_factory=list)
    rows: int = 0
    memos: int = 0
    """Memos kept from comments or tags coded under them, which now name them no more."""


def drop_codings(store: Store, codebook: Codebook, old: str) -> Dropped:
    """Delete what is stored under `old` (a code the codebook no longer has: its full id or a
    unique last part) and under its sub-codes the codebook lacks: codings (also reviewed and
    people's), rejected candidates. A memo kept from a comment or tag coded under it stays a
    memo but names it no more. The way to say a code was removed on purpose."""
    from .manual import lost_in, with_lost, without_lost

    if old in codebook.codes:
        raise UsageError(f"{old!r} is still in the codebook; remove it there first")
    stale = orphans(store, codebook)
    stored = sorted({o.code for o in stale})
    matches = [c for c in stored if c == old] or [c for c in stored if c.rsplit(".", 1)[-1] == old]
    if not matches and any(c.startswith(old + ".") for c in stored):
        matches = [old]  # a parent with no codings of its own, only its sub-codes'
    if not matches:
        known = ", ".join(stored) or "none"
        raise UsageError(f"nothing is stored under {old!r}; codes the codebook lacks: {known}")
    if len(matches) > 1:
        raise UsageError(f"{old!r} is more than one code: {', '.join(matches)}")
    source = matches[0]
    done = Dropped([c for c in stored if c == source or c.startswith(source + ".")])
    gone = set(done.codes)
    with store.transaction() as conn:
        for code in done.codes:
            done.rows += conn.execute("DELETE FROM codings WHERE code = ?", (code,)).rowcount
            done.rows += conn.execute(
                "DELETE FROM candidate_rejections WHERE code = ?", (code,)
            ).rowcount
        for mid, reason in conn.execute(
            "SELECT id, reason FROM memos WHERE source IN ('comment', 'tag') "
            "AND reason LIKE '%which the codebook no longer has'"
        ).fetchall():
            lost = lost_in(str(reason))
            if gone.intersection(lost):
                rest = [c for c in lost if c not in gone]
                conn.execute(
                    "UPDATE memos SET reason = ? WHERE id = ?",
                    (with_lost(without_lost(str(reason)), rest), mid),
                )
                done.memos += 1
    return done
