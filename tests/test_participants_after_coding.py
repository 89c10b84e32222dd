"""A participants file written (or extended) after `lernet code`, beside the transcripts where
`lernet code` would read it: every output written from then on hides the names it lists,
without coding again (qf59)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .conftest import invoke_cli

SPOKEN = (
    "I: Hoe gaat het?\n"
    "R: Bij Bouwbedrijf Hoekstra zijn we concurrenten, zegt Pieter Jansen. "
    "We kennen elkaar niet goed.\n"
)
LATER = """\
participants:
  - id: p01
    names: [Pieter Jansen]
    organisations: [Bouwbedrijf Hoekstra]
"""


def test_a_participants_file_beside_the_transcripts_after_coding_hides_its_names(
    project: Path,
) -> None:
    (project / "interviews").mkdir()
    (project / "interviews" / "p01.txt").write_text(SPOKEN, encoding="utf-8")
    assert invoke_cli("code", "interviews")[0] == 0
    (project / "interviews" / "participants.yaml").write_text(LATER, encoding="utf-8")
    outputs = {
        "quotes": invoke_cli("quotes")[1],
        "codings": invoke_cli("codings", "--format", "csv")[1],
    }
    for command in (("export", "csv", "out.csv"), ("report", "-o", "report.md")):
        code, said = invoke_cli(*command)
        assert code == 0, said
    outputs["csv"] = (project / "out.csv").read_text(encoding="utf-8-sig")
    outputs["report"] = (project / "report.md").read_text(encoding="utf-8")
    code, said = invoke_cli("export", "qdpx", "out.qdpx")
    assert code == 0, said
    with zipfile.ZipFile(project / "out.qdpx") as archive:
        outputs["qdpx"] = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    for what, text in outputs.items():
        assert "Pieter" not in text and "Hoekstra" not in text, what
    assert "[organisatie]" in outputs["quotes"]


def test_a_name_found_in_one_file_name_is_not_hidden_in_another_files_name(
    project: Path,
) -> None:
    """ "Anna de Vries" of "P08 Anna de Vries.txt" hides her in her own file's name, not the
    "anna" of someone else's "ts_anna.txt", which no participants file lists (qf59)."""
    texts = {
        "P08 Anna de Vries.txt": "I: Hoe gaat het?\nR: We kennen elkaar niet goed, zegt Anna.\n",
        "ts_anna.txt": "I: En bij jullie?\nR: Wij zijn concurrenten van elkaar.\n",
    }
    for name, text in texts.items():
        (project / name).write_text(text, encoding="utf-8")
    assert invoke_cli("code", *texts)[0] == 0
    code, said = invoke_cli("export", "csv", "out.csv")
    assert code == 0, said
    rows = [r.split(";") for r in (project / "out.csv").read_text("utf-8-sig").splitlines()]
    header = rows[0]
    shown = {(r[header.index("participant")], r[header.index("file")]) for r in rows[1:]}
    assert shown == {("P08", "P08 [naam].txt"), ("ts_anna", "ts_anna.txt")}
    assert "Anna" not in (project / "out.csv").read_text("utf-8-sig")


def test_a_lower_case_file_name_hides_an_ordinary_word_only_as_its_own_participants_name(
    project: Path,
) -> None:
    """In "ronde2_mark.txt" no capital tells Mark Visser's "Mark" from the word "mark": it is
    hidden only in a file of the participant whose name it is ("p07_bos.txt" of Karin Bos)."""
    (project / "participants.yaml").write_text(
        "participants:\n  - id: p07\n    names: [Karin Bos]\nredact:\n  names: [Mark Visser]\n",
        encoding="utf-8",
    )
    texts = {
        "p07_bos.txt": "I: Hoe gaat het?\nR: We kennen elkaar niet goed, zegt zij.\n",
        "ronde2_mark.txt": "I: En bij jullie?\nR: We kennen elkaar niet goed, zegt hij.\n",
        "p09_bos_en_natuur.txt": "I: En daar?\nR: We kennen elkaar niet goed, zeggen wij.\n",
        "Ronde3_Mark.txt": "I: En toen?\nR: We kennen elkaar niet goed, zeggen zij.\n",
    }
    for name, text in texts.items():
        (project / name).write_text(text, encoding="utf-8")
    assert invoke_cli("code", *texts)[0] == 0
    code, said = invoke_cli("export", "csv", "out.csv")
    assert code == 0, said
    rows = [r.split(";") for r in (project / "out.csv").read_text("utf-8-sig").splitlines()]
    files = {r[rows[0].index("file")] for r in rows[1:]}
    assert files == {
        "p07_[naam].txt",
        "ronde2_mark.txt",
        "p09_bos_en_natuur.txt",
        "Ronde3_[naam].txt",
    }
