"""A transcript whose file is renamed or moved keeps what it had: its reviews, and the
participant (and group) the participants file gave it, also when that file no longer names it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.pipeline import CodeOptions, _resolve_participant
from lernet_cli.model import Participant
from lernet_cli.project.participants import Participants
from lernet_cli.store.store import StoredTranscript

runner = CliRunner()
TEXT = """\
I: Kent u de anderen?
R: Nou, we kennen elkaar nog niet goed.
I: En de concurrentie?
R: Die is er wel, onze marktpositie is belangrijk.
"""
CSV = "id;group;label;files\np01;boer;melkveehouder;Interview 1.*\n"


def codings() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(
        runner.invoke(app, ["codings", "--format", "json"]).stdout
    )
    return rows


def test_a_renamed_file_keeps_its_listed_participant_with_a_note(project: Path) -> None:
    (project / "deelnemers.csv").write_text(CSV, encoding="utf-8")
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nparticipants: deelnemers.csv\n", encoding="utf-8"
    )
    folder = project / "Interviews"
    folder.mkdir()
    (folder / "Interview 1.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["code", "Interviews"]).exit_code == 0
    (folder / "Interview 1.txt").rename(folder / "Interview 01.txt")
    result = runner.invoke(app, ["code", "Interviews"])
    assert result.exit_code == 0, result.stderr
    assert (
        "lernet: note: Interviews/Interview 01.txt: not named in deelnemers.csv, so it keeps "
        "participant p01 (boer) it had as Interviews/Interview 1.txt (to make that permanent, "
        "add 'Interview 01.txt' to p01's files in deelnemers.csv"
    ) in result.stderr
    assert "not in deelnemers.csv" not in result.stderr
    assert {(r["file"], r["participant"], r["group"]) for r in codings()} == {
        ("Interviews/Interview 01.txt", "p01", "boer")
    }
    quotes = runner.invoke(app, ["quotes", "--format", "json"]).stdout
    assert {q["label"] for q in json.loads(quotes)} == {"melkveehouder"}
    again = runner.invoke(app, ["code", "Interviews"])  # and at the next run too
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    assert "keeps participant p01 (boer) it is stored with" in again.stderr
    assert {r["participant"] for r in codings()} == {"p01"}


def test_a_stored_participant_no_longer_listed_is_not_kept() -> None:
    listed = Participants(people={"p01": Participant("p01", group="boer")})
    path = Path("Interview 01.txt")

    def stored(pid: str) -> StoredTranscript:
        return StoredTranscript(1, "Interview 1.txt", "sha", pid, None, None, "d")

    assert _resolve_participant(path, {}, listed, CodeOptions(), stored("p01")) == (
        "p01",
        None,
        None,
        "kept",
    )
    # withdrawn (their row deleted), or a participant named after the file: the file's name
    for pid in ("p04", "Interview 1"):
        assert _resolve_participant(path, {}, listed, CodeOptions(), stored(pid))[3] == (
            "file name"
        )
    named = CodeOptions(participant="p09")  # the command line names the participant
    assert _resolve_participant(path, {}, listed, named, stored("p01"))[0] == "p09"


def test_code_outside_any_project_of_files_inside_one_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import dump_store

    root = tmp_path / "Scriptie"
    (root / "Interviews").mkdir(parents=True)
    (root / "lernet.yaml").write_text("language: nl\n", encoding="utf-8")
    (root / "Interviews" / "Interview 1.txt").write_text(TEXT, encoding="utf-8")
    assert (
        runner.invoke(app, ["code", "--project", str(root), str(root / "Interviews")]).exit_code
        == 0
    )
    before = dump_store(root)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    result = runner.invoke(app, ["code", "../Scriptie/Interviews"])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(
        f"lernet: error: ../Scriptie/Interviews/Interview 1.txt: belongs to the lernet project "
        f"in {root.resolve()}, and there is none here"
    )
    assert f'--project "{root.resolve()}"' in lines[0]
    assert list(home.iterdir()) == [] and dump_store(root) == before
    # asked for explicitly: a project here, which codes them
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["code", "../Scriptie/Interviews"])
    assert result.exit_code == 0 and "1 new" in result.stderr


def test_the_project_of_files_is_found_upward_from_them(tmp_path: Path) -> None:
    from lernet_cli.project.project import project_of_files

    (tmp_path / "p" / "a" / "b").mkdir(parents=True)
    (tmp_path / "p" / "lernet.yaml").write_text("", encoding="utf-8")
    (tmp_path / "q").mkdir()
    inside, outside = tmp_path / "p" / "a" / "b" / "x.txt", tmp_path / "q" / "y.txt"
    assert project_of_files([outside]) is None
    assert project_of_files([outside, inside]) == (inside, (tmp_path / "p").resolve())


def test_a_renamed_folder_is_named_with_the_command_that_keeps_the_reviews(
    project: Path,
) -> None:
    """`lernet remove`, which the note about gone files offers, would lose the reviews of a
    folder that was only renamed: the note names where the files are now."""
    (project / "interviews").mkdir()
    (project / "interviews" / "a.txt").write_text(TEXT, encoding="utf-8")
    (project / "interviews" / "b.txt").write_text(
        TEXT.replace("marktpositie", "klantenkring"), encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "interviews"]).exit_code == 0
    (project / "interviews").rename(project / "Golf 1")
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0
    assert (
        "files of the same names are in Golf 1/ now (interviews/ renamed or moved?): "
        "lernet code 'Golf 1/' takes them as moved, with their reviews"
    ) in result.stderr
    result = runner.invoke(app, ["code", "Golf 1/"])
    assert result.exit_code == 0 and "2 moved" in result.stderr
    assert "renamed or moved" not in runner.invoke(app, ["code"]).stderr


def test_a_moved_project_whose_codebook_line_is_absolute_says_which_line_to_change(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy on a USB stick lies at another absolute path: lernet.yaml's old one names the
    line and the codebook of that name in the project, not only the missing file."""
    (project / "a.txt").write_text(TEXT, encoding="utf-8")
    (project / "lernet.yaml").write_text(
        f"codebook: {project / 'codebook.yaml'}\nlanguage: nl\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    stick = project.parent / "stick" / "proj"
    shutil.copytree(project, stick, symlinks=True)
    shutil.rmtree(project)
    monkeypatch.chdir(stick)
    for command in (["tally"], ["code"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 3
        assert f"lernet.yaml:1: codebook: file {project / 'codebook.yaml'} not found" in (
            result.stderr
        )
        assert "change this line to `codebook: codebook.yaml`" in result.stderr
    assert runner.invoke(app, ["backup"]).exit_code == 0
