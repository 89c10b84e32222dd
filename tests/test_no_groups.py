"""A participants CSV without a `group` column, as a newcomer writes it (id, name, role,
organisation type): everyone counts as ungrouped, so `tally --by group`, the report and
`quotes --group` say which column would group them instead of showing one silent column."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.project.participants import Participants, load_participants

from .conftest import coded_study, invoke_cli

CSV = (
    "id,name,role,organisation type\n"
    "P01,Sarah Okafor,Senior lecturer,Nursing school\n"
    "P02,James Whitfield,Registered manager,Care home\n"
    "P03,Priya Nair,Registered nurse,Care home\n"
)
TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"
TEXTS = {f"P0{i}.txt": TEXT for i in (1, 2, 3)}


def _people(tmp_path: Path, text: str = CSV) -> Participants:
    path = tmp_path / "participants.csv"
    path.write_text(text, encoding="utf-8")
    return load_participants(path)


def test_the_variable_that_groups_people_is_named(tmp_path: Path) -> None:
    people = _people(tmp_path)
    # role has a value per person: no grouping; organisation type has two, shared
    assert people.grouping_variable() == "organisation type"
    note = people.no_groups_note()
    assert note is not None
    assert "participants.csv" in note and "no group column" in note
    assert '--by "organisation type"' in note


def test_no_note_where_someone_has_a_group(tmp_path: Path) -> None:
    grouped = CSV.replace("organisation type", "group")
    assert _people(tmp_path, grouped).no_groups_note() is None
    # a group stored with a transcript (front matter, --group) is a group too
    assert _people(tmp_path).no_groups_note(["Care home"]) is None


def test_without_a_grouping_variable_the_note_says_only_what_is_missing(tmp_path: Path) -> None:
    people = _people(tmp_path, "id,name,role\nP01,A B,lecturer\nP02,C D,manager\n")
    note = people.no_groups_note()
    assert note is not None and "--by" not in note


def test_a_value_names_its_variable(tmp_path: Path) -> None:
    people = _people(tmp_path)
    assert people.variable_of_value("care HOME ") == "organisation type"
    assert people.variable_of_value("Hospital") is None


def test_tally_and_report_by_group_say_so(project: Path) -> None:
    coded_study(project, "", CSV, TEXTS)
    code, out = invoke_cli("tally", "--by", "group")
    assert code == 0 and '--by "organisation type"' in out, out
    code, out = invoke_cli("report", "-o", "report.md")
    assert code == 0 and '--by "organisation type"' in out, out
    code, out = invoke_cli("tally")
    assert code == 0 and "--by" not in out, out


def test_quotes_group_names_the_variable_its_value_is_of(project: Path) -> None:
    coded_study(project, "", CSV, TEXTS)
    code, out = invoke_cli("quotes", "--group", "Care home")
    assert code == 2, out
    assert "'Care home' is a value of organisation type" in out
    assert '--by "organisation type"' in out
    code, out = invoke_cli("quotes", "--group", "homes")
    assert code == 2 and "no group column" in out, out
