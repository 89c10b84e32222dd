"""The rule language on its own: inflection, phrases, wildcards, combinations, negation."""

from __future__ import annotations

import pytest

from lernet_cli.codebook.rules import RuleSyntaxError, compile_rule, find_direction, parse_term
from lernet_cli.language.text import make_doc, split_sentences


def spans(rule: dict, text: str) -> list[str]:
    doc = make_doc(text)
    return [text[a:b] for a, b in compile_rule(rule, "t").find(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "Ik vertrouw hen.",
        "Zij vertrouwt de anderen.",
        "We vertrouwden elkaar.",
        "Het vertrouwen groeit.",
        "Hij heeft ons altijd vertrouwd.",
    ],
)
def test_word_matches_dutch_inflections(text: str) -> None:
    assert spans({"any": ["vertrouwen"]}, text)


@pytest.mark.parametrize("text", ["We trusted them.", "Trusting people is hard.", "She trusts us."])
def test_word_matches_english_inflections(text: str) -> None:
    assert spans({"any": ["trust"]}, text)


def test_word_does_not_match_unrelated_word() -> None:
    assert not spans({"any": ["vertrouwen"]}, "Wij verkopen trainingen.")


def test_phrase_needs_order_and_adjacency() -> None:
    assert spans({"any": ["elkaar kennen"]}, "Het gaat erom elkaar te kennen.") == []
    assert spans({"any": ["elkaar kennen"]}, "Elkaar kennen is belangrijk.") == ["Elkaar kennen"]
    assert spans({"any": ["elkaar kennen"]}, "Om elkaar goed te leren kennen.") == []


def test_prefix_and_infix_wildcards() -> None:
    assert spans({"any": ["vertrouw*"]}, "Een vertrouwensband ontstaat.") == ["vertrouwensband"]
    assert spans({"any": ["*concurrent*"]}, "De marktconcurrentie is fel.") == ["marktconcurrentie"]
    assert spans({"any": ["=kennis"]}, "kennisdeling") == []


def test_accents_are_folded() -> None:
    assert spans({"any": ["ideeën"]}, "We delen ideeen.")


def test_negation_excludes_by_default() -> None:
    rule = {"any": ["concurrentie"]}
    assert spans(rule, "Concurrentie speelt een grote rol.")
    assert not spans(rule, "Er is geen concurrentie tussen ons.")
    assert not spans(rule, "Ik merk eigenlijk niet echt concurrentie.")
    assert not spans(rule, "Concurrentie merk ik hier niet.")
    assert not spans({"any": ["trust"]}, "I don't trust them at all.")


def test_negation_scope_stops_at_clause_boundary() -> None:
    rule = {"any": ["concurrentie"]}
    assert spans(rule, "Het is niet makkelijk, maar concurrentie is er wel.")
    assert spans(rule, "Niet alleen concurrentie, ook samenwerking.")


def test_negation_require_and_ignore() -> None:
    rule = {"all": ["elkaar", "kennen"], "negation": "require"}
    assert spans(rule, "We kennen elkaar nog niet goed.")
    assert spans(rule, "We kennen elkaar nauwelijks.")
    assert not spans(rule, "We kennen elkaar goed.")
    assert spans({"any": ["concurrentie"], "negation": "ignore"}, "Geen concurrentie.")


def test_term_with_own_negator_is_not_filtered() -> None:
    assert spans({"any": ["geen zorgen"]}, "Ik maak me geen zorgen over concurrentie.")


def test_all_within_sentence_and_window() -> None:
    rule = {"all": ["vertrouwen", ["bijdragen", "inbrengen"]]}
    assert spans(rule, "Vertrouwen groeit als mensen iets inbrengen.")
    assert not spans(rule, "Vertrouwen groeit. Mensen moeten iets inbrengen.")
    windowed = {"all": ["vertrouwen", "inbrengen"], "within": 3}
    assert not spans(windowed, "Vertrouwen groeit pas echt als mensen veel inbrengen.")
    assert spans(
        {"all": ["vertrouwen", "inbrengen"], "within": "segment"},
        "Vertrouwen groeit. Mensen moeten iets inbrengen.",
    )


def test_none_blocks_in_scope() -> None:
    rule = {"any": ["concurrentie"], "none": ["klanten"]}
    assert not spans(rule, "Concurrentie om klanten is fel.")
    assert spans(rule, "Concurrentie is fel. Klanten merken het.")


def test_regex_rule_and_negation() -> None:
    assert spans({"regex": r"koud\w*vrees"}, "Ik had wel koudwatervrees.") == ["koudwatervrees"]
    assert not spans({"regex": r"koud\w*vrees"}, "Geen koudwatervrees hier.")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"any": []}, "non-empty"),
        ({"regex": "("}, "invalid regular expression"),
        ({"any": ["x"], "all": ["y"]}, "exactly one"),
        ({"any": ["x"], "negation": "maybe"}, "negation"),
        ({"any": ["x"], "within": 0}, "within"),
        ({"anny": ["x"]}, "unknown rule key"),
        ({"any": ["ke$$is"]}, "not a word"),
    ],
)
def test_bad_rules_are_explained(raw: dict, message: str) -> None:
    with pytest.raises(RuleSyntaxError, match=message):
        compile_rule(raw, "t")


def test_direction_prefers_own_clause() -> None:
    cues = {
        "bring": [parse_term("delen")],
        "take": [parse_term("halen")],
        "both": [parse_term("uitwisselen")],
    }
    text = "Wij halen kennis en delen ervaringen."
    doc = make_doc(text)
    k = text.index("kennis")
    e = text.index("ervaringen")
    assert find_direction(doc, k, k + 6, cues) == "take"
    assert find_direction(doc, e, e + 10, cues) == "bring"
    doc2 = make_doc("We willen kennis uitwisselen.")
    assert find_direction(doc2, 10, 16, cues) == "both"
    doc3 = make_doc("We halen er geen kennis.")
    assert find_direction(doc3, 17, 23, cues) is None
    doc4 = make_doc("Kennis is belangrijk.")
    assert find_direction(doc4, 0, 6, cues) is None


def test_direction_of_two_cues_joined_by_and_is_both() -> None:
    """ "give and get X" is one act with one object: both, though "and" opens a clause."""
    cues = {
        "bring": [parse_term("give"), parse_term("brengen")],
        "take": [parse_term("get"), parse_term("halen")],
    }
    for text, word in [
        ("We give and get know-how in equal measure.", "know-how"),
        ("Ideeen halen en brengen doen we hier allemaal.", "Ideeen"),
    ]:
        k = text.index(word)
        assert find_direction(make_doc(text), k, k + len(word), cues) == "both", text
    text = "We get know-how and we give money."
    k = text.index("know-how")
    assert find_direction(make_doc(text), k, k + 8, cues) == "take"


def test_sentence_split_keeps_abbreviations() -> None:
    text = "Wij doen bijv. trainingen. Daarna evalueren we! Klaar?"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == ["Wij doen bijv. trainingen.", "Daarna evalueren we!", "Klaar?"]
