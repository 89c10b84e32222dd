"""`lernet cases`: the case-by-code table, one row per interviewee, for R, SPSS and Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import coded_study, invoke_cli

CSV = (
    "id;group;names;files;age;competition;contact\n"
    "007;bedrijf;Bram de Vries;p007*;45;ja;Bram de Vries\n"
    "010;adviesbureau;Eva Bakker;p010*;;nee;\n"
    "011;adviesbureau;Dirk Smit;p011*;39;;\n"
)
TEXTS = {
    "p007.txt": "I: Kent u de anderen?\n"
    "R: Nou, we kennen elkaar nog niet.\n"
    "I: En de markt?\n"
    "R: Onze marktpositie is belangrijk. Ook de concurrentie let op.\n"
    "I: Nog iets?\n"
    "R: De concurrent zit ook in het netwerk.\n",
    "p010.txt": "I: Kent u de anderen?\nR: Ik haal er veel kennis.\n",
    "p011.txt": "I: Hoe gaat het?\nR: Goed hoor, niets bijzonders te melden.\n",
}


def study(project: Path) -> Path:
    return coded_study(project, "", CSV, TEXTS)


def table(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["cases", "--format", "csv", *args])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))


def test_a_row_per_interviewee_with_a_column_per_code(project: Path) -> None:
    study(project)
    rows = table()
    # every interviewee, also one the rules coded nothing for; ids kept as written ("007")
    assert [r["participant"] for r in rows] == ["007", "010", "011"]
    assert [r["group"] for r in rows] == ["bedrijf", "adviesbureau", "adviesbureau"]
    assert rows[0]["age"] == "45" and rows[1]["age"] == ""
    # a theme's column counts its codes; 1 coded, 0 not
    first = rows[0]
    assert first["trust"] == first["trust.not_acquainted"] == "1"
    assert first["competition.protect_position"] == "1"
    assert rows[1]["interest_balance.knowledge"] == "1"
    assert rows[1]["trust"] == "0"
    assert {v for k, v in rows[2].items() if "." in k or k == "trust"} == {"0"}


def test_segments_counts_the_coded_segments(project: Path) -> None:
    study(project)
    rows = table("--segments", "--theme", "competition")
    assert rows[0]["competition.protect_position"] == "2"
    assert "trust" not in rows[0]


def test_a_variable_named_as_a_code_gets_a_column_of_its_own(project: Path) -> None:
    study(project)
    header = list(table()[0])
    assert header.count("competition") == 1
    assert "participant_competition" in header
    assert len({h.casefold() for h in header}) == len(header)


def test_names_in_a_variable_are_hidden(project: Path) -> None:
    study(project)
    code, out = invoke_cli("cases", "--format", "json")
    assert code == 0, out
    assert "Bram" not in out
    data = json.loads(CliRunner().invoke(app, ["cases", "--format", "json"]).stdout)
    assert [c["participant"] for c in data["cases"]] == ["007", "010", "011"]
    assert data["cases"][0]["variables"]["contact"] not in (None, "Bram de Vries")
    assert data["cases"][1]["variables"]["age"] is None
    assert data["cases"][0]["codes"]["trust.not_acquainted"] == 1


def test_with_a_coder_only_the_transcripts_they_coded_have_a_row(project: Path) -> None:
    """A transcript a person never coded is no interviewee in whom they found nothing."""
    texts = dict(TEXTS)
    texts["p010.txt"] += "I: En verder?\nR: [[protect_position: we letten op de markt]].\n"
    coded_study(project, "", CSV, texts)
    rows = table("--coder", "manual")
    assert [r["participant"] for r in rows] == ["010"]
    assert rows[0]["competition.protect_position"] == "1"
    assert rows[0]["interest_balance.knowledge"] == "0"
    assert [r["participant"] for r in table("--coder", "auto")] == ["007", "010", "011"]


def test_a_table_too_wide_to_read_is_a_block_per_interviewee(project: Path) -> None:
    """Piped (a pager, a file, a console Python sees no terminal in), a codebook of many codes
    made columns cut to "…" under empty headings; now a block per interviewee, as in a narrow
    window: every value under its column's name. CSV keeps its columns."""
    extra = "  - id: experience_of_the_network\n    label: {nl: Ervaring, en: Experience}\n"
    extra += "    codes:\n"
    for i in range(30):
        extra += (
            f"      - id: an_experience_worth_a_column_{i}\n"
            f"        label: {{nl: Ervaring {i}, en: Experience {i}}}\n"
        )
    coded_study(project, extra, CSV, TEXTS)
    result = CliRunner().invoke(app, ["cases"])
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    assert "deelnemer: 007\ngroep: bedrijf\n" in result.stdout
    assert "experience_of_the_network.an_experience_worth_a_column_29: 0\n" in result.stdout
    assert len(table()[0]) > 30
