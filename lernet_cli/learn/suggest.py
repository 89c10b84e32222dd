"""Proposing match terms from a person's hand coding, with estimates that do not flatter.

Features are words and two-word phrases on the lemma (so *kende* and *kennen* are one feature),
taken apart when they stand in the scope of a negation: "niet kennen" is another feature than
"kennen", and as a rule it becomes `negation: require`. A segment counts a feature once.

Ranking is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
"Fightin' Words"): the prior is each feature's frequency in all the coded transcripts' turns, so a
word that is merely common is shrunk toward zero and rare words cannot win on one or two
occurrences. Its z-score orders the proposals.

A term's precision and recall are estimated leave-one-transcript-out: the ranking is learned again
without each transcript in turn, and the term codes that transcript only if it is among the top
proposals learned without it. A phrase only one interviewee used is therefore never credited with
finding them. Matching is the rules' own (inflection, negation, direction cues), so an estimate is
what the term would do as a rule. With few coded turns an estimate is rough, so each comes with a
95% Wilson interval and the number of turns it rests on.

Besides the hand-coded transcripts, learning takes what else says what the code is and is not
(`Extra`): the codebook's examples and counterexamples, and the candidates people accepted or
rejected (`lernet review --candidates`) in other transcripts. They always stay in the learning
side of every fold and are never scored: estimates rest on the hand-coded transcripts only.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..errors import NotEnoughData, UsageError
from ..language.detect import detect_language
from ..language.names import is_filler
from ..language.plural import counted
from ..language.stopwords import NUMBER_WORDS, STOPWORDS
from ..language.text import fold, is_negator, make_doc
from .evaluate import Scores, score, wilson

if TYPE_CHECKING:
    from ..codebook.codebook import Code, Codebook
    from ..codebook.rules import Rule, Term
    from ..language.text import Doc
    from ..store.store import Store
    from .handcoding import HandCoding

MIN_CODED = 2
MIN_TRANSCRIPTS = 2
MIN_SUPPORT = 2
"""A term must stand in at least this many coded segments to be proposed."""
PRECISE_TRANSCRIPTS = 2
"""A term is rated precise only when it stands in coded turns of at least this many transcripts:
backed by more than one interviewee, never one person's phrasing."""
PRECISE_LOW = 0.5
"""The low end of the 95% Wilson interval that a precise term's precision in the hand-coded
transcripts (coded turns with it / all turns with it) must reach: four coded turns and no other
(0.51), seven and one other (0.53); at two or three with none (0.34, 0.44) the interval admits a
term that is wrong more often than right. Single words are never rated precise: learned from a
few turns they are too broad; on the dev simulation (eval/learn_dev.py, eval/learn_terms.py)
single words added more wrong codings than right ones to interviews not yet coded at every
threshold, phrases and `all:` pairs did not."""
PRIOR_WEIGHT = 1.0
PAIRS = True
"""alpha_w = PRIOR_WEIGHT x the feature's count in the background (all turns)."""


PAIR_JOIN = " + "
"""How a pair is written as a term: `elkaar + kennen`, which `--add` writes as an `all:` rule."""


class Feature(NamedTuple):
    """A tuple, not a dataclass: millions of them are hashed while counting."""

    words: tuple[str, ...]
    negated: bool
    pair: bool = False
    """Two words anywhere in one sentence (an `all:` rule), not next to each other."""

    @property
    def text(self) -> str:
        return PAIR_JOIN.join(self.words) if self.pair else " ".join(self.words)

    def rule_source(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"all": list(self.words)} if self.pair else {"any": [self.text]}
        if self.negated:
            raw["negation"] = "require"
        return raw


@lru_cache(maxsize=100_000)
def lemma_key(word: str, lang: str = "nl") -> str:
    """One lemma per word: the one of the interviews' language, or the other language's for a
    word it leaves alone (English "late" is not Dutch "laat" in an English study). A separable
    verb that the dictionary files with an underscore (op_vangen) is written together
    (opvangen), as a codebook term finds it."""
    from ..language.lemmas import is_known, lemmatize

    low = word.lower().replace("’", "'")
    first, second = (lang, "en" if lang == "nl" else "nl")
    lemma = lemmatize(low, first)
    if lemma != low or is_known(low, first):
        return fold(lemma).replace("_", "")
    return fold(lemmatize(low, second)).replace("_", "")


def _content(word: str, key: str) -> bool:
    return (
        len(key) > 2
        and not key.isdigit()
        and key not in STOPWORDS
        and fold(word) not in STOPWORDS
        and fold(word) not in NUMBER_WORDS
        and not is_negator(word)
        and not is_filler(word)  # a name, masked: no term to learn
    )


def features(doc: Doc, lang: str = "nl") -> set[Feature]:
    """The words and two-word phrases of one segment, each once, negated ones apart."""
    out: set[Feature] = set()
    tokens = doc.tokens
    keys = [lemma_key(t.text, lang) for t in tokens]
    content = [_content(t.text, k) for t, k in zip(tokens, keys, strict=True)]
    for i, token in enumerate(tokens):
        if not content[i]:
            continue
        out.add(Feature((keys[i],), doc.is_negated(i, i)))
        if i + 1 < len(tokens) and content[i + 1] and tokens[i + 1].clause == token.clause:
            out.add(Feature((keys[i], keys[i + 1]), doc.is_negated(i, i + 1)))
    return out


class Sentence(NamedTuple):
    words: frozenset[str]
    """The lemmas of its content words that no negation governs."""
    adjacent: frozenset[tuple[str, str]]
    """Pairs of them (in sorted order) that stand next to each other: a two-word phrase."""


def sentence_words(doc: Doc, lang: str = "nl") -> list[Sentence]:
    """Per sentence, its content words and which of them stand side by side."""
    words: dict[int, set[str]] = {}
    adjacent: dict[int, set[tuple[str, str]]] = {}
    previous: tuple[int, str] | None = None
    for i, token in enumerate(doc.tokens):
        key = lemma_key(token.text, lang)
        if not _content(token.text, key) or doc.is_negated(i, i):
            previous = None
            continue
        words.setdefault(token.sentence, set()).add(key)
        if previous is not None and previous[0] == i - 1 and previous[1] != key:
            x, y = sorted((previous[1], key))
            adjacent.setdefault(token.sentence, set()).add((x, y))
        previous = (i, key)
    return [Sentence(frozenset(w), frozenset(adjacent.get(sid, ()))) for sid, w in words.items()]


def pair_features(sentences: Sequence[list[Sentence]], labels: list[bool]) -> list[set[Feature]]:
    """Per unit, the pairs of words that stand together in one of its sentences, for the pairs
    that do so in at least MIN_SUPPORT of the positive units, and apart (not side by side, where
    the two-word phrase says it better) in at least one of them. Other pairs could never be
    proposed, and counting every pair of every turn would cost too much."""
    support: Counter[tuple[str, str]] = Counter()
    apart: set[tuple[str, str]] = set()
    for unit, positive in zip(sentences, labels, strict=True):
        if positive:
            here: set[tuple[str, str]] = set()
            for sentence in unit:
                together = {(a, b) for a in sentence.words for b in sentence.words if a < b}
                here |= together
                apart.update(together - sentence.adjacent)
            support.update(here)
    partners: dict[str, set[str]] = {}
    for (a, b), n in support.items():
        if n >= MIN_SUPPORT and (a, b) in apart:
            partners.setdefault(a, set()).add(b)
    out: list[set[Feature]] = []
    for unit in sentences:
        found: set[Feature] = set()
        for sentence in unit:
            for a in sentence.words:
                for b in partners.get(a, ()):
                    if b in sentence.words:
                        found.add(Feature((a, b), False, True))
        out.append(found)
    return out


K = TypeVar("K", bound=Hashable)


def log_odds_z(pos: Counter[K], neg: Counter[K], background: Counter[K]) -> dict[K, float]:
    """z-scores of the log-odds ratio, coded vs. not coded, with the informative prior."""
    n_pos = sum(pos.values())
    n_neg = sum(neg.values())
    a0 = PRIOR_WEIGHT * sum(background.values())
    out: dict[K, float] = {}
    for feature, y_pos in pos.items():
        a = PRIOR_WEIGHT * background[feature]
        y_neg = neg.get(feature, 0)
        delta = math.log((y_pos + a) / (n_pos + a0 - y_pos - a)) - math.log(
            (y_neg + a) / (n_neg + a0 - y_neg - a)
        )
        out[feature] = delta / math.sqrt(1 / (y_pos + a) + 1 / (y_neg + a))
    return out


def count(
    per_unit: Sequence[Iterable[K]], labels: list[bool], among: list[int]
) -> tuple[Counter[K], Counter[K]]:
    """In how many coded and how many other segments each feature stands."""
    pos: Counter[K] = Counter()
    neg: Counter[K] = Counter()
    for i in among:
        (pos if labels[i] else neg).update(per_unit[i])
    return pos, neg


def rank(
    pos: Counter[K],
    neg: Counter[K],
    background: Counter[K],
    skip: set[K],
    top: int,
    tiebreak: Callable[[K], Any] = lambda k: k,
) -> list[tuple[K, float]]:
    z = log_odds_z(pos, neg, background)
    ranked = sorted(
        (
            (f, score)
            for f, score in z.items()
            if score > 0 and pos[f] >= MIN_SUPPORT and f not in skip
        ),
        key=lambda item: (-item[1], tiebreak(item[0])),
    )
    return ranked[:top]


@dataclass
class Extra:
    """Turns and sentences that say what a code is (positive) or is not (negative), besides the
    hand-coded transcripts; always learned from, never scored."""

    positive: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    examples: int = 0
    counterexamples: int = 0
    accepted: int = 0
    """Accepted candidates (and codes changed in review) outside the hand-coded transcripts."""
    rejected: int = 0

    def to_json(self) -> dict[str, int]:
        return {
            "examples": self.examples,
            "counterexamples": self.counterexamples,
            "accepted_candidates": self.accepted,
            "rejected_candidates": self.rejected,
        }


def extra_for(
    codebook: Codebook, code_id: str, store: Store, hand: HandCoding, lang: str | None = None
) -> Extra:
    """The code's examples and counterexamples in the interviews' language (a Dutch example
    teaches an English study only words its interviews never hold), and the candidates people
    accepted (codings made in review) or rejected for it in transcripts that are not
    hand-coded."""
    code = codebook.codes[code_id]
    lang = lang or interviews_language(hand)
    examples = [t for t in code.examples if detect_language([t], lang).language == lang]
    counter = [t for t in code.counterexamples if detect_language([t], lang).language == lang]
    out = Extra(
        positive=examples,
        negative=counter,
        examples=len(examples),
        counterexamples=len(counter),
    )
    from ..coding.names import NameMasks

    masks = NameMasks.from_store(store)  # a name's words are no term to learn
    coded = {u.transcript_id for u in hand.units}
    wanted = set(codebook.descendants(code_id))
    seen: set[tuple[int, int]] = set()
    for row in store.coding_rows(codes=wanted, sources=["review", "merge"], statuses=["accepted"]):
        if row.source == "merge" and row.rule != "review":
            continue  # merged from another coder's project: only what they made in review
        if row.transcript_id not in coded and (row.transcript_id, row.segment) not in seen:
            seen.add((row.transcript_id, row.segment))
            out.positive.append(masks.mask(row.transcript_id, row.segment_text))
            out.accepted += 1
    for tid, code_rejected, text in store.candidate_rejections():
        if code_rejected in wanted and tid not in coded:
            out.negative.append(masks.mask(tid, text))
            out.rejected += 1
    return out


@dataclass
class Suggestion:
    feature: Feature
    z: float
    coded: int
    """Coded segments that contain it."""
    other: int
    """Segments not coded that contain it."""
    transcripts: int = 0
    """Hand-coded transcripts in which it stands in a coded turn."""
    folds: int = 0
    """Transcripts on which it was proposed when learned without them."""
    loo: Scores = field(default_factory=Scores)
    loo_with_rules: Scores = field(default_factory=Scores)

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.feature.text,
            "kind": "all" if self.feature.pair else "any",
            "negated": self.feature.negated,
            "z": round(self.z, 3),
            "coded_segments_with_term": self.coded,
            "other_segments_with_term": self.other,
            "transcripts_with_term": self.transcripts,
            "precision_interval": self.precision_interval,
            "proposed_in_folds": self.folds,
            "estimate": _with_intervals(self.loo),
            "estimate_with_rules": _with_intervals(self.loo_with_rules),
        }

    @property
    def precision_interval(self) -> list[float] | None:
        """95% Wilson interval of its precision in the hand-coded turns: of the turns that hold
        it, how many the person coded."""
        return wilson(self.coded, self.coded + self.other)

    @property
    def precise(self) -> bool:
        """A phrase or pair (never a single word) said for the code in at least
        PRECISE_TRANSCRIPTS transcripts, whose precision in the hand-coded turns is over half
        even at the low end of its 95% interval, and which, left out, coded no wrong turn."""
        low = self.precision_interval
        return (
            len(self.feature.words) > 1
            and self.transcripts >= PRECISE_TRANSCRIPTS
            and low is not None
            and low[0] >= PRECISE_LOW
            and self.loo.fp == 0
        )


def _with_intervals(scores: Scores) -> dict[str, Any]:
    """Scores with 95% Wilson intervals for precision and recall (null when undefined)."""
    return scores.to_json() | {
        "precision_interval": wilson(scores.tp, scores.tp + scores.fp),
        "recall_interval": wilson(scores.tp, scores.tp + scores.fn),
    }


@dataclass
class Suggestions:
    code: str
    coder: str
    transcripts: int
    transcripts_with_code: int
    segments: int
    coded_segments: int
    rules: Scores
    items: list[Suggestion]
    in_rules: list[str]
    """Top features left out because the code's rules hold them already."""
    extra: Extra = field(default_factory=Extra)

    def gain(self, item: Suggestion) -> float:
        """Expected gain of adding the term: its leave-one-out F1 with the rules, less the
        rules' F1 on the same turns."""
        return (item.loo_with_rules.f1 or 0.0) - (self.rules.f1 or 0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "coder": self.coder,
            "transcripts": self.transcripts,
            "transcripts_with_code": self.transcripts_with_code,
            "segments": self.segments,
            "coded_segments": self.coded_segments,
            "also_learned_from": self.extra.to_json(),
            "current_rules": _with_intervals(self.rules),
            "estimated": "leave-one-transcript-out",
            "suggestions": [
                s.to_json() | {"gain": round(self.gain(s), 4), "precise": s.precise}
                for s in self.items
            ],
            "already_in_rules": self.in_rules,
        }


def terms_in_rules(code: Code, lang: str = "nl") -> set[Feature]:
    """Single terms of the code's own any: rules, as features with their negation mode."""
    out: set[Feature] = set()
    for rule in code.rules:
        if rule.kind != "any" or rule.none or rule.negation == "ignore":
            continue
        for term in rule.groups[0]:
            words = tuple(lemma_key(w, lang) for w in term.text.split())
            out.add(Feature(words, rule.negation == "require"))
    return out


class RuleCover:
    """Which features the code's own any: rules find already: a term of one stands in the
    feature's words, as a form of it or under its wildcard (`wachtlijst` under `wachtlijst*`,
    `lange wachtlijst` under `wachtlijst`), in the feature's negation (a rule with
    `negation: ignore` finds both). Such a feature added as a rule would code nothing new."""

    def __init__(self, code: Code, lang: str = "nl"):
        self.lang = lang
        self.exact = terms_in_rules(code, lang)
        self.terms: dict[bool, list[Term]] = {False: [], True: []}
        for rule in code.rules:
            if rule.kind != "any" or rule.none:
                continue
            for negated in (False, True):
                if rule.negation == "ignore" or (rule.negation == "require") == negated:
                    self.terms[negated].extend(rule.groups[0])
        self._words: dict[tuple[str, bool], bool] = {}

    def _word(self, word: str, negated: bool) -> bool:
        key = (word, negated)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = any(
                len(t.words) == 1 and t.words[0].matches_word(word) for t in self.terms[negated]
            )
        return found

    def covers(self, feature: Feature) -> bool:
        if feature in self.exact:
            return True
        if any(self._word(w, feature.negated) for w in feature.words):
            return True
        if feature.pair:
            return False
        words = feature.words
        for term in self.terms[feature.negated]:
            n = len(term.words)
            if n < 2:
                continue
            for i in range(len(words) - n + 1):
                if all(p.matches_word(words[i + k]) for k, p in enumerate(term.words)):
                    return True
        return False


def interviews_language(hand: HandCoding) -> str:
    """The language most of the hand-coded turns are in."""
    return detect_language(u.text for u in hand.units).language


def term_rule(feature: Feature, name: str) -> Rule | None:
    from ..codebook.rules import RuleSyntaxError, compile_rule

    try:
        return compile_rule(feature.rule_source(), name)
    except RuleSyntaxError:
        return None


def suggest(
    codebook: Codebook,
    code_id: str,
    hand: HandCoding,
    rules: list[set[str]],
    top: int = 10,
    extra: Extra | None = None,
    lang: str | None = None,
) -> Suggestions:
    """Terms that separate the segments `hand.coder` coded with the code from the rest (and the
    `extra` positives from the extra negatives)."""
    from ..coding.autocode import rule_matches

    if top < 1:
        raise UsageError("--top must be at least 1")
    extra = extra or Extra()
    lang = lang or interviews_language(hand)
    code = codebook.codes[code_id]
    hand_labels = hand.positives(code_id)
    with_code = {u.path for u, label in zip(hand.units, hand_labels, strict=True) if label}
    coded = sum(hand_labels)
    if coded < MIN_CODED or len(with_code) < MIN_TRANSCRIPTS:
        raise NotEnoughData(
            f"too little to learn from: {hand.coder} coded {code_id} in "
            f"{counted(coded, 'segment')} of "
            f"{counted(len(with_code), 'transcript')}; suggestions need at least {MIN_CODED} coded "
            f"segments in at least {MIN_TRANSCRIPTS} transcripts"
        )
    # The extras come after the hand-coded turns: in every fold's learning side, in no fold.
    texts = [u.text for u in hand.units] + extra.positive + extra.negative
    labels = hand_labels + [True] * len(extra.positive) + [False] * len(extra.negative)
    paths = [u.path for u in hand.units]
    # Features become small numbers: a study's turns hold millions of them.
    ids: dict[Feature, int] = {}
    pairs = (
        pair_features([_sentences_of(t, lang) for t in texts], labels)
        if PAIRS
        else [set() for _ in texts]
    )
    per_unit = [
        array("I", sorted({ids.setdefault(f, len(ids)) for f in _features_of(t, lang) | p}))
        for t, p in zip(texts, pairs, strict=True)
    ]
    del pairs
    vocabulary = list(ids)
    del ids
    background: Counter[int] = Counter()
    for feats in per_unit:
        background.update(feats)
    rule_hits = [code_id in r for r in rules]

    def by_text(k: int) -> Feature:
        return vocabulary[k]

    everyone = list(range(len(texts)))
    pos, neg = count(per_unit, labels, everyone)
    # what the rules find already (only a term said often enough in coded turns can rank)
    cover = RuleCover(code, lang)
    skip = {k for k, n in pos.items() if n >= MIN_SUPPORT and cover.covers(vocabulary[k])}
    in_rules: list[str] = []
    chosen: list[tuple[int, float]] = []
    for k, z in rank(pos, neg, background, set(), len(vocabulary), by_text):
        if len(chosen) == top:
            break
        if k in skip:
            in_rules.append(vocabulary[k].text + (" (negated)" if vocabulary[k].negated else ""))
        else:
            chosen.append((k, z))

    folds: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        folds.setdefault(path, []).append(i)
    proposed_in: dict[str, set[int]] = {}
    for path, held_out in folds.items():
        out_pos, out_neg = count(per_unit, labels, held_out)
        fold_ranked = rank(pos - out_pos, neg - out_neg, background, skip, top, by_text)
        proposed_in[path] = {k for k, _ in fold_ranked}

    usable: list[tuple[int, float, Rule]] = []
    for n, (k, z) in enumerate(chosen, 1):
        rule = term_rule(vocabulary[k], f"{code_id}#suggest{n}")
        if rule is not None:
            usable.append((k, z, rule))
    # One doc per turn at a time: holding every turn's doc would cost more memory than the rest.
    hits: list[list[bool]] = [[] for _ in usable]
    for u in hand.units:
        doc = make_doc(u.text)
        for found, (_, _, rule) in zip(hits, usable, strict=True):
            found.append(rule_matches(codebook, code, doc, [rule]))

    items: list[Suggestion] = []
    for (k, z, _), term_hits in zip(usable, hits, strict=True):
        said_by = {paths[i] for i, label in enumerate(hand_labels) if label and k in per_unit[i]}
        item = Suggestion(vocabulary[k], z, coded=pos[k], other=neg[k], transcripts=len(said_by))
        for path, held_out in folds.items():
            used = k in proposed_in[path]
            item.folds += used
            for i in held_out:
                item.loo.add(used and term_hits[i], labels[i])
                item.loo_with_rules.add(rule_hits[i] or (used and term_hits[i]), labels[i])
        items.append(item)
    return Suggestions(
        code=code_id,
        coder=hand.coder,
        transcripts=len(folds),
        transcripts_with_code=len(with_code),
        segments=len(hand.units),
        coded_segments=coded,
        rules=score(rule_hits, hand_labels),
        items=items,
        in_rules=in_rules,
        extra=extra,
    )


_READ: dict[tuple[str, str], tuple[frozenset[Feature], list[Sentence]]] = {}


def _read(text: str, lang: str) -> tuple[frozenset[Feature], list[Sentence]]:
    """`features` and `sentence_words` of a text from one doc, remembered for the run: `suggest
    --all` reads each turn once, and a doc is the costly part of both."""
    found = _READ.get((text, lang))
    if found is None:
        if len(_READ) > 200_000:
            _READ.clear()
        doc = make_doc(text)
        found = _READ[text, lang] = (frozenset(features(doc, lang)), sentence_words(doc, lang))
    return found


def _features_of(text: str, lang: str) -> frozenset[Feature]:
    return _read(text, lang)[0]


def _sentences_of(text: str, lang: str) -> list[Sentence]:
    return _read(text, lang)[1]


@dataclass
class AllSuggestions:
    """`suggest` for every code with enough hand coding."""

    coder: str
    transcripts: list[str]
    learned: list[Suggestions]
    skipped: list[tuple[str, int, int]]
    """(code, coded turns, transcripts with it) of the codes with too little to learn from."""

    def proposals(self) -> list[tuple[Suggestions, Suggestion]]:
        """Every proposal that raises the estimated F1 or is rated precise, the largest gain
        first."""
        found = [
            (s, item) for s in self.learned for item in s.items if s.gain(item) > 0 or item.precise
        ]
        found.sort(key=lambda p: (-p[0].gain(p[1]), -p[1].z, p[0].code, p[1].feature.text))
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "transcripts": len(self.transcripts),
            "codes_learned": [s.code for s in self.learned],
            "estimated": "leave-one-transcript-out",
            "proposals": [
                {"code": s.code, "gain": round(s.gain(item), 4), "precise": item.precise}
                | item.to_json()
                | {
                    "coded_segments": s.coded_segments,
                    "transcripts_with_code": s.transcripts_with_code,
                    "current_rules": _with_intervals(s.rules),
                }
                for s, item in self.proposals()
            ],
            "too_little": [
                {"code": c, "coded_segments": n, "transcripts_with_code": t}
                for c, n, t in self.skipped
            ],
        }


def suggest_all(
    codebook: Codebook, hand: HandCoding, rules: list[set[str]], store: Store, top: int = 10
) -> AllSuggestions:
    """Every code without sub-codes that the person coded in at least two transcripts."""
    learned: list[Suggestions] = []
    skipped: list[tuple[str, int, int]] = []
    lang = interviews_language(hand)
    for code in codebook.walk():
        if code.children:
            continue
        labels = hand.positives(code.id)
        paths = {u.path for u, label in zip(hand.units, labels, strict=True) if label}
        if sum(labels) < MIN_CODED or len(paths) < MIN_TRANSCRIPTS:
            if labels.count(True):
                skipped.append((code.id, sum(labels), len(paths)))
            continue
        extra = extra_for(codebook, code.id, store, hand, lang)
        learned.append(suggest(codebook, code.id, hand, rules, top, extra, lang))
    return AllSuggestions(hand.coder, hand.transcripts, learned, skipped)
