"""`lernet codebook test` says why an example was not coded, where lernet can tell."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

BOOK = """name: t
language: nl
themes:
  - id: privacy
    label: {nl: Privacy, en: Privacy}
    codes:
      - id: privacy.secret
        label: {nl: Geheim, en: Secret}
        match:
          - any: [beroepsgeheim, "professional secrecy"]
          - any: [vertrouwelijk, confidential]
            none: [contract]
        examples:
          - wij kunnen niet altijd iets teruggeven omwille van het beroepsgeheim
          - that is not professional secrecy to us
          - dat staat vertrouwelijk in het contract
          - het weer was mooi
"""


def test_failed_examples_say_why(tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    result = CliRunner().invoke(app, ["codebook", "test", str(book)])
    assert result.exit_code == 1
    out = result.output + (result.stderr or "")
    lines = {line for line in out.splitlines() if "FAIL" in line}
    nl = next(line for line in lines if "beroepsgeheim" in line)
    assert "'beroepsgeheim'" in nl and "'niet'" in nl and "negation: ignore" in nl
    en = next(line for line in lines if "secrecy" in line)
    assert "'professional secrecy'" in en and "negation: ignore" in en
    none = next(line for line in lines if "contract" in line)
    assert "none" in none and "'contract'" in none
    weather = next(line for line in lines if "weer" in line)
    assert "no term" in weather


PHRASE_CODEBOOK = """\
version: 1
name: plg
themes:
  - id: eigenaarschap
    label: Eigenaarschap
    codes:
      - id: eigen_regie
        label: Eigen regie
        match:
          - any: [eigenaar, "zelf bepalen"]
        examples:
          - Wij bepalen zelf welk onderwerp we onderzoeken.
          - Wij willen zelf bepalen wat we doen.
"""


def test_phrase_whose_words_stand_in_another_order(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(PHRASE_CODEBOOK, encoding="utf-8")
    result = CliRunner().invoke(app, ["codebook", "test", str(path)])
    assert result.exit_code == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 1
    assert fails[0].startswith(f"FAIL {path}:12: [eigenaarschap.eigen_regie] example not coded")
    assert "'zelf bepalen' is a phrase: its words stand in it in another order" in fails[0]
    assert "add the rule all: [zelf, bepalen]" in fails[0]


ALL_CODEBOOK = """\
version: 1
name: jeugd
language: nl
themes:
  - id: doorverwijzing
    label: Doorverwijzing
    codes:
      - id: via_huisarts
        label: Via de huisarts
        match:
          - all: [huisarts, [verwijzen, doorsturen]]
        examples:
          - De huisarts heeft haar doorverwezen naar de GGZ.
          - De huisarts belde. Toen verwees ze ons door.
          - De huisarts gaf haar een verwijzing.
  - id: delen
    label: Zorgen delen
    directional: true
    directions: {bring: [geven], take: [vragen]}
    codes:
      - id: informatie
        label: Informatie
        match:
          - any: [informatie]
        examples:
          - Daar is informatie over het kind voor nodig.
"""


def test_all_rule_and_direction_say_what_is_missing(tmp_path: Path) -> None:
    """An `all:` rule one of whose items has no term in the example, one whose items stand in
    two sentences, and a directional code without a cue: each failure says which."""
    book = tmp_path / "book.yaml"
    book.write_text(ALL_CODEBOOK, encoding="utf-8")
    result = CliRunner().invoke(app, ["codebook", "test", str(book)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "FAIL" in line]
    assert len(lines) == 4, lines
    moved, apart, noun, cue = lines
    assert "'huisarts' stands there, but no term of [verwijzen, doorsturen]" in moved
    assert "all: needs one of each item" in moved
    assert "'huisarts' stands there, but no term of [verwijzen, doorsturen]" in noun
    assert "each item has a term there ('huisarts', 'verwijzen')" in apart
    assert "not within one sentence" in apart
    assert "no direction word of its directions: stands around it (geven, vragen)" in cue
