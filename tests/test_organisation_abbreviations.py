"""An organisation's name does not hide the ordinary abbreviations and words it is made of ("HR"
of "HR Partners Enschede", "IT" of "Northgate IT Services") wherever they stand: only the whole
name, its distinctive part and the runs of its words that hold that part (QA14, finding 2)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.language.names import Redactor
from lernet_cli.language.organisations import looks_like_organisation
from lernet_cli.language.stopwords import BY_LANGUAGE

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HR-medewerker bedrijf", "HR-medewerker bedrijf"),
        ("een regionaal HR-netwerk", "een regionaal HR-netwerk"),
        ("de HR doet dat", "de HR doet dat"),
        ("de ICT-afdeling en de GGD", "de ICT-afdeling en de GGD"),
        ("Zorg en Partners", "Zorg en Partners"),
        ("bij HR Partners Enschede werk ik", "bij [organisatie] werk ik"),
        ("in Enschede", "in [organisatie]"),
        ("Partners Enschede doet", "[organisatie] doet"),
        ("bij ICT Zorg Twente en in Twente", "bij [organisatie] en in [organisatie]"),
    ],
)
def test_dutch_abbreviations_of_an_organisation_are_not_hidden_alone(
    text: str, expected: str
) -> None:
    r = Redactor([], ["HR Partners Enschede", "ICT Zorg Twente"], language="nl")
    assert r.redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the IT department", "the IT department"),
        ("an IT Services firm", "an IT Services firm"),
        ("The HR lead", "The HR lead"),
        ("at Northgate IT Services", "at [organisation]"),
        ("at Northgate", "at [organisation]"),
        ("Northgate IT did it", "[organisation] did it"),
    ],
)
def test_english_abbreviations_of_an_organisation_are_not_hidden_alone(
    text: str, expected: str
) -> None:
    r = Redactor(
        [],
        ["Northgate IT Services", "HR Consulting Ltd"],
        organisation="[organisation]",
        common_words=BY_LANGUAGE["en"],
        language="en",
    )
    assert r.redact(text) == expected


def test_a_name_of_abbreviations_and_kinds_only_is_hidden_whole() -> None:
    """No distinctive word: the whole name only; a name of one word is hidden alone."""
    r = Redactor([], ["HR Partners", "ICT"], language="nl")
    assert r.redact("bij HR Partners, de HR-afdeling") == "bij [organisatie], de HR-afdeling"
    assert r.redact("de ICT doet het") == "de [organisatie] doet het"


def test_an_abbreviation_does_not_make_a_header_name_an_organisation() -> None:
    assert not looks_like_organisation("HR Jansen")


PARTICIPANTS = """\
participants:
  - id: R01
    label: HR-medewerker bedrijf
    organisations: [HR Partners Enschede]
"""

CODEBOOK = """\
version: 1
name: netwerk
themes:
  - id: netwerk
    label: {nl: Netwerk, en: Network}
    codes:
      - id: netwerk
        label: {nl: Netwerk, en: Network}
        match:
          - any: [netwerk]
"""


def test_cli_outputs_keep_hr_of_an_organisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    (root / "t").mkdir(parents=True)
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    (root / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    (root / "t" / "R01.txt").write_text(
        "I: Hoe werkt het netwerk?\n"
        "R: Het regionaal HR-netwerk komt samen bij HR Partners Enschede, in Enschede.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--code", "netwerk", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [quote] = json.loads(result.stdout)
    assert quote["label"] == "HR-medewerker bedrijf"
    said = "Het regionaal HR-netwerk komt samen bij [organisatie], in [organisatie]."
    assert quote["text"] == said
    assert runner.invoke(app, ["report", "-o", "r.md", "--force"]).exit_code == 0
    assert runner.invoke(app, ["export", "csv", "c.csv", "--force"]).exit_code == 0
    assert runner.invoke(app, ["export", "qdpx", "q.qdpx", "--force"]).exit_code == 0
    with zipfile.ZipFile(root / "q.qdpx") as zf:
        archive = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    texts = {
        "report": (root / "r.md").read_text(encoding="utf-8"),
        "csv": (root / "c.csv").read_text(encoding="utf-8-sig"),
        "qdpx": archive,
    }
    for where, text in texts.items():
        assert "regionaal HR-netwerk" in text, where
        assert "Enschede" not in text, where
