"""`lernet agree`: a 95% confidence interval for Krippendorff's alpha (QF79), a percentile
bootstrap over the units with a fixed seed, overall and per code, in every format."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.agreement import Table2x2
from lernet_cli.analysis.agreement_ci import RESAMPLES, intervals
from lernet_cli.cli import app

from .test_agree_too_few import NA, PP, team  # noqa: F401  (the fixture)

runner = CliRunner()


def _by_hand(pairs: list[tuple[bool, bool]], resamples: int, seed: int) -> list[float]:
    """The two-coder bootstrap written out: draw units, fill a 2x2 table, take its alpha."""
    rng = random.Random(seed)
    drawn = list(range(len(pairs)))
    alphas = []
    for _ in range(resamples):
        t = Table2x2()
        for u in rng.choices(drawn, k=len(drawn)):
            t.add(*pairs[u])
        alpha = t.alpha()
        if alpha is not None:
            alphas.append(alpha)
    return sorted(alphas)


def test_the_interval_is_the_bootstrap_of_the_pairs_alpha() -> None:
    pairs = [(True, True)] * 8 + [(True, False)] * 3 + [(False, True)] * 2 + [(False, False)] * 27
    yes = {i: a + b for i, (a, b) in enumerate(pairs) if a or b}
    (ci,), overall = intervals([2] * len(pairs), [yes], [True], resamples=200, seed=7)
    alphas = _by_hand(pairs, 200, 7)
    point = Table2x2(both=8, only_a=3, only_b=2, neither=27).alpha()
    assert ci is not None and overall == ci
    assert ci[0] < point < ci[1]  # type: ignore[operator]
    pos = 0.025 * (len(alphas) - 1)
    low = alphas[int(pos)] + (alphas[int(pos) + 1] - alphas[int(pos)]) * (pos - int(pos))
    assert ci[0] == pytest.approx(low)
    # the same data give the same interval
    assert intervals([2] * len(pairs), [yes], [True], resamples=200, seed=7)[0] == [ci]


def test_no_interval_where_alpha_is_undefined() -> None:
    assert intervals([2] * 5, [{}], [True]) == ([None], None)


@pytest.mark.parametrize("coders", [["anna", "ben"], ["anna", "ben", "cas"]])
def test_interval_in_every_format(team: tuple[Path, str], coders: list[str]) -> None:  # noqa: F811
    root, lang = team
    r = runner.invoke(app, ["agree", *coders, "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["alpha_ci_method"] == {
        "level": 0.95,
        "method": "percentile bootstrap over units",
        "resamples": RESAMPLES,
        "seed": data["alpha_ci_method"]["seed"],
    }
    codes = {c["id"]: c for c in data["codes"]}
    low, high = codes[NA]["alpha_ci"]
    assert low <= codes[NA]["alpha"] <= high < 1.0001
    assert codes["trust"]["alpha"] is None and codes["trust"]["alpha_ci"] is None
    o_low, o_high = data["overall"]["alpha_ci"]
    assert o_low <= data["overall"]["alpha"] <= o_high
    again = json.loads(runner.invoke(app, ["agree", *coders, "--format", "json"]).stdout)
    assert again["overall"]["alpha_ci"] == data["overall"]["alpha_ci"]  # a fixed seed

    r = runner.invoke(app, ["agree", *coders, "--format", "csv", "--delimiter", ";"])
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(r.stdout), delimiter=";")}
    got = float(rows[NA]["alpha_ci_low"].replace(",", "."))
    assert got == round(low, 4)
    assert rows["trust"]["alpha_ci_low"] == rows["trust"]["alpha_ci_high"] == ""
    assert float(rows["overall"]["alpha_ci_high"].replace(",", ".")) == round(o_high, 4)

    column, shown, note = {
        "nl": (
            "alpha 95%-BI",
            f"{low:.3f}–{high:.3f}".replace(".", ","),
            "alpha 95%-BI: percentiel-bootstrap over de eenheden (1000 steekproeven",
        ),
        "en": (
            "alpha 95% CI",
            f"{low:.3f}–{high:.3f}",
            "alpha 95% CI: percentile bootstrap over the units (1000 resamples",
        ),
    }[lang]
    for fmt in ("table", "md"):
        r = runner.invoke(app, ["agree", *coders, "--format", fmt])
        assert r.exit_code == 0, r.stderr
        lines = r.stdout.splitlines()
        assert column in r.stdout, r.stdout
        assert shown in next(line for line in lines if NA in line)
        assert any(line.startswith(note) for line in lines), r.stdout


def test_two_coders_disagreements_list_a_themes_own_part(team: tuple[Path, str]) -> None:  # noqa: F811
    """anna gives the theme `trust` itself in t03 where ben gives its code not_acquainted (and
    so does anna): the theme's own part disagrees there, and `--show-disagreements` lists it
    under `trust (itself)`, as the three-coder list does."""
    from .test_agree_too_few import _insert

    root, lang = team
    conn_rows = [("t03.txt", "trust", "anna")]
    _insert(root, conn_rows)
    itself = {"nl": "trust (zelf)", "en": "trust (itself)"}[lang]
    only = {"nl": "alleen anna", "en": "only anna"}[lang]
    r = runner.invoke(app, ["agree", "anna", "ben", "--show-disagreements", "--no-anonymize"])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert f"{itself}  t03.txt #2  {only}: " in "\n".join(lines), r.stdout
    # the rows' own disagreements as before
    assert any(line.startswith(f"{NA}  t05.txt #2  ") for line in lines)


@pytest.mark.parametrize("coders", [["anna", "ben"], ["anna", "ben", "cas"]])
def test_resamples_sets_the_bootstrap_and_zero_makes_none(
    team: tuple[Path, str],  # noqa: F811
    coders: list[str],
) -> None:
    default = json.loads(runner.invoke(app, ["agree", *coders, "--format", "json"]).stdout)
    r = runner.invoke(app, ["agree", *coders, "--format", "json", "--resamples", "5"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["alpha_ci_method"]["resamples"] == 5
    assert data["overall"]["alpha"] == default["overall"]["alpha"]
    assert data["overall"]["alpha_ci"] != default["overall"]["alpha_ci"]  # fewer draws

    r = runner.invoke(app, ["agree", *coders, "--format", "json", "--resamples", "0"])
    data = json.loads(r.stdout)
    assert data["alpha_ci_method"] is None and data["overall"]["alpha_ci"] is None
    assert all(c["alpha_ci"] is None for c in data["codes"])
    assert data["overall"]["alpha"] == default["overall"]["alpha"]

    r = runner.invoke(app, ["agree", *coders, "--resamples", "0", "--format", "md"])
    assert r.exit_code == 0, r.stderr
    assert "95%" not in r.stdout and "bootstrap" not in r.stdout
    r = runner.invoke(app, ["agree", *coders, "--resamples", "20"])
    assert "(20 " in r.stdout
    # a CSV keeps its columns, empty, so that runs with and without an interval stack
    r = runner.invoke(
        app, ["agree", *coders, "--format", "csv", "--resamples", "0", "--delimiter", ","]
    )
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and all(row["alpha_ci_low"] == row["alpha_ci_high"] == "" for row in rows)


def test_resamples_out_of_range_is_one_line(team: tuple[Path, str]) -> None:  # noqa: F811
    r = runner.invoke(app, ["agree", "anna", "ben", "--resamples", "-1"])
    assert r.exit_code == 2
    assert "--resamples" in r.stderr
