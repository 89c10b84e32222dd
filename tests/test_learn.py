"""Learning terms from hand coding (`lernet suggest`) and measuring rules (`lernet codebook eval`).

The corpus is built so that every figure can be worked out on paper: four transcripts coded by
hand (anna, with inline tags), one not coded by hand, and a phrase ("gedeelde agenda") that marks
the code while each of its words also occurs in turns that are not coded.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.errors import NotEnoughData, UsageError
from lernet_cli.language.text import make_doc
from lernet_cli.learn.evaluate import evaluate
from lernet_cli.learn.handcoding import choose_coder, load_hand_coding, rule_codes
from lernet_cli.learn.suggest import Feature, features, lemma_key, log_odds_z, suggest
from lernet_cli.store.store import Store
from tests.conftest import dump_store

runner = CliRunner()

CODEBOOK = """\
version: 1
name: learn-test
# A comment at the top that must survive edits.
themes:
  - id: network   # the theme
    label: {nl: Netwerk, en: Network}
    codes:
      - id: agenda
        label: {nl: Gedeelde agenda, en: Shared agenda}
        match:
          # projects were the first idea
          - any: [project]
      - id: meetings
        label: {nl: Bijeenkomsten, en: Meetings}
        match:
          - any: [bijeenkomst]
"""

TAG = "network.agenda"
T1 = f"""\
I: Hoe werken jullie samen?
R: [[{TAG}: Wij werken met een gedeelde agenda voor het hele jaar.]]
I: En verder?
R: Onze agenda zit vol met klantafspraken.
I: Hoe is de sfeer?
R: De gedeelde lunch is gezellig en iedereen komt.
I: Wat leverde de laatste bijeenkomst op?
R: [[network.meetings: Op de bijeenkomst in maart hoorde ik veel nieuws.]]
"""
T2 = f"""\
I: Wat is de kern?
R: [[{TAG}: Een gedeelde agenda helpt ons om keuzes te maken.]]
I: Lopen er projecten?
R: Het project loopt goed, dank je.
I: Hoe druk is het?
R: Mijn agenda is druk deze maand.
I: Zien jullie elkaar?
R: [[network.meetings: We zien elkaar vaak op locatie.]]
"""
T3 = f"""\
I: Wat werkt goed?
R: [[{TAG}: De gedeelde agenda van het netwerk en de gemeente werkt goed.]]
I: Waar werken jullie aan?
R: [[{TAG}: Een project met de gemeente.]]
I: Nog iets?
R: De koffie is prima.
I: En de bijeenkomsten?
R: Elke bijeenkomst duurt te lang voor mij.
"""
T4 = f"""\
I: Hoe stemmen jullie af?
R: [[{TAG}: We stemmen de gedeelde agenda elk kwartaal af.]]
I: Hoe is het gebouw?
R: De gedeelde ruimte is te klein voor ons.
I: En verder?
R: Het weer was slecht vorige week.
"""
# Not coded by hand: it plays no part in learning, but its counts change after --add.
T5 = """\
I: Hoe plannen jullie?
R: Met een gedeelde agenda, dat werkt prima.
"""


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def learned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    (root / "hand").mkdir(parents=True)
    (root / "rest").mkdir()
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    for name, text in (("p1", T1), ("p2", T2), ("p3", T3), ("p4", T4)):
        (root / "hand" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "rest" / "p5.txt").write_text(T5, encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = cli("code", "hand", "--coder", "anna")
    assert code == 0, err
    code, _, err = cli("code", "rest")
    assert code == 0, err
    return root


def _open(root: Path) -> tuple[Store, object]:
    codebook = load_codebook(root / "codebook.yaml")
    return Store.open(root / ".lernet" / "lernet.db"), codebook


def test_log_odds_z_matches_the_formula_worked_by_hand() -> None:
    a, b = Feature(("a",), False), Feature(("b",), False)
    z = log_odds_z(Counter({a: 3}), Counter({a: 1, b: 4}), Counter({a: 4, b: 4}))
    # n+ = 3, n- = 5, alpha_a = 4, alpha_0 = 8
    delta = math.log(7 / 4) - math.log(5 / 8)
    assert z[a] == pytest.approx(delta / math.sqrt(1 / 7 + 1 / 5))
    assert z[a] == pytest.approx(1.7584, abs=1e-4)


def test_features_are_lemmas_phrases_and_negation_aware() -> None:
    doc = make_doc("We kenden elkaar niet. Zij kent de gedeelde agenda.")
    feats = features(doc)
    kennen = lemma_key("kenden")
    assert kennen == lemma_key("kent") == "kennen"
    assert Feature((kennen,), True) in feats
    assert Feature((kennen,), False) in feats
    assert Feature((lemma_key("gedeelde"), "agenda"), False) in feats
    assert not any("de" in f.words or "niet" in f.words for f in feats)


def test_known_phrase_is_proposed_first_with_leave_one_out_figures(learned: Path) -> None:
    store, codebook = _open(learned)
    with store:
        hand = load_hand_coding(store, codebook, "anna")
    assert hand.transcripts == ["hand/p1.txt", "hand/p2.txt", "hand/p3.txt", "hand/p4.txt"]
    result = suggest(codebook, TAG, hand, rule_codes(codebook, hand.units), top=10)
    assert (result.coded_segments, result.transcripts_with_code, result.segments) == (5, 4, 15)
    # the rule `project`: one coded turn (p3) and one not coded (p2) of five coded turns
    assert (result.rules.tp, result.rules.fp, result.rules.fn) == (1, 1, 4)
    top = result.items[0]
    assert top.feature == Feature((lemma_key("gedeelde"), "agenda"), False)
    assert (top.coded, top.other) == (4, 0)
    # Learned without any one transcript the phrase still stands in 3 coded turns and no other,
    # so it is proposed in all four folds; held out, each transcript's phrase turns are found.
    assert top.folds == 4
    assert (top.loo.tp, top.loo.fp, top.loo.fn) == (4, 0, 1)
    assert (top.loo.precision, top.loo.recall) == (1.0, 0.8)
    # with the rule `project` as well: p3's project turn is found, p2's is a false positive
    assert (top.loo_with_rules.tp, top.loo_with_rules.fp, top.loo_with_rules.fn) == (5, 1, 0)
    # "gemeente" only occurs in p3's two coded turns: in-sample perfect, but learned without p3
    # it is not proposed, so left out it never finds them.
    gemeente = next(s for s in result.items if s.feature.words == ("gemeente",))
    assert (gemeente.coded, gemeente.other) == (2, 0)
    assert gemeente.folds == 3
    assert (gemeente.loo.tp, gemeente.loo.fp, gemeente.loo.fn) == (0, 0, 5)
    assert gemeente.loo.precision is None and gemeente.loo.recall == 0.0


def test_too_little_to_learn_from(learned: Path) -> None:
    store, codebook = _open(learned)
    with store:
        hand = load_hand_coding(store, codebook, "anna")
    # two coded turns in two transcripts are enough to learn from ...
    learned_ = suggest(codebook, "network.meetings", hand, rule_codes(codebook, hand.units))
    assert (learned_.coded_segments, learned_.transcripts_with_code) == (2, 2)
    # ... one transcript is not: without p2 the code stands in p1 only
    keep = [i for i, u in enumerate(hand.units) if u.path != "hand/p2.txt"]
    hand.units = [hand.units[i] for i in keep]
    hand.codes = [hand.codes[i] for i in keep]
    with pytest.raises(NotEnoughData, match=r"network.meetings in 1 segment of 1 transcript;"):
        suggest(codebook, "network.meetings", hand, rule_codes(codebook, hand.units))
    (learned / "bram.txt").write_text(
        "I: En?\nR: [[network.meetings: De bijeenkomst was goed.]]\n", encoding="utf-8"
    )
    assert cli("code", "bram.txt", "--coder", "bram")[0] == 0
    code, out, err = cli("suggest", "--code", "meetings", "--coder", "bram")
    assert code == 8 and out == ""
    assert err.startswith("lernet: error: too little to learn from") and err.count("\n") == 1


def test_codebook_eval_against_figures_by_hand(learned: Path) -> None:
    store, codebook = _open(learned)
    with store:
        hand = load_hand_coding(store, codebook, "anna")
    result = evaluate(codebook, hand, rule_codes(codebook, hand.units))
    by_id = {c.code: c for c in result.codes}
    agenda, meetings = by_id[TAG], by_id["network.meetings"]
    # agenda: rule hits p2 (not coded) and p3 (coded) of five coded turns
    assert (agenda.segment.tp, agenda.segment.fp, agenda.segment.fn) == (1, 1, 4)
    assert agenda.segment.precision == 0.5 and agenda.segment.recall == 0.2
    assert agenda.segment.f1 == pytest.approx(2 / 7)
    # per participant: the rule finds p2 and p3, anna coded all four
    assert (agenda.participant.tp, agenda.participant.fp, agenda.participant.fn) == (2, 0, 2)
    assert agenda.participant.f1 == pytest.approx(2 / 3)
    # meetings: p1's turn both, p2 hand only, p3 rule only
    assert (meetings.segment.tp, meetings.segment.fp, meetings.segment.fn) == (1, 1, 1)
    assert meetings.segment.f1 == 0.5
    # the theme counts its codes: 7 coded turns, 4 rule turns, 2 both
    theme = by_id["network"]
    assert (theme.segment.tp, theme.segment.fp, theme.segment.fn) == (2, 2, 5)
    assert [c.code for c in result.codes] == [TAG, "network", "network.meetings"]

    code, out, _ = cli("codebook", "eval", "--coder", "anna", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["segments"] == 15 and data["participants"] == 4
    first = data["codes"][0]
    assert first["code"] == TAG
    assert first["segment"] == {
        "tp": 1,
        "fp": 1,
        "fn": 4,
        "precision": 0.5,
        "recall": 0.2,
        "f1": pytest.approx(2 / 7),
    }


def test_codebook_eval_overall_pools_leaf_codes_by_hand(learned: Path) -> None:
    """Micro figures over the leaf codes, worked out on paper; the theme row is not pooled again.

    segment:     agenda (1, 1, 4) + meetings (1, 1, 1) = (2, 2, 5)
    participant: agenda (2, 0, 2): the rule finds p2 and p3, anna coded p1-p4;
                 meetings (1, 1, 1): p1 both, p2 anna only, p3 the rule only
                 = (3, 1, 3), whereas the theme row alone is (3, 0, 1).
    """
    store, codebook = _open(learned)
    with store:
        hand = load_hand_coding(store, codebook, "anna")
    result = evaluate(codebook, hand, rule_codes(codebook, hand.units))
    segment, participant = result.overall()
    assert (segment.tp, segment.fp, segment.fn) == (2, 2, 5)
    assert (participant.tp, participant.fp, participant.fn) == (3, 1, 3)
    theme = next(c for c in result.codes if c.code == "network")
    assert not theme.leaf
    assert (theme.participant.tp, theme.participant.fp, theme.participant.fn) == (3, 0, 1)

    code, out, _ = cli("codebook", "eval", "--coder", "anna", "--format", "json")
    assert code == 0
    overall = json.loads(out)["overall"]
    assert overall["codes"] == 2
    assert overall["segment"] == {
        "tp": 2,
        "fp": 2,
        "fn": 5,
        "precision": 0.5,
        "recall": pytest.approx(2 / 7),
        "f1": pytest.approx(4 / 11),
    }
    assert overall["participant"] == {
        "tp": 3,
        "fp": 1,
        "fn": 3,
        "precision": 0.75,
        "recall": 0.5,
        "f1": 0.6,
    }


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_codebook_eval_formats(learned: Path, fmt: str) -> None:
    code, out, err = cli("codebook", "eval", "-f", fmt)
    assert code == 0, err
    assert TAG in out and "network.meetings" in out
    if fmt == "csv":
        header, first = out.splitlines()[:2]
        # a Dutch project: ';' and decimal commas, as Dutch Excel reads them
        assert header.startswith("code;label;coded;by rules;both;precision;recall;F1")
        assert first.startswith(f"{TAG};Gedeelde agenda;5;2;1;0,5000;0,2000;0,2857")


def test_suggest_cli_table_and_json(learned: Path) -> None:
    code, out, err = cli("suggest", "--code", "Gedeelde agenda", "--top", "3")
    assert code == 0, err
    assert "anna coded 5 of 15 participant turns, in 4 of 4 transcripts" in out
    assert "leave-one-transcript-out" in out
    phrase = f"{lemma_key('gedeelde')} agenda"
    assert phrase in out
    code, out, _ = cli("suggest", "--code", TAG, "-f", "json", "--top", "3")
    data = json.loads(out)
    assert data["suggestions"][0]["term"] == phrase
    assert data["suggestions"][0]["estimate"]["recall"] == 0.8
    assert data["current_rules"]["precision"] == 0.5
    assert len(data["suggestions"]) == 3


def test_choosing_the_coder(learned: Path) -> None:
    store, _ = _open(learned)
    with store:
        assert choose_coder(store, None) == "anna"
        with pytest.raises(UsageError, match="people who coded by hand: anna"):
            choose_coder(store, "bram")
        with pytest.raises(UsageError, match="not a person"):
            choose_coder(store, "auto")
    code, _, err = cli("suggest", "--code", TAG, "--coder", "bram")
    assert code == 2 and "no hand coding by 'bram'" in err
    code, _, err = cli("suggest", "--code", "nonsense")
    assert code == 2 and err.count("\n") == 1
    code, _, err = cli("suggest", "--code", TAG, "--top", "0")
    assert code == 2 and "--top" in err and "needs a whole number of at least 1 (got 0)" in err


def test_add_keeps_comments_tests_and_reports_tally(learned: Path) -> None:
    before_store = dump_store(learned)
    phrase = f"{lemma_key('gedeelde')} agenda"
    code, out, err = cli("suggest", "--code", TAG, "--add", phrase)
    assert code == 0, err
    text = (learned / "codebook.yaml").read_text(encoding="utf-8")
    for comment in ("# A comment at the top", "# the theme", "# projects were the first idea"):
        assert comment in text
    assert f"any: [project, {phrase}]" in text
    assert [line for line in CODEBOOK.splitlines() if "project" not in line] == [
        line for line in text.splitlines() if "project" not in line
    ]
    backups = list((learned / ".lernet" / "backups").glob("codebook-*.yaml"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [CODEBOOK]
    assert "codebook test: 0 passed, 0 failed (0 new)" in out
    # p5 (not coded by hand) says "gedeelde agenda": one more interviewee and turn
    assert "6 -> 7" in out and "4 -> 5" in out
    assert "run lernet code" in err
    assert dump_store(learned) == before_store
    # the counts it promised are what tally shows after re-coding
    assert cli("code", "hand", "rest", "--coder", "anna")[0] == 0
    data = json.loads(cli("tally", "-f", "json")[1])
    agenda = data["themes"][0]["codes"][0]
    assert (agenda["participants"], agenda["segments"]) == (5, 7)


def test_add_twice_reports_already_and_changes_nothing(learned: Path) -> None:
    assert cli("suggest", "--code", TAG, "--add", "gedeelde agenda")[0] == 0
    text = (learned / "codebook.yaml").read_text(encoding="utf-8")
    code, out, err = cli("suggest", "--code", TAG, "--add", "Gedeelde  Agenda", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["added"] == [] and data["already_in_rules"]
    assert (learned / "codebook.yaml").read_text(encoding="utf-8") == text


def test_add_negated_and_bad_term(learned: Path) -> None:
    code, out, err = cli("suggest", "--code", "meetings", "--add-negated", "vaak", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["added"] == ["vaak (negated)"]
    text = (learned / "codebook.yaml").read_text(encoding="utf-8")
    assert "negation: require" in text
    rules = load_codebook(learned / "codebook.yaml").codes["network.meetings"].rules
    assert sorted(r.negation for r in rules) == ["exclude", "require"]
    before = (learned / "codebook.yaml").read_bytes()
    code, _, err = cli("suggest", "--code", TAG, "--add", "kosten, baten")
    assert code == 4 and "codebook.yaml" in err and err.count("\n") == 1
    assert (learned / "codebook.yaml").read_bytes() == before


def test_add_a_pair_writes_an_all_rule(learned: Path) -> None:
    before_store = dump_store(learned)
    code, out, err = cli("suggest", "--code", TAG, "--add", "gedeelde + agenda", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["added"] == ["gedeelde + agenda"]
    rules = load_codebook(learned / "codebook.yaml").codes[TAG].rules
    assert [r.kind for r in rules] == ["any", "all"]
    assert dump_store(learned) == before_store
    code, out, err = cli("suggest", "--code", TAG, "--add", "agenda+gedeelde", "-f", "json")
    assert code == 0 and json.loads(out)["already_in_rules"] == ["agenda + gedeelde"]
    before = (learned / "codebook.yaml").read_bytes()
    code, _, err = cli("suggest", "--code", TAG, "--add", "agenda +")
    assert code == 4 and "a pair is two or more terms" in err and err.count("\n") == 1
    assert (learned / "codebook.yaml").read_bytes() == before
    assert dump_store(learned) == before_store


def test_add_refuses_the_bundled_codebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "lernet.yaml").write_text("language: nl\n", encoding="utf-8")
    (root / "a.txt").write_text(T5, encoding="utf-8")
    monkeypatch.chdir(root)
    assert cli("code", "a.txt")[0] == 0
    before = dump_store(root)
    code, _, err = cli("suggest", "--code", "trust.not_acquainted", "--add", "vreemden")
    assert code == 3 and "bundled codebook" in err
    for command in (["codebook", "eval"], ["suggest", "--code", "trust.not_acquainted"]):
        code, out, err = cli(*command)
        assert code == 2 and out == "" and "nobody has coded by hand yet" in err
        assert err.count("\n") == 1
    assert dump_store(root) == before


def test_rule_codes_are_read_from_the_store_only_when_it_is_current(
    learned: Path, tmp_path: Path
) -> None:
    store, codebook = _open(learned)
    edited = tmp_path / "edited.yaml"
    # a rule edit (a term that stands nowhere): the stored rule codings are not current
    edited.write_text(CODEBOOK.replace("[project]", "[project, zwaluwstaart]"), encoding="utf-8")
    with store:
        hand = load_hand_coding(store, codebook, "anna")
        fresh = rule_codes(codebook, hand.units)
        assert any(fresh)
        assert rule_codes(codebook, hand.units, store) == fresh
        store.conn.execute("DELETE FROM codings WHERE coder = 'auto'")
        assert not any(rule_codes(codebook, hand.units, store))
        assert rule_codes(load_codebook(edited), hand.units, store) == fresh


def test_suggest_all_best_expected_gain_first_with_intervals(learned: Path) -> None:
    from lernet_cli.learn.evaluate import wilson

    code, out, err = cli("suggest", "--all", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    gains = [p["gain"] for p in data["proposals"]]
    assert gains and gains == sorted(gains, reverse=True) and min(gains) > 0
    top = data["proposals"][0]
    assert (top["code"], top["term"], top["precise"]) == (TAG, "gedeelde agenda", True)
    # with the rule: tp 5, fp 1, fn 0 (F1 10/11) against the rule alone's 1, 1, 4 (F1 2/7)
    assert top["gain"] == pytest.approx(10 / 11 - 2 / 7, abs=1e-4)
    assert top["estimate"]["precision_interval"] == wilson(4, 4)
    assert top["estimate_with_rules"]["recall_interval"] == wilson(5, 5)
    assert data["too_little"] == []
    code, out, err = cli("suggest", "--all")
    assert code == 0, err
    assert "gedeelde agenda" in out and "95% interval" in out and "precise" in out


def test_suggest_learns_from_examples_and_accepted_candidates(learned: Path) -> None:
    book = (learned / "codebook.yaml").read_text(encoding="utf-8")
    book = book.replace(
        "          - any: [project]\n",
        "          - any: [project]\n        examples: [Wij hebben een gedeelde agenda.,"
        " We have a shared agenda with the other members.]\n",
    )
    (learned / "codebook.yaml").write_text(book, encoding="utf-8")
    assert cli("code", "hand", "--coder", "anna")[0] == 0
    # p5 is not hand-coded; its agenda turn is a candidate, and anna accepts it
    code, out, err = cli(
        "review", "--candidates", "--code", TAG, "--reviewer", "anna", "--limit", "1", input="a\n"
    )
    assert code == 0 and "p5.txt" in out, err
    code, out, err = cli("suggest", "--code", TAG, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    # the English example says nothing to a Dutch study: it is not learned from
    assert data["also_learned_from"] == {
        "examples": 1,
        "counterexamples": 0,
        "accepted_candidates": 1,
        "rejected_candidates": 0,
    }
    # estimates still rest on the four hand-coded transcripts only
    assert (data["transcripts"], data["segments"], data["coded_segments"]) == (4, 15, 5)
    top = data["suggestions"][0]
    assert top["term"] == "gedeelde agenda"
    assert top["coded_segments_with_term"] == 6  # four hand-coded turns, the example, p5
    assert top["transcripts_with_term"] == 4  # one coded turn in each hand-coded transcript
    assert top["precise"]
    assert (top["estimate"]["tp"], top["estimate"]["fp"]) == (4, 0)


def test_terms_follow_the_interviews_language() -> None:
    assert lemma_key("late", "en") == "late" and lemma_key("late", "nl") == "laat"
    assert lemma_key("kenden", "nl") == lemma_key("kenden", "en") == "kennen"
    said = {
        f.text for f in features(make_doc("Five of the partners met for the fifth time."), "en")
    }
    assert "partner" in said and "five" not in said
    assert "vijf" not in {f.text for f in features(make_doc("Wij waren met vijf partners."))}


def test_precise_is_a_phrase_or_pair_with_an_honest_interval() -> None:
    from lernet_cli.learn.evaluate import Scores
    from lernet_cli.learn.suggest import PRECISE_TRANSCRIPTS, Suggestion

    def item(feature: Feature, coded: int = 4, other: int = 0, fp: int = 0) -> Suggestion:
        out = Suggestion(feature, 3.0, coded=coded, other=other, transcripts=PRECISE_TRANSCRIPTS)
        out.loo = Scores(tp=1, fp=fp, fn=0)
        return out

    phrase = Feature(("gedeelde", "agenda"), False)
    pair = Feature(("brengen", "halen"), False, True)
    assert item(phrase).precise and item(pair).precise
    assert item(pair).to_json()["term"] == "brengen + halen"
    assert item(pair).to_json()["kind"] == "all" and item(phrase).to_json()["kind"] == "any"
    assert not item(Feature(("agenda",), False)).precise  # a single word never is
    assert not item(phrase, coded=3).precise  # 3 of 3: its interval starts at 44%
    assert not item(phrase, coded=4, other=1).precise  # 4 of 5: at 38%
    assert not item(phrase, coded=6, other=1).precise  # 6 of 7: at 49%
    assert item(phrase, coded=7, other=1).precise  # 7 of 8: at 53%
    assert not item(phrase, fp=1).precise  # left out, it coded a wrong turn
    one = item(phrase)
    one.transcripts = PRECISE_TRANSCRIPTS - 1  # one person's phrasing
    assert not one.precise


def test_pairs_are_words_in_one_sentence_of_two_coded_turns() -> None:
    from lernet_cli.learn.suggest import pair_features, sentence_words

    texts = [
        "Wij brengen kennis en halen ideeën. Verder niets.",
        "Je moet ook iets brengen en dan mag je halen.",
        "Wij brengen de post. Daarna halen we koffie.",
        "Brengen en halen, zo werkt het.",
    ]
    sentences = [sentence_words(make_doc(t)) for t in texts]
    found = pair_features(sentences, [True, True, False, False])
    pair = Feature(("brengen", "halen"), False, True)
    # in one sentence of both coded turns, and of the last turn; not across two sentences
    assert [pair in f for f in found] == [True, True, False, True]
    # a pair in only one coded turn is never counted
    assert not any(pair_features(sentences, [True, False, False, False]))


def test_two_people_s_hand_coding_is_pooled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--coder A --coder B` learned from B only, without a word: two research assistants who
    each coded half the interviews are learned from together, as one person who coded them all."""
    results = {}
    for split in (False, True):
        root = tmp_path / ("split" if split else "one")
        (root / "hand").mkdir(parents=True)
        (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
        (root / "lernet.yaml").write_text(
            "codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8"
        )
        for name, text in (("p1", T1), ("p2", T2), ("p3", T3), ("p4", T4)):
            (root / "hand" / f"{name}.txt").write_text(text, encoding="utf-8")
        monkeypatch.chdir(root)
        if split:
            for coder, files in (("anna", ["p1", "p2"]), ("bram", ["p3", "p4"])):
                paths = [f"hand/{f}.txt" for f in files]
                code, _, err = cli("code", *paths, "--coder", coder)
                assert code == 0, err
            who = ["--coder", "anna", "--coder", "bram"]
        else:
            code, _, err = cli("code", "hand", "--coder", "anna")
            assert code == 0, err
            who = []
        for command in (["suggest", "--code", TAG], ["codebook", "eval"]):
            code, out, err = cli(*command, *who, "-f", "json")
            assert code == 0, err
            data = json.loads(out)
            assert data.pop("coder") == ("anna + bram" if split else "anna")
            results[split, command[0]] = data
        if split:  # one of them alone is not both
            code, out, err = cli("suggest", "--code", TAG, "--coder", "bram", "-f", "json")
            assert code == 0, err
            assert json.loads(out)["coded_segments"] == 3  # p3: 2, p4: 1
            code, _, err = cli("suggest", "--code", TAG)
            assert code == 2 and "repeat it to pool" in err
    assert results[True, "suggest"]["coded_segments"] == 5
    assert results[True, "suggest"] == results[False, "suggest"]
    assert results[True, "codebook"] == results[False, "codebook"]


@pytest.mark.parametrize("term", ["agend*", "agenda's"])
def test_a_wildcard_or_a_form_in_the_rules_covers_a_proposal(learned: Path, term: str) -> None:
    # `agend*` finds "agenda", and "gedeelde agenda" wherever it stands; `agenda's` (a form of
    # agenda) too: proposing them would add nothing to the rules
    text = (learned / "codebook.yaml").read_text(encoding="utf-8")
    rule = f'          - any: [project]\n          - any: ["{term}"]\n'
    (learned / "codebook.yaml").write_text(
        text.replace("          - any: [project]\n", rule, 1), encoding="utf-8"
    )
    code, out, err = cli("suggest", "--code", TAG, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    phrase = f"{lemma_key('gedeelde')} agenda"
    terms = {s["term"] for s in data["suggestions"]}
    assert not terms & {"agenda", phrase}
    assert {"agenda", phrase} <= set(data["already_in_rules"])
    assert all("agenda" not in t.split(" + ") for t in terms)
