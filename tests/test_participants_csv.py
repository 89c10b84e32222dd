"""A participants CSV as Excel saves it: a cell holding several patterns separated by ';' comes
out quoted ("*Broeck*; *Vandenbroeck*"), with Windows line ends. It is read as those patterns; the
separator comes from the header row, which the quoted ';' cannot mislead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

from .conftest import dump_store

runner = CliRunner()

EXCEL = (
    "id;group;label;names;organisations;files\r\n"
    'D04;bedrijf;HR-manager;Jef Van den Broeck;Staalwerken Dender;"*Broeck*; *Vandenbroeck*"\r\n'
    "D05;bedrijf;zaakvoerder;Annelies Peeters;Bakkerij Peeters;*Peeters*\r\n"
)
TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_a_quoted_list_of_patterns_is_read_as_patterns(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(
        EXCEL.replace(";", separator).replace("*Broeck*" + separator, "*Broeck*;").encode("utf-8")
    )
    people = load_participants(path)
    assert people.people["D04"].files == ["*Broeck*", "*Vandenbroeck*"]
    assert people.people["D05"].names == ["Annelies Peeters"]
    assert people.match_file(Path("Interview Jef Vandenbroeck ronde 2.docx")).id == "D04"  # type: ignore[union-attr]


def test_code_gives_the_file_to_its_row(project: Path) -> None:
    (project / "deelnemers.csv").write_bytes(EXCEL.encode("utf-8"))
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    (project / "Interview Jef Vandenbroeck ronde 2.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["code", "Interview Jef Vandenbroeck ronde 2.txt"])
    assert result.exit_code == 0, result.stderr
    listed = runner.invoke(app, ["codings", "--format", "json"])
    assert {c["participant"] for c in json.loads(listed.stdout)} == {"D04"}


@pytest.mark.parametrize(
    "content",
    [
        'nummer;files\r\nD04;"*Broeck*; *Vandenbroeck*"\r\n',
        "naam,groep\nJef,bedrijf\n",
        "",
    ],
)
def test_a_header_without_id_is_still_named(project: Path, content: str) -> None:
    (project / "good.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["code", "good.txt"]).exit_code == 0
    before = dump_store(project)
    (project / "deelnemers.csv").write_text(content, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 6
    assert result.stderr.count("\n") == 1
    assert "deelnemers.csv:1: a participants CSV needs a header row with an id column" in (
        result.stderr
    )
    assert dump_store(project) == before


DUTCH_HEADERS = (
    "id;groep;label;namen;organisatie;bestand;sector\r\n"
    "D04;bedrijf;HR-manager;Jef Van den Broeck;Staalwerken Dender;*Broeck*;metaal\r\n"
)


def test_dutch_and_singular_headers_are_the_columns_they_mean(tmp_path: Path) -> None:
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(DUTCH_HEADERS.encode("utf-8"))
    people = load_participants(path)
    d04 = people.people["D04"]
    assert (d04.group, d04.names, d04.organisations, d04.files) == (
        "bedrijf",
        ["Jef Van den Broeck"],
        ["Staalwerken Dender"],
        ["*Broeck*"],
    )
    # only a column lernet does not read itself is a variable: a name is never one
    assert people.variable_names == ["sector"] and d04.variables == {"sector": "metaal"}
    english = tmp_path / "people.csv"
    english.write_text("id,group,name,organization,file\nP1,nurse,Maria Lopez,,p1*\n")
    p1 = load_participants(english).people["P1"]
    assert (p1.names, p1.files, load_participants(english).variable_names) == (
        ["Maria Lopez"],
        ["p1*"],
        [],
    )


def test_names_under_a_dutch_header_are_hidden(project: Path) -> None:
    (project / "deelnemers.csv").write_bytes(DUTCH_HEADERS.encode("utf-8"))
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    text = "I: Kent u de anderen?\nR: Jef Van den Broeck hier: we kennen elkaar nog niet goed.\n"
    (project / "Interview Broeck.txt").write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["code", "Interview Broeck.txt"]).exit_code == 0
    quotes = runner.invoke(app, ["quotes", "--format", "json"])
    assert quotes.exit_code == 0, quotes.stderr
    assert "Broeck" not in quotes.stdout and "Jef" not in quotes.stdout
    assert "kennen elkaar" in quotes.stdout


def test_two_headers_for_one_column_is_one_line(project: Path) -> None:
    (project / "good.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["code", "good.txt"]).exit_code == 0
    before = dump_store(project)
    (project / "deelnemers.csv").write_text("id,names,naam\nP1,Jef,Jef\n", encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == 6
    assert result.stderr.count("\n") == 1
    assert "deelnemers.csv:1: columns 'names' and 'naam' both give the names" in result.stderr
    assert dump_store(project) == before


def test_a_dutch_key_in_yaml_asks_for_the_key_it_means(tmp_path: Path) -> None:
    from lernet_cli.errors import ParticipantsError

    path = tmp_path / "participants.yaml"
    path.write_text("participants:\n  - id: P1\n    namen: [Jef]\n", encoding="utf-8")
    with pytest.raises(ParticipantsError, match="did you mean names:"):
        load_participants(path)
