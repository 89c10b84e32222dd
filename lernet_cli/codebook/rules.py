"""Match rules: terms (inflection-aware words, phrases, wildcards), any/all/none, regex, negation.

A rule is compiled once from the codebook and then tried against many segments (`Doc`s). The
format is documented in docs/codebook-format.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..language.separable import (
    PARTICLES,
    SPLIT_GAP,
    is_separable_verb,
    particle_stands,
    split_separable,
)
from ..language.spelling import us_uk_family, us_uk_prefix
from ..language.text import (
    WORD_RE,
    Doc,
    fold,
    is_negator,
    split_clitics,
    term_forms,
    word_forms,
)

REGEX_TIMEOUT = 0.25  # seconds per segment: a rule that needs longer is badly written
NEGATION_MODES = ("exclude", "require", "ignore")


class RuleSyntaxError(ValueError):
    """A rule that cannot be compiled; the codebook loader adds file and line."""


class RegexTimeout(RuntimeError):
    def __init__(self, pattern: str, line: int = 0):
        super().__init__(pattern)
        self.pattern = pattern
        self.line = line


class WordPattern:
    """One word of a term. Its inflected forms are looked up on first use, so that commands that
    only read the codebook (tally, quotes) never load the lemmatizer."""

    __slots__ = ("kind", "value", "raw", "_forms", "us")

    def __init__(self, kind: str, value: str, raw: str = ""):
        self.kind = kind  # "forms" | "prefix" | "contains" | "exact"
        self.value = value
        self.raw = raw
        self._forms: frozenset[str] | None = None
        self.us = us_uk_prefix(value) if kind == "prefix" else None
        """A wildcard's prefix in `us_uk` spelling (`organis*` -> organiz): it also finds the
        words of that spelling family written the other way (*organized*, *organization*)."""

    @property
    def forms(self) -> frozenset[str]:
        if self._forms is None:
            self._forms = term_forms(self.raw) if self.kind == "forms" else frozenset()
        return self._forms

    def positions(self, doc: Doc) -> list[int]:
        if self.kind == "forms":
            forms = self.forms
            found = doc.cache.get(forms)  # many terms start with the same word
            if found is None:
                index = doc.index
                lists = [index[f] for f in forms if f in index]
                found = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
                doc.cache[forms] = found
            return found
        if self.kind == "prefix":
            found = doc.positions_with_prefix(self.value)
            if self.us is None:
                return found
            us = self.us
            other = [w for w in doc.distinct if _other_spelling(fold(w), self.value, us)]
            return sorted(set(found) | set(doc.positions_of(other))) if other else found
        if self.kind == "exact":
            return doc.index.get("s:" + self.value, [])
        return [i for i, w in enumerate(doc.words) if self.value in fold(w)]

    def matches_at(self, doc: Doc, i: int) -> bool:
        return self.matches_word(doc.words[i])

    def matches_word(self, word: str) -> bool:
        """Whether the word, as said, is one this pattern finds (a form of it, or under its
        wildcard)."""
        if self.kind == "forms":
            return not self.forms.isdisjoint(word_forms(word))
        surface = fold(word)
        if self.kind == "prefix":
            return surface.startswith(self.value) or (
                self.us is not None and _other_spelling(surface, self.value, self.us)
            )
        if self.kind == "exact":  # as written, or a spoken form of it ("nie" of =niet)
            return surface == self.value or "s:" + self.value in word_forms(word)
        return self.value in surface


def _other_spelling(surface: str, prefix: str, us: str) -> bool:
    """Whether a folded word not under a wildcard's prefix is under it in the other spelling of
    its family (`us_uk_family`)."""
    if surface.startswith(prefix):
        return False
    family = us_uk_family(surface)
    return family is not None and family.startswith(us)


@dataclass(frozen=True, eq=False)
class Term:
    text: str
    words: tuple[WordPattern, ...]
    has_negator: bool
    separable: bool = False
    """A Dutch separable verb written apart: words are (the verb, its particle), found as "werken
    ... samen" in one clause or as "samen te werken" (see `_split_occurrences`)."""

    def occurrences(self, doc: Doc) -> list[tuple[int, int]]:
        """(first token, last token) of every place the term stands in the doc."""
        key = id(self)
        present = doc.present_terms
        if present is not None and key not in present:
            return []
        cached = doc.cache.get(key)
        if cached is not None:
            return cached
        words = self.words
        starts = present.starts(self) if present is not None else None
        if starts is None:
            starts = words[0].positions(doc)
        n = len(words)
        if self.separable:
            out = self._split_occurrences(doc, starts)
        elif n == 1:
            out = [(i, i) for i in starts]
        else:
            out = []
            limit = len(doc.words) - n
            rest = list(enumerate(words[1:], 1))
            for i in starts:
                if i > limit:
                    break
                for k, word in rest:
                    if not word.matches_at(doc, i + k):
                        break
                else:
                    out.append((i, i + n - 1))
        doc.cache[key] = out
        return out

    def _split_occurrences(self, doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
        """The verb (at a start) with its particle later in its clause, at most SPLIT_GAP words
        on and not a preposition there ("we werken goed samen", "ik verwijs ze door"), or after
        the particle and *te* ("om samen te werken")."""
        if not starts or not is_separable_verb(self.text):
            return []
        particle = self.words[1].value
        words, clause_of = doc.words, doc.clause_of
        n = len(words)
        out = []
        for i in starts:
            if (
                i >= 2
                and fold(words[i - 1]) == "te"
                and fold(words[i - 2]) == particle
                and clause_of[i - 2] == clause_of[i]
            ):
                out.append((i - 2, i))
                continue
            clause = clause_of[i]
            for j in range(i + 1, min(n, i + 1 + SPLIT_GAP)):
                if clause_of[j] != clause:
                    break
                if fold(words[j]) == particle and particle_stands(words, j):
                    out.append((i, j))
                    break
        return out


def _underscores(text: str) -> str:
    """A term's words with the dictionary's underscore between a separable verb's particle and
    verb ("op_vangen", as simplemma files it) written together ("opvangen"); any other
    underscore is refused: it is no part of a word in a transcript."""
    out = []
    for part in text.split():
        if "_" in part:
            head, _, rest = part.partition("_")
            core = head.lstrip("=*").lower()
            joined = head + rest
            if core not in PARTICLES or "_" in rest or split_separable(joined.strip("=*")) is None:
                raise RuleSyntaxError(
                    f"term {text!r}: {part!r} is not a word (an underscore joins nothing: "
                    f"write {part.replace('_', ' ')!r} for a phrase)"
                )
            part = joined
        out.append(part)
    return " ".join(out)


CURLY_QUOTES = "‘’‚‛“”„‟«»"


def curly_quotes(text: str) -> str | None:
    """What to say of a term or pattern that Word wrapped in curly quotes (it replaces the
    straight ones as you type), or None."""
    first, last = text[:1], text[-1:]
    if first in CURLY_QUOTES and last in CURLY_QUOTES and len(text) > 1:
        where = f"starts and ends with curly quotes {first}…{last}"
    elif first in CURLY_QUOTES:
        where = f"starts with a curly quote {first}"
    elif last in CURLY_QUOTES:
        where = f"ends with a curly quote {last}"
    else:
        return None
    return f"{where}: Word replaced the straight quotes; write straight quotes (' or \") or none"


def parse_term(raw: Any) -> Term:
    """A term as written: words, phrases, wildcards; contractions read as in transcripts ("don't
    know" is do + not + know) and a hyphenated word as its parts in a row ("e-mail" = e mail)."""
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        kind = (
            "a list"
            if isinstance(raw, list)
            else "a mapping"
            if isinstance(raw, dict)
            else type(raw).__name__
        )
        raise RuleSyntaxError(f"a term must be a word or phrase, not {kind}")
    text = str(raw).strip()
    if "_" in text:
        text = _underscores(text)
    parts = text.split()
    if not parts:
        raise RuleSyntaxError("empty term")
    curly = curly_quotes(text)
    if curly:
        raise RuleSyntaxError(f"term {text!r}: {curly}")
    words: list[WordPattern] = []
    for part in parts:
        exact = part.startswith("=")
        body = part[1:] if exact else part
        prefix_star = body.startswith("*")
        suffix_star = body.endswith("*")
        core = body.strip("*")
        pieces = core.split("-") if "-" in core.strip("-") else [core]
        for n, piece in enumerate(pieces):
            if not piece or not WORD_RE.fullmatch(piece):
                raise RuleSyntaxError(
                    f"term {text!r}: {part!r} is not a word (use regex: for punctuation)"
                )
            star_before = prefix_star and n == 0
            star_after = suffix_star and n == len(pieces) - 1
            if exact or star_before or star_after:
                folded = fold(piece)
                kind = "exact" if exact else "contains" if star_before else "prefix"
                words.append(WordPattern(kind, folded))
                continue
            for word, _, _ in split_clitics(piece, 0):
                words.extend(WordPattern("forms", fold(w), w) for w in word.split())
    has_neg = any(is_negator(p.strip("=*")) for p in parts)
    return Term(text, tuple(words), has_neg)


# Dutch pronominal adverbs: er/daar/hier/waar with a preposition, written together or apart
# ("erop" / "er op", "daarover" / "daar over"). Not the words that mean something else written
# together: "daarom" (therefore), "waarom" (why), "daarnaast" (besides).
_PRONOMINAL_HEADS = ("daar", "hier", "waar", "er")
_PRONOMINAL_PREPS = frozenset(
    """aan achter af bij binnen boven buiten door heen in langs mee na naar naast om omheen onder
    op over tegen toe tussen uit van vandaan voor zonder""".split()
)
_NOT_PRONOMINAL = frozenset({"daarom", "waarom", "daarnaast", "waarnaast"})


def _pronominal_split(word: str) -> tuple[str, str] | None:
    """("er", "op") for "erop" (case and an `=` kept on both parts); None for other words."""
    exact = word.startswith("=")
    body = word[1:] if exact else word
    low = body.lower()
    if low in _NOT_PRONOMINAL:
        return None
    for head in _PRONOMINAL_HEADS:
        if low.startswith(head) and low[len(head) :] in _PRONOMINAL_PREPS:
            mark = "=" if exact else ""
            return mark + body[: len(head)], mark + body[len(head) :]
    return None


def _pronominal_variant(text: str) -> str | None:
    """The term with its pronominal adverbs written the other way ("kom erop terug" <-> "kom er
    op terug"), or None when it has none."""
    parts = text.split()
    out: list[str] = []
    changed = False
    i = 0
    while i < len(parts):
        word = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        head, prep = word.lstrip("="), nxt.lstrip("=")
        joined = head.lower() + prep.lower()
        if (
            head.lower() in _PRONOMINAL_HEADS
            and prep.lower() in _PRONOMINAL_PREPS
            and joined not in _NOT_PRONOMINAL
            and word.startswith("=") == nxt.startswith("=")
        ):
            out.append(word + prep)
            changed = True
            i += 2
            continue
        split = _pronominal_split(word)
        if split is not None:
            out += split
            changed = True
        else:
            out.append(word)
        i += 1
    return " ".join(out) if changed else None


def parse_terms(raw: Any) -> list[Term]:
    """One term; for a hyphenated one also its parts written together ("e-mail", "email"); for
    one with a Dutch pronominal adverb also that written the other way ("erop", "er op")."""
    term = parse_term(raw)
    text = term.text
    terms = [term]
    if "-" in text.replace("*-", "").strip("-"):
        joined = " ".join(
            p if p.strip("-*=").count("-") == 0 else p.replace("-", "") for p in text.split()
        )
        terms.append(parse_term(joined))
    for t in list(terms):
        variant = _pronominal_variant(t.text)
        if variant is not None:
            terms.append(parse_term(variant))
    split = _separable_variant(term)
    if split is not None:
        terms.append(split)
    return terms


def _separable_variant(term: Term) -> Term | None:
    """For a one-word term spelled like a Dutch separable verb ("samenwerken"), the term of its
    verb and particle written apart; whether it is a verb is asked of the dictionary only when a
    transcript is searched (`is_separable_verb`)."""
    if len(term.words) != 1 or term.words[0].kind != "forms" or term.has_negator:
        return None
    split = split_separable(term.text)
    if split is None:
        return None
    particle, verb = split
    words = (WordPattern("forms", verb, verb), WordPattern("exact", particle))
    return Term(term.text, words, False, separable=True)


@dataclass
class Occ:
    first: int
    last: int
    negated: bool
    protected: bool  # the term carries its own negator


@dataclass
class Rule:
    """One compiled rule. `name` says which rule fired, for review and debugging."""

    name: str
    kind: str  # "any" | "all" | "regex"
    groups: list[list[Term]] = field(default_factory=list)
    none: list[Term] = field(default_factory=list)
    within: str | int = "sentence"
    negation: str = "exclude"
    pattern: Any = None
    pattern_text: str = ""
    pattern_line: int = 0
    """The line of the codebook where the `regex:` is written."""

    def find(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """Yield the character spans of the evidence where this rule matches."""
        if self.kind == "regex":
            yield from self._find_regex(doc)
        elif self.kind == "any":
            yield from self._find_any(doc)
        else:
            yield from self._find_all(doc)

    def _occs(self, doc: Doc, terms: list[Term]) -> list[Occ]:
        out = []
        present = doc.present_terms
        if present is not None:
            terms = present.among(terms)  # the others are known absent: skip the calls
        for term in terms:
            for first, last in term.occurrences(doc):
                negated = False if term.has_negator else doc.is_negated(first, last)
                out.append(Occ(first, last, negated, term.has_negator))
        return out

    def _keep(self, occ: Occ) -> bool:
        return not (self.negation == "exclude" and occ.negated)

    def _span(self, doc: Doc, first: int, last: int) -> tuple[int, int]:
        return doc.starts[first], doc.ends[last]

    def _blocked(self, doc: Doc, first: int, last: int) -> bool:
        if not self.none:
            return False
        present = doc.present_terms
        for term in self.none if present is None else present.among(self.none):
            for a, b in term.occurrences(doc):
                if self.within == "segment":
                    return True
                if isinstance(self.within, int):
                    if a >= first - self.within and b <= last + self.within:
                        return True
                elif doc.sentence_of[a] in (doc.sentence_of[first], doc.sentence_of[last]):
                    return True
        return False

    def _find_any(self, doc: Doc) -> Iterator[tuple[int, int]]:
        for occ in sorted(self._occs(doc, self.groups[0]), key=lambda o: o.first):
            if not self._keep(occ):
                continue
            if self.negation == "require" and not (occ.negated or occ.protected):
                continue
            if self._blocked(doc, occ.first, occ.last):
                continue
            yield self._span(doc, occ.first, occ.last)

    def _may_meet(self, doc: Doc) -> bool:
        """Whether the groups' terms could stand together (in one sentence, or within the
        window), judged from where the first words of a group's terms stand: an occurrence starts
        at one of those places, so when no sentence or window holds one of each group, no
        occurrences would. Cheaper than the occurrences themselves, with their negation."""
        present = doc.present_terms
        if present is None or self.within == "segment":
            return True
        if self.within == "sentence":
            known = present.meet(self.groups)
            if known is not None:
                return bool(known)
        per_group: list[list[int]] = []
        for group in self.groups:
            starts: list[int] = []
            for term in present.among(group):
                at = present.starts(term)
                if at is None:
                    return True  # not known here: search
                starts += at
            if not starts:
                return False
            per_group.append(starts)
        if self.within == "sentence":
            sentence_of = doc.sentence_of
            common = {sentence_of[i] for i in per_group[0]}
            for starts in per_group[1:]:
                common.intersection_update(sentence_of[i] for i in starts)
                if not common:
                    return False
            return True
        width = self.within
        assert isinstance(width, int)
        tagged = sorted((i, g) for g, starts in enumerate(per_group) for i in starts)
        need = len(per_group)
        count: dict[int, int] = {}
        lo = 0
        for i, g in tagged:
            count[g] = count.get(g, 0) + 1
            while tagged[lo][0] < i - width:
                first = tagged[lo][1]
                count[first] -= 1
                if not count[first]:
                    del count[first]
                lo += 1
            if len(count) == need:
                return True
        return False

    def _find_all(self, doc: Doc) -> Iterator[tuple[int, int]]:
        if not self._may_meet(doc):
            return
        per_group = []
        for group in self.groups:
            occs = [o for o in self._occs(doc, group) if self._keep(o)]
            if not occs:
                return
            per_group.append(occs)
        if self.within == "segment" or self.within == "sentence":
            buckets: dict[int, list[list[Occ]]] = {}
            if self.within == "segment":
                buckets[0] = per_group
            else:
                sentence_of = doc.sentence_of
                sentence_ids = {sentence_of[o.first] for o in per_group[0]}
                for sid in sorted(sentence_ids):
                    chosen = [
                        [o for o in occs if sentence_of[o.first] == sid] for occs in per_group
                    ]
                    if all(chosen):
                        buckets[sid] = chosen
            for chosen in buckets.values():
                flat = [o for occs in chosen for o in occs]
                if self.negation == "require" and not any(o.negated or o.protected for o in flat):
                    continue
                first = min(o.first for occs in chosen for o in occs[:1])
                last = max(o.last for occs in chosen for o in occs[:1])
                if self._blocked(doc, first, last):
                    continue
                yield self._span(doc, first, last)
            return
        assert isinstance(self.within, int)
        yield from self._find_window(doc, per_group, self.within)

    def _find_window(
        self, doc: Doc, per_group: list[list[Occ]], width: int
    ) -> Iterator[tuple[int, int]]:
        tagged = sorted(
            ((o, g) for g, occs in enumerate(per_group) for o in occs), key=lambda x: x[0].first
        )
        n_groups = len(per_group)
        last_yield_end = -1
        for i, (occ, _) in enumerate(tagged):
            seen: dict[int, Occ] = {}
            for other, g in tagged[i:]:
                if other.last - occ.first > width:
                    break
                seen.setdefault(g, other)
                if len(seen) == n_groups:
                    chosen = list(seen.values())
                    if self.negation == "require" and not any(
                        o.negated or o.protected for o in chosen
                    ):
                        continue
                    first = min(o.first for o in chosen)
                    last = max(o.last for o in chosen)
                    if first <= last_yield_end or self._blocked(doc, first, last):
                        break
                    last_yield_end = last
                    yield self._span(doc, first, last)
                    break

    def _find_regex(self, doc: Doc) -> Iterator[tuple[int, int]]:
        try:
            matches = list(self.pattern.finditer(doc.text, timeout=REGEX_TIMEOUT))
        except TimeoutError as exc:
            raise RegexTimeout(self.pattern_text, self.pattern_line) from exc
        for m in matches:
            if m.end() <= m.start():
                continue
            toks = _tokens_within(doc, m.start(), m.end())
            if toks and self.negation != "ignore":
                negated = doc.is_negated(toks[0], toks[-1]) or any(
                    is_negator(doc.words[i]) for i in toks
                )
                if self.negation == "exclude" and negated:
                    continue
                if self.negation == "require" and not negated:
                    continue
            if toks and self._blocked(doc, toks[0], toks[-1]):
                continue
            yield m.start(), m.end()


def _tokens_within(doc: Doc, start: int, end: int) -> list[int]:
    """Positions of the tokens that overlap the characters start..end."""
    starts, ends = doc.starts, doc.ends
    return [i for i in range(len(starts)) if ends[i] > start and starts[i] < end]


RULE_KEYS = {"any", "all", "none", "regex", "within", "negation", "name"}


def compile_rule(raw: Any, name: str) -> Rule:
    """Compile one rule mapping from the codebook. Raises RuleSyntaxError with a readable reason
    (the first, when there are several; `check_rule` gives them all)."""
    rule, problems = check_rule(raw, name)
    if problems:
        raise RuleSyntaxError(problems[0][1])
    assert rule is not None
    return rule


def check_rule(raw: Any, name: str, line: int = 0) -> tuple[Rule | None, list[tuple[int, str]]]:
    """Compile one rule and collect every problem in it as (line, reason): each bad term, key or
    value, so a codebook can be fixed in one round. The rule is None when there is a problem.

    Lines come from the YAML loader's line-aware mappings and lists; `line` stands in where the
    raw value does not know its own."""
    problems: list[tuple[int, str]] = []
    if not isinstance(raw, dict):
        return None, [(line, "a rule must be a mapping with any:, all: or regex:")]
    rline = getattr(raw, "line", 0) or line

    def at(key: str) -> int:
        line_of = getattr(raw, "line_of", None)
        return line_of(key) if line_of is not None else rline

    for key in raw:
        if key not in RULE_KEYS:
            import difflib

            hint = difflib.get_close_matches(str(key), sorted(RULE_KEYS), n=1, cutoff=0.6)
            problems.append(
                (
                    at(key),
                    f"unknown rule key {key!r}"
                    + (f" (did you mean {hint[0]!r}?)" if hint else "")
                    + f"; expected {', '.join(sorted(RULE_KEYS))}",
                )
            )
    kinds = [k for k in ("any", "all", "regex") if k in raw]
    unknown = any(key not in RULE_KEYS for key in raw)
    if len(kinds) > 1 or (not kinds and not unknown):  # an unknown key was said just above
        problems.append((rline, "a rule needs exactly one of any:, all:, regex:"))
    negation = raw.get("negation", "exclude")
    if negation not in NEGATION_MODES:
        problems.append((at("negation"), f"negation must be one of {', '.join(NEGATION_MODES)}"))
    within: Any = raw.get("within", "sentence")
    if not (
        within in ("sentence", "segment")
        or (isinstance(within, int) and not isinstance(within, bool) and within > 0)
    ):
        problems.append((at("within"), "within must be sentence, segment or a number of words"))
    rule = Rule(
        name=str(raw.get("name", name)),
        kind=kinds[0] if kinds else "any",
        within=within,
        negation=negation,
    )
    if "none" in raw:
        rule.none = _terms(raw["none"], "none", at("none"), problems)
    if "regex" in raw:
        text = raw["regex"]
        if not isinstance(text, str) or not text:
            problems.append((at("regex"), "regex: needs a pattern"))
        elif curly_quotes(text):
            problems.append((at("regex"), f"regex: {curly_quotes(text)}"))
        elif escaped := _yaml_escapes(text):
            problems.append((at("regex"), escaped))
        else:
            import regex

            try:
                rule.pattern = regex.compile(text, regex.IGNORECASE | regex.UNICODE)
                rule.pattern_text = text
                rule.pattern_line = at("regex")
            except regex.error as exc:
                problems.append((at("regex"), f"invalid regular expression {text!r}: {exc}"))
    if "any" in raw:
        rule.groups = [_terms(raw["any"], "any", at("any"), problems)]
    if "all" in raw:
        items = _items(raw["all"], "all", at("all"), problems)
        rule.groups = []
        for item, item_line in items:
            if isinstance(item, list):
                rule.groups.append(_terms(item, "all", item_line, problems))
            else:
                rule.groups.append(_terms([item], "all", item_line, problems))
    problems.sort(key=lambda p: p[0])
    return (None if problems else rule), problems


def _yaml_escapes(text: str) -> str | None:
    """What to say of a pattern in which YAML's double quotes made "\\b" a backspace: the
    coder would look for that character, never a word boundary, and find nothing."""
    if "\b" not in text:
        return None
    meant = text.replace("\b", "\\b").replace("'", "''")
    return (
        "regex: in double quotes YAML reads \\b as a backspace, not as a word boundary: "
        f"write the pattern in single quotes, regex: '{meant}'"
    )


def _items(
    value: Any, key: str, line: int, problems: list[tuple[int, str]]
) -> list[tuple[Any, int]]:
    """The items of a term list with their lines; a single word stands for a list of one."""
    if isinstance(value, str) and "," in value:  # `any: isolated, lonely`: one text to YAML
        terms = [t.strip() for t in value.split(",") if t.strip()]
        written = ", ".join(f'"{t}"' if " " in t else t for t in terms)
        problems.append(
            (line, f"{key}: is one text with commas; write the terms as a list: {key}: [{written}]")
        )
        return []
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [(value, line)]
    if not isinstance(value, list) or not value:
        problems.append((line, f"{key}: needs a non-empty list of terms"))
        return []
    lines = getattr(value, "item_lines", None) or []
    return [(item, lines[i] if i < len(lines) else line) for i, item in enumerate(value)]


def _terms(value: Any, key: str, line: int, problems: list[tuple[int, str]]) -> list[Term]:
    out = []
    for item, item_line in _items(value, key, line, problems):
        try:
            out.extend(parse_terms(item))
        except RuleSyntaxError as exc:
            problems.append((item_line, str(exc)))
    return out


_JOINING = frozenset(("and", "en"))
"""A bring cue and a take cue with only one of these between them ("give and get", "halen en
brengen") are one act with one object, though the conjunction starts a clause."""


def find_direction(doc: Doc, start: int, end: int, cues: dict[str, list[Term]]) -> str | None:
    """bring / take / both from cue words near the evidence; None when there are none.

    The evidence's own clause decides first ("kennis halen en ervaringen delen" gives knowledge a
    take and experiences a bring); only when it has no cue does the whole sentence count. A cue
    joined by and/en straight to a cue in the evidence's clause ("we give and get expertise")
    counts as in that clause.
    """
    from ..language.text import sentences_covering

    toks = _tokens_within(doc, start, end)
    clause_of = doc.clause_of
    clauses = {clause_of[i] for i in toks}
    s_start, s_end = sentences_covering(doc, start, end)
    found_at: list[tuple[str, int, int]] = []
    present = doc.present_terms
    for direction, terms in cues.items():
        for term in terms if present is None else present.among(terms):
            for first, last in term.occurrences(doc):
                if doc.starts[first] < s_start or doc.ends[last] > s_end:
                    continue
                if not term.has_negator and doc.is_negated(first, last):
                    continue
                found_at.append((direction, first, last))
    in_sentence = {direction for direction, _, _ in found_at}
    joined = _joined_cues(doc, found_at)
    todo = [i for i, (_, f, la) in enumerate(found_at) if {clause_of[f], clause_of[la]} & clauses]
    seen = set(todo)
    while todo:
        for j in joined.get(todo.pop(), ()):
            if j not in seen:
                seen.add(j)
                todo.append(j)
    in_clause = {found_at[i][0] for i in seen}
    found = in_clause or in_sentence
    if "both" in found or {"bring", "take"} <= found:
        return "both"
    if found:
        return found.pop()
    return None


def _joined_cues(doc: Doc, found_at: list[tuple[str, int, int]]) -> dict[int, list[int]]:
    """Cue -> the cues joined to it by a lone and/en (both ways)."""
    words = doc.words
    ending = {last: i for i, (_, _, last) in enumerate(found_at)}
    joined: dict[int, list[int]] = {}
    for j, (_, first, _) in enumerate(found_at):
        i = ending.get(first - 2)
        if i is not None and words[first - 1].lower() in _JOINING:
            joined.setdefault(i, []).append(j)
            joined.setdefault(j, []).append(i)
    return joined


def slow_regex(pattern: str) -> str:
    """What lernet says of a regular expression that takes too long, shown as written."""
    return (
        f"regular expression {pattern} takes too long on a long turn (over {REGEX_TIMEOUT} s; "
        "catastrophic backtracking, as in a repeat inside a repeat like (\\w+\\s?)+?): simplify it"
    )
