"""A participants list saved from Excel as "Unicode text" (deelnemers.txt: UTF-16 with a BOM, tab
between the cells) is read as the participants file and never coded as a transcript; the note
that names it says to fill in lernet.yaml's empty `participants:` line, which taken literally
gives no duplicate key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import likely_participants_files, load_participants

runner = CliRunner()

TABLE = (
    "id\tgroup\tlabel\tnames\torganisations\tfiles\r\n"
    "D06\tbedrijf\topleidingsverantwoordelijke\tTom Claeys\tLogistiek Waasland\t*Claeys*\r\n"
)
TOM = "Interview Tom Claeys ronde 1.txt"
TEXT = "I: Kent u de anderen?\nR: Tom Claeys hier. We kennen elkaar nog niet goed.\n"


def _unicode_text(path: Path) -> Path:
    path.write_bytes(TABLE.encode("utf-16"))  # with its BOM, as Excel writes it
    return path


def test_read_as_a_table_with_tabs(tmp_path: Path) -> None:
    people = load_participants(_unicode_text(tmp_path / "deelnemers.txt"))
    assert people.people["D06"].files == ["*Claeys*"]
    assert people.people["D06"].names == ["Tom Claeys"]


def test_named_in_lernet_yaml_and_not_a_transcript(project: Path) -> None:
    _unicode_text(project / "deelnemers.txt")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.txt\n")
    (project / TOM).write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert "deelnemers.txt" not in result.stdout + result.stderr
    listed = runner.invoke(app, ["codings", "--format", "json"])
    codings = json.loads(listed.stdout)
    assert {c["participant"] for c in codings} == {"D06"}
    assert not any("Claeys" in c["text"] for c in codings)


def test_the_hint_fills_in_the_empty_line(project: Path) -> None:
    config = project / "lernet.yaml"
    config.write_text(config.read_text() + "# the participants\nparticipants:\n", "utf-8")
    _unicode_text(project / "deelnemers.txt")
    (project / TOM).write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["code", TOM])
    assert result.exit_code == 0, result.stderr
    assert (
        "deelnemers.txt looks like a participants list: fill in the `participants:` line of "
        "lernet.yaml (line 4): `participants: deelnemers.txt`"
    ) in result.stderr
    config.write_text(
        config.read_text().replace("participants:\n", "participants: deelnemers.txt\n"), "utf-8"
    )
    again = runner.invoke(app, ["code", TOM])
    assert again.exit_code == 0, again.stderr
    (row,) = [line for line in again.stdout.splitlines() if "Claeys" in line]
    assert " D06 " in row


def test_a_transcript_named_after_a_participant_is_no_list(tmp_path: Path) -> None:
    _unicode_text(tmp_path / "deelnemers.txt")
    (tmp_path / "Interview deelnemer 3.txt").write_text(TEXT, encoding="utf-8")
    found = [p.name for p in likely_participants_files([tmp_path])]
    assert found == ["deelnemers.txt"]


@pytest.mark.parametrize("name", ["deelnemers (Unicode).csv", "deelnemers.txt"])
def test_named_with_the_transcripts_it_is_the_participants_file(project: Path, name: str) -> None:
    _unicode_text(project / name)
    (project / TOM).write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["code", name, TOM])
    assert result.exit_code == 0, result.stderr
    assert f"{name}: read as the participants file" in result.stderr
    (row,) = [line for line in result.stdout.splitlines() if "Claeys" in line]
    assert " D06 " in row
