"""A hand-edited codebook's YAML mistakes: on the line of the mistake, and all those lernet can
find without parsing (tabs, keys without ':', curly quotes) in one run."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.yamlio import MAX_MISTAKES_SHOWN, hand_mistakes

runner = CliRunner()

GOOD = """\
version: 1
name: plg
themes:
  - id: collegiaal_leren
    label: Collegiaal leren
    codes:
      - id: lesbezoek
        label: Bij elkaar in de les kijken
        match:
          - any: [lesbezoek, "in de les kijken"]
      - id: delen
        label: Materiaal delen
        match:
          - any: [delen]
  - id: werkdruk
    label: Werkdruk
    codes:
      - id: tijdgebrek
        label: Geen tijd
        match:
          - any: [werkdruk]
"""


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _with(changes: dict[int, str]) -> str:
    lines = _lines(GOOD)
    for n, line in changes.items():
        lines[n - 1] = line
    return "\n".join(lines) + "\n"


def test_good_file_has_no_hand_mistakes() -> None:
    assert hand_mistakes(GOOD) == []


def test_each_kind_is_found_on_its_line() -> None:
    text = _with(
        {
            10: "          - any: [“lesbezoek”, in de les kijken]",
            11: "\t- id: delen",
            19: "        label Geen tijd",
        }
    )
    found = hand_mistakes(text)
    assert [(kind, n) for kind, n, _ in found] == [("quote", 10), ("tab", 11), ("colon", 19)]
    assert "write label: Geen tijd" in found[2][2]


def test_a_list_item_key_without_colon() -> None:
    found = hand_mistakes(_with({11: "      - id delen"}))
    assert [(kind, n) for kind, n, _ in found] == [("colon", 11)]


def test_text_in_a_block_scalar_is_left_alone() -> None:
    text = GOOD.replace(
        "    label: Werkdruk\n", "    label: Werkdruk\n    description: |\n      label dit niet\n"
    )
    assert hand_mistakes(text) == []


def test_check_reports_every_mistake_at_once(tmp_path: Path) -> None:
    path = tmp_path / "veel.yaml"
    path.write_text(
        _with(
            {
                10: "          - any: [“lesbezoek”, in de les kijken]",
                11: "\t- id: delen",
                19: "        label Geen tijd",
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "check", str(path)])
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for line, n in zip(lines, (10, 11, 19), strict=True):
        assert line.startswith(f"lernet: error: {path}:{n}: "), line
    assert "curly quote" in lines[0] and "tab" in lines[1] and "'label' without its ':'" in lines[2]


def test_many_mistakes_are_capped(tmp_path: Path) -> None:
    lines = _lines(GOOD)
    path = tmp_path / "tabs.yaml"
    path.write_text("\n".join("\t" + line if line.startswith(" ") else line for line in lines))
    result = runner.invoke(app, ["codebook", "check", str(path)])
    assert result.exit_code == 4
    said = result.stderr.splitlines()
    assert len(said) == MAX_MISTAKES_SHOWN + 1
    assert "more mistakes like these" in said[-1]


def test_missing_colon_is_on_its_own_line(tmp_path: Path) -> None:
    """A key lernet does not see elsewhere: YAML's own error, on the key's line, not the next."""
    path = tmp_path / "colon.yaml"
    path.write_text(_with({19: "        labl Geen tijd"}), encoding="utf-8")
    result = runner.invoke(app, ["codebook", "check", str(path)])
    assert result.exit_code == 4
    assert f"{path}:19: invalid YAML: could not find expected ':'" in result.stderr
