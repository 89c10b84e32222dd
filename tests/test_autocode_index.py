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
    # Dutch separable verbs written apart: verb ... particle, and particle te verb
    "Wij wisselen veel kennis uit. Sommige leden dragen niets bij, die doen niet mee.",
    "Het is lastig om iets in te brengen. We brengen veel in en halen er kennis op.",
    "Ik werk door de regen; we werken samen met de school en stemmen alles af.",
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


IN_A_ROW_CODEBOOK = {
    "themes": [
        {
            "id": "t",
            "label": "T",
            "codes": [
                {"id": "two", "label": "2", "match": [{"any": ["kennis delen"]}]},
                {"id": "three", "label": "3", "match": [{"any": ["samen kennis delen"]}]},
                {"id": "four", "label": "4", "match": [{"any": ["we delen onze kennis"]}]},
                {"id": "hyphen", "label": "H", "match": [{"any": ["e-mail sturen"]}]},
                {"id": "clitic", "label": "C", "match": [{"any": ["wasn't shared"]}]},
                {"id": "pronominal", "label": "P", "match": [{"any": ["kom erop terug"]}]},
                {"id": "wild", "label": "W", "match": [{"any": ["netwerk* =bijeenkomst"]}]},
                {"id": "infix", "label": "I", "match": [{"any": ["*werk* leren"]}]},
                {
                    "id": "pair",
                    "label": "A",
                    "match": [{"all": [["kennis delen"], ["netwerk"]], "within": 5}],
                },
                {
                    "id": "blocked",
                    "label": "B",
                    "match": [{"any": ["netwerk"], "none": ["geen tijd"]}],
                },
                {
                    "id": "sentence",
                    "label": "S",
                    "match": [{"all": [["ervaring uitwisselen"], ["collega"]]}],
                },
            ],
        }
    ]
}
IN_A_ROW_TEXTS = {
    # text -> the codes it must get (a prefilter that dropped a matching rule loses one)
    "We kennis delen graag.": {"two"},
    "Kennis. Delen doen we graag.": {"two"},  # in a row across a sentence end
    "Kennis, delen doen we graag.": {"two"},  # across a comma
    "Delen we kennis? Kennis is fijn om te delen.": set(),
    "We willen samen kennis delen.": {"two", "three"},
    "Samen kennis en ervaring delen.": set(),
    "Samen delen we kennis.": set(),
    "Ja, we delen onze kennis met anderen.": {"four"},
    "We delen onze eigen kennis niet.": set(),
    "Onze kennis delen we.": {"two"},
    "Ik zal een e-mail sturen.": {"hyphen"},
    "Ik zal een email sturen.": {"hyphen"},
    "Een e-mail, sturen? Nee.": {"hyphen"},
    "Ik zal e en mail sturen.": set(),
    "It wasn't shared at all.": {"clitic"},
    "It was not shared at all.": {"clitic"},
    "It wasn’t shared.": {"clitic"},
    "Shared it wasn't.": set(),
    "Ik kom er op terug.": {"pronominal"},
    "Ik kom erop terug.": {"pronominal"},
    "Ik kom er later op terug.": set(),
    "De netwerkdag bijeenkomst was goed.": {"wild"},
    "De bijeenkomst van het netwerk.": {"blocked"},
    "Netwerken bijeenkomsten.": {"blocked"},
    "Samenwerken leren we nog.": {"infix"},
    "Leren samenwerken.": set(),
    "Kennis delen in het netwerk.": {"two", "pair", "blocked"},
    "Kennis delen kost tijd, veel tijd, en dan nog het netwerk.": {"two", "blocked"},
    "Netwerk maar geen tijd.": set(),
    "Ervaring uitwisselen met een collega.": {"sentence"},
    "Ervaring uitwisselen. Een collega.": set(),
    "Uitwisselen van ervaring met een collega.": set(),
}


def test_terms_of_several_words_stand_only_with_their_words_in_a_row() -> None:
    """The index keeps a term of several words only where its words stand in a row (over a
    sentence end or a comma too, as the matcher reads them), and codes every text as searching
    every rule everywhere does, whether it saw the pairs of words before or not."""
    from lernet_cli.codebook.codebook import parse_codebook

    codebook = parse_codebook(Path("codebook.yaml"), text=yaml.safe_dump(IN_A_ROW_CODEBOOK))
    for warm in (False, True):
        index = autocode.RuleIndex(codebook)
        texts = list(IN_A_ROW_TEXTS) * (2 if warm else 1)
        for text in texts:
            doc = make_doc(text)
            got = code_doc(codebook, doc, index)
            assert got == search_everything(codebook, text), text
            assert {m.code.removeprefix("t.") for m in got} == IN_A_ROW_TEXTS[text], text
        assert index._pairs


def test_a_rule_whose_terms_have_their_words_apart_is_not_tried() -> None:
    from lernet_cli.codebook.codebook import parse_codebook

    codebook = parse_codebook(Path("codebook.yaml"), text=yaml.safe_dump(IN_A_ROW_CODEBOOK))
    index = autocode.RuleIndex(codebook)
    two = next(r for code, rules in index.codes if code.id == "t.two" for r in rules)
    assert id(two) in index.live_rules(make_doc("We kennis delen."))
    assert id(two) not in index.live_rules(make_doc("Delen we kennis? Ja, kennis."))
    four = next(r for code, rules in index.codes if code.id == "t.four" for r in rules)
    assert id(four) in index.live_rules(make_doc("Ja, we delen onze kennis."))
    assert id(four) not in index.live_rules(make_doc("We delen kennis met onze collega's."))


def test_present_terms_hold_every_term_that_stands_in_a_turn_of_words_in_a_row() -> None:
    """Over some of the sample's long turns and the default codebook: a term of several words
    that stands is present (the short texts are checked above)."""
    index = rule_index(CODEBOOK)
    terms = [
        t
        for code, rules in index.codes
        for rule in rules
        for t in [t for group in rule.groups for t in group] + rule.none
        if len(t.words) > 1
    ]
    missing = []
    kept = 0
    for text in TEXTS[len(SHORT) :: 5]:
        present = index.present_terms(make_doc(text))
        doc = make_doc(text)
        for term in terms:
            stands = bool(term.occurrences(doc))
            if stands and id(term) not in present:
                missing.append((term.text, text))
            kept += stands
    assert missing == [] and kept > 100


def test_an_expression_needing_phrases_is_opened_by_a_word_inside_them() -> None:
    """An expression whose every requirement spans words ("set up", "these days") or holds a
    digit is not searched in every turn: a word inside the phrases opens it, and the phrases and
    the digits are checked before the search. The index still finds what the search finds."""
    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.coding.recode import indicator_sets

    book = parse_codebook(
        Path("phrases.yaml"),
        text="themes:\n  - id: t\n    label: T\n    match:\n"
        r"      - regex: '\b(?:set up|kicked off)\b[^.]{0,40}\b(?:these days|right now)\b"
        r"[^.]{0,20}\b[1-9]\d\b'" + "\n",
    )
    index = rule_index(book)
    assert index.always == 0
    assert indicator_sets(index, {"these": 1, "right": 1, "set": 2}, most=None) == [
        [{"right", "these"}]
    ]
    rule = index.rules[0]
    hit = "We set up the group with five; these days we are 40 strong."
    for text, live in [
        (hit, True),
        ("We set up the group with five; these days we are forty.", False),  # no two digits
        ("The weather these days is 25 degrees.", False),  # no "set up"
        ("We set up a meeting; in 2019 it rained.", False),  # no word that opens it
    ]:
        doc = make_doc(text)
        assert (id(rule) in index.live_rules(doc)) is live, text
        assert bool(code_doc(book, make_doc(text))) is live, text
