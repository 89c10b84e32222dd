"""Loading and checking codebooks: every problem with its line and code id."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.codebook.codebook import load_codebook, parse_codebook
from lernet_cli.coding.autocode import code_text, run_examples
from lernet_cli.errors import CodebookError, UsageError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [str(p) for p in parse_codebook(path).problems if p.severity == "error"]


def test_mini_codebook_loads_in_order(mini_codebook: Path) -> None:
    cb = load_codebook(mini_codebook)
    assert [c.id for c in cb.walk()][:4] == [
        "trust",
        "trust.not_acquainted",
        "trust.built",
        "competition",
    ]
    assert cb.codes["interest_balance.knowledge"].directional


def test_resolve_by_id_label_either_language(mini_codebook: Path) -> None:
    cb = load_codebook(mini_codebook)
    assert cb.resolve_theme("TRUST").id == "trust"
    assert cb.resolve_theme("vertrouwen").id == "trust"
    assert cb.resolve("Not acquainted").id == "trust.not_acquainted"
    with pytest.raises(UsageError, match="valid themes: trust, competition, interest_balance"):
        cb.resolve_theme("vertrouw")


def test_problems_listed_with_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
version: 1
themes:
  - id: trust
    label: {nl: Vertrouwen, en: Trust}
    codes:
      - id: a
        label: {nl: A, en: A}
        mtach:
          - any: [x]
      - id: a
        label: {nl: A2, en: A2}
      - id: b
        match:
          - regex: "(unclosed"
      - id: other.c
        label: {nl: C, en: C}
        related: [trust.missing]
""",
    )
    found = messages(path)
    joined = "\n".join(found)
    assert f"{path}:8: [trust.a] unknown key 'mtach' (did you mean 'match'?)" in joined
    assert f"{path}:10: [trust.a] duplicate id (first on line 6)" in joined
    assert f"{path}:12: [trust.b] missing label" in joined
    assert "[trust.b] rule 1: invalid regular expression" in joined
    assert "[other.c] id must start with its parent's id 'trust'" in joined
    assert "related: unknown code 'trust.missing'" in joined
    with pytest.raises(CodebookError, match=r"and \d+ more; run `lernet codebook check`"):
        load_codebook(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes:\n\t- id: x\n", "a tab on this line"),
        ("themes: []\nthemes: []\n", "duplicate key 'themes'"),
        ("a: &a [1, 2]\nb: [*a, *a]\n", "aliases"),
        ("themes: [\n", "invalid YAML"),
        ("- just a list\n", "mapping"),
        (
            "themes:\n  - id: x\n    label: X\n     description: y\n",
            ":4: invalid YAML: mapping values are not allowed in this context (is this line "
            "indented like the ones around it?",
        ),
        ("themes:\n  - id: x\n label: X\n", ":3: invalid YAML: did not find expected key (is "),
        ('version: 1\nname: "open\n', ":2: invalid YAML: a quote or a [ list opened on this"),
        (
            'themes:\n  - id: x\n    label: X\n    match:\n      - any: ["a, b]\n'
            "    description: y\n",
            ":5: invalid YAML: a quote or a [ list opened on this line is not closed",
        ),
        (
            "themes:\n  - id: x\n    match:\n      - any: [a, b\n    label: X\n",
            ":4: invalid YAML: a quote or a [ list opened on this line is not closed",
        ),
        (
            "themes:\n  - id: x\n    label: {en: RES: regional energy strategy, nl: RES}\n",
            ":3: invalid YAML: did not find expected ',' or '}' (a ':' inside a value needs the "
            'value in quotes: en: "RES: regional energy strategy")',
        ),
        (
            "themes:\n  - id: x\n    label: {en: Trust nl: Vertrouwen}\n",
            ":3: invalid YAML: did not find expected ',' or '}' (a ',' missing before 'nl:'?)",
        ),
        (
            "themes:\n  - id: x\n    label: {en: X, nl: Y\n    description: y\n",
            ":4: invalid YAML: did not find expected ',' or '}' (a '}' that is missing, or a ':' "
            "inside a value",
        ),
    ],
)
def test_broken_yaml_is_one_line_with_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_and_folder_codebook(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="file not found"):
        load_codebook(tmp_path / "nope.yaml")
    with pytest.raises(CodebookError, match="is a folder"):
        load_codebook(tmp_path)


def test_examples_run_and_report_failures(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
themes:
  - id: competition
    label: {nl: Concurrentie, en: Competition}
    match:
      - any: [concurrentie]
    examples: ["Concurrentie is er zeker.", "Hier is geen concurrentie."]
    counterexamples: ["Er is concurrentie."]
""",
    )
    count, failures = run_examples(load_codebook(path))
    assert count == 3
    assert [(f.code, f.kind) for f in failures] == [
        ("competition", "example"),
        ("competition", "counterexample"),
    ]


def test_directional_code_needs_direction(mini_codebook: Path) -> None:
    cb = load_codebook(mini_codebook)
    assert [m.direction for m in code_text(cb, "Wij halen veel kennis op.")] == ["take"]
    assert code_text(cb, "Kennis is belangrijk.") == []
    both = code_text(cb, "Wij brengen kennis in. We halen ook kennis op.")
    assert [m.direction for m in both] == ["both"]


# Line numbers below are the file's; the test names them so a shifted line fails it.
MANY_PROBLEMS = """\
version: 1
themes:
  - id: trust
    label: {nl: Vertrouwen, en: Trust}
    codes:
      - id: a
        label: {nl: A, en: A}
        match:
          - any:
              - goed
              - ke$$is
              - "x!"
            negation: maybe
            within: 0
          - all: [[elkaar, "b?"], "c#"]
            anny: [x]
      - label: {nl: B, en: B}
        mtach: []
        codes:
          - id: child
            label: C
            match:
              - regex: "(unclosed"
      - id: d
        label: D
        label: again
"""


def test_check_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, MANY_PROBLEMS)
    found = messages(path)
    expected = [
        (26, "duplicate key 'label' (first on line 25)"),
        (11, "[trust.a] rule 1: term 'ke$$is': 'ke$$is' is not a word"),
        (12, "[trust.a] rule 1: term 'x!': 'x!' is not a word"),
        (13, "[trust.a] rule 1: negation must be one of"),
        (14, "[trust.a] rule 1: within must be sentence, segment or a number"),
        (15, "[trust.a] rule 2: term 'b?'"),
        (15, "[trust.a] rule 2: term 'c#'"),
        (16, "[trust.a] rule 2: unknown rule key 'anny' (did you mean 'any'?)"),
        (17, "missing id:"),
        (18, "unknown key 'mtach' (did you mean 'match'?)"),
        (23, "rule 1: invalid regular expression '(unclosed'"),
    ]
    assert len(found) == len(expected), "\n".join(found)
    for (line, message), got in zip(expected, found, strict=True):
        assert got.startswith(f"{path}:{line}:") and message in got, (line, message, got)
    # Using it still refuses it, with the first problem and how many more there are.
    with pytest.raises(CodebookError, match=rf"and {len(expected) - 1} more"):
        load_codebook(path)


def test_a_bad_rule_is_not_kept_but_a_good_one_is(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
themes:
  - id: trust
    label: T
    match:
      - any: [vertrouwen]
      - any: [goed, "x!"]
""",
    )
    cb = parse_codebook(path)
    assert [r.name for r in cb.codes["trust"].rules] == ["trust#1"]
    assert [p.line for p in cb.problems] == [6]


@pytest.mark.parametrize(
    ("language", "warned"),
    [("en", False), ("nl", True), (None, True)],
)
def test_a_label_in_the_codebook_s_own_language_only_is_no_problem(
    tmp_path: Path, language: str | None, warned: bool
) -> None:
    head = f"language: {language}\n" if language else ""
    path = write(
        tmp_path,
        head + "themes:\n  - id: t\n    label: {en: Theme}\n    codes:\n"
        "      - id: a\n        label: {en: A code}\n",
    )
    codebook = load_codebook(path)
    found = [p for p in codebook.problems if "label has no nl: text" in p.message]
    assert bool(found) == warned
    assert codebook.codes["t.a"].label("nl") == "A code"


# --- labels with a comma, unquoted ----------------------------------------------------------

COMMA_LABEL = """\
version: 1
themes:
  - id: competition
    label: {nl: Concurrentie, en: Competition}
    codes:
      - id: specialization
        label: {nl: Eigen specialisme, geen zorgen, en: Own niche, no worry}
        match:
          - any: [specialisme]
"""


def test_a_label_with_an_unquoted_comma_is_read_whole_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, COMMA_LABEL)
    assert messages(path) == []
    (problem,) = parse_codebook(path).problems
    assert problem.severity == "warning"
    assert str(problem).startswith(f"{path}:7: [competition.specialization] ")
    assert "label has key 'geen zorgen' with no text: quote a label that contains a comma" in (
        str(problem)
    )
    assert 'nl: "Eigen specialisme, geen zorgen", en: "Own niche, no worry"' in str(problem)
    code = load_codebook(path).codes["competition.specialization"]
    assert code.labels == {"nl": "Eigen specialisme, geen zorgen", "en": "Own niche, no worry"}


def test_a_quoted_label_with_a_comma_is_read_whole(tmp_path: Path) -> None:
    text = COMMA_LABEL.replace(
        "{nl: Eigen specialisme, geen zorgen, en: Own niche, no worry}",
        '{nl: "Eigen specialisme, geen zorgen", en: "Own niche, no worry"}',
    )
    code = load_codebook(write(tmp_path, text)).codes["competition.specialization"]
    assert code.labels == {"nl": "Eigen specialisme, geen zorgen", "en": "Own niche, no worry"}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("{Eigen specialisme, geen zorgen}", "label has key 'Eigen specialisme' with no text"),
        ("{nl: Anders, Engels: Other}", "label has key 'Engels', which is no language code"),
    ],
)
def test_label_keys_that_are_no_language(tmp_path: Path, label: str, expected: str) -> None:
    text = COMMA_LABEL.replace(
        "{nl: Eigen specialisme, geen zorgen, en: Own niche, no worry}", label
    )
    path = write(tmp_path, text)
    (problem,) = messages(path)
    assert ":7: [competition.specialization] " in problem and expected in problem
    with pytest.raises(CodebookError, match=expected):
        load_codebook(path)


def test_other_language_codes_are_kept_as_before(tmp_path: Path) -> None:
    text = COMMA_LABEL.replace(
        "{nl: Eigen specialisme, geen zorgen, en: Own niche, no worry}",
        "{nl: Specialisme, en: Niche, de: Spezialisierung}",
    )
    assert messages(write(tmp_path, text)) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{Eerst dit, dan dat}", "description has key 'Eerst dit' with no text"),
        ("{nl: Eerst dit, en: First this}", "description: must be text, not a mapping"),
        ("[eerst, dan]", "description: must be text, not a list"),
    ],
)
def test_a_description_that_yaml_reads_as_no_text(
    tmp_path: Path, value: str, expected: str
) -> None:
    text = COMMA_LABEL.replace(
        "        match:", f"        description: {value}\n        match:"
    ).replace("{nl: Eigen specialisme, geen zorgen, en: Own niche, no worry}", "Niche")
    (problem,) = messages(write(tmp_path, text))
    assert ":8: [competition.specialization] " in problem and expected in problem
