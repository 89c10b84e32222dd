"""An anonymized .qdpx labels every turn by its role, the same in every source: "Speaker 1"
is no longer the interviewer in one file and a participant in the next, and a source without
labels no longer shows "?:" on every line (QA16 5)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()

OTTER = """\
Speaker 1  0:00
so how do you recruit nurses? and what about the college?

Speaker 2  0:04
we work with our concurrents and the college sends students every spring

Speaker 1  0:30
and does that help?

Speaker 2  0:32
yes it does, the students stay
"""
NAMED = """\
Dana Whitfield: How do you recruit nurses? And what about the college?
Speaker 1: We share staff with our concurrents and it works well.
Dana Whitfield: Does that help?
Speaker 1: Yes, mostly it does.
"""
UNLABELLED = """\
We share staff with our concurrents and that works well for the region.

The students from the college stay for a year or two after that.
"""


def _sources(root: Path, *more: str) -> list[str]:
    """The Otter, the name-labelled and the unlabelled source's text, in that order."""
    result = runner.invoke(app, ["export", "qdpx", "x.qdpx", "--force", *more])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(root / "x.qdpx") as z:
        texts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".txt")]
    return [
        next(t for t in texts if said in t)
        for said in ("so how do you recruit", "How do you recruit", "for the region")
    ]


@pytest.mark.parametrize(
    ("language", "asking", "speaking"),
    [("en", "Interviewer", "Participant"), ("nl", "Interviewer", "Deelnemer")],
)
def test_every_source_labels_the_same_role_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, asking: str, speaking: str
) -> None:
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text(f"codebook: codebook.yaml\nlanguage: {language}\n")
    (tmp_path / "participants.yaml").write_text(
        "participants: []\nredact:\n  names: [Dana Whitfield]\n", encoding="utf-8"
    )
    (tmp_path / "t" / "p01_otter.txt").write_text(OTTER, encoding="utf-8")
    (tmp_path / "t" / "p02_named.txt").write_text(NAMED, encoding="utf-8")
    (tmp_path / "t" / "p03_plain.txt").write_text(UNLABELLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    otter, named, plain = _sources(tmp_path)
    for text in (otter, named, plain):
        labels = {block.split(": ", 1)[0] for block in text.split("\n\n")}
        assert labels <= {asking, speaking}, labels
    assert otter.startswith(f"{asking}: so how do you recruit")
    assert f"{speaking}: we work with" in otter
    assert named.startswith(f"{asking}: How do you recruit")
    assert f"{speaking}: We share staff" in named
    assert all(block.startswith(f"{speaking}: ") for block in plain.split("\n\n"))
    # not anonymized: the transcript's own labels, as they are
    otter, named, plain = _sources(tmp_path, "--no-anonymize")
    assert otter.startswith("Speaker 1: so how") and named.startswith("Dana Whitfield: How")


def test_a_group_interview_numbers_its_participants() -> None:
    from lernet_cli.analysis.anonymize import Redactor
    from lernet_cli.exchange.qdpx_text import source_text
    from lernet_cli.model import Turn

    turns = [
        (1, Turn("I", "How is it going?", "interviewer")),
        (2, Turn("Anna", "Fine.")),
        (3, Turn("Interviewer", "And you?", "interviewer")),
        (4, Turn("Bert", "Me too.")),
        (5, Turn("Anna", "Yes.")),
    ]
    text = source_text(turns, [], Redactor(["Anna", "Bert"], []), "sentence", lang="en").text
    assert text.split("\n\n") == [
        "Interviewer: How is it going?",
        "Participant 1: Fine.",
        "Interviewer: And you?",
        "Participant 2: Me too.",
        "Participant 1: Yes.",
    ]
