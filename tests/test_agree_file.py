"""`lernet agree --file PATTERN` and `lernet export csv --file PATTERN`: agreement (and the
codings) of one wave, as tally and quotes take --file; a selection that keeps nothing to compare
or export is one line naming the pattern."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lernet_cli.analysis.agreement import agreement
from lernet_cli.analysis.scope import file_scope
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.errors import UsageError
from lernet_cli.store.store import Store

from .conftest import dump_store, invoke_cli

TEXTS = {
    "Golf 1/t0.txt": "I: Vraag?\nR: We kennen elkaar nog niet goed.\n",
    "Golf 1/t1.txt": "I: Vraag?\nR: Concurrentie is er wel.\n",
    "Golf 2/t2.txt": "I: Vraag?\nR: Het weer is mooi.\n",
    "Golf 3/t3.txt": "I: Vraag?\nR: Niets te melden.\n",
}


@pytest.fixture
def waves(project: Path) -> Path:
    """anna coded t0 (as the rules did) and t2 (the rules did not) by hand; nobody coded t3
    but the rules, which found nothing there. Wave 1 agrees fully, wave 2 not at all."""
    for name, text in TEXTS.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", "Golf 1", "Golf 2")
    assert code == 0, out
    (project / "Golf 3" / "t3.txt").rename(project / "t3.txt")  # not coded: not in the store
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    for path in ("Golf 1/t0.txt", "Golf 2/t2.txt"):
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "created_at) VALUES (?, 2, 'trust.not_acquainted', 0, 3, 'anna', 'accepted', 'x')",
            (ids[path],),
        )
    conn.commit()
    conn.close()
    return project


def _agree(*args: str) -> dict:  # type: ignore[type-arg]
    code, out = invoke_cli("agree", "anna", "auto", "--format", "json", *args)
    assert code == 0, out
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


def _one_error(out: str) -> str:
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if line.startswith("lernet: error")]
    assert len(lines) == 1, out
    return lines[0]


def test_agreement_of_one_wave(waves: Path) -> None:
    with Store.open(waves / ".lernet" / "lernet.db") as store:
        cb = load_codebook(waves / "codebook.yaml")
        whole = agreement(store, cb, "anna", "auto")
        first = agreement(store, cb, "anna", "auto", scope=file_scope(store, ["Golf 1"], waves))
    assert whole.transcripts == ["Golf 1/t0.txt", "Golf 2/t2.txt"]
    assert first.transcripts == ["Golf 1/t0.txt"]
    assert first.files == ["Golf 1"] and whole.files == []
    row = next(c for c in first.codes if c.id == "trust.not_acquainted")
    assert (row.table.both, row.table.only_a, row.table.only_b) == (1, 0, 0)


def test_agree_file_in_every_format(waves: Path) -> None:
    whole = _agree()
    assert "files" not in whole
    first = _agree("--file", "Golf 1*")
    assert first["files"] == ["Golf 1*"]
    assert first["overall"]["agreement"] == 1.0 and whole["overall"]["agreement"] < 1.0
    second = _agree("--file", "golf 2")
    assert second["overall"]["units"] == 1 and second["overall"]["agreement"] == 0.0
    code, out = invoke_cli("agree", "anna", "auto", "--file", "Golf 1*")
    assert code == 0, out
    # the overall row (the line above the table says "in totaal" too)
    total = next(line for line in out.splitlines() if line.strip(" │┃|").startswith("totaal"))
    assert "100,0%" in total
    code, out = invoke_cli(
        "agree", "anna", "auto", "--file", "Golf 2*", "-f", "csv", "--delimiter", ","
    )
    assert code == 0, out
    overall = next(line for line in out.splitlines() if line.startswith("overall,"))
    assert overall.split(",")[1:3] == ["1", "0.0"]


def test_agree_file_that_matches_nothing(waves: Path) -> None:
    before = dump_store(waves)
    code, out = invoke_cli("agree", "anna", "auto", "--file", "Golf 9*")
    assert code != 0
    line = _one_error(out)
    assert "--file 'Golf 9*' matches no transcript" in line and "Golf 1" in line
    assert dump_store(waves) == before


def test_agree_file_without_a_transcript_both_coded(waves: Path) -> None:
    code, out = invoke_cli("code", "t3.txt")
    assert code == 0, out
    before = dump_store(waves)
    code, out = invoke_cli("agree", "anna", "auto", "--file", "t3*")
    assert code != 0
    line = _one_error(out)
    assert "no transcript in common" in line and "--file 't3*'" in line
    assert "2 in common in the whole project" in line
    assert dump_store(waves) == before


def test_the_library_names_the_patterns(waves: Path) -> None:
    invoke_cli("code", "t3.txt")
    with Store.open(waves / ".lernet" / "lernet.db") as store:
        cb = load_codebook(waves / "codebook.yaml")
        scope = file_scope(store, ["t3.txt", "t3*"], waves)
        with pytest.raises(UsageError, match=r"--file 't3.txt' --file 't3\*' keeps"):
            agreement(store, cb, "anna", "auto", scope=scope)


def test_export_csv_of_a_selection_without_codings(waves: Path) -> None:
    code, out = invoke_cli("code", "t3.txt")
    assert code == 0, out
    code, out = invoke_cli("export", "csv", "w3.csv", "--file", "t3*")
    assert code != 0
    line = _one_error(out)
    assert "--file 't3*'" in line and "no codings" in line
    assert not (waves / "w3.csv").exists()
    code, out = invoke_cli("export", "csv", "w1.csv", "--file", "Golf 1")
    assert code == 0, out
    text = (waves / "w1.csv").read_text(encoding="utf-8-sig")
    assert "t0.txt" in text and "t2.txt" not in text
    code, out = invoke_cli("export", "csv", "w9.csv", "--file", "Golf 9")
    assert code != 0 and "--file 'Golf 9' matches no transcript" in _one_error(out)


def test_agree_says_on_the_screen_which_pseudonym_is_which_name(waves: Path) -> None:
    """The output names people by pseudonym; the screen says who is who, in the order typed."""
    code, out = invoke_cli("agree", "anna", "auto")
    assert code == 0, out
    assert "lernet: note: anna is shown as Codeur 1," in out
    assert "auto is shown" not in out and "auto as" not in out
    code, out = invoke_cli("agree", "anna", "auto", "--no-anonymize")
    assert code == 0 and "is shown as" not in out


def test_tally_says_two_coders_coded_alike_only_of_the_files_it_counts(waves: Path) -> None:
    """ben coded wave 1 beside anna; in wave 2 only anna coded: no note there."""
    conn = sqlite3.connect(waves / ".lernet" / "lernet.db")
    tid = dict(conn.execute("SELECT path, id FROM transcripts"))["Golf 1/t0.txt"]
    conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
        "created_at) VALUES (?, 2, 'trust.not_acquainted', 0, 3, 'ben', 'accepted', 'x')",
        (tid,),
    )
    conn.commit()
    conn.close()
    note = "coded the same transcripts"
    code, out = invoke_cli("tally", "--file", "Golf 1*")
    assert code == 0 and note in out, out
    code, out = invoke_cli("tally", "--file", "Golf 2*")
    assert code == 0 and note not in out, out
