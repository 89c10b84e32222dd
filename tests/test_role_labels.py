"""A participants file without a label column but with a role column (`role`, `rol`, `functie`)
attributes quotes by role, as a report does (“…” (care home manager)), instead of by the
participant's id or whole group; the column stays a variable to count by."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.project.participants import load_participants

from .conftest import coded_study, invoke_cli


def _people(tmp_path: Path, name: str, text: str) -> dict[str, str | None]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {pid: p.label for pid, p in load_participants(path).people.items()}


def test_a_role_column_labels_those_without_a_label(tmp_path: Path) -> None:
    csv = "id,name,role\nP01,Sarah Okafor,care home manager\nP02,Tom Hale,\n"
    assert _people(tmp_path, "participants.csv", csv) == {"P01": "care home manager", "P02": None}


def test_dutch_headers_and_a_workbook_like_case(tmp_path: Path) -> None:
    csv = "id;naam;Functie\np01;Griet Mertens;teamleider zorg\n"
    assert _people(tmp_path, "deelnemers.csv", csv) == {"p01": "teamleider zorg"}


def test_a_label_column_wins_over_the_role(tmp_path: Path) -> None:
    csv = "id,label,role\nP01,NIPlan adviseur,senior adviser\nP02,,lecturer\n"
    assert _people(tmp_path, "participants.csv", csv) == {
        "P01": "NIPlan adviseur",
        "P02": "lecturer",
    }


def test_yaml_variables_give_the_role_too(tmp_path: Path) -> None:
    text = (
        "participants:\n"
        "  - id: p01\n    variables: {rol: beleidsmedewerker}\n"
        "  - id: p02\n    label: wethouder\n    variables: {rol: bestuurder}\n"
    )
    assert _people(tmp_path, "participants.yaml", text) == {
        "p01": "beleidsmedewerker",
        "p02": "wethouder",
    }


def test_a_file_without_a_role_column_keeps_labels_empty(tmp_path: Path) -> None:
    csv = "id,name,sector\nP01,Sarah Okafor,care\n"
    assert _people(tmp_path, "participants.csv", csv) == {"P01": None}


def test_quotes_are_attributed_by_role_and_role_still_counts(project: Path) -> None:
    text = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed, eerlijk gezegd.\n"
    csv = "id,name,group,role\nP01,Sarah Okafor,zorg,care home manager\n"
    coded_study(project, "", csv, {"P01.txt": text})
    code, out = invoke_cli("quotes", "--code", "trust.not_acquainted", "--format", "md")
    assert code == 0, out
    assert "(care home manager)" in out and "Okafor" not in out
    code, out = invoke_cli("tally", "--by", "role", "--format", "csv")
    assert code == 0, out
    assert "care home manager" in out
