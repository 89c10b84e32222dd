"""`lernet names`: first names that are also ordinary words ("Roos", "Mark", "Hope") are listed
where the words around them say a person, and not where the capital is the sentence's."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.analysis.likely_names import NameFinder
from lernet_cli.cli import app

runner = CliRunner()


def names_in(text: str, language: str = "nl") -> list[str]:
    return sorted(n.name for n in NameFinder(language).find([("t.txt", text)]))


def test_a_name_that_is_a_word_is_listed_beside_a_verb_of_saying_or_calling() -> None:
    found = names_in(
        "Ik belde Roos nog. Toen zei Mark dat het kon. Mees zei dat we moesten leren. "
        "Mieke d'r zus werkt er ook. Ik sprak met Linde."
    )
    assert found == ["Linde", "Mark", "Mees", "Mieke", "Roos"]


def test_a_name_that_is_a_word_joined_to_a_name_or_to_ik() -> None:
    found = names_in(
        "Met Bas en Fleur van de gemeente. Ik en Iris schreven een plan. Rik en Bram waren er. "
        "We deelden kennis en Koen heeft veel geleerd. Mark en Bas hebben een cursus gegeven."
    )
    assert found == ["Bas", "Bram", "Fleur", "Iris", "Koen", "Mark", "Rik"]


def test_english_names_that_are_words() -> None:
    found = names_in(
        "I called Rose. Then Will said that trust takes time, and me and Will met. "
        "I talked with Hope about trust.",
        "en",
    )
    assert found == ["Hope", "Rose", "Will"]


def test_the_sentences_capital_of_an_ordinary_word_is_no_name() -> None:
    dutch = (
        "Hoop doet leven. Hoop is er wel. Toen zei ik dat het ging. Daarna belde Roos. "
        "De Gemeente zei nee. Iedereen zei ja. Kennis en Innovatie is een thema. Wij en Zij, "
        "dat gevoel. Met Teams ging het goed. Eerlijk gezegd vond ik het lastig."
    )
    assert names_in(dutch) == ["Roos"]  # "Daarna belde Roos": Roos, not Daarna
    english = (
        "Hope is what keeps us going. That said, we did fine. Will you come? Mark my words. "
        "Everyone said yes. The Council said no. It said so on the form."
    )
    assert names_in(english, "en") == []


def test_names_command_lists_them(project: Path) -> None:
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Hoe begon het?\nR: We kenden elkaar nog niet. Toen zei Mark dat we moesten "
        "kennismaken, en ik belde Roos. Hoop doet leven.\n",
        "utf-8",
    )
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert sorted(n["name"] for n in json.loads(result.stdout)) == ["Mark", "Roos"]


def test_an_adverb_before_the_verb_is_no_name_but_a_name_after_one_is() -> None:
    dutch = (
        "Eigenlijk vond het netwerk dat goed. Gelukkig belde de gemeente terug. Goed zei hij. "
        "Later belde iemand. Natuurlijk zei Mark nee. Vanochtend mailde Roos."
    )
    assert names_in(dutch) == ["Mark", "Roos"]
    english = "Finally Hope called. Luckily the council called. Yesterday Will asked me."
    assert names_in(english, "en") == ["Hope", "Will"]


def test_a_name_before_vond_het_is_listed() -> None:
    found = names_in("Linde vond het maar niks. Eigenlijk vond het netwerk dat goed.")
    assert found == ["Linde"]


def test_a_name_typed_in_lower_case_beside_a_verb_or_met_is_listed() -> None:
    found = names_in(
        "Toen belde ik sterre nog. We gingen met joost en lotte naar de gemeente. "
        "Ik sprak met collega's en met de wethouder. We werkten met excel en teams."
    )
    assert found == ["joost", "lotte", "sterre"]
    # an ordinary word in lower case says nothing by its place: only its capital would
    assert names_in("Toen belde ik roos nog.") == []


def test_export_notes_a_name_typed_in_lower_case_until_it_is_listed(project: Path) -> None:
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Hoe begon het?\nR: We kenden elkaar nog niet. Toen belde ik sterre, die zei dat "
        "we moesten kennismaken.\n",
        "utf-8",
    )
    (project / "t" / "participants.yaml").write_text("participants: []\n", "utf-8")
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert [n["name"] for n in json.loads(result.stdout)] == ["sterre"]
    result = runner.invoke(app, ["export", "csv", "x.csv", "--span", "turn"])
    assert result.exit_code == 0
    assert "1 word that looks like a name is not hidden" in result.stderr
    assert "sterre" in (project / "x.csv").read_text("utf-8")
    (project / "t" / "participants.yaml").write_text(
        "participants: []\nredact:\n  names: [Sterre]\n", "utf-8"
    )
    result = runner.invoke(app, ["export", "csv", "y.csv", "--span", "turn"])
    assert result.exit_code == 0 and "looks like" not in result.stderr, result.stderr
    assert "sterre" not in (project / "y.csv").read_text("utf-8").casefold()


def test_a_listed_name_said_in_lower_case_is_listed_until_listed_so(project: Path) -> None:
    """ "Roos" listed hides "Roos" and not the word "roos": where a fast typist wrote the name in
    lower case, `lernet names` says so and the export's note counts it."""
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Hoe begon het?\nR: We kenden elkaar nog niet. Toen belde ik roos nog even, en Roos "
        "zei dat het vertrouwen moest groeien.\n",
        "utf-8",
    )
    listed = "participants: []\nredact:\n  names: [{}]\n"
    (project / "t" / "participants.yaml").write_text(listed.format("Roos"), "utf-8")
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    [roos] = json.loads(result.stdout)
    assert roos["name"] == "roos" and "(list 'roos' too)" in roos["example"]
    assert "[naam] zei" in roos["example"]
    result = runner.invoke(app, ["export", "csv", "x.csv", "--span", "turn"])
    assert "1 word that looks like a name is not hidden" in result.stderr
    assert "belde ik roos" in (project / "x.csv").read_text("utf-8")
    (project / "t" / "participants.yaml").write_text(listed.format("Roos, roos"), "utf-8")
    assert json.loads(runner.invoke(app, ["names", "--format", "json"]).stdout) == []
    result = runner.invoke(app, ["export", "csv", "y.csv", "--span", "turn"])
    assert result.exit_code == 0 and "looks like" not in result.stderr
    assert "roos" not in (project / "y.csv").read_text("utf-8").casefold()


def test_fixed_phrases_and_compounds_after_met_or_with_are_no_names() -> None:
    dutch = (
        "Alleen als een klant met spoed belt. Met behulp van de wethouder kwam er geld. "
        "Met inachtneming van de regels. Ze doen tegen heug en meug mee. We werken met "
        "ggz-instellingen en met mbo-studenten. Ik sprak met jan-willem en met sanne."
    )
    assert names_in(dutch) == ["jan", "sanne"]
    english = "We waited with bated breath. We work with sme-owners. I spoke with priya."
    assert names_in(english, "en") == ["priya"]


def test_a_word_the_study_writes_after_an_article_is_no_name_in_lower_case() -> None:
    said = "Ik werk veel met wmo, zei ze. Toen belde ik sterre over de bijstand."
    assert names_in(said) == ["sterre", "wmo"]
    found = NameFinder("nl").find(
        [("a.txt", said), ("b.txt", "De wmo is lastig, het zei de wethouder al.")]
    )
    assert [n.name for n in found] == ["sterre"]
    english = NameFinder("en").find(
        [("a.txt", "We met with kpis in mind, said tom."), ("b.txt", "The kpis were met.")]
    )
    assert [n.name for n in english] == ["tom"]


def test_spoken_shortenings_are_no_names() -> None:
    assert names_in("Toen belde ik effe met de gemeente. Ik zei efkes tegen joost.") == ["joost"]
    assert names_in("She said gonna be fine. Dunno, said Ann. I called dave.", "en") == [
        "Ann",
        "dave",
    ]


def test_names_command_leaves_out_ordinary_words_in_lower_case(project: Path) -> None:
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Hoe werkt het?\nR: Als een klant met spoed belt, gaat die voor. We werken met "
        "ggz-instellingen. Ik app met wmo-consulenten, en met bim zei de aannemer.\n",
        "utf-8",
    )
    (project / "t" / "p2.txt").write_text(
        "I: En bij jullie?\nR: Het bim is nieuw voor iedereen. Toen belde ik sterre erover.\n",
        "utf-8",
    )
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert [n["name"] for n in json.loads(result.stdout)] == ["sterre"]


def test_a_word_of_address_that_ends_a_sentence_titles_no_name() -> None:
    """ "ons" before a first name ("ons Lies") ends the sentence in "voor ons. Toen": the next
    sentence's capital is no name; an abbreviated title's dot is no sentence's end."""
    found = names_in(
        "Het was nieuw voor ons. Toen ging ik. Ik belde tante. Daarna zei ons Lies ja."
    )
    assert found == ["Lies"]
    assert names_in("Ik sprak dhr. Jansen en Mrs. Baker.") == ["Baker", "Jansen"]


def test_an_abbreviation_typed_in_lower_case_is_no_name() -> None:
    dutch = "Toen belde ik ggz en ggd. Met pgb zei ze. Ik sprak met ict'ers en met wouter."
    assert names_in(dutch) == ["wouter"]
    assert names_in("I called lynn and glyn, not the nhs.", "en") == ["glyn", "lynn"]


def test_a_name_after_an_article_that_says_a_person_stays_a_name() -> None:
    """Flemish "de marie zei": the article before a name typed in lower case makes no noun of it
    where a verb of saying or "z'n", "d'r" follows."""
    found = NameFinder("nl").find(
        [("a.txt", "Toen belde ik marie nog."), ("b.txt", "En de marie zei dat het kon.")]
    )
    assert [n.name for n in found] == ["marie"]
    found = NameFinder("nl").find(
        [("a.txt", "Ik sprak met joost."), ("b.txt", "De joost z'n auto stond er.")]
    )
    assert [n.name for n in found] == ["joost"]
