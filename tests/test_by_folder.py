"""`--by folder`: the waves of a study side by side. A column per folder the transcripts are
stored in, built in beside the participants file's variables, on tally, quotes, matrix, phases
and report; a person interviewed in two waves counts once in each column and once in all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.analysis.people import FOLDER, folder_names, folder_order
from lernet_cli.analysis.tally import tally
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.project.participants import load_participants
from lernet_cli.store.store import Store

from .conftest import dump_store, invoke_cli
from .test_waves import PARTICIPANTS, PHASES, TEXTS, WAVE_1, WAVE_2


@pytest.fixture
def waves(project: Path) -> Path:
    """p01 and p02 interviewed in two waves (a folder each), p03 once, in the project's own
    folder."""
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + PHASES, encoding="utf-8")
    (project / "participants.yaml").write_text(
        PARTICIPANTS + "  - id: p03\n    group: school\n    label: leraar\n", encoding="utf-8"
    )
    for name, text in TEXTS.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / "p03.txt").write_text(
        "I: Hoe staat het netwerk ervoor?\nR: Het netwerk is gegroeid.\n", encoding="utf-8"
    )
    code, out = invoke_cli("code", WAVE_1, WAVE_2, "p03.txt")
    assert code == 0, out
    return project


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out = invoke_cli(*args, "--format", "json")
    assert code == 0, out
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


# --- the library -----------------------------------------------------------------------------


def test_folder_names_leave_out_what_every_folder_shares() -> None:
    paths = [
        "Interviews/Golf 1 (2025)/a.docx",
        "Interviews/Golf 2 (2026)/b.docx",
        "Interviews/Golf 10/c.docx",
    ]
    names = folder_names(paths, "nl")
    assert names[paths[0]] == "Golf 1 (2025)"
    assert names[paths[2]] == "Golf 10"
    assert folder_order(names.values(), "nl") == ["Golf 1 (2025)", "Golf 2 (2026)", "Golf 10"]


def test_a_transcript_in_the_project_folder_has_its_own_column() -> None:
    names = folder_names(["Interviews/Golf 1/a.txt", "b.txt"], "en")
    assert names == {"Interviews/Golf 1/a.txt": "Interviews/Golf 1", "b.txt": "(project folder)"}
    assert folder_order(names.values(), "en")[-1] == "(project folder)"
    assert folder_names(["c:/elders/Golf 3/x.txt"], "nl") == {"c:/elders/Golf 3/x.txt": "Golf 3"}


def test_a_person_in_both_waves_counts_once_in_each(waves: Path) -> None:
    codebook = load_codebook(waves / "codebook.yaml")
    people = load_participants(waves / "participants.yaml")
    with Store.open(waves / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows()
    result = tally(codebook, rows, people, None, "nl", FOLDER)
    assert result.groups == [WAVE_1, WAVE_2, "(projectmap)"]
    grown = next(r for r in result.rows if r.id == "stage.grown")
    assert grown.by_group == {WAVE_1: 0, WAVE_2: 2, "(projectmap)": 1}
    assert grown.participants == 3
    stage = next(r for r in result.rows if r.id == "stage")
    # p01 and p02 name a phase in both waves: each wave counts them, the total once
    assert stage.by_group == {WAVE_1: 2, WAVE_2: 2, "(projectmap)": 1}
    assert stage.participants == 3


# --- the commands ----------------------------------------------------------------------------


def test_tally_by_folder(waves: Path) -> None:
    data = _json("tally", "--by", "folder")
    assert data["by"] == "folder"
    assert data["values"] == [WAVE_1, WAVE_2, "(projectmap)"]
    stage = next(t for t in data["themes"] if t["id"] == "stage")
    assert stage["by_value"] == {WAVE_1: 2, WAVE_2: 2, "(projectmap)": 1}
    code, out = invoke_cli("tally", "--by", "Folder")
    assert code == 0, out
    assert WAVE_1 in out and WAVE_2 in out
    # the folders' columns count people, written as the participants column is, not segments
    row = next(line for line in out.splitlines() if line.strip("│ ").startswith(stage["label"]))
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[3:6] == ["2x", "2x", "1x"], cells


def test_phases_and_matrix_by_folder(waves: Path) -> None:
    data = _json("phases", "--by", "folder")
    early = next(r for r in data["phases"] if r["id"] == "stage.early")
    assert early["by_value"] == {WAVE_1: 2, WAVE_2: 0, "(projectmap)": 0}
    matrix = _json("matrix", "--by", "folder", "--codes", "stage")
    assert matrix["groups"] == [WAVE_1, WAVE_2, "(projectmap)"]


def test_quotes_by_folder(waves: Path) -> None:
    code, out = invoke_cli("quotes", "--by", "folder", "--code", "stage.grown")
    assert code == 0, out
    assert f"map: {WAVE_1}" not in out  # nobody grown in wave 1: no heading
    assert out.index(f"map: {WAVE_2}") < out.index("map: (projectmap)")
    data = _json("quotes", "--by", "folder", "--code", "stage.early")
    assert {q["value"] for q in data["quotes"]} == {WAVE_1}


def test_report_by_folder(waves: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md", "--by", "folder")
    assert code == 0, out
    text = (waves / "r.md").read_text(encoding="utf-8")
    assert "| map" in text
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in text.splitlines()
        if line.startswith(f"| {WAVE_1}") or line.startswith(f"| {WAVE_2}")
    }
    assert rows == {WAVE_1: "2", WAVE_2: "2"}
    assert "Elkaar nog niet goed kennen (1x) – Golf 1 (2025): 1\n" in text
    assert "Kennis (2x) – Golf 1 (2025): 1, Golf 2 (2026): 1\n" in text
    assert "per map." in text  # the matrix's caption


def test_a_variable_named_folder_comes_first(waves: Path) -> None:
    (waves / "participants.yaml").write_text(
        PARTICIPANTS.replace(
            "label: directeur school", "label: directeur school\n    variables: {folder: A}"
        ).replace("label: HR-manager", "label: HR-manager\n    variables: {folder: B}"),
        encoding="utf-8",
    )
    data = _json("tally", "--by", "folder")
    assert WAVE_1 not in data["values"]
    assert "A" in data["values"]


def test_a_mistyped_folder_is_one_error(waves: Path) -> None:
    before = dump_store(waves)
    for command in ("tally", "quotes", "matrix", "phases"):
        code, out = invoke_cli(command, "--by", "foldr")
        assert code != 0
        assert "Traceback" not in out
        errors = [line for line in out.splitlines() if line.startswith("lernet: error")]
        assert len(errors) == 1, out
        assert "did you mean 'folder'" in errors[0]
    assert dump_store(waves) == before


def test_counts_that_merge_waves_say_so(waves: Path) -> None:
    code, out = invoke_cli("tally")
    assert code == 0, out
    notes = [line for line in out.splitlines() if "--by folder puts them side by side" in line]
    assert notes == [
        f"lernet: note: the counts take the interviews in {WAVE_1}, {WAVE_2}, (projectmap) "
        "together (2 participants in more than one, counted once); --by folder puts them side "
        "by side"
    ]
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    assert "--by folder puts them side by side" in out
    for chosen in (["--by", "folder"], ["--by", "group"], ["--file", WAVE_1]):
        code, out = invoke_cli("tally", *chosen)
        assert code == 0, out
        assert "side by side" not in out, chosen
