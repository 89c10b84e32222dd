"""Re-coding from the store: a codebook edit applied to the stored turns, without the files.

A researcher changes a rule, codes again and looks, many times an hour. The turns are in the
store already, and so is what each transcript's rule codings came from (a digest per code,
coding/digests.py). So only the codes whose digest changed are applied again, with an index of
those codes alone, and only to the turns that hold a word that can open one of their rules (from
each transcript's stored words, then a plain search of each turn's text). Everything else stays:
the other codes' codings, codings from comments, tags, the protocol, reviews and imports, and
every review decision (store/writes.py, `_replace_rule_codings`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from ..codebook.codebook import Codebook
from ..language.text import CLITIC_WORDS, Doc, make_doc, token_words
from ..model import Match
from ..project.participants import Participants
from ..store.store import Store, StoredTranscript
from .autocode import RuleIndex, code_doc
from .digests import code_digests, digest_of
from .pipeline import FileResult, _group_of


@dataclass
class Recoded:
    transcript: StoredTranscript
    codes: set[str] | None
    """The codes whose rules were applied again (None: all, the store not knowing which)."""
    turns_read: int
    """Participant turns that held a word of those codes' rules, and so were matched again."""


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
) -> list[Recoded]:
    """Apply the changed codes' rules again to the stored turns of these transcripts: one
    transaction for the transcripts whose rules came from the same codebook."""
    per_code = code_digests(codebook)
    rules = (digest_of(per_code), per_code)
    by_old: dict[str | None, list[StoredTranscript]] = {}
    for t in stale:
        by_old.setdefault(t.rules_digest, []).append(t)
    out: list[Recoded] = []
    for old_digest, members in by_old.items():
        codes = changed_codes(store.rule_set(old_digest), per_code)
        index = RuleIndex(codebook, only=codes)
        words = store.transcript_words(t.id for t in members)
        frequency = Counter(chain.from_iterable(known or () for known in words.values()))
        indicators = index.indicator_words(frequency) if index.codes else set()
        wanted = [
            t.id
            for t in members
            if indicators is None
            or words.get(t.id) is None
            or not indicators.isdisjoint(words[t.id] or ())
        ]
        turns = store.participant_turns(wanted) if wanted and index.codes else {}
        found: dict[int, list[tuple[int, Match]]] = {}
        learned: dict[int, list[str]] = {}
        for t in members:
            known = words.get(t.id)
            # every turn is looked at when the words are not known or a rule is searched anywhere
            look_for = (
                None
                if known is None or indicators is None
                else [w for w in known if w in indicators]
            )
            found[t.id], read, seen = _match(codebook, index, turns.get(t.id, []), look_for)
            if known is None:
                learned[t.id] = sorted(seen)
            out.append(Recoded(t, codes, read))
        store.recode_rules([t.id for t in members], codes, found, rules, learned)
        if progress is not None:
            for t in members:
                progress(t)
    return out


def _match(
    codebook: Codebook, index: RuleIndex, turns: list[tuple[int, str]], look_for: list[str] | None
) -> tuple[list[tuple[int, Match]], int, set[str]]:
    """(matches of the index's codes in the turns, turns matched, the turns' words). Only turns
    that hold one of the words `look_for` (None: every turn) and where a rule of the index is
    live are matched; the words are all the turns' only when `look_for` is None."""
    found: list[tuple[int, Match]] = []
    seen: set[str] = set()
    read = 0
    derived = look_for is not None and not CLITIC_WORDS.isdisjoint(look_for)
    for seg, text in turns:
        if look_for is not None:
            if not _holds(text, look_for, derived):
                continue
            # the turn's words alone tell whether a rule is live here
            if not index.live_rules(Doc.from_lists(text, [], (token_words(text), [], [], [], []))):
                continue
        doc = make_doc(text)
        read += 1
        if look_for is None:
            seen.update(doc.distinct)
        found.extend((seg, m) for m in code_doc(codebook, doc, index))
    return found, read, seen


def _holds(text: str, words: list[str], derived: bool) -> bool:
    """Whether the turn may have one of these words as a token. A token is a piece of the text
    that no word character touches, except where an apostrophe splits or stands for words
    (wasn't: was + not; 't: het): with an apostrophe, a piece is enough, and the words clitics
    stand for (CLITIC_WORDS) are taken to be there."""
    apostrophe = "'" in text or "’" in text
    if apostrophe and derived:
        return True
    return any(w in text and (apostrophe or _whole_word(w).search(text) is not None) for w in words)


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def recode_stored(
    store: Store,
    codebook: Codebook,
    participants: Participants,
    progress: Callable[[StoredTranscript], None] | None = None,
) -> list[FileResult]:
    """`lernet code` without files: the rules applied again to the stored turns of every
    transcript lernet coded with other rules (a codebook edit), no file read. The others are
    unchanged; imported transcripts, which the rules never coded, are left alone."""
    rules = digest_of(code_digests(codebook))
    stored = store.transcripts()
    stale = [t for t in stored if t.rules_digest is not None and t.rules_digest != rules]
    with store.bulk_writes():
        done = {r.path: r for r in recoded_results(store, codebook, stale, progress)}
    out = []
    for t in stored:
        result = done.get(t.path) or FileResult(t.path, "unchanged", participant=t.participant)
        result.group = t.group_name or _group_of(participants, t.participant)
        out.append(result)
    return out


def recoded_results(
    store: Store,
    codebook: Codebook,
    stale: list[StoredTranscript],
    progress: Callable[[StoredTranscript], None] | None = None,
) -> list[FileResult]:
    """Re-code these stored transcripts from the store (rules changed, files the same)."""
    done = recode_from_store(store, codebook, stale, progress)
    counts = store.file_coding_counts(r.transcript.id for r in done)
    out = []
    for r in done:
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
