"""`lernet names` says where a name to hide goes in the project's own participants file: a CSV
with a `name` column but none for organisations is told to add one, since a care home listed
under `name` is hidden as a person and its ordinary words ("home") are taken for a person's."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.project.participants import load_participants

from .conftest import coded_study, invoke_cli


def _hint(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_participants(path).redact_hint()


def test_a_csv_without_an_organisations_column_is_told_to_add_one(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "participants.csv", "id,name,role\nP01,Sarah Okafor,lecturer\n")
    assert "participants.csv" in hint and "under name" in hint
    assert "column organisations" in hint


def test_a_csv_with_both_columns_names_them_as_written(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "p.csv", "id;naam;organisatie\nP01;Sarah Okafor;Northgate\n")
    assert "under naam" in hint and "or organisatie" in hint and "lacks" not in hint


def test_a_yaml_file_is_told_its_redact_key(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "participants.yaml", "participants:\n  - id: P01\n")
    assert "participants.yaml" in hint and "redact:" in hint and "CSV" not in hint


def test_names_gives_the_hint_for_the_projects_file(project: Path) -> None:
    text = "I: Kent u de anderen?\nR: We kennen Oakfield House nog niet goed, zei Jolanda.\n"
    coded_study(project, "", "id,name\nP01,Sarah Okafor\n", {"P01.txt": text})
    code, out = invoke_cli("names")
    assert code == 0, out
    assert "column organisations, which participants.csv lacks" in out
