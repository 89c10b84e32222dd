"""A researcher's own words in a codebook get messages she can act on: `gives:` under
directions: names the keys there are and where her word goes, `stage:` suggests `phase:`, cue
words at a code's top say they go under directions:, and `codebook show` prints a label once when
the codebook has one language."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.codebook.codebook import parse_codebook

from .conftest import invoke_cli

CODEBOOK = """\
language: en
themes:
  - id: exchange
    label: {en: Exchange}
    analysis: matrix
    directional: true
    directions: {bring: [give], take: [get]}
    codes:
      - id: advice
        label: {en: Advice}
        match:
          - any: [advice]
  - id: development
    label: {en: Development}
    codes:
      - id: forming
        label: {en: "Stage: forming"}
        phase: 1
        match:
          - any: [early days]
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    return [p.message for p in parse_codebook(path).problems if p.severity == "error"]


def test_an_unknown_direction_lists_the_keys_and_her_word(tmp_path: Path) -> None:
    found = _errors(tmp_path, CODEBOOK.replace("{bring: [give]", "{gives: [give]"))
    assert len(found) == 1
    assert "unknown direction 'gives'" in found[0]
    assert "bring, take and both" in found[0] and "did you mean 'bring'" in found[0]
    assert "direction_labels: {bring: Gives}" in found[0]


def test_stage_suggests_phase(tmp_path: Path) -> None:
    found = _errors(tmp_path, CODEBOOK.replace("phase: 1", "stage: 1"))
    assert any("unknown key 'stage' (did you mean 'phase'?)" in m for m in found)


def test_cue_words_at_a_codes_top_go_under_directions(tmp_path: Path) -> None:
    found = _errors(
        tmp_path,
        CODEBOOK.replace("    directions: {bring: [give], take: [get]}\n", "    bring: [give]\n"),
    )
    assert any("unknown key 'bring'" in m and "directions: {bring: [...]}" in m for m in found)


def test_codebook_check_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace("phase: 1", "stage: 1"), encoding="utf-8")
    code, out = invoke_cli("codebook", "check", str(path))
    assert code != 0 and "did you mean 'phase'?" in out and "Traceback" not in out


def test_codebook_show_prints_one_language_once(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    code, out = invoke_cli("codebook", "show", str(path))
    assert code == 0, out
    assert "Exchange" in out and "Exchange / Exchange" not in out
    both = CODEBOOK.replace("{en: Advice}", "{en: Advice, nl: Advies}")
    path.write_text(both, encoding="utf-8")
    code, out = invoke_cli("codebook", "show", str(path))
    assert "Advies / Advice" in out


def test_codebook_show_prints_a_label_in_brackets_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace("{en: Advice}", '{en: "Advice [internal]"}'), encoding="utf-8")
    code, out = invoke_cli("codebook", "show", str(path))
    assert code == 0, out
    assert "Advice [internal]" in out
