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
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any

# A word, or a Dutch clitic that starts with an apostrophe ('t, 'k, 'n, 's). Inner apostrophes stay
# in the word (z'n, zo'n, auto's); English clitics are split off by `split_clitics`.
WORD_RE = re.compile(r"(?<!\w)['’][tkns](?!\w)|\w+(?:['’]\w+)*", re.UNICODE)
# Pictographs and symbols (emoji with their variation selectors, joiners and skin tones; arrows,
# dingbats): one after a sentence's end ("saves us time. 🙂 It's …") belongs to that sentence.
_PICTOGRAPH = (
    "[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\u200d\ufe0e\ufe0f\U0001f000-\U0001faff]"
)
# A sentence ends at . ! ? … (with closing quotes/brackets, and pictographs after them) before
# whitespace and a capital, digit or opening quote, or at a line break. Lower-case continuations
# ("bijv. de") are not boundaries.
SENTENCE_END_RE = re.compile(
    rf"(?:[.!?…]+[\"”’')\]]*\s+(?:{_PICTOGRAPH}+\s+)*(?=[\"“‘'(\[]?[A-ZÀ-ÖØ-Þ0-9]"
    r"|\[(?:naam|organisatie|name|organisation|organization)\])|\n+)"
)
CLAUSE_PUNCT_RE = re.compile(r"[,;:()–—]")
# A full stop after an initial or a title is no sentence's end: "J. de Vries", "W.H. Brink",
# "dhr. Jansen", "Dr. Patel", "nr. 5".
_NO_END_AFTER_RE = re.compile(
    r"(?:\b[A-Z]|\b(?:[Dd]rs?|[Pp]rof|[Ii]r|[Ii]ng|[Mm]rs?|[Mm]s|[Dd]hr|[Mm]evr|[Mm]w|[Ss]t|"
    r"[Nn]r|[Bb]lz|[Aa]rt|[Jj]r|[Ss]r|ca|bijv|vgl|resp))\Z"
)

NEGATORS = frozenset(
    """niet nie geen nooit niemand niets niks nergens nimmer nauwelijks amper zelden weinig zonder
    noch not no never none nobody nothing nowhere hardly barely rarely seldom without neither nor
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
_ALS_CLAUSE_RE = re.compile(
    r"\s+(?:ik|we|wij|je|jij|ze|zij|hij|u|men|jullie|er|het)\b", re.IGNORECASE
)
"""Dutch "als" opens a clause ("schuldig als ik niet ga") when a subject follows; otherwise it
is "as" ("ik vertrouw hem als collega niet": niet is the main clause's)."""
CLAUSE_WORDS = frozenset(
    """maar omdat want terwijl hoewel ofschoon doordat zodat tenzij dus en
    wanneer zodra voordat nadat
    but because although though while whereas unless so and whether if""".split()
)
RELATIVES = frozenset("that which who whom whose waarin waarmee waarbij waarover waarvan".split())
"""Words that open a relative clause: a negator after one of them, past the words it might
negate, belongs to that clause ("contacts that we could not have reached" are contacts, "het
netwerk waarin we niet meer actief zijn" a network). Dutch "die" and "dat" are left out: as
often a demonstrative ("ik vertrouw die mensen niet")."""
FORWARD_NEGATORS = frozenset("without zonder".split())
"""Negators that are prepositions: they negate what follows them ("samenwerken zonder
vertrouwen"), never the words before ("we share what we know without asking anything back"
shares; "we delen kennis zonder er iets voor terug te vragen" deelt)."""
NEG_BEFORE = 8
NEG_AFTER = 8
"""How far a negator reaches, in words, and never past its clause: Dutch puts "niet" late ("we
kennen elkaar eigenlijk nog steeds niet"), English early ("we never really got to know")."""

# Contractions and clitics: the words they stand for, so that "wasn't trained" reads as
# "was not trained" (a negated "was", never the phrase "was training") and "'t" as "het".
_EN_SUFFIXES = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'d": "would"}
_EN_BASES = {"ca": "can", "wo": "will", "sha": "shall", "ai": "am"}
_S_IS = frozenset("it that there here what who he she where how".split())
_WHOLE = {
    "'t": "het",
    "'k": "ik",
    "'n": "een",
    "z'n": "zijn",
    "m'n": "mijn",
    "da's": "dat is",
    "let's": "let us",
}
CLITIC_WORDS = frozenset(
    [*(w for v in _WHOLE.values() for w in v.split()), *_EN_SUFFIXES.values(), "is"]
    + list(_EN_BASES.values())
)
"""The words a token may stand for that are not a piece of its text ('t: het, won't: will not):
every other token's text is a piece of the text it comes from."""


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


_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "ı": "i", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t"}
)
"""Letters no Unicode decomposition takes apart, written as two, or as their look-alike, by
whoever cannot type them: "Soeur Marie" is "Sœur Marie", "YILMAZ" "Yılmaz" ("ß" is "ss" by
`casefold`)."""


@lru_cache(maxsize=4096)
def fold_label(text: str) -> str:
    """Case- and accent-insensitive key, so "Geïnterviewde" and "geinterviewde" are one label,
    and "Soeur Marie" and "Sœur Marie" one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_FORMS: dict[str, frozenset[str]] = {}
_NEW_FORMS: list[str] = []
FORMS_MAX = 400_000
"""Words whose forms a process keeps (a study's vocabulary is a few tens of thousands)."""


def word_forms(word: str) -> frozenset[str]:
    """The comparable forms of a word in a transcript, worked out once per word: kept for the
    process, and between runs by `formcache` (the lemmatizer is most of the cost)."""
    forms = _FORMS.get(word)
    if forms is None:
        if len(_FORMS) >= FORMS_MAX:
            _FORMS.clear()
            _NEW_FORMS.clear()
        forms = _FORMS[word] = _word_forms(word)
        _NEW_FORMS.append(word)
    return forms


def take_new_forms() -> dict[str, list[str]]:
    """The forms worked out in this process since the last call (word -> its forms)."""
    out = {w: sorted(_FORMS[w]) for w in _NEW_FORMS if w in _FORMS}
    _NEW_FORMS.clear()
    return out


def seed_forms(known: dict[str, list[str]]) -> None:
    """Forms worked out before (by an earlier run), taken as they are."""
    for word, forms in known.items():
        if word not in _FORMS and len(_FORMS) < FORMS_MAX:
            _FORMS[word] = frozenset(forms)


def _word_forms(word: str) -> frozenset[str]:
    """Folded surface, and per language its lemma and its stem. The stem is filed as `{lang}s:`
    when the dictionary does not know the word and as `{lang}k:` when it does, so that
    `term_forms` can let stems bridge only to unknown words."""
    from .lemmas import is_known, lemmatize
    from .past_tense import past_infinitive, separable_base
    from .spelling import standard_dutch, us_uk

    low = word.lower().replace("’", "'")
    written = standard_dutch(low)
    if written is not None:  # mekaar: the forms of elkaar, and its own
        return _word_forms(written) | {"s:" + fold(low)}
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
        in_dictionary = is_known(low, lang)
        if lang == "nl":
            for infinitive in (past_infinitive(low, not in_dictionary), separable_base(low, lemma)):
                if infinitive is not None:
                    forms.add(f"nll:{fold(infinitive)}")
        # The dictionary sometimes takes an infinitive for a noun (delen -> deel), which would
        # cut "deelt" (lemma delen) off from the term "delen"; the word itself is a lemma too.
        forms.add(f"{lang}l:{folded}")
        kind = "k" if in_dictionary else "s"
        forms.add(f"{lang}{kind}:{_stemmer(lang).stemWord(folded)}")
        if lang == "en" and kind == "k":
            # organisation is organization, programme program (spelling.py)
            for known in (folded, fold(lemma)):
                forms.add(f"enl:{us_uk(known)}")
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
            if kind == "nlk" and fold(word).endswith("en"):
                forms.add(f"s:{value}")  # and a verb's bare stem, its first person (ik bouw, deel)
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


_SCANS_BEFORE_TABLE = 6
"""How many `Doc.positions_of` questions are answered by scanning before the table is built."""


class Doc:
    """A segment's text, tokenised once and indexed so that many rules can be tried cheaply.

    The tokens are kept as parallel lists (`words`, `starts`, `ends`, `sentence_of`,
    `clause_of`), which is what the matcher reads; `tokens` gives them as Token objects, made on
    first use. Two docs are equal when their text, tokens and sentences are.
    """

    def __init__(
        self,
        text: str,
        tokens: list[Token] | None = None,
        sentences: list[tuple[int, int]] | None = None,
    ):
        self.text = text
        self.sentences: list[tuple[int, int]] = sentences if sentences is not None else []
        tokens = tokens or []
        self.words: list[str] = [t.text for t in tokens]
        """The word each token stands for (a clitic as what it means: "n't" -> "not")."""
        self.starts: list[int] = [t.start for t in tokens]
        self.ends: list[int] = [t.end for t in tokens]
        self.sentence_of: list[int] = [t.sentence for t in tokens]
        self.clause_of: list[int] = [t.clause for t in tokens]
        self._tokens: list[Token] | None = tokens or None
        self._forms: list[frozenset[str]] | None = None
        self._distinct: dict[str, None] | None = None
        self._by_text: dict[str, list[int]] | None = None
        self._asked = 0
        self._index: dict[str, list[int]] | None = None
        self._sorted_surfaces: list[tuple[str, int]] | None = None
        self._negators: list[int] | None = None
        self.cache: dict[Any, Any] = {}
        self.present_terms: Any = None
        """The codebook terms that may stand here, by id (`in`): each of their words does (None:
        not known, search). A term not among them does not stand here. It may also say which of
        a list of terms stand here (`among(terms)`) and where a term's first word stands
        (`starts(term)`, positions or None)."""

    @classmethod
    def from_lists(
        cls,
        text: str,
        sentences: list[tuple[int, int]],
        lists: tuple[list[str], list[int], list[int], list[int], list[int]],
    ) -> Doc:
        """A doc from its tokens as parallel lists: words, starts, ends, sentences, clauses."""
        doc = cls(text, None, sentences)
        doc.words, doc.starts, doc.ends, doc.sentence_of, doc.clause_of = lists
        return doc

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = list(
                map(Token, self.words, self.starts, self.ends, self.sentence_of, self.clause_of)
            )
        return self._tokens

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Doc):
            return NotImplemented
        return (self.text, self.sentences, self.words, self.starts, self.ends) == (
            other.text,
            other.sentences,
            other.words,
            other.starts,
            other.ends,
        ) and (self.sentence_of, self.clause_of) == (other.sentence_of, other.clause_of)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Doc(text={self.text!r}, tokens={self.tokens!r}, sentences={self.sentences!r})"

    @property
    def forms(self) -> list[frozenset[str]]:
        if self._forms is None:
            self._forms = [word_forms(w) for w in self.words]
        return self._forms

    @property
    def distinct(self) -> dict[str, None]:
        """The distinct words (token texts), in order of first use."""
        if self._distinct is None:
            self._distinct = dict.fromkeys(self.words)
        return self._distinct

    def positions_of(self, texts: list[str]) -> list[int]:
        """Positions of the tokens whose text is one of `texts` (words of this doc), in order
        (a list to read, not to change)."""
        if self._by_text is None and self._asked < _SCANS_BEFORE_TABLE:
            # a doc asked about a few words (re-coding one code) scans its words for them; one
            # asked about many (coding) builds the table once
            self._asked += 1
            wanted = set(texts)
            return [i for i, w in enumerate(self.words) if w in wanted]
        by_text = self.by_text
        if len(texts) == 1:
            return by_text[texts[0]]
        out: list[int] = []
        for w in texts:
            out += by_text[w]
        out.sort()
        return out

    @property
    def by_text(self) -> dict[str, list[int]]:
        """Each distinct word (a token's text) -> its token positions, built on first use."""
        if self._by_text is None:
            by_text: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                at = by_text.get(w)
                if at is None:
                    by_text[w] = [i]
                else:
                    at.append(i)
            self._by_text = by_text
        return self._by_text

    @property
    def index(self) -> dict[str, list[int]]:
        """Form -> token positions, built on first use."""
        if self._index is None:
            # Each distinct word's forms once: a segment repeats its words.
            index: dict[str, list[int]] = {}
            merged = []
            for text, at in self.by_text.items():
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
            self._sorted_surfaces = sorted((fold(w), i) for i, w in enumerate(self.words))
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
            words = self.words
            n = len(words)
            negating = [w for w in self.distinct if _NEGATES[w]]
            self._negators = [
                j
                for j in (self.positions_of(negating) if negating else ())
                if not (j + 1 < n and _CANCELS[words[j + 1]])
            ]
        return self._negators

    def is_negated(self, first: int, last: int) -> bool:
        """Whether tokens first..last stand in the scope of a negator within their clause: up
        to NEG_BEFORE words before or NEG_AFTER words after, in the same clause."""
        negators = self.negators
        if not negators:
            return False
        clause_of = self.clause_of
        k = bisect.bisect_left(negators, first)
        if k < len(negators) and negators[k] <= last:
            return True  # a negator inside the span: "kennen elkaar niet goed"
        k -= 1
        before = k >= 0 and negators[k] >= first - NEG_BEFORE
        if before and clause_of[negators[k]] == clause_of[first]:
            return True
        words = self.words
        k = bisect.bisect_right(negators, last)
        while k < len(negators) and words[negators[k]].lower() in FORWARD_NEGATORS:
            k += 1
        after = k < len(negators) and negators[k] <= last + NEG_AFTER
        if not after or clause_of[negators[k]] != clause_of[last]:
            return False
        # a negator in a relative clause after the words is that clause's: "contacts that we
        # could not have reached" are contacts
        return not any(words[i].lower() in RELATIVES for i in range(last + 1, negators[k]))

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        return self.sentences[sentence]


class _WordFlags(dict[str, int]):
    """Word -> what make_doc must know of it, worked out on first sight: 1 a clause word, 2 the
    word "of" (a clause word when a subject follows), 4 it has an apostrophe (a clitic), 8 a
    filler (no token: "kennis eh delen" is the phrase "kennis delen"), 16 the word "als" (a
    clause word when a subject follows)."""

    def __missing__(self, word: str) -> int:
        low = word.lower()
        flags = 1 if low in CLAUSE_WORDS else 2 if low == "of" else 16 if low == "als" else 0
        if "'" in word or "’" in word:
            flags |= 4
        if low in PAUSES:
            flags |= 8
        if len(self) < _MEMO_MAX:
            self[word] = flags
        return flags


class _Negates(dict[str, bool]):
    def __missing__(self, word: str) -> bool:
        value = is_negator(word)
        if len(self) < _MEMO_MAX:
            self[word] = value
        return value


class _Cancels(dict[str, bool]):
    def __missing__(self, word: str) -> bool:
        value = word.lower() in NEGATION_CANCELLERS
        if len(self) < _MEMO_MAX:
            self[word] = value
        return value


_MEMO_MAX = 200_000
_FLAGS = _WordFlags()
_NEGATES = _Negates()
_CANCELS = _Cancels()
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})", re.UNICODE)
_PLAIN_WORD_RE = re.compile(r"\w+")
_PLAIN_SPLIT_RE = re.compile(r"(\w+)")
"""WORD_RE where a text has no apostrophe (its clitic and joining parts need one): faster."""


RUN_WORDS = 30
"""A sentence of this many words with hardly any punctuation is a run of unpunctuated speech (an
automatic transcript): it is cut where speech turns, so that a rule's `within: sentence` and a
quote do not take in a whole answer."""
_RUN_PUNCT = 20
"""Words per punctuation mark (, ; : . ! ?) above which a sentence counts as unpunctuated."""
_RUN_MIN = 6
"""No sentence cut from a run is shorter than this many words."""
PAUSES = frozenset("euh eh ehm ehh uh uhm um umm hmm mm erm".split())
"""Fillers: where a speaker pauses."""
_DISCOURSE = (
    *"so but yeah okay ok anyway because".split(),
    "and then",
    *"dus maar nou ja oké okee enfin want".split(),
    *("en toen", "en dan", "weet je"),
)
_TURNS_RE = re.compile(
    r"(?<=\s)(?:" + "|".join(sorted({*PAUSES, *_DISCOURSE}, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
"""Where speech turns in a run: a filler or a discourse word."""
_CAPITAL_RE = re.compile(r"(?<=[a-zà-ÿ] )(?!I\b)[A-ZÀ-Þ][a-zà-ÿ]")
"""A sentence's start in a run whose recogniser capitalised but did not punctuate: a capital
after a lower-case word (not English "I")."""
_JOINS_RE = re.compile(r"(?<=\s)(?:and|en)\b", re.IGNORECASE)
"""Where a part of a run still as long as `RUN_WORDS` is cut, at most once every 2 x `_RUN_MIN`
words: before "and"."""
_WORD_START_RE = re.compile(r"\w+")
_ANY_PUNCT_RE = re.compile(r"[,;:.!?…]")


def _cut_run(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence's span, cut where speech turns when it is a long unpunctuated run. A filler
    where it is cut stands between the two pieces, in neither (as a full stop would)."""
    starts = [m.start() for m in _WORD_START_RE.finditer(text, a, b)]
    if len(starts) < RUN_WORDS or len(_ANY_PUNCT_RE.findall(text, a, b)) * _RUN_PUNCT > len(starts):
        return [(a, b)]
    turns: dict[int, int] = {}  # where the next piece starts -> where the one before ends
    for m in _TURNS_RE.finditer(text, a, b):
        if m.group(0).lower() in PAUSES:
            k = bisect.bisect_left(starts, m.end())
            if k < len(starts):
                turns[starts[k]] = m.start()
        else:
            turns.setdefault(m.start(), m.start())
    for m in _CAPITAL_RE.finditer(text, a, b):
        turns.setdefault(m.start(), m.start())
    out: list[tuple[int, int]] = []
    for x, y in _cut_at(starts, sorted(turns.items()), _RUN_MIN, b):
        inner = [s for s in starts if x <= s < y]
        if len(inner) < RUN_WORDS:
            out.append((x, y))
        else:
            joins = [(m.start(), m.start()) for m in _JOINS_RE.finditer(text, x, y)]
            out += _cut_at(inner, joins, 2 * _RUN_MIN, y)
    return [(x, x + len(text[x:y].rstrip())) for x, y in out]


def _cut_at(
    starts: list[int], cuts: list[tuple[int, int]], least: int, end: int
) -> list[tuple[int, int]]:
    """Spans from starts[0] to `end`, cut at those of `cuts` (next piece's start, previous
    piece's end) that leave at least `least` words before (since the last cut) and after."""
    out = []
    begin = starts[0]
    done = 0
    for nxt, prev in cuts:
        k = bisect.bisect_left(starts, nxt)
        if k - done >= least and len(starts) - k >= _RUN_MIN:
            out.append((begin, prev))
            begin, done = nxt, k
    out.append((begin, end))
    return out


def split_sentences(text: str, runs: bool = True) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text, whitespace trimmed; a long stretch without
    punctuation (an automatic transcript) cut where speech turns, unless `runs` is False (the
    sentences its punctuation marks only)."""
    spans = []
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        start = m.start()
        if (
            text[start] == "."
            and text[start + 1 : start + 2].isspace()
            and _NO_END_AFTER_RE.search(text, max(0, start - 5), start)
        ):
            continue
        spans.append((pos, start + len(m.group(0).rstrip())))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            if not runs or text.count(" ", a, b) < RUN_WORDS - 1:
                out.append((a, b))
            else:
                out.extend(_cut_run(text, a, b))
    return out


def token_words(text: str) -> list[str]:
    """The words of a text's tokens, as make_doc makes them, without their places; with the
    fillers make_doc leaves out (a rule checked live on these words is live on its doc's)."""
    if "'" not in text and "’" not in text:
        return _PLAIN_WORD_RE.findall(text)
    words = WORD_RE.findall(text)
    out = []
    for w in words:
        if _FLAGS[w] & 4:
            out += [part for part, _, _ in split_clitics(w, 0)]
        else:
            out.append(w)
    return out


def make_doc(text: str) -> Doc:
    """Tokens, sentences and clauses of a text.

    A token belongs to the sentence it starts in. Its clause counts up at each new sentence, at
    clause punctuation between it and the word before (within a sentence), and before and after
    a clause word ("maar", "because"; Dutch "of" when a subject follows). A word with a clitic
    gives the tokens `split_clitics` makes, in its sentence and clause. The work is done on whole
    lists (the words, their offsets, a few events), not word by word.
    """
    sentences = split_sentences(text)
    apostrophe = "'" in text or "’" in text
    parts = (_WORD_SPLIT_RE if apostrophe else _PLAIN_SPLIT_RE).split(text)  # gap, word, ..., gap
    words = parts[1::2]
    n = len(words)
    if not n:
        return Doc.from_lists(text, sentences or [(0, len(text))], ([], [], [], [], []))
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    steps = [0] * (n + 1)  # how much the clause count goes up at each word
    sentence_of: list[int] = []
    opened = set()  # words that start a sentence: punctuation before them opens no clause
    done = 0
    for s, (begin, _) in enumerate(sentences[1:]):
        k = bisect.bisect_left(starts, begin)
        sentence_of += [s] * (k - done)
        done = k
        steps[k] += 1
        opened.add(k)
    sentence_of += [len(sentences) - 1 if len(sentences) > 1 else 0] * (n - done)
    flags = list(map(_FLAGS.__getitem__, words))
    special = list(compress(range(n), flags))
    clause_words = set()
    edits = []  # clitics and fillers
    for k in special:
        f = flags[k]
        if (
            f & 1
            or (f & 2 and _OF_CLAUSE_RE.match(text, ends[k]) is not None)
            or (f & 16 and _ALS_CLAUSE_RE.match(text, ends[k]) is not None)
        ):
            clause_words.add(k)
            steps[k + 1] += 1
        if f & 12:
            edits.append(k)
    for m in CLAUSE_PUNCT_RE.finditer(text):
        # punctuation is never inside a word: it stands in the gap before word k
        k = bisect.bisect_left(starts, m.start())
        if k < n and k not in opened:
            opened.add(k)
            if k not in clause_words:
                steps[k] += 1
    for k in clause_words:
        steps[k] += 1
    clause_of = list(accumulate(steps))
    del clause_of[n:]
    for k in reversed(edits):
        if flags[k] & 8:
            del words[k], starts[k], ends[k], sentence_of[k], clause_of[k]
            continue
        parts_k = split_clitics(words[k], starts[k])
        if len(parts_k) == 1:
            words[k] = parts_k[0][0]
            continue
        size = len(parts_k)
        words[k : k + 1] = [p[0] for p in parts_k]
        starts[k : k + 1] = [p[1] for p in parts_k]
        ends[k : k + 1] = [p[2] for p in parts_k]
        sentence_of[k : k + 1] = [sentence_of[k]] * size
        clause_of[k : k + 1] = [clause_of[k]] * size
    lists = (words, starts, ends, sentence_of, clause_of)
    return Doc.from_lists(text, sentences or [(0, len(text))], lists)


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
