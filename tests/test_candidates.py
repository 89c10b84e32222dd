"""Candidates: turns that probably have a code the rules did not give them (`lernet review
--candidates`, `lernet codings --candidates`), and what suggest learns from them.

The mini codebook's `trust.not_acquainted` needs "elkaar" with kennen/ontmoeten/spreken, negated.
Turns that say the same without "elkaar" are what the rules miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.learn.candidates import default_limit, load_study
from lernet_cli.learn.evaluate import wilson
from lernet_cli.learn.handcoding import human_coders, load_hand_coding
from lernet_cli.store.store import Store

from .conftest import dump_store

runner = CliRunner()
CODE = "trust.not_acquainted"

P1 = """\
I: Kent u de anderen? Kennen jullie elkaar nauwelijks?
R: We kennen elkaar nog niet goed.
I: En de leden?
R: De meeste leden ken ik nauwelijks, eerlijk gezegd.
I: Hoe was het weer?
R: Het weer was mooi.
"""
P2 = """\
I: Hoe gaat het in het netwerk?
R: Wij kennen de andere leden eigenlijk nauwelijks.
I: En vertrouwen?
R: Vertrouwen groeit als iedereen iets bijdraagt.
"""


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def study(project: Path) -> Path:
    (project / "p1.txt").write_text(P1, encoding="utf-8")
    (project / "p2.txt").write_text(P2, encoding="utf-8")
    code, _, err = cli("code", "p1.txt", "p2.txt")
    assert code == 0, err
    return project


def _study(root: Path) -> tuple[Store, object]:
    store = Store.open(root / ".lernet" / "lernet.db")
    return store, load_study(store, load_codebook(root / "codebook.yaml"))


def test_candidates_are_turns_without_the_code_new_participants_first(study: Path) -> None:
    store, s = _study(study)
    with store:
        found = s.rank(CODE)  # type: ignore[attr-defined]
    where = [(c.path, c.segment) for c in found]
    # p1's turn 2 has the code; interviewer turns (1, 3, 5) never come; "het weer" resembles
    # nothing; p2's turn comes first, as p2 has no turn with the code yet
    assert where == [("p2.txt", 2), ("p1.txt", 4)]
    first, second = found
    assert first.new_participant and not second.new_participant
    assert first.sentence == "Wij kennen de andere leden eigenlijk nauwelijks."
    # "nauwelijks" negates "kennen", as in the code's example and its coded turn
    assert {"word": "kennen", "lemma": "kennen", "negated": True} in first.why()
    # the rule's groups: "elkaar" is missing, kennen stands: half of the rule's groups
    assert first.near_miss == pytest.approx(0.5)
    assert first.score > 0 and second.score > 0


def test_accept_stores_a_review_coding_and_reject_is_remembered(study: Path) -> None:
    store, s = _study(study)
    with store:
        first, second = s.rank(CODE)  # type: ignore[attr-defined]
        s.accept(store, first, "eva")  # type: ignore[attr-defined]
        s.reject(store, second, "eva")  # type: ignore[attr-defined]
        assert s.rank(CODE) == []  # type: ignore[attr-defined]
        rows = store.coding_rows(coders=["eva"])
    assert [(r.path, r.segment, r.code, r.source, r.status) for r in rows] == [
        ("p2.txt", 2, CODE, "review", "accepted")
    ]
    assert rows[0].segment_text[rows[0].start : rows[0].end] == first.sentence
    # a new run knows both decisions
    store, s = _study(study)
    with store:
        assert s.rank(CODE) == []  # type: ignore[attr-defined]
    # re-coding a changed p1 numbers its turns anew: the rejection follows the turn's text
    (study / "p1.txt").write_text("I: Welkom.\nR: Dank u.\n" + P1, encoding="utf-8")
    assert cli("code", "p1.txt")[0] == 0
    store, s = _study(study)
    with store:
        assert s.rank(CODE) == []  # type: ignore[attr-defined]
        tally = store.coding_rows(codes=[CODE])
    assert {r.participant for r in tally} == {"p1", "p2"}


def test_unaccept_and_unreject_leave_the_study_and_the_store_as_before(study: Path) -> None:
    before = dump_store(study)
    store, s = _study(study)
    with store:
        ranked = s.rank(CODE)  # type: ignore[attr-defined]
        first, second = ranked
        made = s.accept(store, first, "eva")  # type: ignore[attr-defined]
        s.reject(store, second, "eva")  # type: ignore[attr-defined]
        s.unreject(store, second)  # type: ignore[attr-defined]
        s.unaccept(store, first, made)  # type: ignore[attr-defined]
        assert s.rank(CODE) == ranked  # type: ignore[attr-defined]
    assert dump_store(study) == before


def test_a_rejected_candidate_stays_rejected_when_a_rule_comes_to_code_it(study: Path) -> None:
    store, s = _study(study)
    with store:
        _, second = s.rank(CODE)  # type: ignore[attr-defined]
        s.reject(store, second, "eva")  # type: ignore[attr-defined]
    # An edited rule now finds "ken ik nauwelijks" (p1's turn 4, the rejected candidate).
    book = study / "codebook.yaml"
    text = book.read_text(encoding="utf-8")
    rule = "            negation: require\n"
    assert rule in text
    added = rule + '          - any: ["ken ik nauwelijks"]\n            negation: ignore\n'
    book.write_text(text.replace(rule, added, 1), encoding="utf-8")
    for edit in ("", "I: Welkom.\nR: Dank u.\n"):  # from the store; the file read again
        (study / "p1.txt").write_text(edit + P1, encoding="utf-8")
        code, _, err = cli("code", "p1.txt") if edit else cli("code")
        assert code == 0, err
        store = Store.open(study / ".lernet" / "lernet.db")
        with store:
            rows = store.coding_rows(codes=[CODE], include_rejected=True)
        found = [(r.source, r.status) for r in rows if "ken ik" in r.segment_text]
        assert found == [("rule", "rejected")], (edit, found)


def test_a_rejected_rule_coding_is_no_candidate(study: Path) -> None:
    store, s = _study(study)
    with store:
        row = next(r for r in store.coding_rows(codes=[CODE]) if r.path == "p1.txt")
        store.set_review(row.id, "rejected", "eva")
    store, s = _study(study)
    with store:
        where = [(c.path, c.segment) for c in s.rank(CODE)]  # type: ignore[attr-defined]
    assert ("p1.txt", 2) not in where
    assert ("p2.txt", 2) in where


def test_accepted_candidates_do_not_make_a_hand_coded_transcript(study: Path) -> None:
    store, s = _study(study)
    with store:
        s.accept(store, s.rank(CODE)[0], "eva")  # type: ignore[attr-defined]
        assert human_coders(store) == []
        hand = load_hand_coding(store, load_codebook(study / "codebook.yaml"), "eva")
    assert hand.units == []


def test_codings_candidates_json(study: Path) -> None:
    code, out, err = cli("codings", "--candidates", "--code", "not_acquainted", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [(d["file"], d["segment"], d["rank"]) for d in data] == [
        ("p2.txt", 2, 1),
        ("p1.txt", 4, 2),
    ]
    assert set(data[0]) == {
        "code",
        "rank",
        "file",
        "participant",
        "group",
        "segment",
        "start",
        "end",
        "text",
        "score",
        "words",
        "new_participant",
        "near_miss",
    }
    assert data[0]["code"] == CODE and data[0]["group"] == "ungrouped"
    assert data[0]["words"][0].keys() == {"word", "lemma", "negated"}
    code, out, _ = cli("codings", "--candidates", "--code", "not_acquainted", "--limit", "1")
    assert code == 0 and "p2.txt" in out and "p1.txt" not in out


def test_review_candidates_saves_each_decision_and_resumes(study: Path) -> None:
    code, out, err = cli(
        "review", "--candidates", "--code", CODE, "--reviewer", "eva", input="a\nq\n"
    )
    assert code == 0, err
    assert "»Wij kennen de andere leden eigenlijk nauwelijks.«" in out
    assert "similar words:" in out and "no turn of this participant has the code yet" in out
    assert "1 accepted, 0 rejected" in err and "again to go on" in err
    # the accepted one is a coding; the next run goes on with the other
    code, out, err = cli("review", "--candidates", "--code", CODE, "--reviewer", "eva", input="r\n")
    assert code == 0, err
    assert "Wij kennen" not in out and "»De meeste leden ken ik nauwelijks, eerlijk gezegd.«" in out
    assert "0 accepted, 1 rejected" in err
    code, out, err = cli("review", "--candidates", "--code", CODE, "--reviewer", "eva")
    assert code == 0 and "no candidates" in err
    code, out, _ = cli("codings", "--no-anonymize", "--coder", "eva", "-f", "json")
    assert [(r["file"], r["segment"], r["code"], r["status"]) for r in json.loads(out)] == [
        ("p2.txt", 2, CODE, "accepted")
    ]


def test_ctrl_c_in_review_candidates_saves_the_answers_and_exits_non_zero(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    from .test_manual import ctrl_c_after

    with monkeypatch.context() as patch:
        patch.setattr(typer, "prompt", ctrl_c_after(["a"]))
        code, _, err = cli("review", "--candidates", "--code", CODE, "--reviewer", "eva")
    assert code == 130, err
    assert "1 accepted" in err and "interrupted; every answer given is saved" in err
    code, out, _ = cli("codings", "--no-anonymize", "--coder", "eva", "--format", "json")
    assert len(json.loads(out)) == 1


def test_review_candidates_skip_comes_back(study: Path) -> None:
    code, _, err = cli("review", "--candidates", "--code", CODE, input="s\ns\n")
    assert code == 0 and "0 accepted, 0 rejected, 2 skipped" in err
    code, out, _ = cli("codings", "--candidates", "--code", CODE, "-f", "json")
    assert len(json.loads(out)) == 2


def test_review_candidates_undo_takes_answers_back_one_by_one(study: Path) -> None:
    (study / "p3.txt").write_text(
        "I: En de anderen?\nR: Ik ken de andere bedrijven nauwelijks.\n", encoding="utf-8"
    )
    assert cli("code", "p3.txt")[0] == 0
    before = dump_store(study)
    args = ("review", "--candidates", "--code", CODE, "--reviewer", "eva")
    # u before any answer; accept two candidates; u, u: both codings gone, the first back
    code, out, err = cli(*args, input="u\na\na\nu\nu\nq\n")
    assert code == 0, err
    assert "[u] vorige terugdraaien" in out and "niets terug te draaien in deze sessie" in out
    assert "undone: accepted (candidate 2/3 of trust.not_acquainted again)" in out
    assert "undone: accepted (candidate 1/3 of trust.not_acquainted again)" in out
    first = out.split("\n", 2)[1]  # "p2.txt · segment 2 · participant p2"
    assert first.startswith("p") and out.count(first) == 2
    assert "0 accepted, 0 rejected, 0 skipped" in err
    assert dump_store(study) == before
    # a rejection taken back is forgotten: the candidate comes back, now and next time
    code, out, err = cli(*args, input="r\nu\ns\nq\n")
    assert code == 0, err
    assert "undone: rejected" in out and "0 accepted, 0 rejected, 1 skipped" in err
    assert out.count(first) == 2
    assert dump_store(study) == before
    # an accepted one undone and accepted again is stored once; undoing a skip shows it again
    code, out, err = cli(*args, input="s\nu\na\nu\na\nq\n")
    assert code == 0 and "1 accepted, 0 rejected, 0 skipped" in err, err
    assert "undone: skipped" in out
    code, out, _ = cli("codings", "--no-anonymize", "--coder", "eva", "-f", "json")
    shown = [f"{r['file']} · segment {r['segment']}" for r in json.loads(out)]
    assert shown == [first.rsplit(" · ", 1)[0]]


@pytest.mark.parametrize(
    "args",
    [
        ["review", "--candidates", "--limit", "0"],
        ["review", "--limit", "3"],
        ["review", "--candidates", "--code", "nonsense"],
        ["codings", "--limit", "3"],
        ["codings", "--candidates", "--status", "pending"],
        ["codings", "--candidates", "--coder", "auto"],
        ["suggest", "--all", "--code", "not_acquainted"],
        ["suggest"],
        ["suggest", "--all", "--add", "kennen"],
    ],
)
def test_bad_options_leave_the_store_as_it_was(study: Path, args: list[str]) -> None:
    before = dump_store(study)
    code, out, err = cli(*args, input="a\n")
    assert code == 2, (code, err)
    assert err.startswith("lernet: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert dump_store(study) == before


def test_default_limit_is_three_per_ten_interviews() -> None:
    assert [default_limit(n) for n in (1, 10, 14, 16, 20, 44)] == [3, 3, 3, 6, 6, 12]


def test_wilson_interval_by_hand() -> None:
    assert wilson(0, 0) is None
    lo, hi = wilson(2, 2) or [0, 0]
    # p = 1, n = 2, z = 1.96: centre (1 + z²/4) / (1 + z²/2), half (z²/4) / (1 + z²/2)
    z2 = 1.96**2
    assert lo == pytest.approx((1 + z2 / 4 - z2 / 4) / (1 + z2 / 2), abs=1e-4)
    assert hi == 1.0
    assert lo == pytest.approx(0.3424, abs=1e-4)


def test_candidates_are_anonymized(project: Path) -> None:
    """The file, the participant and the sentence hide names; a name is never among the words
    that made a turn similar (the rules and the similarity do not read it); --no-anonymize
    shows the names."""
    (project / "participants.yaml").write_text(
        "participants:\n  - id: p1\n    organisations: [Basisschool Het Hofke]\n"
        "redact:\n  names: [Els Goossens]\n",
        encoding="utf-8",
    )
    (project / "p1.txt").write_text(
        "I: Kent u de anderen?\nR: Els en ik kennen elkaar nog niet goed op Hofke.\n",
        encoding="utf-8",
    )
    (project / "Hofke_Els.txt").write_text(
        "I: En de leden?\nR: Els kent de leden van Hofke nauwelijks.\n", encoding="utf-8"
    )
    code, _, err = cli("code", "p1.txt", "Hofke_Els.txt")
    assert code == 0, err
    code, out, err = cli("codings", "--candidates", "--code", "not_acquainted", "-f", "json")
    assert code == 0, err
    (found,) = json.loads(out)
    assert found["file"] == "[organisatie]_[naam].txt"
    assert found["participant"].startswith("P")
    assert found["text"] == "[naam] kent de leden van [organisatie] nauwelijks."
    words = {w["word"]: w["lemma"] for w in found["words"]}
    assert words and not any("naam" in w or "organisatie" in w for w in words)  # no evidence
    assert not {"Els", "els", "Hofke", "hofke"} & {*words, *words.values()}
    for fmt in ("csv", "table"):
        code, out, _ = cli("codings", "--candidates", "--code", "not_acquainted", "-f", fmt)
        assert "Els" not in out and "Hofke" not in out, fmt
    code, out, _ = cli(
        "codings", "--candidates", "--code", "not_acquainted", "-f", "json", "--no-anonymize"
    )
    (found,) = json.loads(out)
    assert found["file"] == "Hofke_Els.txt" and found["text"].startswith("Els kent")
    assert "Els" not in {w["word"] for w in found["words"]}


P3_HAND = """\
I: Hoe gaat het in het netwerk?
R: [[trust.built: Vertrouwen groeit als iedereen zijn deel doet.]]
I: En de leden?
R: De andere leden ken ik eigenlijk nauwelijks.
"""


def test_turns_of_a_transcript_coded_by_hand_are_no_candidates(study: Path) -> None:
    # p3 was coded by hand (a tag, of another code): whoever coded it read every turn and left
    # trust.not_acquainted off; its turn that resembles the code is no candidate
    (study / "p3.txt").write_text(P3_HAND, encoding="utf-8")
    assert cli("code", "p3.txt", "--coder", "eva")[0] == 0
    store, s = _study(study)
    with store:
        found = s.rank(CODE)  # type: ignore[attr-defined]
        assert s.hand_coded == {3: "p3.txt"}  # type: ignore[attr-defined]
        # a candidate accepted in p2 is a judgement on one turn, not a transcript coded by hand
        s.accept(store, found[0], "eva")  # type: ignore[attr-defined]
    assert [(c.path, c.segment) for c in found] == [("p2.txt", 2), ("p1.txt", 4)]
    store, s = _study(study)
    with store:
        assert "p2.txt" not in s.hand_coded.values()  # type: ignore[attr-defined]
        assert [(c.path, c.segment) for c in s.rank(CODE)] == [  # type: ignore[attr-defined]
            ("p1.txt", 4)
        ]
    code, out, err = cli("codings", "--candidates", "--code", CODE, "--format", "json")
    assert code == 0, err
    assert "p3.txt" not in {r["file"] for r in json.loads(out)}
    assert "coded by hand (p3.txt)" in err


def test_a_candidate_far_below_the_best_is_dropped(study: Path) -> None:
    from dataclasses import replace

    from lernet_cli.learn.candidates import left_out

    # "kennen" among many other words, and without what the rules nearly found: a word in
    # common with the code's evidence and no more; as a new participant's turn it would stand
    # before p1's real miss
    (study / "p4.txt").write_text(
        "I: Nog iets?\nR: Wij kennen de planning, de begroting, de agenda, de website, de "
        "subsidie, de notulen, het jaarplan en de regels van de gemeente.\n",
        encoding="utf-8",
    )
    assert cli("code", "p4.txt")[0] == 0
    store, s = _study(study)
    with store:
        s.settings = replace(s.settings, floor=0, rule_weight=0)  # type: ignore[attr-defined]
        every = s.rank(CODE)  # type: ignore[attr-defined]
        s.settings = replace(s.settings, floor=1 / 3, rule_weight=0)  # type: ignore[attr-defined]
        kept = s.rank(CODE)  # type: ignore[attr-defined]
        note = left_out(s)  # type: ignore[arg-type]
    best = max(c.score for c in every)
    weak = [c for c in every if c.score < best / 3]
    assert [(c.path, c.new_participant) for c in weak] == [("p4.txt", True)]
    assert [c for c in every if c not in weak] == kept
    assert (
        note is not None
        and f"{len(weak)} turn{'' if len(weak) == 1 else 's'} scoring below 33%" in note
    )
