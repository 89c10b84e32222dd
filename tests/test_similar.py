"""Coding the likeliest candidates automatically, for review (`lernet review --candidates
--auto`, learn/similar.py).

The study of test_candidates.py plus p3, who says twice, without "elkaar", that they hardly know
the other members: the rules miss both turns; the second resembles the code most.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.learn.similar import select
from lernet_cli.store.store import Store

from .conftest import dump_store
from .test_candidates import CODE, P1, P2, _study, cli

P3 = """\
I: Hoe gaat het?
R: Ik ken de andere leden nauwelijks.
I: En verder?
R: De andere leden kennen we eigenlijk nauwelijks, we kennen de anderen niet.
I: En het weer?
R: Het weer was mooi, de zon scheen.
"""
LOW = "0.35"
"""Below every turn of the code's candidates but p1's (who has the code): the mini codebook's
scores are far lower than a real codebook's, so the tests set the threshold."""


@pytest.fixture
def study(project: Path) -> Path:
    for name, text in (("p1.txt", P1), ("p2.txt", P2), ("p3.txt", P3)):
        (project / name).write_text(text, encoding="utf-8")
    code, _, err = cli("code", "p1.txt", "p2.txt", "p3.txt")
    assert code == 0, err
    return project


def _similar(root: Path, statuses: tuple[str, ...] = ("pending",)) -> list[tuple[str, int, str]]:
    with Store.open(root / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(coders=["similar"], include_rejected=True, statuses=statuses)
    return [(r.path, r.segment, r.code) for r in rows]


def _ranked(root: Path) -> list[tuple[str, int, float, bool]]:
    store, s = _study(root)
    with store:
        return [(c.path, c.segment, c.score, c.new_participant) for c in s.rank(CODE)]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- the selection


def test_select_takes_the_best_turn_per_participant_and_code_above_the_threshold(
    study: Path,
) -> None:
    ranked = _ranked(study)
    best = {}
    for path, seg, score, new in ranked:
        if new and (path not in best or score > best[path][1]):
            best[path] = (seg, score)
    # p3 has two candidate turns, p2 one; p1 has the code, so its candidate turn never counts
    assert set(best) == {"p2.txt", "p3.txt"}
    assert any(p == "p1.txt" and not new for p, _, _, new in ranked)
    store, s = _study(study)
    with store:
        everyone = select(s, min_score=0.01)  # type: ignore[arg-type]
        assert {(c.path, c.segment) for c in everyone} == {(p, b[0]) for p, b in best.items()}
        # the threshold: just above p2's best score keeps p3 only; at a score (as shown, to 4
        # decimals) it is in
        p2 = round(best["p2.txt"][1], 4)
        above = select(s, min_score=p2 + 0.0001)  # type: ignore[arg-type]
        at = select(s, min_score=p2)  # type: ignore[arg-type]
        assert [c.path for c in above] == ["p3.txt"]
        assert {c.path for c in at} == {"p2.txt", "p3.txt"}
        # interviewer turns never: every pick is a participant's turn
        roles = dict(
            ((tid, idx), role)
            for tid, idx, role in store.conn.execute(
                "SELECT transcript_id, idx, role FROM segments"
            )
        )
        assert all(roles[(c.transcript_id, c.segment)] != "interviewer" for c in everyone)
        # only the codes asked for
        assert select(s, ["trust.built"], min_score=0.01) == []  # type: ignore[arg-type]


def test_a_rejected_candidate_or_coded_turn_is_never_selected(study: Path) -> None:
    store, s = _study(study)
    with store:
        (p3_best,) = [c for c in select(s, min_score=0.01) if c.path == "p3.txt"]  # type: ignore[attr-defined,arg-type]
        s.reject(store, p3_best, "eva")  # type: ignore[attr-defined]
        again = [c for c in select(s, min_score=0.01) if c.path == "p3.txt"]  # type: ignore[arg-type]
        # p3's other turn is now its best; the rejected one never comes back
        assert [(c.path, c.segment) for c in again] == [("p3.txt", 2)]
        s.accept(store, again[0], "eva")  # type: ignore[attr-defined]
        # p3 has the code now: none of its turns is selected
        assert [c.path for c in select(s, min_score=0.01)] == ["p2.txt"]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the command


def test_auto_adds_pending_similar_codings_once_with_their_score(study: Path) -> None:
    code, out, err = cli("review", "--candidates", "--auto", "--min-score", LOW)
    assert code == 0, err
    assert err == (
        "lernet: added 2 codings (2 participants × codes) from candidates scoring >= 0.35; "
        "review them with lernet review --coder similar\n"
    )
    assert _similar(study) == [("p2.txt", 2, CODE), ("p3.txt", 4, CODE)]
    with Store.open(study / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(coders=["similar"])
    for r in rows:
        assert (r.source, r.status, r.coder) == ("similar", "pending", "similar")
        assert r.note and r.note.startswith("similar: score 0.") and "kennen" in r.note
    # again: nothing twice
    before = dump_store(study)
    code, _, err = cli("review", "--candidates", "--auto", "--min-score", LOW)
    assert code == 0 and "added 0 codings" in err, err
    assert _similar(study) == [("p2.txt", 2, CODE), ("p3.txt", 4, CODE)]
    assert dump_store(study).count(b"'similar'") == before.count(b"'similar'")
    # codings --coder similar lists them
    code, out, err = cli("codings", "--coder", "similar", "-f", "json")
    assert code == 0, err
    assert [(r["file"], r["segment"], r["status"]) for r in json.loads(out)] == [
        ("p2.txt", 2, "pending"),
        ("p3.txt", 4, "pending"),
    ]


def test_auto_json_says_what_was_added(study: Path) -> None:
    code, out, err = cli("review", "--candidates", "--auto", "--min-score", LOW, "-f", "json")
    assert code == 0, err
    found = json.loads(out)
    assert (found["min_score"], found["added"], found["participants_codes"]) == (0.35, 2, 2)
    first = found["codings"][0]
    assert set(first) == {
        "id",
        "code",
        "file",
        "participant",
        "group",
        "segment",
        "start",
        "end",
        "text",
        "score",
        "words",
        "direction",
        "near_miss",
    }
    assert first["code"] == CODE and first["score"] >= 0.35
    assert {"word", "lemma", "negated"} <= set(first["words"][0])
    # --no-anonymize: as said (these ids hold no name, so they look the same either way)
    assert cli("review", "--candidates", "--auto", "--undo")[0] == 0
    code, out, err = cli(
        "review", "--candidates", "--auto", "--min-score", LOW, "-f", "json", "--no-anonymize"
    )
    assert code == 0, err
    found = json.loads(out)
    assert [c["participant"] for c in found["codings"]] == ["p3", "p2"]
    ids = {c["id"] for c in found["codings"]}
    with Store.open(study / ".lernet" / "lernet.db") as store:
        assert ids == {r.id for r in store.coding_rows(coders=["similar"])}


def test_tally_counts_them_and_review_coder_similar_goes_through_them(study: Path) -> None:
    def participants(*args: str) -> int:
        code, out, err = cli("tally", "-f", "json", *args)
        assert code == 0, err
        codes = [c for t in json.loads(out)["themes"] for c in t["codes"]]
        return next(c["participants"] for c in codes if c["id"] == CODE)

    assert participants() == 1
    assert cli("review", "--candidates", "--auto", "--min-score", LOW)[0] == 0
    assert participants() == 3
    code, out, _ = cli("quotes", "-f", "json")
    assert {(q["file"], q["segment"]) for q in json.loads(out) if q["code"] == CODE} == {
        ("p1.txt", 2),
        ("p2.txt", 2),
        ("p3.txt", 4),
    }
    # nobody reviewed anything yet
    assert participants("--reviewed") == 0
    # only the similar codings, with their score shown; accept one, reject the other
    code, out, err = cli("review", "--coder", "similar", "--reviewer", "eva", input="a\nr\n")
    assert code == 0, err
    assert "1/2" in out and "2/2" in out and "similar: score" in out
    assert "1 accepted, 1 rejected" in err
    assert _similar(study) == []
    assert participants() == 2
    assert participants("--reviewed") == 1  # the accepted similar coding
    with Store.open(study / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(coders=["similar"], include_rejected=True)
    # the note stays with the decision
    assert all(r.note and r.note.startswith("similar: score") for r in rows)
    rejected = [(r.path, r.segment) for r in rows if r.status == "rejected"]
    # a rejected one is never added again; undo leaves reviewed ones
    assert cli("review", "--candidates", "--auto", "--min-score", LOW)[0] == 0
    added = _similar(study)
    assert all((p, s) not in rejected for p, s, _ in added)
    code, _, err = cli("review", "--candidates", "--auto", "--undo")
    assert code == 0 and f"removed {len(added)} similar" in err, err
    assert _similar(study) == []
    assert len(_similar(study, ("accepted", "rejected"))) == 2


def test_undo_removes_what_auto_added(study: Path) -> None:
    before = dump_store(study)
    assert cli("review", "--candidates", "--auto", "--min-score", LOW)[0] == 0
    # --code: only that code's
    code, out, err = cli("review", "--candidates", "--auto", "--undo", "--code", "trust.built")
    assert code == 0 and "removed 0 similar" in err, err
    code, out, err = cli("review", "--candidates", "--auto", "--undo", "-f", "json")
    assert code == 0, err
    assert json.loads(out) == {"removed": 2}
    after = dump_store(study)
    # the codings are gone; only the remembered threshold differs
    assert [ln for ln in after.splitlines() if b"similar" not in ln] == [
        ln for ln in before.splitlines() if b"similar" not in ln
    ]
    assert _similar(study, ("pending", "accepted", "rejected")) == []


def test_code_keeps_them_unless_their_turn_is_gone(study: Path) -> None:
    assert cli("review", "--candidates", "--auto", "--min-score", LOW)[0] == 0
    # p3 loses its best turn, p2 gets a turn more before its own
    (study / "p3.txt").write_text(
        P3.replace(
            "R: De andere leden kennen we eigenlijk nauwelijks, we kennen de anderen niet.\n",
            "R: Goed.\n",
        ),
        encoding="utf-8",
    )
    (study / "p2.txt").write_text("I: Welkom.\nR: Dank u.\n" + P2, encoding="utf-8")
    code, _, err = cli("code", "p2.txt", "p3.txt")
    assert code == 0, err
    assert _similar(study) == [("p2.txt", 4, CODE)]
    assert "similar" not in err  # nothing of a person's vanished


def test_report_method_says_how_many_and_at_which_threshold(study: Path) -> None:
    assert cli("review", "--candidates", "--auto", "--min-score", LOW)[0] == 0
    code, _, err = cli("report", "-o", "report.md")
    assert code == 0, err
    text = (study / "report.md").read_text(encoding="utf-8")
    # the project speaks Dutch
    assert (
        "Van de 2 coderingen automatisch toegevoegd uit kandidaten met een score van 0,35 of "
        "hoger (lernet review --candidates --auto) is er nog geen door een persoon beoordeeld"
    ) in " ".join(text.split())
    assert "Gelijkende kandidaten, automatisch gecodeerd" in text


@pytest.mark.parametrize(
    "args",
    [
        ["review", "--auto"],
        ["review", "--candidates", "--auto", "--min-score", "0"],
        ["review", "--candidates", "--auto", "--min-score", "2"],
        ["review", "--candidates", "--min-score", "0.5"],
        ["review", "--min-score", "0.5"],
        ["review", "--candidates", "--undo"],
        ["review", "--candidates", "--auto", "--undo", "--min-score", "0.5"],
        ["review", "--candidates", "--auto", "-f", "csv"],
        ["review", "--candidates", "--auto", "--limit", "3"],
        ["review", "--candidates", "--auto", "--reviewer", "eva"],
        ["review", "--candidates", "--auto", "--code", "nonsense"],
        ["review", "--coder", "eva"],
        ["review", "--candidates", "--coder", "similar"],
        ["review", "--reviewer", "similar"],
        ["code", "p1.txt", "--coder", "Similar"],
        ["review", "-f", "json"],
        ["review", "--no-anonymize"],
        ["review", "--candidates", "--auto", "--no-anonymize"],
    ],
)
def test_bad_options_leave_the_store_as_it_was(study: Path, args: list[str]) -> None:
    before = dump_store(study)
    code, _, err = cli(*args, input="a\n")
    assert code == 2, (code, err)
    assert err.startswith("lernet: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert dump_store(study) == before


def test_a_min_score_that_is_no_number_is_refused_by_the_option_parser(study: Path) -> None:
    before = dump_store(study)
    code, _, err = cli("review", "--candidates", "--auto", "--min-score", "x")
    assert code == 2 and "--min-score" in err and "Traceback" not in err
    assert dump_store(study) == before
