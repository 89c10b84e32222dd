"""`lernet names` and what only looks like a name: contractions and clitics ("i'd", "what's",
"y'know", Dutch "z'n", "d'r") in speech-recognition text, in lower case or capitalised, are never
listed; and a plural after a given name ("Rose gardens were lovely") is no verb that makes the
name a person's, while a verb ("Rose gardens every Sunday") still is."""

from __future__ import annotations

import pytest

from lernet_cli.analysis.likely_names import NameFinder

APOSTROPHES = ("'", "’")


def names_in(texts: list[str], language: str) -> list[str]:
    found = NameFinder(language).find([(f"t{i}.txt", t) for i, t in enumerate(texts)])
    return sorted(n.name for n in found)


ENGLISH_LOWER = [
    "thanks i'd like that a lot",
    "it's what's next for us",
    "i'm that'd be fine with me",
    "i'm y'know not really sure",
    "this is we've been there",
    "hi there's a lot to do",
    "this is ain't it the truth",
    "with who'd you go then",
    "with everyone's help we did it",
    "said we'll go there soon",
    "i'm gonna say no to that",
    "thanks y'all for coming",
]
DUTCH_LOWER = [
    "ik ben d'r wel klaar mee",
    "dank je z'n moeder kwam ook",
    "met m'n zus en d'r man",
    "met d'rin gaan we niet",
    "ik heet zo'n gedoe hè",
    "bedankt 't was fijn",
]
CAPITALISED = [
    "Toen zei Z'n moeder iets en D'r vader ook.",
    "So yes We'll see, and then What's next.",
    "It was fine That'd help, and I'd say Y'know it was.",
]


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_contractions_and_clitics_are_no_names(language: str, apostrophe: str) -> None:
    texts = [t.replace("'", apostrophe) for t in ENGLISH_LOWER + DUTCH_LOWER + CAPITALISED]
    assert names_in(texts, language) == []


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_names_with_an_apostrophe_or_a_clitic_are_still_names(apostrophe: str) -> None:
    texts = [
        "We met O'Brien and D'Souza at the office.",
        "thanks joost, and i'm siobhan",
        "I went with Mark's brother to see Sjoerd's farm.",
        "ik ben ineke en ik werk hier",
        "Mieke d'r zus belde, en Bram z'n auto was kapot.",
        "Ik sprak met D'hoop en D'haese over het plan.",
    ]
    found = names_in([t.replace("'", apostrophe) for t in texts], "en")
    expected = [
        "Bram",
        "D'Souza",
        "D'haese",
        "D'hoop",
        "Mark's",
        "Mieke",
        "O'Brien",
        "Sjoerd's",
        "ineke",
        "joost",
    ]
    expected.append("siobhan")
    assert found == sorted(e.replace("'", apostrophe) for e in expected)


@pytest.mark.parametrize(
    "text",
    [
        "Rose gardens were lovely that year.",
        "Hope springs are warm in winter.",
        "Mark ups have gone up again.",
        "Rose gardens will need water.",
    ],
)
def test_a_plural_after_a_given_name_that_a_verb_follows_is_no_verb(text: str) -> None:
    assert names_in([text], "en") == []


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Rose gardens every Sunday.", "en", "Rose"),
        ("Rose runs the shop.", "en", "Rose"),
        ("Mark sells houses here.", "en", "Mark"),
        ("Jack helped us.", "en", "Jack"),
        ("Rose went home.", "en", "Rose"),
        ("Koen gaat weg.", "nl", "Koen"),
        ("Mark belt zijn moeder.", "nl", "Mark"),
        ("Koen las zijn boek.", "nl", "Koen"),
    ],
)
def test_a_given_name_before_a_verb_is_still_listed(text: str, language: str, name: str) -> None:
    assert names_in([text], language) == [name]


def test_a_dutch_plural_after_a_given_name_is_no_verb() -> None:
    assert names_in(["Roos tuinen waren mooi dat jaar."], "nl") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("'s Ochtends ging ik weg.", []),
        ("Dat is 't. 's Middags kwam hij.", []),
        ("'t Was Koen die belde.", ["Koen"]),
        ("'k Zag Koen gisteren.", ["Koen"]),
        ("'s Middags Geert gezien.", ["Geert"]),
        ("Belde Truus nog?", ["Truus"]),
        ("Kwam Mark Bakker ook?", ["Mark Bakker"]),
        ("Frank Meijer belde.", ["Frank Meijer"]),
    ],
)
def test_a_dutch_clitic_or_verb_opening_a_sentence_is_no_part_of_a_name(
    text: str, found: list[str]
) -> None:
    # before: "Ochtends", "Middags" (after "'s" the next word takes the sentence's capital), and
    # "Was Koen", "Zag Koen", "Middags Geert", "Belde Truus", nothing of "Kwam Mark Bakker"
    assert names_in([text], "nl") == found


@pytest.mark.parametrize(
    ("word", "contraction"),
    [
        ("i'd", True),
        ("What’s", True),
        ("Y'know", True),
        ("z'n", True),
        ("d'rin", True),
        ("don't", True),
        ("mum's", True),
        ("O'Brien", False),
        ("D'hoop", False),
        ("Mark's", False),
        ("Dan's", False),
        ("joost's", False),
        ("Rose", False),
    ],
)
def test_is_contraction(word: str, contraction: bool) -> None:
    from lernet_cli.language.contractions import is_contraction
    from lernet_cli.language.lemmas import is_common_word

    assert is_contraction(word, lambda w: is_common_word(w, "en")) is contraction


def test_subject_plural() -> None:
    from lernet_cli.language.given_names import subject_plural

    assert subject_plural("gardens", "were")
    assert not subject_plural("gardens", "every")
    assert not subject_plural("las", "zijn")  # "Koen las zijn boek": no English auxiliary
