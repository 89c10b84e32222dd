"""How well the rules code like a person: precision, recall and F1 per code, worst first.

Two levels, because the report counts interviewees: a segment level (does the rule code the turns
the person coded?) and a participant level (does it find the same people, which is what "(5x)"
rests on?). A code counts its sub-codes on both sides, as in `lernet tally`.

Overall (micro) figures pool the TP/FP/FN of the leaf codes only (codes without sub-codes): a
parent row repeats its children's decisions, so pooling it too would count them twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from .handcoding import HandCoding


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, rule: bool, hand: bool) -> None:
        if rule and hand:
            self.tp += 1
        elif rule:
            self.fp += 1
        elif hand:
            self.fn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2TP / (2TP + FP + FN): defined whenever either side coded something."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """The 95% Wilson score interval of a proportion k/n (None when n is 0): honest at the small
    counts hand coding gives, where k/n alone would claim 100% on two turns."""
    if n <= 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def score(rule_hits: list[bool], hand: list[bool]) -> Scores:
    out = Scores()
    for r, h in zip(rule_hits, hand, strict=True):
        out.add(r, h)
    return out


@dataclass
class CodeEval:
    code: str
    label: str
    depth: int
    segment: Scores
    participant: Scores
    leaf: bool = True
    """No sub-codes: its decisions go into the overall figures."""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "segment": self.segment.to_json(),
            "participant": self.participant.to_json(),
        }


@dataclass
class Evaluation:
    coder: str
    transcripts: list[str]
    segments: int
    participants: int
    codes: list[CodeEval]

    def overall(self) -> tuple[Scores, Scores]:
        """Segment and participant scores pooled over the leaf codes (micro averages)."""
        segment, participant = Scores(), Scores()
        for c in self.codes:
            if c.leaf:
                for pooled, own in ((segment, c.segment), (participant, c.participant)):
                    pooled.tp += own.tp
                    pooled.fp += own.fp
                    pooled.fn += own.fn
        return segment, participant

    def to_json(self) -> dict[str, Any]:
        segment, participant = self.overall()
        return {
            "coder": self.coder,
            "transcripts": self.transcripts,
            "segments": self.segments,
            "participants": self.participants,
            "overall": {
                "codes": sum(1 for c in self.codes if c.leaf),
                "segment": segment.to_json(),
                "participant": participant.to_json(),
            },
            "codes": [c.to_json() for c in self.codes],
        }


def evaluate(
    codebook: Codebook, hand: HandCoding, rules: list[set[str]], lang: str = "nl"
) -> Evaluation:
    """Every code of the codebook, worst segment F1 first; codes neither side used come last."""
    people = list(dict.fromkeys(u.participant for u in hand.units))
    out: list[CodeEval] = []
    for code in codebook.walk():
        by_rule = [code.id in r for r in rules]
        by_hand = hand.positives(code.id)
        rule_people = {u.participant for u, hit in zip(hand.units, by_rule, strict=True) if hit}
        hand_people = {u.participant for u, hit in zip(hand.units, by_hand, strict=True) if hit}
        per_person = Scores()
        for person in people:
            per_person.add(person in rule_people, person in hand_people)
        out.append(
            CodeEval(
                code.id,
                code.label(lang),
                code.depth,
                score(by_rule, by_hand),
                per_person,
                leaf=not code.children,
            )
        )
    order = {c.code: i for i, c in enumerate(out)}

    def key(c: CodeEval) -> tuple[int, float, float, int]:
        f1 = c.segment.f1
        pf1 = c.participant.f1
        return (f1 is None, f1 or 0.0, pf1 or 0.0, order[c.code])

    return Evaluation(
        hand.coder, hand.transcripts, len(hand.units), len(people), sorted(out, key=key)
    )
