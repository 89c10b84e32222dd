"""A codebook's own words reach every output: the matrix's caption and --counts key say its
`direction_labels:`, phases labelled "Stage: …" are stages in the report's heading, table and
sentence, the findings list them in stage order, review asks for a direction in her words; tied
phases are named as ties; an empty matrix cell carries no unreviewed mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.phases import PhaseResult, PhaseRow, phase_sentence

from .conftest import invoke_cli

CODEBOOK = """\
language: en
themes:
  - id: exchange
    label: {en: What groups give and get}
    analysis: matrix
    directional: true
    directions: {bring: [give, share], take: [get, learn]}
    direction_labels: {bring: Gives, take: Gets, both: Both, none: "—"}
    codes:
      - id: knowledge
        label: {en: Knowledge}
        match:
          - any: [knowledge]
      - id: funding
        label: {en: Funding}
        match:
          - any: [funding]
  - id: development
    label: {en: Development}
    codes:
      - id: forming
        label: {en: "Stage: forming"}
        phase: 1
        match:
          - any: [early days]
      - id: norming
        label: {en: "Stage: norming"}
        phase: 2
        match:
          - any: [settled]
"""
TEXTS = {
    # P1 (council) and P2 (council) settled, P3 (no group) in the early days
    "P1.txt": "I: What happened?\nR: We share knowledge now. Things have settled.\n",
    "P2.txt": "I: What happened?\nR: We get funding through it. It has settled.\n",
    "P3.txt": "I: What happened?\nR: We learn a lot, knowledge mostly. Early days still.\n",
}
PEOPLE = "id,group,label\nP1,council,officer\nP2,council,manager\nP3,,worker\n"


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    root.mkdir()
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "participants.csv").write_text(PEOPLE, encoding="utf-8")
    (root / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nparticipants: participants.csv\n", encoding="utf-8"
    )
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    code, out = invoke_cli("code", *TEXTS)
    assert code == 0, out
    return root


def _rows(*rows: tuple[str, int]) -> list[PhaseRow]:
    return [
        PhaseRow(f"p.{label}", label, n, [f"{label}{i}" for i in range(n)]) for label, n in rows
    ]


def test_tied_phases_are_named_as_ties() -> None:
    result = PhaseResult(
        _rows(("forming", 1), ("storming", 1), ("norming", 3), ("performing", 1)), total=5
    )
    en = phase_sentence(result, "en")
    assert "in the norming (n=3) phase" in en
    assert "forming, storming and performing (n=1 each)" in en
    nl = phase_sentence(result, "nl")
    assert "forming, storming en performing (elk 1x)" in nl
    top_tie = PhaseResult(_rows(("forming", 2), ("norming", 2), ("storming", 1)), total=5)
    assert "in the forming or norming (n=2 each) phase" in phase_sentence(top_tie, "en")
    assert "in de fase forming of norming (elk 2x)" in phase_sentence(top_tie, "nl")


def test_phases_cli_names_ties(study: Path) -> None:
    code, out = invoke_cli("phases")
    assert code == 0, out
    # forming: P3, norming: P1 and P2
    assert "(3 of 3) name the norming (n=2) or forming (n=1) stage" in out
    assert "network" not in out
    assert "┃ stage " in out
    code, out = invoke_cli("phases", "--format", "csv")
    assert code == 0 and out.lstrip("\ufeff").startswith("phase,")


def test_report_in_her_words(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md", "--mark-unreviewed")
    assert code == 0, out
    text = (study / "r.md").read_text(encoding="utf-8")
    assert "brings and takes" not in text
    assert "*Table 1. Per group, “Gives” / “Gets” / “Both” / “—”.*" in text
    assert "## Development stage" in text and "Development phase" not in text
    assert "| Stage " in text
    assert "norming (n=2) or forming (n=1) stage" in text
    # the findings list the stages in stage order, not by count
    assert text.index("- Stage: forming") < text.index("- Stage: norming")
    # Funding: only P2 (council); the ungrouped column's cell is empty and unmarked
    funding = next(line for line in text.splitlines() if line.startswith("| Funding"))
    assert funding.rstrip(" |").endswith("—") and "— *" not in funding
    assert "Gives *" in text or "Gets *" in text  # the marks are there where codings are


def test_matrix_counts_key_in_her_words(study: Path) -> None:
    code, out = invoke_cli("matrix", "--counts")
    assert code == 0, out
    if "Both" in out.split("\n", 3)[-1]:
        assert "participants who bring" not in out
    from lernet_cli.analysis.matrix import Cell, Matrix, MatrixRow, counts_legend

    words = {"bring": "Gives", "take": "Gets", "both": "Both", "none": "—", "unknown": "?"}
    row = MatrixRow("c", "K", "root", {"g": Cell(bring=1, take=1, participants=1)})
    legend = counts_legend(Matrix(["g"], [row], "X", "root", words), "en")
    assert legend == (
        "In “Both”: all participants, then those counted as “Gives” / as “Gets” "
        "(one may count as both)."
    )


def test_review_asks_for_a_direction_in_her_words(study: Path) -> None:
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    result = CliRunner().invoke(app, ["review", "--code", "knowledge"], input="d\n\nq\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "direction (Gives, Gets or Both; empty to go back)" in result.output


def test_a_dutch_review_asks_for_her_words_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dutch study's own direction words, joined with "of" in the Dutch prompt (not "or")."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text(
        "language: nl\nthemes:\n  - id: delen\n    label: Zorgen delen\n    analysis: matrix\n"
        "    directional: true\n    directions: {bring: [geven], take: [vragen]}\n"
        "    direction_labels: {bring: Geeft, take: Vraagt, both: Geeft en vraagt}\n"
        "    codes:\n      - id: advies\n        label: Advies\n        match:\n"
        "          - any: [advies]\n",
        encoding="utf-8",
    )
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\n", encoding="utf-8")
    (tmp_path / "S1.txt").write_text(
        "I: Wat doet u?\nR: Wij vragen de huisarts om advies.\n", encoding="utf-8"
    )
    code, out = invoke_cli("code", "S1.txt")
    assert code == 0, out
    result = CliRunner().invoke(app, ["review", "--code", "advies"], input="d\nx\n\nq\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "richting (Geeft, Vraagt of Geeft en vraagt; leeg om terug te gaan)" in result.output
    assert "'x' is geen richting: Geeft, Vraagt of Geeft en vraagt" in result.output


def test_review_in_a_dutch_project_offers_the_matrix_words_in_dutch(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `direction_labels:`, a Dutch project's review offers the directions as its matrix
    names them, Brengen, Halen of Brengen en halen (it said "bring, take or both"), and takes
    one typed out."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    codebook = study / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8").replace("language: en", "language: nl")
    text = text.replace(
        '    direction_labels: {bring: Gives, take: Gets, both: Both, none: "—"}\n', ""
    )
    codebook.write_text(text, encoding="utf-8")
    assert invoke_cli("code", *TEXTS)[0] == 0
    result = CliRunner().invoke(app, ["review", "--code", "funding"], input="d\nhalen\nq\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "richting (Brengen, Halen of Brengen en halen; leeg om terug te gaan)" in result.output
    assert "bring, take or both" not in result.output
    assert "1 accepted" in result.output


def test_no_phase_named_is_said_in_the_codebooks_word() -> None:
    """Nobody coded with a stage: the sentence says stage, as the table and heading do."""
    result = PhaseResult(_rows(("forming", 0), ("norming", 0)), total=3, word="Stage")
    assert phase_sentence(result, "en") == "No participant names any stage."
    assert phase_sentence(result, "nl") == "Geen van de deelnemers noemt een stage."
    plain = PhaseResult(_rows(("forming", 0)), total=3)
    assert phase_sentence(plain, "en").endswith("in any development phase.")
    assert phase_sentence(plain, "nl").endswith("in een ontwikkelingsfase.")


def test_a_study_of_its_own_names_its_stages_without_a_network() -> None:
    """A codebook's own word for its phases ("Stage: …"): a study of its own, perhaps of no
    network; the default study's phases still place the network in a phase."""
    rows = _rows(("forming", 1), ("norming", 2))
    own = PhaseResult(rows, total=3, word="Stage")
    assert phase_sentence(own, "en").startswith(
        "Most participants (3 of 3) name the norming (n=2) or forming (n=1) stage"
    )
    assert phase_sentence(own, "nl").startswith(
        "De meeste deelnemers (3 van 3) noemen norming (2x) of forming (1x) (stage)"
    )
    default = PhaseResult(rows, total=3)
    assert "place the network in the norming" in phase_sentence(default, "en")
    assert "plaatsen het netwerk in de fase norming" in phase_sentence(default, "nl")
