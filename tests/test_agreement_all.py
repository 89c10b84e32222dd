"""Krippendorff's alpha over three coders at once (`lernet agree A B C`, the report's method):
against a hand computation on 3 coders x 4 interviews and against the krippendorff package."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.agreement import agreement
from lernet_cli.analysis.agreement_all import Coincidences, agreement_all
from lernet_cli.cli import app
from lernet_cli.codebook.codebook import Codebook, load_codebook
from lernet_cli.errors import UsageError
from lernet_cli.model import Transcript, Turn
from lernet_cli.store.store import Store

runner = CliRunner()
NA, PP = "trust.not_acquainted", "competition.protect_position"

# coder -> (transcript, segment, code); participant answers are segments 2, 4, 6.
# ann never coded t4 (so she is missing there, not "absent"); ben coded only PP in t3 and t4.
CODINGS = {
    "ann": [("t1", 2, NA), ("t2", 2, NA), ("t3", 2, NA)],
    "ben": [("t1", 2, NA), ("t2", 2, NA), ("t3", 6, PP), ("t4", 4, PP)],
    "cas": [("t1", 2, NA), ("t2", 2, NA), ("t3", 2, NA), ("t4", 2, NA)],
}


def answers(path: str) -> Transcript:
    turns: list[Turn] = []
    for i in range(3):
        turns.append(Turn("I", "En verder?", "interviewer"))
        turns.append(Turn("R", f"{path} antwoord {i}", "participant"))
    return Transcript(path=path, turns=turns)


@pytest.fixture
def three(tmp_path: Path, mini_codebook: Path) -> tuple[Store, Codebook]:
    cb = load_codebook(mini_codebook)
    store = Store.open(tmp_path / "lernet.db", create=True)
    for name in ("t1", "t2", "t3", "t4"):
        store.save_coded(f"{name}.txt", f"{name}.txt", name, None, None, "d", answers(name), [])
    ids = dict(store.conn.execute("SELECT participant, id FROM transcripts"))
    for coder, rows in CODINGS.items():
        for t, seg, code in rows:
            store.conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
                "created_at) VALUES (?, ?, ?, 0, 3, ?, 'accepted', 'x')",
                (ids[t], seg, code, coder),
            )
    return store, cb


def package_alpha(data: list[list[float]]) -> float:
    return float(
        krippendorff.alpha(reliability_data=np.array(data), level_of_measurement="nominal")
    )


def test_three_coders_by_hand(three: tuple[Store, Codebook]) -> None:
    store, cb = three
    result = agreement_all(store, cb, ["ann", "ben", "cas"], [NA])
    row = result.codes[0]
    # 9 units with 3 values (t1-t3), 3 with 2 (t4: ben, cas): n = 33, 9 of them "coded".
    # Coincidences: o_yy = 3 + 3 + 1, o_yn = 1 (t3, 2 of 3 coded) + 1 (t4, 1 of 2 coded) = 2.
    # alpha = 1 - (n - 1) * 2 * o_yn / (2 * n_yes * n_no) = 1 - 32 * 4 / (2 * 9 * 24)
    assert row.table.values == 33 and row.table.units == 12
    assert row.table.alpha() == pytest.approx(1 - 128 / 432)
    assert row.table.all_agree() == pytest.approx(10 / 12)
    nan = float("nan")
    by_coder = {
        "ann": [1, 0, 0, 1, 0, 0, 1, 0, 0, nan, nan, nan],
        "ben": [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        "cas": [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0],
    }
    assert row.table.alpha() == pytest.approx(package_alpha(list(by_coder.values())))
    # who said what: ann is not named on t4, which she did not code
    assert [(d["participant"], d["coded_by"], d["not_coded_by"]) for d in row.disagreements] == [
        ("t3", ["ann", "cas"], ["ben"]),
        ("t4", ["cas"], ["ben"]),
    ]
    assert result.coded_by == {"ann": 3, "ben": 4, "cas": 4}


def test_overall_pools_the_rows(three: tuple[Store, Codebook]) -> None:
    store, cb = three
    result = agreement_all(store, cb, ["ann", "ben", "cas"])
    pooled = Coincidences()
    for row in result.codes:
        if row.pooled:
            pooled += row.table
    assert result.overall == pooled
    assert {r.id for r in result.codes} >= {NA, PP}


def test_two_coders_without_missing_values_is_the_pairwise_alpha(
    three: tuple[Store, Codebook],
) -> None:
    store, cb = three
    pair = agreement(store, cb, "ann", "cas", [NA])
    together = agreement_all(store, cb, ["ann", "cas"], [NA])
    assert together.codes[0].table.alpha() == pytest.approx(pair.codes[0].table.alpha())


def test_random_units_against_the_package() -> None:
    rng = random.Random(7)
    for _ in range(40):
        coders, units = rng.randint(2, 5), rng.randint(3, 30)
        data = [
            [
                float(rng.random() < 0.4) if rng.random() < 0.8 else float("nan")
                for _ in range(units)
            ]
            for _ in range(coders)
        ]
        table = Coincidences()
        for u in range(units):
            table.add([bool(row[u]) for row in data if row[u] == row[u]])
        ones = sum(v == 1 for row in data for v in row)
        zeros = sum(v == 0 for row in data for v in row)
        if table.alpha() is None or not ones or not zeros:
            continue
        assert table.alpha() == pytest.approx(package_alpha(data))


def test_a_coder_named_twice_or_unknown(three: tuple[Store, Codebook]) -> None:
    store, cb = three
    with pytest.raises(UsageError, match="'ANN' is ann, named already"):
        agreement_all(store, cb, ["ann", "ben", "ANN"])
    with pytest.raises(UsageError, match="unknown coder 'dirk'"):
        agreement_all(store, cb, ["ann", "ben", "dirk"])


@pytest.fixture
def team(project: Path) -> Path:
    for name in ("t1", "t2", "t3", "t4"):
        lines = [f"I: Vraag?\nR: {name} antwoord {i} over het weer." for i in range(3)]
        (project / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT participant, id FROM transcripts"))
    for coder, rows in CODINGS.items():
        for t, seg, code in rows:
            conn.execute(
                "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
                "created_at) VALUES (?, ?, ?, 0, 3, ?, 'accepted', 'x')",
                (ids[t], seg, code, coder),
            )
    conn.commit()
    conn.close()
    return project


def test_agree_with_three_names(team: Path) -> None:
    r = runner.invoke(app, ["agree", "ann", "ben", "cas", "--code", NA, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["coders"] == ["Codeur 1", "Codeur 2", "Codeur 3"]
    assert data["overall"]["alpha"] == pytest.approx(1 - 128 / 432)
    assert data["codes"][0]["disagreements"][1]["coded_by"] == ["Codeur 3"]
    assert "over all 3 coders" in r.stderr
    r = runner.invoke(app, ["agree", "ann", "ben", "cas", "--show-disagreements", "--no-anonymize"])
    assert r.exit_code == 0, r.stderr
    assert "gecodeerd door ann, cas, niet door ben: t3 antwoord 0 over het weer." in r.stdout


def test_the_report_gives_the_three_coders_figure_and_the_pairs_in_order(team: Path) -> None:
    r = runner.invoke(app, ["report", "-o", "r.md"])
    assert r.exit_code == 0, r.stderr
    text = (team / "r.md").read_text(encoding="utf-8")
    firsts = [line.split(" codeerden")[0] for line in text.splitlines() if "allebei" in line]
    assert firsts == ["Codeur 1 en Codeur 2", "Codeur 1 en Codeur 3", "Codeur 2 en Codeur 3"]
    assert "Alle 3 codeurs samen (Codeur 1, Codeur 2 en Codeur 3; in de 4 interviews" in text
    # NA and PP pooled: o_yy = 7, o_yn = 2 + 2 (ben's PP in t3 and t4 alone), n = 66, 11 coded:
    # 1 - 65 * 8 / (2 * 11 * 55) = 0.57; all agree on 24 - 4 of 24 units
    together = text.split("Alle 3 codeurs samen")[1]
    assert "Krippendorff’s alpha 0,57 over 24 beslissingen" in together
    assert "in 83,3% allemaal eens" in together


def test_the_machine_coder_similar_is_no_person_in_the_method(team: Path) -> None:
    """`review --candidates --auto` codes as `similar` (a machine): on a transcript people
    coded it is no pair and no member of the team."""
    conn = sqlite3.connect(team / ".lernet" / "lernet.db")
    (tid,) = conn.execute("SELECT id FROM transcripts WHERE participant = 't1'").fetchone()
    conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, source, "
        "created_at) VALUES (?, 4, ?, 0, 3, 'similar', 'pending', 'similar', 'x')",
        (tid, PP),
    )
    conn.commit()
    conn.close()
    r = runner.invoke(app, ["report", "-o", "r.md"])
    assert r.exit_code == 0, r.stderr
    text = (team / "r.md").read_text(encoding="utf-8")
    assert "similar" not in text and "Alle 3 codeurs samen" in text
    assert sum("allebei" in line for line in text.splitlines()) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_agreement_tables_words_follow_the_projects_language(team: Path, lang: str) -> None:
    """A Dutch project's agreement table (two coders and three) reads Dutch, headings, rows,
    figures and the disagreements' lines alike, not "only Codeur 1" or "overall"; an English
    one English; CSV keeps the English keys in both."""
    if lang == "en":
        (team / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", "utf-8")
    for names in (["ann", "ben"], ["ann", "ben", "cas"]):
        r = runner.invoke(app, ["agree", *names, "--show-disagreements"])
        assert r.exit_code == 0, r.stderr
        head = next(line for line in r.stdout.splitlines() if "┃" in line)
        last = [line for line in r.stdout.splitlines() if "│" in line][-1]
        said = [line for line in r.stdout.splitlines() if "  t" in line and "#" in line]
        assert said
        if lang == "nl":
            assert "eenheden" in head and "verschillen" in head and "units" not in head
            assert "totaal" in last and "%" in last and "," in last and "." not in last
            assert all("alleen" in x or "gecodeerd door" in x for x in said), said
            assert not any(" only " in x or "coded by" in x for x in said)
        else:
            assert "units" in head and "disagreements" in head
            assert "overall" in last and "." in last
            assert all(" only " in x or "coded by" in x for x in said), said
        r = runner.invoke(app, ["agree", *names, "-f", "csv"])
        assert r.stdout.splitlines()[0].split(";" if lang == "nl" else ",")[:2] == [
            "code",
            "units",
        ]
        assert r.stdout.splitlines()[-1].startswith("overall")
