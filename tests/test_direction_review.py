"""A direction changed in review (`lernet review`, answer d) is the rules' coding accepted with the
reviewer's direction: one account in every listing, count and export, and after re-coding."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding import digests
from lernet_cli.store.migrations import MIGRATIONS
from lernet_cli.store.store import Store

runner = CliRunner()
SAYS = "I: Wat doet het netwerk voor u?\nR: Ze delen veel kennis met ons.\n"
KNOWLEDGE = "interest_balance.knowledge"


def run(*args: str, input: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def knowledge(*extra: str) -> list[tuple[object, ...]]:
    rows = json.loads(run("codings", "--no-anonymize", "--format", "json", *extra))
    return [(r["coder"], r["status"], r["direction"]) for r in rows if r["code"] == KNOWLEDGE]


@pytest.fixture
def redirected(project: Path) -> Path:
    (project / "d1.txt").write_text(SAYS, encoding="utf-8")
    run("code", "d1.txt")
    assert knowledge() == [("auto", "pending", "bring")]
    run("review", "--reviewer", "eva", input="d\nhalen\nq\n")
    return project


def test_the_rules_coding_accepted_with_the_reviewers_direction(redirected: Path) -> None:
    assert knowledge() == [("auto", "accepted", "take")]
    assert knowledge("--status", "rejected") == []
    tally = json.loads(run("tally", "--coder", "auto", "--format", "json"))
    counted = {c["id"]: c["participants"] for t in tally["themes"] for c in t["codes"]}
    assert counted[KNOWLEDGE] == 1
    run("export", "csv", "out.csv")
    text = (redirected / "out.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))  # a Dutch project's CSV
    mine = [(r["coder"], r["direction"]) for r in rows if r["code"] == KNOWLEDGE]
    assert len(mine) == 1 and mine[0][1] == "take" and "eva" not in mine[0][0]


@pytest.mark.parametrize("how", ["file edited", "new matcher"])
def test_coding_again_keeps_the_reviewers_direction(
    redirected: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "file edited":
        (redirected / "d1.txt").write_text(SAYS + "I: Dank u.\n", encoding="utf-8")
    else:
        monkeypatch.setattr(digests, "CODER_VERSION", "next")
    run("code", "d1.txt")
    assert knowledge() == [("auto", "accepted", "take")]


def test_a_store_that_kept_it_as_a_rejected_and_a_new_coding_is_migrated(tmp_path: Path) -> None:
    """Before, the rules' coding was rejected and the reviewer's own stored beside it."""
    db = tmp_path / "lernet.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for version, name, sql in MIGRATIONS:
        if version == 16:
            break
        conn.executescript(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    conn.execute(
        "INSERT INTO transcripts (id, path, sha256, participant, n_turns, coded_at) "
        "VALUES (1, 'd1.txt', 'x', 'p1', 2, 'then')"
    )
    conn.execute(
        "INSERT INTO segments (transcript_id, idx, speaker, role, text) "
        "VALUES (1, 2, 'R', 'participant', 'Ze delen veel kennis met ons.')"
    )
    conn.execute(
        "INSERT INTO codings (id, transcript_id, segment, code, start, end, coder, rule, "
        "direction, status, source, note, reviewer, reviewed_at, created_at) VALUES "
        f"(7, 1, 2, '{KNOWLEDGE}', 15, 21, 'auto', 'r', 'bring', 'rejected', 'rule', "
        f"'changed to {KNOWLEDGE} (take)', 'eva', 'then', 'then'), "
        f"(8, 1, 2, '{KNOWLEDGE}', 15, 21, 'eva', NULL, 'take', 'accepted', 'review', "
        "'changed from 7', 'eva', 'then', 'then'), "
        "(9, 1, 2, 'trust', 0, 2, 'eva', NULL, NULL, 'accepted', 'review', "
        "'changed from 7', 'eva', 'then', 'then')"
    )
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        rows = [
            (r.id, r.coder, r.status, r.direction, r.rules_direction)
            for r in store.coding_rows(include_rejected=True)
        ]
    # a code changed in review (answer c) stays the reviewer's own coding
    assert sorted(rows) == [
        (7, "auto", "accepted", "take", "bring"),
        (9, "eva", "accepted", None, None),
    ]
