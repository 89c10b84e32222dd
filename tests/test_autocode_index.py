"""The rule index is only a shortcut: coding with it must equal searching every rule everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lernet_cli.codebook.codebook import Codebook, load_codebook
from lernet_cli.coding import autocode
from lernet_cli.coding.autocode import _match_code, code_doc, rule_index
from lernet_cli.language.text import make_doc
from lernet_cli.model import Match
from lernet_cli.readers import read_transcript

from .conftest import DEFAULT_CODEBOOK, SAMPLES

CODEBOOK = load_codebook(DEFAULT_CODEBOOK)

HANDMADE = [
    # multi-word terms with their words apart, reversed or in another sentence
    "Kennis die we delen. Delen we kennis? We delen veel, kennis ook.",
    "Het netwerk heeft ons veel opgeleverd; opgeleverd heeft het netwerk ons niets.",
    "We hebben niet alleen kennis gedeeld maar ook ervaringen uitgewisseld.",
    "Concurrentie, concurrenten, concurrentiepositie, marktpositie en marktposities.",
    "I don't share knowledge with competitors, but we trusted each other.",
    "IDEEËN, ideeen en ideeën; Vertrouwen/vertrouwde/vertrouwd — ‘we’re’ ‘niet’.",
    "",
    "...",
    "a",
]


def _short_texts() -> list[str]:
    texts = list(HANDMADE)
    for code in CODEBOOK.walk():
        texts += code.examples + code.counterexamples
    paraphrases = yaml.safe_load(
        (Path(__file__).parent / "data" / "paraphrases.yaml").read_text(encoding="utf-8")
    )
    return texts + [p["text"] for p in paraphrases]


def _turns() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".docx", ".txt"):
            texts += [t.text for t in read_transcript(path).turns if t.text.strip()]
    return texts


SHORT = _short_texts()
TEXTS = SHORT + _turns()


def search_everything(codebook: Codebook, text: str) -> list[Match]:
    """code_doc without the index: every rule of every code, every term searched for."""
    doc = make_doc(text)
    assert doc.present_terms is None
    out = []
    for code in codebook.rule_codes():
        match = _match_code(codebook, code, doc, list(code.rules))
        if match is not None:
            out.append(match)
    return out


def test_enough_texts() -> None:
    assert len(SHORT) > 400
    assert len(TEXTS) > len(SHORT) + 300


@pytest.mark.parametrize("warm", [False, True])
def test_index_codes_like_a_full_search(warm: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    index = rule_index(CODEBOOK)
    if not warm:
        # forget every word after each one: nothing comes from the per-word cache
        monkeypatch.setattr(autocode, "WORD_HITS_MAX", 1)
    differ = []
    for text in TEXTS if warm else SHORT:
        expected = search_everything(CODEBOOK, text)
        if code_doc(CODEBOOK, make_doc(text)) != expected:
            differ.append(text)
    assert differ == []
    assert len(index._word_hits) <= (1 if not warm else 10**9)


def test_present_terms_hold_every_term_that_stands_in_the_doc() -> None:
    index = rule_index(CODEBOOK)
    terms = {
        id(t): t
        for code, rules in index.codes
        for rule in rules
        for t in [t for group in rule.groups for t in group] + rule.none
    }
    missing = []
    for text in SHORT:
        present = index.present_terms(make_doc(text))
        doc = make_doc(text)  # present_terms None: occurrences searches
        for term_id, term in terms.items():
            if term.occurrences(doc) and term_id not in present:
                missing.append((term.text, text))
    assert missing == []


@pytest.mark.parametrize("length", [2, 3])
def test_present_terms_leave_out_terms_whose_later_words_are_absent(length: int) -> None:
    index = rule_index(CODEBOOK)
    terms = [
        t
        for _, rules in index.codes
        for rule in rules
        for group in rule.groups
        for t in group
        if len(t.words) == length and all(w.kind == "forms" for w in t.words)
    ]
    assert terms
    term = terms[0]
    words = [w.raw for w in term.words]
    for kept in (words[:1], words[-1:], [words[0], words[-1]]):
        if kept != words:
            assert id(term) not in index.present_terms(make_doc(" ".join(kept))), kept
    assert id(term) in index.present_terms(make_doc(term.text))


def test_a_rule_whose_groups_stand_in_different_sentences_is_not_tried() -> None:
    """A rule within a sentence is live only where one sentence holds a first word of a term of
    each group; a doc of words without their sentences cannot tell, and tries it."""
    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.language.text import Doc, token_words

    codebook = parse_codebook(
        Path("codebook.yaml"),
        text=yaml.safe_dump(
            {
                "themes": [
                    {
                        "id": "t",
                        "label": "T",
                        "codes": [
                            {
                                "id": "c",
                                "label": "C",
                                "match": [{"all": [["kennis"], ["delen"]]}],
                            }
                        ],
                    }
                ]
            }
        ),
    )
    index = autocode.RuleIndex(codebook)
    apart = "Kennis is fijn. Wij delen veel."
    assert index.live_rules(make_doc("Wij delen kennis. Fijn.")) != set()
    assert index.live_rules(make_doc(apart)) == set()
    assert code_doc(codebook, make_doc(apart), index) == []
    assert (
        index.live_rules(Doc.from_lists(apart, [], (token_words(apart), [], [], [], []))) != set()
    )
