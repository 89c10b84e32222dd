"""Mistakes a newcomer makes writing a codebook of her own (an English study): each is one
problem naming the line and saying what to write instead, never a codebook that checks as ok and
then codes nothing."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.codebook.codebook import parse_codebook

from .conftest import invoke_cli

CODEBOOK = """\
version: 1
name: Care homes learning network
language: en-GB
themes:
  - id: information_flow
    label: Information flow
    codes:
      - id: practice
        label: Good practice
        match:
          - regex: '\\bbest practi[cs]e\\b'
        examples:
          - We picked up a lot of best practice from the other homes.
"""


def _problems(tmp_path: Path, text: str, severity: str = "error") -> list[str]:
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    return [
        f"{p.line}: {p.message}" for p in parse_codebook(path).problems if p.severity == severity
    ]


def test_a_regex_in_double_quotes_with_a_word_boundary_is_named(tmp_path: Path) -> None:
    # YAML's double quotes make "\b" a backspace: the rule would never match anything.
    assert _problems(tmp_path, CODEBOOK) == []
    found = _problems(
        tmp_path, CODEBOOK.replace("'\\bbest practi[cs]e\\b'", '"\\bbest practi[cs]e\\b"')
    )
    assert len(found) == 1
    assert found[0].startswith("11: ")
    assert "single quotes, regex: '\\bbest practi[cs]e\\b'" in found[0]


def test_codebook_check_names_the_double_quoted_regex(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace("'\\bbest", '"\\bbest').replace("e\\b'", 'e\\b"'), "utf-8")
    code, out = invoke_cli("codebook", "check", str(path))
    assert code != 0 and "cb.yaml:11:" in out and "backspace" in out and "Traceback" not in out


def test_a_backslash_yaml_does_not_know_in_double_quotes_says_to_write_single_quotes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace("'\\bbest practi[cs]e\\b'", '"\\d+ hours a week"'), "utf-8")
    code, out = invoke_cli("codebook", "check", str(path))
    assert code != 0 and "cb.yaml:11:" in out and "Traceback" not in out
    assert "write the text in single quotes, regex: '\\d+ hours a week'" in out


def test_a_label_keyed_en_gb_is_the_english_label(tmp_path: Path) -> None:
    # `language: en-GB` reads as en; so does a label's en-GB: key, not the Dutch label in its place.
    text = CODEBOOK.replace(
        "    label: Information flow\n",
        "    label: {nl: Informatiestroom, en-GB: Information flow}\n",
    )
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    book = parse_codebook(path)
    assert [p.message for p in book.problems] == []
    assert book.codes["information_flow"].label("en") == "Information flow"
    assert book.codes["information_flow"].label("nl") == "Informatiestroom"


def test_direction_labels_keyed_en_gb_are_english(tmp_path: Path) -> None:
    text = CODEBOOK.replace(
        "    label: Information flow\n",
        "    label: Information flow\n"
        "    directional: true\n"
        "    directions: {bring: [share], take: [get]}\n"
        "    direction_labels: {bring: {en-GB: Shares}, take: {en-GB: Gets}}\n",
    )
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    book = parse_codebook(path)
    assert [p.message for p in book.problems if p.severity == "error"] == []
    words = book.codes["information_flow.practice"].direction_words("en")
    assert words["bring"] == "Shares" and words["take"] == "Gets"


def test_a_language_written_out_is_an_error_saying_the_code_to_write(tmp_path: Path) -> None:
    found = _problems(tmp_path, CODEBOOK.replace("language: en-GB", "language: British English"))
    assert found == [
        "3: language must be nl or en (en-GB, nl-BE and the like are read as en, nl), "
        "not 'British English': write language: en"
    ]


def test_terms_written_as_one_text_with_commas_give_the_list_to_write(tmp_path: Path) -> None:
    text = CODEBOOK.replace(
        "          - regex: '\\bbest practi[cs]e\\b'\n",
        "          - any: best practice, what works, tips\n",
    )
    found = _problems(tmp_path, text)
    assert found == [
        "11: rule 1: any: is one text with commas; write the terms as a list: "
        'any: ["best practice", "what works", tips]'
    ]


def test_a_themes_invalid_id_is_said_once_not_again_for_each_of_its_codes(tmp_path: Path) -> None:
    text = CODEBOOK.replace("id: information_flow", "id: Information_flow").replace(
        "id: practice", "id: practice\n        label: Good practice\n      - id: Bad-one"
    )
    problems = _problems(tmp_path, text)
    assert any("'Information_flow'" in p for p in problems)
    assert not any("practice' is not valid" in p or "'practice'" in p for p in problems)
    assert any("'Bad-one'" in p for p in problems)  # a code's own mistake is still said


def test_codebook_check_names_the_codes_no_rule_codes(tmp_path: Path) -> None:
    """A code without `match:` is legitimate (coded by hand), but a newcomer who forgot its
    rules saw "ok" and then nothing coded: the check names such codes in a note."""
    path = tmp_path / "cb.yaml"
    path.write_text(
        CODEBOOK.replace(
            "        examples:", "      - id: workload\n        label: Workload\n        examples:"
        ).replace("          - We picked", "          - We picked", 1),
        encoding="utf-8",
    )
    code, out = invoke_cli("codebook", "check", str(path))
    assert code == 0 and "ok (1 theme, 2 codes)" in out
    assert "note: 1 code without match: rules" in out and "information_flow.workload" in out
    assert "information_flow.practice" not in out.split("note:")[1]


def test_an_unknown_rule_kind_is_one_problem_not_two(tmp_path: Path) -> None:
    text = CODEBOOK.replace("- regex: '\\bbest practi[cs]e\\b'", "- some: [best practice]")
    problems = _problems(tmp_path, text)
    assert len(problems) == 1, problems
    assert "unknown rule key 'some'" in problems[0]
    # with no kind at all and nothing unknown, the rule still says what it needs
    text = CODEBOOK.replace("- regex: '\\bbest practi[cs]e\\b'", "- negation: require")
    assert any("needs exactly one of" in p for p in _problems(tmp_path, text))
