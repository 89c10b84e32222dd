"""A listed person's name wins over an organisation's word of the same spelling: "Van Dijk vond
..." of Pieter van Dijk beside the firm "Van Dijk Groep" is a person speaking, shown as [naam],
not as [organisatie] (the reader would think a company spoke). An organisation listed by exactly
those words stays one. Neither ever lets the name through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.cli import app
from lernet_cli.language.stopwords import BY_LANGUAGE

runner = CliRunner()


def _redactor(names: list[str], organisations: list[str], language: str = "nl") -> Redactor:
    return Redactor(names, organisations, common_words=BY_LANGUAGE[language], language=language)


@pytest.mark.parametrize(
    ("names", "organisations", "said", "shown"),
    [
        (["Pieter van Dijk"], ["Van Dijk Groep"], "Van Dijk vond het lastig.", "[naam] vond"),
        (["Pieter van Dijk"], ["Van Dijk Groep"], "Dijk zei niks.", "[naam] zei"),
        (["Kees de Haan"], ["De Haan BV"], "De Haan zei niks.", "[naam] zei"),
        (["Jeroen Bakker"], ["Bakker BV"], "Bakker zei dat het kon.", "[naam] zei"),
        (["Ingrid Hoekstra"], ["Bouwbedrijf Hoekstra"], "Hoekstra zei het.", "[naam] zei"),
        (["Priya Patel"], ["Patel Consulting"], "Mrs Patel said so.", "Mrs [naam] said"),
        (["Priya Patel"], ["Patel Consulting"], "Patel's team did it.", "[naam]'s team"),
    ],
)
def test_a_listed_persons_surname_is_the_person(
    names: list[str], organisations: list[str], said: str, shown: str
) -> None:
    assert _redactor(names, organisations).redact(said).startswith(shown)


@pytest.mark.parametrize(
    ("names", "organisations", "said", "shown"),
    [
        # the organisation's whole name is still the organisation's
        (
            ["Pieter van Dijk"],
            ["Van Dijk Groep"],
            "De Van Dijk Groep doet mee.",
            "De [organisatie] doet",
        ),
        (["Kees de Haan"], ["De Haan BV"], "De Haan BV doet het werk.", "[organisatie] doet"),
        (["Priya Patel"], ["Patel Consulting"], "Patel Consulting did it.", "[organisatie] did"),
        # an organisation listed by exactly that word is one
        (["Jeroen Bakker"], ["Bakker"], "Bakker zei dat het kon.", "[organisatie] zei"),
    ],
)
def test_an_organisation_by_its_whole_name_stays_one(
    names: list[str], organisations: list[str], said: str, shown: str
) -> None:
    assert _redactor(names, organisations).redact(said).startswith(shown)


PARTICIPANTS = """\
groups: [gemeente, bedrijf]
participants:
  - id: p01
    group: gemeente
    label: beleidsmedewerker
    names: [Jeroen Bakker]
    organisations: [Bakker BV]
redact:
  names: [Pieter van Dijk, Kees de Haan]
  organisations: [Van Dijk Groep, De Haan BV]
"""

P01 = """\
Interviewer: Hoe ging de samenwerking?
Jeroen: Bakker zei dat we elkaar nog niet goed kennen.
Interviewer: En verder?
Jeroen: Van Dijk vond dat we elkaar nog niet goed kennen.
Interviewer: En de aannemer?
Jeroen: De Haan zei dat we elkaar nog niet kennen.
Interviewer: En de bedrijven?
Jeroen: Bij De Haan BV en de Van Dijk Groep kennen ze elkaar nog niet goed.
"""

LISTED = ("Jeroen", "Bakker", "Pieter", "Dijk", "Kees", "Haan")


def test_quotes_and_exports_name_the_person_and_leak_no_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    (tmp_path / "t" / "p01.txt").write_text(P01, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["code", "t"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    quotes = [q["text"] for q in json.loads(result.stdout)]
    assert "[naam] zei dat we elkaar nog niet goed kennen." in quotes
    assert any(q.startswith("[naam] vond") for q in quotes), quotes
    assert any("[naam] zei dat we elkaar nog niet kennen" in q for q in quotes), quotes
    assert any("Bij [organisatie] en de [organisatie] kennen" in q for q in quotes), quotes
    assert runner.invoke(app, ["export", "csv", "out.csv"]).exit_code == 0
    assert runner.invoke(app, ["report", "-o", "out.md"]).exit_code == 0
    shown = {
        "quotes": result.stdout,
        "csv": (tmp_path / "out.csv").read_text(encoding="utf-8-sig"),
        "report": (tmp_path / "out.md").read_text(encoding="utf-8"),
    }
    for where, text in shown.items():
        for name in LISTED:
            assert not regex.search(rf"(?i)\b{name}", text), (where, name)
