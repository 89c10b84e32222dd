"""Names written another way: a speaker label "Soeur Marie" is the listed "Sœur Marie" (œ, æ, ø and
ß folded as accents are), and a file name holding a listed surname, particles written together
("Vandenbroeck" for Jef Van den Broeck), gets the hint of whose it may be, as a first name does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants
from lernet_cli.readers.labels import fold

runner = CliRunner()

PEOPLE = """\
id;group;label;names;files
D01;school;directeur school;Marie Vandenbroucke, Sœur Marie;*Marie*
D04;bedrijf;HR-manager;Jef Van den Broeck;*Van den Broeck*
D09;bedrijf;stagebegeleider;Jürgen Weiß;*Weiß*
"""


@pytest.fixture
def listed(project: Path) -> Path:
    (project / "deelnemers.csv").write_text(PEOPLE, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    return project


@pytest.mark.parametrize(
    ("written", "listed"), [("Soeur Marie", "Sœur Marie"), ("AEsop", "Æsop"), ("Weiss", "Weiß")]
)
def test_ligatures_fold(written: str, listed: str) -> None:
    assert fold(written) == fold(listed)


def test_lookups(listed: Path) -> None:
    people = load_participants(listed / "deelnemers.csv")
    assert people.by_speaker("Soeur Marie").id == "D01"  # type: ignore[union-attr]
    assert people.by_speaker("SOEUR MARIE").id == "D01"  # type: ignore[union-attr]
    assert people.by_speaker("Jurgen Weiss").id == "D09"  # type: ignore[union-attr]
    assert people.named_alike("Vandenbroeck").id == "D04"  # type: ignore[union-attr]
    found = people.named_in_file(Path("Interview Jef Vandenbroeck ronde 2.docx"))
    assert found is not None and found[0].id == "D04" and found[1] == "Vandenbroeck"
    assert people.named_in_file(Path("Interview 7 ronde 2.docx")) is None


def test_a_label_spelt_with_oe_speaks_as_the_listed_name(listed: Path) -> None:
    (listed / "Interview zuster ronde 2.txt").write_text(
        "Interviewer: Kent u de anderen?\n\nSoeur Marie: We kennen elkaar nog niet goed.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "Interview zuster ronde 2.txt"])
    assert result.exit_code == 0, result.stderr
    speakers = runner.invoke(app, ["speakers", "Interview zuster ronde 2.txt", "-f", "json"])
    rows = [r for r in json.loads(speakers.stdout) if r["role"] == "participant"]
    assert [r["participant"] for r in rows] == ["D01"]
    listed_codings = runner.invoke(app, ["codings", "--format", "json"])
    assert {c["participant"] for c in json.loads(listed_codings.stdout)} == {"D01"}


def test_a_file_name_with_a_listed_surname_gets_a_hint(listed: Path) -> None:
    name = "Interview Jef Vandenbroeck ronde 2.txt"
    (listed / name).write_text("I: Wat haalt u?\nR: We kennen elkaar nog niet goed.\n", "utf-8")
    result = runner.invoke(app, ["code", name])
    assert result.exit_code == 0, result.stderr
    hints = [line for line in result.stderr.splitlines() if "may be D04" in line]
    assert len(hints) == 1
    assert name in hints[0] and "'*Vandenbroeck*'" in hints[0] and "deelnemers.csv" in hints[0]
