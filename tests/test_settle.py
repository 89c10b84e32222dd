"""Settling a disagreement between two people who coded the same interviews (QA13 8):
`lernet review --coder PERSON [--against OTHER]` accepts or rejects a person's codings with the
reviewer recorded; `lernet agree` still compares what each coded; tally and report say that
their counts include every coder's codings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.review import person_queue
from lernet_cli.store.store import Store

from .conftest import dump_store

runner = CliRunner()

NA, PP = "trust.not_acquainted", "competition.protect_position"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), input=input)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def two_people(project: Path) -> Path:
    """anna and ben each coded t0 and t1 (by Word comment, say): they agree on t0's
    not_acquainted; ben alone gave t1 protect_position, anna alone t1 not_acquainted."""
    for i, text in enumerate(["We kennen elkaar nog niet goed.", "Het weer is mooi."]):
        (project / f"t{i}.txt").write_text(f"I: Vraag?\nR: {text}\n", encoding="utf-8")
    assert run("code", ".")[0] == 0
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    for path, code, coder, note in [
        ("t0.txt", NA, "anna", None),
        ("t0.txt", NA, "ben", None),
        ("t1.txt", PP, "ben", "concurrentie: twijfel"),
        ("t1.txt", NA, "anna", None),
    ]:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "source, note, created_at) VALUES (?, 2, ?, 0, 3, ?, 'accepted', 'comment', ?, 'x')",
            (ids[path], code, coder, note),
        )
    conn.commit()
    conn.close()
    return project


def participants(code: str, *extra: str) -> int:
    _, out, _ = run("tally", "--format", "json", *extra)
    rows = {c["id"]: c for t in json.loads(out)["themes"] for c in [t, *t["codes"]]}
    return int(rows[code]["participants"]) if code in rows else 0


def test_a_person_s_open_codings_and_those_the_other_did_not_give(two_people: Path) -> None:
    with Store.open(two_people / ".lernet" / "lernet.db") as store:
        assert [(r.path, r.code) for r in person_queue(store, "ben")] == [
            ("t0.txt", NA),
            ("t1.txt", PP),
        ]
        assert [(r.path, r.code) for r in person_queue(store, "ben", against="anna")] == [
            ("t1.txt", PP)
        ]
        assert [(r.path, r.code) for r in person_queue(store, "anna", against="ben")] == [
            ("t1.txt", NA)
        ]


def test_review_settles_a_disagreement_and_agree_still_compares_the_coding(
    two_people: Path,
) -> None:
    before = run("agree", "anna", "ben", "--format", "json")[1]
    assert participants(PP) == 1
    _, _, err = run("tally")
    assert "note: anna and ben coded the same transcripts: the counts include every coder's" in err
    assert '--coder "anna" counts one coder\'s only' in err
    assert "coded the same transcripts" not in run("tally", "--coder", "ben")[2]
    code, _, err = run("report", "-o", "report.md")
    assert code == 0 and err.count("coded the same transcripts: the counts include") == 1, err
    method = (two_people / "report.md").read_text(encoding="utf-8")
    assert "De tellingen omvatten de coderingen van iedere codeur" in method
    assert run("report", "-o", "ben.md", "--coder", "ben")[0] == 0
    assert "iedere codeur" not in (two_people / "ben.md").read_text(encoding="utf-8")
    code, out, err = run(
        "review", "--coder", "ben", "--against", "anna", "--reviewer", "anna", input="r\n"
    )
    assert code == 0, err
    assert "coded by ben (a comment)" in out
    assert "0 accepted, 1 rejected, 0 changed, 0 skipped; saved as reviewer 'anna'" in err
    row = (
        sqlite3.connect(two_people / ".lernet" / "lernet.db")
        .execute(
            "SELECT status, reviewer, note FROM codings WHERE coder = 'ben' AND code = ?", (PP,)
        )
        .fetchone()
    )
    assert row == ("rejected", "anna", "concurrentie: twijfel")  # ben's note kept
    assert participants(PP) == 0  # the settled counts
    assert run("agree", "anna", "ben", "--format", "json")[1] == before  # what each coded
    code, _, err = run("review", "--coder", "ben", "--against", "anna", "--reviewer", "anna")
    assert code == 0 and "nothing to settle" in err
    # anna's own differing coding: settled the other way round, kept.
    code, _, err = run(
        "review", "--coder", "anna", "--against", "ben", "--reviewer", "ben", input="a\n"
    )
    assert code == 0 and "1 accepted" in err, err


def test_undo_puts_a_person_s_coding_back_as_it_was(two_people: Path) -> None:
    before = dump_store(two_people)
    code, _, err = run("review", "--coder", "ben", "--reviewer", "anna", input="r\nu\nq\n")
    assert code == 0, err
    assert dump_store(two_people) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coder", "nobody"], "unknown coder 'nobody': --coder takes auto, protocol, similar"),
        (["--against", "anna"], "--against goes with --coder PERSON"),
        (["--coder", "auto", "--against", "anna"], "not a machine coder"),
        (["--coder", "ben", "--against", "BEN"], "--against needs another person than 'ben'"),
        (["--coder", "ben", "--against", "nobody"], "unknown coder 'nobody'"),
        (["--candidates", "--against", "anna"], "--against goes with lernet review --coder"),
    ],
)
def test_bad_settling_options_change_nothing(
    two_people: Path, args: list[str], message: str
) -> None:
    before = dump_store(two_people)
    code, _, err = run("review", *args, input="a\n")
    assert code == 2 and message in err, err
    assert len(err.strip().splitlines()) == 1
    assert dump_store(two_people) == before


def test_tally_reads_no_transcript_reader(project: Path) -> None:
    """`lernet tally`, run again and again, tells people from machine coders without importing
    the readers (the protocol's reading of turns) for the protocol coder's name."""
    import subprocess
    import sys

    from .conftest import coded_with

    coded_with(project, "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    script = (
        "import sys\nfrom lernet_cli.cli import main\nsys.argv = ['lernet', 'tally']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('readers', 'lernet_cli.readers' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    assert "readers False" in done.stderr, done.stderr
