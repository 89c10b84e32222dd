"""A person who coded is a pseudonym in anonymized outputs ("Codeur 1"), the same in each and
from one run to the next (the numbers kept in the store, as the anonymized .qdpx has them); their
name only with --no-anonymize."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.store.coders import coder_pseudonyms

runner = CliRunner()

SECRETS = ["Marloes", "Verbeek", "Martijn", "Vos"]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def coded(project: Path) -> Path:
    """Marloes Verbeek (listed under redact:) and Martijn Vos both coded one interview by Word
    comments; Marloes also left a comment on the interviewer's question (a memo)."""
    import docx

    (project / "participants.yaml").write_text(
        "participants:\n  - {id: P1, names: [Jan Smit]}\nredact:\n  names: [Marloes Verbeek]\n",
        encoding="utf-8",
    )
    d = docx.Document()
    question = d.add_paragraph("I: ").add_run("Kent u de anderen?")
    d.add_paragraph("R: Nee.")
    d.add_paragraph("I: En verder?")
    first = d.add_paragraph("R: ").add_run("Er is wel concurrentie tussen de bedrijven.")
    d.add_paragraph("I: En dan?")
    second = d.add_paragraph("R: ").add_run("We kennen elkaar nog niet goed.")
    d.add_comment(question, "vraag over kennen", "Marloes Verbeek")
    d.add_comment(first, "protect_position", "Marloes Verbeek")
    d.add_comment(first, "protect_position", "Martijn Vos")
    d.add_comment(second, "not_acquainted", "Martijn Vos")
    d.save(str(project / "P1.docx"))
    status, _, err = invoke("code", "P1.docx")
    assert status == 0, err
    return project


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            z.read(n).decode("utf-8")
            for n in z.namelist()
            if n.endswith((".xml", ".rels", ".qde", ".txt"))
        )


def _outputs(root: Path, *more: str) -> dict[str, str]:
    out = {}
    for name, args in {
        "codings": ["codings", "--format", "json"],
        "agree": ["agree", "Marloes Verbeek", "Martijn Vos", "--format", "json"],
        "agree table": ["agree", "Marloes Verbeek", "Martijn Vos", "--show-disagreements"],
        "memos": ["memos", "--format", "json"],
    }.items():
        status, stdout, err = invoke(*args, *more)
        assert status == 0, (name, err)
        out[name] = stdout
    for args in (
        ["export", "csv", "x.csv"],
        ["report", "-o", "r.md"],
        ["report", "-o", "r.docx"],
        ["report", "-o", "c.md", "--coder", "Martijn Vos"],
    ):
        status, _, err = invoke(*args, "--force", *more)
        assert status == 0, (args, err)
    out["csv"] = (root / "x.csv").read_text(encoding="utf-8-sig")
    out["report.md"] = (root / "r.md").read_text(encoding="utf-8")
    out["coder report"] = (root / "c.md").read_text(encoding="utf-8")
    out["report.docx"] = _zip_text(root / "r.docx")
    return out


def test_anonymized_outputs_name_coders_by_pseudonyms(coded: Path) -> None:
    outputs = _outputs(coded)
    for where, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, (where, secret)
    codings = json.loads(outputs["codings"])
    assert {c["coder"] for c in codings} == {"Codeur 1", "Codeur 2", "auto"}
    by_code = {(c["code"], c["coder"]) for c in codings}
    assert ("trust.not_acquainted", "Codeur 2") in by_code  # Martijn's: sorted, Marloes first
    agree = json.loads(outputs["agree"])
    assert (agree["coder_a"], agree["coder_b"]) == ("Codeur 1", "Codeur 2")
    assert {d["coded_by"] for c in agree["codes"] for d in c["disagreements"]} == {"Codeur 2"}
    assert "alleen Codeur 2" in outputs["agree table"]
    assert {m["author"] for m in json.loads(outputs["memos"])} == {"Codeur 1"}
    assert ";Codeur 1;" in outputs["csv"] and ";Codeur 2;" in outputs["csv"]
    assert "Codeur 1 en Codeur 2 codeerden allebei" in outputs["report.md"]
    assert "Codeur 1 en Codeur 2 codeerden allebei" in outputs["report.docx"]
    assert "Alleen de coderingen van Codeur 2 tellen mee." in outputs["coder report"]


def test_no_anonymize_shows_the_names(coded: Path) -> None:
    outputs = _outputs(coded, "--no-anonymize")
    assert "Marloes Verbeek en Martijn Vos codeerden allebei" in outputs["report.md"]
    assert {c["coder"] for c in json.loads(outputs["codings"])} == {
        "Marloes Verbeek",
        "Martijn Vos",
        "auto",
    }
    assert ";Martijn Vos;" in outputs["csv"]
    assert "Codeur" not in outputs["memos"] + outputs["agree"]


def test_a_coder_keeps_their_number_when_others_come(coded: Path) -> None:
    _outputs(coded)
    import docx

    d = docx.Document()
    d.add_paragraph("I: Hoe gaat het?")
    said = d.add_paragraph("R: ").add_run("We kennen elkaar nog niet goed.")
    d.add_comment(said, "not_acquainted", "Anna Bakker")
    d.save(str(coded / "P2.docx"))
    assert invoke("code", "P2.docx")[0] == 0
    _, out, _ = invoke("codings", "--format", "json")
    shown = {(c["participant"], c["code"], c["coder"]) for c in json.loads(out)}
    assert ("P2", "trust.not_acquainted", "Codeur 3") in shown  # "Anna" sorts first: still 3
    assert ("P1", "trust.not_acquainted", "Codeur 2") in shown


def test_one_person_of_several_spellings_is_one_pseudonym(coded: Path) -> None:
    (coded / "P3.txt").write_text(
        "I: Hoe gaat het?\nR: [[not_acquainted: We kennen elkaar nog niet goed.]]\n",
        encoding="utf-8",
    )
    assert invoke("code", "P3.txt", "--coder", "mvos")[0] == 0
    status, _, err = invoke("coders", "same", "Martijn Vos", "mvos")
    assert status == 0, err
    _, out, _ = invoke("codings", "--format", "json")
    shown = {(c["participant"], c["coder"]) for c in json.loads(out)}
    assert ("P3", "Codeur 2") in shown and ("P1", "Codeur 2") in shown
    assert "mvos" not in out and "Vos" not in out


def test_a_reviewer_moves_no_coder_s_number(coded: Path) -> None:
    """A supervisor reviews Martijn's coding (older than Anna's, who codes later): the reviewer
    is placed among the coders by that coding, yet Anna keeps the number she had; and saying
    her names are one person in the other order keeps it too."""
    import docx

    d = docx.Document()
    d.add_paragraph("I: Hoe gaat het?")
    said = d.add_paragraph("R: ").add_run("We kennen elkaar nog niet goed.")
    d.add_comment(said, "not_acquainted", "Anna Bakker")
    d.save(str(coded / "P2.docx"))
    assert invoke("code", "P2.docx")[0] == 0

    def numbers() -> set[tuple[str, str]]:
        _, out, _ = invoke("codings", "--format", "json")
        return {(c["participant"], c["coder"]) for c in json.loads(out) if c["coder"] != "auto"}

    before = numbers()
    assert ("P2", "Codeur 3") in before
    result = runner.invoke(
        app, ["review", "--coder", "Martijn Vos", "--reviewer", "Supervisor"], input="a\nq\n"
    )
    assert result.exit_code == 0 and "saved as reviewer 'Supervisor'" in result.stderr
    assert numbers() == before
    (coded / "P3.txt").write_text(
        "I: Wat merkt u?\nR: [[not_acquainted: Ik ken de andere leden nauwelijks.]]\n",
        encoding="utf-8",
    )
    assert invoke("code", "P3.txt", "--coder", "abakker")[0] == 0
    assert invoke("coders", "same", "abakker", "Anna Bakker")[0] == 0  # shown as abakker now
    assert {("P2", "Codeur 3"), ("P3", "Codeur 3")} <= numbers()


class _Store:
    def __init__(self) -> None:
        self.meta: dict[str, str] = {}

    def get_meta(self, key: str) -> str | None:
        return self.meta.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self.meta[key] = value


def test_pseudonyms_follow_first_coding_and_kept_numbers_and_machines_have_none() -> None:
    store = _Store()
    first = coder_pseudonyms(store, ["Martijn Vos", "auto", "Marloes Verbeek", "protocol"], "en")
    assert first == {"Martijn Vos": "Coder 1", "Marloes Verbeek": "Coder 2"}
    assert store.meta == {}  # outputs only read
    coder_pseudonyms(store, ["Marloes Verbeek", "Martijn Vos"], "nl", persist=True)
    again = coder_pseudonyms(store, ["Anna", "Martijn Vos", "Marloes Verbeek"], "nl")
    assert again == {"Anna": "Codeur 3", "Martijn Vos": "Codeur 2", "Marloes Verbeek": "Codeur 1"}


def test_the_method_names_the_rules_in_words(coded: Path) -> None:
    """`--coder auto` in the method section: the rules, not lernet's id for them (qa18 #12)."""
    status, _, err = invoke("report", "-o", "c.md", "--coder", "Martijn Vos", "--coder", "auto")
    assert status == 0, err
    text = (coded / "c.md").read_text(encoding="utf-8")
    assert "Alleen de coderingen van Codeur 2 en de regels tellen mee." in text
