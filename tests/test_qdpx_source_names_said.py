"""A source named after its interviewee ("Interview Bram Visser.txt") whose name is made of
ordinary words (Dutch surnames often are: visser, bakker, mulder) is still a name to hide when
the interview says it as one ("Ik ben Bram Visser"): not a participant id that shows it."""

from __future__ import annotations

from pathlib import Path

import yaml

from .test_refi import _zip
from .test_refi_qualcoder import _invoke

USER = "0a1b2c3d-0000-4000-8000-000000000001"
CODE = "c1000000-0000-4000-8000-000000000001"
SOURCES = {
    "5a000000-0000-4000-8000-000000000001": (
        "Interview Bram Visser.txt",
        "Interviewer: Wie bent u?\nRespondent: Ik ben Bram Visser, installateur.\n",
    ),
    "5a000000-0000-4000-8000-000000000002": (
        "Interview Focus Group.txt",
        "Interviewer: Welkom bij deze focus group.\nRespondent: Dank je, leuk om hier te zijn.\n",
    ),
}


def _archive(tmp_path: Path) -> Path:
    sources = "".join(
        f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt" '
        f'creatingUser="{USER}"/>'
        for guid, (name, _) in SOURCES.items()
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Studie" origin="QualCoder 3.6">'
        f'<Users><User guid="{USER}" name="Marieke"/></Users>'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Vertrouwen" isCodable="true"/></Codes>'
        f"</CodeBook><Sources>{sources}</Sources></Project>"
    )
    files = {f"sources/{g}.txt": text.encode("utf-8") for g, (_, text) in SOURCES.items()}
    return _zip(tmp_path / "qc.qdpx", {"project.qde": qde, **files})


def test_a_source_name_the_interview_says_as_a_name_is_hidden(tmp_path: Path) -> None:
    _invoke("import", "qdpx", str(_archive(tmp_path)), "--into", str(tmp_path / "p"))
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    by_id = {p["id"]: p.get("names") for p in people["participants"]}
    assert by_id == {"P01": ["Bram Visser"], "Interview Focus Group": None}
