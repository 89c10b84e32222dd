"""What a messy shared folder brings (QA14): timestamps after labels, hand coding in skipped copies,
a focus group listed speaker by speaker, a participants list beside the transcripts, a moved
`participants:` path and renamed files, run through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_quotes_leave_out_a_timestamp_after_the_label(project: Path) -> None:
    (project / "t.txt").write_text(
        "I: (13:15) Kent u de andere leden?\n"
        "R: (14:00) Eerlijk gezegd kennen we elkaar nog niet goed.\n"
        "I: [15:00] En concurrentie?\n"
        "R: (2019) Concurrentie is er wel, dat merk je.\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "t.txt")
    assert code == 0, err
    code, out, err = run("quotes", "--format", "json")
    assert code == 0, err
    texts = sorted(q["text"] for q in json.loads(out))
    assert texts == [
        "(2019) Concurrentie is er wel, dat merk je.",
        "Eerlijk gezegd kennen we elkaar nog niet goed.",
    ]
    code, _, err = run("export", "csv", "c.csv", "--span", "turn")
    assert code == 0, err
    body = (project / "c.csv").read_text(encoding="utf-8-sig")
    assert "(14:00)" not in body and "Eerlijk gezegd kennen" in body


LIST = "id;group;label;files\np01;bedrijf;HR-medewerker;t*\n"
TEXT = "I: Kent u de andere leden?\nR: Eerlijk gezegd kennen we elkaar nog niet goed.\n"


def moved_list(project: Path) -> Path:
    """A project whose participants list lernet.yaml names in Transcripten/, moved to
    Interviews/ with the transcripts."""
    folder = project / "Interviews"
    folder.mkdir()
    (folder / "deelnemers lijst.csv").write_text(LIST, encoding="utf-8")
    (folder / "t.txt").write_text(TEXT, encoding="utf-8")
    config = project / "lernet.yaml"
    config.write_text(
        config.read_text() + "participants: Transcripten/deelnemers lijst.csv\n", encoding="utf-8"
    )
    return config


def test_a_moved_participants_file_names_lernet_yaml_and_its_line(project: Path) -> None:
    from lernet_cli.errors import ProjectError
    from lernet_cli.project.project import load_project, participants_file

    moved_list(project)
    try:
        participants_file(load_project(project))
    except ProjectError as exc:
        assert exc.path is not None and exc.path.endswith("lernet.yaml") and exc.line == 3
        assert "Transcripten/deelnemers lijst.csv not found" in exc.message
        assert "`participants: Interviews/deelnemers lijst.csv`" in exc.message
    else:
        raise AssertionError("no error")
    (project / "Interviews" / "deelnemers lijst.csv").unlink()
    with_nothing = load_project(project)
    try:
        participants_file(with_nothing)
    except ProjectError as exc:
        assert "empty it to let lernet look for participants.yaml" in exc.message
    else:
        raise AssertionError("no error")


def test_a_moved_participants_file_stops_every_command_with_the_store_as_it_was(
    project: Path,
) -> None:
    moved_list(project)
    for args in (["code", "Interviews"], ["code"], ["tally"], ["speakers", "Interviews/t.txt"]):
        code, out, err = run(*args)
        assert code == 3, (args, err)
        assert err.startswith("lernet: error: ") and "lernet.yaml:3: participants: file " in err
        assert "change this line to `participants: Interviews/deelnemers lijst.csv`" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (project / ".lernet" / "lernet.db").exists()  # nothing was made
    config = project / "lernet.yaml"
    text = config.read_text()
    config.write_text(text.replace("Transcripten/", "Interviews/"), encoding="utf-8")
    assert run("code", "Interviews")[0] == 0
    before = dump_store(project)
    config.write_text(text, encoding="utf-8")
    for args in (["code", "Interviews"], ["code"], ["tally"]):
        assert run(*args)[0] == 3
    assert dump_store(project) == before


FOCUS_LIST = """\
groups: [bedrijf, adviseur]
participants:
  - {id: R35, group: adviseur, names: [Tim Peeters], files: ["Focusgroep*"]}
  - {id: R36, group: bedrijf, names: [Ilse Sluiter], files: ["Focusgroep*"]}
  - {id: R37, group: bedrijf, names: [Ramon Hoekman], files: ["Focusgroep*"]}
  - {id: R01, group: adviseur, files: ["Interview 01*"]}
"""
FOCUS = """\
I: Kennen jullie elkaar?
Tim Peeters: Nauwelijks, we kennen elkaar nog niet goed.
Ilse Sluiter: Ik ken Ramon wel.
Ramon Hoekman: Concurrentie is er wel, dat merk je.
"""


def focus_project(project: Path, speakers: str = FOCUS) -> None:
    (project / "participants.yaml").write_text(FOCUS_LIST, encoding="utf-8")
    config = project / "lernet.yaml"
    config.write_text(config.read_text() + "participants: participants.yaml\n", encoding="utf-8")
    folder = project / "t"
    folder.mkdir()
    (folder / "Focusgroep mei 2025 (3 deelnemers).txt").write_text(speakers, encoding="utf-8")
    (folder / "Interview 01.txt").write_text(TEXT, encoding="utf-8")


def test_a_focus_group_listed_speaker_by_speaker_is_a_group_interview(project: Path) -> None:
    focus_project(project)
    for _ in range(2):  # coded, then unchanged
        code, out, err = run("code", "t")
        assert code == 0, err
        assert "claim" not in err, err
        (row,) = [line for line in out.splitlines() if "Focusgroep" in line]
        cells = [c.strip() for c in row.strip("│┃ ").split("│")]
        assert cells[1:3] == ["3 participants", "2 groups"], cells
    code, _, err = run("report", "-o", "r.md")
    assert code == 0, err
    text = (project / "r.md").read_text(encoding="utf-8")
    assert "Het materiaal bestaat uit 2 transcripten: 1 interview en 1 groepsgesprek" in text
    assert "Er zijn 1 interview en 1 groepsgesprek (focusgroep) gehouden met 4 deelnemers (" in text
    config = project / "lernet.yaml"
    config.write_text(config.read_text().replace("language: nl", "language: en"), "utf-8")
    code, _, err = run("report", "-o", "r_en.md")
    assert code == 0, err
    text = (project / "r_en.md").read_text(encoding="utf-8")
    assert "The material is 2 transcripts: 1 interview and 1 group interview (focus group)" in text
    assert "1 interview and 1 group interview (focus group) were held with 4 participants (" in text


def test_a_listed_speaker_who_says_nothing_in_the_focus_group_is_named(project: Path) -> None:
    focus_project(project, FOCUS.replace("Ramon Hoekman:", "Ilse Sluiter:"))
    code, out, err = run("code", "t")
    assert code == 0, err
    (line,) = [w for w in err.splitlines() if "claim" in w]
    assert "a group interview whose turns count for R35, R36; R37 speaks in none of them" in line
    assert "2 participants" in out


def test_one_interview_claimed_twice_is_still_pointed_out(project: Path) -> None:
    focus_project(project)
    (project / "t" / "Focusgroep mei 2025 (3 deelnemers).txt").write_text(TEXT, "utf-8")
    code, _, err = run("code", "t")
    assert code == 0, err
    assert "all claim t/Focusgroep mei 2025 (3 deelnemers).txt: it is counted as R35's" in err


def test_the_results_sentence_of_one_interview(project: Path) -> None:
    (project / "t.txt").write_text(TEXT, encoding="utf-8")
    assert run("code", "t.txt")[0] == 0
    code, _, err = run("report", "-o", "r.md")
    assert code == 0, err
    text = (project / "r.md").read_text(encoding="utf-8")
    # nobody has a group: no "(zonder groep: 1)" after it (test_study_without_groups.py)
    assert "Er is 1 interview gehouden met 1 deelnemer." in text


def speakers_participant(name: str) -> str:
    code, out, err = run("speakers", name, "--format", "json")
    assert code == 0, err
    (row,) = [r for r in json.loads(out) if r["role"] == "participant"]
    return str(row["participant"])


def test_speakers_and_code_agree_on_a_renamed_files_participant(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants:\n  - {id: R09, group: bedrijf, files: ['Interview 9.*']}\n", "utf-8"
    )
    old = project / "Interview 9.txt"
    old.write_text(TEXT, encoding="utf-8")
    assert run("code", "Interview 9.txt")[0] == 0
    assert speakers_participant("Interview 9.txt") == "R09"
    new = old.rename(project / "Interview 09.txt")
    before = dump_store(project)
    assert speakers_participant("Interview 09.txt") == "R09"  # renamed, not coded since
    assert dump_store(project) == before
    code, out, err = run("code", "Interview 09.txt")
    assert code == 0, err
    assert "keeps participant R09" in err
    assert speakers_participant("Interview 09.txt") == "R09"
    # a file the store does not hold is its file name's, as lernet code would make it
    new.with_name("Interview 10.txt").write_text(TEXT.replace("goed", "slecht"), "utf-8")
    assert speakers_participant("Interview 10.txt") == "Interview 10"
