"""The same interview coded again from another file (a copy in another folder, the same text with
other comments or tags) is not counted as another interview."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store

runner = CliRunner()
TEXT = """\
I: Kent u de anderen?
R: Nou, we kennen elkaar nog niet goed.
I: En de concurrentie?
R: Die is er wel, onze marktpositie is belangrijk.
I: Wat haalt u er?
R: Vooral kennis over subsidies.
"""
TAGGED = TEXT.replace("Vooral kennis over subsidies.", "[[Kennis: Vooral kennis over subsidies.]]")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


def interviews() -> int:
    out = runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout
    return len({c["file"] for c in json.loads(out)})


def codings() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(
        runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout
    )
    return rows


def before_kept_texts(db: Path) -> None:
    """Make the store as a lernet that did not keep what each transcript says left it."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_migrations WHERE version = 11")
    conn.execute("DROP INDEX transcripts_by_participant")
    conn.execute("ALTER TABLE transcripts DROP COLUMN said")
    conn.commit()
    conn.close()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_copy_in_another_folder_is_skipped_with_a_note(project: Path) -> None:
    write(project / "interviews" / "p01.txt", TEXT)
    assert run("code", "interviews")[0] == 0
    shutil.copytree(project / "interviews", project / "kopie")
    before = dump_store(project)
    code, err = run("code", "kopie")
    assert code == 0, err
    assert (
        "skipped kopie/p01.txt: it says what interviews/p01.txt says, which is coded already"
    ) in err
    assert "1 duplicate" in err and "new" not in err.rsplit("lernet:", 1)[1]
    assert dump_store(project) == before
    assert interviews() == 1


def test_the_same_text_with_other_tags_is_the_same_interview(project: Path) -> None:
    write(project / "a" / "p01.txt", TEXT)
    write(project / "b" / "p01.txt", TAGGED)
    code, err = run("code", "a", "b")
    assert code == 5, err
    assert "skipped b/p01.txt: it says what a/p01.txt says" in err
    assert "1 new, 1 duplicate" in err
    assert interviews() == 1


def test_a_copy_whose_original_is_gone_takes_its_place_with_the_reviews(project: Path) -> None:
    old = write(project / "a" / "p01.txt", TEXT)
    assert run("code", "a")[0] == 0
    result = runner.invoke(app, ["review", "--reviewer", "eva"], input="a\n" * 20)
    assert result.exit_code == 0, result.stderr
    old.unlink()
    write(project / "b" / "p01.txt", TAGGED)
    code, err = run("code", "b")
    assert code == 0, err
    assert "1 moved" in err
    rows = json.loads(runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout)
    assert {r["file"] for r in rows} == {"b/p01.txt"}
    assert any(r["coder"] == "manual" for r in rows)  # the tag of the copy is read
    assert all(r["status"] == "accepted" for r in rows)  # and the reviews went along


def test_the_same_text_under_another_participant_is_coded_with_a_warning(project: Path) -> None:
    write(project / "p01.txt", TEXT)
    other = write(project / "p02.txt", TEXT.replace("subsidies", "vergunningen"))
    assert run("code", "p01.txt", "p02.txt")[0] == 0
    other.write_text(TEXT, encoding="utf-8")  # overwritten with the other interview
    code, err = run("code", "p02.txt")
    assert code == 0, err
    assert "p02.txt: says word for word what p01.txt (participant p01) says" in err
    write(project / "p03.txt", TEXT)
    code, err = run("code", "p03.txt")  # named after its file only: a copy, not coded
    assert code == 0 and "1 duplicate" in err and "--participant ID" in err
    code, err = run("code", "p03.txt", "--participant", "p03")
    assert code == 0 and "1 new" in err
    assert "p03.txt: says word for word what p01.txt (participant p01), p02.txt" in err


def test_copies_of_one_participant_already_stored_are_named_at_every_run(project: Path) -> None:
    """A store from before lernet skipped copies: the copy counts until it is removed."""
    import sqlite3

    write(project / "a" / "p01.txt", TEXT)
    write(project / "b" / "p01.txt", TEXT.replace("subsidies", "vergunningen"))
    assert run("code", "a", "b")[0] == 0
    db = sqlite3.connect(project / ".lernet" / "lernet.db")
    with db:  # as an older lernet stored the same text twice
        db.execute(
            "UPDATE segments SET text = 'Vooral kennis over subsidies.' "
            "WHERE text = 'Vooral kennis over vergunningen.'"
        )
    db.close()
    before_kept_texts(project / ".lernet" / "lernet.db")
    warning = "1 stored transcript says what another says and is counted as an interview"
    code, err = run("code")
    assert code == 0 and warning in err and "b/p01.txt (= a/p01.txt)" in err
    assert run("remove", "b/p01.txt")[0] == 0
    assert warning not in run("code")[1]


def test_another_version_of_an_interview_is_pointed_out(project: Path) -> None:
    write(project / "p01.txt", TEXT)
    assert run("code", "p01.txt")[0] == 0
    write(project / "nieuw" / "p01.txt", TEXT.replace("niet goed", "niet zo goed"))
    code, err = run("code", "nieuw/p01.txt", "--participant", "p01")
    assert code == 0, err
    assert (
        "2 of its 3 participant turns stand word for word in p01.txt, another transcript of "
        "p01: another version of the same interview?"
    ) in err


def test_what_a_transcript_says_is_kept_and_filled_in_for_an_older_store(project: Path) -> None:
    """`lernet code` compares every file with every stored transcript: what each says is kept
    with it when its turns are written (not worked out from all turns at every run), and a
    store from before is filled in when it is opened."""
    import sqlite3

    from lernet_cli.store.earlier import text_digest
    from lernet_cli.store.store import Store

    write(project / "a" / "p1.txt", TEXT)
    write(project / "a" / "p2.txt", TEXT.replace("subsidies", "vergunningen"))
    assert run("code", "a")[0] == 0
    db = project / ".lernet" / "lernet.db"

    def from_turns() -> dict[int, str]:
        conn = sqlite3.connect(db)
        try:
            ids = [r[0] for r in conn.execute("SELECT id FROM transcripts")]
            return {
                tid: text_digest(
                    conn.execute(
                        "SELECT speaker, text FROM segments WHERE transcript_id = ? ORDER BY idx",
                        (tid,),
                    ).fetchall()
                )
                for tid in ids
            }
        finally:
            conn.close()

    expected = from_turns()
    assert len(set(expected.values())) == 2
    with Store.open(db) as store:
        assert store.text_digests() == expected
    before_kept_texts(db)
    with Store.open(db) as store:
        assert store.text_digests() == expected
    write(project / "b" / "p1.txt", TEXT)
    code, err = run("code", "b")
    assert code == 0 and "a/p1.txt" in err  # still known as the same interview


def test_moving_a_folder_with_a_stored_copy_moves_each_transcript_to_its_own_file(
    project: Path,
) -> None:
    """Two stored transcripts with the same bytes: after their folder is moved each follows
    the file of its own name; none is left behind, none is added."""
    write(project / "oud" / "Interview 3.txt", TEXT)
    write(project / "oud" / "Interview 3 - kopie.txt", TEXT)
    write(
        project / "deelnemers.csv",
        "id;group;label;files\np03;provincie;beleid;Interview 3.*\np13;boer;boer;*kopie*\n",
    )
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: nl\nparticipants: deelnemers.csv\n", encoding="utf-8"
    )
    assert run("code", "oud")[0] == 0  # another participant's: coded, with a warning
    before = {(r["file"], r["participant"]) for r in codings()}
    assert interviews() == 2
    (project / "oud").rename(project / "nieuw")
    code, err = run("code", "nieuw")
    assert code == 0, err
    assert "2 moved" in err and "whose file is gone" not in err
    assert interviews() == 2
    after = {(r["file"], r["participant"]) for r in codings()}
    assert after == {(f.replace("oud/", "nieuw/"), p) for f, p in before}


def test_a_stored_transcript_is_claimed_by_one_moved_file_only() -> None:
    from lernet_cli.coding.copies import Moves
    from lernet_cli.store.store import StoredTranscript

    def stored(tid: int, path: str) -> StoredTranscript:
        return StoredTranscript(tid, path, "sha", "p03", None, None, "d")

    a, b = stored(1, "oud/X.docx"), stored(2, "oud/X - kopie.docx")
    moves = Moves([Path("nieuw/X - kopie.docx"), Path("nieuw/X.docx")])
    assert moves.claim("nieuw/X - kopie.docx", [a, b]) == b  # its own name, not the first
    assert moves.claim("nieuw/X.docx", [a, b]) == a
    assert moves.claim("nieuw/Y.docx", [a, b]) is None  # each is claimed once
    other = Moves([Path("nieuw/Z.docx"), Path("nieuw/X.docx")])
    assert other.claim("nieuw/Z.docx", [a, b]) == b  # a is left to X.docx of this run


def test_a_copy_named_after_its_original_is_the_one_skipped(project: Path) -> None:
    """Without a participants file both would be participants of their own: the copy (the
    longer name of two files with the same bytes) is skipped, whichever sorts first."""
    write(project / "i" / "Interview 3 (definitief).txt", TEXT)
    write(project / "i" / "Interview 3 (definitief) - kopie.txt", TEXT)
    code, err = run("code", "i")
    assert code == 0, err
    assert (
        "skipped i/Interview 3 (definitief) - kopie.txt: it says what "
        "i/Interview 3 (definitief).txt says"
    ) in err
    assert "1 duplicate, 1 new" in err
    assert interviews() == 1
    assert {r["participant"] for r in codings()} == {"Interview 3 (definitief)"}
    code, err = run("code", "i/Interview 3 (definitief) - kopie.txt", "--participant", "p13")
    assert code == 0 and "1 new" in err  # named as another participant's: coded, with a warning
    assert "says word for word what i/Interview 3 (definitief).txt" in err


def test_a_copy_coded_before_its_moved_original_is_still_a_copy(project: Path) -> None:
    """The moved original is claimed by its own file before anything is written: a copy of it
    saved again by Word (other bytes, the same text) that comes first is skipped, not new."""
    write(project / "oud" / "Interview 3.txt", TEXT)
    assert run("code", "oud")[0] == 0
    (project / "oud").rename(project / "nieuw")
    write(project / "nieuw" / "A kopie.txt", TEXT + "\n\n")  # sorts first
    code, err = run("code", "nieuw")
    assert code == 0, err
    assert "1 duplicate, 1 moved" in err
    assert interviews() == 1


RAW = """\
I: Hoe kennen de leden elkaar?
R: Euh, ja, we we kennen elkaar euh eigenlijk nog niet zo goed, want de meeste leden zie ik
R: alleen op de bijeenkomsten en dan praat je euh vooral over het programma.
I: En de concurrentie?
R: Die die is er wel, uhm, onze marktpositie is belangrijk en dat merk je als het over
R: opdrachten gaat, dan houdt iedereen zijn kaarten euh dicht tegen de borst.
I: Wat haalt u uit het netwerk?
R: Vooral kennis over subsidies en euh de contacten met de gemeente, dat is voor ons het
R: belangrijkste, en soms een idee voor een nieuw project dat we samen kunnen doen.
"""
CLEANED = "\n".join(
    line.replace("Euh, ", "").replace(" euh", "").replace(", uhm,", "").replace("we we", "we")
    for line in RAW.splitlines()
).replace("Die die", "Die")
OTHER = """\
I: Hoe kennen de leden elkaar?
R: Heel goed eigenlijk, we werken al jaren samen aan de wijkaanpak en bellen elkaar vaak op.
I: En de concurrentie?
R: Daar merk ik weinig van, we zitten in verschillende sectoren en vullen elkaar vooral aan.
I: Wat haalt u uit het netwerk?
R: Inspiratie, en een plek om te sparren over lastige casussen met mensen die het kennen.
"""


def test_a_cleaned_version_beside_the_raw_file_is_skipped(project: Path) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    assert run("code", "t")[0] == 0
    write(project / "t" / "Interview 3 opgeschoond.txt", CLEANED)
    code, err = run("code", "t")
    assert code == 5, err
    assert interviews() == 1
    assert (
        "skipped t/Interview 3 opgeschoond.txt: a version of t/Interview 3.txt" in err
        and 'lernet remove "t/Interview 3.txt", then lernet code "t/Interview 3 opgeschoond.txt"'
        in err
    ), err


FOLLOW_UP = CLEANED.replace("nog niet zo goed", "nog steeds niet zo goed") + (
    "I: En dit jaar?\nR: Dit jaar heb ik ook een sessie over bodem gevolgd.\n"
)
WAVES_PARTICIPANTS = """\
participants:
  - id: P01
    files: ["Interview 01*"]
"""


def test_a_follow_up_interview_in_another_folder_is_coded_with_one_warning(
    project: Path,
) -> None:
    """The same person's second-wave interview repeats much of the first: each wave's folder
    holds an interview of its own, both counted, with one line naming both and how alike."""
    write(project / "participants.yaml", WAVES_PARTICIPANTS)
    write(project / "Golf 1" / "Interview 01.txt", RAW)
    write(project / "Golf 2" / "Interview 01.txt", FOLLOW_UP)
    result = runner.invoke(app, ["code", "Golf 1", "Golf 2"])
    code, err = result.exit_code, result.stderr
    assert code == 0, err
    assert interviews() == 2
    assert "lernet: 2 new" in err and "skipped" not in err, err
    (line,) = [x for x in err.splitlines() if "Golf 1/Interview 01.txt" in x]
    assert line.startswith(
        "lernet: warning: Golf 2/Interview 01.txt: much like Golf 1/Interview 01.txt, another "
        "interview of P01 in another folder: "
    ), line
    assert "% of the word 3-grams" in line and "both are coded" in line, line
    # two files of one name are told apart in the table by their folders
    assert "Golf 1/Interview 01.txt" in result.stdout and "Golf 2/Interview 01.txt" in result.stdout
    tally = runner.invoke(app, ["tally", "--file", "Golf 2"])
    assert tally.exit_code == 0, tally.stderr
    # coded again as they are: nothing new to say
    code, err = run("code", "Golf 1", "Golf 2")
    assert code == 0 and "2 unchanged" in err and "much like" not in err, err


def test_a_version_skipped_beside_its_original_is_a_warning_and_exit_code_5(
    project: Path,
) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    write(project / "t" / "Interview 3_opgeschoond.txt", FOLLOW_UP)
    before_run = run("code", "t")
    code, err = before_run
    assert code == 5, err
    assert interviews() == 1
    assert (
        "lernet: warning: skipped t/Interview 3_opgeschoond.txt: a version of t/Interview 3.txt "
        "in the same folder"
    ) in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("lernet: 1 new, 1 duplicate (t/Interview 3_opgeschoond.txt skipped"), (
        last
    )
    # an exact copy loses nothing: a warning, exit code 0
    write(project / "u" / "Interview 3.txt", RAW)
    code, err = run("code", "u")
    assert code == 0, err
    assert "lernet: warning: skipped u/Interview 3.txt: it says what t/Interview 3.txt says" in err


def test_versions_in_one_run_are_coded_once(project: Path) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    write(project / "t" / "Interview 3_opgeschoond.txt", CLEANED)
    code, err = run("code", "t")
    assert code == 5, err
    assert interviews() == 1
    assert "skipped t/Interview 3_opgeschoond.txt: a version of t/Interview 3.txt" in err, err


def test_a_version_under_another_participant_is_coded_with_a_warning(project: Path) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    assert run("code", "t")[0] == 0
    write(project / "u" / "schoon.txt", CLEANED)
    code, err = run("code", "u", "--participant", "p9")
    assert code == 0, err
    assert interviews() == 2
    (line,) = [x for x in err.splitlines() if "a version of" in x]
    assert line.startswith("lernet: warning: u/schoon.txt: a version of t/Interview 3.txt")
    assert "lernet remove FILE" in line


def test_other_interviews_on_the_same_questions_are_no_versions(project: Path) -> None:
    write(project / "t" / "Interview 3.txt", RAW)
    write(project / "t" / "Interview 4.txt", OTHER)
    code, err = run("code", "t")
    assert code == 0, err
    assert "lernet: 2 new" in err and "version" not in err, err


def test_speech_grams_leave_out_fillers_and_repeated_words() -> None:
    from lernet_cli.coding.versions import speech_grams

    assert speech_grams(["Euh, ik ik denk uhm dat het klopt"]) == speech_grams(
        ["ik denk dat het klopt"]
    )
    assert speech_grams(["ik denk dat het klopt"]) != speech_grams(["ik denk dat het niet klopt"])


def commented_docx(path: Path, comments: list[tuple[int, str, str]]) -> Path:
    """TEXT as a Word file, with (answer number, code, author) comments on whole answers."""
    import docx

    d = docx.Document()
    answers = []
    for line in TEXT.splitlines():
        label, _, said = line.partition(": ")
        p = d.add_paragraph(f"{label}: ")
        run = p.add_run(said)
        if label == "R":
            answers.append(run)
    for n, code, author in comments:
        d.add_comment(answers[n], text=code, author=author, initials=author[:1])
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def test_comments_in_a_skipped_conflict_copy_are_pointed_out(project: Path) -> None:
    t = project / "Transcripten"
    commented_docx(t / "Interview 03 Ahmed.docx", [(0, "trust.not_acquainted", "Eva")])
    assert run("code", "Transcripten")[0] == 0
    commented_docx(
        t / "Interview 03 Ahmed-DESKTOP-AB12.docx",
        [(0, "trust.not_acquainted", "Eva"), (1, "Kennis", "Lieke"), (2, "Kennis", "Lieke")],
    )
    before = dump_store(project)
    code, err = run("code", "Transcripten")
    assert code == 5, err
    assert "skipped Transcripten/Interview 03 Ahmed-DESKTOP-AB12.docx: it says what" in err
    warning = next(line for line in err.splitlines() if "not counted" in line)
    assert warning.startswith(
        "lernet: warning: Transcripten/Interview 03 Ahmed-DESKTOP-AB12.docx holds 2 comments "
        "(by Lieke) that Transcripten/Interview 03 Ahmed.docx does not: they are not counted."
    )
    assert "Copy them into Transcripten/Interview 03 Ahmed.docx" in warning
    assert "move Transcripten/Interview 03 Ahmed.docx out of the project folder" in warning
    assert "holds 1 comment" not in warning  # the original's own comment is in the copy too
    assert dump_store(project) == before


def test_a_copy_with_the_same_comments_or_fewer_gets_no_warning(project: Path) -> None:
    t = project / "t"
    commented_docx(t / "Interview 3.docx", [(0, "trust.not_acquainted", "Eva"), (1, "x", "Bas")])
    commented_docx(t / "Interview 3 - kopie.docx", [(0, "trust.not_acquainted", "Eva")])
    code, err = run("code", "t")
    assert code == 0, err
    assert "skipped t/Interview 3 - kopie.docx" in err
    assert "that t/Interview 3.docx does not" not in err


def test_a_tag_in_a_skipped_copy_and_what_the_coded_file_holds_apart(project: Path) -> None:
    write(project / "a" / "p01.txt", TEXT.replace("Nou, we", "[[trust.not_acquainted: Nou, we]]"))
    assert run("code", "a")[0] == 0
    write(project / "b" / "p01.txt", TAGGED)
    code, err = run("code", "b")
    assert code == 5, err
    assert (
        "b/p01.txt holds 1 inline tag (by manual) that a/p01.txt does not: they are not counted"
    ) in err
    assert "a/p01.txt holds 1 comment or tag this file does not" in err


def test_a_conflict_copy_is_skipped_rather_than_its_original_in_a_first_run(
    project: Path,
) -> None:
    """Other bytes (other comments), the same text: the file the copy is named after is coded,
    though the copy's name sorts first."""
    commented_docx(project / "t" / "Interview 3.docx", [])
    commented_docx(project / "t" / "Interview 3-DESKTOP-AB12.docx", [(1, "Kennis", "Lieke")])
    code, err = run("code", "t")
    assert code == 5, err
    assert "skipped t/Interview 3-DESKTOP-AB12.docx: it says what t/Interview 3.docx says" in err
    assert "holds 1 comment (by Lieke)" in err
    assert {r["participant"] for r in codings()} == {"Interview 3"}
