"""The default codebook on utterances that are not in it: paraphrases, inflections, negations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lernet_cli.codebook.codebook import load_codebook, parse_codebook
from lernet_cli.coding.autocode import code_text, run_examples

from .conftest import DEFAULT_CODEBOOK

PARAPHRASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "paraphrases.yaml").read_text(encoding="utf-8")
)
CODEBOOK = load_codebook(DEFAULT_CODEBOOK)


def test_default_codebook_is_clean() -> None:
    problems = parse_codebook(DEFAULT_CODEBOOK).problems
    assert [str(p) for p in problems] == []


def test_every_code_has_examples_and_counterexamples() -> None:
    thin = [
        c.id
        for c in CODEBOOK.walk()
        if c.rules and (len(c.examples) < 3 or len(c.counterexamples) < 2)
    ]
    assert thin == []


def test_examples_pass() -> None:
    count, failures = run_examples(CODEBOOK)
    assert count > 200
    assert [str(f) for f in failures] == []


def test_paraphrases_are_not_in_the_codebook() -> None:
    examples = {e for c in CODEBOOK.walk() for e in c.examples + c.counterexamples}
    assert [p["text"] for p in PARAPHRASES if p["text"] in examples] == []


@pytest.mark.parametrize("case", PARAPHRASES, ids=lambda c: c["text"][:50])
def test_paraphrase(case: dict) -> None:
    matches = code_text(CODEBOOK, case["text"])
    got = {m.code for m in matches}
    for code in case.get("codes", []):
        assert code in got, f"{code} not found in {sorted(got)}"
    for code in case.get("not", []):
        assert code not in got, f"{code} wrongly found"
    if "direction" in case:
        directions = {m.direction for m in matches if m.code in case.get("codes", [])}
        assert directions == {case["direction"]}
