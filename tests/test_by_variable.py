"""`--by VARIABLE` (a participant variable, or `group`) on quotes, phases and report, as tally
and matrix take it: the same check of the variable, a "did you mean" for a mistyped variable or
group, and the outputs broken down by the variable's values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lernet_cli.analysis.phases import phase_distribution
from lernet_cli.analysis.quotes import collect_quotes
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.project.participants import load_participants
from lernet_cli.store.store import Store

from .conftest import coded_study, dump_store, invoke_cli
from .test_waves import PHASES  # the same two phases

CSV = (
    "id,group,label,sector,region\n"
    "P1,charity,manager,housing,North East\n"
    "P2,charity,director,social care,\n"
    "P3,school,worker,housing,North West\n"
)

TEXTS = {
    "P1.txt": (
        "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed. We zijn nog aan het "
        "aftasten. Wij brengen kennis in.\n"
    ),
    "P2.txt": (
        "I: En de anderen?\nR: Het zijn concurrenten van ons. Het netwerk is gegroeid. Wij "
        "halen veel kennis op.\n"
    ),
    "P3.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet. Het netwerk is gegroeid.\n",
}


@pytest.fixture
def study(project: Path) -> Path:
    """Three participants with a sector (P2 without a region), coded with the mini codebook
    and two phases."""
    return coded_study(project, PHASES, CSV, TEXTS)


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out = invoke_cli(*args, "--format", "json")
    assert code == 0, out
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


def _one_error(out: str) -> str:
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if line.startswith("lernet: error")]
    assert len(lines) == 1, out
    return lines[0]


# --- the library -----------------------------------------------------------------------------


def test_quotes_come_value_by_value(study: Path) -> None:
    codebook = load_codebook(study / "codebook.yaml")
    people = load_participants(study / "participants.csv")
    with Store.open(study / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows()
    found = collect_quotes(codebook, rows, people, None, by="sector", lang="en")
    values = [q.value for q in found]
    assert values == sorted(values, key=["housing", "social care"].index)
    assert {q.value for q in found if q.participant == "P2"} == {"social care"}
    assert all(q.value == "housing" for q in found if q.participant in ("P1", "P3"))
    by_region = collect_quotes(codebook, rows, people, None, by="region", lang="en")
    assert by_region[-1].value == "(none)"  # P2 has no region: last
    plain = collect_quotes(codebook, rows, people, None)
    assert all(q.value == "" and "value" not in q.to_json() for q in plain)


def test_phases_count_per_value(study: Path) -> None:
    codebook = load_codebook(study / "codebook.yaml")
    people = load_participants(study / "participants.csv")
    with Store.open(study / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows()
    result = phase_distribution(codebook, rows, people, 3, "en", by="sector")
    assert result.groups == ["housing", "social care"]
    counts = {r.id: r.by_group for r in result.rows}
    assert counts == {
        "stage.early": {"housing": 1, "social care": 0},
        "stage.grown": {"housing": 1, "social care": 1},
    }
    by_group = phase_distribution(codebook, rows, people, 3, "en")
    assert by_group.groups == ["charity", "school"]
    assert {r.id: r.by_group for r in by_group.rows}["stage.grown"] == {"charity": 1, "school": 1}


# --- quotes --by -----------------------------------------------------------------------------


def test_quotes_by_a_variable_as_text(study: Path) -> None:
    code, out = invoke_cli("quotes", "--by", "Sector")
    assert code == 0, out
    lines = out.splitlines()
    housing, care = lines.index("sector: housing"), lines.index("sector: social care")
    assert housing < care
    # the code headings stand under the value's heading, the quotes below them
    assert lines[housing + 1].startswith("  Vertrouwen › ")
    assert any(line.startswith("    “") for line in lines[housing:care])
    # attributed by role only: the variable's value is the heading's, not the quote's
    quoted = [line for line in lines if line.startswith("    “")]
    assert quoted and all("housing" not in line and "social care" not in line for line in quoted)
    assert any(line.endswith("(director)") for line in lines[care:])
    assert not any(line.endswith("(director)") for line in lines[:care])


def test_quotes_by_group_in_markdown(study: Path) -> None:
    code, out = invoke_cli("quotes", "--by", "group", "--format", "md")
    assert code == 0, out
    assert out.index("## groep: charity") < out.index("## groep: school")
    assert "### Vertrouwen › " in out and "> “" in out


def test_quotes_by_a_variable_as_json(study: Path) -> None:
    data = _json("quotes", "--by", "region")
    assert data["by"] == "region"
    assert data["values"] == ["North East", "North West", "(geen)"]
    assert [q["value"] for q in data["quotes"]][-1] == "(geen)"
    assert {q["participant"] for q in data["quotes"] if q["value"] == "(geen)"} == {"P2"}


def test_quotes_limit_with_by_is_per_code_and_value(study: Path) -> None:
    data = _json("quotes", "--by", "sector", "--code", "not_acquainted", "--limit", "1")
    assert [q["value"] for q in data["quotes"]] == ["housing"]
    data = _json("quotes", "--by", "sector", "--code", "interest_balance.knowledge", "--limit", "1")
    assert [q["value"] for q in data["quotes"]] == ["housing", "social care"]
    plain = json.loads(invoke_cli("quotes", "--code", "not_acquainted", "-f", "json")[1])
    assert len(plain) == 2


@pytest.mark.parametrize("command", ["quotes", "phases", "tally", "matrix"])
def test_an_unknown_variable_is_one_line_with_a_hint(study: Path, command: str) -> None:
    before = dump_store(study)
    code, out = invoke_cli(command, "--by", "sectr")
    assert code != 0
    line = _one_error(out)
    assert "'sectr'" in line and "did you mean 'sector'?" in line and "sector, region" in line
    code, out = invoke_cli(command, "--by", "wave")
    assert code != 0
    line = _one_error(out)
    assert "'wave'" in line and "did you mean" not in line and "sector, region" in line
    assert dump_store(study) == before


def test_a_mistyped_group_gets_a_hint(study: Path) -> None:
    code, out = invoke_cli("quotes", "--group", "charty")
    assert code != 0
    line = _one_error(out)
    assert "did you mean 'charity'?" in line and "groups: charity, school" in line


# --- phases --by -----------------------------------------------------------------------------


def test_phases_by_a_variable_in_every_format(study: Path) -> None:
    data = _json("phases", "--by", "sector")
    assert data["by"] == "sector" and data["values"] == ["housing", "social care"]
    grown = next(p for p in data["phases"] if p["id"] == "stage.grown")
    assert grown["by_value"] == {"housing": 1, "social care": 1}
    assert "by_group" not in grown
    code, out = invoke_cli("phases", "--by", "sector", "--format", "csv", "--delimiter", ",")
    assert code == 0, out
    csv_lines = [line for line in out.splitlines() if "," in line]
    assert csv_lines[0].lstrip("\ufeff") == "phase,participants,id,housing,social care"
    assert "gegroeid,2,stage.grown,1,1" in csv_lines
    code, out = invoke_cli("phases", "--by", "sector", "--format", "md")
    assert code == 0, out
    header = next(line for line in out.splitlines() if line.startswith("|"))
    assert "housing" in header and "social care" in header
    code, out = invoke_cli("phases", "--by", "sector")
    assert code == 0, out
    assert "social care" in out.splitlines()[1]


def test_phases_without_by_keep_their_columns(study: Path) -> None:
    code, out = invoke_cli("phases", "--format", "csv", "--delimiter", ",")
    assert code == 0, out
    assert out.splitlines()[0].lstrip("\ufeff") == "phase,participants,id"
    data = _json("phases")
    assert data["groups"] == ["charity", "school"]
    assert next(p for p in data["phases"] if p["id"] == "stage.grown")["by_group"] == {
        "charity": 1,
        "school": 1,
    }


# --- report --by -----------------------------------------------------------------------------


def test_report_by_a_variable(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md", "--by", "sector", "--no-method")
    assert code == 0, out
    text = re.sub(" +", " ", (study / "r.md").read_text(encoding="utf-8"))
    # the participants' table by the variable's values
    assert "| sector | Deelnemers |" in text
    assert "| housing | 2 |" in text
    # a finding's counts per value
    assert "Elkaar nog niet goed kennen (2x) – housing: 2" in text
    # the matrix's columns (its caption says by what) and the phases' table
    assert "*Tabel 1. Wat deelnemers brengen en halen, per sector.*" in text
    matrix_header = next(line for line in text.splitlines() if line.startswith("| Code |"))
    assert "housing" in matrix_header and "social care" in matrix_header
    phases_header = next(line for line in text.splitlines() if line.startswith("| Fase"))
    assert "housing" in phases_header and "social care" in phases_header


def test_report_without_by_is_by_group(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md", "--no-method")
    assert code == 0, out
    text = (study / "r.md").read_text(encoding="utf-8")
    assert "| Groep" in text and "| sector" not in text
    phases_header = next(line for line in text.splitlines() if line.startswith("| Fase"))
    assert "charity" not in phases_header
    code, out = invoke_cli("report", "-o", "g.md", "--by", "group", "--no-method")
    assert code == 0, out
    text = (study / "g.md").read_text(encoding="utf-8")
    phases_header = next(line for line in text.splitlines() if line.startswith("| Fase"))
    assert "charity" in phases_header and "school" in phases_header


def test_report_docx_by_a_variable(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.docx", "--by", "region", "--no-method")
    assert code == 0, out
    from docx import Document

    doc = Document(str(study / "r.docx"))
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["region", "Deelnemers"] in headers
    assert any("North East" in h and "(geen)" in h for h in headers)


def test_report_by_an_unknown_variable_writes_nothing(study: Path) -> None:
    before = dump_store(study)
    code, out = invoke_cli("report", "-o", "r.md", "--by", "regio")
    assert code != 0
    assert "did you mean 'region'?" in _one_error(out)
    assert not (study / "r.md").exists()
    assert dump_store(study) == before


def test_code_group_close_to_a_known_group_gets_a_note(study: Path) -> None:
    (study / "P4.txt").write_text(TEXTS["P3.txt"], encoding="utf-8")
    code, out = invoke_cli("code", "P4.txt", "--group", "schoool")
    assert code == 0, out  # a new group is allowed: coded as given, with a note
    assert "note: --group 'schoool' is a new group (did you mean 'school'?)" in out
    (study / "P5.txt").write_text(TEXTS["P3.txt"], encoding="utf-8")
    code, out = invoke_cli("code", "P5.txt", "--group", "gemeente")
    assert code == 0 and "new group" not in out
    (study / "P6.txt").write_text(TEXTS["P3.txt"], encoding="utf-8")
    code, out = invoke_cli("code", "P6.txt", "--group", "School")
    assert code == 0 and "new group" not in out


def test_by_variable_takes_the_dutch_header_of_the_group_column(tmp_path: Path) -> None:
    """`groep` is how a Dutch participants file heads its group column (read as `group`), so
    `--by groep` counts by group; a variable of that name still comes first."""
    from lernet_cli.cli.columns import _by_variable

    plain = tmp_path / "deelnemers.csv"
    plain.write_text("id;groep;functie\nD1;gemeente;beleid\n", encoding="utf-8")
    assert _by_variable("groep", load_participants(plain)) == "group"
    assert _by_variable("Groepen", load_participants(plain)) == "group"
    own = tmp_path / "participants.yaml"
    own.write_text(
        "participants:\n  - {id: D1, group: a, variables: {groep: noord}}\n", encoding="utf-8"
    )
    assert _by_variable("groep", load_participants(own)) == "groep"


@pytest.mark.parametrize("command", ["tally", "matrix", "phases"])
def test_by_groep_counts_as_by_group(study: Path, command: str) -> None:
    assert _json(command, "--by", "groep") == _json(command, "--by", "group")
