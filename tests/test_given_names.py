"""`lernet names` and common given names: a first name the dictionaries also know ("Koen",
"Daan", "Anna") at a sentence's start before an ordinary verb is listed; ordinary words that are
names too ("Hope is all", "Mark my words", "de roos") are not; and the list only suggests:
outputs hide what the researcher lists, never a name of lernet's own list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.likely_names import NameFinder
from lernet_cli.cli import app
from lernet_cli.language.given_names import finite_verb, is_given_name, name_is_word

runner = CliRunner()


def names_in(text: str, language: str = "nl") -> list[str]:
    return sorted(n.name for n in NameFinder(language).find([("t.txt", text)]))


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Koen gaat weg.", "nl", "Koen"),
        ("Anna ging ook mee.", "nl", "Anna"),
        ("Daan regelde dat.", "nl", "Daan"),
        ("Geert kwam later.", "nl", "Geert"),
        ("Peter werkt daar al jaren.", "nl", "Peter"),
        ("Eva is mijn collega.", "nl", "Eva"),
        ("Rose went home.", "en", "Rose"),
        ("Bill came along.", "en", "Bill"),
        ("Jack helped us.", "en", "Jack"),
        ("Mark knows them.", "en", "Mark"),
        ("Anna left early.", "en", "Anna"),
    ],
)
def test_a_given_name_before_a_verb_at_a_sentences_start(
    text: str, language: str, name: str
) -> None:
    assert names_in(text, language) == [name]


def test_a_given_name_and_a_surname_at_a_sentences_start() -> None:
    # before: "Bakker" alone (beside "belde"), and nothing of "Rose Baker went home"
    assert names_in("Mark Bakker belde gisteren.") == ["Mark Bakker"]
    assert names_in("Rose Baker went home.", "en") == ["Rose Baker"]
    # a place or an organisation after a first name is no surname
    assert names_in("Hope Street is closed. Iris Foundation helps.", "en") == []


def test_a_given_name_inside_a_sentence_and_at_a_start_elsewhere() -> None:
    found = NameFinder("nl").find(
        [("a.txt", "Ik sprak Koen gisteren."), ("b.txt", "Koen, die ken je wel.")]
    )
    assert [(n.name, n.count, len(n.transcripts)) for n in found] == [("Koen", 2, 2)]
    # without the name inside a sentence anywhere, the sentence's capital says nothing
    assert names_in("Koen, die ken je wel.") == []
    # a note written by the researcher: "Vraag aan Geert" inside a sentence
    assert names_in("Vraag aan Geert of het kan.") == ["Geert"]


def test_ordinary_words_that_are_names_too_stay_unlisted() -> None:
    english = (
        "Will you come? Hope is all we have. Mark my words. May I ask? June was warm. "
        "Frank talk helps. Bill payments went up. I bought the Rose at the market. "
        "We mark the exams and pay the bill. She rose early and picked a rose."
    )
    assert names_in(english, "en") == []
    dutch = (
        "Hoop doet leven. Roos is een bloem. Iris is mooi. Frank is eerlijk. De roos bloeit. "
        "Ik hoop het. Ik zag de Roos in de tuin."
    )
    assert names_in(dutch) == []


def test_a_name_that_is_a_word_is_listed_where_a_verb_follows_it_however_the_study_writes_it() -> (
    None
):
    # "mark" as a verb in lower case hides nothing: the capital before "knows" is a candidate
    assert names_in("We mark the exams. Mark knows them.", "en") == ["Mark"]
    # a name that is a word, said inside a sentence, does not make every "Hope is" a person
    found = NameFinder("en").find([("t.txt", "Hope is important. I visited Hope at home.")])
    assert [(n.name, n.count) for n in found] == [("Hope", 1)]


def test_the_lists_and_verbs() -> None:
    assert is_given_name("Koen") and is_given_name("anna") and is_given_name("Zoë")
    assert not is_given_name("Gemeente") and not is_given_name("Hoop")
    assert name_is_word("Roos") and name_is_word("Will") and name_is_word("Bill")
    assert not name_is_word("Koen") and not name_is_word("Anna")
    for verb in ("gaat", "ging", "regelde", "kwam", "went", "came", "helped", "knows", "left"):
        assert finite_verb(verb) == "verb", verb
    for aux in ("is", "heeft", "kan", "was", "has", "will"):
        assert finite_verb(aux) == "aux", aux
    for other in ("weg", "ook", "you", "my", "keukens", "payments", "gardening", "Gaat"):
        assert finite_verb(other) is None, other


def test_the_lists_hold_hundreds_of_names_each() -> None:
    from importlib import resources

    for language in ("nl", "en"):
        text = resources.files("lernet_cli.language").joinpath(f"given_names_{language}.txt")
        names = [
            line.split()[0]
            for line in text.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert 400 <= len(names) <= 800, language
        assert len(names) == len(set(names)), language


def test_names_suggests_a_given_name_that_outputs_hide_only_once_listed(project: Path) -> None:
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Hoe begon het?\nR: We kenden elkaar nog niet. Daan regelde dat we gingen "
        "kennismaken. Hoop doet leven.\n",
        "utf-8",
    )
    (project / "t" / "participants.yaml").write_text("participants: []\n", "utf-8")
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert [n["name"] for n in json.loads(result.stdout)] == ["Daan"]
    # lernet's list suggests; it hides nothing by itself
    result = runner.invoke(app, ["export", "csv", "x.csv", "--span", "turn"])
    assert result.exit_code == 0
    assert "1 word that looks like a name is not hidden" in result.stderr
    assert "Daan regelde" in (project / "x.csv").read_text("utf-8")
    (project / "t" / "participants.yaml").write_text(
        "participants: []\nredact:\n  names: [Daan]\n", "utf-8"
    )
    result = runner.invoke(app, ["export", "csv", "y.csv", "--span", "turn"])
    assert result.exit_code == 0 and "looks like" not in result.stderr, result.stderr
    assert "daan" not in (project / "y.csv").read_text("utf-8").casefold()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Rose gardens in the area were lovely.", "en"),
        ("Rose gardens in the area looked lovely.", "en"),
        ("Mark ups for retail have gone up.", "en"),
        ("Grace notes in the score sounded odd.", "en"),
        ("Iris scans in het ziekenhuis waren duur.", "nl"),
        ("Frank tips in de krant hielpen.", "nl"),
        ("Iris scans bij de huisarts gingen snel.", "nl"),
    ],
)
def test_a_plural_noun_a_phrase_and_a_verb_make_no_name_at_a_sentences_start(
    text: str, language: str
) -> None:
    assert names_in(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Rose gardens every Sunday.", "en", "Rose"),
        ("Rose gardens in her spare time.", "en", "Rose"),
        ("Jack helps people in need.", "en", "Jack"),
        ("Jack helps in the shop, we were busy.", "en", "Jack"),
        ("Mark works in the area they were in.", "en", "Mark"),
        ("Frank tips over eten.", "nl", "Frank"),
    ],
)
def test_a_name_before_a_verb_and_a_phrase_stays_listed(
    text: str, language: str, name: str
) -> None:
    assert names_in(text, language) == [name]
