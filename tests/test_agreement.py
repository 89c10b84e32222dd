"""Agreement coefficients against hand computation and against the krippendorff package."""

from __future__ import annotations

import csv
import io
import json
import random
import sqlite3
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.agreement import COLUMNS, Table2x2, agreement, known_coders, nominal_alpha
from lernet_cli.cli import app
from lernet_cli.codebook.codebook import Codebook, load_codebook
from lernet_cli.coding.digests import rules_digest
from lernet_cli.errors import UsageError
from lernet_cli.model import Coding, Match, Transcript, Turn
from lernet_cli.store.store import Store

runner = CliRunner()


def table(pairs: list[tuple[int, int]]) -> Table2x2:
    t = Table2x2()
    for a, b in pairs:
        t.add(bool(a), bool(b))
    return t


def kappa_formula(pairs: list[tuple[int, int]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe)


def package_alpha(pairs: list[tuple[int, int]]) -> float:
    data = np.array([[a for a, _ in pairs], [b for _, b in pairs]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


# --- coefficients -----------------------------------------------------------------------------


def test_textbook_kappa() -> None:
    # 20 both yes, 5 only A, 10 only B, 15 neither: po = .70, pe = .50, kappa = .40
    t = Table2x2(both=20, only_a=5, only_b=10, neither=15)
    assert t.agreement() == pytest.approx(0.70)
    assert t.kappa() == pytest.approx(0.40)


def test_alpha_by_hand() -> None:
    # units: (1,1) (1,0) (0,0) (0,0): 8 values, n1=3, n0=5, coincidences o10 = o01 = 1
    t = table([(1, 1), (1, 0), (0, 0), (0, 0)])
    assert t.alpha() == pytest.approx(1 - 7 * 2 / (8 * 8 - 3 * 3 - 5 * 5))
    # Krippendorff's own two-observer binary example: alpha = 0.095 (= 2/21)
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert table(list(zip(a, b, strict=True))).alpha() == pytest.approx(2 / 21)
    assert nominal_alpha(zip(a, b, strict=True)) == pytest.approx(2 / 21)


def test_perfect_and_undefined() -> None:
    perfect = table([(1, 1), (0, 0), (1, 1), (0, 0)])
    assert perfect.kappa() == 1 and perfect.alpha() == 1 and perfect.agreement() == 1
    for constant in (table([(0, 0)] * 5), table([(1, 1)] * 3)):
        assert constant.agreement() == 1
        assert constant.kappa() is None and constant.alpha() is None
    empty = Table2x2()
    assert empty.agreement() is None and empty.kappa() is None and empty.alpha() is None
    # one coder constant: kappa's formula gives 0 whatever the agreement, so it is undefined
    # (as SPSS leaves it); alpha pools both coders' answers and is defined
    one_sided = table([(1, 1), (1, 0), (1, 0)])
    assert one_sided.kappa() is None
    assert one_sided.alpha() is not None
    opposite = table([(1, 0)] * 4)
    assert opposite.kappa() is None and opposite.agreement() == 0
    assert opposite.alpha() == pytest.approx(package_alpha([(1, 0)] * 4))


def test_against_krippendorff_package_and_kappa_formula() -> None:
    rng = random.Random(7)
    for _ in range(30):
        p, q = rng.random(), rng.random()
        pairs = [(int(rng.random() < p), int(rng.random() < q)) for _ in range(rng.randint(2, 60))]
        t = table(pairs)
        if len({v for pair in pairs for v in pair}) > 1:
            assert t.alpha() == pytest.approx(package_alpha(pairs))
        else:
            assert t.alpha() is None
        if t.kappa() is not None:
            assert t.kappa() == pytest.approx(kappa_formula(pairs))
    # the general coincidence-matrix version, on more than two categories
    for _ in range(10):
        cats = [(rng.randrange(4), rng.randrange(4)) for _ in range(rng.randint(3, 40))]
        assert nominal_alpha(cats) == pytest.approx(package_alpha(cats))


# --- a store with two coders ------------------------------------------------------------------


def answers(path: str, *texts: str) -> Transcript:
    """Interviewer and participant turns alternate: participant answers are segments 2, 4, ..."""
    turns: list[Turn] = []
    for text in texts:
        turns.append(Turn("I", "En verder?", "interviewer"))
        turns.append(Turn("R", text, "participant"))
    return Transcript(path=path, turns=turns)


def insert(store: Store, path: str, segment: int, code: str, coder: str, status: str) -> None:
    tid = store.conn.execute("SELECT id FROM transcripts WHERE path = ?", (path,)).fetchone()[0]
    store.conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, created_at)"
        " VALUES (?, ?, ?, 0, 3, ?, ?, 'x')",
        (tid, segment, code, coder, status),
    )


NA, BUILT, PP = "trust.not_acquainted", "trust.built", "competition.protect_position"


@pytest.fixture
def coded(tmp_path: Path, mini_codebook: Path) -> tuple[Store, Codebook]:
    """anna against auto on p1.txt, p1b.txt (both p1) and p2.txt; p3.txt is auto's alone.

    not_acquainted: auto p1:2; anna p1:2, p1b:4        -> both 1, only anna 1, neither 4
    built:          auto p1:4; anna p2:4                -> only anna 1, only auto 1, neither 4
    protect_pos.:   auto p2:2 (rejected in review); anna p2:2 (+ p2:3, an interviewer turn)
    """
    cb = load_codebook(mini_codebook)
    store = Store.open(tmp_path / "lernet.db", create=True)
    auto = {
        "p1.txt": [(2, NA), (4, BUILT)],
        "p1b.txt": [],
        "p2.txt": [(2, PP)],
        "p3.txt": [(2, NA)],
    }
    for path, matches in auto.items():
        pid = path.split(".")[0].rstrip("b")
        rules = "an older codebook" if path == "p2.txt" else rules_digest(cb)
        t = answers(path, f"{path} eerste antwoord", f"{path} tweede antwoord")
        found = [(seg, Match(code, 0, 3, "r")) for seg, code in matches]
        store.save_coded(path, path, pid, None, None, "d", t, found, rules_digest=rules)
    store.conn.execute("UPDATE codings SET status = 'rejected' WHERE code = ?", (PP,))
    for path, seg, code, status in [
        ("p1.txt", 2, NA, "accepted"),
        ("p1b.txt", 4, NA, "pending"),
        ("p1b.txt", 2, "interest_balance.knowledge", "rejected"),
        ("p2.txt", 4, BUILT, "accepted"),
        ("p2.txt", 2, PP, "accepted"),
        ("p2.txt", 3, PP, "accepted"),
    ]:
        insert(store, path, seg, code, "anna", status)
    store.save_imported(
        "q.txt", "q", "p4", answers("q.txt", "elders gecodeerd"), [Coding(0, 2, NA, 0, 3, "bob")]
    )
    return store, cb


def cells(t: Table2x2) -> tuple[int, int, int, int]:
    return (t.both, t.only_a, t.only_b, t.neither)


def test_segments_of_common_transcripts(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    result = agreement(store, cb, "anna", "auto")
    assert result.transcripts == ["p1.txt", "p1b.txt", "p2.txt"]  # not p3 (auto's alone)
    assert result.units == 6  # participant turns only
    rows = {c.id: c for c in result.codes}
    # used codes and the themes above them, codebook order; rejected knowledge left out
    assert list(rows) == ["trust", NA, BUILT, "competition", PP]
    # a theme's row has figures of its own (its codes' codings rolled up), not pooled again
    assert cells(rows["trust"].table) == (1, 2, 1, 2) and not rows["trust"].pooled
    assert cells(rows[NA].table) == (1, 1, 0, 4)
    assert cells(rows[BUILT].table) == (0, 1, 1, 4)
    # auto's rejected coding still counts (the rules are measured); the interviewer turn does not
    assert cells(rows[PP].table) == (1, 0, 0, 5)
    assert cells(result.overall) == (2, 2, 1, 13)
    assert result.stale == ["p2.txt"]
    # hand: po = 15/18; anna yes 4, auto yes 3; pe = (4*3 + 14*15) / 18^2
    pe = (4 * 3 + 14 * 15) / 18**2
    assert result.overall.kappa() == pytest.approx((15 / 18 - pe) / (1 - pe))
    na = rows[NA].table
    assert na.kappa() == pytest.approx(kappa_formula([(1, 1), (1, 0)] + [(0, 0)] * 4))
    assert na.alpha() == pytest.approx(package_alpha([(1, 1), (1, 0)] + [(0, 0)] * 4))


def test_disagreements_listed_with_text(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    result = agreement(store, cb, "anna", "auto", [BUILT], segment_text=True)
    assert result.codes[0].disagreements == [
        {
            "file": "p1.txt",
            "participant": "p1",
            "segment": 4,
            "coded_by": "auto",
            "text": "p1.txt tweede antwoord",
        },
        {
            "file": "p2.txt",
            "participant": "p2",
            "segment": 4,
            "coded_by": "anna",
            "text": "p2.txt tweede antwoord",
        },
    ]
    plain = agreement(store, cb, "auto", "anna", [BUILT])
    assert plain.codes[0].disagreements[0] == {
        "file": "p1.txt",
        "participant": "p1",
        "segment": 4,
        "coded_by": "auto",
    }


def test_theme_rows_roll_up_and_are_not_pooled_twice(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    result = agreement(store, cb, "anna", "auto", cb.descendants("trust"))
    rows = {c.id: c for c in result.codes}
    # trust: anna p1:2, p1b:4, p2:4; auto p1:2, p1:4
    assert cells(rows["trust"].table) == (1, 2, 1, 2)
    assert not rows["trust"].pooled and rows[NA].pooled and rows[BUILT].pooled
    assert cells(result.overall) == (1, 2, 1, 8)  # not_acquainted + built only
    # a parent asked for alone rolls up its children and is the overall
    alone = agreement(store, cb, "anna", "auto", ["trust"])
    assert cells(alone.overall) == cells(rows["trust"].table)


def test_a_code_given_at_theme_level_is_in_the_overall(coded: tuple[Store, Codebook]) -> None:
    """A Word comment naming the theme ("Vertrouwen") codes `trust` itself: its decisions are
    pooled in the overall, once, under the theme (QA13 5)."""
    store, cb = coded
    insert(store, "p2.txt", 2, "trust", "anna", "accepted")
    result = agreement(store, cb, "anna", "auto", cb.descendants("trust"))
    rows = {c.id: c for c in result.codes}
    assert cells(rows["trust"].table) == (1, 3, 1, 1)
    own = rows["trust"].own
    assert own is not None and cells(own.table) == (0, 1, 0, 5)
    assert own.disagreements == [
        {"file": "p2.txt", "participant": "p2", "segment": 2, "coded_by": "anna"}
    ]
    assert cells(result.overall) == (1, 3, 1, 13)  # not_acquainted + built + trust itself
    assert result.rows()[-1][-1] == 4 == result.pooled_disagreements()
    # Nobody coded the theme itself: no such part, the overall as before.
    store.conn.execute("DELETE FROM codings WHERE code = 'trust'")
    assert {c.id: c for c in agreement(store, cb, "anna", "auto").codes}[NA].own is None


def test_participant_units(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    result = agreement(store, cb, "anna", "auto", [NA, BUILT], unit="participant")
    assert result.units == 2  # p1 (two transcripts) and p2; p3 is not compared
    na, built = result.codes
    assert cells(na.table) == (1, 0, 0, 1)
    assert na.table.kappa() == 1 and na.table.alpha() == 1
    assert cells(built.table) == (0, 1, 1, 0)
    assert built.table.kappa() == pytest.approx(-1)
    assert built.table.alpha() == pytest.approx(package_alpha([(0, 1), (1, 0)]))
    # each disagreeing participant points at the evidence of whoever coded it
    assert [
        (d["participant"], d["file"], d["segment"], d["coded_by"]) for d in built.disagreements
    ] == [
        ("p1", "p1.txt", 4, "auto"),
        ("p2", "p2.txt", 4, "anna"),
    ]


def test_people_rejected_codings_do_not_count(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    insert(store, "p1.txt", 2, NA, "bob", "accepted")
    insert(store, "p1.txt", 4, NA, "bob", "rejected")
    result = agreement(store, cb, "anna", "bob", [NA])
    assert result.transcripts == ["p1.txt"]
    assert cells(result.codes[0].table) == (1, 0, 0, 1)
    assert result.stale == []  # only said when auto is compared


def test_undefined_is_null_in_json(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    result = agreement(store, cb, "anna", "auto", ["interest_balance.knowledge", NA])
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) == {"coder_a", "coder_b", "unit", "overall", "alpha_ci_method", "codes"}
    assert (data["coder_a"], data["coder_b"], data["unit"]) == ("anna", "auto", "segment")
    assert set(data["overall"]) == {
        "units",
        "agreement",
        "kappa",
        "alpha",
        "alpha_ci",
        "too_few_units",
    }
    assert data["overall"]["units"] == 12  # pooled decisions: 6 segments x 2 codes
    unused = data["codes"][0]
    assert set(unused) == {
        "id",
        "theme",
        "units",
        "agreement",
        "kappa",
        "alpha",
        "alpha_ci",
        "too_few_units",
        "disagreements",
        "pooled",
    }
    assert unused["id"] == "interest_balance.knowledge"
    assert (unused["units"], unused["agreement"]) == (6, 1.0)
    assert unused["kappa"] is None and unused["alpha"] is None
    assert unused["disagreements"] == []
    assert set(data["codes"][1]["disagreements"][0]) == {
        "file",
        "participant",
        "segment",
        "coded_by",
    }
    rows = result.rows()
    assert len(rows[0]) == len(COLUMNS) and rows[-1][0] == "overall"
    assert rows[0][3] is None and rows[-1][1] == 12


def test_unknown_coder_and_nothing_in_common(coded: tuple[Store, Codebook]) -> None:
    store, cb = coded
    assert known_coders(store) == ["anna", "auto", "bob"]
    with pytest.raises(UsageError, match="unknown coder 'carl'; coders in this project: anna"):
        agreement(store, cb, "anna", "carl")
    with pytest.raises(UsageError, match="two different coders"):
        agreement(store, cb, "anna", "anna")
    # bob only coded an imported transcript, which the rules never saw
    with pytest.raises(UsageError, match="bob and auto have no transcript in common"):
        agreement(store, cb, "bob", "auto")
    with pytest.raises(UsageError, match="--unit"):
        agreement(store, cb, "anna", "auto", unit="sentence")


def test_random_store_against_direct_formulas(tmp_path: Path, mini_codebook: Path) -> None:
    cb = load_codebook(mini_codebook)
    store = Store.open(tmp_path / "lernet.db", create=True)
    rng = random.Random(3)
    truth: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i in range(3):
        path = f"r{i}.txt"
        store.save_coded(path, path, f"r{i}", None, None, cb.digest, answers(path, *"abcdefgh"), [])
        for seg in range(2, 17, 2):
            for code in (NA, PP):
                a, b = int(rng.random() < 0.4), int(rng.random() < 0.3)
                for coder, mark in (("anna", a), ("bob", b)):
                    if mark:
                        insert(store, path, seg, code, coder, "accepted")
                truth.setdefault((code, "anna"), []).append((a, b))
    result = agreement(store, cb, "anna", "bob", [NA, PP])
    for row in result.codes:
        pairs = truth[(row.id, "anna")]
        assert row.table.n == len(pairs) == 24
        assert row.table.kappa() == pytest.approx(kappa_formula(pairs))
        assert row.table.alpha() == pytest.approx(package_alpha(pairs))
    pooled = truth[(NA, "anna")] + truth[(PP, "anna")]
    assert result.overall.alpha() == pytest.approx(package_alpha(pooled))
    assert result.overall.kappa() == pytest.approx(kappa_formula(pooled))


# --- the command (wired in cli.py) --------------------------------------------------------------


@pytest.fixture
def two_coders(project: Path) -> Path:
    lines = [
        "I: Vraag?\nR: We kennen elkaar nog niet goed.",
        "I: Vraag?\nR: Concurrentie is er wel.",
        "I: Vraag?\nR: Het weer is mooi.",
    ]
    for i, text in enumerate(lines):
        (project / f"t{i}.txt").write_text(text + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    rows = [
        (ids["t0.txt"], "trust.not_acquainted", "accepted"),
        (ids["t2.txt"], "trust.not_acquainted", "accepted"),
        (ids["t1.txt"], "competition.protect_position", "rejected"),
    ]
    for tid, code, status in rows:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "created_at) VALUES (?, 2, ?, 0, 3, 'anna', ?, 'x')",
            (tid, code, status),
        )
    conn.commit()
    conn.close()
    return project


def test_person_against_rules(two_coders: Path) -> None:
    with Store.open(two_coders / ".lernet" / "lernet.db") as store:
        cb = load_codebook(two_coders / "codebook.yaml")
        result = agreement(store, cb, "anna", "auto")
    codes = {c.id: c for c in result.codes}
    assert cells(codes["trust.not_acquainted"].table) == (1, 1, 0, 1)
    assert cells(codes["competition.protect_position"].table) == (0, 0, 1, 2)
    assert codes["trust.not_acquainted"].disagreements == [
        {"file": "t2.txt", "participant": "t2", "segment": 2, "coded_by": "anna"}
    ]
    assert result.overall.n == 6


def test_agree_command(two_coders: Path) -> None:
    r = runner.invoke(app, ["agree", "anna", "auto", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"coder_a", "coder_b", "unit", "overall", "alpha_ci_method", "codes"}
    assert set(data["overall"]) == {
        "units",
        "agreement",
        "kappa",
        "alpha",
        "alpha_ci",
        "too_few_units",
    }
    assert set(data["codes"][0]) == {
        "id",
        "theme",
        "units",
        "agreement",
        "kappa",
        "alpha",
        "alpha_ci",
        "too_few_units",
        "disagreements",
        "pooled",
    }
    r = runner.invoke(app, ["agree", "anna", "auto", "--show-disagreements"])
    assert r.exit_code == 0 and "alleen Codeur 1: Het weer is mooi." in r.stdout  # a pseudonym
    r = runner.invoke(app, ["agree", "anna", "auto", "--show-disagreements", "--no-anonymize"])
    assert r.exit_code == 0 and "alleen anna: Het weer is mooi." in r.stdout
    r = runner.invoke(app, ["agree", "anna", "auto", "--format", "csv", "--theme", "trust"])
    assert r.stdout.splitlines()[0] == (
        "code;units;agreement;kappa;alpha;alpha_ci_low;alpha_ci_high;disagreements;too_few_units;"
        "coders;unit"
    )
    # numbers a spreadsheet reads: a proportion as in the JSON (not "83.3%"), empty if undefined;
    # a Dutch project's CSV has decimal commas
    same = runner.invoke(app, ["agree", "anna", "auto", "--format", "json", "--theme", "trust"])
    table = {c["id"]: c for c in json.loads(same.stdout)["codes"]}
    for line in list(csv.DictReader(io.StringIO(r.stdout), delimiter=";"))[:-1]:
        code = line["code"]
        assert "%" not in line["agreement"] and line["code"] == line["code"].strip()
        for key in ("agreement", "kappa", "alpha"):
            want = table[code][key]
            assert (
                (line[key] == "")
                if want is None
                else float(line[key].replace(",", ".")) == round(want, 4)
            )
    r = runner.invoke(app, ["agree", "anna", "nobody"])
    assert r.exit_code == 2 and "unknown coder 'nobody'" in r.stderr


def test_agree_says_stale_only_after_a_codebook_edit(two_coders: Path) -> None:
    r = runner.invoke(app, ["agree", "anna", "auto"])
    assert r.exit_code == 0 and "older codebook" not in r.stderr
    codebook = two_coders / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(text + "# a comment changes no rule\n", encoding="utf-8")
    r = runner.invoke(app, ["agree", "anna", "auto"])
    assert "older codebook" not in r.stderr
    codebook.write_text(text.replace("concurrent", "concurrentie", 1), encoding="utf-8")
    r = runner.invoke(app, ["agree", "anna", "auto"])
    assert r.stderr.count("older codebook") == 3
    assert runner.invoke(app, ["code", "."]).exit_code == 0
    r = runner.invoke(app, ["agree", "anna", "auto"])
    assert "older codebook" not in r.stderr


def test_agree_and_the_report_pool_theme_level_codes_alike(two_coders: Path) -> None:
    """anna gives the theme `trust` itself (a comment naming it) where ben gives a code of it;
    both code interest_balance.knowledge, whose theme has no row: it stands under its own theme
    in the table, and the report's method sentence quotes the overall `agree` shows."""
    conn = sqlite3.connect(two_coders / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    for path, code, coder in [
        ("t0.txt", "trust", "anna"),
        ("t0.txt", "trust.not_acquainted", "ben"),
        ("t1.txt", "interest_balance.knowledge", "anna"),
        ("t1.txt", "interest_balance.knowledge", "ben"),
        ("t2.txt", "competition.protect_position", "ben"),
        ("t2.txt", "competition.protect_position", "anna"),
    ]:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "source, created_at) VALUES (?, 2, ?, 0, 3, ?, 'accepted', 'comment', 'x')",
            (ids[path], code, coder),
        )
    conn.commit()
    conn.close()
    r = runner.invoke(app, ["agree", "anna", "ben", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    codes = {c["id"]: c for c in data["codes"]}
    assert codes["trust"]["own"]["units"] == 3 and len(codes["trust"]["own"]["disagreements"]) == 1
    assert codes["interest_balance.knowledge"]["theme"] == "interest_balance"
    # trust itself, not_acquainted, protect_position, knowledge: 4 x 3 turns
    assert data["overall"]["units"] == 12
    r = runner.invoke(app, ["agree", "anna", "ben"])
    names = [line.split("│")[1][1:].rstrip() for line in r.stdout.splitlines() if "│" in line]
    assert names.index("interest_balance") + 1 == names.index("  interest_balance.knowledge")
    # a Dutch project's table: its words Dutch, its figures with a decimal comma
    assert names[names.index("trust") + 1] == "  trust (zelf)"
    total = [line for line in r.stdout.splitlines() if "│" in line][-1]
    assert names[-1] == "totaal" and "│       12 │" in total
    r = runner.invoke(app, ["agree", "anna", "ben", "--format", "csv"])
    assert [row.split(";")[0] for row in r.stdout.splitlines()][-2:] == [
        "interest_balance.knowledge",
        "overall",
    ]
    assert "trust (itself);3;" in r.stdout
    r = runner.invoke(app, ["report", "-o", "report.md"])
    assert r.exit_code == 0, r.stderr
    method = (two_coders / "report.md").read_text(encoding="utf-8")
    pct = f"{data['overall']['agreement'] * 100:.1f}".replace(".", ",")
    assert "over 12 beslissingen (fragment × code; een codering op themaniveau" in method
    assert f"overeen in {pct}%" in method or f"in {pct}%" in method, method
