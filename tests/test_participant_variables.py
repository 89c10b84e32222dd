"""Participant attributes beyond the group: a participants CSV's other columns and
participants.yaml's `variables:` are participant variables that `tally --by` counts
interviewees by and `export csv` carries; groups (and values) written in several ways that
differ only in case or spaces count as one, with a note."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lernet_cli.analysis.tally import tally
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.project.participants import load_participants
from lernet_cli.store.store import Store

from .conftest import dump_store, invoke_cli


def _json(*args: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    """A command's JSON (stdout) and what it said on stderr."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


# P1 and P3 do not know each other yet (trust.not_acquainted); P2 speaks of competitors.
TEXTS = {
    "P1.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n",
    "P2.txt": "I: En de anderen?\nR: Het zijn concurrenten van ons.\n",
    "P3.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet.\n",
}
CSV = (
    "id,group,label,sector,region\n"
    "P1,Charity,manager,housing,North East\n"
    "P2,charity ,director,social care,\n"
    "P3,charity,worker,Housing,North West\n"
)


def _coded(project: Path, participants: str = CSV, name: str = "participants.csv") -> Path:
    (project / name).write_text(participants, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"participants: {name}\n")
    for file, text in TEXTS.items():
        (project / file).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", *TEXTS)
    assert code == 0, out
    return project


def test_csv_columns_are_variables(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(CSV, encoding="utf-8")
    people = load_participants(path)
    assert people.variable_names == ["sector", "region"]
    assert people.people["P1"].variables == {"sector": "housing", "region": "North East"}
    assert people.value_of("P2", "region") is None  # an empty cell is no value
    assert people.variable("SECTOR") == "sector"
    assert people.variable("wave") is None


def test_yaml_variables_are_variables(tmp_path: Path) -> None:
    path = tmp_path / "participants.yaml"
    path.write_text(
        "participants:\n"
        "  - {id: P1, group: a, variables: {sector: housing}}\n"
        "  - {id: P2, group: b, variables: {sector: social care, region: North}}\n",
        encoding="utf-8",
    )
    people = load_participants(path)
    assert people.variable_names == ["sector", "region"]
    assert people.value_of("P2", "sector") == "social care"


def test_an_unknown_yaml_key_points_to_variables(tmp_path: Path) -> None:
    path = tmp_path / "participants.yaml"
    path.write_text("participants:\n  - {id: P1, sector: housing}\n", encoding="utf-8")
    import pytest

    from lernet_cli.errors import ParticipantsError

    with pytest.raises(ParticipantsError, match=r"variables: \{sector: \.\.\.\}"):
        load_participants(path)


def test_groups_differing_in_case_or_spaces_are_one(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(CSV, encoding="utf-8")
    people = load_participants(path)
    # 'charity' is on two rows ("charity " read without its space), 'Charity' on one
    assert {p.group for p in people.people.values()} == {"charity"}
    assert people.canonical_group("CHARITY") == "charity"
    assert any("'Charity' (1)" in line and "'charity'" in line for line in people.merged)
    # a variable's values alike: 'housing' (1) and 'Housing' (1), the first kept on a tie
    assert people.value_of("P3", "sector") == "housing"
    assert any("sector" in line and "'Housing'" in line for line in people.merged)


def test_a_declared_group_spelling_wins(tmp_path: Path) -> None:
    path = tmp_path / "participants.yaml"
    path.write_text(
        "groups: [Council]\nparticipants:\n  - {id: P1, group: Council}\n", encoding="utf-8"
    )
    people = load_participants(path)
    assert people.canonical_group("council") == "Council"
    assert people.merged == []


def test_tally_by_a_variable_counts_interviewees_per_value(project: Path) -> None:
    _coded(project)
    codebook = load_codebook(project / "codebook.yaml")
    people = load_participants(project / "participants.csv")
    with Store.open(project / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows()
    result = tally(codebook, rows, people, by="sector")
    assert result.groups == ["housing", "social care"]
    row = next(r for r in result.rows if r.id == "trust")
    assert row.by_group == {"housing": 2, "social care": 0}
    assert row.participant_ids == ["P1", "P3"]
    by_region = tally(codebook, rows, people, by="region", lang="en")
    assert by_region.groups[-1] == "(none)"  # P2 has no region


def test_tally_by_cli(project: Path) -> None:
    _coded(project)
    data, _ = _json("tally", "--by", "Sector", "--format", "json")
    assert data["by"] == "sector" and data["values"] == ["housing", "social care"]
    trust = next(t for t in data["themes"] if t["id"] == "trust")
    assert trust["by_value"] == {"housing": 2, "social care": 0}
    assert trust["participant_ids"] == ["P1", "P3"]  # per theme too, not only per code
    code, out = invoke_cli("tally", "--by", "sector", "--format", "csv")
    assert code == 0 and "housing" in out.splitlines()[0]


def test_tally_groups_merged_with_a_note(project: Path) -> None:
    _coded(project)
    data, out = _json("tally", "--by", "group", "--format", "json")
    assert data["groups"] == ["charity"]
    assert "note: participants.csv: group 'Charity' (1), 'charity' (2) counted as one" in out


def test_code_says_which_variables_were_read(project: Path) -> None:
    (project / "participants.csv").write_text(CSV, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    (project / "P1.txt").write_text(TEXTS["P1.txt"], encoding="utf-8")
    code, out = invoke_cli("code", "P1.txt")
    assert code == 0, out
    assert "participant variables read: sector, region" in out


def test_tally_by_an_unknown_variable_lists_those_there_are(project: Path) -> None:
    _coded(project)
    before = dump_store(project)
    code, out = invoke_cli("tally", "--by", "wave")
    assert code != 0
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if line.startswith("lernet: error")]
    assert len(lines) == 1 and "'wave'" in lines[0] and "sector, region" in lines[0]
    assert dump_store(project) == before


def test_tally_by_without_variables(project: Path) -> None:
    for file, text in TEXTS.items():
        (project / file).write_text(text, encoding="utf-8")
    assert invoke_cli("code", *TEXTS)[0] == 0
    code, out = invoke_cli("tally", "--by", "sector")
    assert code != 0 and "has no variables" in out


def test_export_csv_has_a_column_per_variable(project: Path) -> None:
    _coded(project)
    code, out = invoke_cli("export", "csv", "codings.csv", "--delimiter", ",")
    assert code == 0, out
    with (project / "codings.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["participant"]: (r["sector"], r["region"]) for r in rows} == {
        "P1": ("housing", "North East"),
        "P2": ("social care", ""),
        "P3": ("housing", "North West"),
    }
    assert {r["group"] for r in rows} == {"charity"}


def test_matrix_by_a_variable(project: Path) -> None:
    _coded(project)
    data, _ = _json("matrix", "--by", "sector", "--format", "json")
    assert data["groups"] == ["housing", "social care"]
    code, out = invoke_cli("matrix", "--by", "wave")
    assert code != 0 and "sector, region" in out and "Traceback" not in out


def test_csv_variables_reach_the_qdpx(project: Path) -> None:
    import re
    import zipfile

    _coded(project)
    code, out = invoke_cli("export", "qdpx", "p.qdpx")
    assert code == 0, out
    xml = zipfile.ZipFile(project / "p.qdpx").read("project.qde").decode("utf-8")
    names = re.findall(r'<Variable [^>]*name="([^"]*)"', xml)
    assert {"sector", "region"} <= set(names)
