"""A team: a second coder works in a copy of the project (or in another tool), `lernet merge`
brings their hand coding onto this project's transcripts, `lernet coders same` says which names
are one person, and `lernet agree` compares the two."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.exchange.merge import map_span

from .conftest import MINI_CODEBOOK, dump_store

runner = CliRunner()

A1 = """\
I: Hoe gaat het in het netwerk?
R: {1}
I: En het vertrouwen?
R: {2}
I: Nog iets?
R: {3}
"""
TURNS = [
    "We kennen elkaar nog niet goed. Er is wel concurrentie tussen de bedrijven.",
    "Het vertrouwen groeit als iedereen iets bijdraagt. Wij delen onze kennis graag.",
    "Het weer was mooi die dag, en Els had koffie mee.",
]
A3 = "I: Vraag?\nR: Dit interview heeft alleen Jonas, over kennis en markt.\n"


def a1(*turns: str) -> str:
    return A1.replace("{1}", turns[0]).replace("{2}", turns[1]).replace("{3}", turns[2])


def tagged(turn: int, words: str, code: str, turns: list[str] | None = None) -> list[str]:
    """The turns with `words` of turn `turn` (0-based) wrapped in a tag for `code`."""
    out = list(turns or TURNS)
    out[turn] = out[turn].replace(words, f"[[{code}: {words}]]", 1)
    return out


def word_file(path: Path, answers: list[tuple[str, str | None, str]]) -> Path:
    """A Word interview: a question and an answer per item, the answer commented when a
    comment is given: (answer, comment or None, author)."""
    import docx

    d = docx.Document()
    for answer, note, author in answers:
        d.add_paragraph("I: Wat vindt u daarvan?")
        p = d.add_paragraph("R: ")
        run_ = p.add_run(answer)
        if note:
            d.add_comment(run_, text=note, author=author)
    d.save(str(path))
    return path


ANSWERS = [
    "Wij zien elkaar bijna nooit buiten de sessies.",
    "Onze marktpositie houden we liever voor onszelf.",
    "Geen idee eigenlijk.",
]


def make_project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    (root / "interviews").mkdir()
    return root


def run(*args: str, project: Path | None = None, input: str | None = None) -> tuple[int, str]:
    extra = ["--project", str(project)] if project is not None else []
    result = runner.invoke(app, [*args, *extra], input=input)
    return result.exit_code, result.stderr + result.stdout


def data(*args: str, project: Path) -> object:
    """A command's JSON output."""
    result = runner.invoke(app, [*args, "--format", "json", "--project", str(project)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def code(project: Path, *extra: str) -> None:
    status, out = run("code", str(project / "interviews"), *extra, project=project)
    assert status == 0, out


def rows(project: Path, where: str = "1") -> list[tuple[object, ...]]:
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT t.path, c.segment, c.code, c.start, c.end, c.coder, c.source, c.rule, "
            "c.status, s.text FROM codings c JOIN transcripts t ON t.id = c.transcript_id "
            "JOIN segments s ON s.transcript_id = c.transcript_id AND s.idx = c.segment "
            f"WHERE {where} ORDER BY t.path, c.segment, c.code, c.coder, c.start"
        ).fetchall()
    finally:
        conn.close()


def quoted(project: Path, where: str) -> list[tuple[object, ...]]:
    """(file, code, coder, origin, the words coded) of the codings `where` selects."""
    return [(r[0], r[2], r[5], r[7], str(r[9])[r[3] : r[4]]) for r in rows(project, where)]


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path]:
    """Lotte's project and Jonas's copy: the same interviews, each coded by one person with
    tags and Word comments; Jonas has an interview more."""
    lotte = make_project(tmp_path / "studie")
    jonas = make_project(tmp_path / "studie_jonas")
    lotte_turns = tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted")
    lotte_turns = tagged(1, "Wij delen onze kennis graag.", "knowledge brengen", lotte_turns)
    (lotte / "interviews" / "a1.txt").write_text(a1(*lotte_turns), encoding="utf-8")
    jonas_turns = tagged(0, "Er is wel concurrentie tussen de bedrijven.", "protect_position")
    jonas_turns = tagged(
        1, "Het vertrouwen groeit als iedereen iets bijdraagt.", "trust.built", jonas_turns
    )
    jonas_turns = tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted", jonas_turns)
    (jonas / "interviews" / "a1.txt").write_text(a1(*jonas_turns), encoding="utf-8")
    word_file(
        lotte / "interviews" / "a2.docx",
        [
            (ANSWERS[0], "not_acquainted", "Lotte Peeters"),
            (ANSWERS[1], None, ""),
            (ANSWERS[2], None, ""),
        ],
    )
    word_file(
        jonas / "interviews" / "a2.docx",
        [
            (ANSWERS[0], None, ""),
            (ANSWERS[1], "protect_position", "Jonas De Vos"),
            (ANSWERS[2], "trust", "Jonas De Vos"),
        ],
    )
    (jonas / "interviews" / "a3.txt").write_text(A3, encoding="utf-8")
    code(lotte, "--coder", "lotte")
    code(jonas, "--coder", "jonas")
    return lotte, jonas


JONAS_WORK = [
    (
        "interviews/a1.txt",
        "competition.protect_position",
        "jonas",
        "tag",
        "Er is wel concurrentie tussen de bedrijven.",
    ),
    (
        "interviews/a1.txt",
        "trust.not_acquainted",
        "jonas",
        "tag",
        "We kennen elkaar nog niet goed.",
    ),
    (
        "interviews/a1.txt",
        "trust.built",
        "jonas",
        "tag",
        "Het vertrouwen groeit als iedereen iets bijdraagt.",
    ),
    ("interviews/a2.docx", "competition.protect_position", "Jonas De Vos", "comment", ANSWERS[1]),
    ("interviews/a2.docx", "trust", "Jonas De Vos", "comment", ANSWERS[2]),
]


def test_merge_adds_the_second_coder_s_work_on_the_same_text(team: tuple[Path, Path]) -> None:
    lotte, jonas = team
    own = rows(lotte)
    jonas_store = dump_store(jonas)
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0, out
    assert "added 5 codings (2 by Jonas De Vos, 3 by jonas; 2 from comments, 3 from tags)" in out
    assert "not in this project: interviews/a3.txt (no coding by hand)" in out
    assert "the store as it was is in .lernet/backups/lernet-" in out
    assert sorted(quoted(lotte, "c.source = 'merge'")) == sorted(JONAS_WORK)
    # Nothing of Lotte's own changed; Jonas's project was only read.
    assert rows(lotte, "c.source != 'merge'") == own
    assert dump_store(jonas) == jonas_store
    assert [p.name for p in (lotte / ".lernet" / "backups").iterdir()][0].startswith("lernet-")
    assert not [p for p in (lotte / ".lernet").iterdir() if p.name.startswith(".copy-")]
    # The second coder's interview that this project lacks was not added.
    assert {str(r[0]) for r in rows(lotte)} == {"interviews/a1.txt", "interviews/a2.docx"}


def test_merging_twice_adds_nothing_and_leaves_the_store_alone(team: tuple[Path, Path]) -> None:
    lotte, jonas = team
    assert run("merge", str(jonas), project=lotte)[0] == 0
    before = dump_store(lotte)
    backups = sorted((lotte / ".lernet" / "backups").iterdir())
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0 and "no coding to add" in out and "5 codings already here" in out
    assert dump_store(lotte) == before
    assert sorted((lotte / ".lernet" / "backups").iterdir()) == backups


def test_agreement_on_the_merged_transcripts_and_one_person_with_two_names(
    team: tuple[Path, Path],
) -> None:
    lotte, jonas = team
    status, out = run("agree", "lotte", "jonas", project=lotte)
    assert status == 2 and "lernet merge FOLDER" in out
    assert run("merge", str(jonas), project=lotte)[0] == 0
    result = data("agree", "lotte", "jonas", project=lotte)
    # a1's three participant turns: lotte tagged two codes, jonas three (one the same).
    assert result["overall"]["units"] == 3 * 4
    assert {c["id"]: c["agreement"] for c in result["codes"]}["trust.not_acquainted"] == 1.0
    # Word comments are by "Lotte Peeters", tags by "lotte": two coders until said to be one.
    status, out = run("coders", project=lotte)
    assert 'lernet coders same "Lotte Peeters" "lotte"' in out
    assert 'lernet coders same "Jonas De Vos" "jonas"' in out
    status, out = run("coders", "same", "Lotte Peeters", "lotte", project=lotte)
    assert status == 0 and "Lotte Peeters = lotte: one person" in out
    assert run("coders", "same", "Jonas De Vos", "JONAS", project=lotte)[0] == 0
    people = {r["name"]: r["person"] for r in data("coders", project=lotte)}
    assert people == {
        "lotte": "Lotte Peeters",
        "Lotte Peeters": "Lotte Peeters",
        "jonas": "Jonas De Vos",
        "Jonas De Vos": "Jonas De Vos",
    }
    result = data("agree", "lotte", "jonas", "--no-anonymize", project=lotte)
    assert (result["coder_a"], result["coder_b"]) == ("Lotte Peeters", "Jonas De Vos")
    # Both files' six turns now, five codes used, of which `trust` is the parent of two: its
    # row is not pooled again, but Jonas's comment naming the theme itself is ("trust (itself)");
    # the themes above the other codes are rows too, not pooled either.
    assert result["overall"]["units"] == (3 + 3) * 5
    assert len(result["codes"]) == 7
    assert sum(c["pooled"] for c in result["codes"]) == 4
    status, out = run("agree", "lotte", "Lotte Peeters", project=lotte)
    assert status == 2 and "are one person" in out
    # Tallies and the report's method count the person once.
    counted = data("tally", "--coder", "jonas", project=lotte)
    tally = {r["id"]: r["participants"] for t in counted["themes"] for r in t["codes"]}  # type: ignore[index]
    assert tally["competition.protect_position"] == 2
    listed = data("codings", "--coder", "jonas", "--no-anonymize", project=lotte)
    assert {r["coder"] for r in listed} == {"Jonas De Vos"}  # type: ignore[attr-defined]
    out_md = lotte / "report.md"
    assert run("report", "-o", str(out_md), "--no-anonymize", project=lotte)[0] == 0
    method = out_md.read_text(encoding="utf-8").split("# ", 3)[1]
    assert "Jonas De Vos en Lotte Peeters codeerden allebei 2 interviews" in method
    assert "| Opmerkingen in de transcripten" in method and "merge" not in method
    # Apart again.
    assert run("coders", "apart", "lotte", project=lotte)[0] == 0
    apart = data("agree", "lotte", "jonas", "--no-anonymize", project=lotte)
    assert apart["coder_a"] == "lotte"  # type: ignore[index]
    status, out = run("coders", "apart", "nobody", project=lotte)
    assert status == 2 and "'nobody' is not one person with another name" in out


def test_coders_same_refuses_the_rules_and_needs_two_names(team: tuple[Path, Path]) -> None:
    lotte, _ = team
    before = dump_store(lotte)
    for args in (["auto", "lotte"], ["lotte"], ["lotte", "LOTTE"]):
        status, out = run("coders", "same", *args, project=lotte)
        assert status == 2 and out.count("\n") == 1 and "Traceback" not in out, out
    assert dump_store(lotte) == before
    status, out = run("coders", "same", "lotte", "Lotte P.", project=lotte)
    assert status == 0 and "nobody codes or reviews as 'Lotte P.' here (yet)" in out


def test_an_anonymized_qdpx_of_the_copy_merges_to_the_same_places(
    team: tuple[Path, Path], tmp_path: Path
) -> None:
    lotte, jonas = team
    archive = tmp_path / "jonas.qdpx"
    assert run("export", "qdpx", str(archive), project=jonas)[0] == 0
    twin = tmp_path / "twin"
    shutil.copytree(lotte, twin)
    assert run("merge", str(jonas), project=twin)[0] == 0
    # an anonymized archive names its coders by pseudonyms: --rename gives their names back
    # (the un-anonymized archive's Description says who is who)
    named = tmp_path / "named.qdpx"
    assert run("export", "qdpx", str(named), "--no-anonymize", project=jonas)[0] == 0
    with zipfile.ZipFile(named) as zf:
        said = zf.read("project.qde").decode("utf-8")
    assert "Codeur 2 = Jonas De Vos; Codeur 1 = jonas" in said
    status, out = run(
        "merge",
        str(archive),
        "--rename",
        "Codeur 2=Jonas De Vos",
        "--rename",
        "Codeur 1=jonas",
        project=lotte,
    )
    assert status == 0 and "added 5 codings" in out and "5 imported" in out, out
    assert "by the rules or the protocol: this project makes its own" in out
    assert "not in this project: interviews/a3.txt" in out
    placed = {(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows(lotte, "c.source = 'merge'")}
    assert placed == {
        (r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows(twin, "c.source = 'merge'")
    }
    status, out = run("merge", str(jonas), project=lotte)
    assert "no coding to add" in out and "5 codings already here" in out


def test_a_copy_made_after_coding_adds_only_the_second_coder_s_work(
    team: tuple[Path, Path], tmp_path: Path
) -> None:
    lotte, _ = team
    copy = tmp_path / "copy"
    shutil.copytree(lotte, copy)
    word_file(
        copy / "interviews" / "a2.docx",
        [
            (ANSWERS[0], "not_acquainted", "Lotte Peeters"),
            (ANSWERS[1], "protect_position", "Jonas"),
            (ANSWERS[2], None, ""),
        ],
    )
    code(copy)
    status, out = run("merge", str(copy), project=lotte)
    assert status == 0, out
    assert "added 1 coding (1 by Jonas; 1 from comments)" in out
    assert "already here" in out and "codes in this project already" not in out


def test_one_name_for_two_people_is_left_out_until_renamed(tmp_path: Path) -> None:
    lotte = make_project(tmp_path / "a")
    jonas = make_project(tmp_path / "b")
    (lotte / "interviews" / "a1.txt").write_text(
        a1(*tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted")), encoding="utf-8"
    )
    (jonas / "interviews" / "a1.txt").write_text(
        a1(*tagged(1, "Wij delen onze kennis graag.", "knowledge")), encoding="utf-8"
    )
    code(lotte)
    code(jonas)
    before = dump_store(lotte)
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0 and "left out 1 coding by manual, who codes in this project" in out
    assert "--rename 'manual=NAME'" in out and dump_store(lotte) == before
    status, out = run("merge", str(jonas), "--rename", "manual=jonas", project=lotte)
    assert status == 0 and "added 1 coding (1 by jonas" in out
    assert quoted(lotte, "c.source = 'merge'") == [
        (
            "interviews/a1.txt",
            "interest_balance.knowledge",
            "jonas",
            "tag",
            "Wij delen onze kennis graag.",
        )
    ]


def test_two_copies_under_one_name_are_two_people_until_renamed(tmp_path: Path) -> None:
    """The supervisor merges two students who both tagged under the default name: the second
    copy holds none of the first one's work, so it is not added under that name."""
    sup = make_project(tmp_path / "sup")
    (sup / "interviews" / "a1.txt").write_text(a1(*TURNS), encoding="utf-8")
    code(sup)
    dora, eva = tmp_path / "dora", tmp_path / "eva"
    shutil.copytree(sup, dora)
    shutil.copytree(sup, eva)
    (dora / "interviews" / "a1.txt").write_text(
        a1(*tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted")), encoding="utf-8"
    )
    (eva / "interviews" / "a1.txt").write_text(
        a1(*tagged(1, "Wij delen onze kennis graag.", "knowledge")), encoding="utf-8"
    )
    code(dora)
    code(eva)
    status, out = run("merge", str(dora), project=sup)
    assert status == 0 and "added 1 coding (1 by manual" in out
    before = dump_store(sup)
    status, out = run("merge", str(eva), project=sup)
    assert status == 0 and "left out 1 coding by manual: an earlier merge" in out
    assert "--rename 'manual=NAME'" in out and dump_store(sup) == before
    status, out = run("merge", str(eva), "--rename", "manual=eva", project=sup)
    assert status == 0 and "added 1 coding (1 by eva" in out
    # dora codes more later: her copy holds her earlier work, so the new coding comes in
    (dora / "interviews" / "a1.txt").write_text(
        a1(
            *tagged(
                2,
                "Het weer was mooi die dag",
                "not_acquainted",
                tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted"),
            )
        ),
        encoding="utf-8",
    )
    code(dora)
    status, out = run("merge", str(dora), project=sup)
    assert status == 0 and "added 1 coding (1 by manual" in out and "an earlier merge" not in out
    assert [(r[2], r[5]) for r in rows(sup, "c.source = 'merge'")] == [
        ("trust.not_acquainted", "manual"),
        ("interest_balance.knowledge", "eva"),
        ("trust.not_acquainted", "manual"),
    ]


def test_review_decisions_are_taken_over_only_when_asked(tmp_path: Path) -> None:
    lotte = make_project(tmp_path / "a")
    (lotte / "interviews" / "a1.txt").write_text(a1(*TURNS), encoding="utf-8")
    code(lotte)
    jonas = tmp_path / "b"
    shutil.copytree(lotte, jonas)
    assert len(rows(lotte, "c.status = 'pending'")) == 4
    status, out = run("review", "--reviewer", "jonas", project=jonas, input="a\nr\nq\n")
    assert status == 0, out
    before = dump_store(lotte)
    status, out = run("merge", str(jonas), project=lotte)
    assert "jonas reviewed 2 rule codings there: 2 on codings still pending here" in out
    assert dump_store(lotte) == before
    status, out = run("merge", str(jonas), "--reviews", project=lotte)
    assert status == 0 and "2 taken over (pending here)" in out, out
    decided = {(r[2], r[8]) for r in rows(lotte, "c.status != 'pending'")}
    assert decided == {(r[2], r[8]) for r in rows(jonas, "c.status != 'pending'")}
    assert len(decided) == 2
    status, out = run("merge", str(jonas), "--reviews", project=lotte)
    assert "2 decided alike here, 0 differently" in out


def test_merged_codings_survive_re_coding_an_edited_file(team: tuple[Path, Path]) -> None:
    lotte, jonas = team
    assert run("merge", str(jonas), project=lotte)[0] == 0
    path = lotte / "interviews" / "a1.txt"
    path.write_text(
        "I: Eerst dit.\nR: Een nieuwe eerste beurt.\n" + path.read_text("utf-8"), "utf-8"
    )
    code(lotte)
    assert sorted(quoted(lotte, "c.source = 'merge'")) == sorted(JONAS_WORK)


def test_map_span_through_hidden_names_and_spaces() -> None:
    ours = "Ja, Els heeft mij goed opgevangen,  en Wouter ook."
    theirs = "Ja, [naam] heeft mij goed opgevangen, en [naam] ook."
    a, b = map_span(theirs, ours, 4, theirs.index(",", 5))
    assert ours[a:b] == "Els heeft mij goed opgevangen"
    a, b = map_span(theirs, ours, theirs.index("en ["), len(theirs) - 1)
    assert ours[a:b] == "en Wouter ook"


# --- bad input: one line, its exit code, and the store as it was ---------------------------


def _not_a_project(d: Path) -> Path:
    (d / "just_a_folder").mkdir()
    return d / "just_a_folder"


def _no_store(d: Path) -> Path:
    return make_project(d / "empty")


def _garbage_store(d: Path) -> Path:
    root = make_project(d / "broken")
    (root / ".lernet").mkdir()
    (root / ".lernet" / "lernet.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    return root


def _truncated_store(d: Path) -> Path:
    root = make_project(d / "cut")
    (root / "interviews" / "a1.txt").write_text(a1(*TURNS) * 40, encoding="utf-8")
    code(root)
    db = root / ".lernet" / "lernet.db"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    return root


def _other_sqlite(d: Path) -> Path:
    conn = sqlite3.connect(d / "other.db")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return d / "other.db"


def _word_file(d: Path) -> Path:
    return word_file(d / "interview.docx", [(ANSWERS[0], None, "")])


def _text_file(d: Path) -> Path:
    (d / "notes.qdpx").write_text("not an archive", encoding="utf-8")
    return d / "notes.qdpx"


def _missing(d: Path) -> Path:
    return d / "nowhere"


@pytest.mark.parametrize(
    ("make", "exit_code", "message"),
    [
        (_missing, 2, "no such folder or file"),
        (_not_a_project, 3, "not a lernet project (no lernet.yaml)"),
        (_no_store, 3, "a lernet project with no store yet"),
        (_garbage_store, 7, "not a lernet store, or a damaged one"),
        (_truncated_store, 7, "damaged"),
        (_other_sqlite, 7, "not a lernet store (tables missing)"),
        (_word_file, 3, "not a REFI-QDA project"),
        (_text_file, 3, "not a REFI-QDA project (a .qdpx is a zip archive"),
    ],
)
def test_bad_other_is_one_line_and_leaves_the_store(
    team: tuple[Path, Path], tmp_path: Path, make: object, exit_code: int, message: str
) -> None:
    lotte, _ = team
    other = make(tmp_path)  # type: ignore[operator]
    before = dump_store(lotte)
    result = runner.invoke(app, ["merge", str(other), "--project", str(lotte)])
    assert result.exit_code == exit_code, result.stderr
    assert result.stderr.startswith("lernet: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr and str(other.name) in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert dump_store(lotte) == before
    assert not (lotte / ".lernet" / "backups").exists()
    assert not [p for p in (lotte / ".lernet").iterdir() if p.name.startswith(".copy-")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rename", "manual"], "--rename takes OLD=NEW"),
        (["--rename", "manual=auto"], "is the rules or the protocol"),
    ],
)
def test_bad_options_and_this_project_itself(
    team: tuple[Path, Path], args: list[str], message: str
) -> None:
    lotte, jonas = team
    before = dump_store(lotte)
    for cmd, text in (
        (["merge", str(jonas), *args], message),
        (["merge", str(lotte)], "that is this project"),
        (["merge", str(lotte / ".lernet" / "lernet.db")], "this project's own store"),
    ):
        result = runner.invoke(app, [*cmd, "--project", str(lotte)])
        assert result.exit_code == 2 and text in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert dump_store(lotte) == before


# --- memos ------------------------------------------------------------------------------------

NOTE = "Later navragen: bedoelt ze het hele netwerk?"


@pytest.fixture
def memo_team(tmp_path: Path) -> tuple[Path, Path]:
    """Lotte's project and Jonas's copy, each with memos: a Word comment that names no code (Lotte's
    in both files, Jonas's only in his), a tag of a code the codebook lacks, and a memo on an
    interview this project does not have."""
    lotte = make_project(tmp_path / "studie")
    jonas = make_project(tmp_path / "studie_jonas")
    for root in (lotte, jonas):
        (root / "interviews" / "a1.txt").write_text(a1(*TURNS), encoding="utf-8")
    lotte_said = (ANSWERS[0], "Mooi citaat", "Lotte Peeters")
    word_file(lotte / "interviews" / "a2.docx", [lotte_said, (ANSWERS[1], None, ""), *[]])
    word_file(
        jonas / "interviews" / "a2.docx",
        [lotte_said, (ANSWERS[1], NOTE, "Jonas De Vos"), (ANSWERS[2], None, "")],
    )
    (jonas / "interviews" / "a1.txt").write_text(
        a1(*tagged(2, "Het weer was mooi die dag", "weer")), encoding="utf-8"
    )
    (jonas / "interviews" / "a3.txt").write_text(
        A3.replace("over kennis", "[[opvallend: over kennis]]"), encoding="utf-8"
    )
    code(lotte, "--coder", "lotte")
    code(jonas, "--coder", "jonas")
    return lotte, jonas


def memo_rows(project: Path) -> list[tuple[object, ...]]:
    """(file, segment, author, memo, marked text, source) of every memo, names as said."""
    listed = data("memos", "--no-anonymize", project=project)
    return sorted(
        (r["file"], r["segment"], r["author"], r["memo"], r["text"], r["source"])  # type: ignore[index]
        for r in listed  # type: ignore[attr-defined]
    )


JONAS_MEMOS = [
    ("interviews/a1.txt", 6, "jonas", "weer", "Het weer was mooi die dag", "merge"),
    ("interviews/a2.docx", 4, "Jonas De Vos", NOTE, ANSWERS[1], "merge"),
]


def test_merge_brings_the_second_coder_s_memos_once(memo_team: tuple[Path, Path]) -> None:
    lotte, jonas = memo_team
    own = memo_rows(lotte)
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0, out
    assert "no coding to add; added 2 memos to 2 transcripts" in out
    assert "1 memo already here: not added again" in out  # Lotte's comment, in both files
    assert "not in this project: interviews/a3.txt (no coding by hand, 1 memo)" in out
    assert "memos are not merged" not in out
    assert memo_rows(lotte) == sorted([*own, *JONAS_MEMOS])
    before = dump_store(lotte)
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0 and "no coding to add, no memo" in out and "3 memos already here" in out
    assert dump_store(lotte) == before


def test_merged_memos_stay_when_the_file_is_coded_again(memo_team: tuple[Path, Path]) -> None:
    lotte, jonas = memo_team
    assert run("merge", str(jonas), project=lotte)[0] == 0
    path = lotte / "interviews" / "a1.txt"
    path.write_text(
        "I: Eerst dit.\nR: Een nieuwe eerste beurt.\n" + path.read_text("utf-8"), "utf-8"
    )
    code(lotte)
    moved = [(r[0], r[1] + 2, *r[2:]) if r[0] == "interviews/a1.txt" else r for r in JONAS_MEMOS]
    assert [r for r in memo_rows(lotte) if r[5] == "merge"] == moved


def test_memos_come_from_a_qdpx_to_the_same_places(
    memo_team: tuple[Path, Path], tmp_path: Path
) -> None:
    lotte, jonas = memo_team
    archive = tmp_path / "jonas.qdpx"
    assert run("export", "qdpx", str(archive), "--no-anonymize", project=jonas)[0] == 0
    twin = tmp_path / "twin"
    shutil.copytree(lotte, twin)
    assert run("merge", str(jonas), project=twin)[0] == 0
    status, out = run("merge", str(archive), project=lotte)
    assert status == 0 and "added 2 memos" in out and "1 memo already here" in out, out
    assert "not in this project: interviews/a3.txt (no coding by hand, 1 memo)" in out
    merged = [r[:5] for r in memo_rows(lotte) if r[5] == "merge"]
    assert merged == [r[:5] for r in memo_rows(twin) if r[5] == "merge"]
    status, out = run("merge", str(jonas), project=lotte)
    assert "no coding to add, no memo" in out and "3 memos already here" in out


def test_a_memo_under_a_name_used_here_waits_for_rename(tmp_path: Path) -> None:
    lotte = make_project(tmp_path / "a")
    jonas = make_project(tmp_path / "b")
    (lotte / "interviews" / "a1.txt").write_text(
        a1(*tagged(0, "We kennen elkaar nog niet goed.", "not_acquainted")), encoding="utf-8"
    )
    (jonas / "interviews" / "a1.txt").write_text(
        a1(*tagged(1, "Wij delen onze kennis graag.", "delen")), encoding="utf-8"
    )
    code(lotte)
    code(jonas)
    before = dump_store(lotte)
    status, out = run("merge", str(jonas), project=lotte)
    assert status == 0 and "left out 1 memo by manual, who codes in this project" in out
    assert dump_store(lotte) == before
    status, out = run("merge", str(jonas), "--rename", "manual=jonas", project=lotte)
    assert status == 0 and "added 1 memo" in out, out
    assert [r for r in memo_rows(lotte) if r[5] == "merge"] == [
        ("interviews/a1.txt", 4, "jonas", "delen", "Wij delen onze kennis graag.", "merge")
    ]


def test_the_project_a_nested_one_lies_in_keeps_the_researcher_s_own_work(
    tmp_path: Path,
) -> None:
    """`lernet init --nested` for one wave, then `lernet merge ..`: the enclosing project is the
    researcher's own, not a copy of this one, so her work there comes in although she codes
    here too (Word comments by her in both); what is here already is not added twice."""
    parent = make_project(tmp_path / "studie")
    wave1, wave2 = parent / "interviews" / "golf1", parent / "interviews" / "golf2"
    wave1.mkdir()
    wave2.mkdir()
    (wave1 / "a1.txt").write_text(A3, encoding="utf-8")
    word_file(
        wave2 / "a2.docx",
        [
            (ANSWERS[0], "not_acquainted", "Els Wuyts"),
            (ANSWERS[1], None, ""),
            (ANSWERS[2], None, ""),
        ],
    )
    (wave2 / "b2.txt").write_text(a1(*TURNS), encoding="utf-8")
    # the wave-2 project, nested in the study's folder, codes the wave-2 folder
    nested = parent / "analyse golf 2"
    status, out = run("init", str(nested), "--nested")
    assert status == 0, out
    status, out = run("code", str(wave2), project=nested)
    assert status == 0, out
    # later, in the study's own project, she tags a turn of wave 2 and codes everything
    (wave2 / "b2.txt").write_text(
        a1(*tagged(1, "Wij delen onze kennis graag.", "knowledge brengen")), encoding="utf-8"
    )
    code(parent, "--coder", "Els Wuyts")
    status, out = run("merge", str(parent), project=nested)
    assert status == 0, out
    assert "added 1 coding (1 by Els Wuyts; 1 from tags)" in out, out
    assert "codes in this project already" not in out and "--rename" not in out
    assert "1 coding already here" in out  # her Word comment, read here too
    assert (
        f"1 transcript of {parent} (the project this one is nested in) is not in this project "
        "(in interviews/golf1)\n"
    ) in out
    assert "lernet: not in this project:" not in out  # one line, not one per transcript
    assert quoted(nested, "c.source = 'merge'") == [
        (
            str(wave2 / "b2.txt"),
            "interest_balance.knowledge",
            "Els Wuyts",
            "tag",
            "Wij delen onze kennis graag.",
        )
    ]
    before = dump_store(nested)
    status, out = run("merge", str(parent), project=nested)
    assert status == 0 and "no coding to add" in out, out
    assert dump_store(nested) == before
