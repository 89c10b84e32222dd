"""`lernet agree` on too few units to judge (QF73): a kappa or alpha of a code given once, or of
two segments in all, is marked in every format (a column, not a colour), with the rule under
the table; and the table a methods section needs, in Markdown to paste and CSV to read."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.agreement import MIN_EACH, MIN_UNITS, Table2x2, too_few
from lernet_cli.analysis.agreement_all import Coincidences
from lernet_cli.cli import app

runner = CliRunner()

NA, PP = "trust.not_acquainted", "competition.protect_position"
WORDS = (
    "regen zon fiets trein boek kaart tafel stoel lamp deur raam tuin boom bloem gras vogel "
    "hond kat vis brood kaas melk thee koffie"
).split()


def test_the_rule() -> None:
    assert (MIN_UNITS, MIN_EACH) == (10, 5)
    # two segments in all: kappa and alpha 1, and nothing to judge
    two = Table2x2(both=1, neither=1)
    assert two.alpha() == 1 and two.too_few()
    # a code given once in 300 segments, by both: alpha 1 by that one segment
    once = Table2x2(both=1, neither=299)
    assert once.alpha() == 1 and once.too_few()
    # given in 5 units by a coder, left out in the rest: enough to judge
    assert not Table2x2(both=4, only_a=1, neither=20).too_few()
    # given nearly everywhere: left out by a coder in only 4 units
    assert Table2x2(both=20, only_b=4).too_few()
    assert too_few(9, 5, 5) and not too_few(10, 5, 5)
    # three coders: the same rule over their units (a unit with one value is none)
    group = Coincidences()
    for values in [[True, True, True]] * 4 + [[False, False, True]] + [[False] * 3] * 10:
        group.add(values)
    assert (group.units, group.given, group.left_out) == (15, 5, 11)
    assert not group.too_few()
    group.add([True])
    thin = Coincidences()
    thin.add([True, True])
    thin.add([False, False])
    assert thin.too_few() and thin.alpha() == 1


def _insert(root: Path, rows: list[tuple[str, str, str]]) -> None:
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    for path, code, coder in rows:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "source, created_at) VALUES (?, 2, ?, 0, 3, ?, 'accepted', 'comment', 'x')",
            (ids[path], code, coder),
        )
    conn.commit()
    conn.close()


@pytest.fixture(params=["nl", "en"])
def team(project: Path, request: pytest.FixtureRequest) -> tuple[Path, str]:
    """12 one-answer transcripts coded by anna, ben and cas: not_acquainted in 6 of them (ben
    misses one), protect_position in one, by all three: a figure of 1 on one segment."""
    lang = request.param
    (project / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nlanguage: {lang}\n", encoding="utf-8"
    )
    for i in range(12):
        said = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(9))
        (project / f"t{i:02}.txt").write_text(f"I: Vraag?\nR: {said}.\n", "utf-8")
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    rows = []
    for i in range(12):
        path = f"t{i:02}.txt"
        for coder in ("anna", "ben", "cas"):
            if i < 6 and not (coder == "ben" and i == 5):
                rows.append((path, NA, coder))
            if i == 0:
                rows.append((path, PP, coder))
            if i >= 5:  # something coded in every transcript: each coder counts for all 12
                rows.append((path, "trust", coder))
    _insert(project, rows)
    return project, lang


def _csv(out: str) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in csv.DictReader(io.StringIO(out), delimiter=";")}


@pytest.mark.parametrize("coders", [["anna", "ben"], ["anna", "ben", "cas"]])
def test_too_few_in_every_format(team: tuple[Path, str], coders: list[str]) -> None:
    root, lang = team
    r = runner.invoke(app, ["agree", *coders, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    codes = {c["id"]: c for c in data["codes"]}
    assert codes[PP]["alpha"] == 1 and codes[PP]["too_few_units"] is True
    assert codes[NA]["too_few_units"] is False
    assert data["overall"]["too_few_units"] is False
    r = runner.invoke(app, ["agree", *coders, "--format", "csv", "--delimiter", ";"])
    rows = _csv(r.stdout)
    assert r.stdout.splitlines()[0].endswith(";disagreements;too_few_units;coders;unit")
    assert rows[PP]["too_few_units"] == "1" and rows[PP]["alpha"] in ("1", "1.0", "1,0")
    assert rows[NA]["too_few_units"] == rows["overall"]["too_few_units"] == "0"
    few, note = {
        "nl": ("te weinig eenheden", "te weinig eenheden om te beoordelen: minder dan 10"),
        "en": ("too few units", "too few units to judge: fewer than 10 units"),
    }[lang]
    for fmt in ("table", "md"):
        r = runner.invoke(app, ["agree", *coders, "--format", fmt])
        assert r.exit_code == 0, r.stderr
        lines = r.stdout.splitlines()
        pp = next(line for line in lines if PP in line)
        na = next(line for line in lines if NA in line)
        assert few in pp and few not in na, r.stdout
        assert any(line.startswith(note) for line in lines), r.stdout


def test_no_note_column_where_every_figure_can_be_judged(team: tuple[Path, str]) -> None:
    root, lang = team
    r = runner.invoke(app, ["agree", "anna", "ben", "--code", NA])
    assert r.exit_code == 0, r.stderr
    assert "opmerking" not in r.stdout and "note" not in r.stdout
    assert "te weinig" not in r.stdout and "too few" not in r.stdout


def test_markdown_for_a_methods_section(team: tuple[Path, str]) -> None:
    """Who, which units and how many, in how many transcripts, which figures; then a table
    that pastes (the overall in bold) and the notes."""
    root, lang = team
    r = runner.invoke(app, ["agree", "anna", "ben", "--format", "md", "--no-anonymize"])
    assert r.exit_code == 0, r.stderr
    first, blank, header, rule, *rest = r.stdout.splitlines()
    assert (
        first
        == {
            "nl": "anna en ben: 12 fragmenten (beurten van deelnemers) in 12 transcripten die "
            "beiden codeerden; per code en in totaal: percentage overeenstemming, Cohen’s kappa en "
            "Krippendorff’s alpha (nominaal); het totaal telt elke beslissing (eenheid × code) één "
            "keer.",
            "en": "anna and ben: 12 segments (participants' turns) in 12 transcripts both "
            "coded; per code and overall: percent agreement, Cohen’s kappa and Krippendorff’s "
            "alpha (nominal); the overall counts each decision (unit × code) once.",
        }[lang]
    )
    assert blank == ""
    assert (
        header
        == {
            "nl": "| code | eenheden | overeenstemming | kappa | alpha | alpha 95%-BI "
            "| verschillen | opmerking |",
            "en": "| code | units | agreement | kappa | alpha | alpha 95% CI "
            "| disagreements | note |",
        }[lang]
    )
    assert rule == "| --- | --- | --- | --- | --- | --- | --- | --- |"
    total = next(line for line in rest if "totaal" in line or "overall" in line)
    assert total.startswith("| **totaal** | **" if lang == "nl" else "| **overall** | **")
    r = runner.invoke(app, ["agree", "anna", "ben", "--unit", "participant", "-f", "md"])
    assert r.stdout.startswith(
        "Codeur 1 en Codeur 2: 12 deelnemers (noemen zij de code ergens?) in 12 transcripten"
        if lang == "nl"
        else "Coder 1 and Coder 2: 12 participants (do they mention the code anywhere?) in 12"
    )
    r = runner.invoke(app, ["agree", "anna", "ben", "cas", "--format", "md"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0].endswith(
        {
            "nl": ": 12 fragmenten (beurten van deelnemers) in 12 transcripten die minstens "
            "twee van hen codeerden; per code en in totaal: het deel waarop allen het eens zijn "
            "en Krippendorff’s alpha (nominaal; een codeur telt alleen waar die codeerde); het "
            "totaal telt elke beslissing één keer.",
            "en": ": 12 segments (participants' turns) in 12 transcripts at least two of them "
            "coded; per code and overall: the share on which all agree and Krippendorff’s alpha "
            "(nominal; a coder counts only where they coded); the overall counts each decision "
            "once.",
        }[lang]
    )
    r = runner.invoke(app, ["agree", "anna", "ben", "-o", "agreement.md"])
    assert r.exit_code == 0, r.stderr
    assert "| --- |" in (root / "agreement.md").read_text(encoding="utf-8")


def test_the_reports_method_section_says_too_few(team: tuple[Path, str]) -> None:
    """The report quotes the overall kappa and alpha of every pair and of the team: on a pilot
    of two answers it says they mean nothing; on the twelve it says nothing of the kind."""
    root, lang = team
    few = {"nl": "te weinig eenheden om te beoordelen", "en": "too few units to judge"}[lang]
    r = runner.invoke(app, ["report", "-o", "r.md"])
    assert r.exit_code == 0, r.stderr
    assert few not in (root / "r.md").read_text(encoding="utf-8")
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    conn.execute(
        "DELETE FROM codings WHERE coder != 'auto' AND transcript_id NOT IN "
        "(SELECT id FROM transcripts WHERE path IN ('t00.txt', 't06.txt'))"
    )
    conn.commit()
    conn.close()
    r = runner.invoke(app, ["report", "-o", "pilot.md"])
    assert r.exit_code == 0, r.stderr
    text = (root / "pilot.md").read_text(encoding="utf-8")
    # three pairs and the team of three: each figure said to mean nothing
    assert text.count(few) == 4, text


@pytest.mark.parametrize("coders", [["anna", "ben"], ["anna", "ben", "cas"]])
def test_disagreements_in_markdown_are_a_list(team: tuple[Path, str], coders: list[str]) -> None:
    """Pasted, `--show-disagreements`' lines are a list after a blank line, not one paragraph;
    on the screen they stay lines of their own."""
    root, lang = team
    r = runner.invoke(app, ["agree", *coders, "-f", "md", "--show-disagreements"])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    (item,) = [line for line in lines if "t05.txt" in line]
    assert item.startswith(f"- {NA}  t05.txt #2  ") and lines[lines.index(item) - 1] == ""
    r = runner.invoke(app, ["agree", *coders, "--show-disagreements"])
    assert any(line.startswith(f"{NA}  t05.txt #2  ") for line in r.stdout.splitlines())


@pytest.mark.parametrize("coders", [["anna", "ben"], ["anna", "ben", "cas"]])
def test_csv_a_statistics_program_reads(team: tuple[Path, str], coders: list[str]) -> None:
    """Every header a variable name (no space: SPSS refuses one, R renames it), every figure a
    number in the project's decimal style or empty, too_few_units 0 or 1."""
    root, lang = team
    r = runner.invoke(app, ["agree", *coders, "-f", "csv", "-o", "agreement.csv"])
    assert r.exit_code == 0, r.stderr
    text = (root / "agreement.csv").read_text(encoding="utf-8-sig")
    sep = ";" if lang == "nl" else ","
    table = list(csv.DictReader(io.StringIO(text), delimiter=sep))
    assert all(name.isidentifier() for name in table[0]), list(table[0])
    for row in table:
        for key, value in row.items():
            if key not in ("code", "coders", "unit") and value:
                float(value.replace(",", ".") if lang == "nl" else value)
        assert row["too_few_units"] in ("0", "1")
        # the coders (their pseudonyms, as everywhere anonymized) and the unit on every row:
        # the files of several pairs stack into one
        assert row["unit"] == "segment" and len(row["coders"].split("+")) == len(coders)
        assert not any(name in row["coders"] for name in coders), row["coders"]


def test_three_coders_table_says_why_alpha_is_undefined(team: tuple[Path, str]) -> None:
    """As a pair's table does: the theme `trust` is on every unit for everyone, its alpha
    undefined, and a line under the table says why."""
    root, lang = team
    why = {
        "nl": "niet te bepalen: alpha waar alle codeurs op elke eenheid hetzelfde antwoordden",
        "en": "undefined: alpha where every coder gave the same answer on every unit",
    }[lang]
    for fmt in ("table", "md"):
        r = runner.invoke(app, ["agree", "anna", "ben", "cas", "-f", fmt])
        assert r.exit_code == 0, r.stderr
        assert any(line.startswith(why) for line in r.stdout.splitlines()), r.stdout
    r = runner.invoke(app, ["agree", "anna", "ben", "cas", "--code", NA])
    assert "alpha where" not in r.stdout and "alpha waar" not in r.stdout
