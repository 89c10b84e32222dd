"""A withdrawn participant's names stay hidden in other people's interviews after their row
leaves the participants file: `lernet remove` keeps them in the store."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()

PARTICIPANTS = """\
participants:
  - id: p1
    names: [Jan de Vries]
    organisations: [Akkerbouwbedrijf Zwaantjes]
  - id: p2
    names: [Marloes van Dijk]
"""

P1 = "I: Wie ben je?\nR: Ik ben Jan, akkerbouwer. [[not_acquainted: ken ze niet]]\n"
P2 = (
    "I: Hoe gaat het?\n"
    "R: [[not_acquainted: Jan de Vries zei laatst tegen me dat hij zich gast voelt bij "
    "Zwaantjes, we kennen elkaar nog niet.]]\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def withdraw_and_forget(project: Path) -> str:
    """p1 coded with p2, removed, then the row deleted from the participants file; the
    removal's messages."""
    (project / "t").mkdir()
    (project / "t" / "participants.yaml").write_text(PARTICIPANTS, "utf-8")
    (project / "t" / "p1.txt").write_text(P1, "utf-8")
    (project / "t" / "p2.txt").write_text(P2, "utf-8")
    assert run("code", "t")[0] == 0
    code, _, err = run("remove", "--participant", "p1")
    assert code == 0, err
    (project / "t" / "p1.txt").unlink()
    remaining = PARTICIPANTS.split("  - id: p2")[1]
    (project / "t" / "participants.yaml").write_text(
        "participants:\n  - id: p2" + remaining, "utf-8"
    )
    code, _, cerr = run("code", "t")
    assert code == 0, cerr
    return err


def test_remove_keeps_the_names_it_hides(project: Path) -> None:
    err = withdraw_and_forget(project)
    removed = [line for line in err.splitlines() if "removed 1 transcript" in line]
    assert len(removed) == 1
    assert "2 names stay hidden in every anonymized output" in removed[0]
    assert "Jan de Vries" not in err


def test_a_withdrawn_participants_name_stays_hidden_in_quotes_and_exports(project: Path) -> None:
    withdraw_and_forget(project)
    code, out, err = run("quotes", "--format", "json")
    assert code == 0, err
    texts = " ".join(q["text"] for q in json.loads(out))
    assert "gast" in texts
    assert "Vries" not in texts and "Jan" not in texts and "Zwaantjes" not in texts
    assert "[naam] zei laatst" in texts and "[organisatie]" in texts
    code, _, err = run("export", "qdpx", "out.qdpx")
    assert code == 0, err
    with zipfile.ZipFile(project / "out.qdpx") as z:
        exported = b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")
    assert "gast" in exported
    assert "Vries" not in exported and "Zwaantjes" not in exported
    code, out, _ = run("quotes", "--format", "json", "--no-anonymize")
    assert "Jan de Vries zei" in out


def test_names_are_kept_for_a_removed_file_too(project: Path) -> None:
    """A file coded by mistake: what it hid stays hidden (a name too many hidden, never one
    too few)."""
    (project / "t").mkdir()
    (project / "t" / "participants.yaml").write_text(PARTICIPANTS, "utf-8")
    (project / "t" / "p1.txt").write_text(P1, "utf-8")
    (project / "t" / "p2.txt").write_text(P2, "utf-8")
    assert run("code", "t")[0] == 0
    code, _, err = run("remove", "t/p1.txt")
    assert code == 0 and "2 names stay hidden" in err, err
