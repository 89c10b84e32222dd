"""Two rows of the participants file that claim the same transcript (a `files:` pattern and
another row's id): lernet says so, naming both ids and the file, instead of silently counting the
file as one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

runner = CliRunner()

PEOPLE = """\
groups: [council, practice]
participants:
  - id: SM
    group: council
    label: consultant
    files: ["EN04*"]
  - id: EN04
    group: practice
    label: practice manager
  - id: EN05
    group: practice
    label: practice nurse
"""

TEXT = "I: What do you bring?\nR: We bring knowledge and we share our experience.\n"


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    root.mkdir()
    (root / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    for name in ("EN04_otter.txt", "EN05.txt"):
        (root / name).write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_claims_name_every_row_and_how(study: Path) -> None:
    people = load_participants(study / "participants.yaml")
    claims = people.claims(Path("EN04_otter.txt"))
    assert [(p.id, how) for p, how in claims] == [("SM", "files: EN04*"), ("EN04", "by its id")]
    assert claims[0][0] is people.match_file(Path("EN04_otter.txt"))
    assert [p.id for p, _ in people.claims(Path("EN05.txt"))] == ["EN05"]
    assert people.claim_conflicts([Path("EN05.txt")]) == []
    # a transcript stored with someone no row claims it for (--participant) is no conflict
    assert people.claim_conflicts([Path("EN04_otter.txt")], taken=["X1"]) == []


def test_code_warns_once_per_file_claimed_twice(study: Path) -> None:
    result = runner.invoke(app, ["code", "EN04_otter.txt", "EN05.txt"])
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "claim" in line]
    assert len(warned) == 1
    (line,) = warned
    assert line.startswith("lernet: warning: participants.yaml: ")
    assert "SM (files: EN04*)" in line and "EN04 (by its id)" in line
    assert "EN04_otter.txt" in line and "counted as SM's" in line
    # and on every later run, with or without files, until the file is given to one of them
    again = runner.invoke(app, ["code"])
    assert again.exit_code == 0, again.stderr
    assert [line for line in again.stderr.splitlines() if "claim" in line] == warned
    text = (study / "participants.yaml").read_text(encoding="utf-8")
    (study / "participants.yaml").write_text(text.replace('    files: ["EN04*"]\n', ""), "utf-8")
    fixed = runner.invoke(app, ["code", "EN04_otter.txt", "EN05.txt"])
    assert fixed.exit_code == 0, fixed.stderr
    assert "claim" not in fixed.stderr


def test_a_group_interview_whose_claimants_all_speak_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "participants:\n"
        "  - {id: R35, files: ['Focusgroep*']}\n"
        "  - {id: R36, files: ['Focusgroep*']}\n"
        "  - {id: R37, files: ['Focusgroep*']}\n",
        encoding="utf-8",
    )
    people = load_participants(path)
    focus = [Path("Focusgroep mei.docx")]
    assert people.claim_conflicts(focus, speaking=[{"R35", "R36", "R37"}]) == []
    (line,) = people.claim_conflicts(focus, speaking=[{"R35", "R36"}])
    assert "a group interview whose turns count for R35, R36; R37 speaks in none" in line
    (line,) = people.claim_conflicts(focus, speaking=[{"R35"}])
    assert "it is counted as R35's, and R36, R37 get no interview from it" in line


def test_speaker_table_keeps_the_stored_participant_of_a_renamed_file(tmp_path: Path) -> None:
    from lernet_cli.coding.speakers import speaker_table
    from lernet_cli.model import Transcript, Turn

    path = tmp_path / "p.yaml"
    path.write_text("participants:\n  - {id: R09, files: ['Interview 9.*']}\n", encoding="utf-8")
    people = load_participants(path)
    t = Transcript("Interview 09.docx", [Turn("I", "Vraag?", "interviewer"), Turn("R", "Ja.")])

    def who(stored: dict[str, str] | None) -> str:
        rows = speaker_table([("Interview 09.docx", t)], people, stored)
        return [r.participant for r in rows if r.role == "participant"][0]

    assert who(None) == "Interview 09"
    assert who({"Interview 09.docx": "R09"}) == "R09"
    assert who({"Interview 09.docx": "R99"}) == "Interview 09"  # no listed participant
