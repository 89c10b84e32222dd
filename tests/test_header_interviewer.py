"""A header line "Moderator: Lotte Janssens" is no turn; the moderator is who asks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.readers import read_transcript

FG = """Focusgroep jeugddienst, 12 maart
Moderator: Lotte Janssens. Uitgeschreven door: Ruben (jobstudent)
Lotte: Welkom allemaal. Wie wil beginnen?
Jonas: Ik ben Jonas, jeugdconsulent.
Lotte: En wat brengt het netwerk jullie?
Wim: Vooral kennis.
Jonas: Ja, dat ook.
"""


def test_header_line_is_no_turn_and_names_the_interviewer(tmp_path: Path) -> None:
    path = tmp_path / "fg2.txt"
    path.write_text(FG, encoding="utf-8")
    t = read_transcript(path)
    roles = {turn.speaker: turn.role for turn in t.turns}
    assert roles == {"Lotte": "interviewer", "Jonas": "participant", "Wim": "participant"}
    assert any("read as the header" in w and "'Lotte'" in w for w in t.warnings)
    assert "Ruben" not in " ".join(turn.text for turn in t.turns)


def test_header_through_the_cli_speakers_command(tmp_path: Path) -> None:
    path = tmp_path / "fg2.txt"
    path.write_text(FG, encoding="utf-8")
    result = CliRunner().invoke(app, ["speakers", str(path)])
    assert result.exit_code == 0, result.output
    assert "Moderator" not in result.stdout


def test_one_role_turn_at_the_top_is_not_the_interviewer_when_another_asks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fg.txt"
    path.write_text(
        "Moderator: welkom allemaal, we beginnen zo meteen met de opname\n"
        "Lotte: Wie wil beginnen?\nJonas: Ik begin wel.\n"
        "Lotte: En wat brengt het netwerk?\nWim: Vooral kennis.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [turn.speaker for turn in t.turns if turn.role == "interviewer"] == ["Lotte", "Lotte"]
    assert any("has only the first turn" in w for w in t.warnings)


def test_an_interviewer_with_one_question_keeps_the_role(tmp_path: Path) -> None:
    path = tmp_path / "int.txt"
    path.write_text(
        "Interviewer: Wat brengt het netwerk u?\nRespondent: Veel.\nRespondent: Echt veel.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert t.turns[0].role == "interviewer"
