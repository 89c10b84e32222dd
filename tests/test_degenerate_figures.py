"""The figures a methodologist checks by hand in the corner cases: a code one coder used once
(kappa is undefined there, not 0), a code both coders gave everywhere (kappa and alpha
undefined), and `lernet phases --by group` with the same group columns as `lernet tally --by
group`, a group whose interviewees named no phase included."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lernet_cli.analysis.agreement import Table2x2

from .conftest import coded_study, invoke_cli
from .test_waves import PHASES

NA, PP, BUILT = "trust.not_acquainted", "competition.protect_position", "trust.built"


def test_a_coder_who_never_varies_leaves_kappa_undefined() -> None:
    # 4 interviewees, one coder used the code once, the other never: 75% agreement; the
    # formula's kappa is 0 whatever the agreement (chance agreement = observed agreement), so it
    # is no figure to report; alpha, from both coders' answers pooled, is 1 - 7 * 2 / 14 = 0
    once = Table2x2(both=0, only_a=1, only_b=0, neither=3)
    assert once.agreement() == 0.75
    assert once.kappa() is None
    assert once.alpha() == 0
    # one unit on which they disagree: the same
    assert Table2x2(only_a=1).kappa() is None
    # both vary: kappa as in Cohen (1960): po = 3/4, pe = 1/2 -> 0.5
    assert Table2x2(both=1, only_a=1, neither=2).kappa() == pytest.approx(0.5)


@pytest.fixture
def two_people(project: Path) -> Path:
    """anna and bram coded t0..t3 (one interviewee each): not_acquainted on t0 and t1 both,
    built on all four both, protect_position on t2 by anna alone."""
    for i in range(4):
        (project / f"t{i}.txt").write_text(f"I: Vraag?\nR: Antwoord nummer {i}.\n", "utf-8")
    code, out = invoke_cli("code", ".")
    assert code == 0, out
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    ids = dict(conn.execute("SELECT path, id FROM transcripts"))
    made = [(c, t, NA) for c in ("anna", "bram") for t in ("t0", "t1")]
    made += [(c, f"t{i}", BUILT) for c in ("anna", "bram") for i in range(4)]
    made.append(("anna", "t2", PP))
    for coder, t, code_id in made:
        conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, "
            "created_at) VALUES (?, 2, ?, 0, 3, ?, 'accepted', 'x')",
            (ids[f"{t}.txt"], code_id, coder),
        )
    conn.commit()
    conn.close()
    return project


def test_agree_says_why_a_figure_is_undefined(two_people: Path) -> None:
    code, out = invoke_cli("agree", "anna", "bram", "--unit", "participant", "--format", "json")
    assert code == 0, out
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    rows = {r["id"]: r for r in data["codes"]}
    assert (rows[PP]["units"], rows[PP]["agreement"]) == (4, 0.75)
    assert rows[PP]["kappa"] is None and rows[PP]["alpha"] == 0
    assert rows[BUILT]["kappa"] is None and rows[BUILT]["alpha"] is None
    assert rows[NA]["kappa"] == 1 and rows[NA]["alpha"] == 1
    # pooled: both 6, only anna 1, neither 5 -> po 11/12, pe 1/2; alpha 1 - 23 * 2 / 286
    assert data["overall"]["units"] == 12
    assert data["overall"]["kappa"] == pytest.approx(5 / 6)
    assert data["overall"]["alpha"] == pytest.approx(1 - 46 / 286)
    code, out = invoke_cli("agree", "anna", "bram", "--unit", "participant")
    assert code == 0, out
    pp = next(line for line in out.splitlines() if f" {PP} " in line)
    assert "niet te bepalen" in pp and "0,000" in pp  # kappa undefined, alpha 0
    assert "niet te bepalen: kappa waar een codeur op elke eenheid hetzelfde antwoordde" in out
    code, out = invoke_cli("agree", "anna", "bram", "--code", NA)
    assert code == 0 and "niet te bepalen" not in out  # no note where every figure is defined


CSV = "id,group\nP1,charity\nP2,charity\nP3,school\n"
TEXTS = {
    "P1.txt": "I: Hoe staat het?\nR: We zijn nog aan het aftasten.\n",
    "P2.txt": "I: Hoe staat het?\nR: Het netwerk is gegroeid.\n",
    "P3.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet.\n",
}


def test_phases_by_group_keeps_a_group_that_named_no_phase(project: Path) -> None:
    coded_study(project, PHASES, CSV, TEXTS)
    code, out = invoke_cli("tally", "--by", "group", "--format", "json")
    assert code == 0, out
    tally_groups = json.loads(out[out.index("{") : out.rindex("}") + 1])["groups"]
    assert tally_groups == ["charity", "school"]
    code, out = invoke_cli("phases", "--by", "group", "--format", "json")
    assert code == 0, out
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert data["groups"] == tally_groups
    assert {r["id"]: r["by_group"] for r in data["phases"]} == {
        "stage.early": {"charity": 1, "school": 0},
        "stage.grown": {"charity": 1, "school": 0},
    }
    code, out = invoke_cli("phases", "--by", "group")
    assert code == 0 and "school" in out
