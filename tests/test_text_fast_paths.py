"""make_doc, Doc.index and Term.occurrences take shortcuts for speed; they must give what the
plain, obvious computations (written out here) give."""

from __future__ import annotations

import re

import pytest

from lernet_cli.codebook.rules import Term, WordPattern
from lernet_cli.coding.autocode import rule_index
from lernet_cli.language.text import (
    CLAUSE_PUNCT_RE,
    CLAUSE_WORDS,
    PAUSES,
    WORD_RE,
    Doc,
    Token,
    make_doc,
    split_clitics,
    split_sentences,
    token_words,
    word_forms,
)

from .test_autocode_index import CODEBOOK, TEXTS

TRICKY = [
    "",
    " ",
    "\n\n",
    ",",
    "— maar",
    "Maar, (en) ook: niet; nooit – nee—toch.",
    "Eerste zin. Tweede zin! Derde? ‘Vierde’ zin… Vijfde.\nZesde\n\nzevende, en achtste",
    "geen punt aan het eind,",
    "(haakjes)woord,woord;woord:woord",
    "Hij zei: ‘we’re not sure, don’t know’. Maar wij wel.",
    "1. Eerste punt 2. tweede punt. 3. Derde punt",
    "A. B. C. d. e. F",
    "kennis kennis, kennis. Kennis! KENNIS en kennis maar kennis",
]


def reference_make_doc(text: str) -> Doc:
    """make_doc as first written: a regular-expression search for punctuation before each word."""
    sentences = split_sentences(text)
    tokens: list[Token] = []
    clause = 0
    s_index = 0
    last_end = 0
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        while s_index < len(sentences) - 1 and start >= sentences[s_index + 1][0]:
            s_index += 1
            clause += 1
            last_end = start
        word = m.group(0)
        opens = (
            word.lower() in CLAUSE_WORDS
            or (
                word.lower() == "of"
                and re.match(r"\s+(ik|we|wij|je|jij|ze|zij|hij|u|men)\b", text[end:], re.I)
            )
            or (
                word.lower() == "als"
                and re.match(
                    r"\s+(ik|we|wij|je|jij|ze|zij|hij|u|men|jullie|er|het)\b", text[end:], re.I
                )
            )
        )
        if CLAUSE_PUNCT_RE.search(text, last_end, start) or opens:
            clause += 1
        if word.lower() not in PAUSES:  # a filler counts for clauses, but is no token
            tokens.extend(Token(w, a, b, s_index, clause) for w, a, b in split_clitics(word, start))
        if opens:
            clause += 1
        last_end = end
    return Doc(text=text, tokens=tokens, sentences=sentences or [(0, len(text))])


def reference_index(doc: Doc) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, t in enumerate(doc.tokens):
        for f in word_forms(t.text):
            index.setdefault(f, []).append(i)
    return index


ALL = TRICKY + TEXTS


def test_make_doc_equals_the_plain_version() -> None:
    differ = [t for t in ALL if make_doc(t) != reference_make_doc(t)]
    assert differ == []


def test_token_words_are_make_docs_words() -> None:
    texts = ALL + ["I wasn't there, 't is z'n ding", "let's go; it's fine, we won't"]
    differ = [
        t
        for t in texts
        if [w for w in token_words(t) if w.lower() not in PAUSES] != make_doc(t).words
    ]
    assert differ == []


def test_index_equals_the_plain_version() -> None:
    differ = []
    for text in ALL:
        doc = make_doc(text)
        if doc.index != reference_index(doc):
            differ.append(text)
    assert differ == []


def test_positions_of_words_by_scanning_equal_those_of_the_table() -> None:
    """A doc answers its first questions by scanning its words, later ones from a table."""
    differ = []
    for text in ALL:
        words = sorted(set(make_doc(text).words))
        questions = [words[i : i + k] for k in (1, 2, 3) for i in range(0, len(words), 2)]
        scanning, table = make_doc(text), make_doc(text)
        table.by_text  # noqa: B018 (built first: every answer comes from it)
        for texts in questions:
            expected = sorted(i for i, w in enumerate(table.words) if w in texts)
            if not (scanning.positions_of(texts) == table.positions_of(texts) == expected):
                differ.append((text, texts))
    assert differ == []


def _terms() -> list[Term]:
    index = rule_index(CODEBOOK)
    terms: list[Term] = []
    for code, rules in index.codes:
        for rule in rules:
            terms += [t for group in rule.groups for t in group] + rule.none
        for cues in code.directions.values():
            terms += cues
    # one of each; a separable verb written apart is no words in a row (test_separable_verbs)
    return list({t.text: t for t in terms if not t.separable}.values())


def _could_start(word: WordPattern, doc_forms: set[str], surfaces: set[str]) -> bool:
    """Whether the word pattern matches any token: a plain test, to skip hopeless terms."""
    if word.kind == "forms":
        return not word.forms.isdisjoint(doc_forms)
    if word.kind == "exact":
        return word.value in surfaces
    if word.kind == "prefix":  # under the prefix, or its family in the other spelling
        return any(word.matches_word(s) for s in surfaces)
    return any(word.value in s for s in surfaces)


@pytest.mark.parametrize("texts", [TRICKY + TEXTS[::5], TEXTS[-80:]], ids=["short", "turns"])
def test_occurrences_equal_a_check_at_every_position(texts: list[str]) -> None:
    terms = _terms()
    assert len(terms) > 1000
    wrong = []
    checked = 0
    for text in texts:
        doc = make_doc(text)
        n = len(doc.tokens)
        doc_forms = set().union(*[word_forms(t.text) for t in doc.tokens])
        surfaces = {t.folded for t in doc.tokens}
        for term in terms:
            size = len(term.words)
            expected = []
            if _could_start(term.words[0], doc_forms, surfaces):
                checked += 1
                expected = [
                    (i, i + size - 1)
                    for i in range(n - size + 1)
                    if all(w.matches_at(doc, i + k) for k, w in enumerate(term.words))
                ]
            if term.occurrences(doc) != expected:
                wrong.append((term.text, text))
    assert checked > 1000
    assert wrong == []
