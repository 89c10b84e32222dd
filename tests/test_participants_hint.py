"""When no participants file is found, `lernet code` says where the participants may be: a file in
the project whose name says it lists them, and the `participants:` setting that names it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import likely_participants_files

runner = CliRunner()
LIST = "id;group;label;files\np01;boer;melkveehouder;Interview 6.*\n"


def code(project: Path) -> str:
    (project / "Interview 6.txt").write_text("I: Hoe gaat het?\nR: Goed.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", "Interview 6.txt"])
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_a_participants_list_in_the_project_is_named_with_the_setting(project: Path) -> None:
    (project / "deelnemers.csv").write_bytes(LIST.encode("cp1252"))
    err = code(project)
    assert (
        "deelnemers.csv looks like a participants list: add `participants: deelnemers.csv` to "
        "lernet.yaml"
    ) in err
    assert "participants.yaml" not in err


def test_without_one_the_note_names_the_setting(project: Path) -> None:
    (project / "codings.csv").write_text("participant;code\n", encoding="utf-8")
    err = code(project)
    assert "no participants file" in err and "`participants: FILE`" in err
    assert "looks like a participants list" not in err


def test_once_set_the_note_is_gone(project: Path) -> None:
    (project / "deelnemers.csv").write_text(LIST, encoding="utf-8")
    config = project / "lernet.yaml"
    config.write_text(config.read_text() + "participants: deelnemers.csv\n", encoding="utf-8")
    assert "participants" not in code(project)


def test_likely_files_by_name(tmp_path: Path) -> None:
    names = ["Deelnemers 2024.csv", "respondenten.yaml", "Geïnterviewden.csv", "interviewees.yml"]
    for name in [*names, "codings.csv", "deelnemers.docx", "tally.csv", ".participants.csv"]:
        (tmp_path / name).write_text("id\n", encoding="utf-8")
    (tmp_path / "participants-map.csv").mkdir()
    found = {p.name for p in likely_participants_files([tmp_path, tmp_path / "nowhere"])}
    assert found == set(names)


def test_a_list_beside_the_transcripts_folders_is_named(project: Path) -> None:
    """The transcripts are in Interviews/Golf 1/, the list in Interviews/ (as README says: in the
    project or beside the transcripts)."""
    wave = project / "Interviews" / "Golf 1 (2024)"
    wave.mkdir(parents=True)
    (project / "Interviews" / "deelnemers lijst.csv").write_bytes(LIST.encode("cp1252"))
    (wave / "Interview 6.txt").write_text("I: Hoe gaat het?\nR: Goed.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", "Interviews"])
    assert result.exit_code == 0, result.stderr
    assert (
        "deelnemers lijst.csv looks like a participants list: add `participants: "
        "Interviews/deelnemers lijst.csv` to lernet.yaml"
    ) in result.stderr


def test_the_hint_looks_in_every_folder_down_to_the_transcripts(project: Path) -> None:
    from lernet_cli.project.participants import participants_hint
    from lernet_cli.project.project import load_project

    deep = project / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (project / "a" / "respondenten.csv").write_text(LIST, encoding="utf-8")
    hint = participants_hint(load_project(project), ["a/b/c/Interview 6.txt"])
    assert hint.startswith("respondenten.csv looks like a participants list")
    assert "`participants: a/respondenten.csv`" in hint
    assert "looks like" not in participants_hint(load_project(project), ["Interview 6.txt"])


def test_without_one_the_note_is_said_for_the_files_it_is_news_for(project: Path) -> None:
    """A study kept without a participants file on purpose hears the note once per file: when it
    is first stored, not at every later run that finds it unchanged or re-codes it."""
    assert "no participants file, so 1 file has participant = file name" in code(project)
    assert "no participants file" not in code(project)
    (project / "Interview 7.txt").write_text("I: En u?\nR: Ook goed.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", "Interview 6.txt", "Interview 7.txt"])
    assert result.exit_code == 0, result.stderr
    assert "no participants file, so 1 file has participant = file name" in result.stderr
    (project / "Interview 8.txt").write_text("I: En u?\nR: Ook goed, zei ik.\n", encoding="utf-8")
    (project / "Interview 7.txt").rename(project / "Interview 9.txt")
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert "1 unchanged, 1 new, 1 moved" in result.stderr
    assert "no participants file, so 2 files have participant = file name" in result.stderr
    codebook = project / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(text.replace("marktpositie]", "marktpositie, goed]"), encoding="utf-8")
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0, result.stderr
    assert "3 re-coded" in result.stderr
    assert "no participants file" not in result.stderr
