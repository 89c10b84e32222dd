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
what the term would do as a rule.
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
from ..language.stopwords import STOPWORDS
from ..language.text import fold, is_negator, make_doc
from .evaluate import Scores, score

if TYPE_CHECKING:
    from ..codebook.codebook import Code, Codebook
    from ..codebook.rules import Rule
    from ..language.text import Doc
    from .handcoding import HandCoding

MIN_CODED = 5
MIN_TRANSCRIPTS = 2
MIN_SUPPORT = 2
"""A term must stand in at least this many coded segments to be proposed."""
PRIOR_WEIGHT = 1.0
"""alpha_w = PRIOR_WEIGHT x the feature's count in the background (all turns)."""


class Feature(NamedTuple):
    """A tuple, not a dataclass: millions of them are hashed while counting."""

    words: tuple[str, ...]
    negated: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def rule_source(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"any": [self.text]}
        if self.negated:
            raw["negation"] = "require"
        return raw


@lru_cache(maxsize=100_000)
def lemma_key(word: str) -> str:
    """One lemma per word: the Dutch one, or the English one for a word Dutch leaves alone."""
    from ..language.lemmas import lemmatize

    low = word.lower().replace("’", "'")
    nl = lemmatize(low, "nl")
    if nl != low:
        return fold(nl)
    return fold(lemmatize(low, "en"))


def _content(word: str, key: str) -> bool:
    return (
        len(key) > 2
        and not key.isdigit()
        and key not in STOPWORDS
        and fold(word) not in STOPWORDS
        and not is_negator(word)
    )


def features(doc: Doc) -> set[Feature]:
    """The words and two-word phrases of one segment, each once, negated ones apart."""
    out: set[Feature] = set()
    tokens = doc.tokens
    keys = [lemma_key(t.text) for t in tokens]
    content = [_content(t.text, k) for t, k in zip(tokens, keys, strict=True)]
    for i, token in enumerate(tokens):
        if not content[i]:
            continue
        out.add(Feature((keys[i],), doc.is_negated(i, i)))
        if i + 1 < len(tokens) and content[i + 1] and tokens[i + 1].clause == token.clause:
            out.add(Feature((keys[i], keys[i + 1]), doc.is_negated(i, i + 1)))
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
class Suggestion:
    feature: Feature
    z: float
    coded: int
    """Coded segments that contain it."""
    other: int
    """Segments not coded that contain it."""
    folds: int = 0
    """Transcripts on which it was proposed when learned without them."""
    loo: Scores = field(default_factory=Scores)
    loo_with_rules: Scores = field(default_factory=Scores)

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.feature.text,
            "negated": self.feature.negated,
            "z": round(self.z, 3),
            "coded_segments_with_term": self.coded,
            "other_segments_with_term": self.other,
            "proposed_in_folds": self.folds,
            "estimate": self.loo.to_json(),
            "estimate_with_rules": self.loo_with_rules.to_json(),
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

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "coder": self.coder,
            "transcripts": self.transcripts,
            "transcripts_with_code": self.transcripts_with_code,
            "segments": self.segments,
            "coded_segments": self.coded_segments,
            "current_rules": self.rules.to_json(),
            "estimated": "leave-one-transcript-out",
            "suggestions": [s.to_json() for s in self.items],
            "already_in_rules": self.in_rules,
        }


def terms_in_rules(code: Code) -> set[Feature]:
    """Single terms of the code's own any: rules, as features with their negation mode."""
    out: set[Feature] = set()
    for rule in code.rules:
        if rule.kind != "any" or rule.none or rule.negation == "ignore":
            continue
        for term in rule.groups[0]:
            words = tuple(lemma_key(w) for w in term.text.split())
            out.add(Feature(words, rule.negation == "require"))
    return out


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
) -> Suggestions:
    """Terms that separate the segments `hand.coder` coded with the code from the rest."""
    from ..coding.autocode import rule_matches

    if top < 1:
        raise UsageError("--top must be at least 1")
    code = codebook.codes[code_id]
    labels = hand.positives(code_id)
    paths = [u.path for u in hand.units]
    with_code = {p for p, label in zip(paths, labels, strict=True) if label}
    coded = sum(labels)
    if coded < MIN_CODED or len(with_code) < MIN_TRANSCRIPTS:
        raise NotEnoughData(
            f"too little to learn from: {hand.coder} coded {code_id} in {coded} segment(s) of "
            f"{len(with_code)} transcript(s); suggestions need at least {MIN_CODED} coded "
            f"segments in at least {MIN_TRANSCRIPTS} transcripts"
        )
    # Features become small numbers: a study's turns hold millions of them.
    ids: dict[Feature, int] = {}
    per_unit = [
        array("I", sorted({ids.setdefault(f, len(ids)) for f in features(make_doc(u.text))}))
        for u in hand.units
    ]
    vocabulary = list(ids)
    skip = {ids[f] for f in terms_in_rules(code) if f in ids}
    del ids
    background: Counter[int] = Counter()
    for feats in per_unit:
        background.update(feats)
    rule_hits = [code_id in r for r in rules]

    def by_text(k: int) -> Feature:
        return vocabulary[k]

    everyone = list(range(len(paths)))
    pos, neg = count(per_unit, labels, everyone)
    ranked = rank(pos, neg, background, set(), top + len(skip), by_text)
    in_rules = [
        vocabulary[k].text + (" (negated)" if vocabulary[k].negated else "")
        for k, _ in ranked
        if k in skip
    ]
    chosen = [(k, z) for k, z in ranked if k not in skip][:top]

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
        item = Suggestion(vocabulary[k], z, coded=pos[k], other=neg[k])
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
        rules=score(rule_hits, labels),
        items=items,
        in_rules=in_rules,
    )
