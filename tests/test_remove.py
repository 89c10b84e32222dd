"""`lernet remove`: a participant who withdraws, a file coded by mistake; and `lernet code`
saying which stored transcripts lost their file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def test_a_withdrawal_leaves_no_export_guid_under_the_file_s_path(project: Path) -> None:
    """A path may hold the participant's name; an export keeps GUIDs under it."""
    import sqlite3

    coded(project, "p1.txt", "P04 Fatima Amrani.txt")
    (project / "t" / "P04 Fatima Amrani.txt").write_text(
        TEXT.replace("[[not_acquainted:", "[[nakijken:"), encoding="utf-8"
    )  # a memo too
    assert run("code", "t")[0] == 0
    assert run("export", "qdpx", str(project / "out.qdpx"))[0] == 0

    def keys(db: Path = project / ".lernet" / "lernet.db") -> list[str]:
        conn = sqlite3.connect(db)
        try:
            return [k for (k,) in conn.execute("SELECT key FROM guids")]
        finally:
            conn.close()

    assert any("Amrani" in k for k in keys())
    assert run("backup")[0] == 0
    code, _, err = run("remove", "--participant", "P04 Fatima Amrani", "--purge-backups")
    assert code == 0, err
    assert [k for k in keys() if "Amrani" in k] == []
    assert "t/p1.txt" in keys()
    backups = list((project / ".lernet" / "backups").glob("*.db"))
    assert backups
    for backup in backups:  # rewritten without them too
        assert [k for k in keys(backup) if "Amrani" in k] == []


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
        assert "1 stored transcript whose file is gone is still counted: t/p2.txt" in err
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


# --- a withdrawal completed: no backup keeps the interview -----------------------------------

SECRET = "Onze opbrengst per hectare houden we voor ons in Annerveenschekanaal."


def interview(secret: str = SECRET) -> str:
    return f"I: Wat deel je niet?\nR: {secret} [[not_acquainted: ken ze niet]]\n"


def files_holding(root: Path, text: str) -> list[str]:
    """Like `grep -rl`: every file under the folder whose bytes hold the text."""
    needle = text.encode("utf-8")
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    )


def withdrawn_project(project: Path) -> list[Path]:
    """p1 and p2 coded, two backups made by earlier runs, then p2's file moved out; the backups
    in the order they were made."""
    made: list[Path] = []

    def backup() -> None:
        before = set((project / ".lernet" / "backups").glob("*.db"))
        assert run("backup")[0] == 0
        made.extend(set((project / ".lernet" / "backups").glob("*.db")) - before)

    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(interview("Wij delen alles met de buren."), "utf-8")
    assert run("code", "t")[0] == 0
    backup()  # before p2 was coded: holds nothing of p2
    (project / "t" / "p2.txt").write_text(interview(), "utf-8")
    assert run("code", "t")[0] == 0
    backup()
    backup()
    (project / "t" / "p2.txt").rename(project.parent / "p2.txt")
    return made


def test_remove_names_every_backup_that_still_holds_the_transcript(project: Path) -> None:
    first, second, third = withdrawn_project(project)
    code, _, err = run("remove", "--participant", "p2")
    assert code == 0, err
    backups = sorted((project / ".lernet" / "backups").glob("*.db"))
    made_now = (set(backups) - {first, second, third}).pop()
    said = err.split("hold transcripts no longer in the store: ")[1].split("\n")[0]
    for holder in (second, third, made_now):
        assert f".lernet/backups/{holder.name} (t/p2.txt)" in said, err
    assert first.name not in err
    assert "lernet remove --purge-backups" in err
    # a check of their content: the files named are the files that hold the text
    assert files_holding(project, SECRET) == sorted(
        f".lernet/backups/{p.name}" for p in (second, third, made_now)
    )


def test_purge_backups_completes_a_withdrawal(project: Path) -> None:
    first, second, third = withdrawn_project(project)
    (project / ".lernet" / "cache" / "forms-extra.json").write_text("{}", "utf-8")
    code, _, err = run("remove", "--participant", "p2", "--purge-backups")
    assert code == 0, err
    assert "removed 1 transcript" in err and "the store as it was" not in err
    for holder in (second, third):
        assert f"rewriting backup .lernet/backups/{holder.name} (t/p2.txt)" in err
    assert first.name not in err
    assert "2 backups rewritten" in err
    assert files_holding(project, SECRET) == []
    assert files_holding(project, "Annerveenschekanaal") == []
    # the backups are still backups of p1's coding, private, and can be restored
    assert sorted((project / ".lernet" / "backups").glob("*.db")) == sorted([first, second, third])
    assert oct(third.stat().st_mode & 0o777) == "0o600"
    assert run("restore", str(third))[0] == 0
    _, out, _ = run("codings", "--format", "json")
    assert {c["file"] for c in json.loads(out)} == {"t/p1.txt"}


def test_purge_backups_alone_finishes_an_earlier_withdrawal(project: Path) -> None:
    """A removal made earlier (or by an older lernet, which did not offer it)."""
    withdrawn_project(project)
    assert run("remove", "--participant", "p2")[0] == 0
    assert files_holding(project, SECRET) != []
    before = dump_store(project)
    code, _, err = run("remove", "--purge-backups")
    assert code == 0, err
    assert "3 backups rewritten" in err and "lernet: removed" not in err
    assert files_holding(project, SECRET) == []
    assert dump_store(project) == before
    code, _, err = run("remove", "--purge-backups")
    assert code == 0 and "no backup holds a transcript that is no longer in the store" in err


def test_the_store_file_keeps_no_page_of_a_removed_transcript(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also where SQLite is built to leave deleted rows' bytes in the file (secure_delete off,
    the default of most builds outside Debian)."""
    opened = Store.open.__func__  # type: ignore[attr-defined]

    def open_insecure(cls: type[Store], path: Path, create: bool = False) -> Store:
        store = opened(cls, path, create)
        store.conn.execute("PRAGMA secure_delete = OFF")
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_insecure))
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(interview("Wij delen alles met de buren."), "utf-8")
    (project / "t" / "p2.txt").write_text(interview(), "utf-8")
    assert run("code", "t")[0] == 0
    (project / "t" / "p2.txt").unlink()
    assert run("remove", "t/p2.txt")[0] == 0
    assert SECRET.encode() not in (project / ".lernet" / "lernet.db").read_bytes()


def test_backups_of_text_still_in_the_store_are_not_named(project: Path) -> None:
    """An older reading of a transcript still there (same path), or a copy of one under another
    path, holds nothing removed."""
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(interview("Eerste versie van het verhaal."), "utf-8")
    (project / "t" / "p2.txt").write_text(interview(), "utf-8")
    (project / "t" / "p3.txt").write_text(interview("Nog iemand anders."), "utf-8")
    assert run("code", "t")[0] == 0
    assert run("backup")[0] == 0
    (project / "t" / "p1.txt").write_text(interview("Tweede versie van het verhaal."), "utf-8")
    (project / "t" / "p2.txt").rename(project / "t" / "p2-verplaatst.txt")
    assert run("code", "t")[0] == 0
    (project / "t" / "p3.txt").unlink()
    code, _, err = run("remove", "t/p3.txt")
    assert code == 0, err
    assert "(t/p3.txt)" in err
    assert "p1.txt" not in err.split("no longer in the store")[1]
    assert "p2" not in err


def test_a_file_in_the_backups_that_is_no_store_is_named(project: Path) -> None:
    withdrawn_project(project)
    junk = project / ".lernet" / "backups" / "oud.db"
    junk.write_text("geen database", "utf-8")
    code, _, err = run("remove", "--participant", "p2", "--purge-backups")
    assert code == 0, err
    assert ".lernet/backups/oud.db cannot be read as a lernet store" in err
    assert junk.read_text("utf-8") == "geen database"


def test_a_withdrawal_says_the_participants_file_still_lists_them(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants:\n  - id: p1\n    names: [Jeroen Bakker]\n  - id: p2\n",
        encoding="utf-8",
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.yaml\n")
    coded(project, "p1.txt", "p2.txt")
    before = (project / "participants.yaml").read_bytes()
    code, _, err = run("remove", "--participant", "p1")
    assert code == 0, err
    assert "participants.yaml still lists p1 with their names: lernet never edits it" in err
    assert (project / "participants.yaml").read_bytes() == before
    code, _, err = run("remove", "t/p2.txt")  # a file coded by mistake is no withdrawal
    assert code == 0, err
    assert "still lists" not in err


GROUP = (
    "Moderator: Wat vinden jullie van het netwerk?\n"
    "Annelies: We kennen elkaar nog niet goed.\n"
    "Moderator: En jij, Bart?\n"
    "Bart: Ik ken ze ook nog niet echt.\n"
    "Moderator: Dank jullie.\n"
)


def group_interview(project: Path) -> None:
    (project / "t").mkdir(exist_ok=True)
    (project / "t" / "Focusgroep mei.txt").write_text(GROUP, encoding="utf-8")
    (project / "participants.yaml").write_text(
        "participants:\n"
        "  - {id: F03, names: [Annelies], files: ['Focusgroep*']}\n"
        "  - {id: F04, names: [Bart], files: ['Focusgroep*']}\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "t", "--interviewer", "Moderator")
    assert code == 0, err


def test_a_focus_group_speaker_is_found_in_the_group_interview(project: Path) -> None:
    """A focus group is stored under one of its members, but holds the others' words too: a
    withdrawal of any of them names it and removes nothing, rather than 'no transcript' for
    most of them and the whole group taken out for the one it is stored under."""
    from lernet_cli.coding.remove import find_stored
    from lernet_cli.errors import UsageError

    group_interview(project)
    proj = load_project(project)
    with Store.open(proj.store_path) as store:
        for pid in ("F03", "F04"):  # the file is stored under one of them, and holds both
            with pytest.raises(UsageError) as raised:
                find_stored(proj, store, [], [pid])
            assert "group interview with others (t/Focusgroep mei.txt)" in str(raised.value)
        with pytest.raises(UsageError, match="no transcript of participant 'F09'"):
            find_stored(proj, store, [], ["F09"])


def test_remove_a_focus_group_speaker_names_the_file_and_changes_nothing(project: Path) -> None:
    group_interview(project)
    before = dump_store(project)
    code, _, err = run("remove", "--participant", "F03")
    assert code != 0
    assert dump_store(project) == before
    code, _, err = run("remove", "--participant", "F04")
    assert code != 0
    assert "Focusgroep mei.txt" in err and "lernet remove FILE" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert dump_store(project) == before
