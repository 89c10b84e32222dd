"""`lernet names` looks wherever an export carries text: an interviewer's turns with capitals, the
notes of Word comments and the participants' variables, besides what participants said and file
names; the exports' note says where it looked (qa18 #4)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import invoke_cli


def commented(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("I: Ik sprak vorige week met Bartholomeus Kruidenier, kent u hem?")
    p = d.add_paragraph("R: ")
    run = p.add_run("Nee, we kennen elkaar nog niet goed in het netwerk.")
    d.add_comment(
        run, text="trust.not_acquainted: let op, zij noemt hier Ingrid Smit", author="Eva"
    )
    d.add_comment(run, text="kijk dit na met Wendelien Oosterbroek", author="Eva")
    d.save(str(path))


def test_names_reads_interviewers_comments_and_variables(project: Path) -> None:
    (project / "participants.csv").write_text(
        "id;group;contactpersoon;functie\nP01;zorg;Gerlof Wubbena;teamleider bij Noorderzicht\n",
        encoding="utf-8",
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    commented(project / "P01.docx")
    assert invoke_cli("code", "P01.docx")[0] == 0
    code, out = invoke_cli("names", "--format", "json")
    assert code == 0, out
    found = {r["name"]: r["example"] for r in json.loads(out[out.index("[") : out.rindex("]") + 1])}
    assert "Bartholomeus Kruidenier" in found
    assert found["Ingrid Smit"].startswith("note: ")
    assert found["Wendelien Oosterbroek"].startswith("note: ")
    assert found["Gerlof Wubbena"] == "variable contactpersoon: Gerlof Wubbena"
    assert found["Noorderzicht"].startswith("variable functie: ")
    code, out = invoke_cli("export", "csv", "out.csv")
    assert code == 0, out
    assert "not hidden in what was said, comments' notes, participant variables or file" in out
