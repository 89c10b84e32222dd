"""Words, sentences, clauses and negation: the linguistic layer the match rules stand on.

Inflection is handled by the union of two maintained tools: simplemma (dictionary lemmas, which know
irregular forms like *kende* -> *kennen*) and Snowball stems via PyStemmer (which cover words the
dictionary lacks, like *vertrouwde* -> *vertrouw*). Both are looked up for Dutch and English, since
interviews mix the two. Each surface form is analysed once per process (cached); lemmas.py loads the
dictionaries fast.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# A word, or a Dutch clitic that starts with an apostrophe ('t, 'k, 'n, 's). Inner apostrophes stay
# in the word (z'n, zo'n, auto's); English clitics are split off by `split_clitics`.
WORD_RE = re.compile(r"(?<!\w)['’][tkns](?!\w)|\w+(?:['’]\w+)*", re.UNICODE)
# A sentence ends at . ! ? … (with closing quotes/brackets) before whitespace and a capital, digit
# or opening quote, or at a line break. Lower-case continuations ("bijv. de") are not boundaries.
SENTENCE_END_RE = re.compile(
    r"(?:[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-ZÀ-ÖØ-Þ0-9]"
    r"|\[(?:naam|organisatie|name|organisation|organization)\])|\n+)"
)
CLAUSE_PUNCT_RE = re.compile(r"[,;:()–—]")

NEGATORS = frozenset(
    """niet geen nooit niemand niets niks nergens nimmer nauwelijks amper zelden weinig zonder noch
    not no never none nobody nothing nowhere hardly barely rarely seldom without neither nor
    cannot""".split()
)
# "niet alleen X maar ook Y" affirms X; "geen probleem", "no doubt" affirm what follows.
NEGATION_CANCELLERS = frozenset(
    """alleen enkel slechts zozeer probleem problemen moeite bezwaar twijfel punt wonder
    only just merely problem problems doubt question wonder matter""".split()
)
# Dutch "of" opens a clause when a subject follows ("ik weet niet of ik het deel"); otherwise it
# is "or", and English "of" never is.
_OF_CLAUSE_RE = re.compile(r"\s+(?:ik|we|wij|je|jij|ze|zij|hij|u|men)\b", re.IGNORECASE)
CLAUSE_WORDS = frozenset(
    """maar omdat want terwijl hoewel ofschoon doordat zodat tenzij dus en
    but because although though while whereas unless so and whether if""".split()
)
NEG_BEFORE = 8
NEG_AFTER = 8
"""How far a negator reaches, in words, and never past its clause: Dutch puts "niet" late ("we
kennen elkaar eigenlijk nog steeds niet"), English early ("we never really got to know")."""

# Contractions and clitics: the words they stand for, so that "wasn't trained" reads as
# "was not trained" (a negated "was", never the phrase "was training") and "'t" as "het".
_EN_SUFFIXES = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'d": "would"}
_EN_BASES = {"ca": "can", "wo": "will", "sha": "shall", "ai": "am"}
_S_IS = frozenset("it that there here what who he she where how".split())
_WHOLE = {"'t": "het", "'k": "ik", "'n": "een", "z'n": "zijn", "m'n": "mijn", "let's": "let us"}


def split_clitics(word: str, start: int) -> list[tuple[str, int, int]]:
    """(word, start, end) for each word a token stands for: "wasn't" -> was + not."""
    low = word.lower().replace("’", "'")
    if "'" not in low:
        return [(word, start, start + len(word))]
    whole = _WHOLE.get(low)
    if whole is not None:
        if " " in whole:
            first, second = whole.split()
            cut = low.index("'")
            return [(first, start, start + cut), (second, start + cut, start + len(word))]
        return [(whole, start, start + len(word))]
    for suffix, full in _EN_SUFFIXES.items():
        if low.endswith(suffix) and len(low) > len(suffix):
            cut = len(word) - len(suffix)
            if suffix == "n't":
                cut = len(word) - 3
            base = word[:cut]
            base = _EN_BASES.get(base.lower(), base)
            return [(base, start, start + cut), (full, start + cut, start + len(word))]
    if low.endswith("'s") and low[:-2] in _S_IS:
        cut = len(word) - 2
        return [(word[:cut], start, start + cut), ("is", start + cut, start + len(word))]
    return [(word, start, start + len(word))]


_stemmers: dict[str, Any] = {}


def _stemmer(lang: str) -> Any:
    if lang not in _stemmers:
        import Stemmer

        _stemmers[lang] = Stemmer.Stemmer({"nl": "dutch", "en": "english"}[lang])
    return _stemmers[lang]


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower-case and strip diacritics, so *ideeën* and *ideeen* compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """The comparable forms of a word in a transcript: folded surface, and per language its lemma
    and its stem. The stem is filed as `{lang}s:` when the dictionary does not know the word and
    as `{lang}k:` when it does, so that `term_forms` can let stems bridge only to unknown words."""
    from .lemmas import is_known, lemmatize

    low = word.lower().replace("’", "'")
    folded = fold(low)
    forms = {"s:" + folded}
    for lang in ("nl", "en"):
        lemma = lemmatize(low, lang)
        forms.add(f"{lang}l:{fold(lemma)}")
        if lemma != low and lemma[-1:] in ("d", "t"):
            # One step further where the dictionary stops at a participle (vertrouwde ->
            # vertrouwd -> vertrouwen), but only to a verb: gelden -> geld is a noun.
            verb = lemmatize(lemma, lang)
            if verb != lemma and verb.endswith("en"):
                forms.add(f"{lang}l:{fold(verb)}")
        # The dictionary sometimes takes an infinitive for a noun (delen -> deel), which would
        # cut "deelt" (lemma delen) off from the term "delen"; the word itself is a lemma too.
        forms.add(f"{lang}l:{folded}")
        kind = "k" if is_known(low, lang) else "s"
        forms.add(f"{lang}{kind}:{_stemmer(lang).stemWord(folded)}")
    return frozenset(forms)


@lru_cache(maxsize=100_000)
def term_forms(word: str) -> frozenset[str]:
    """The forms a codebook term's word looks for among `word_forms` of transcript words.

    Inflection goes through the dictionary's lemmas (*kende* -> *kennen*, *connected* ->
    *connect*), so a noun and a verb with different lemmas stay apart (*connection* is not
    *connected*, *samenwerking* not *samenwerken*). A stem only bridges to a word the dictionary
    does not know, where it is the best guess (*vertrouwensvolle*, new compounds), or from a term
    the dictionary does not know to any word with its stem; and a word that is the bare stem
    matches (*ik bouw*, which the dictionary files under the noun *bouw*).
    """
    forms = set()
    for form in word_forms(word):
        kind, _, value = form.partition(":")
        if len(kind) == 3 and kind[2] == "k":
            forms.add(f"{kind[:2]}s:{value}")  # a known word: its stem finds unknown words only,
            forms.add(f"s:{value}")  # and the bare stem, a verb's first person (ik bouw, deel)
        elif len(kind) == 3 and kind[2] == "s":
            forms.add(form)  # an unknown word: its stem finds words known or not
            forms.add(f"{kind[:2]}k:{value}")
        else:
            forms.add(form)
    return frozenset(forms)


def is_negator(word: str) -> bool:
    low = word.lower().replace("’", "'")
    return low in NEGATORS or low.endswith("n't")


@dataclass(slots=True)
class Token:
    text: str
    """The word this token stands for: the text itself, or what a clitic means ("n't" -> "not")."""
    start: int
    end: int
    sentence: int
    clause: int

    @property
    def folded(self) -> str:
        return fold(self.text)


@dataclass
class Doc:
    """A segment's text, tokenised once and indexed so that many rules can be tried cheaply."""

    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    _forms: list[frozenset[str]] | None = None
    _index: dict[str, list[int]] | None = None
    _sorted_surfaces: list[tuple[str, int]] | None = None
    _negators: list[int] | None = None
    cache: dict[Any, Any] = field(default_factory=dict)
    present_terms: set[int] | None = None
    """Ids of the codebook terms that may stand here: each of their words does (None: not known,
    search). A term not among them does not stand here."""

    @property
    def forms(self) -> list[frozenset[str]]:
        if self._forms is None:
            self._forms = [word_forms(t.text) for t in self.tokens]
        return self._forms

    @property
    def index(self) -> dict[str, list[int]]:
        """Form -> token positions, built on first use."""
        if self._index is None:
            # Each distinct word's forms once: a segment repeats its words.
            by_text: dict[str, list[int]] = {}
            for i, t in enumerate(self.tokens):
                at = by_text.get(t.text)
                if at is None:
                    by_text[t.text] = [i]
                else:
                    at.append(i)
            index: dict[str, list[int]] = {}
            merged = []
            for text, at in by_text.items():
                for f in word_forms(text):
                    have = index.get(f)
                    if have is None:
                        index[f] = at
                    else:
                        index[f] = have + at
                        merged.append(f)
            for f in merged:
                index[f].sort()
            self._index = index
        return self._index

    @property
    def sorted_surfaces(self) -> list[tuple[str, int]]:
        if self._sorted_surfaces is None:
            self._sorted_surfaces = sorted((t.folded, i) for i, t in enumerate(self.tokens))
        return self._sorted_surfaces

    def positions_with_prefix(self, prefix: str) -> list[int]:
        surfaces = self.sorted_surfaces
        lo = bisect.bisect_left(surfaces, (prefix, -1))
        out = []
        for surface, i in surfaces[lo:]:
            if not surface.startswith(prefix):
                break
            out.append(i)
        return sorted(out)

    @property
    def negators(self) -> list[int]:
        """Positions of the words that negate ("niet alleen" does not), found once."""
        if self._negators is None:
            tokens = self.tokens
            self._negators = [
                j
                for j, t in enumerate(tokens)
                if is_negator(t.text)
                and not (j + 1 < len(tokens) and tokens[j + 1].text.lower() in NEGATION_CANCELLERS)
            ]
        return self._negators

    def is_negated(self, first: int, last: int) -> bool:
        """Whether tokens first..last stand in the scope of a negator within their clause: up
        to NEG_BEFORE words before or NEG_AFTER words after, in the same clause."""
        negators = self.negators
        if not negators:
            return False
        tokens = self.tokens
        k = bisect.bisect_left(negators, first)
        if k < len(negators) and negators[k] <= last:
            return True  # a negator inside the span: "kennen elkaar niet goed"
        k -= 1
        before = k >= 0 and negators[k] >= first - NEG_BEFORE
        if before and tokens[negators[k]].clause == tokens[first].clause:
            return True
        k = bisect.bisect_right(negators, last)
        after = k < len(negators) and negators[k] <= last + NEG_AFTER
        return after and tokens[negators[k]].clause == tokens[last].clause

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        return self.sentences[sentence]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text, whitespace trimmed."""
    spans = []
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        spans.append((pos, m.start() + len(m.group(0).rstrip())))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def make_doc(text: str) -> Doc:
    sentences = split_sentences(text)
    # Where clause punctuation stands; it is never inside a word, so a pointer that follows the
    # words tells whether any stands between one word and the next.
    puncts = [m.start() for m in CLAUSE_PUNCT_RE.finditer(text)]
    puncts.append(len(text))
    p = 0
    tokens: list[Token] = []
    clause = 0
    s_index = 0
    last_s = len(sentences) - 1
    next_sentence = sentences[1][0] if last_s > 0 else -1
    last_end = 0
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        while s_index < last_s and start >= next_sentence:
            s_index += 1
            clause += 1
            last_end = start
            next_sentence = sentences[s_index + 1][0] if s_index < last_s else -1
        word = m.group()
        while puncts[p] < last_end:
            p += 1
        low = word.lower()
        clause_word = low in CLAUSE_WORDS or (
            low == "of" and _OF_CLAUSE_RE.match(text, end) is not None
        )
        if puncts[p] < start or clause_word:
            clause += 1
        if "'" in word or "’" in word:
            for part, a, b in split_clitics(word, start):
                tokens.append(Token(part, a, b, s_index, clause))
        else:
            tokens.append(Token(word, start, end, s_index, clause))
        if clause_word:
            clause += 1
        last_end = end
    return Doc(text=text, tokens=tokens, sentences=sentences or [(0, len(text))])


def sentences_covering(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character span of the whole sentences that overlap start..end."""
    first = last = None
    for a, b in doc.sentences:
        if b > start and a < end or (a <= start < b):
            if first is None:
                first = a
            last = b
    if first is None or last is None:
        return start, end
    return first, last
