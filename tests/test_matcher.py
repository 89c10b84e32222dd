"""The matcher in general, Dutch and English: contractions and clitics, hyphenated and apostrophe
terms, negation scope over the clause, and inflection that keeps different lemmas apart."""

from __future__ import annotations

import pytest

from lernet_cli.codebook.rules import RuleSyntaxError, compile_rule, parse_terms
from lernet_cli.language.text import make_doc, split_sentences


def found(rule: dict, text: str) -> list[str]:
    return [text[a:b] for a, b in compile_rule(rule, "t").find(make_doc(text))]


# --- contractions and clitics ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I wasn't trained", ["I", "was", "not", "trained"]),
        ("we can't, they won't", ["we", "can", "not", "they", "will", "not"]),
        ("they're sure it's fine", ["they", "are", "sure", "it", "is", "fine"]),
        ("I'm sure we've seen it", ["I", "am", "sure", "we", "have", "seen", "it"]),
        ("'k weet 't niet", ["ik", "weet", "het", "niet"]),
        ("z'n en m'n collega's", ["zijn", "en", "mijn", "collega's"]),
        ("de auto's van zo'n bedrijf", ["de", "auto's", "van", "zo'n", "bedrijf"]),
        ("een ‘toets’ voor iedereen", ["een", "toets", "voor", "iedereen"]),
    ],
)
def test_clitics_are_the_words_they_stand_for(text: str, words: list[str]) -> None:
    doc = make_doc(text)
    assert [t.text for t in doc.tokens] == words
    # Spans still point into the text as written, one after the other.
    spans = [(t.start, t.end) for t in doc.tokens]
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False))
    assert all(text[a:b].strip() == text[a:b] != "" for a, b in spans)


def test_a_contraction_never_makes_a_phrase_it_negates() -> None:
    assert found({"any": ["was training"]}, "I wasn't trained for this.") == []
    assert found({"any": ["was trained"]}, "I wasn't trained for this.") == []
    assert found({"any": ["trained"]}, "I wasn't trained for this.") == []
    assert found({"any": ["trained"], "negation": "require"}, "I wasn't trained.") == ["trained"]
    assert found({"any": ["trained"]}, "I was trained for this.") == ["trained"]


def test_a_term_with_a_contraction_matches_it_written_out_too() -> None:
    rule = {"any": ["don't know"]}
    assert found(rule, "Honestly I don't know.") == ["don't know"]
    assert found(rule, "Honestly I do not know.") == ["do not know"]
    assert found({"any": ["het netwerk"]}, "Dat is 't netwerk.") == ["'t netwerk"]


# --- hyphens and apostrophes in terms ---------------------------------------------------------


def test_hyphenated_terms_match_with_hyphen_space_or_together() -> None:
    rule = {"any": ["wi-fi"]}
    assert found(rule, "The wi-fi, the wifi and the wi fi.") == ["wi-fi", "wifi", "wi fi"]
    assert found({"any": ["e-mail*"]}, "Per e-mailtje of emails") == ["e-mailtje", "emails"]
    assert found({"any": ["zo'n"]}, "Zo'n netwerk heb je zelden.") == []
    assert found({"any": ["zo'n"]}, "Zo'n netwerk is goud waard.") == ["Zo'n"]


# --- Dutch pronominal adverbs, written together or apart -------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("kom erop terug", "Ik kom er op terug.", ["kom er op terug"]),
        ("kom er op terug", "Ik kom erop terug.", ["kom erop terug"]),
        ("daarover", "We hebben daar over gepraat.", ["daar over"]),
        ("daar over", "We hebben daarover gepraat.", ["daarover"]),
        ("hierop", "Hier op bouwen we verder.", ["Hier op"]),
        ("=erbij", "Hij hoort er bij en zij hoort erbij.", ["er bij", "erbij"]),
        ("het netwerk waarvan", "Het netwerk waar van ik lid ben.", ["Het netwerk waar van"]),
    ],
)
def test_a_pronominal_adverb_matches_written_together_or_apart(
    term: str, text: str, expected: list[str]
) -> None:
    assert found({"any": [term]}, text) == expected


def test_pronominal_adverbs_leave_other_words_and_english_alone() -> None:
    # "daarom" (therefore) and "waarom" (why) are words of their own, not "daar om", "waar om"
    assert found({"any": ["daarom"]}, "Daar gaat het om, daar om draait alles.") == []
    assert found({"any": ["waarom"]}, "Waar om gelachen werd, weet ik niet.") == []
    # the text is not split: a preposition alone does not find the joined word
    assert found({"any": ["=op"]}, "Ik kom erop terug.") == []
    # English has no such words: its terms stay as they are
    assert found({"any": ["there on"]}, "We built thereon.") == []
    assert found({"any": ["come back to"]}, "I'll come back to that.") == ["come back to"]
    assert [t.text for t in parse_terms("where on earth")] == ["where on earth"]


@pytest.mark.parametrize("term", ["e--mail", "-", "wi-fi!"])
def test_terms_that_are_no_words_are_refused(term: str) -> None:
    with pytest.raises(RuleSyntaxError, match="is not a word"):
        compile_rule({"any": [term]}, "t")


# --- negation over the clause, on both sides --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We kennen elkaar eigenlijk nog steeds niet.",
        "Eerlijk gezegd kennen we elkaar eigenlijk helemaal niet.",
        "We hebben nooit echt de kans gehad elkaar te leren kennen.",
        "Ik ken de meeste leden niet meer.",
        "Zonder die bijeenkomsten zou ik ze niet kennen.",
        "Geen idee wie ik daar zou moeten kennen.",
        "I never really got to know them.",
        "We don't actually know each other that well.",
        "Without the meetings I wouldn't know them.",
    ],
)
def test_a_negator_anywhere_near_in_the_clause_negates(text: str) -> None:
    assert found({"any": ["kennen", "know"]}, text) == []
    assert found({"any": ["kennen", "know"], "negation": "require"}, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb geen tijd gehad, maar ik ken ze nu goed.",
        "Niet alleen de adviseurs, ook de bedrijven kennen elkaar goed.",
        "I had no time at first, but now I know them well.",
        "Ik heb er geen moeite mee om ze te leren kennen.",
        "No doubt we know each other by now.",
        "Ik weet niet of ik ze goed ken.",
        "None of the problems matter, we know each other.",
    ],
)
def test_negation_stops_at_the_clause(text: str) -> None:
    assert found({"any": ["kennen", "know"]}, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "Through the network I made contacts that we could never have reached alone.",
        "These are contacts who would not have answered my call before.",
        "It gave us contacts, which we did not have.",
    ],
)
def test_a_negator_in_a_relative_clause_after_a_term_is_that_clauses(text: str) -> None:
    assert found({"any": ["contacts"]}, text) != []
    assert found({"any": ["contacts"], "negation": "require"}, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We have no contacts in housing.",
        "People who don't trust each other stay away.",
        "Contacts are simply not there.",
    ],
)
def test_a_negator_before_a_term_or_in_its_own_clause_still_negates(text: str) -> None:
    assert found({"any": ["contacts", "trust"]}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("schuldig", "Ik voel me schuldig als ik een keer niet ga."),
        ("kennis", "We delen kennis wanneer het echt niet anders kan."),
        ("netwerk", "Het is een netwerk waarin we niet meer zo actief zijn."),
        ("contact", "Ik zoek contact zodra er iets niet loopt."),
        ("overleg", "Er is overleg voordat we niets meer kunnen doen."),
        ("concurrentie", "We merkten concurrentie wanneer het project niet doorging."),
    ],
)
def test_a_negator_in_a_dutch_subordinate_clause_after_a_term_is_that_clauses(
    term: str, text: str
) -> None:
    assert found({"any": [term]}, text) != []
    assert found({"any": [term], "negation": "require"}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("concurreren", "Ik denk niet dat we echt concurreren."),
        ("vertrouwen", "Vertrouwen is er niet, als je het mij vraagt."),
        ("kennis", "We delen eigenlijk geen kennis als het om prijzen gaat."),
        # "als" without a subject after it is "as": no clause of its own
        ("vertrouw", "Ik vertrouw hem als collega eigenlijk niet."),
        # demonstrative "die", "dat": the main clause goes on
        ("vertrouw", "Ik vertrouw die mensen gewoon niet."),
    ],
)
def test_a_dutch_negator_before_the_subordinate_clause_or_in_the_terms_own_still_negates(
    term: str, text: str
) -> None:
    assert found({"any": [term]}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("delen", "We delen kennis zonder er iets voor terug te vragen."),
        ("helpen", "Ze helpen je gewoon, zonder dat je erom hoeft te vragen."),
        ("share", "We share what we know without asking anything in return."),
        ("hope", "I hope the app will let us swap shifts without calling the planner."),
    ],
)
def test_without_and_zonder_negate_what_follows_not_what_went_before(term: str, text: str) -> None:
    assert found({"any": [term]}, text) != []
    assert found({"any": [term], "negation": "require"}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("vertrouwen", "Ze werken samen zonder vertrouwen."),
        ("trust", "They work together without much trust."),
        # a negator after the preposition's phrase is still the term's
        ("delen", "We delen zonder enige aarzeling eigenlijk niets."),
    ],
)
def test_what_follows_without_or_zonder_is_still_negated(term: str, text: str) -> None:
    assert found({"any": [term]}, text) == []


# --- inflection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("kennen", "Ik kende ze al."),
        ("kennen", "We hebben elkaar leren kennen en gekend."),
        ("vertrouwen", "Ik vertrouwde ze meteen."),
        ("bouwen", "Zo bouw je iets op."),
        ("vergaderen", "Ik vergader graag met ze."),
        ("delen", "Hij deelde alles."),
        ("connect", "We connected at once."),
        ("share", "She was sharing a lot."),
    ],
)
def test_inflections_of_one_lemma_match(term: str, text: str) -> None:
    assert found({"any": [term]}, text) != []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("connection", "We connected at once."),
        ("connected", "A good connection."),
        ("samenwerken", "De samenwerking is goed."),
        ("geld", "Dat geldt voor iedereen."),
    ],
)
def test_a_noun_and_a_different_verb_stay_apart(term: str, text: str) -> None:
    assert found({"any": [term]}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("authority", "The author wrote it."),
        ("aardig", "Dat ligt in zijn aard."),
        ("batterij", "Een bat en een bal."),
        ("available", "It was to no avail."),
    ],
)
def test_a_stem_that_is_another_word_does_not_bridge(term: str, text: str) -> None:
    """Only a Dutch verb's bare stem is its form (ik bouw); the Snowball stem of another term
    can be an unrelated word."""
    assert found({"any": [term]}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("geven", "Ze gaven ons meteen hun planning."),
        ("staan", "We stonden er samen voor."),
        ("kiezen", "Ze kozen voor een eigen aanpak."),
        ("bieden", "Ze boden hulp aan."),
        ("merken", "Ik merkte dat het werkte."),
        ("lezen", "Ik las hun verslag."),
        ("grijpen", "Ze grepen hun kans."),
    ],
)
def test_a_strong_verbs_past_tense_is_the_verb(term: str, text: str) -> None:
    """Past tenses the dictionary files under a look-alike noun (gaven -> gave), the singular
    past (stonden -> stond) or a separable verb (merkte -> opmerken)."""
    assert found({"any": [term]}, text) != []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("vragen", "Dat was te vroeg."),
        ("rijden", "Om die reden deden we mee."),
        ("leveren", "Wat het oplevert is onduidelijk."),
        ("nemen", "Ze hebben het overgenomen."),
        ("site", "Het staat op de website."),
        ("afspreken", "We hebben afspraken gemaakt."),
    ],
)
def test_past_tenses_and_particles_leave_other_words_alone(term: str, text: str) -> None:
    """A form whose other reading is the usual one (vroeg, reden), a separable verb with its
    particle, a compound, a prefixed noun."""
    assert found({"any": [term]}, text) == []


# --- British and American spelling ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("organisation", "Other organizations already knew us."),
        ("organization", "Working with other organisations helps."),
        ("organise", "We organized the first meeting."),
        ("realise", "I realized it later."),
        ("prioritize", "We prioritised the schools."),
        ("programme", "The program ran for a year."),
        ("behaviour", "Their behavior changed."),
        ("neighbourhood", "In our neighborhood teams."),
        ("favourite", "My favorite session."),
        ("centre", "The knowledge center helped."),
        ("analyse", "We analyzed the results together."),
        ("catalogue", "A catalog of good practice."),
        ("travelled", "We traveled to each site."),
        ("modelling", "Role modeling matters."),
        ("defence", "Their defense of the budget."),
        ("working across organisations", "Working across organizations is hard."),
    ],
)
def test_british_and_american_spellings_find_each_other(term: str, text: str) -> None:
    assert found({"any": [term]}, text) != []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("size", "The sise of it."),
        ("four", "For a while."),
        ("timbre", "Timber frames."),
        ("=organise", "We organized it."),
        ("organisatie", "We organized it."),
    ],
)
def test_spelling_variants_stay_within_english_families(term: str, text: str) -> None:
    """Short words, a pair of different words, an exact term and a Dutch word are left alone."""
    assert found({"any": [term]}, text) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("organis*", "We organized the first meeting."),
        ("organis*", "Other organizations already knew us."),
        ("organisat*", "Other organizations already knew us."),
        ("organiz*", "We organised it ourselves."),
        ("colour*", "The colors of the map."),
        ("colour*", "A colorful bunch."),
        ("behaviour*", "Their behaviors changed."),
        ("labour*", "They labored for years."),
        ("labor*", "They laboured for years."),
        ("centre*", "The knowledge centers helped."),
        ("realis*", "I realized it later."),
        ("analys*", "We analyzed the results."),
    ],
)
def test_a_wildcard_finds_its_family_in_the_other_spelling(term: str, text: str) -> None:
    """A wildcard written in one spelling (a British codebook, an American transcript) finds
    the words of its spelling family written the other way, in the full search and in the
    index that decides which rules are tried."""
    assert found({"any": [term]}, text) != []
    assert index_found(term, text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("labour*", "The laboratory was closed."),
        ("colour*", "We drove through Colorado."),
        ("kennis*", "We kenniz nothing."),
        ("organiz*", "An organism grows."),
        ("travel*", "A travesty."),
    ],
)
def test_a_wildcard_finds_no_other_words_by_the_other_spelling(term: str, text: str) -> None:
    """Only words of the family are bridged: *laboratory* is no form of *labour*."""
    assert found({"any": [term]}, text) == []
    assert not index_found(term, text)


def index_found(term: str, text: str) -> bool:
    from pathlib import Path

    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.coding.autocode import code_doc

    codebook = parse_codebook(
        Path("codebook.yaml"),
        text="language: en\nthemes:\n  - id: t\n    label: T\n    codes:\n"
        f"      - id: c\n        label: C\n        match:\n          - any: ['{term}']\n",
    )
    assert not [p for p in codebook.problems if p.severity == "error"], codebook.problems
    return [m.code for m in code_doc(codebook, make_doc(text))] == ["t.c"]


# --- Flemish and spoken Dutch ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We kenden mekaar toen al van naam.",
        "Die bedrijven zien malkaar vooral op beurzen.",
        "We helpen elkander waar het kan.",
        "Ze vinden mekander wel als het moet.",
    ],
)
def test_flemish_and_spoken_forms_of_elkaar_are_elkaar(text: str) -> None:
    assert found({"any": ["elkaar"]}, text) != []
    assert found({"all": [["elkaar"], ["kennen", "zien", "helpen", "vinden"]]}, text) != []


def test_spoken_nie_negates_like_niet() -> None:
    assert found({"any": ["concurreren"]}, "Nee, concurreren doen we nie echt.") == []
    assert found({"any": ["concurreren"]}, "Ja, concurreren doen we echt.") != []


@pytest.mark.parametrize(
    ("term", "text", "said"),
    [
        ("nog niet", "We kennen mekaar nog nie goed.", "nog nie"),
        ("=wist ik =niet", "Da wist ik nie, eerlijk.", "wist ik nie"),
        ("hoe je", "Ik leerde hoe ge da aanpakt.", "hoe ge"),
        ("kun jij", "Kunt gij da eens uitleggen?", "Kunt gij"),
        ("zeggen dat", "Ze zeggen da het loont.", "zeggen da"),
        ("dat is mijn ervaring", "Da's mijn ervaring, zenne.", "Da's mijn ervaring"),
        ("een ander", "Dan vraagt ge het aan nen ander.", "nen ander"),
        ("een babbel", "We deden ne babbel bij de koffie.", "ne babbel"),
        ("wat doe ik hier", "Ik dacht: wa doe ik hier?", "wa doe ik hier"),
    ],
)
def test_flemish_spoken_forms_are_the_written_words(term: str, text: str, said: str) -> None:
    assert found({"any": [term]}, text) == [said]


def test_flemish_spoken_forms_find_no_other_words() -> None:
    # "nie" negates what it follows, like "niet"
    assert found({"any": ["vertrouwen"]}, "Ik vertrouw die mensen nie.") == []
    assert found({"any": ["vertrouwen"]}, "Ik vertrouw die mensen nooit nie.") == []
    # words that merely start like a spoken form stay themselves
    assert found({"any": ["=niet"]}, "Dat zijn nieten en geen nietjes.") == []
    assert found({"any": ["je"]}, "Het gebruik van geld en goed.") == []
    assert found({"any": ["dat"]}, "Dada en daar.") == []
    # "per se" is not "per ze"; "uw" (polite) is not "je"
    assert found({"any": ["ze zeggen"]}, "Dat moet ge nie per se zeggen.") == []
    assert found({"any": ["bij je"]}, "Ik kom bij uw collega.") == []


def test_a_flemish_elkaar_codes_like_the_written_one() -> None:
    from pathlib import Path

    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding.autocode import code_text

    book = load_codebook(Path(__file__).parent.parent / "codebooks" / "lerende-netwerken.yaml")
    written = "In het begin kenden we elkaar eigenlijk nog niet goed, dat kwam pas later."
    spoken = written.replace("elkaar", "mekaar")
    codes = {m.code for m in code_text(book, written)}
    assert "trust.not_acquainted" in codes
    assert {m.code for m in code_text(book, spoken)} == codes


# --- unpunctuated speech -----------------------------------------------------------------------

RUN_EN = (
    "yeah so we tried to recruit nurses for the clinic for two years and nobody came um and "
    "the chemo unit is short as well so I mean it is hard you know we post the job and nobody "
    "applies but the college helps a bit with placements"
)
RUN_NL = (
    "ja nee we hebben het netwerk echt nodig want alleen red je het niet eh en de concurrentie "
    "met de andere bureaus is er natuurlijk ook dus je deelt niet alles maar we leren elkaar "
    "wel steeds beter kennen in die bijeenkomsten"
)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text", [RUN_EN, RUN_NL])
def test_an_unpunctuated_run_is_cut_where_speech_turns(text: str) -> None:
    parts = sentences(text)
    assert len(parts) >= 3
    fillers = {"um", "eh"}
    said = [w for w in text.split() if w not in fillers]
    assert " ".join(parts).split() == said  # nothing lost but the fillers between pieces
    assert all(len(p.split()) >= 6 for p in parts)
    assert all(p == p.strip() and p.split()[-1] not in fillers for p in parts)


def test_a_long_punctuated_sentence_and_a_short_run_stay_whole() -> None:
    written = (
        "We hebben, en dat zeg ik eerlijk, in de eerste jaren maar weinig gedeeld, omdat we "
        "elkaar niet kenden, omdat de concurrentie groot was, en omdat niemand wist wat de "
        "ander eigenlijk deed of wilde, maar dat is gelukkig veranderd."
    )
    assert sentences(written) == [written]
    short = "yeah so we tried um but nobody came to the clinic"
    assert sentences(short) == [short]


@pytest.mark.parametrize(
    "text",
    [
        "Toen belde J. de Vries me op, en W.H. Brink ook, over de baas.",
        "Ik sprak dhr. Jansen en Dr. Patel over het plan.",
        "We met Mrs. Okafor at St. Albans with Prof. Reid.",
        "Dat staat op blz. 12 van het verslag.",
    ],
)
def test_an_initial_or_a_title_does_not_end_a_sentence(text: str) -> None:
    """A quote of "Toen belde J. de Vries me op, ..." was cut to its last words: the full stop
    after an initial or a title (dhr., Dr., nr.) ended the sentence before a capital."""
    assert split_sentences(text) == [(0, len(text))]


def test_a_sentence_still_ends_after_a_word_in_capitals_or_a_pronoun() -> None:
    text = "We gingen naar TNO. Daarna niet meer. I said no. Then I left."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "We gingen naar TNO.",
        "Daarna niet meer.",
        "I said no.",
        "Then I left.",
    ]


def test_a_capital_without_a_full_stop_starts_a_sentence_in_a_run() -> None:
    text = (
        "we shared a lot in the first year with the other clinics in the region and the college "
        "Then the funding stopped and everyone went back to their own work and their own "
        "patients without much contact at all"
    )
    assert any(p.startswith("Then the funding") for p in sentences(text))


def test_a_rule_within_a_sentence_does_not_span_a_run_of_speech() -> None:
    rule = {"all": [["recruit"], ["chemo"]]}
    assert found(rule, RUN_EN) == []
    assert found(rule, "we tried to recruit nurses for the chemo unit") != []
    assert found({"all": [["recruit"], ["nobody"]]}, RUN_EN) != []


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ({"any": ["kennis delen"]}, "we willen eh kennis euh delen met de anderen"),
        ({"any": ["share knowledge"]}, "we do uh share um knowledge with them"),
        ({"all": [["elkaar"], ["kennen"]], "within": 2}, "we kennen ehm eh euh elkaar wel"),
    ],
)
def test_a_filler_inside_a_phrase_or_window_is_no_word(rule: dict, text: str) -> None:
    assert found(rule, text) != []


def test_a_filler_is_no_token_and_keeps_the_others_in_place() -> None:
    doc = make_doc("Uh, we delen, um, kennis. Euh ja")
    assert [t.text for t in doc.tokens] == ["we", "delen", "kennis", "ja"]
    assert [t.sentence for t in doc.tokens] == [0, 0, 0, 1]
    text = "Uh, we delen, um, kennis. Euh ja"
    assert [text[t.start : t.end] for t in doc.tokens] == ["we", "delen", "kennis", "ja"]
