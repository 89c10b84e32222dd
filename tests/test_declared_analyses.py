"""The codebook declares its analyses: `analysis: matrix` and `phase: N`. The matrix, phases and
report follow the declaration, for any codebook; one without gets one line (or no section)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.analysis.matrix import interest_matrix
from lernet_cli.analysis.phases import phase_distribution
from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook, parse_codebook
from lernet_cli.errors import NotDeclared
from lernet_cli.model import Participant, Transcript, Turn
from lernet_cli.project.participants import Participants
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK, MINI_CODEBOOK, dump_store

runner = CliRunner()

# A study of its own: the matrix is "exchange", the phases are listed out of file order.
DECLARED = """\
themes:
  - id: exchange
    label: {nl: Uitwisseling, en: Exchange}
    analysis: matrix
    directional: true
    directions: {bring: [give, share], take: [get, receive]}
    codes:
      - id: advice
        label: {nl: Advies, en: Advice}
        match:
          - any: [advice]
  - id: stage
    label: {nl: Stadium, en: Stage}
    codes:
      - id: settled
        label: {nl: "Stadium: gevestigd", en: "Stage: settled"}
        phase: 3
        match:
          - any: [settled]
      - id: early
        label: {nl: "Stadium: vroeg", en: "Stage: early"}
        phase: 1
        codes:
          - id: very_early
            label: {nl: Heel vroeg, en: Very early}
            match:
              - any: [brand new]
      - id: other
        label: {nl: Anders, en: Other}
        match:
          - any: [other]
"""

UNDECLARED = MINI_CODEBOOK.replace("    analysis: matrix\n", "")


def write(tmp_path: Path, text: str, name: str = "cb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    return [str(p) for p in parse_codebook(path).problems if p.severity == "error"]


def test_bundled_codebook_declares_the_reports_matrix_and_phases() -> None:
    cb = load_codebook(DEFAULT_CODEBOOK, with_rules=False)
    assert cb.matrix == "interest_balance"
    assert cb.phases == [
        f"development.phase_{p}"
        for p in ("potential", "uniting", "growing", "active", "dissolving")
    ]


def test_declarations_are_read_in_phase_order(tmp_path: Path) -> None:
    cb = load_codebook(write(tmp_path, DECLARED))
    assert cb.matrix == "exchange"
    assert cb.phases == ["stage.early", "stage.settled"]
    assert cb.codes["stage.settled"].phase == 3 and cb.codes["stage.other"].phase is None
    assert cb.codes["exchange"].analysis == "matrix"


def test_a_codebook_without_declarations_has_none(tmp_path: Path) -> None:
    cb = load_codebook(write(tmp_path, UNDECLARED))
    assert cb.matrix is None and cb.phases == []
    assert not cb.problems


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("analysis: matrix", "analysis: matrx", 4, "analysis: 'matrx' is not one of: matrix"),
        ("phase: 3", "phase: 0", 17, "phase: must be a whole number from 1"),
        ("phase: 3", "phase: three", 17, "phase: must be a whole number from 1"),
        ("phase: 3", "phase: true", 17, "phase: must be a whole number from 1"),
        ("phase: 3", "phase: 1", 22, "phase 1 is also 'stage.settled' (line 15)"),
        (
            "    directional: true\n",
            "",
            4,
            "analysis: matrix needs directional: true and directions:",
        ),
        # a Dutch yes is a word, not true: one error, and the matrix is still checked as meant
        # (no second error that it needs directional: true)
        (
            "    directional: true\n",
            "    directional: ja\n",
            5,
            "directional: is true or false, not 'ja': write directional: true",
        ),
        (
            "    label: {nl: Stadium, en: Stage}\n",
            "    label: {nl: Stadium, en: Stage}\n    analysis: matrix\n",
            14,
            "analysis: matrix needs directional: true",
        ),
    ],
)
def test_bad_declarations_are_reported_with_their_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in DECLARED
    path = write(tmp_path, DECLARED.replace(old, new, 1))
    found = errors(path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line}:") and message in found[0], found[0]


def test_matrix_needs_codes_below_and_there_is_one(tmp_path: Path) -> None:
    leaf = DECLARED.replace(
        "        label: {nl: Advies, en: Advice}\n",
        "        label: {nl: Advies, en: Advice}\n        analysis: matrix\n",
    )
    found = errors(write(tmp_path, leaf))
    assert len(found) == 1 and "[exchange.advice] analysis: matrix needs codes below it" in found[0]
    second = DECLARED + (
        "  - id: favours\n    label: F\n    analysis: matrix\n    directional: true\n"
        "    directions: {bring: [do]}\n    codes:\n      - id: small\n        label: S\n"
    )
    found = errors(write(tmp_path, second, "two.yaml"))
    assert len(found) == 1
    assert "[favours] a second analysis: matrix (the first is 'exchange' on line 2)" in found[0]


def _store(tmp_path: Path, cb_path: Path) -> tuple[Store, Participants]:
    from lernet_cli.coding.pipeline import code_transcript

    cb = load_codebook(cb_path)
    store = Store.open(tmp_path / ".lernet" / "lernet.db", create=True)
    people = Participants(
        groups=["ward", "community"],
        people={
            "w1": Participant("w1", "ward", "ward nurse"),
            "c1": Participant("c1", "community", "community nurse"),
        },
    )
    answers = {
        "w1": "We give advice to the others. It is brand new, really.",
        "c1": "I mostly get advice from them. I think it is settled now.",
    }
    for pid, answer in answers.items():
        t = Transcript(
            f"{pid}.txt", [Turn("I", "How is it going?", "interviewer"), Turn("R", answer)]
        )
        store.save_coded(t.path, pid, pid, None, None, "d", t, code_transcript(cb, t))
    return store, people


def test_matrix_and_phases_follow_the_declaration(tmp_path: Path) -> None:
    cb_path = write(tmp_path, DECLARED)
    cb = load_codebook(cb_path, with_rules=False)
    store, people = _store(tmp_path, cb_path)
    with store:
        rows = store.coding_rows()
    matrix = interest_matrix(cb, rows, people, lang="en")
    assert [r.id for r in matrix.rows] == ["exchange.advice"]
    cells = matrix.rows[0].cells
    assert (cells["ward"].direction, cells["community"].direction) == ("bring", "take")
    phases = phase_distribution(cb, rows, people, total=2, lang="en")
    # In the declared order; "early" counts the participant coded with a code below it.
    assert [(r.label, r.participant_ids) for r in phases.rows] == [
        ("early", ["w1"]),
        ("settled", ["c1"]),
    ]


def test_library_refuses_what_is_not_declared(tmp_path: Path) -> None:
    cb = load_codebook(write(tmp_path, UNDECLARED), with_rules=False)
    people = Participants(groups=[], people={})
    with pytest.raises(NotDeclared, match="declares no bring/take matrix"):
        interest_matrix(cb, [], people)
    with pytest.raises(NotDeclared, match="declares no phases"):
        phase_distribution(cb, [], people, 0)


@pytest.fixture
def undeclared_project(project: Path) -> Path:
    """The mini project with a codebook that declares no analyses, one transcript coded."""
    (project / "codebook.yaml").write_text(UNDECLARED, encoding="utf-8")
    (project / "a1.txt").write_text(
        "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed. Wij halen kennis op.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "a1.txt"])
    assert result.exit_code == 0, result.stderr
    return project


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["matrix"], "no bring/take matrix"),
        (["matrix", "--format", "json"], "no bring/take matrix"),
        (["matrix", "--format", "docx", "-o", "m.docx"], "no bring/take matrix"),
        (["phases"], "no phases"),
        (["phases", "--format", "json"], "no phases"),
    ],
)
def test_commands_say_in_one_line_what_is_not_declared(
    undeclared_project: Path, args: list[str], what: str
) -> None:
    before = dump_store(undeclared_project)
    result = runner.invoke(app, args)
    assert result.exit_code == 9, result.stderr
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lernet: error: ")
    assert f"{undeclared_project / 'codebook.yaml'}: " in lines[0] and what in lines[0]
    assert "docs/codebook-format.md" in lines[0]
    assert not (undeclared_project / "m.docx").exists()
    assert dump_store(undeclared_project) == before


def test_matrix_of_a_named_theme_needs_no_declaration(undeclared_project: Path) -> None:
    result = runner.invoke(app, ["matrix", "--codes", "interest_balance", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)["rows"][0]
    assert row["id"] == "interest_balance.knowledge"
    assert [c["direction"] for c in row["cells"].values()] == ["take"]


def test_report_leaves_out_what_is_not_declared(undeclared_project: Path) -> None:
    from docx import Document

    result = runner.invoke(app, ["report", "-o", "r.md"])
    assert result.exit_code == 0, result.stderr
    text = (undeclared_project / "r.md").read_text(encoding="utf-8")
    assert "## Vertrouwen (1x)" in text
    assert "Belangenbalans" in text  # the theme's findings are still there...
    assert "## Belangenbalans per groep" not in text  # ...but not the matrix section
    assert "Ontwikkelingsfase" not in text and "Brengen" not in text and "Halen" not in text
    result = runner.invoke(app, ["report", "-o", "r.docx"])
    assert result.exit_code == 0, result.stderr
    doc = Document(str(undeclared_project / "r.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Belangenbalans" not in headings and "Ontwikkelingsfase" not in headings
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    # The method section's tables and the participants; no matrix, no phases.
    assert headers and not any(h[0] in ("", "Fase") for h in headers), headers


def test_report_has_the_declared_sections(project: Path) -> None:
    (project / "codebook.yaml").write_text(DECLARED, encoding="utf-8")
    (project / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", "utf-8")
    (project / "w1.txt").write_text(
        "I: How is it going?\nR: We give advice to the others. It is brand new, really.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["code", "w1.txt"]).exit_code == 0
    result = runner.invoke(app, ["report", "-o", "r.md"])
    assert result.exit_code == 0, result.stderr
    text = (project / "r.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert any("Advice" in line and "Bring" in line for line in lines)
    assert any("early" in line and "n=1" in line for line in lines)
    assert any("settled" in line and "n=0" in line for line in lines)
    # the matrix's heading is the declared theme's label (and its columns), in the project's
    # language
    assert "## Exchange by group\n" in text and "Interest balance" not in text
    result = runner.invoke(app, ["report", "-o", "r.docx"])
    assert result.exit_code == 0, result.stderr
    assert "Exchange by group" in _headings(project / "r.docx")
    (project / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    assert runner.invoke(app, ["report", "-o", "r-nl.md"]).exit_code == 0
    assert "## Uitwisseling per groep\n" in (project / "r-nl.md").read_text(encoding="utf-8")
    assert runner.invoke(app, ["matrix", "-f", "docx", "-o", "m.docx"]).exit_code == 0
    assert _headings(project / "m.docx") == ["Uitwisseling"]


def _headings(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


def test_codebook_show_marks_the_declarations(tmp_path: Path) -> None:
    result = runner.invoke(app, ["codebook", "show", str(write(tmp_path, DECLARED))])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("exchange " in line and "analysis: matrix" in line for line in lines)
    assert any("stage.settled" in line and "phase 3" in line for line in lines)
    assert not any("stage.other" in line and "phase" in line for line in lines)


# A study's own codebook: a theme without codes, its rules on the theme itself.
WHOLE_THEME = """\
language: nl
themes:
  - id: signalering
    label: Signalering
    codes:
      - id: op_school
        label: Signaal op school
        match:
          - any: [mentor]
  - id: belemmeringen
    label: Belemmeringen
    match:
      - any: [bureaucratie]
"""


def test_report_shows_a_theme_coded_as_a_whole(project: Path) -> None:
    """A theme without codes (or one a comment names) is coded itself: the report gives its
    groups and quotes, never "no participant was coded with this theme" under its (2x)."""
    from docx import Document

    (project / "codebook.yaml").write_text(WHOLE_THEME, encoding="utf-8")
    (project / "participants.yaml").write_text(
        "groups: [school, gemeente]\nparticipants:\n"
        "  - {id: s1, group: school, label: mentor}\n"
        "  - {id: g1, group: gemeente, label: beleidsadviseur}\n",
        encoding="utf-8",
    )
    for pid, answer in {
        "s1": "De bureaucratie kost ons veel tijd, zegt de mentor.",
        "g1": "Minder bureaucratie zou echt helpen.",
    }.items():
        (project / f"{pid}.txt").write_text(f"I: Wat houdt u tegen?\nR: {answer}\n", "utf-8")
    assert runner.invoke(app, ["code", "s1.txt", "g1.txt"]).exit_code == 0
    result = runner.invoke(app, ["report", "-o", "r.md"])
    assert result.exit_code == 0, result.stderr
    text = (project / "r.md").read_text(encoding="utf-8")
    section = text.split("## Belemmeringen (2x)\n", 1)[1].split("\n## ", 1)[0]
    assert "Geen deelnemer" not in section
    assert "- Belemmeringen (2x) – school: 1, gemeente: 1" in section
    assert "> “Minder bureaucratie zou echt helpen.” (beleidsadviseur)" in section
    # the theme with codes keeps its codes' findings alone
    assert "- Signaal op school (1x) – school: 1" in text
    assert "- Signalering (" not in text
    assert runner.invoke(app, ["report", "-o", "r.docx"]).exit_code == 0
    paragraphs = [p.text for p in Document(str(project / "r.docx")).paragraphs]
    after = paragraphs[paragraphs.index("Belemmeringen (2x)") :]
    assert "Belemmeringen (2x) – school: 1, gemeente: 1" in after
    assert "Geen deelnemer is met dit thema gecodeerd." not in after
    # tally's Markdown, "ready for the report", lists it the same way
    result = runner.invoke(app, ["tally", "--format", "md"])
    assert result.exit_code == 0, result.stderr
    assert "## Belemmeringen (2x)\n\n- Belemmeringen (2x)\n" in result.stdout
    assert "- Signalering (" not in result.stdout
