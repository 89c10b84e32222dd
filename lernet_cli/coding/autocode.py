"""Apply a codebook's rules to text: one Match per code that a segment carries."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..bitmask import set_bits
from ..codebook.codebook import Code, Codebook
from ..codebook.regexgate import (
    gate_text,
    is_word_literal,
    regex_branch_needs,
    regex_needs,
    word_runs,
)
from ..codebook.rules import (
    REGEX_TIMEOUT,
    RegexTimeout,
    Rule,
    Term,
    WordPattern,
    find_direction,
    slow_regex,
)
from ..errors import SlowRegexError
from ..language.spelling import us_uk_family
from ..language.text import WORD_RE, Doc, fold, make_doc, token_words, word_forms
from ..model import Match

WORD_HITS_MAX = 200_000  # distinct words remembered per process; then forgotten and relearned
PAIRS_MAX = 200_000  # the same for two words in a row
Hits = tuple[int, int, int, int, int, int]
"""What a word matches: (terms it starts, terms it ends, slots of middle words it fills, rules it
opens, literals it holds, terms one of whose middle words it is)."""
_NO_HITS: Hits = (0, 0, 0, 0, 0, 0)
Pair = tuple[int, int, int]
"""What two words in a row hold of the terms of several words: (the terms of two words that they
are, the terms of three or more words whose first two words they are, and whose last two)."""
_NO_PAIR: Pair = (0, 0, 0)  # shared by the many words that no term starts, ends or holds


class RuleIndex:
    """Which terms stand in a segment, and so which rules could match it, from its own words.

    Every term of the codebook (rule terms, `none:` terms, direction cues) has a bit, and is
    indexed by each of its words (forms, prefix or infix). What a word of a transcript matches
    depends on the word alone, so it is worked out once per distinct word and kept as bit masks:
    the terms it starts, ends or holds in the middle, the rules it opens (a rule opens when a
    term of its first group stands in the segment), and the literal strings of `regex:` rules it
    contains. A segment ORs the masks of its distinct words; a term with a word not found is
    known to be absent without searching, and only the rules opened whose other groups each
    have a term present are tried (for a rule whose groups must meet in one sentence, only when
    some sentence holds the first word of a term of each). The cost per segment then follows
    its words, not the codebook's size.
    """

    def __init__(self, codebook: Codebook, only: set[str] | None = None):
        self.codes = [
            (code, list(code.rules))
            for code in codebook.rule_codes()
            if only is None or code.id in only
        ]
        """The codes with rules (of `only`, when given: re-coding some codes from the store)."""
        self.code_of: dict[int, int] = {}
        """Rule id -> position of its code in `codes`."""
        self.terms: list[Term] = []
        """Term bit -> term."""
        self.bit_of: dict[int, int] = {}
        """Term id -> its bit."""
        self.by_key: dict[str, int] = {}
        """Word key -> mask of the terms whose first word it matches."""
        self.last_by_key: dict[str, int] = {}
        """Word key -> mask of the terms of several words whose last word it matches."""
        self.mid_by_key: dict[str, int] = {}
        """Word key -> mask of the slots (the middle words of longer terms, numbered) it matches."""
        self.mid_terms_by_key: dict[str, int] = {}
        """Word key -> mask of the terms of three or more words one of whose middle words it
        matches (for a term of three words, the presence of its middle word)."""
        self.longest = 0
        """Mask of the terms of four or more words (whose middle words need their slots)."""
        self.of_length: dict[int, int] = {}
        """Number of words (two or more) -> mask of the terms of that many words."""
        self.mid_need: dict[int, int] = {}
        """Bit of a term of three or more words -> mask of the slots of its middle words."""
        self.single = 0
        """Mask of the terms of one word."""
        self.multi = 0
        """Mask of the terms of several words."""
        self.longer = 0
        """Mask of the terms of three or more words."""
        self.apart = 0
        """Mask of the separable verbs written apart (verb ... particle): among `multi`, present
        where both words are, in any order and distance (the search sees where they stand)."""
        self._next_slot = 0
        self.prefix_lengths: set[int] = set()
        self.us_lengths: set[int] = set()
        self.infix_lengths: set[int] = set()
        self.rules: list[Rule] = []
        """Rule number -> rule (a rule's bit in the masks of rules)."""
        self.rest: list[tuple[Any, ...]] = []
        """Rule number -> what else it needs once opened: the term masks of its other groups,
        or for a regular expression its other requirements (mask of literals, or strings)."""
        self.meet: dict[int, tuple[int, ...] | None] = {}
        """Rule number -> the term masks of its groups, for a rule whose groups must meet in one
        sentence (None for the others)."""
        self.opens: dict[int, int] = {}
        """Term bit -> mask of the rules that have the term in their first group."""
        self.openers = 0
        """Mask of the terms that open some rule."""
        self.literals: dict[str, int] = {}
        """A word-character string that a regular expression needs -> its bit."""
        self.literal_opens: dict[int, int] = {}
        """Literal bit -> mask of the rules of a regular expression it opens."""
        self.branches: dict[int, list[list[int | tuple[str, ...]]]] = {}
        """Rule number of an expression that is an alternation -> what each branch needs: it is
        searched only where some branch has all it needs (more selective than the requirements
        of the whole, which must hold for any branch)."""
        self.expressions = 0
        """Mask of the rules of a regular expression."""
        self.always = 0
        """Mask of the rules of a regular expression searched in every segment (nothing known
        that they need, or only strings across words)."""
        self._word_hits: dict[str, Hits] = {}
        """Word -> (terms it starts, terms it ends, slots, rules it opens, literals it holds)."""
        self._pairs: dict[tuple[str, str], Pair] = {}
        """Two words in a row -> what they hold of the terms of several words."""
        self._pair_words: set[str] = set()
        """The words met so far that start a term of several words or are a middle word of one:
        a pair can hold something only where its first word is one of them."""
        self._raw_hits: dict[str, Hits] = {}
        """The same for a word that splits into several (wasn't): only its literals."""
        self.head_of: list[int] = []
        """Term bit -> its first word's number: terms that start with the same word share it."""
        self._heads: dict[tuple[str, object], int] = {}
        self.head_words: dict[int, set[str]] = {}
        """First word's number -> the words met so far that it matches."""
        self.generation = 0
        """Counts the times the per-word memory was forgotten."""
        self.lists: dict[int, tuple[list[Term], int, dict[int, int]]] = {}
        """Id of a list of terms (a rule's group or none:, a code's cues) -> (the list, its mask,
        term bit -> place in the list), so that the terms present in it are found at once."""
        # the terms of several words take the lowest bits, the longest first, so that the masks
        # that the check of their words' order works on (`_in_a_row`) stay short
        terms: list[Term] = []
        for code, rules in self.codes:
            for rule in rules:
                terms += rule.none
                if rule.kind != "regex":
                    for group in rule.groups:
                        terms += group
            for cues in code.directions.values():
                terms += cues
        for term in sorted(terms, key=lambda t: -len(t.words)):
            self._add(term)
        for position, (code, rules) in enumerate(self.codes):
            for rule in rules:
                self.code_of[id(rule)] = position
                self._add_rule(rule)
            for cues in code.directions.values():
                for term in cues:
                    self._add(term)
                self._add_list(cues)

    def _add_list(self, terms: list[Term]) -> None:
        place: dict[int, int] = {}
        for i, term in enumerate(terms):
            place.setdefault(self.bit_of[id(term)], i)
        self.lists[id(terms)] = (terms, self._mask(terms), place)

    def _add_rule(self, rule: Rule) -> None:
        number = len(self.rules)
        self.rules.append(rule)
        for term in rule.none:
            self._add(term)
        self._add_list(rule.none)
        if rule.kind == "regex":
            self._add_regex(number, rule)
            return
        for group in rule.groups:
            for term in group:
                self._add(term)
            self._add_list(group)
        masks = [self._mask(group) for group in rule.groups]
        self.rest.append(tuple(masks[1:]))
        self.meet[number] = (
            tuple(masks) if rule.kind == "all" and rule.within == "sentence" else None
        )
        for bit in set_bits(masks[0] if masks else 0):
            self.opens[bit] = self.opens.get(bit, 0) | (1 << number)
            self.openers |= 1 << bit

    def _add_regex(self, number: int, rule: Rule) -> None:
        self.expressions |= 1 << number
        needs = list(regex_needs(rule.pattern_text))
        opener = next((n for n in needs if all(is_word_literal(s) for s in n)), None)
        if opener is not None:
            needs.remove(opener)
        else:  # opened by a word inside each string; the strings themselves are checked later
            opener = next((runs for n in needs if (runs := word_runs(n))), None)
        if opener is None:
            self.always |= 1 << number
        else:
            for s in opener:
                bit = self.literals.setdefault(s, len(self.literals))
                self.literal_opens[bit] = self.literal_opens.get(bit, 0) | (1 << number)
        self.rest.append(("regex", *self._literal_needs(needs)))
        branches = regex_branch_needs(rule.pattern_text)
        if len(branches) > 1:
            self.branches[number] = [self._literal_needs(list(b)) for b in branches]

    def _literal_needs(self, needs: list[tuple[str, ...]]) -> list[int | tuple[str, ...]]:
        """Requirements of literal strings: a mask of the literals, when each is made of word
        characters (found per word); else the strings (searched in the text)."""
        out: list[int | tuple[str, ...]] = []
        for n in needs:
            if all(is_word_literal(s) for s in n):
                mask = 0
                for s in n:
                    mask |= 1 << self.literals.setdefault(s, len(self.literals))
                out.append(mask)
            else:
                out.append(n)
        return out

    def _mask(self, terms: list[Term]) -> int:
        mask = 0
        for term in terms:
            mask |= 1 << self.bit_of[id(term)]
        return mask

    def _add(self, term: Term) -> None:
        if id(term) in self.bit_of:
            return  # a direction cue shared with the codes below
        bit = len(self.terms)
        self.terms.append(term)
        self.bit_of[id(term)] = bit
        mask = 1 << bit
        words = term.words
        first = words[0]
        head = (first.kind, first.forms if first.kind == "forms" else first.value)
        self.head_of.append(self._heads.setdefault(head, len(self._heads)))
        for key in self._keys(words[0]):
            self.by_key[key] = self.by_key.get(key, 0) | mask
        if len(words) == 1:
            self.single |= mask
            return
        self.multi |= mask
        if term.separable:
            self.apart |= mask
            for key in self._keys(words[-1]):
                self.last_by_key[key] = self.last_by_key.get(key, 0) | mask
            return
        self.of_length[len(words)] = self.of_length.get(len(words), 0) | mask
        for key in self._keys(words[-1]):
            self.last_by_key[key] = self.last_by_key.get(key, 0) | mask
        if len(words) > 2:
            self.longer |= mask
            need = 0
            for word in words[1:-1]:
                slot = 1 << self._next_slot
                self._next_slot += 1
                need |= slot
                for key in self._keys(word):
                    self.mid_by_key[key] = self.mid_by_key.get(key, 0) | slot
            self.mid_need[bit] = need
            for word in words[1:-1]:
                for key in self._keys(word):
                    self.mid_terms_by_key[key] = self.mid_terms_by_key.get(key, 0) | mask
            if len(words) > 3:
                self.longest |= mask

    def _keys(self, word: WordPattern) -> list[str]:
        """The keys under which a word of a doc that this pattern matches is found."""
        if word.kind == "forms":
            return list(word.forms)
        if word.kind == "exact":
            return ["s:" + word.value]
        if word.kind == "prefix":
            self.prefix_lengths.add(len(word.value))
            if word.us is None:
                return ["p:" + word.value]
            self.us_lengths.add(len(word.us))
            return ["p:" + word.value, "u:" + word.us]
        self.infix_lengths.add(len(word.value))
        return ["c:" + word.value]

    def _hits(self, by_key: dict[str, int], text: str) -> int:
        """What a word matches in by_key (any of its forms, prefixes or infixes)."""
        found = 0
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
        family = us_uk_family(word) if self.us_lengths else None
        if family is not None:  # a wildcard's word in its other spelling (organis* organized)
            for n in self.us_lengths:
                if n <= len(family):
                    hit = by_key.get("u:" + family[:n])
                    if hit:
                        found |= hit
        for n in self.infix_lengths:
            for i in range(len(word) - n + 1):
                hit = by_key.get("c:" + word[i : i + n])
                if hit:
                    found |= hit
        return found

    def _literal_hits(self, text: str) -> tuple[int, int]:
        """(literals the word holds, rules of a regular expression they open)."""
        gated = gate_text(text)
        lits = opens = 0
        for s, bit in self.literals.items():
            if s in gated:
                lits |= 1 << bit
                opens |= self.literal_opens.get(bit, 0)
        return lits, opens

    def _word(self, text: str) -> Hits:
        """What one word of a transcript matches; the same wherever the word stands."""
        head = self._hits(self.by_key, text)
        last = self._hits(self.last_by_key, text)
        mid = self._hits(self.mid_by_key, text)
        opens = 0
        for bit in set_bits(head & self.single & self.openers):
            opens |= self.opens[bit]
        lits, regex_opens = self._literal_hits(text)
        head_of = self.head_of
        for number in {head_of[bit] for bit in set_bits(head)}:
            self.head_words.setdefault(number, set()).add(text)
        mid_terms = self._hits(self.mid_terms_by_key, text) if mid else 0
        if head & self.multi & ~self.apart or mid_terms:
            self._pair_words.add(text)
        hits = (head, last, mid, opens | regex_opens, lits, mid_terms)
        return hits if any(hits) else _NO_HITS

    def hits_of(self, text: str) -> Hits:
        """What a word matches: (terms it starts, terms it ends, slots, rules it opens, literals
        it holds), remembered."""
        hits = self._word_hits.get(text)
        if hits is None:
            self._forget_if_full(self._word_hits)
            hits = self._word_hits[text] = self._word(text)
        return hits

    def _forget_if_full(self, memo: dict[str, Any]) -> None:
        if len(memo) >= WORD_HITS_MAX:
            self._word_hits.clear()
            self._raw_hits.clear()
            self._pair_words.clear()
            self.head_words.clear()
            self.generation += 1

    def scan(self, doc: Doc) -> Scan:
        """What the doc's words hold: terms present, rules opened, literals."""
        generation = self.generation
        hits_of = self._word_hits
        heads = lasts = mids = mid_terms = opens = lits = 0
        for text in doc.distinct:
            hits = hits_of.get(text)
            if hits is None:
                self._forget_if_full(hits_of)
                hits = hits_of[text] = self._word(text)
            if hits is _NO_HITS:
                continue
            head, last, mid, opened, held, middle = hits
            if head:
                heads |= head
            if last:
                lasts |= last
            if mid:
                mids |= mid
                mid_terms |= middle
            if opened:
                opens |= opened
            if held:
                lits |= held
        if "'" in doc.text or "’" in doc.text:
            # a word that stands for two (wasn't: was + not) holds its literals as written
            raw_of = self._raw_hits
            for raw in WORD_RE.findall(doc.text):
                if "'" in raw or "’" in raw:
                    hits = raw_of.get(raw)
                    if hits is None:
                        self._forget_if_full(raw_of)
                        held, opened = self._literal_hits(raw)
                        hits = raw_of[raw] = (0, 0, 0, opened, held, 0)
                    opens |= hits[3]
                    lits |= hits[4]
        found = heads & self.single
        multi = heads & lasts & self.multi
        if multi:
            apart = multi & self.apart
            multi ^= apart
            # a term of three words stands where its middle word does; one of more words
            # where one of its middle words does and, checked slot by slot, all of them
            multi &= mid_terms | (self.multi ^ self.longer)
            mid_need = self.mid_need
            for bit in set_bits(multi & self.longest):
                need = mid_need[bit]
                if mids & need != need:
                    multi ^= 1 << bit
            multi &= self._in_a_row(doc, multi, generation) if multi else 0
            multi |= apart
            found |= multi
            for bit in set_bits(multi & self.openers):
                opens |= self.opens[bit]
        return Scan(found, opens | self.always, lits, generation)

    def _in_a_row(self, doc: Doc, multi: int, generation: int) -> int:
        """Of the terms of several words in `multi`, those whose words stand in a row in the
        doc, found for all terms at once from what each two words in a row hold (kept per pair
        of words: a study repeats its pairs). Only pairs whose first word starts a term of
        several words or is a middle word of one can hold anything: those are looked up, the
        rest skipped. A term of two words stands where a pair is it; one of three where a pair
        holds its first two words and the next pair its last two; one of n > 3 is kept where a
        pair holds its first word and a middle word of it, and the pair n - 2 further on a
        middle word and its last word (it may still not stand)."""
        words = doc.words
        at: Iterable[int]
        if generation == self.generation:
            firsts = self._pair_words.intersection(doc.distinct)
            if not firsts:
                return 0
            at = [k for k, w in enumerate(words) if w in firsts]
        else:  # the memory of words was forgotten during the scan: every pair
            at = range(len(words))
        memo = self._pairs
        last = len(words) - 1
        stand = 0
        opening: dict[int, int] = {}
        closing: dict[int, int] = {}
        for k in at:
            if k >= last:
                break
            key = (words[k], words[k + 1])
            pair = memo.get(key)
            if pair is None:
                if len(memo) >= PAIRS_MAX:
                    memo.clear()
                pair = memo[key] = self._pair(*key)
            if pair is _NO_PAIR:
                continue
            two, opens, closes = pair
            if two:
                stand |= two
            if opens:
                opening[k] = opens
            if closes:
                closing[k] = closes
        longer = multi & self.longer
        if longer and opening and closing:
            for length, mask in self.of_length.items():
                if length < 3 or not longer & mask:
                    continue
                gap = length - 2
                for k, opens in opening.items():
                    ends = closing.get(k + gap)
                    if ends:
                        stand |= opens & ends & mask
        return multi & stand

    def _pair(self, first: str, second: str) -> Pair:
        """What the two words in a row hold of the terms of several words (see `Pair`)."""
        a = self.hits_of(first)
        starts, middle = a[0] & self.multi, a[5]
        if not (starts or middle):
            return _NO_PAIR  # most words start no term of several words and hold no middle
        b = self.hits_of(second)
        last = b[1]
        if not (last or b[5]):
            return _NO_PAIR
        pair = (starts & last & self.of_length.get(2, 0), starts & b[5], middle & last)
        return pair if any(pair) else _NO_PAIR

    def sentence_heads(self, doc: Doc) -> list[int] | None:
        """Per sentence that has words, the mask of the terms whose first word stands there:
        which rules' groups can meet in one sentence, from the doc's own words (None for a doc
        of words without their sentences)."""
        found = doc.cache.get("sentence heads")
        if found is not None:
            return found
        words, sentence_of = doc.words, doc.sentence_of
        if len(sentence_of) != len(words):
            return None
        memo = self._word_hits
        found = []
        n = len(words)
        lo = 0
        while lo < n:
            hi = bisect_right(sentence_of, sentence_of[lo], lo)
            heads = 0
            for text in words[lo:hi]:
                hits = memo.get(text)
                head = (hits if hits is not None else self.hits_of(text))[0]
                if head:
                    heads |= head
            found.append(heads)
            lo = hi
        doc.cache["sentence heads"] = found
        return found

    def present_terms(self, doc: Doc) -> Present:
        """The terms each of whose words matches some word of the doc (`in` takes a term's id).

        A term that stands in the doc is among them; one that is not cannot stand there.
        """
        return Present(self, doc, self.scan(doc))

    def live_rules(self, doc: Doc) -> set[int]:
        """Rules worth trying on the doc; also tells the doc which terms it holds."""
        scan = self.scan(doc)
        found, opened, lits = scan.found, scan.opened, scan.literals
        doc.present_terms = Present(self, doc, scan)
        live = set()
        rules, rest, meet = self.rules, self.rest, self.meet
        for number in set_bits(opened & ~self.expressions):
            for group in rest[number]:
                if not found & group:
                    break
            else:
                groups = meet[number]
                if groups is None or _meet(self.sentence_heads(doc), found, groups):
                    live.add(id(rules[number]))
        for number in set_bits(opened & self.expressions):
            rule = rules[number]
            needs = rest[number]
            if not self._may_match(needs[1:], lits, doc):
                continue
            branches = self.branches.get(number)
            if branches and not any(self._may_match(b, lits, doc) for b in branches):
                continue
            try:
                if rule.pattern.search(doc.text, timeout=REGEX_TIMEOUT) is None:
                    continue
            except TimeoutError:
                pass  # the rule runs and reports it, naming its code
            live.add(id(rule))
        return live

    @staticmethod
    def _may_match(needs: Sequence[Any], lits: int, doc: Doc) -> bool:
        for need in needs:
            if isinstance(need, int):
                if not lits & need:
                    return False
                continue
            gated = doc.cache.get("gated")
            if gated is None:
                gated = doc.cache["gated"] = gate_text(doc.text)
            if not any(s in gated for s in need):
                return False
        return True


@dataclass(slots=True)
class Scan:
    found: int
    """Mask of the terms that may stand in the doc (each of their words does)."""
    opened: int
    """Mask of the rules opened (a term of the first group present), and those searched always."""
    literals: int
    """Mask of the literal strings of expressions that the doc's words hold."""
    generation: int
    """The generation of the index's memory of words when the scan began."""


class Present:
    """The terms that may stand in one doc (a mask over the index's terms), and where the first
    word of each stands."""

    __slots__ = ("index", "doc", "found", "generation")

    def __init__(self, index: RuleIndex, doc: Doc, scan: Scan):
        self.index = index
        self.doc = doc
        self.found = scan.found
        self.generation = scan.generation
        """`starts` trusts the index's memory of words only while it is of this generation."""

    def __contains__(self, term_id: object) -> bool:
        bit = self.index.bit_of.get(term_id)  # type: ignore[call-overload]
        return bit is not None and (self.found >> bit) & 1 == 1

    def among(self, terms: list[Term]) -> list[Term]:
        """The terms of the list that may stand in the doc, in the list's order."""
        known = self.index.lists.get(id(terms))
        if known is None or known[0] is not terms:
            return [t for t in terms if id(t) in self]
        _, mask, place = known
        found = self.found & mask
        if not found:
            return []
        if not found & (found - 1):  # one term: the usual case
            return [terms[place[found.bit_length() - 1]]]
        at = sorted([place[bit] for bit in set_bits(found)])
        return [terms[i] for i in at]

    def meet(self, groups: list[list[Term]]) -> bool | None:
        """Whether some sentence holds the first word of a term of each group that may stand
        here (None: not known here). Occurrences start at those words, so when no sentence
        does, the groups' terms do not stand together in one sentence."""
        lists = self.index.lists
        masks = []
        for group in groups:
            known = lists.get(id(group))
            if known is None or known[0] is not group:
                return None
            masks.append(known[1])
        return _meet(self.index.sentence_heads(self.doc), self.found, masks)

    def starts(self, term: Term) -> list[int] | None:
        """Positions of the tokens that the term's first word matches; None when not known
        here (the per-word memory was forgotten since the doc was scanned)."""
        index = self.index
        if index.generation != self.generation:
            return None
        bit = index.bit_of.get(id(term))
        if bit is None:
            return None
        key = ("starts", index.head_of[bit])
        cache = self.doc.cache
        found = cache.get(key)
        if found is None:
            texts = index.head_words.get(key[1])
            # the doc's words that the first word matches: a loop in C over the doc's few words
            common = texts.intersection(self.doc.distinct) if texts else ()
            found = cache[key] = self.doc.positions_of(list(common)) if common else []
        return found


def _meet(sentence_heads: list[int] | None, found: int, masks: tuple[int, ...] | list[int]) -> bool:
    """Whether one sentence holds a first word of a found term of each mask (True when the
    sentences are not known)."""
    if sentence_heads is None:
        return True
    present = [found & mask for mask in masks]
    for heads in sentence_heads:
        for mask in present:
            if not heads & mask:
                break
        else:
            return True
    return False


def rule_index(codebook: Codebook) -> RuleIndex:
    index = getattr(codebook, "_rule_index", None)
    if index is None:
        index = RuleIndex(codebook)
        codebook._rule_index = index  # type: ignore[attr-defined]
    return index


def code_doc(
    codebook: Codebook,
    doc: Doc,
    index: RuleIndex | None = None,
    undirected: list[str] | None = None,
) -> list[Match]:
    """Every code whose rules match the doc, with the first evidence span and the direction
    (every code of `index`, when given: an index of some of the codebook's codes). `undirected`
    gets the directional codes whose rules find evidence here but no direction cue around any
    of it: mentions the matrix cannot place, which the store keeps so that it need not match
    every turn again to count them."""
    if index is None:
        index = rule_index(codebook)
    candidates = index.live_rules(doc)
    out = []
    code_of = index.code_of
    for position in sorted({code_of[r] for r in candidates}):
        code, rules = index.codes[position]
        live = [r for r in rules if id(r) in candidates]
        match = _match_code(codebook, code, doc, live, undirected)
        if match is not None:
            out.append(match)
    return out


T = TypeVar("T")


def undirected_matches(
    codebook: Codebook, codes: set[str], turns: Iterable[tuple[T, str]]
) -> list[tuple[T, str]]:
    """(key, code id) of each turn where a directional code of `codes` has evidence of its
    rules but no direction cue around any of it: a mention `code_doc` leaves uncoded ("Contacts,
    mainly." in answer to "What has the network given you?"). Only the turns where a rule of
    those codes is live are read. What `lernet code` stores as it codes (`code_doc`'s
    `undirected`); this finds it for transcripts stored without it."""
    index = RuleIndex(codebook, only={c for c in codes if codebook.codes[c].directional})
    out: list[tuple[T, str]] = []
    for key, text in turns:
        if not index.live_rules(Doc.from_lists(text, [], (token_words(text), [], [], [], []))):
            continue
        found: list[str] = []
        code_doc(codebook, make_doc(text), index, found)
        out.extend((key, code) for code in found)
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


def _match_code(
    codebook: Codebook,
    code: Code,
    doc: Doc,
    rules: list[Rule],
    undirected: list[str] | None = None,
) -> Match | None:
    """The code's match: the first evidence of its first rule that finds some; for a
    directional code, the first evidence with a direction, and the direction of all of them
    (evidence without any: the code's id added to `undirected`, when given)."""
    first: Match | None = None
    evidence = False
    directions: set[str] = set()
    for rule in rules:
        try:
            if not code.directional:
                # only the first evidence counts: the rules after it, and the rule's other
                # evidence, need not be looked for
                span = next(rule.find(doc), None)
                if span is not None:
                    return Match(code.id, span[0], span[1], rule.name, None)
                continue
            spans = list(rule.find(doc))
            evidence = evidence or bool(spans)
        except RegexTimeout as exc:
            raise SlowRegexError(
                f"[{code.id}] {slow_regex(exc.pattern)}", codebook.path, exc.line or code.line
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
    if first is None:
        if evidence and undirected is not None:
            undirected.append(code.id)
        return None
    if code.directional:
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
    why: str = ""  # for an example not coded: what lernet can tell of the reason
    where: str = ""  # "codebook.yaml:58": the file and line of the example

    def __str__(self) -> str:
        what = "not coded" if self.kind == "example" else "wrongly coded"
        tail = f" ({self.why})" if self.why else ""
        at = f"{self.where}: " if self.where else ""
        return f"{at}[{self.code}] {self.kind} {what}: {self.text}{tail}"


def run_examples(codebook: Codebook) -> tuple[int, list[ExampleFailure]]:
    """Run every code's examples and counterexamples; return (number run, failures)."""
    failures = []
    count = 0
    for code in codebook.walk():
        for text in code.examples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id not in ids:
                why = why_not_coded(codebook, code, text)
                failures.append(
                    ExampleFailure(code.id, "example", text, why, _where(codebook, code, text))
                )
        for text in code.counterexamples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id in ids:
                failures.append(
                    ExampleFailure(
                        code.id, "counterexample", text, where=_where(codebook, code, text)
                    )
                )
    return count, failures


def _where(codebook: Codebook, code: Code, text: str) -> str:
    """ "codebook.yaml:58", the line an example or counterexample stands on ("" if unknown)."""
    line = getattr(code, "example_lines", {}).get(text)
    return f"{codebook.path}:{line}" if line and codebook.path else ""


def why_not_coded(codebook: Codebook, code: Code, text: str) -> str:
    """Why `code`'s rules leave `text` uncoded, where that can be told: a rule whose term stood
    there but was negated (run again with negation ignored), a rule a `none:` term blocked (run
    again without it), or no term of the code's rules in the text. Only run for a failed
    example, so `codebook test` stays as fast as before when all pass."""
    import dataclasses

    def ruled(c: Code) -> bool:
        return bool(c.rules) or any(ruled(child) for child in c.children)

    if not ruled(code):
        return (
            "the code has no match: rules yet; give it words to find, as in "
            "match: - any: [word, other word] (see docs/codebook-format.md)"
        )
    doc = make_doc(text)
    for rule in code.rules:
        if rule.negation == "exclude":
            loose = dataclasses.replace(rule, negation="ignore")
            if rule_matches(codebook, code, doc, [loose]):
                term, negator = _negated_term(doc, rule)
                said = f"'{term}' stands there but " if term else "a term stands there but "
                by = f"'{negator}'" if negator else "a negator"
                return (
                    f"rule {rule.name}: {said}is negated by {by}; add `negation: ignore` to the "
                    "rule if that does not matter"
                )
        if rule.none:
            unblocked = dataclasses.replace(rule, none=[])
            if rule_matches(codebook, code, doc, [unblocked]):
                saved = doc.cache, doc.present_terms
                doc.cache, doc.present_terms = {}, None
                try:
                    found = [t.text for t in rule.none if t.occurrences(doc)]
                finally:
                    doc.cache, doc.present_terms = saved
                names = ", ".join(f"'{t}'" for t in found) or "a term"
                return f"rule {rule.name}: excluded by its none: {names}"
    saved = doc.cache, doc.present_terms
    doc.cache, doc.present_terms = {}, None
    try:
        any_term = any(
            t.occurrences(doc) for rule in code.rules for group in rule.groups for t in group
        )
        scattered = _scattered_phrase(code, doc)
        apart = _all_rule_short(codebook, code, doc)
    finally:
        doc.cache, doc.present_terms = saved
    if apart:
        return apart
    if code.directional and code.rules:
        undirected: list[str] = []
        saved = doc.cache, doc.present_terms
        doc.cache, doc.present_terms = {}, None
        try:
            _match_code(codebook, code, doc, code.rules, undirected)
        finally:
            doc.cache, doc.present_terms = saved
        if undirected:
            cues = ", ".join(
                dict.fromkeys(t.text for terms in code.directions.values() for t in terms)
            )
            return (
                "its rules find it, but no direction word of its directions: stands around it "
                f"({cues}): a directional code is coded only with a direction"
            )
    if scattered:
        words = ", ".join(scattered.text.split())
        return (
            f"'{scattered.text}' is a phrase: its words stand in it in another order or apart; "
            f"to code them anywhere in the sentence, add the rule all: [{words}]"
        )
    if not any_term and not any(r.kind == "regex" for r in code.rules):
        return "no term of the code's rules stands in it"
    return ""


def _all_rule_short(codebook: Codebook, code: Code, doc: Doc) -> str:
    """An `all:` rule some of whose terms stand in `doc` but not one of another item (the word
    as written may be an inflection the dictionary does not know), or all of whose items stand
    there but not within its scope: said of the first such rule ("" for none)."""
    import dataclasses

    for rule in code.rules:
        if rule.kind != "all" or len(rule.groups) < 2:
            continue
        found = [next((t.text for t in group if t.occurrences(doc)), None) for group in rule.groups]
        if not any(found):
            continue
        missing = [g for g, hit in zip(rule.groups, found, strict=True) if hit is None]
        if missing:
            hits = [f"'{t}'" for t in found if t]
            terms = ", ".join(dict.fromkeys(t.text for t in missing[0]))
            return (
                f"rule {rule.name}: {', '.join(hits)} stand{'s' if len(hits) == 1 else ''} "
                f"there, but no term of [{terms}]: all: needs one of each item (is the word "
                "there in a form lernet does not know? add it as written)"
            )
        if rule.within == "segment" or not rule_matches(
            codebook, code, doc, [dataclasses.replace(rule, within="segment")]
        ):
            continue  # not its scope that keeps it out
        scope = (
            "one sentence"
            if rule.within == "sentence"
            else "the turn"
            if rule.within == "segment"
            else f"{rule.within} words"
        )
        return (
            f"rule {rule.name}: each item has a term there "
            f"({', '.join(f'{t!r}' for t in found)}), but not within {scope} (within:)"
        )
    return ""


def _scattered_phrase(code: Code, doc: Doc) -> Term | None:
    """A phrase of the code's rules that does not stand in `doc` while each of its words does
    (in another order, or with words between): the rule wants them in a row."""
    from ..codebook.rules import RuleSyntaxError, parse_term

    for rule in code.rules:
        for group in rule.groups:
            for term in group:
                parts = term.text.split()
                if len(parts) < 2 or term.separable or term.occurrences(doc):
                    continue
                try:
                    singles = [parse_term(part) for part in parts]
                except RuleSyntaxError:
                    continue
                if all(single.occurrences(doc) for single in singles):
                    return term
    return None


def _negated_term(doc: Doc, rule: Rule) -> tuple[str, str]:
    """The first of the rule's terms that stands negated in `doc`, and the negator nearest it."""
    saved = doc.cache, doc.present_terms
    doc.cache, doc.present_terms = {}, None
    try:
        for group in rule.groups:
            for term in group:
                for first, last in term.occurrences(doc):
                    if term.has_negator or not doc.is_negated(first, last):
                        continue
                    near = sorted(doc.negators, key=lambda i: min(abs(i - first), abs(i - last)))
                    return term.text, doc.words[near[0]] if near else ""
    finally:
        doc.cache, doc.present_terms = saved
    return "", ""


def _ids_with_ancestors(codebook: Codebook, matches: list[Match]) -> set[str]:
    """A code's match also counts for its parents: a theme's example may be any of its codes."""
    ids = set()
    for m in matches:
        code: Code | None = codebook.codes.get(m.code)
        while code is not None:
            ids.add(code.id)
            code = codebook.codes.get(code.parent) if code.parent else None
    return ids
