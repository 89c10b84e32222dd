"""A withdrawal leaves the person nowhere lernet keeps files: `lernet remove --participant ID
--purge-backups` also deletes the backups of the participants file that list them (safety
copies of a file the researcher has), and after it no file of the project but the researcher's
own (participants file, transcripts) holds their name or their words; the store keeps their
names alone, in `meta`, to go on hiding them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from lernet_cli.coding.remove import delete_people_backup, people_backups
from lernet_cli.errors import ProjectError
from lernet_cli.project.ownfiles import rewrite_own_file
from lernet_cli.project.participants import load_participants

from .test_remove import run

SECRET = "Onze opbrengst per hectare houden we voor ons in Annerveenschekanaal."
NAME = "Fenna Wubbolding"
PEOPLE = f"""participants:
  - id: p1
    names: [Jan Hulshof]
    organisations: [Loonbedrijf Tuinstra]
  - id: p2
    names: [{NAME}]
    organisations: [Melkveebedrijf Zuidlaarderveen]
"""


def withdrawn_project(project: Path) -> list[Path]:
    """p1 and p2 coded, the participants file listing both; then lernet added a person to it
    twice (as `import qdpx --into` or `merge` do), keeping its old bytes each time. Returns
    those backups, and a codebook backup's."""
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nparticipants: participants.yaml\n", "utf-8"
    )
    people = project / "participants.yaml"
    people.write_text(PEOPLE.replace(f"    names: [{NAME}]\n", ""), "utf-8")
    (project / "t").mkdir()
    (project / "t" / "p1.txt").write_text(
        "I: Wat deel je?\nR: Wij delen alles met de buren. [[not_acquainted: delen]]\n", "utf-8"
    )
    (project / "t" / "p2.txt").write_text(
        f"I: Wat deel je niet?\nR: {SECRET} Ik ben {NAME}. [[not_acquainted: ons]]\n", "utf-8"
    )
    assert run("code", "t")[0] == 0
    made = []
    for text in (PEOPLE, PEOPLE + "  - id: p3\n"):  # the first names p2 by id, the second too
        raw = people.read_bytes()
        made.append(rewrite_own_file(project, people, raw, text.encode(), ProjectError))
    codebook = project / "codebook.yaml"
    made.append(
        rewrite_own_file(
            project, codebook, codebook.read_bytes(), codebook.read_bytes(), ProjectError
        )
    )
    assert run("backup")[0] == 0
    return [p for p in made if p is not None]


def test_the_participants_file_backups_that_list_a_withdrawn_person(project: Path) -> None:
    first, second, codebook = withdrawn_project(project)
    backups = first.parent
    by_name = backups / "participants-oud.csv"  # another id, their name under it
    by_name.write_text(f"id;names\nx9;{NAME.upper()}\n", "utf-8")
    other = backups / "participants-ander.yaml"
    other.write_text("participants:\n  - id: p1\n    names: [Fenna Wubbold]\n", "utf-8")
    people = load_participants(project / "participants.yaml")
    found = people_backups(project, {"p2"}, people, project / "codebook.yaml")
    assert sorted((b.path.name, b.people) for b in found) == sorted(
        (p.name, ["p2"]) for p in (by_name, first, second)
    )
    assert people_backups(project, set(), people, project / "codebook.yaml") == []
    for b in found:
        delete_people_backup(b)
    assert sorted(p.name for p in backups.iterdir() if p.suffix != ".db") == sorted(
        [codebook.name, other.name]
    )


def test_remove_names_them_and_purge_deletes_them(project: Path) -> None:
    first, second, codebook = withdrawn_project(project)
    code, _, err = run("remove", "--participant", "p2")
    assert code == 0, err
    line = [x for x in err.splitlines() if "of the participants file still list" in x]
    assert len(line) == 1 and "2 backups of the participants file still list a withdrawn" in err
    for backup in (first, second):
        assert f".lernet/backups/{backup.name} (p2)" in line[0]
    assert err.count("lernet remove --purge-backups") == 1 and first.exists()
    assert "--purge-backups (rewrites each store backup without them; deletes those of the " in err
    code, _, err = run("remove", "--purge-backups")
    assert code == 0, err
    for backup in (first, second):
        assert f"lernet: deleting backup .lernet/backups/{backup.name} (p2): a copy" in err
        assert not backup.exists()
    assert "2 backups of the participants file deleted" in err
    assert codebook.exists() and codebook.name not in err
    code, _, err = run("remove", "--purge-backups")
    assert code == 0 and "participants file" not in err


def _without_kept_names(path: Path, copy: Path) -> bytes:
    """A store's bytes without the names it keeps by design (`meta`: withdrawn_names, the
    rules' masked names), rebuilt so that no free page keeps them."""
    shutil.copy(path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM meta WHERE key IN ('withdrawn_names', 'rule_names')")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    data = copy.read_bytes()
    copy.unlink()
    return data


def test_after_a_complete_withdrawal_no_file_lernet_keeps_holds_them(
    project: Path, tmp_path: Path
) -> None:
    withdrawn_project(project)
    for command in (
        ["report", "--output", str(tmp_path / "r.docx")],
        ["export", "qdpx", str(tmp_path / "a.qdpx")],
        ["quotes"],
        ["names"],
        ["cases"],
        ["review", "--candidates", "--auto"],
    ):
        assert run(*command)[0] == 0
    code, _, err = run("remove", "--participant", "p2", "--purge-backups")
    assert code == 0, err
    theirs = {project / "participants.yaml", project / "t" / "p1.txt", project / "t" / "p2.txt"}
    for path in project.rglob("*"):
        if not path.is_file() or path in theirs:
            continue
        data = path.read_bytes()
        assert SECRET.encode() not in data and b"Annerveenschekanaal" not in data, path
        if path.suffix == ".db":
            data = _without_kept_names(path, tmp_path / "copy.db")
        for word in (NAME, "Wubbolding", "Zuidlaarderveen"):
            assert word.encode() not in data and word.lower().encode() not in data.lower(), path


def test_restoring_a_purged_backup_undoes_no_withdrawal(project: Path) -> None:
    """The backup holds p2's coding before the purge; restored after it, p2's file stays out
    and their names stay hidden, as in the store the backup replaces."""
    withdrawn_project(project)
    (backup,) = (project / ".lernet" / "backups").glob("lernet-*.db")
    code, _, err = run("remove", "--participant", "p2", "--purge-backups")
    assert code == 0, err
    (project / "participants.yaml").write_text(PEOPLE.split("  - id: p2")[0], "utf-8")
    assert run("restore", str(backup))[0] == 0
    code, _, err = run("code", "t")
    assert code == 0, err
    assert "skipped t/p2.txt: it is the interview of p2, who withdrew" in err
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    kept = conn.execute("SELECT value FROM meta WHERE key = 'withdrawn_names'").fetchone()
    conn.close()
    assert NAME in kept[0]
