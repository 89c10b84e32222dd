"""eval/learn_writers.py's statistics: which learned terms are kept, and the nested estimate that
never judges a term on the writer it is applied to."""

from __future__ import annotations

from typing import Any

from .conftest import eval_script

lw = eval_script("learn_writers")

WRITERS = ("na", "nb", "nc", "nd")


def row(
    term: str, tp: tuple[str, ...] | list[str] = (), fp: tuple[str, ...] | list[str] = ()
) -> dict[str, Any]:
    return {
        "code": "trust.x",
        "kind": "any",
        "term": term,
        "negated": False,
        "precise": False,
        "tp": list(tp),
        "fp": list(fp),
    }


def fold(writer: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "writer": writer,
        "language": "nl",
        "base": {"tp": 10, "fp": 2, "fn": 4},
        "rows": rows,
    }


def table() -> list[dict[str, Any]]:
    """`everywhere` gains in three writers; `only_na` gains in na alone; `two_folds` is proposed
    in two folds only; `loser` gains once and loses twice; `twin` fires with `everywhere`."""
    out = []
    for w in WRITERS:
        p = f"{w}01:{w}01"
        rows = [
            row("everywhere", tp=[p] if w != "nd" else []),
            row("twin", tp=[p] if w != "nd" else []),
            row("only_na", tp=[p] if w == "na" else []),
            row("loser", tp=[p] if w == "na" else [], fp=[p] if w in ("nb", "nc") else []),
        ]
        if w in ("na", "nb"):
            rows.append(row("two_folds", tp=[p]))
        out.append(fold(w, rows))
    return out


def test_keep_rule_needs_folds_net_gain_and_more_writers_won_than_lost() -> None:
    stats = lw.term_stats(table())
    kept = {s["term"] for s in stats.values() if lw.kept(s)}
    assert kept == {"everywhere", "twin", "only_na"}
    assert stats["trust.x | any: loser"]["won"] == ["na"]
    assert stats["trust.x | any: loser"]["lost"] == ["nb", "nc"]
    assert stats["trust.x | any: two_folds"]["folds"] == 2


def test_nested_estimate_judges_each_writer_on_the_other_folds_only() -> None:
    e = lw.estimate(table(), 3, 0)
    per = {w["writer"]: w for w in e["per_writer"]}
    # na: only_na is kept on all folds (it gained in na) but not on nb, nc, nd's folds
    assert (per["na"]["tp"], per["na"]["fp"]) == (1, 0)
    assert (per["nd"]["tp"], per["nd"]["fp"]) == (0, 0)
    # everywhere and twin fire on the same participant and code: counted once
    assert e["nested"]["tp"] == 3
    assert e["in_sample"]["tp"] == 3
    assert e["nested"]["before"] == lw.f1(40, 8, 16)
    assert e["nested"]["after"] == lw.f1(43, 8, 13)


def test_in_sample_estimate_is_the_optimistic_one() -> None:
    folds = [fold(w, [row("lucky", tp=[f"{w}01:{w}01"] if w == "na" else [])]) for w in WRITERS]
    e = lw.estimate(folds, 3, 0)
    assert e["kept"] == 1
    assert e["in_sample"]["tp"] == 1
    assert e["nested"]["tp"] == 0


def test_the_fold_table_is_stored_and_read_back_unchanged() -> None:
    folds = table()
    folds[0]["rows"][0]["precise"] = True
    data = {"top": 20} | lw.pack(folds)
    assert lw.unpack(data) == folds
    assert len(data["terms"]) == 5
