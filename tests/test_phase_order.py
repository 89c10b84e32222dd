"""The codebook's phases come in their order in every format of tally, phases and matrix: the
Markdown of `tally` lists them as the table does (not strongest first, as its other codes), and
a codebook that lists its phases out of their numbers' order gets them in that order
everywhere, as `lernet phases` has them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.analysis.tally import Tally, TallyRow, tally_markdown

from .conftest import invoke_cli

# "gegroeid" (phase 2) is said by two participants, "aftasten" (phase 1) by one; the codebook
# lists phase 2 first
PHASES = """\
  - id: stage
    label: {nl: Fase, en: Phase}
    codes:
      - id: grown
        label: {nl: "Fase: gegroeid", en: "Phase: grown"}
        phase: 2
        match:
          - any: [gegroeid]
      - id: other
        label: {nl: Anders, en: Other}
        match:
          - any: [anders]
      - id: early
        label: {nl: "Fase: aftastend", en: "Phase: exploring"}
        phase: 1
        match:
          - any: [aftasten]
"""

TEXTS = {
    "P1.txt": "I: Hoe gaat het?\nR: We zijn nog aan het aftasten. Het is anders.\n",
    "P2.txt": "I: Hoe gaat het?\nR: Het netwerk is gegroeid. Het is anders.\n",
    "P3.txt": "I: Hoe gaat het?\nR: Het netwerk is gegroeid. Het is anders dan eerst.\n",
}

ORDER = ["stage.early", "stage.other", "stage.grown"]
"""The theme's codes as every format lists them: phase 1 in the slot the codebook gives its
first phase, `other` where it stands, phase 2 in the last phase slot."""


@pytest.fixture
def staged(project: Path) -> Path:
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + PHASES, encoding="utf-8")
    for name, text in TEXTS.items():
        (project / name).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", *TEXTS)
    assert code == 0, out
    return project


def _out(*args: str) -> str:
    code, out = invoke_cli(*args)
    assert code == 0, out
    return out


def _first(text: str, ids: list[str]) -> list[str]:
    """`ids` in the order they first stand in `text`."""
    return sorted(ids, key=text.index)


def test_tally_lists_the_phases_in_their_order_in_every_format(staged: Path) -> None:
    table = _out("tally", "--theme", "stage")
    assert _first(table, ORDER) == ORDER
    csv_text = _out("tally", "--theme", "stage", "-f", "csv")
    assert _first(csv_text, ORDER) == ORDER
    data = json.loads(_out("tally", "--theme", "stage", "-f", "json"))
    assert [c["id"] for c in data["themes"][0]["codes"]] == ORDER
    by = _out("tally", "--theme", "stage", "--by", "group", "-f", "md")
    assert _first(by, ORDER) == ORDER


def test_tally_markdown_lists_the_phases_in_their_order(staged: Path) -> None:
    md = _out("tally", "--theme", "stage", "-f", "md")
    lines = [line for line in md.splitlines() if line.startswith("- ")]
    # the phases first, in their order though phase 2 has more participants; then the others
    assert lines == ["- Fase: aftastend (1x)", "- Fase: gegroeid (2x)", "- Anders (3x)"]


def test_phases_in_every_format_keep_that_order(staged: Path) -> None:
    phases = ["stage.early", "stage.grown"]
    for fmt in ("table", "md", "csv"):
        assert _first(_out("phases", "-f", fmt), phases) == phases
    data = json.loads(_out("phases", "-f", "json"))
    assert [p["id"] for p in data["phases"]] == phases


def _row(id_: str, depth: int, n: int, phase: int | None = None) -> TallyRow:
    return TallyRow(id_, id_, depth, depth == 0, n, n, {}, phase=phase)


def test_tally_markdown_keeps_a_sub_code_under_its_code() -> None:
    result = Tally(
        [],
        [
            _row("theme", 0, 5),
            _row("a", 1, 2),
            _row("a.x", 2, 2),
            _row("b", 1, 4),
            _row("b.y", 2, 1),
            _row("b.z", 2, 3),
        ],
    )
    lines = tally_markdown(result, "en").splitlines()
    assert lines[2:] == [
        "- b (n=4)",
        "  - b.z (n=3)",
        "  - b.y (n=1)",
        "- a (n=2)",
        "  - a.x (n=2)",
    ]


def test_a_matrix_of_the_phases_keeps_that_order_in_every_format(staged: Path) -> None:
    for fmt in ("table", "md", "csv"):
        out = _out("matrix", "--codes", "stage", "-f", fmt)
        labels = ["aftastend", "Anders", "gegroeid"]
        assert _first(out, labels) == labels, fmt
    data = json.loads(_out("matrix", "--codes", "stage", "-f", "json").split("\nlernet:")[0])
    assert [r["id"] for r in data["rows"]] == ORDER


def test_phases_headers_follow_the_projects_language(staged: Path) -> None:
    """Labels "Fase: …" in a Dutch project: the table for reading says fase and deelnemers, as
    tally's headers do; English says phase, participants; CSV keeps its keys."""
    md = _out("phases", "-f", "md")
    assert md.splitlines()[0] == "| fase | deelnemers | id |"
    assert _out("phases", "-f", "md", "--language", "en").splitlines()[0] == (
        "| phase | participants | id |"
    )
    assert _out("phases", "-f", "csv").splitlines()[0].startswith("phase;participants;id")
