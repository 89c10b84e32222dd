"""Re-coding from the store: a codebook edit applied to the stored turns, without the files.

A researcher changes a rule, codes again and looks, many times an hour. The turns are in the
store already, and so is what each transcript's rule codings came from (a digest per code,
coding/digests.py). So only the codes whose digest changed are applied again, with an index of
those codes alone, and only to the turns that can hold one of their rules: each transcript's words
are stored with the turns they stand in, so the turns holding a word of every group of a rule
(each term by its rarest word; an expression by the words holding its literal requirements) are
found without reading any; of those, only the turns where a rule is live on their words are
matched. An edit that only adds or removes terms of a code (the usual one: a synonym for what
the rules missed, a word that coded wrongly) changes nothing where none of those terms stands
with the rest of its rule, so that code is matched again only in those turns, and keeps its
codings elsewhere.
Everything else stays: the other codes' codings, codings from comments, tags, the
protocol, reviews and imports, and every review decision (store/writes.py,
`_replace_rule_codings`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from ..bitmask import set_bits
from ..codebook.codebook import Code, Codebook
from ..codebook.rules import Rule, RuleSyntaxError, Term, parse_terms
from ..errors import LernetError
from ..language.formcache import load_forms, save_forms
from ..language.text import Doc, make_doc, token_words
from ..model import Match
from ..project.participants import Participants
from ..project.project import Project
from ..sealed import gc_paused
from ..store.recoding import turn_mask, turns_of
from ..store.store import Store, StoredTranscript
from .autocode import _NO_HITS, RuleIndex, code_doc
from .digests import code_digests, code_keys, digest_of, remember_coded_with, term_edits
from .names import NameMasks
from .results import FileResult, _group_of


@dataclass
class Recoded:
    transcript: StoredTranscript
    codes: set[str] | None
    """The codes whose rules were applied again (None: all, the store not knowing which)."""
    turns_read: int
    """Participant turns where a rule of those codes was live, and so were matched again."""
    error: LernetError | None = None
    """Why it was not re-coded (a regular expression that takes too long on one of its
    turns): its stored codings stay as they were, and a later `lernet code` tries again."""


def changed_codes(old: dict[str, str] | None, new: dict[str, str]) -> set[str] | None:
    """Codes whose rule codings must be made again: added, removed or changed (None: not known,
    so all of them)."""
    if old is None:
        return None
    return {code for code in old.keys() | new.keys() if old.get(code) != new.get(code)}


def recode_from_store(
    store: Store,
    codebook: Codebook,
    stale: list[StoredTranscript],
    progress: Callable[[StoredTranscript], None] | None = None,
    masks: NameMasks | None = None,
) -> list[Recoded]:
    """Apply the changed codes' rules again to the stored turns of these transcripts: one
    transaction for the transcripts whose rules came from the same codebook.

    The rules read the turns with the names of `masks` masked (by default those the store's
    codings were last made with). A transcript coded with other names is coded anew: every
    code, every turn, and its words stored again (they are the words the rules read)."""
    per_code = code_digests(codebook)
    keys = code_keys(codebook)
    rules = (digest_of(per_code), per_code, keys)
    if masks is None:
        masks = NameMasks.from_store(store)
    if not masks.own:
        masks.own = store.transcript_names()
    by_old: dict[tuple[str | None, bool], list[StoredTranscript]] = {}
    for t in stale:
        by_old.setdefault((t.rules_digest, t.names_digest == masks.digest), []).append(t)
    out: list[Recoded] = []
    for (old_digest, same_names), members in by_old.items():
        old_set = store.rule_set(old_digest) if same_names else None
        codes = changed_codes(old_set, per_code) if same_names else None
        edits = _edited_terms(store, old_set, per_code, keys, codes)
        index = RuleIndex(codebook, only=codes)
        whole = None if codes is None else codes - edits.keys()
        words = store.transcript_words(t.id for t in members)
        if not same_names:
            words = dict.fromkeys(words)
        # Where a rule of words is live follows from the stored words alone; a regular
        # expression is searched in the turns that hold the words it needs. A code whose terms
        # alone changed: where one of those terms stands.
        live_index = RuleIndex(codebook, only=whole) if edits else index
        live = _LiveTurns(live_index, words)
        standing = _LiveTurns(_terms_index(edits), words) if edits else None
        needs: list[list[set[str]]] | None = []
        if live_index.codes and _searches_text(live_index):
            needs = indicator_sets(live_index, _Frequency(words), most=None, regex_only=True)
        sure: dict[int, set[int]] = {}
        wanted: dict[int, set[int] | None] = {}
        for t in members:
            sure[t.id] = live.turns(words.get(t.id)) or set()
            if standing is not None:
                sure[t.id] |= standing.turns(words.get(t.id)) or set()
            maybe = _candidates(needs, words.get(t.id))
            wanted[t.id] = None if maybe is None else maybe | sure[t.id]
        known = {t: w for t, w in wanted.items() if w is not None}
        turns = store.participant_turns((t for t, w in known.items() if w), only=known)
        turns.update(store.participant_turns(t for t, w in wanted.items() if w is None))
        # every turn of a transcript whose words are not stored, or where a rule is searched
        # everywhere; else the live ones, and those a regular expression may match, checked
        jobs: list[tuple[int, int, _Job]] = []
        for t in members:
            every, learn = wanted[t.id] is None, words.get(t.id) is None
            masks.for_transcript(t.id)  # made here, so that forked workers have it made
            for seg, text in turns.get(t.id, []):
                jobs.append((t.id, seg, (t.id, text, not every and seg not in sure[t.id], learn)))
        found: dict[int, list[tuple[int, Match]]] = {t.id: [] for t in members}
        undirected: dict[int, list[tuple[int, str]]] = {t.id: [] for t in members}
        learned: dict[int, dict[str, int]] = {t.id: {} for t in members if words.get(t.id) is None}
        read = dict.fromkeys(found, 0)
        failed: dict[int, LernetError] = {}
        for (tid, seg, _), done in zip(
            jobs, _match_all(codebook, index, masks, [job for _, _, job in jobs]), strict=True
        ):
            if isinstance(done, LernetError):
                # slow on this transcript's turns only: it keeps what is stored, the rest goes on
                failed.setdefault(tid, done)
                continue
            if done is None:
                continue
            matches, seen, unplaced = done
            read[tid] += 1
            found[tid].extend((seg, m) for m in matches)
            undirected[tid].extend((seg, code) for code in unplaced)
            for w in seen or ():
                learned[tid][w] = learned[tid].get(w, 0) | 1 << seg
        out.extend(Recoded(t, codes, read[t.id], failed.get(t.id)) for t in members)
        ok = [t.id for t in members if t.id not in failed]
        if ok:
            matched: dict[int, set[int]] = {t: set() for t in ok}
            for tid, seg, _ in jobs:
                if tid in matched:
                    matched[tid].add(seg)
            store.recode_rules(
                ok,
                codes,
                {t: found[t] for t in ok},
                rules,
                {t: w for t, w in learned.items() if t not in failed},
                names_digest=masks.digest,
                undirected={t: undirected[t] for t in ok},
                every_code=codes is not None and codes >= set(per_code),
                edited=(set(edits), matched) if edits else None,
            )
        if progress is not None:
            for t in members:
                progress(t)
    return out


def _edited_terms(
    store: Store,
    old: dict[str, str] | None,
    new: dict[str, str],
    keys: dict[str, str],
    codes: set[str] | None,
) -> dict[str, list[Rule]]:
    """Of the changed codes, those whose rules changed in their terms alone, each with rules
    that are live where its codings may differ (`term_edits`); a code the store cannot compare
    (recorded by an older lernet, added, removed) is not among them and is matched again
    wherever its rules are live."""
    if not codes or old is None:
        return {}
    olds = store.code_rules(old[c] for c in codes if c in old and c in new)
    out: dict[str, list[Rule]] = {}
    for code in sorted(codes):
        was, now = olds.get(old.get(code, "")), keys.get(new.get(code, ""))
        if was is None or now is None:
            continue
        edits = term_edits(was, now)
        if not edits:
            continue
        try:
            out[code] = [
                Rule(
                    name="",
                    kind="all",
                    groups=[[t for text in texts for t in parse_terms(text)] for texts in groups],
                )
                for groups in edits
            ]
        except RuleSyntaxError:
            continue
    return out


def _terms_index(edits: dict[str, list[Rule]]) -> RuleIndex:
    """An index of the rules `_edited_terms` made: `_LiveTurns` over it gives the turns where
    the edited codes' codings may differ."""
    code = Code(id="", labels={}, rules=[rule for rules in edits.values() for rule in rules])
    return RuleIndex(Codebook(path="", name="", themes=[code], codes={"": code}))


def indicator_sets(
    index: RuleIndex,
    frequency: Mapping[str, int],
    most: int | None = 2,
    regex_only: bool = False,
) -> list[list[set[str]]] | None:
    """Per rule, sets of words of each of which a turn must hold one for the rule to be live
    there (the `most` rarest; None: all), among the words `frequency` knows (word -> in how many
    transcripts). None: some rule is searched in every turn. `regex_only`: only the rules of a
    regular expression.

    A rule is live only where each of its groups has a term present, and a term only where
    each of its words stands: so a turn holds a word of every group, each term by its rarest
    word. An expression needs its literal requirements, each met by the words that hold it.
    """
    if index.always:
        return None
    hits = {w: h for w in frequency if (h := index.hits_of(w)) is not _NO_HITS}
    heads: dict[int, set[str]] = {}
    lasts: dict[int, set[str]] = {}
    slots: dict[int, set[str]] = {}
    held: dict[int, set[str]] = {}
    for w, (head, last, mid, _, lits, _) in hits.items():
        for table, mask in ((heads, head), (lasts, last), (slots, mid), (held, lits)):
            for bit in set_bits(mask):
                table.setdefault(bit, set()).add(w)

    def cost(words: AbstractSet[str]) -> int:
        return sum(frequency[w] for w in words)

    def term_words(term: Term) -> set[str]:
        bit = index.bit_of[id(term)]
        options = [heads.get(bit, set())]
        if (index.multi >> bit) & 1:
            options.append(lasts.get(bit, set()))
            need = index.mid_need.get(bit, 0)
            options += [slots.get(slot, set()) for slot in set_bits(need)]
        return min(options, key=cost)

    out: list[list[set[str]]] = []
    for number, rule in enumerate(index.rules):
        needs = index.rest[number]
        if needs and needs[0] == "regex":
            lit_bits = [b for b, opens in index.literal_opens.items() if (opens >> number) & 1]
            options: list[set[str]] = [set().union(*[held.get(b, set()) for b in lit_bits])]
            options += [
                set().union(*[held.get(b, set()) for b in set_bits(need)])
                for need in needs[1:]
                if isinstance(need, int)
            ]
        elif regex_only:
            continue
        else:
            options = [set().union(*[term_words(t) for t in group]) for group in rule.groups]
        options.sort(key=cost)
        if options[0]:  # a rule one of whose needs no word meets is live nowhere
            out.append(options[:most])
    return out


class _Frequency(Mapping[str, int]):
    """Word -> in how many of the transcripts it stands: counted only for the words asked about
    (those of the index's terms), not for the whole vocabulary."""

    def __init__(self, words: dict[int, dict[str, str] | None]):
        self._words = [w for w in words.values() if w]
        self._known = set().union(*self._words) if self._words else set()
        self._counts: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        count = self._counts.get(word)
        if count is None:
            count = self._counts[word] = sum(1 for w in self._words if word in w)
        return count

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


def _searches_text(index: RuleIndex) -> bool:
    """Whether a rule of the index is a regular expression, which is searched in the text: its
    being live does not follow from the words alone."""
    return any(needs and needs[0] == "regex" for needs in index.rest)


class _LiveTurns:
    """The turns of a transcript where a rule of the index is live, from its stored words alone
    (word -> the turns it stands in): what `RuleIndex.live_rules` finds on each turn's words,
    for the rules other than regular expressions. A term stands in a turn when each of its words
    matches a word there (its first, its last, its middle ones); a rule is live where each of
    its groups has a term standing. Turns are bit masks over their numbers."""

    def __init__(self, index: RuleIndex, words: dict[int, dict[str, str] | None]):
        self.groups: list[list[int]] = []
        """Per rule, the mask of each of its groups' terms."""
        terms = 0
        for number, needs in enumerate(index.rest):
            if needs and needs[0] == "regex":
                continue  # searched in the text
            masks = list(needs)
            opens = 0
            for bit, rules in index.opens.items():
                if (rules >> number) & 1:
                    opens |= 1 << bit
            if opens:
                masks.insert(0, opens)
                self.groups.append(masks)
                for mask in masks:
                    terms |= mask
        multi = terms & index.multi
        slots = 0
        for bit in set_bits(multi & index.longer):
            slots |= index.mid_need[bit]
        self.index = index
        self.multi = multi
        self.hits: dict[str, tuple[list[int], list[int], list[int]]] = {}
        """Word -> (terms it starts, multi-word terms it ends, middle slots it fills), among the
        rules' terms; only the words that have some."""
        known = set().union(*[w for w in words.values() if w]) if terms else set()
        for w in known:
            hits = index.hits_of(w)
            if hits is _NO_HITS:
                continue
            head, last, mid = hits[0] & terms, hits[1] & multi, hits[2] & slots
            if head or last or mid:
                self.hits[w] = (set_bits(head), set_bits(last), set_bits(mid))

    def turns(self, known: dict[str, str] | None) -> set[int] | None:
        """The live turns (segment numbers) of a transcript with these stored words (None: not
        stored, so every turn)."""
        if known is None:
            return None
        heads: dict[int, int] = {}
        lasts: dict[int, int] = {}
        mids: dict[int, int] = {}
        hits = self.hits
        for w in known.keys() & hits.keys():
            where = turn_mask(known[w])
            head, last, mid = hits[w]
            for bit in head:
                heads[bit] = heads.get(bit, 0) | where
            for bit in last:
                lasts[bit] = lasts.get(bit, 0) | where
            for bit in mid:
                mids[bit] = mids.get(bit, 0) | where
        present: dict[int, int] = {}  # term bit -> the turns it stands in
        multi, mid_need = self.multi, self.index.mid_need
        for bit, where in heads.items():
            if (multi >> bit) & 1:
                where &= lasts.get(bit, 0)
                for slot in set_bits(mid_need.get(bit, 0)):
                    if not where:
                        break
                    where &= mids.get(slot, 0)
            if where:
                present[bit] = where
        stands = 0
        for bit in present:
            stands |= 1 << bit
        live = 0
        for masks in self.groups:
            where = -1
            for mask in masks:
                either = 0
                for bit in set_bits(mask & stands):
                    either |= present[bit]
                where &= either
                if not where:
                    break
            live |= where
        return set(set_bits(live))


def _candidates(
    needs: list[list[set[str]]] | None, known: dict[str, str] | None
) -> set[int] | None:
    """The turns (segment numbers) that hold a word of each of the needs of some rule, from the
    transcript's stored words and the turns each stands in. None: every turn (a rule searched
    everywhere, or the words not stored)."""
    if needs is None or known is None:
        return None
    out: set[int] = set()
    for sets in needs:
        turns: set[int] | None = None
        for words in sets:
            holding = set(chain.from_iterable(turns_of(known[w]) for w in words if w in known))
            turns = holding if turns is None else turns & holding
            if not turns:
                break
        out |= turns or set()
    return out


_Job = tuple[int, str, bool, bool]
"""A turn to match: its transcript, its text (names not yet masked), whether to check first
that a rule is live on its words, whether to return its words (to store them)."""
_Done = tuple[list[Match], list[str] | None, list[str]] | None
"""The matches in a turn, its words when asked, and the directional codes it mentions without a
direction; None: no rule live there, not matched."""
MIN_TURNS_FOR_WORKERS = 500
_WORKER: tuple[Codebook, RuleIndex, NameMasks] | None = None


def _match_turn(
    codebook: Codebook, index: RuleIndex, masks: NameMasks, job: _Job
) -> _Done | LernetError:
    """A turn's names masked and its rules matched (in a worker: the masking too is spread)."""
    tid, raw, check, learn = job
    text = masks.mask(tid, raw)
    if check and not index.live_rules(
        Doc.from_lists(text, [], (token_words(text), [], [], [], []))
    ):
        return None
    doc = make_doc(text)
    undirected: list[str] = []
    try:
        matches = code_doc(codebook, doc, index, undirected)
    except LernetError as exc:  # a regular expression that takes too long
        return exc
    return matches, (list(doc.distinct) if learn else None), undirected


def _worker(job: _Job) -> _Done | LernetError:
    assert _WORKER is not None
    return _match_turn(*_WORKER, job)


def _match_all(
    codebook: Codebook, index: RuleIndex, masks: NameMasks, jobs: list[_Job]
) -> list[_Done | LernetError]:
    """The turns matched with the index's codes, in order; on all cores when there are enough
    of them to pay for starting the workers (forked: they inherit the index and what it has
    learned about the corpus's words). A turn a regular expression takes too long on gives
    that error, for its transcript alone."""
    from .workers import fork_pool, fork_workers

    workers = fork_workers()
    if len(jobs) < MIN_TURNS_FOR_WORKERS or not workers:
        done = [_match_turn(codebook, index, masks, job) for job in jobs]
    else:
        global _WORKER
        _WORKER = (codebook, index, masks)
        try:
            with fork_pool(workers) as pool:
                done = list(pool.imap(_worker, jobs, chunksize=64))
        finally:
            _WORKER = None
    return done


def reassigned_files(root: Path, store: Store, participants: Participants) -> list[Path]:
    """The stored transcripts (read from a file that is still there) that the participants file
    now gives to another participant than the one they are stored with: a `files:` pattern
    added or changed since they were coded."""
    imported = set(store.imported_ids())
    out = []
    for t in store.transcripts():
        owner = participants.match_file(Path(t.path))
        if owner is None or owner.id == t.participant or t.id in imported:
            continue
        if (root / t.path).is_file():
            out.append(root / t.path)
    return out


def recode_stored(
    store: Store,
    codebook: Codebook,
    participants: Participants,
    progress: Callable[[StoredTranscript], None] | None = None,
    cache: Path | None = None,
    masks: NameMasks | None = None,
    project: Project | None = None,
) -> list[FileResult]:
    """`lernet code` without files: the rules applied again to the stored turns of every
    transcript lernet coded with other rules (a codebook edit), no file read, and to imported
    transcripts the rules have not coded yet (their imported codings stay as they are). The
    others are unchanged. `cache`: the project's cache folder, where the words' forms are kept
    between runs. `masks`: the names the rules must not read (coding/names.py; by default those
    they last did not); a transcript coded with other names is coded again. With `project`, a
    transcript the participants file now gives to someone else (`reassigned_files`) is read
    again from its file and stored as theirs, as `lernet code FOLDER` does; so is a file an
    earlier `lernet code` refused (coding/refused.py), and one edited since it was read
    (coding/ondisk.py), which keeps its participant."""
    moved: dict[str, FileResult] = {}
    known = {t.path for t in store.transcripts()}
    if project is not None:
        from .ondisk import changed_on_disk
        from .refused import refused_files

        files = reassigned_files(project.root, store, participants)
        # A file refused at an earlier `lernet code FILE` is tried again: coded now, or said
        # again to be left out, and why, rather than "unchanged".
        files += [f for f in refused_files(project.root, project.cache_dir) if f not in files]
        files += changed_on_disk(project.root, project.cache_dir, store, files)
        if files:
            from .pipeline import CodeOptions, code_files

            if project.protocol_path is not None and codebook.protocol is None:
                from .protocol import load_protocol

                codebook.protocol = load_protocol(project.protocol_path, codebook)
            options = CodeOptions(keep_stored=True)
            for result in code_files(project, store, codebook, participants, files, options):
                if result.error and result.error.startswith(f"{result.path}: not coded: "):
                    kept = " (its stored version is counted)" if result.path in known else ""
                    result.error = result.error.replace(
                        " not coded: ", f" still not coded{kept}: ", 1
                    )
                moved[result.path] = result
    rules = digest_of(code_digests(codebook))
    if masks is None:
        masks = NameMasks.from_store(store)
    stored = store.transcripts()
    imported = set(store.imported_ids()) if codebook.rule_codes() else set()
    stale = [
        t
        for t in stored
        if (t.rules_digest != rules or t.names_digest != masks.digest)
        and (t.rules_digest is not None or t.id in imported)
    ]
    if stale:
        load_forms(cache)
    # No collection while the stored words, turns and new codings of every stale transcript
    # are held: none of it is garbage, and each full collection walked all of it (0.1-0.2 s at
    # N=1,000).
    with gc_paused(), store.bulk_writes():
        if stale:
            masks.remember(store)
        done = {r.path: r for r in recoded_results(store, codebook, stale, progress, masks)}
    if stale:
        store.honour_candidate_rejections()
        save_forms(cache)
    out = []
    for t in stored:
        if t.path in moved:
            out.append(moved.pop(t.path))
            continue
        result = done.get(t.path) or FileResult(t.path, "unchanged", participant=t.participant)
        result.group = t.group_name or _group_of(participants, t.participant)
        out.append(result)
    remember_coded_with(store, codebook)
    return out + list(moved.values())  # a file that could not be read again: its error


def recoded_results(
    store: Store,
    codebook: Codebook,
    stale: list[StoredTranscript],
    progress: Callable[[StoredTranscript], None] | None = None,
    masks: NameMasks | None = None,
) -> list[FileResult]:
    """Re-code these stored transcripts from the store (rules or names changed, files the
    same)."""
    done = recode_from_store(store, codebook, stale, progress, masks)
    counts = store.file_coding_counts(r.transcript.id for r in done)
    out = []
    for r in done:
        if r.error is not None:
            path = r.transcript.path
            out.append(
                FileResult(
                    path,
                    "error",
                    participant=r.transcript.participant,
                    group=r.transcript.group_name,
                    error=f"{path}: not re-coded (its stored codings stay as they were): {r.error}",
                )
            )
            continue
        turns, coded, codings, manual = counts[r.transcript.id]
        out.append(
            FileResult(
                r.transcript.path,
                "re-coded",
                participant=r.transcript.participant,
                group=r.transcript.group_name,
                segments=turns,
                coded_segments=coded,
                codings=codings,
                manual=manual,
            )
        )
    return out
