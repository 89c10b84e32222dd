"""Counting after a codebook edit: a code renamed before `lernet code` is named in the warning,
not silently shown as 0x (QA14, finding 5); codings under a code removed from the codebook are
left out alike by tally, quotes, matrix, the report (its method figures) and both exports, with
one line that says how many and why, and how to drop them (`lernet codebook removed`) or keep
them (finding 6)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.orphans import drop_codings, left_out, left_out_line, renamed_pairs
from lernet_cli.store.store import Store

runner = CliRunner()

CODEBOOK = """\
version: 1
name: edits
language: nl
themes:
  - id: trust
    label: {nl: Vertrouwen}
    codes:
      - id: not_acquainted
        label: {nl: Elkaar nog niet goed kennen}
        match:
          - any: [onbekend]
      - id: vision
        label: {nl: Gedeelde visie}
        match:
          - any: [visie]
  - id: exchange
    label: {nl: Uitwisseling}
    analysis: matrix
    directional: true
    directions:
      bring: [geef]
      take: [krijg]
    codes:
      - id: knowledge
        label: {nl: Kennis}
        match:
          - any: [kennis]
"""

SAID = {
    "R01": "De leden zijn onbekend voor mij. De visie is gedeeld. Ik geef kennis.",
    "R02": "Veel leden zijn onbekend. Ik krijg kennis.",
}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def coded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "p"
    (root / "t").mkdir(parents=True)
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    for pid, said in SAID.items():
        (root / "t" / f"{pid}.txt").write_text(f"I: Hoe gaat het?\nR: {said}\n", encoding="utf-8")
    monkeypatch.chdir(root)
    ok, _, err = run("code", "t")
    assert ok == 0, err
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "codebook.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _accept(root: Path, code: str) -> int:
    """A person accepts the rules' codings of `code` (review): they stay when the code goes."""
    with Store.open(root / ".lernet" / "lernet.db") as store, store.transaction() as conn:
        return int(
            conn.execute(
                "UPDATE codings SET status = 'accepted', reviewer = 'Lieke' WHERE code = ?",
                (code,),
            ).rowcount
        )


# --- finding 5: a code renamed in the codebook, before `lernet code` --------------------------


def test_a_renamed_code_is_named_in_the_warning_of_every_count(coded: Path) -> None:
    before = _counts()["trust.not_acquainted"]
    _edit(coded, "id: not_acquainted", "id: unfamiliar")
    for command in (
        ["tally"],
        ["quotes", "--code", "trust.unfamiliar"],
        ["matrix"],
        ["report", "-o", "r.md", "--force"],
    ):
        ok, _, err = run(*command)
        assert ok == 0, (command, err)
        warning = " ".join(line for line in err.splitlines() if "warning" in line)
        assert "as they were at the last `lernet code`" in warning, command
        assert "trust.unfamiliar (new in it) shows nothing yet" in warning, command
        assert "2 codings under trust.not_acquainted, which it no longer has" in warning, command
        assert "are left out" in warning, command
        assert "lernet codebook renamed trust.not_acquainted trust.unfamiliar" in warning, command
    # `lernet code` brings them back under the new id
    assert run("code")[0] == 0
    assert _counts()["trust.unfamiliar"] == before > 0


def _counts() -> dict[str, int]:
    ok, out, err = run("tally", "--format", "json")
    assert ok == 0 and "warning" not in err, err
    return {c["id"]: c["participants"] for c in _codes(json.loads(out)["themes"])}


def _codes(items: list[dict]) -> list[dict]:
    return [x for i in items for x in [i, *_codes(i.get("codes", []))]]


def test_likely_renames_pair_one_lost_and_one_new_code_of_a_parent() -> None:
    assert renamed_pairs(["trust.a"], ["trust.b"]) == [("trust.a", "trust.b")]
    assert renamed_pairs(["trust.a"], ["trust.b", "trust.c"]) == []
    assert renamed_pairs(["trust.a"], ["other.b"]) == []


# --- finding 6: a code removed from the codebook on purpose ------------------------------------


def _outputs(root: Path) -> dict[str, tuple[int, str]]:
    """Each output's count of codings, and what it says on stderr."""
    ok, out, tally_err = run("tally", "--format", "json")
    assert ok == 0, tally_err
    ok, _, csv_err = run("export", "csv", "c.csv", "--force")
    assert ok == 0, csv_err
    with (root / "c.csv").open(encoding="utf-8-sig") as f:
        csv_rows = list(csv.DictReader(f, delimiter=";"))
    ok, _, qdpx_err = run("export", "qdpx", "q.qdpx", "--force")
    assert ok == 0, qdpx_err
    with zipfile.ZipFile(root / "q.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    ok, _, report_err = run("report", "-o", "r.md", "--force")
    assert ok == 0, report_err
    report = (root / "r.md").read_text(encoding="utf-8")
    counted = int(report.split("De tellingen berusten op ")[1].split(" ")[0])
    return {
        "csv": (len(csv_rows), csv_err),
        "qdpx": (qde.count("<Coding "), qdpx_err),
        "report": (counted, report_err + report),
        "tally": (
            sum(c["segments"] for c in _codes(json.loads(out)["themes"])[1:] if "." in c["id"]),
            tally_err,
        ),
    }


def test_a_removed_code_is_left_out_alike_everywhere(coded: Path) -> None:
    before = _outputs(coded)
    assert _accept(coded, "trust.vision") == 1
    vision = "      - id: vision\n        label: {nl: Gedeelde visie}\n        match:\n"
    _edit(coded, vision + "          - any: [visie]\n", "")
    ok, _, err = run("code")
    assert ok == 0, err
    assert "stored under a code the codebook does not have" in err
    assert "removed it on purpose? lernet codebook removed trust.vision drops them" in err
    after = _outputs(coded)
    for where, (n, said) in after.items():
        assert n == before[where][0] - 1, where
        assert "left out 1 coding under a code codebook.yaml no longer has" in said, where
        assert "trust.vision" in said, where
    assert (
        "1 codering onder codes die het codeboek niet meer heeft (trust.vision) telt niet mee"
        in (after["report"][1])
    )
    for command in (["quotes", "--code", "exchange.knowledge"], ["matrix"]):
        ok, _, err = run(*command)
        assert ok == 0 and "left out 1 coding under" in err, command
    # dropping them on purpose: nothing is said any more, the counts stay
    ok, _, err = run("codebook", "removed", "vision")
    assert ok == 0, err
    assert "dropped 1 stored row under trust.vision" in err
    dropped = _outputs(coded)
    for where, (n, said) in dropped.items():
        assert n == after[where][0], where
        assert "left out" not in said, where


def test_codebook_removed_refuses_a_code_still_in_the_codebook_or_unknown(coded: Path) -> None:
    db = (coded / ".lernet" / "lernet.db").read_bytes()
    ok, _, err = run("codebook", "removed", "trust.vision")
    assert ok != 0 and "is still in the codebook; remove it there first" in err
    ok, _, err = run("codebook", "removed", "nothing")
    assert ok != 0 and "nothing is stored under 'nothing'" in err
    assert "Traceback" not in err
    assert (coded / ".lernet" / "lernet.db").read_bytes() == db


def test_left_out_counts_and_drop_in_the_library(coded: Path) -> None:
    _accept(coded, "trust.vision")
    _edit(coded, "id: vision", "id: shared_vision")
    codebook = load_codebook(coded / "codebook.yaml", with_rules=False)
    with Store.open(coded / ".lernet" / "lernet.db") as store:
        counts = left_out(store, codebook)
        assert counts == {"trust.vision": 1}
        line = left_out_line(counts, "codebook.yaml")
        assert "lernet codebook renamed trust.vision NEW_ID" in line
        assert "lernet codebook removed trust.vision" in line
        done = drop_codings(store, codebook, "trust.vision")
        assert done.codes == ["trust.vision"] and done.rows == 1
        assert left_out(store, codebook) == {}


# --- finding 11: the report builds no codebook's rules when the codings are fresh ---------------


def test_a_fresh_report_builds_no_rules(coded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The method section knows the rules' digest from the last `lernet code` and keeps the
    bundled codebook's in the cache: building either costs a second on a large codebook."""
    import lernet_cli.coding.digests as digests

    ok, _, err = run("report", "-o", "first.md", "--force")
    assert ok == 0, err

    def built(*args: object) -> str:
        raise AssertionError("the codebook's rules were built")

    monkeypatch.setattr(digests, "rules_digest", built)
    ok, _, err = run("report", "-o", "second.md", "--force")
    assert ok == 0, err
    assert (coded / "second.md").read_text(encoding="utf-8").replace("second", "first") == (
        coded / "first.md"
    ).read_text(encoding="utf-8")
