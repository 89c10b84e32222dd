"""Names in a study with interviews in both languages: a name's part that is an ordinary word
of the other language, written in lower case inside a sentence, is the word (the *wonen* of
"Salland Wonen" in an English project's Dutch interview); `lernet names` takes no pronoun I nor
a single letter for a name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.likely_names import NameFinder
from lernet_cli.cli import app
from lernet_cli.language.stopwords import BY_LANGUAGE

runner = CliRunner()

DUTCH_NAMES = ["Karin Bos", "Wilma Kok", "Marieke de Boer"]
DUTCH_ORGS = ["Salland Wonen", "Over Morgen"]
DUTCH_TEXT = (
    "Goed. We hebben morgen weer overleg, en het probleem is dat betaalbaar wonen onder druk "
    "staat. We gaan in de wijk echt de boer op. In het bos achter de wijk komt de "
    "warmtecentrale. Onze kok in het buurthuis kookt."
)
ENGLISH_TEXT = "We need more energy advisors in the region, and they need advice too."


def redactor(language: str, names: list[str], orgs: list[str]) -> Redactor:
    return Redactor(
        names, orgs, common_words=BY_LANGUAGE[language], language=language, person="[name]"
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_ordinary_dutch_words_of_names_stay_words_in_either_project(language: str) -> None:
    out = redactor(language, DUTCH_NAMES, DUTCH_ORGS).redact(DUTCH_TEXT)
    assert out == DUTCH_TEXT


def test_a_capital_at_a_sentence_start_errs_on_hiding_in_the_other_language() -> None:
    # "Morgen" is no English word: an English project cannot tell the name's part from the
    # sentence's capital, and hides it; a Dutch one knows the word (and hides "Over Morgen")
    text = "Goed. Morgen hebben we overleg met Over Morgen."
    assert (
        redactor("en", [], DUTCH_ORGS).redact(text)
        == "Goed. [organisatie] hebben we overleg met [organisatie]."
    )
    assert (
        redactor("nl", [], DUTCH_ORGS).redact(text)
        == "Goed. Morgen hebben we overleg met [organisatie]."
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_ordinary_english_words_of_names_stay_words_in_either_project(language: str) -> None:
    out = redactor(language, [], ["Greenfield Energy Advisors"]).redact(ENGLISH_TEXT)
    assert out == ENGLISH_TEXT


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ik sprak Karin Bos en later Bos zelf.", ["Karin", "Bos"]),
        ("Toen zei Kok dat Wilma het wist.", ["Kok", "Wilma"]),
        ("Mevrouw De Boer en Marieke de Boer waren er.", ["Boer", "Marieke"]),
        ("Bij Salland Wonen en bij Salland zelf.", ["Salland", "Wonen"]),
        ("Dat doet Over Morgen, en ook het bureau van Morgen.", ["Over Morgen", "van Morgen"]),
        ("I phoned Greenfield Energy Advisors and Greenfield.", ["Greenfield", "Energy"]),
        ("karin bos en wilma kok", ["karin", "bos", "wilma", "kok"]),  # no capitals at all
    ],
)
def test_names_never_leak_where_written_as_names(language: str, text: str, gone: list[str]) -> None:
    r = redactor(language, DUTCH_NAMES, [*DUTCH_ORGS, "Greenfield Energy Advisors"])
    out = r.redact(text)
    for word in gone:
        assert word not in out, out


def test_a_word_of_neither_language_is_still_hidden_in_lower_case() -> None:
    # "salland" is in no dictionary: the name's distinctive word, hidden in any case
    r = redactor("en", [], ["Salland Wonen"])
    assert "salland" not in r.redact("We worked with salland on the plan.")


def test_no_pronoun_i_nor_a_letter_is_a_name() -> None:
    text = (
        "Sure. I'm Tom Hughes, consultant. And I agree. But I'm not sure. So I asked. "
        "I've seen it, I'd say, and I’ll go. Row B | 12"
    )
    for language in ("en", "nl"):
        found = sorted(n.name for n in NameFinder(language).find([("t.txt", text)]))
        assert found == ["Tom Hughes"], (language, found)


def test_an_initial_with_a_surname_is_still_found() -> None:
    found = [n.name for n in NameFinder("en").find([("t.txt", "We asked J Okafor about it.")])]
    assert found == ["J Okafor"]


PARTICIPANTS = """\
participants:
  - id: p1
    names: [Karin Bos, Wilma Kok]
    organisations: [Salland Wonen, Greenfield Energy Advisors]
"""
DUTCH_TRANSCRIPT = (
    "I: Hoe gaat het?\n"
    "R: Met Salland Wonen gaat het goed, maar betaalbaar wonen staat onder druk. In het bos "
    "werkt Karin Bos, onze kok is Wilma Kok. We kennen elkaar nog niet. "
    "[[not_acquainted: kennen elkaar nog niet]]\n"
)
ENGLISH_TRANSCRIPT = (
    "I: How are you?\n"
    "R: I'm Tom Hughes. We need more energy advisors in the region, said Greenfield Energy "
    "Advisors. And I think So I said. Row B. We do not know each other. [[not_acquainted: "
    "We need more energy advisors in the region, said Greenfield Energy Advisors]]\n"
)


def coded(project: Path, language: str) -> None:
    (project / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nlanguage: {language}\n", encoding="utf-8"
    )
    (project / "t").mkdir()
    (project / "t" / "participants.yaml").write_text(PARTICIPANTS, "utf-8")
    (project / "t" / "p1.txt").write_text(DUTCH_TRANSCRIPT, "utf-8")
    (project / "t" / "p2.txt").write_text(ENGLISH_TRANSCRIPT, "utf-8")
    result = runner.invoke(app, ["code", "t"])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("language", ["en", "nl"])
def test_export_keeps_words_of_either_language_and_hides_names(
    project: Path, language: str
) -> None:
    coded(project, language)
    result = runner.invoke(app, ["export", "csv", "x.csv", "--span", "turn"])
    assert result.exit_code == 0, result.stderr
    text = (project / "x.csv").read_text("utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter="," if language == "en" else ";"))
    assert len(rows) > 1
    for name in ("Karin", "Bos", "Wilma", "Kok", "Salland", "Greenfield", "Energy Advisors"):
        assert name not in text, name
    assert "betaalbaar wonen" in text
    assert "In het bos" in text and "onze kok" in text
    assert "more energy advisors in the region" in text


@pytest.mark.parametrize("language", ["en", "nl"])
def test_names_command_lists_no_pronoun_nor_letter(project: Path, language: str) -> None:
    coded(project, language)
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    found = {r["name"] for r in json.loads(result.stdout)}
    assert "Tom Hughes" in found
    assert not found & {"I", "I'm", "I'm Tom Hughes", "And I", "So I", "B", "Row B"}, found
