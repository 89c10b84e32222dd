"""Adding match terms to a codebook: only the lines the terms go to may change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lernet_cli.codebook.codebook import parse_codebook
from lernet_cli.coding.autocode import code_text, run_examples
from lernet_cli.errors import CodebookError
from lernet_cli.learn import codebook_edit
from lernet_cli.learn.codebook_edit import add_terms

from .conftest import DEFAULT_CODEBOOK

CODEBOOK = """\
# A codebook laid out by hand.
version: 1
name: Test
themes:
  - id: trust   # the theme
    label: {nl: Vertrouwen, en: Trust}
    description: >
      Folded text that a re-dump
      would re-indent.

    codes:
      - id: one_line
        label: {nl: Een, en: One}
        match:
          - any: [kennis, "eigen niche*"]  # keep me
          - all: [a, b]
        examples: [x]
      - id: multi_line
        label: {nl: Twee, en: Two}
        match:
          - any: [alpha, "beta gamma",
                  delta]    # after the list
            name: multi
      - id: trailing_comma
        label: {nl: Drie, en: Three}
        match:
          - any: [a, b,]
      - id: block
        label: {nl: Blok, en: Block}
        match:
          - any:
              - eerste
              - "tweede woord"   # second
            within: sentence
          # a comment after the rule
        examples:
          - eerste hier
      - id: scalar
        label: {nl: Los, en: Scalar}
        match:
          - any: kennis   # one term
          - any: [zorgen]
            negation: require
      - id: only_all
        label: {nl: Alles, en: All}
        match:
          - all:
              - [elkaar, leden]
              - [kennen]
            within: 6
            negation: require
          - all: [p, q]
            none: [r]

        examples:
          - We kennen elkaar.
      - id: flow_match
        label: {nl: Stroom, en: Flow}
        match: [{all: [x, y]}]   # flow
      - id: no_match
        label: {nl: Geen, en: None}
        description: Nog zonder regels.
        examples:
          - Een voorbeeld.
        counterexamples: [Geen voorbeeld.]
      - id: trust.dotted
        label: {nl: Punt, en: Dotted}
        codes:
          - id: deeper
            label: {nl: Dieper, en: Deeper}
            match:
              - any: [diep]
"""

FIRST_LINE = "# A codebook laid out by hand.\n"


def changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The one run of lines that differs: (old lines, new lines)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    assert all(c in new for c in re.findall(r"#[^\r\n]*", old)), "a comment was lost"
    return a[start : len(a) - end], b[start : len(b) - end]


def rules_of(text: str, code_path: list[str | int]) -> object:
    node: object = yaml.safe_load(text)
    for step in code_path:
        node = node[step]  # type: ignore[index]
    return node


def test_flow_list_on_one_line_keeps_its_comment() -> None:
    result = add_terms(CODEBOOK, "trust.one_line", ["nieuw", "samenwerk*"])
    assert changes(CODEBOOK, result.text) == (
        ['          - any: [kennis, "eigen niche*"]  # keep me\n'],
        ['          - any: [kennis, "eigen niche*", nieuw, "samenwerk*"]  # keep me\n'],
    )
    assert result.added == ["nieuw", "samenwerk*"]
    assert result.already == []
    assert result.where == "rule 1 (any:)"


def test_flow_list_over_lines() -> None:
    result = add_terms(CODEBOOK, "trust.multi_line", ["epsilon"])
    assert changes(CODEBOOK, result.text) == (
        ["                  delta]    # after the list\n"],
        ["                  delta, epsilon]    # after the list\n"],
    )


def test_flow_list_with_trailing_comma() -> None:
    result = add_terms(CODEBOOK, "trust.trailing_comma", ["c"])
    assert changes(CODEBOOK, result.text) == (
        ["          - any: [a, b,]\n"],
        ["          - any: [a, b, c,]\n"],
    )


def test_block_list_gets_aligned_items_after_the_last() -> None:
    result = add_terms(CODEBOOK, "trust.block", ["derde", "vierde woord"])
    assert changes(CODEBOOK, result.text) == (
        [],
        ["              - derde\n", "              - vierde woord\n"],
    )
    assert result.text.index("- vierde woord") > result.text.index('"tweede woord"   # second')
    rule = rules_of(result.text, ["themes", 0, "codes", 3, "match", 0])
    assert rule == {
        "any": ["eerste", "tweede woord", "derde", "vierde woord"],
        "within": "sentence",
    }


def test_scalar_any_becomes_a_list() -> None:
    result = add_terms(CODEBOOK, "trust.scalar", ["inzicht"])
    assert changes(CODEBOOK, result.text) == (
        ["          - any: kennis   # one term\n"],
        ["          - any: [kennis, inzicht]   # one term\n"],
    )


def test_negated_terms_go_to_the_negation_require_rule() -> None:
    result = add_terms(CODEBOOK, "trust.scalar", ["zorg"], negated=True)
    assert result.where == "rule 2 (any:, negation: require)"
    assert changes(CODEBOOK, result.text) == (
        ["          - any: [zorgen]\n"],
        ["          - any: [zorgen, zorg]\n"],
    )


def test_negated_terms_without_such_a_rule_get_a_new_one_at_the_end() -> None:
    result = add_terms(CODEBOOK, "trust.block", ["twijfel"], negated=True)
    assert result.where == "a new rule (rule 2)"
    assert changes(CODEBOOK, result.text) == (
        [],
        ["          - any: [twijfel]\n", "            negation: require\n"],
    )
    # after the whole multi-line rule, before the comment that follows it
    assert result.text.index("negation: require\n          # a comment after") > 0


def test_only_all_rules_gives_a_new_block_rule_after_the_last() -> None:
    result = add_terms(CODEBOOK, "trust.only_all", ["kennismaken"])
    assert result.where == "a new rule (rule 3)"
    assert changes(CODEBOOK, result.text) == ([], ["          - any: [kennismaken]\n"])
    assert "none: [r]\n          - any: [kennismaken]\n\n        examples:" in result.text
    rules = rules_of(result.text, ["themes", 0, "codes", 5, "match"])
    assert rules[-1] == {"any": ["kennismaken"]}  # type: ignore[index]


def test_the_negation_rule_is_not_used_for_plain_terms() -> None:
    result = add_terms(CODEBOOK, "trust.only_all", ["elkaar kennen"], negated=True)
    assert changes(CODEBOOK, result.text) == (
        [],
        ["          - any: [elkaar kennen]\n", "            negation: require\n"],
    )


@pytest.mark.parametrize(
    ("negated", "rule"),
    [(False, "{any: [z]}"), (True, "{any: [z], negation: require}")],
)
def test_flow_match_list_gets_a_flow_rule(negated: bool, rule: str) -> None:
    result = add_terms(CODEBOOK, "trust.flow_match", ["z"], negated=negated)
    assert changes(CODEBOOK, result.text) == (
        ["        match: [{all: [x, y]}]   # flow\n"],
        [f"        match: [{{all: [x, y]}}, {rule}]   # flow\n"],
    )


def test_code_without_match_gets_one_before_its_examples() -> None:
    result = add_terms(CODEBOOK, "trust.no_match", ["nieuw"], negated=True)
    assert result.where == "a new match: list"
    assert changes(CODEBOOK, result.text) == (
        [],
        [
            "        match:\n",
            "          - any: [nieuw]\n",
            "            negation: require\n",
        ],
    )
    assert "Nog zonder regels.\n        match:\n" in result.text


def test_theme_without_match_or_examples_gets_one_before_its_codes() -> None:
    result = add_terms(CODEBOOK, "trust", ["vertrouwen"])
    assert changes(CODEBOOK, result.text) == ([], ["    match:\n", "      - any: [vertrouwen]\n"])
    assert "would re-indent.\n\n    match:\n      - any: [vertrouwen]\n    codes:" in result.text
    assert rules_of(result.text, ["themes", 0, "description"]) == (
        "Folded text that a re-dump would re-indent.\n"
    )


def test_nested_ids_relative_and_dotted() -> None:
    result = add_terms(CODEBOOK, "trust.dotted.deeper", ["dieper"])
    assert changes(CODEBOOK, result.text) == (
        ["              - any: [diep]\n"],
        ["              - any: [diep, dieper]\n"],
    )
    with pytest.raises(CodebookError, match="unknown code 'trust.deeper'"):
        add_terms(CODEBOOK, "trust.deeper", ["x"])
    with pytest.raises(CodebookError, match="unknown code 'dotted'"):
        add_terms(CODEBOOK, "dotted", ["x"])


@pytest.mark.parametrize(
    ("term", "written"),
    [
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("on", '"on"'),
        ("null", '"null"'),
        ("123", '"123"'),
        ("samenwerk*", '"samenwerk*"'),
        ("*concurrent*", '"*concurrent*"'),
        ("=kennis", '"=kennis"'),
        ("zo'n", "zo'n"),
        ("elkaar kennen", "elkaar kennen"),
        ("coöperatie", "coöperatie"),
    ],
)
def test_terms_read_back_as_the_same_text(term: str, written: str) -> None:
    from ruamel.yaml import YAML

    for code, path in (("trust.one_line", 0), ("trust.block", 3)):
        result = add_terms(CODEBOOK, code, [term])
        removed, added = changes(CODEBOOK, result.text)
        assert len(removed) <= 1 and len(added) == 1
        assert written in added[0]
        for data in (yaml.safe_load(result.text), YAML(typ="rt").load(result.text)):
            assert data["themes"][0]["codes"][path]["match"][0]["any"][-1] == term


def test_terms_already_there_are_reported_not_added() -> None:
    result = add_terms(CODEBOOK, "trust.multi_line", ["Beta  Gamma", "nieuw", "NIEUW", "ALPHA"])
    assert result.added == ["nieuw"]
    assert result.already == ["Beta Gamma", "NIEUW", "ALPHA"]
    assert changes(CODEBOOK, result.text)[1] == [
        "                  delta, nieuw]    # after the list\n"
    ]
    unchanged = add_terms(CODEBOOK, "trust.multi_line", ["delta", " Alpha "])
    assert unchanged.text == CODEBOOK
    assert unchanged.added == []
    assert unchanged.already == ["delta", "Alpha"]


def test_errors_name_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    with pytest.raises(CodebookError, match="unknown code 'trust.nope'") as info:
        add_terms(CODEBOOK, "trust.nope", ["x"], path=path)
    assert info.value.path == str(path)
    with pytest.raises(CodebookError, match="is not a word"):
        add_terms(CODEBOOK, "trust.one_line", ["a,b"])
    with pytest.raises(CodebookError, match="empty term"):
        add_terms(CODEBOOK, "trust.one_line", ["  "])
    with pytest.raises(CodebookError, match="no terms"):
        add_terms(CODEBOOK, "trust.one_line", [])
    with pytest.raises(CodebookError, match="invalid YAML") as info:
        add_terms(CODEBOOK + "  - id: [\n", "trust", ["x"], path=path)
    flow_code = "themes:\n  - {id: t, label: T, match: [{any: [a]}]}\n"
    with pytest.raises(CodebookError, match="flow style") as info:
        add_terms(flow_code, "t", ["b"], path=path)
    assert info.value.line == 2


def test_crlf_file_keeps_its_line_endings() -> None:
    crlf = CODEBOOK.replace("\n", "\r\n")
    for code, terms in (
        ("trust.block", ["derde"]),
        ("trust.no_match", ["nieuw"]),
        ("trust.multi_line", ["epsilon"]),
    ):
        result = add_terms(crlf, code, terms)
        removed, added = changes(crlf, result.text)
        assert added and all(line.endswith("\r\n") for line in added)
        assert result.text.count("\r\n") == result.text.count("\n")
        assert len(removed) <= 1
    assert changes(crlf, add_terms(crlf, "trust.block", ["derde"]).text) == (
        [],
        ["              - derde\r\n"],
    )


def test_file_without_final_newline() -> None:
    text = "themes:\n  - id: t\n    label: T\n    match:\n      - all: [a, b]"
    result = add_terms(text, "t", ["c"])
    assert result.text == text + "\n      - any: [c]"


def test_a_result_that_reads_back_wrong_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codebook_edit, "_yaml_term", lambda term: term)
    with pytest.raises(CodebookError, match="add them by hand"):
        add_terms(CODEBOOK, "trust.one_line", ["yes"])


def test_a_layout_it_cannot_edit_safely_is_refused() -> None:
    # a kept block scalar owns the blank lines after it: the new rule cannot go there
    text = "themes:\n  - id: t\n    label: T\n    match:\n      - regex: |+\n          ab+c\n\n"
    with pytest.raises(CodebookError, match="add them by hand"):
        add_terms(text, "t", ["c"])


def test_default_codebook(tmp_path: Path) -> None:
    original = DEFAULT_CODEBOOK.read_text(encoding="utf-8")
    before = run_examples(parse_codebook(DEFAULT_CODEBOOK))
    trust = next(t for t in yaml.safe_load(original)["themes"] if t["id"] == "trust")
    acquainted = next(c for c in trust["codes"] if c["id"] == "not_acquainted")
    next_rule = len(acquainted["match"]) + 1
    text = original
    edits = [
        # a directional code: coded only with a bring/take cue in the sentence
        ("interest_balance.inspiration", ["bezieling"], False, "rule 1 (any:)"),
        ("knowledge_sharing", ["kennisbazaar"], False, "a new match: list"),
        ("trust.not_acquainted", ["wildvreemd"], False, "rule 5 (any:)"),
        ("trust.not_acquainted", ["bevriend"], True, f"a new rule (rule {next_rule})"),
    ]
    for code, terms, negated, where in edits:
        result = add_terms(text, code, terms, negated=negated, path=DEFAULT_CODEBOOK)
        assert result.where == where
        removed, added = changes(text, result.text)
        if "new" in where:
            assert removed == []
        else:
            assert len(removed) == 1 and len(added) == 1
            assert added[0] == removed[0].replace('"]\n', f'", {terms[0]}]\n')
        text = result.text
    assert len(text.splitlines()) == len(original.splitlines()) + 4

    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    codebook = parse_codebook(path)
    assert [p for p in codebook.problems if p.severity == "error"] == []

    def coded(sentence: str) -> dict[str, str | None]:
        return {m.code: m.direction for m in code_text(codebook, sentence)}

    assert coded("Ik haal veel bezieling uit de bijeenkomsten.").get(
        "interest_balance.inspiration"
    ) == ("take")
    assert "knowledge_sharing" in coded("We hielden een kennisbazaar.")
    assert "trust.not_acquainted" in coded("De leden zijn wildvreemd.")
    assert "trust.not_acquainted" in coded("We zijn nog niet echt bevriend.")
    assert "trust.not_acquainted" not in coded("We zijn goed bevriend.")
    assert run_examples(codebook) == before


def test_a_pair_becomes_an_all_rule_of_its_own() -> None:
    result = add_terms(CODEBOOK, "trust.block", ["brengen + halen"])
    assert result.added == ["brengen + halen"] and result.where == "a new rule (rule 2)"
    assert changes(CODEBOOK, result.text) == ([], ["          - all: [brengen, halen]\n"])
    rules = rules_of(result.text, ["themes", 0, "codes", 3, "match"])
    assert rules[-1] == {"all": ["brengen", "halen"]}  # type: ignore[index]
    # the same pair in another order is there already; a plain term still goes to any:
    again = add_terms(result.text, "trust.block", ["halen+brengen", "derde"])
    assert again.already == ["halen + brengen"] and again.added == ["derde"]
    assert rules_of(again.text, ["themes", 0, "codes", 3, "match", 0, "any"])[-1] == "derde"  # type: ignore[index]
    # the code's own all: [a, b] counts too; a code without match: gets one
    assert add_terms(CODEBOOK, "trust.one_line", ["b + a"]).already == ["b + a"]
    fresh = add_terms(CODEBOOK, "trust.no_match", ["elkaar + kennen"], negated=True)
    assert rules_of(fresh.text, ["themes", 0, "codes", 7, "match"]) == [
        {"all": ["elkaar", "kennen"], "negation": "require"}
    ]


def test_a_pair_needs_two_words() -> None:
    for bad in ("kennen +", "+ kennen", "a + + b"):
        with pytest.raises(CodebookError, match="a pair is two or more terms"):
            add_terms(CODEBOOK, "trust.block", [bad])
    with pytest.raises(CodebookError, match="is not a word"):
        add_terms(CODEBOOK, "trust.block", ["a,b + c"])
