"""`lernet remove`: a participant who withdraws, a file coded by mistake; and `lernet code`
saying which stored transcripts lost their file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.remove import missing_files
from lernet_cli.model import Transcript, Turn
from lernet_cli.project.project import load_project
from lernet_cli.store.store import Store

from .conftest import dump_store

runner = CliRunner()
TEXT = "I: Kent u de anderen?\nR: Nee, ik ken ze nog niet. [[not_acquainted: ken ze niet]]\n"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def participants_of(code: str) -> int:
    _, out, _ = run("tally", "--format", "json")
    rows = {c["id"]: c for t in json.loads(out)["themes"] for c in [t, *t["codes"]]}
    return int(rows[code]["participants"])


def coded(project: Path, *names: str) -> None:
    (project / "t").mkdir(exist_ok=True)
    for name in names:  # another interview each (the same text twice is a copy, not coded)
        text = TEXT.replace("Kent u de anderen?", f"Kent u de anderen ({name})?")
        (project / "t" / name).write_text(text, encoding="utf-8")
    code, _, err = run("code", "t")
    assert code == 0, err


def test_remove_a_file_and_restore_it(project: Path) -> None:
    coded(project, "p1.txt", "p2.txt")
    before = dump_store(project)
    assert participants_of("trust.not_acquainted") == 2
    code, _, err = run("remove", "t/p2.txt")
    assert code == 0, err
    assert "removed 1 transcript (" in err and "t/p2.txt" in err
    assert "1 file still on disk (t/p2.txt)" in err
    assert participants_of("trust.not_acquainted") == 1
    _, out, _ = run("codings", "--format", "json")
    assert {c["file"] for c in json.loads(out)} == {"t/p1.txt"}
    backups = sorted((project / ".lernet" / "backups").glob("*.db"))
    assert len(backups) == 1
    assert run("restore", str(backups[0]))[0] == 0
    assert dump_store(project) == before


def test_remove_every_transcript_of_a_participant(project: Path) -> None:
    coded(project, "p1.txt", "p2.txt")
    code, _, err = run("remove", "--participant", "p1")
    assert code == 0, err
    assert participants_of("trust.not_acquainted") == 1


def test_the_words_forms_kept_for_re_coding_go_with_a_removal(project: Path) -> None:
    """The kept word list may hold a withdrawn participant's name."""
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(TEXT + "R: Groeten van Wubbeltje Zwartkop.\n", "utf-8")
    assert run("code", "t")[0] == 0
    cache = project / ".lernet" / "cache"
    assert any("Zwartkop" in f.read_text("utf-8") for f in cache.glob("forms-*.json"))
    assert run("remove", "--participant", "p1")[0] == 0
    assert list(cache.glob("forms-*.json")) == []


def test_bad_removals_change_nothing(project: Path) -> None:
    coded(project, "p1.txt")
    before = dump_store(project)
    for args, words in (
        (["remove", "t/nope.txt"], "t/nope.txt: not a transcript of this project"),
        (["remove", "t/p1.txt", "t/nope.txt"], "t/nope.txt: not a transcript"),
        (["remove", "--participant", "zz"], "no transcript of participant 'zz'"),
        (["remove"], "name the transcripts to remove"),
    ):
        code, _, err = run(*args)
        assert code == 2 and words in err and err.count("\n") == 1, err
        assert dump_store(project) == before
    assert not (project / ".lernet" / "backups").exists()


def test_code_names_stored_transcripts_whose_file_is_gone(project: Path) -> None:
    coded(project, "p1.txt", "p2.txt")
    (project / "t" / "p2.txt").unlink()
    for args in (["code", "t"], ["code"]):
        code, _, err = run(*args)
        assert code == 0, err
        assert "1 stored transcript(s) whose file is gone are still counted: t/p2.txt" in err
    assert run("remove", "t/p2.txt")[0] == 0
    code, _, err = run("code", "t")
    assert code == 0 and "file is gone" not in err


def test_imported_transcripts_have_no_file_to_miss(project: Path) -> None:
    coded(project, "p1.txt")
    proj = load_project(project)
    with Store.open(proj.store_path) as store:
        transcript = Transcript("from-nvivo.txt", [Turn("R", "Tekst.", "participant")])
        store.save_imported("from-nvivo.txt", "0" * 64, "x1", transcript, [])
        (project / "t" / "p1.txt").unlink()
        assert missing_files(proj, store) == ["t/p1.txt"]
