"""Redaction through the library: header names by their parts, organisations written together,
e-mail addresses, possessives, and name parts that are ordinary words."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.people import make_redactor
from lernet_cli.exchange.qdpx_text import render_turn
from lernet_cli.language.lemmas import is_common_word
from lernet_cli.language.organisations import looks_like_organisation
from lernet_cli.language.stopwords import BY_LANGUAGE
from lernet_cli.project.participants import Participants
from lernet_cli.project.project import init_project


class _Store:
    """What make_redactor reads from a store: the names stored with the transcripts."""

    def __init__(self, names: list[str]):
        self.names = names

    def spoken_names(self) -> list[str]:
        return self.names

    def people(self) -> dict[str, str | None]:
        return {}

    def transcripts(self) -> list[object]:
        return []  # no participant named after their file

    def get_meta(self, key: str) -> str | None:
        return None  # no participant removed

    def coder_spellings(self) -> list[str]:
        return []  # nobody coded

    def texts_signature(self) -> str:
        return ""  # no text stored


def _redactor(tmp_path: Path, language: str, names: list[str]) -> Redactor:
    project, _ = init_project(tmp_path / "p", language)
    return make_redactor(Participants(), _Store(names), project)  # type: ignore[arg-type]


# --- 1. names from a page header, by their parts ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meneer De Vos is de baas.", "Meneer [naam] is de baas."),
        ("Meneer de Vos is de baas.", "Meneer [naam] is de baas."),
        ("Peter zegt dat vaak.", "[naam] zegt dat vaak."),
        ("Hoekstra is groot.", "[organisatie] is groot."),
        ("Bij Bouwbedrijf Hoekstra werk ik.", "Bij [organisatie] werk ik."),
        ("Peter de Vos zegt het.", "[naam] zegt het."),
        # what is not a name stays: the fox, a building firm, the kind of organisation alone
        ("Een vos en een bouwbedrijf.", "Een vos en een bouwbedrijf."),
    ],
)
def test_header_names_are_redacted_by_their_parts(tmp_path: Path, text: str, expected: str) -> None:
    redactor = _redactor(tmp_path, "nl", ["=Bouwbedrijf Hoekstra", "=Peter de Vos"])
    assert redactor.redact(text) == expected


def test_header_organisation_takes_the_english_placeholder(tmp_path: Path) -> None:
    redactor = _redactor(tmp_path, "en", ["=Hoekstra Building Company", "=Peter de Vos"])
    assert redactor.redact("Peter said Hoekstra pays well.") == (
        "[name] said [organisation] pays well."
    )


def test_which_header_names_are_organisations() -> None:
    for org in (
        "Bouwbedrijf Hoekstra",
        "Stichting Vitaal",
        "Royal Free Hospital",
        "Zorggroep Oost",
    ):
        assert looks_like_organisation(org), org
    for person in ("Peter de Vos", "Sarah Jenkins", "Jan Fairbank", "Anna Conraad"):
        assert not looks_like_organisation(person), person


# --- 2. organisations written as one word; e-mail addresses -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kijk op VitaalWerk.nl voor meer.", "Kijk op [organisatie].nl voor meer."),
        ("Kijk op vitaalwerk.nl voor meer.", "Kijk op [organisatie].nl voor meer."),
        ("Zie https://www.vitaalwerk.nl/over-ons.", "Zie https://www.[organisatie].nl/over-ons."),
        ("Bij Zorggroep-Oost en ZorggroepOost.", "Bij [organisatie] en [organisatie]."),
        ("Mail sarah.mark@vitaalwerk.nl maar.", "Mail [e-mail] maar."),
        ("Of Info@Vitaal-Werk.co.uk.", "Of [e-mail]."),
    ],
)
def test_organisations_written_together_and_email_addresses(text: str, expected: str) -> None:
    redactor = Redactor(["Sarah Mark"], ["Vitaal Werk", "Zorggroep Oost"])
    assert redactor.redact(text) == expected


def test_email_addresses_go_without_any_names_too() -> None:
    assert Redactor([], []).redact("Schrijf naar a.b@example.org.") == "Schrijf naar [e-mail]."
    assert Redactor([], [], email="[mail]").redact("x@y.nl") == "[mail]"


# --- 3. possessives stay --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sarah's patience helps.", "[name]'s patience helps."),
        ("Sarah’s patience helps.", "[name]’s patience helps."),
        ("Mark Jansen's patience.", "[name]'s patience."),
        ("Jenkins' patience.", "[name]' patience."),
        ("Sarahs fiets is groot.", "[name]s fiets is groot."),
        ("Sarahtje komt.", "[name] komt."),  # a diminutive goes with the name
        ("Vitaal Werk's aanpak.", "[organisation]'s aanpak."),
    ],
)
def test_possessives_stay_after_the_placeholder(text: str, expected: str) -> None:
    redactor = Redactor(
        ["Sarah Jenkins", "Mark Jansen"],
        ["Vitaal Werk"],
        person="[name]",
        organisation="[organisation]",
        language="en",
    )
    assert redactor.redact(text) == expected


# --- 4. a name part that is an ordinary word ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I mark the forms.", "I mark the forms."),
        ("She marks the forms.", "She marks the forms."),
        ("Mark fills in the forms.", "[name] fills in the forms."),
        ("Then MARK said no.", "Then [name] said no."),
        ("Then mark jansen signed.", "Then [name] signed."),  # the full name, in any case
        ("We will ask Will Smith.", "We will ask [name]."),
        ("Smith will answer, and Will too.", "[name] will answer, and [name] too."),
        ("i mark the forms", "i [name] the forms"),  # no capitals at all: cannot tell
    ],
)
def test_ordinary_words_in_names_are_hidden_where_capitalised(text: str, expected: str) -> None:
    redactor = Redactor(
        ["Mark Jansen", "Will Smith"],
        [],
        person="[name]",
        common_words=BY_LANGUAGE["en"],
        language="en",
    )
    assert redactor.redact(text) == expected


def test_a_one_word_name_that_is_a_word_is_hidden_where_capitalised(tmp_path: Path) -> None:
    # speaker labels are mostly first names: "Mark:" in an English project
    redactor = _redactor(tmp_path, "en", ["Mark"])
    assert redactor.redact("Then Mark said: I mark them.") == "Then [name] said: I mark them."


def test_given_names_in_the_dictionary_are_hidden_in_any_case() -> None:
    # simplemma has "sarah" and "jan" too, but as names ("Sarah", "Jan"): not ordinary words
    assert not is_common_word("sarah", "en") and not is_common_word("jan", "nl")
    assert is_common_word("mark", "en") and is_common_word("bakker", "nl")
    redactor = Redactor(["Sarah Jenkins"], [], person="[name]", language="en")
    assert redactor.redact("And then sarah said it.") == "And then [name] said it."


def test_dutch_surnames_that_are_words() -> None:
    redactor = Redactor(["Jeroen Bakker", "Peter de Vos"], [], language="nl")
    assert redactor.redact("De bakker en de vos.") == "De bakker en de vos."
    assert redactor.redact("Bakker en De Vos.") == "[naam] en [naam]."


def test_an_ordinary_word_of_an_organisation_is_hidden_with_the_rest_of_it() -> None:
    redactor = Redactor([], ["Larchwood Care Group"], organisation="[organisation]", language="en")
    assert redactor.redact("Care home staff at Larchwood Care.") == (
        "Care home staff at [organisation]."
    )
    assert redactor.redact("Larchwood said so.") == "[organisation] said so."


def test_a_name_of_ordinary_words_only_hides_each_where_capitalised() -> None:
    """With nothing distinctive in it, its words are all that can give it away: hidden where
    capitalised inside a sentence; at a sentence's start the capital is the sentence's."""
    redactor = Redactor(
        [], ["Riverside Medical Practice"], organisation="[organisation]", language="en"
    )
    assert redactor.redact("We at Riverside see it; by the riverside.") == (
        "We at [organisation] see it; by the riverside."
    )
    assert redactor.redact("Medical staff agree. Riverside does too.") == (
        "Medical staff agree. Riverside does too."
    )
    redactor = Redactor([], ["Vitaal Werk", "Stichting Fitaal"], language="nl")
    assert redactor.redact("Ik werk bij Vitaal.") == "Ik werk bij [organisatie]."
    assert redactor.redact("Bij vitaal werk blijf ik vitaal.") == (
        "Bij [organisatie] blijf ik vitaal."
    )
    # the only word besides the kind of organisation is the name people use for it
    redactor = Redactor([], ["Stichting Vitaal"], language="nl")
    assert redactor.redact("Ik werk bij Vitaal, ik blijf vitaal.") == (
        "Ik werk bij [organisatie], ik blijf vitaal."
    )


def test_exported_pieces_follow_the_turn_s_capitals() -> None:
    """REFI-QDA and CSV redact a turn piece by piece: a lower-case piece of a turn written with
    capitals keeps its ordinary words, and a span starting inside a name takes the whole name."""
    redactor = Redactor(["Mark Jansen"], ["Vitaal Werk"], person="[name]", language="en")
    text = "Mark said: we mark forms at Vitaal Werk."
    start = text.index("mark forms")
    inside = text.index("taal Werk")
    shown, spans = render_turn(text, [(start, start + 10), (inside, len(text))], redactor)
    assert shown == "[name] said: we mark forms at [organisatie]."
    assert [shown[a:b] for a, b in spans] == ["mark forms", "[organisatie]."]


def test_a_compound_of_ordinary_words_is_an_ordinary_word() -> None:
    # simplemma lacks many Dutch compounds; "werkvermogen" is "werk" + "vermogen"
    redactor = Redactor(
        [], ["expertisegroep Duurzaam Werkvermogen", "Koersvast Advies"], language="nl"
    )
    assert redactor.redact("Het ging over werkvermogen.") == "Het ging over werkvermogen."
    # "Werkvermogen" is one of two ordinary words of its name, nothing distinctive: hidden
    # alone inside a sentence only
    assert redactor.redact("Bij Werkvermogen en Koersvast.") == (
        "Bij [organisatie] en [organisatie]."
    )
    assert redactor.redact("Werkvermogen is een thema.") == "Werkvermogen is een thema."
    assert redactor.redact("Bij Duurzaam Werkvermogen.") == "Bij [organisatie]."
    # "Advies" says what kind of organisation: alone it is a word, not a name
    assert redactor.redact("Goed Advies is duur.") == "Goed Advies is duur."


def test_a_surname_of_several_words_and_one_mark_for_adjacent_parts() -> None:
    r = Redactor(["Fatima El Amrani"], ["Bakker Bouw Groep"], language="nl")
    assert r.redact("Mevrouw El Amrani zei dat.") == "Mevrouw [naam] zei dat."
    assert r.redact("Bakker Bouw is groot.") == "[organisatie] is groot."
    assert r.redact("Bakker Bouw Groep en Bouw Groep.") == "[organisatie] en [organisatie]."
    assert r.redact("Bakker en Bouw.") == "Bakker en [organisatie]."  # inside a sentence only


# --- 5. two-letter names ------------------------------------------------------------------------


def test_two_letter_first_names_are_hidden_like_longer_ones() -> None:
    r = Redactor(["An Verhaegen", "Jo Claes"], [], language="nl")
    assert r.redact("Samen met An en Jo deel ik kennis.") == (
        "Samen met [naam] en [naam] deel ik kennis."
    )
    assert r.redact("Ans boek en Jo's fiets.") == "[naam]s boek en [naam]'s fiets."
    # neither is a Dutch word: hidden in lower case too; an initial is not a name
    assert r.redact("samen met an en jo") == "samen met [naam] en [naam]"
    assert Redactor(["J. Claes"], [], language="nl").redact("J. zei het.") == "J. zei het."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ons Kimmeke en den Tommeke zijn er.", "Ons [naam] en den [naam] zijn er."),
        ("Kimmetje en Tommetjes fiets.", "[naam] en [naam] fiets."),
        ("De Jeffke en het Jefke.", "De [naam] en het [naam]."),
        ("Tommekes en Kimmekes", "[naam] en [naam]"),
        # another letter doubled is another word
        ("Kimbeke, Tomsse", "Kimbeke, Tomsse"),
    ],
)
def test_a_diminutive_with_the_name_s_last_letter_twice_is_the_name(
    text: str, expected: str
) -> None:
    redactor = Redactor(["Kim Claes", "Tom Wouters", "Jef Peeters"], [], language="nl")
    assert redactor.redact(text) == expected


def test_titles_are_not_names_alone() -> None:
    r = Redactor(["Dr Osei", "Mevr. An Claes"], [], person="[name]", language="en")
    assert r.redact("Dr Osei and Dr Smith.") == "[name] and Dr Smith."
    assert r.redact("Mevr. Claes said so.") == "Mevr. [name] said so."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samen met An en Jo.", "Samen met [name] en [name]."),
        ("I spoke with An about it.", "I spoke with [name] about it."),
        ("An idea came up.", "An idea came up."),  # the article
        ("Yes. An honest answer, I think.", "Yes. An honest answer, I think."),
        ("“An example: the forms.”", "“An example: the forms.”"),
        # a name at the start: before a consonant, a function word or a verb form
        ("An said no.", "[name] said no."),
        ("An and Jo came.", "[name] and [name] came."),
        ("An asked me.", "[name] asked me."),
        ("An agrees.", "[name] agrees."),
        ("An is here.", "[name] is here."),
        # no capitals at all: "an" is surely the article, "jo" is not a function word
        ("i had an idea with jo", "i had an idea with [name]"),
        ("i had an idea", "i had an idea"),
    ],
)
def test_an_english_an_at_a_sentence_start_is_the_article(text: str, expected: str) -> None:
    r = Redactor(
        ["An Verhaegen", "Jo Claes"],
        [],
        person="[name]",
        common_words=BY_LANGUAGE["en"],
        language="en",
    )
    assert r.redact(text) == expected


def test_a_function_word_is_not_hidden_in_a_text_without_capitals() -> None:
    r = Redactor(["Will Smith"], [], person="[name]", common_words=BY_LANGUAGE["en"], language="en")
    assert r.redact("then i will ask will smith") == "then i will ask [name]"
    assert r.redact("Then I will ask Will.") == "Then I will ask [name]."


# --- 6. organisations: ordinary parts only beside the rest, hyphenated names --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # researchers' own words and other names that share an ordinary word stay
        ("(Care home manager)", "(Care home manager)"),
        ("The Great North Care Record helps.", "The Great North Care Record helps."),
        ("We give care.", "We give care."),
        # the distinctive part alone, adjacent parts together
        ("At Larchwood we care.", "At [organisation] we care."),
        ("Larchwood Care said so.", "[organisation] said so."),
        ("The Care Group said so.", "The [organisation] said so."),
        ("Larchwood Care Group's policy.", "[organisation]'s policy."),
        (
            "In Tynedale, and at Tynedale Family Practice.",
            "In [organisation], and at [organisation].",
        ),
    ],
)
def test_an_ordinary_part_of_an_organisation_is_not_hidden_alone(text: str, expected: str) -> None:
    r = Redactor(
        ["Margaret Ellison"],
        ["Larchwood Care Group", "Tynedale Family Practice"],
        person="[name]",
        organisation="[organisation]",
        common_words=BY_LANGUAGE["en"],
        language="en",
    )
    assert r.redact(text) == expected


def test_words_the_list_writes_in_lower_case_need_no_capital() -> None:
    r = Redactor(["Hilde Maes"], ["dienst Onderwijs stad Lier"], language="nl")
    text = "Wel, de stad Lier heeft het. Ik werk bij de stad Lier, dienst Onderwijs."
    assert (
        r.redact(text)
        == "Wel, de [organisatie] heeft het. Ik werk bij de [organisatie], [organisatie]."
    )
    # "Onderwijs", "stad" and "Lier" are Dutch words: alone they are not the organisation
    assert r.redact("Het onderwijs in de stad. Onderwijs is goed.") == (
        "Het onderwijs in de stad. Onderwijs is goed."
    )
    # a lower-case word of the list beside a word that must be capitalised and is not
    assert r.redact("de stad lier") == "de [organisatie]"  # no capitals at all: cannot tell
    assert r.redact("De stad lier en de stad.") == "De stad lier en de stad."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik werk in het Sint-Victor.", "Ik werk in het [organisatie]."),
        ("Vroeger op het Sint-Ursula.", "Vroeger op het [organisatie]."),
        ("Het Sint-Victorinstituut en Sint Ursulalyceum.", "Het [organisatie] en [organisatie]."),
        ("Koen van Victor zei het.", "Koen van [organisatie] zei het."),
        # "Sint" is a Dutch word: other saints stay
        ("In Sint-Niklaas.", "In Sint-Niklaas."),
    ],
)
def test_a_hyphenated_name_is_hidden_whole_in_its_short_form(text: str, expected: str) -> None:
    r = Redactor([], ["Sint-Victorinstituut", "Sint-Ursulalyceum"], language="nl")
    assert r.redact(text) == expected


def test_the_only_word_of_a_school_besides_particles_is_its_name() -> None:
    r = Redactor([], ["Basisschool De Klimop", "'t Hofke"], language="nl")
    assert r.redact("De Klimop en Klimop en 't Hofke en Hofke.") == (
        "[organisatie] en [organisatie] en [organisatie] en [organisatie]."
    )
    assert r.redact("De klimop groeit in het hofke.") == "De klimop groeit in het hofke."


def test_a_name_inside_a_longer_one_that_is_not_taken_is_still_hidden() -> None:
    # "Bakker bouw" is not the organisation (the list capitalises "Bouw"), but "Bakker" is the
    # person's surname
    r = Redactor(["Jeroen Bakker"], ["Bakker Bouw Groep"], language="nl")
    assert r.redact("Op Bakker bouw ik.") == "Op [naam] bouw ik."


# --- 7. file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("CH01 Ashgrove House manager", "CH01 [organisation] manager"),
        ("t/Interview Kwame Asante.docx", "t/Interview [name].docx"),
        ("p07_Hofke_directie.docx", "p07_[organisation]_directie.docx"),
        ("/home/sam/Ashgrove/CH04_Willowbank_interview.docx", "CH04_[organisation]_interview.docx"),
        ("C:/Users/Kwame/Desktop/ch04_willowbank.docx", "ch04_[organisation].docx"),
        ("interviews/p02_leerkracht.vtt", "interviews/p02_leerkracht.vtt"),
    ],
)
def test_file_names_hide_names_and_never_show_an_absolute_path(path: str, expected: str) -> None:
    r = Redactor(
        ["Kwame Asante"],
        ["Ashgrove House", "Willowbank Court", "'t Hofke"],
        person="[name]",
        organisation="[organisation]",
        language="en",
    )
    assert r.file(path) == expected


def test_a_participant_id_with_a_name_between_underscores_gets_a_neutral_name() -> None:
    r = Redactor([], ["Willowbank Court"], language="en")
    r.name_participants(["CH04_Willowbank_interview", "p02"])
    assert r.participant("CH04_Willowbank_interview") == "P1"
    assert r.participant("p02") == "p02"


ST_MARYS = "St Mary’s Hospital NHS Foundation Trust"  # typed in Excel: a curly apostrophe


@pytest.mark.parametrize(
    ("listed", "text", "expected"),
    [
        (ST_MARYS, "I work at St Mary's Hospital.", "I work at [organisation]."),
        (ST_MARYS, "(ST MARY'S HOSPITAL)", "([organisation])"),
        (
            "St Mary's Hospital",
            "at St Mary’s Hospital and St Mary’s",
            "at [organisation] and [organisation]",
        ),
        ("Dr O'Neill", "so Dr O’Neill said", "so [name] said"),
    ],
)
def test_a_name_is_hidden_whichever_apostrophe_either_side_typed(
    listed: str, text: str, expected: str
) -> None:
    """A list typed with one apostrophe and a transcript with another: the name is hidden whole,
    not "St [organisation]'s Hospital"."""
    person = [listed] if listed.startswith("Dr") else []
    orgs = [] if person else [listed]
    r = Redactor(person, orgs, person="[name]", organisation="[organisation]", language="en")
    assert r.redact(text) == expected


def test_a_possessive_name_written_together_in_a_file_name_is_hidden() -> None:
    r = Redactor([], [ST_MARYS], organisation="[organisation]", language="en")
    assert r.file("interviews/p03_discharge_StMarys.docx") == (
        "interviews/p03_discharge_[organisation].docx"
    )


@pytest.mark.parametrize("service", ["NHS", "GGD", "GGZ"])
def test_a_public_service_named_by_its_kind_is_not_hidden_alone(service: str) -> None:
    """ "the NHS gets all the money" keeps its meaning; the organisation's own name goes."""
    r = Redactor([], [f"Riverside {service} Trust"], organisation="[org]", language="en")
    assert r.redact(f"the {service} gets all the money") == f"the {service} gets all the money"
    assert r.redact(f"at Riverside {service} Trust") == "at [org]"


def test_belgian_legal_forms_and_public_bodies_are_no_names_alone() -> None:
    r = Redactor(["Wim Bauwens"], ["vzw De Sloep", "Stad Eeklo", "OCMW Maldegem"], language="nl")
    # the kind of organisation alone names nobody, with capitals or without
    for text in (
        "De mensen van de vzw's en van de stad, het OCMW en de Stad.",
        "de mensen van de vzw's en van de stad en het ocmw",
    ):
        assert r.redact(text) == text
    # the distinctive words stay hidden: the organisation's, and the town's it is named by
    assert r.redact("Ik werk bij vzw De Sloep in Eeklo.") == (
        "Ik werk bij [organisatie] in [organisatie]."
    )
    assert r.redact("De Stad Eeklo betaalt, De Sloep niet.") == (
        "De [organisatie] betaalt, [organisatie] niet."
    )
    assert r.redact("via de sloep euh en de stad eeklo") == (
        "via [organisatie] euh en de [organisatie]"
    )
    assert r.redact("Het OCMW Maldegem.") == "Het [organisatie]."


def test_a_header_with_a_belgian_legal_form_names_an_organisation() -> None:
    from lernet_cli.language.organisations import is_organisation_word, looks_like_organisation

    assert looks_like_organisation("Kras vzw") and looks_like_organisation("ASBL Kras")
    assert not looks_like_organisation("Kristof Maes")
    assert not is_organisation_word("Lelystad")  # a place, not a kind of organisation


def test_a_listed_persons_initials_before_the_surname_are_hidden_with_it() -> None:
    """With Tom Whitfield listed, "T. Whitfield" showed as "T. [naam]": the initial and the
    context tell who it is. An organisation's name keeps what stands before it."""
    from lernet_cli.analysis.anonymize import Redactor

    redactor = Redactor(["Tom Whitfield"], ["Stichting Zon"])
    assert redactor.redact("Toen belde T. Whitfield, en W.H. Whitfield ook.") == (
        "Toen belde [naam], en [naam] ook."
    )
    assert redactor.redact("Whitfield zei nee.") == "[naam] zei nee."
    assert redactor.redact("Het rapport van A. Stichting Zon.") == (
        "Het rapport van A. [organisatie]."
    )


def test_a_redacted_surname_with_its_particle_is_hidden_in_a_lower_case_file_name() -> None:
    """ "interview_de_vries.txt" of Karin de Vries, listed only to be redacted, showed "de_vries"
    in every anonymized output while "Interview_De_Vries.txt" showed "[naam]": the particle
    before the ordinary word says the surname, capital or not. A lone ordinary word of a listed
    name ("ronde2_visser", "interview_vries") still shows, as no capital says it is the name."""
    redactor = Redactor(["Jan de Boer", "Karin de Vries", "Mark Visser"], [], language="nl")
    assert redactor.file("interview_de_vries.txt") == "interview_[naam].txt"
    assert redactor.file("Interview_De_Vries.txt") == "Interview_[naam].txt"
    assert redactor.file("jan-de-boer-interview.docx") == "[naam]-interview.docx"
    assert redactor.file("ronde2/de-boer.txt") == "ronde2/[naam].txt"
    assert redactor.file("interview_vries.txt") == "interview_vries.txt"
    assert redactor.file("ronde2_visser.txt") == "ronde2_visser.txt"
