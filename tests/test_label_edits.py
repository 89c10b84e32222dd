"""A code's label edited in the codebook: Word comments and inline tags that named the code by
its old label keep counting for it, and lernet says so; what no longer exists is named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

from .test_manual import word_with_comments

runner = CliRunner()
OLD = "nl: Elkaar nog niet goed kennen"
NEW = "nl: Onbekenden voor elkaar"
TAGGED = "I: Kent u de anderen?\nR: Nou, [[Elkaar nog niet goed kennen: we zien elkaar amper]].\n"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


def by_hand() -> list[tuple[object, ...]]:
    out = runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout
    rows = [c for c in json.loads(out) if c["coder"] != "auto"]
    return sorted((c["file"], c["code"], c["coder"], c["text"], c["direction"]) for c in rows)


def memos() -> list[tuple[object, ...]]:
    out = runner.invoke(app, ["memos", "--no-anonymize", "--format", "json"]).stdout
    return sorted((m["file"], m["memo"], m["reason"]) for m in json.loads(out))


def edit_codebook(project: Path, old: str, new: str, count: int = -1) -> None:
    path = project / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def coded(project: Path) -> None:
    word_with_comments(
        project / "a1.docx",
        [
            (
                "Wij zien elkaar bijna nooit buiten de sessies.",
                "Elkaar nog niet goed kennen",
                "Eva",
            ),
            ("We halen hier vooral ervaring op.", "Kennis: halen", "Bas"),
            ("Geen idee eigenlijk.", "nakijken!", "Eva"),
        ],
    )
    (project / "t1.txt").write_text(TAGGED, encoding="utf-8")
    code, err = run("code", "a1.docx", "t1.txt", "--coder", "lotte")
    assert code == 0, err


def test_a_label_edit_keeps_what_comments_and_tags_counted(project: Path) -> None:
    coded(project)
    before, notes = by_hand(), memos()
    assert len(before) == 3 and len(notes) == 1
    edit_codebook(project, OLD, NEW)
    edit_codebook(project, "nl: Kennis", "nl: Kennisdeling")
    code, err = run("code", "a1.docx", "t1.txt")
    assert code == 0, err
    assert by_hand() == before
    assert memos() == notes
    assert "1 comment or tag kept as a memo," in err  # the one memo there was, no more
    for what, text, kept in [
        ("comment by Eva", "Elkaar nog niet goed kennen", "trust.not_acquainted"),
        ("comment by Bas", "Kennis: halen", "interest_balance.knowledge"),
        ("tag by lotte", "Elkaar nog niet goed kennen", "trust.not_acquainted"),
    ]:
        assert f"{what} {text!r} names no code of the codebook now" in err, err
        assert f"it keeps {kept}, as when it was read" in err
    tally = json.loads(runner.invoke(app, ["tally", "--format", "json"]).stdout)
    counts = {r["id"]: r["participants"] for t in tally["themes"] for r in [t, *t["codes"]]}
    assert counts["trust.not_acquainted"] == 2
    # Unchanged since: quiet, and still counted.
    code, err = run("code", "a1.docx", "t1.txt")
    assert code == 0 and "names no code" not in err and by_hand() == before


def test_a_new_comment_is_read_with_the_codebook_as_it_is(project: Path) -> None:
    coded(project)
    edit_codebook(project, OLD, NEW)
    word_with_comments(
        project / "b1.docx", [("Wij kennen elkaar niet.", "Elkaar nog niet goed kennen", "Eva")]
    )
    code, err = run("code", "b1.docx")
    assert code == 0 and "'Elkaar nog niet goed kennen': names no code" in err
    assert ("b1.docx", "Elkaar nog niet goed kennen", "names no code") in memos()


def test_an_edited_comment_is_read_again(project: Path) -> None:
    coded(project)
    edit_codebook(project, OLD, NEW)
    word_with_comments(
        project / "a1.docx",
        [
            ("Wij zien elkaar bijna nooit buiten de sessies.", "mee eens", "Eva"),
            ("We halen hier vooral ervaring op.", "Kennis: halen", "Bas"),
            ("Geen idee eigenlijk.", "nakijken!", "Eva"),
        ],
    )
    code, err = run("code", "a1.docx")
    assert code == 0, err
    assert ("a1.docx", "mee eens", "names no code") in memos()
    assert "trust.not_acquainted" not in [c[1] for c in by_hand() if c[0] == "a1.docx"]


def test_a_comment_whose_code_is_gone_is_named_with_it(project: Path) -> None:
    coded(project)
    edit_codebook(project, "      - id: not_acquainted\n", "      - id: unfamiliar\n")
    edit_codebook(project, OLD, NEW)
    code, err = run("code", "a1.docx")
    assert code == 0, err
    assert (
        "comment by Eva 'Elkaar nog niet goed kennen' was coded trust.not_acquainted, which the "
        "codebook no longer has: kept as a memo, not counted"
    ) in err


LOST = "; coded trust.not_acquainted before, which the codebook no longer has"


def test_without_files_a_comment_whose_code_is_gone_is_a_memo_too(project: Path) -> None:
    """`lernet code` without files says and does what reading the files again does: the comment
    and the tag whose code the codebook lost, and that name no code now, are memos that keep the
    code they counted under, for `lernet codebook renamed` (the warning at every run names it)."""
    coded(project)
    notes = memos()
    edit_codebook(project, "      - id: not_acquainted\n", "      - id: unfamiliar\n")
    edit_codebook(project, OLD, NEW)
    code, err = run("code")
    assert code == 0, err
    for what in ("comment by Eva", "tag by lotte"):
        assert (
            f"{what} 'Elkaar nog niet goed kennen' was coded trust.not_acquainted, which the "
            "codebook no longer has: kept as a memo, not counted"
        ) in err
    assert "trust.not_acquainted (1 comment kept as memos, 1 tag kept as memos)" in err
    # the memos the two files keep, as reading them again counts them: these two and a1's
    # "nakijken!", kept since the first run
    assert "3 comments or tags kept as memos" in err
    assert "trust.not_acquainted" not in [c[1] for c in by_hand()]
    made = [
        ("a1.docx", "Elkaar nog niet goed kennen", "names no code" + LOST),
        ("t1.txt", "Elkaar nog niet goed kennen", "names no code" + LOST),
    ]
    assert memos() == sorted(notes + made)
    # Reading the files afterwards keeps them as the memos they are, once.
    code, err = run("code", "a1.docx", "t1.txt")
    assert code == 0, err
    assert memos() == sorted(notes + made)
    code, err = run("code")
    assert code == 0 and "no longer has" not in err, err
    assert "trust.not_acquainted (1 comment kept as memos, 1 tag kept as memos)" in err


def test_without_files_a_renamed_code_a_comment_still_names_counts_under_its_new_id(
    project: Path,
) -> None:
    """The code's id changed and its label stayed: the comment and the tag still name it, so
    `lernet code` without files counts them under the new id, as reading the files again does;
    nothing is left for `lernet codebook renamed`."""
    coded(project)
    edit_codebook(project, "      - id: not_acquainted\n", "      - id: unfamiliar\n")
    code, err = run("code")
    assert code == 0, err
    for what in ("comment by Eva", "tag by lotte"):
        assert (
            f"{what} 'Elkaar nog niet goed kennen' was coded trust.not_acquainted, which the "
            "codebook no longer has; read again it names trust.unfamiliar: counted there"
        ) in err
    assert "renamed it?" not in err and "warning" not in err
    assert "1 comment or tag kept as a memo" in err  # "nakijken!", as before
    after = by_hand()
    assert [c[1] for c in after].count("trust.unfamiliar") == 2
    assert "trust.not_acquainted" not in [c[1] for c in after]
    code, err = run("code", "a1.docx", "t1.txt")  # reading the files again changes nothing
    assert code == 0 and by_hand() == after


def test_codings_stored_before_lernet_kept_the_comment_text_count_too(project: Path) -> None:
    """A store from before: its comment codings have no text; an unchanged file may use them."""
    coded(project)
    before = by_hand()
    db = sqlite3.connect(project / ".lernet" / "lernet.db")
    with db:
        db.execute("UPDATE codings SET annotation = NULL")
    db.close()
    edit_codebook(project, OLD, NEW)
    code, err = run("code", "a1.docx", "t1.txt")
    assert code == 0, err
    assert by_hand() == before


MENTOR = """\
      - id: mentor
        label: {nl: Mentor op de werkplek, en: Workplace mentor}
        match:
          - any: [mentorschap]
"""


def test_without_files_a_memo_naming_a_code_added_later_counts_as_it(project: Path) -> None:
    """A comment written for a code that is not in the codebook yet is a memo; once the code is
    added, `lernet code` without files counts it (as reading the file again does), and the
    comment that named another code already is not said to have had a label moved."""
    word_with_comments(
        project / "w2.docx",
        [
            ("Onze mentor begeleidt de leerling elke week.", "Mentor op de werkplek", "Els"),
            ("We halen hier vooral ervaring op.", "Mentor op de werkplek; Kennis: halen", "Els"),
            ("Geen idee eigenlijk.", "nakijken!", "Els"),
        ],
    )
    code, err = run("code", "w2.docx")
    assert code == 0, err
    assert [m[1] for m in memos()] == [
        "Mentor op de werkplek",
        "Mentor op de werkplek; Kennis: halen",
        "nakijken!",
    ]
    edit_codebook(project, "    codes:\n", "    codes:\n" + MENTOR, 1)
    code, err = run("code")
    assert code == 0, err
    assert "a label moved" not in err
    for text in ("Mentor op de werkplek", "Mentor op de werkplek; Kennis: halen"):
        assert f"comment by Els {text!r} names trust.mentor now: counted, no longer a memo" in err
    assert memos() == [("w2.docx", "nakijken!", "names no code")]
    counted = by_hand()
    assert [c[1] for c in counted].count("trust.mentor") == 2
    assert ("w2.docx", "interest_balance.knowledge", "take") in [
        (c[0], c[1], c[4]) for c in counted
    ]
    tally = json.loads(runner.invoke(app, ["tally", "--format", "json"]).stdout)
    counts = {r["id"]: r["segments"] for t in tally["themes"] for r in [t, *t["codes"]]}
    assert counts["trust.mentor"] == 2
    # Reading the file now makes what the store already holds: nothing changes, nothing said.
    code, err = run("code", "w2.docx")
    assert code == 0, err
    assert "a label moved" not in err and "names no code of the codebook now" not in err
    assert by_hand() == counted
    assert memos() == [("w2.docx", "nakijken!", "names no code")]
    # and a second run without files finds nothing more to do
    code, err = run("code")
    assert code == 0 and "no longer a memo" not in err, err
    assert by_hand() == counted


def test_a_memo_naming_a_code_added_later_and_another_still_unknown_stays_a_memo(
    project: Path,
) -> None:
    word_with_comments(
        project / "w2.docx",
        [("Onze mentor begeleidt de leerling.", "Mentor op de werkplek; Stagebeleid", "Els")],
    )
    assert run("code", "w2.docx")[0] == 0
    edit_codebook(project, "    codes:\n", "    codes:\n" + MENTOR, 1)
    code, err = run("code")
    assert code == 0, err
    assert (
        "comment by Els 'Mentor op de werkplek; Stagebeleid' names trust.mentor now: counted; "
        "'Stagebeleid' still names no code (kept as a memo)"
    ) in err
    assert [c[1] for c in by_hand()] == ["trust.mentor"]
    assert memos() == [
        ("w2.docx", "Mentor op de werkplek; Stagebeleid", "names no code: 'Stagebeleid'")
    ]
    code, err = run("code", "w2.docx")
    assert code == 0, err
    assert [c[1] for c in by_hand()] == ["trust.mentor"]
    assert len(memos()) == 1


def test_reading_a_file_again_after_a_code_was_added_says_no_label_moved(project: Path) -> None:
    word_with_comments(
        project / "w2.docx",
        [
            ("We halen hier vooral ervaring op.", "Mentor op de werkplek; Kennis: halen", "Els"),
            ("Onze mentor begeleidt de leerling.", "Mentor op de werkplek", "Els"),
        ],
    )
    assert run("code", "w2.docx")[0] == 0
    edit_codebook(project, "    codes:\n", "    codes:\n" + MENTOR, 1)
    code, err = run("code", "w2.docx")
    assert code == 0, err
    assert "a label moved" not in err, err
    assert sorted(c[1] for c in by_hand()) == [
        "interest_balance.knowledge",
        "trust.mentor",
        "trust.mentor",
    ]
    assert memos() == []
    # a label that did move to another code is still said
    edit_codebook(project, "nl: Mentor op de werkplek,", "nl: Werkplekmentor,")
    edit_codebook(project, "nl: Kennis,", "nl: Mentor op de werkplek,")
    code, err = run("code", "w2.docx")
    assert code == 0, err
    assert (
        "comment by Els 'Mentor op de werkplek' now names interest_balance.knowledge; it named "
        "trust.mentor when it was read (a label moved to another code?)"
    ) in err, err
