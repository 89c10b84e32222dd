"""Names of places a dictionary has as words, and names in file names: `lernet names` lists
them (QA15 1, QA16 2), and once listed every anonymized output hides them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.likely_names import NameFinder
from lernet_cli.cli import app

runner = CliRunner()

DUTCH = """\
Ik woon aan de rand van Dronten, vlakbij Marknesse en Kraggenburg. Mevrouw De Graaf komt uit \
Luttelgeest.
De leden komen uit Zoetermeer, uit Hoofddorp, uit Steenwijk, uit Zevenhuizen, uit Nieuwegein en \
uit Hoogeveen.
"""
PLACES = [
    "Dronten",
    "Marknesse",
    "Kraggenburg",
    "Luttelgeest",
    "Zoetermeer",
    "Hoofddorp",
    "Steenwijk",
    "Zevenhuizen",
    "Nieuwegein",
    "Hoogeveen",
]


def _names(finder: NameFinder, text: str) -> set[str]:
    return {n.name for n in finder.find([("t.txt", line) for line in text.splitlines()])}


def test_places_that_are_ordinary_words_or_compounds_are_listed_where_a_place_is_said() -> None:
    found = _names(NameFinder("nl"), DUTCH)
    assert set(PLACES) <= found, set(PLACES) - found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "We vergaderen via Teams en in Excel, soms in English."),
        ("nl", "Het zakt gewoon in. Daar moet ik iets mee, in Oktober of zo."),
        ("nl", "Nee, in Vlaamse dorpen en op Maandag."),
        ("en", "We met in March, on Zoom and on Monday, in English and French."),
        ("nl", "Ik zit in de Kerk, dat is het."),  # no word a place follows
    ],
)
def test_no_program_language_month_or_sentence_start_is_listed(language: str, text: str) -> None:
    assert _names(NameFinder(language), text) == set()


def test_an_ordinary_capitalised_word_is_still_no_name_without_a_place_word() -> None:
    assert _names(NameFinder("nl"), "Het Hoofddorp van de streek is klein.") == set()
    assert _names(NameFinder("en"), "it is a lovely Creek in summer") == set()
    assert _names(NameFinder("en"), "new folks from Dauphin and Creek came") == {
        "Dauphin",
        "Creek",
    }


def test_file_names_list_their_ordinary_words_but_not_those_file_names_hold() -> None:
    files = [
        (f"interviews/p{i:02}_Interview_Final_{town}.txt", f"p{i:02}")
        for i, town in (
            (1, "Winnipeg"),
            (2, "Dauphin_Creek"),
            (3, "Brandon"),
            (4, "Dauphin"),
            (5, "Gimli"),
            (6, "Selkirk"),
            (7, "Morden"),
        )
    ]
    found = {n.name: n for n in NameFinder("en").find([], files=files)}
    assert {"Dauphin Creek", "Dauphin"} <= set(found), found
    assert found["Dauphin"].example == "file name: p04_Interview_Final_Dauphin"
    assert not {"Interview", "Final", "Interview Final", "Interviews"} & set(found)


def test_the_words_of_a_files_own_participant_id_are_no_name() -> None:
    """EN01.vtt, NL01.docx, CH04_Willowbank.docx: the id's letters (EN, NL, CH) are shown as
    the participant's id in every output anyway; a name beside them still counts."""
    files = [(f"interviews/EN0{i}.vtt", f"EN0{i}") for i in range(1, 4)]
    files.append(("interviews/CH04_Willowbank.docx", "CH04"))
    found = {n.name for n in NameFinder("en").find([], files=files)}
    assert found == {"Willowbank"}, found
    # a word like an id's in another participant's file name is no id of that file's
    other = [("interviews/EN01.vtt", "P1"), ("interviews/GB02.vtt", "P2")]
    assert {"EN", "GB"} <= {n.name for n in NameFinder("en").find([], files=other)}
    # an id that is a name is no code: its file name still shows it
    named = [("interviews/Jansen01.docx", "Jansen01"), ("interviews/Okafor.docx", "Okafor")]
    assert {"Jansen", "Okafor"} <= {n.name for n in NameFinder("en").find([], files=named)}


def _project(root: Path, participants: str) -> Path:
    from .conftest import MINI_CODEBOOK

    (root / "interviews").mkdir(parents=True)
    (root / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    (root / "participants.csv").write_text(participants, encoding="utf-8")
    said = "I: where do you work\nP: Well, our concurrents are small and we share staff.\n"
    for name in ("p01_Swan_Lake", "p02_Dauphin_Creek", "p03_Brandon", "p14_Dauphin"):
        (root / "interviews" / f"{name}.txt").write_text(said, encoding="utf-8")
    return root


PARTICIPANTS = """\
id,names,files
p01,Linda Moreau,p01_*
p02,Raj Patel,p02_*
p03,Marie Gagnon,p03_*
p14,Mike Desjarlais,p14_*
,"Swan Lake, Brandon",
"""


def test_names_lists_places_in_file_names_and_exports_hide_them_once_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "study", PARTICIPANTS)
    monkeypatch.chdir(root)
    assert runner.invoke(app, ["code", "interviews"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    listed = {n["name"]: n["example"] for n in json.loads(result.stdout)}
    assert listed == {
        "Dauphin Creek": "file name: p02_Dauphin_Creek",
        "Dauphin": "file name: p14_Dauphin",
    }
    result = runner.invoke(app, ["export", "csv", "x.csv"])
    assert result.exit_code == 0, result.stderr
    assert "2 words that look like names are not hidden" in result.stderr
    (root / "participants.csv").write_text(
        PARTICIPANTS.replace(
            '"Swan Lake, Brandon"', '"Swan Lake, Brandon, Dauphin Creek, Dauphin"'
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export", "csv", "x.csv", "--force"])
    assert result.exit_code == 0, result.stderr
    assert "look like names" not in result.stderr
    with (root / "x.csv").open(encoding="utf-8-sig") as fh:
        shown = {row["file"] for row in csv.DictReader(fh)}
    assert shown and not any("Dauphin" in f or "Creek" in f for f in shown), shown
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == [], result.stdout


def test_names_lists_dutch_villages_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n")
    (tmp_path / "t" / "t02.txt").write_text(
        "I: Waar komen de leden vandaan?\nR: " + DUTCH.replace("\n", " ") + "\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["names", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    listed = {n["name"] for n in json.loads(result.stdout)}
    assert set(PLACES) <= listed, set(PLACES) - listed
