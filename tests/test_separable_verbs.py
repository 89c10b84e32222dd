"""Dutch separable verbs: a term like `samenwerken` also finds the verb and its particle written
apart ("we werken goed samen"); an underscore (op_vangen) is read as the verb written together."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import parse_codebook
from lernet_cli.codebook.rules import RuleSyntaxError, compile_rule, parse_term, parse_terms
from lernet_cli.coding.autocode import _match_code, code_doc, rule_index
from lernet_cli.language.separable import is_separable_verb, split_separable
from lernet_cli.language.text import make_doc

runner = CliRunner()


def spans(term: str, text: str, **rule: object) -> list[str]:
    doc = make_doc(text)
    return [text[a:b] for a, b in compile_rule({"any": [term], **rule}, "t").find(doc)]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        # main clause, question, topicalised object, reflexive with a preposition between
        ("samenwerken", "We werken goed samen met de school.", "werken goed samen"),
        ("samenwerken", "Werken jullie ook samen met de gemeente?", "Werken jullie ook samen"),
        ("afstemmen", "Dat stemmen we vooraf af.", "stemmen we vooraf af"),
        ("aansluiten", "Hij sloot zich bij ons aan.", "sloot zich bij ons aan"),
        ("doorverwijzen", "Ik verwijs ze door naar de huisarts.", "verwijs ze door"),
        ("meedoen", "Iedereen doet gewoon mee.", "doet gewoon mee"),
        ("bijdragen", "Sommige leden dragen weinig bij aan de groep.", None),  # negated
        ("bijdragen", "Wij dragen veel bij aan de groep.", "dragen veel bij"),
        ("terugkomen", "Daar kom ik later op terug.", "kom ik later op terug"),
        # subordinate clause and perfect: the verb written together, as before
        ("samenwerken", "Het gaat goed omdat we samenwerken.", "samenwerken"),
        ("samenwerken", "We hebben vorig jaar samengewerkt.", "samengewerkt"),
        ("opvangen", "Nieuwe leden worden goed opgevangen.", "opgevangen"),
        # om ... te
        ("samenwerken", "Het is belangrijk om samen te werken.", "samen te werken"),
        ("afstemmen", "We proberen dat af te stemmen.", "af te stemmen"),
        # negated: the verb's clause holds a negator
        ("samenwerken", "We werken eigenlijk niet samen.", None),
        ("doorverwijzen", "Ik verwijs ze nooit door.", None),
        # the particle belongs to another clause
        ("samenwerken", "We werken hard, samen lukt het wel.", None),
        ("samenwerken", "Ik werk veel en samen met hem gaat het goed.", None),
        # the 'particle' is a preposition before a noun phrase
        ("doorwerken", "Ik werk door de regen heen.", None),
        ("doorwerken", "Ik werk door tot zes uur.", "werk door"),
        ("deelnemen", "We nemen een deel van de kosten op ons.", None),
        ("deelnemen", "We nemen deel aan het netwerk.", "nemen deel"),
        # too far from the verb
        ("samenwerken", "We werken met " + "heel " * 12 + "veel mensen samen.", None),
    ],
)
def test_split_forms(term: str, text: str, found: str | None) -> None:
    assert spans(term, text) == ([found] if found else [])


def test_negation_follows_the_verb() -> None:
    text = "We werken niet samen met de school."
    assert spans("samenwerken", text) == []
    assert spans("samenwerken", text, negation="require") == ["werken niet samen"]
    assert spans("samenwerken", "We werken samen.", negation="require") == []


def test_only_separable_verbs_are_split() -> None:
    assert split_separable("samenwerken") == ("samen", "werken")
    assert split_separable("vertrouwen") is None  # no particle
    assert split_separable("ondersteunen") is None  # onder: mostly not separable
    assert split_separable("aanpak") is None  # not an infinitive
    assert is_separable_verb("doorverwijzen") and is_separable_verb("meedoen")
    assert not is_separable_verb("overheden")  # over + heden: no verb
    # no split term for a phrase, a wildcard or an exact form
    for raw in ("samen werken", "samenwerk*", "=samenwerken", "work together"):
        assert not any(t.separable for t in parse_terms(raw))
    split = [t for t in parse_terms("overheden") if t.separable]
    assert split and split[0].occurrences(make_doc("Het heden ligt er over.")) == []


def test_english_is_unaffected() -> None:
    assert spans("work together", "We work well together.") == []
    assert spans("cooperate", "We cooperate on it.") == ["cooperate"]
    assert not any(t.separable for t in parse_terms("giveup"))
    assert spans("take", "We take it over.") == ["take"]


def test_an_underscore_between_particle_and_verb_is_the_verb_written_together() -> None:
    assert parse_term("op_vangen").text == "opvangen"
    assert spans("samen_werken", "We hebben samengewerkt.") == ["samengewerkt"]
    assert spans("op_vangen", "We vangen ze goed op.") == ["vangen ze goed op"]
    for raw in ("kennis_delen", "samen_", "op_vang"):
        with pytest.raises(RuleSyntaxError, match="underscore"):
            parse_term(raw)


def test_suggest_writes_the_verb_together() -> None:
    from lernet_cli.learn.suggest import lemma_key

    assert lemma_key("opvangen") == "opvangen"
    assert lemma_key("samengewerkt") == lemma_key("samenwerken") == "samenwerken"
    assert "_" not in lemma_key("terugkomen")


CODEBOOK = {
    "themes": [
        {
            "id": "t",
            "label": "T",
            "codes": [
                {"id": "collab", "label": "C", "match": [{"any": ["samenwerken"]}]},
                {
                    "id": "refer",
                    "label": "R",
                    "match": [{"all": [["doorverwijzen"], ["huisarts"]]}],
                },
                {"id": "align", "label": "A", "match": [{"all": ["afstemmen", "school"]}]},
                {"id": "door", "label": "D", "match": [{"any": ["doorwerken"]}]},
            ],
        }
    ]
}
TEXTS = [
    "We werken goed samen met de school.",
    "Ik verwijs ze door naar de huisarts.",
    "Dat stemmen we af met de school. Samen werken we.",
    "Ik werk door de regen. Samen.",
    "Werken? Samen.",
    "We werken niet samen, door de regen.",
]


def test_the_index_codes_like_a_full_search() -> None:
    codebook = parse_codebook(Path("c.yaml"), text=yaml.safe_dump(CODEBOOK))
    index = rule_index(codebook)
    coded = set()
    for text in TEXTS:
        got = code_doc(codebook, make_doc(text), index)
        doc = make_doc(text)
        expected = [
            m
            for code in codebook.rule_codes()
            if (m := _match_code(codebook, code, doc, list(code.rules))) is not None
        ]
        assert got == expected, text
        coded |= {m.code for m in got}
    assert coded == {"t.collab", "t.refer", "t.align"}


def test_codebook_check_names_a_meaningless_underscore(tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(
        "themes:\n  - id: t\n    label: T\n    codes:\n      - id: x\n        label: X\n"
        "        match:\n          - any: [op_vangen, kennis_delen]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "check", str(book)])
    assert result.exit_code == 4
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and f"{book}:8:" in lines[0] and "'kennis_delen'" in lines[0]
    assert "Traceback" not in result.output


def test_codebook_test_runs_split_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(
        "themes:\n  - id: t\n    label: T\n    codes:\n      - id: x\n        label: X\n"
        "        match:\n          - any: [op_vangen]\n"
        "        examples: [We vangen nieuwe leden goed op.]\n"
        "        counterexamples: [We vangen ze niet op.]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "test", str(book)])
    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed" in result.stdout


SPLIT = """\
I: Hoe gaat het?
R: We werken goed samen met de school.
I: En de huisarts?
R: Ik verwijs ze door naar de huisarts.
I: En verder?
R: Ik werk door de regen heen.
I: Nog iets?
R: Dat stemmen we af met de school. Het is belangrijk om samen te werken.
"""


def test_recoding_from_the_store_finds_the_split_forms_as_coding_did(project: Path) -> None:
    from .test_recode import made, recode_everything

    (project / "codebook.yaml").write_text(yaml.safe_dump(CODEBOOK), encoding="utf-8")
    (project / "a.txt").write_text(SPLIT, encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr
    before = made(project, "source = 'rule'")
    assert {row[2] for row in before} == {"t.collab", "t.refer", "t.align"}
    recode_everything(project)
    assert made(project, "source = 'rule'") == before
