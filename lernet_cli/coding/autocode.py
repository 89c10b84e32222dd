"""Apply a codebook's rules to text: one Match per code that a segment carries."""

from __future__ import annotations

from dataclasses import dataclass

from ..codebook.codebook import Code, Codebook
from ..codebook.rules import REGEX_TIMEOUT, RegexTimeout, Rule, Term, WordPattern, find_direction
from ..errors import CodebookError
from ..language.text import Doc, fold, make_doc, word_forms
from ..model import Match

WORD_HITS_MAX = 200_000  # distinct words remembered per process; then forgotten and relearned
_NONE: frozenset[int] = frozenset()
_NO_HITS = (_NONE, _NONE, _NONE)  # shared by the many words that no term starts, ends or holds


class RuleIndex:
    """Which terms stand in a segment, and so which rules could match it, from its own words.

    Every term of the codebook (rule terms, `none:` terms, direction cues) is indexed by each of
    its words (forms, prefix or infix). A segment's words are looked up once; a term with a word
    not found is known to be absent without searching, and a rule with a group (of any: or all:)
    none of whose terms is present is not tried. The cost per segment then follows its length,
    not the codebook's size.
    """

    def __init__(self, codebook: Codebook):
        self.codes = [(code, list(code.rules)) for code in codebook.rule_codes()]
        self.regex_rules: list[Rule] = []
        """Rules of a regular expression: live when it matches the doc's text anywhere."""
        self.by_key: dict[str, set[int]] = {}
        """Word key -> ids of the terms whose first word it matches."""
        self.last_by_key: dict[str, set[int]] = {}
        """Word key -> ids of the terms of several words whose last word it matches."""
        self.mid_by_key: dict[str, set[int]] = {}
        """Word key -> slots (the middle words of longer terms, numbered) it matches."""
        self.mid_slots: dict[int, tuple[int, ...]] = {}
        """Id of a term of three or more words -> the slots of its middle words."""
        self.single: set[int] = set()
        """Ids of the terms of one word."""
        self._next_slot = 0
        self.prefix_lengths: set[int] = set()
        self.infix_lengths: set[int] = set()
        self.triggers: dict[int, list[frozenset[int]]] = {}
        """Rule id -> per group of terms, their ids: a rule is live when each group has a term
        present (every group of an all: rule must match; an any: rule has one group)."""
        self.opened_by: dict[int, list[int]] = {}
        """Term id -> the rules with the term in their first group."""
        self.code_of: dict[int, int] = {}
        """Rule id -> position of its code in `codes`."""
        self._word_hits: dict[str, tuple[frozenset[int], frozenset[int], frozenset[int]]] = {}
        for position, (code, rules) in enumerate(self.codes):
            for rule in rules:
                self.code_of[id(rule)] = position
                if rule.kind == "regex":
                    self.regex_rules.append(rule)
                else:
                    self.triggers[id(rule)] = [
                        frozenset(id(t) for t in group) for group in rule.groups
                    ]
                    for term_id in self.triggers[id(rule)][0]:
                        self.opened_by.setdefault(term_id, []).append(id(rule))
                    for group in rule.groups:
                        for term in group:
                            self._add(term)
                for term in rule.none:
                    self._add(term)
            for cues in code.directions.values():
                for term in cues:
                    self._add(term)

    def _add(self, term: Term) -> None:
        words = term.words
        for key in self._keys(words[0]):
            self.by_key.setdefault(key, set()).add(id(term))
        if len(words) == 1:
            self.single.add(id(term))
            return
        for key in self._keys(words[-1]):
            self.last_by_key.setdefault(key, set()).add(id(term))
        if len(words) > 2 and id(term) not in self.mid_slots:
            slots = []
            for word in words[1:-1]:
                slot = self._next_slot
                self._next_slot += 1
                slots.append(slot)
                for key in self._keys(word):
                    self.mid_by_key.setdefault(key, set()).add(slot)
            self.mid_slots[id(term)] = tuple(slots)

    def _keys(self, word: WordPattern) -> list[str]:
        """The keys under which a word of a doc that this pattern matches is found."""
        if word.kind == "forms":
            return list(word.forms)
        if word.kind == "exact":
            return ["s:" + word.value]
        if word.kind == "prefix":
            self.prefix_lengths.add(len(word.value))
            return ["p:" + word.value]
        self.infix_lengths.add(len(word.value))
        return ["c:" + word.value]

    def present_terms(self, doc: Doc) -> set[int]:
        """Ids of the terms each of whose words matches some word of the doc.

        A term that stands in the doc is among them; one that is not cannot stand there.
        """
        hits_of = self._word_hits
        rows = []
        for text in {t.text for t in doc.tokens}:
            hits = hits_of.get(text)
            if hits is None:
                if len(hits_of) >= WORD_HITS_MAX:
                    hits_of.clear()
                hits = (
                    self._hits(self.by_key, text),
                    self._hits(self.last_by_key, text),
                    self._hits(self.mid_by_key, text),
                )
                hits_of[text] = hits = hits if any(hits) else _NO_HITS
            rows.append(hits)
        heads = set().union(*[row[0] for row in rows])
        found = heads & self.single
        lasts = set().union(*[row[1] for row in rows])
        multi = heads & lasts
        if multi:
            found |= multi
            mid_slots = self.mid_slots
            longer = [t for t in multi if t in mid_slots]
            if longer:
                mids = set().union(*[row[2] for row in rows])
                for term_id in longer:
                    if not mids.issuperset(mid_slots[term_id]):
                        found.discard(term_id)
        return found

    def _hits(self, by_key: dict[str, set[int]], text: str) -> frozenset[int]:
        """What a word matches in by_key (any of its forms, prefixes or infixes).

        It depends on the word alone, so present_terms looks it up once per distinct word.
        """
        found: set[int] = set()
        for form in word_forms(text):
            hit = by_key.get(form)
            if hit:
                found |= hit
        word = fold(text)
        for n in self.prefix_lengths:
            if n <= len(word):
                hit = by_key.get("p:" + word[:n])
                if hit:
                    found |= hit
        for n in self.infix_lengths:
            for i in range(len(word) - n + 1):
                hit = by_key.get("c:" + word[i : i + n])
                if hit:
                    found |= hit
        return frozenset(found) if found else _NONE

    def live_rules(self, doc: Doc) -> set[int]:
        """Rules worth trying on the doc; also tells the doc which terms it holds."""
        present = self.present_terms(doc)
        doc.present_terms = present
        opened_by = self.opened_by
        live = set()
        text = doc.text
        for rule in self.regex_rules:
            try:
                if rule.pattern.search(text, timeout=REGEX_TIMEOUT) is None:
                    continue
            except TimeoutError:
                pass  # the rule runs and reports it, naming its code
            live.add(id(rule))
        triggers = self.triggers
        for rule_id in set().union(*[opened_by[t] for t in opened_by.keys() & present]):
            for group in triggers[rule_id][1:]:
                if group.isdisjoint(present):
                    break
            else:
                live.add(rule_id)
        return live


def rule_index(codebook: Codebook) -> RuleIndex:
    index = getattr(codebook, "_rule_index", None)
    if index is None:
        index = RuleIndex(codebook)
        codebook._rule_index = index  # type: ignore[attr-defined]
    return index


def code_doc(codebook: Codebook, doc: Doc) -> list[Match]:
    """Every code whose rules match the doc, with the first evidence span and the direction."""
    index = rule_index(codebook)
    candidates = index.live_rules(doc)
    out = []
    code_of = index.code_of
    for position in sorted({code_of[r] for r in candidates}):
        code, rules = index.codes[position]
        live = [r for r in rules if id(r) in candidates]
        match = _match_code(codebook, code, doc, live)
        if match is not None:
            out.append(match)
    return out


def code_text(codebook: Codebook, text: str) -> list[Match]:
    return code_doc(codebook, make_doc(text))


def rule_matches(codebook: Codebook, code: Code, doc: Doc, rules: list[Rule]) -> bool:
    """Whether these rules, standing in `code`'s match list, would code the doc (direction cues
    included for a directional code).

    The doc's caches are keyed by the codebook's own terms (by identity), so these rules run on a
    clean slate and leave the caches as they were."""
    saved = doc.cache, doc.present_terms
    doc.cache, doc.present_terms = {}, None
    try:
        return _match_code(codebook, code, doc, rules) is not None
    finally:
        doc.cache, doc.present_terms = saved


def _match_code(codebook: Codebook, code: Code, doc: Doc, rules: list[Rule]) -> Match | None:
    first: Match | None = None
    directions: set[str] = set()
    for rule in rules:
        try:
            spans = list(rule.find(doc))
        except RegexTimeout as exc:
            raise CodebookError(
                f"[{code.id}] regular expression {exc.pattern!r} takes too long "
                "(catastrophic backtracking?); simplify it",
                codebook.path,
                code.line,
            ) from None
        for start, end in spans:
            direction = None
            if code.directional:
                direction = find_direction(doc, start, end, code.directions)
                if direction is None:
                    continue
                directions.add(direction)
            if first is None:
                first = Match(code.id, start, end, rule.name, direction)
    if first is not None and code.directional:
        first.direction = (
            "both"
            if "both" in directions or {"bring", "take"} <= directions
            else next(iter(directions))
        )
    return first


@dataclass
class ExampleFailure:
    code: str
    kind: str  # "example" | "counterexample"
    text: str

    def __str__(self) -> str:
        what = "not coded" if self.kind == "example" else "wrongly coded"
        return f"[{self.code}] {self.kind} {what}: {self.text}"


def run_examples(codebook: Codebook) -> tuple[int, list[ExampleFailure]]:
    """Run every code's examples and counterexamples; return (number run, failures)."""
    failures = []
    count = 0
    for code in codebook.walk():
        for text in code.examples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id not in ids:
                failures.append(ExampleFailure(code.id, "example", text))
        for text in code.counterexamples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id in ids:
                failures.append(ExampleFailure(code.id, "counterexample", text))
    return count, failures


def _ids_with_ancestors(codebook: Codebook, matches: list[Match]) -> set[str]:
    """A code's match also counts for its parents: a theme's example may be any of its codes."""
    ids = set()
    for m in matches:
        code: Code | None = codebook.codes.get(m.code)
        while code is not None:
            ids.add(code.id)
            code = codebook.codes.get(code.parent) if code.parent else None
    return ids
