"""The columns and headings of `--by VARIABLE` and `--by folder` are anonymized as quotes are:
a value naming a listed person or organisation shows them hidden, and two values that would
then read alike stay two columns ("[naam] (1)", "[naam] (2)"), in every command and format
(qa18 #2). The exports show the same values alike (qa18 #5)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from .conftest import coded_study, invoke_cli
from .test_waves import PHASES

CSV = (
    "id,group,label,names,organisations,contact,team\n"
    "P1,zorg,manager,Marieke Hofstede,Zorggroep Noorderkwartier,Gerrit Hulshof,"
    "teamleider bij Noorderkwartier\n"
    "P2,zorg,directeur,Gerrit Hulshof,,Marieke Hofstede,wonen\n"
    "P3,school,docent,,,Gerrit Hulshof,wonen\n"
)

TEXTS = {
    "P1.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed. Wij brengen kennis in.\n",
    "P2.txt": "I: En de anderen?\nR: Het zijn concurrenten van ons. Wij halen veel kennis op.\n",
    "P3.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet. Het netwerk is gegroeid.\n",
}

HIDDEN = ("Hulshof", "Hofstede", "Noorderkwartier", "Gerrit", "Marieke")


@pytest.fixture
def study(project: Path) -> Path:
    """Three participants whose contact person is a listed name (two different ones) and one
    whose team names a listed organisation."""
    return coded_study(project, PHASES, CSV, TEXTS)


def _out(*args: str) -> str:
    code, out = invoke_cli(*args)
    assert code == 0, out
    return out


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    out = _out(*args, "--format", "json")
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


def _clean(text: str) -> None:
    assert not [n for n in HIDDEN if n in text], text


def test_values_that_read_alike_once_hidden_are_numbered_in_order() -> None:
    from lernet_cli.analysis.people import distinct_shown

    shown = distinct_shown(["a", "b", "c", "d"], lambda v: "x" if v in "ac" else v)
    assert shown == {"a": "x (1)", "b": "b", "c": "x (2)", "d": "d"}
    # a number another value already shows is passed over
    shown = distinct_shown(["x (1)", "a", "b"], lambda v: "x" if v in "ab" else v)
    assert shown == {"x (1)": "x (1)", "a": "x (2)", "b": "x (3)"}


def test_tally_by_a_variable_hides_names_and_keeps_the_columns_apart(study: Path) -> None:
    data = _json("tally", "--by", "contact")
    _clean(json.dumps(data))
    # the participants file's order: Gerrit Hulshof's value first
    assert data["values"] == ["[naam] (1)", "[naam] (2)"]
    knowing = next(c for t in data["themes"] for c in t["codes"] if c["id"] == "trust.built")
    assert knowing["by_value"] == {"[naam] (1)": 0, "[naam] (2)": 0}
    early = next(t for t in data["themes"] if t["id"] == "trust")
    assert early["by_value"] == {"[naam] (1)": 2, "[naam] (2)": 0}
    for fmt in ("table", "md", "csv"):
        out = _out("tally", "--by", "contact", "--format", fmt)
        _clean(out)
        assert "[naam] (1)" in out and "[naam] (2)" in out
    out = _out("tally", "--by", "team")
    _clean(out)
    assert "teamleider bij [organisatie]" in out


def test_quotes_headings_hide_names_unless_asked(study: Path) -> None:
    out = _out("quotes", "--by", "contact")
    _clean(out)
    assert "contact: [naam] (1)" in out and "contact: [naam] (2)" in out
    data = _json("quotes", "--by", "contact")
    assert data["values"] == ["[naam] (1)", "[naam] (2)"]
    out = _out("quotes", "--by", "contact", "--no-anonymize")
    assert "contact: Gerrit Hulshof" in out and "contact: Marieke Hofstede" in out


def test_matrix_phases_and_report_by_a_variable(study: Path) -> None:
    matrix = _json("matrix", "--by", "contact")
    assert matrix["groups"] == ["[naam] (1)", "[naam] (2)"]
    phases = _json("phases", "--by", "contact")
    _clean(json.dumps(phases))
    # P3 alone names a phase; the other value's column stays, with 0, as in tally and matrix
    assert phases["values"] == ["[naam] (1)", "[naam] (2)"]
    _out("report", "-o", "r.md", "--by", "team")
    text = (study / "r.md").read_text(encoding="utf-8")
    _clean(text)
    assert "| teamleider bij [organisatie] |" in text
    _out("report", "-o", "r.docx", "--by", "contact")
    with zipfile.ZipFile(study / "r.docx") as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    _clean(xml)
    _out("report", "-o", "open.md", "--by", "contact", "--no-anonymize")
    assert "Gerrit Hulshof" in (study / "open.md").read_text(encoding="utf-8")


def test_folders_are_named_as_file_names_are(project: Path) -> None:
    (project / "participants.yaml").write_text(
        "participants: []\nredact:\n  names: [Gerrit Hulshof, Marieke Hofstede]\n",
        encoding="utf-8",
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.yaml\n")
    for folder, (name, text) in zip(
        ("Ronde Gerrit Hulshof", "Ronde Marieke Hofstede"), list(TEXTS.items())[:2], strict=True
    ):
        (project / folder).mkdir()
        (project / folder / name).write_text(text, encoding="utf-8")
    _out("code", "Ronde Gerrit Hulshof", "Ronde Marieke Hofstede")
    data = _json("tally", "--by", "folder")
    _clean(json.dumps(data))
    assert data["values"] == ["Ronde [naam] (1)", "Ronde [naam] (2)"]
    out = _out("quotes", "--by", "folder")
    _clean(out)
    assert "map: Ronde [naam] (1)" in out and "map: Ronde [naam] (2)" in out
    assert _json("matrix", "--by", "folder")["groups"] == data["values"]


def test_exports_show_each_value_as_tally_does(study: Path) -> None:
    _out("export", "csv", "c.csv")
    text = (study / "c.csv").read_text(encoding="utf-8-sig")
    _clean(text)
    rows = list(
        csv.DictReader(io.StringIO(text), delimiter=";" if ";" in text.split("\n")[0] else ",")
    )
    contact = {r["participant"]: r["contact"] for r in rows}
    assert contact == {"P1": "[naam] (1)", "P2": "[naam] (2)", "P3": "[naam] (1)"}
    _out("export", "qdpx", "p.qdpx")
    with zipfile.ZipFile(study / "p.qdpx") as z:
        qde = z.read("project.qde").decode("utf-8")
    _clean(qde)
    assert qde.count("<TextValue>[naam] (1)</TextValue>") == 2
    assert qde.count("<TextValue>[naam] (2)</TextValue>") == 1
