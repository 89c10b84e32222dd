"""An anonymized .qdpx carries no person's name: not the coders' (REFI-QDA users, notes'
authors), not in descriptions, source names or variables; the un-anonymized one says which
pseudonym is whom."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from .conftest import invoke_cli
from .test_manual import word_with_comments
from .test_refi import NS, project_xsd  # noqa: F401  (a fixture)

PEOPLE = """\
participants:
  - id: a1
    group: adviseur
    names: [Jeroen Bakker]
    files: ["*Jeroen*"]
    description: Geïnterviewd door Griet Mertens
    variables:
      Interviewer: Griet Mertens
      Contact: Anouk Smit
  - id: b1
    group: bedrijf
    files: [b1.txt]
redact:
  names: [Griet Mertens, Anouk Smit]
"""
SECRETS = ("Griet", "Mertens", "Anouk", "Smit", "Jeroen", "Bakker")


def _members(out: Path) -> dict[str, str]:
    with zipfile.ZipFile(out) as zf:
        return {n: zf.read(n).decode("utf-8-sig") for n in zf.namelist()}


def _coded(project: Path) -> None:
    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    word_with_comments(
        project / "Interview Jeroen Bakker.docx",
        [
            ("Wij zien elkaar bijna nooit.", "Elkaar nog niet goed kennen", "Griet Mertens"),
            ("Geen idee eigenlijk.", "nakijken met Anouk", "Griet Mertens"),
        ],
    )
    (project / "b1.txt").write_text(
        "I: Vertel eens.\n\nR: [[trust: We kennen elkaar nog niet.]] Echt niet.\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "Interview Jeroen Bakker.docx")
    assert code == 0, out
    code, out = invoke_cli("code", "b1.txt", "--coder", "Anouk Smit")
    assert code == 0, out


def test_an_anonymized_archive_holds_no_name_of_a_coder_or_anyone_listed(
    project: Path,
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    _coded(project)
    out = tmp_path / "anon.qdpx"
    code, printed = invoke_cli("export", "qdpx", str(out))
    assert code == 0, printed
    members = _members(out)
    assert len(members) == 3  # project.qde and two sources
    for member, text in members.items():
        for secret in SECRETS:
            assert secret.casefold() not in text.casefold(), (member, secret)
    qde = etree.fromstring(members["project.qde"].encode("utf-8"))
    project_xsd.validate(qde)
    users = {u.get("name"): u.get("id") for u in qde.iterfind(".//q:User", NS)}
    # the people by pseudonyms (in the order they were first exported), the rules as themselves
    assert users == {
        "Codeur 1": None,
        "Codeur 2": None,
        "lernet rules (not reviewed)": "auto",
    }
    # every coding and note by one of them
    guids = {u.get("guid") for u in qde.iterfind(".//q:User", NS)}
    made = {el.get("creatingUser") for el in qde.iter() if el.get("creatingUser")}
    assert made and made <= guids


def test_the_named_archive_says_who_each_pseudonym_is_and_numbers_stay(
    project: Path, tmp_path: Path
) -> None:
    _coded(project)
    anon, named = tmp_path / "anon.qdpx", tmp_path / "named.qdpx"
    assert invoke_cli("export", "qdpx", str(anon))[0] == 0
    assert invoke_cli("export", "qdpx", str(named), "--no-anonymize")[0] == 0
    qde = etree.fromstring(_members(named)["project.qde"].encode("utf-8"))
    users = {u.get("guid"): u.get("name") for u in qde.iterfind(".//q:User", NS)}
    said = qde.findtext("q:Description", namespaces=NS)

    assert said is not None and ("Codeur 1 = Anouk Smit; Codeur 2 = Griet Mertens" in said), said
    # the same users (GUIDs) in both
    anon_qde = etree.fromstring(_members(anon)["project.qde"].encode("utf-8"))
    pseudonyms = {u.get("guid"): u.get("name") for u in anon_qde.iterfind(".//q:User", NS)}
    assert {pseudonyms[g]: users[g] for g in users if users[g] != pseudonyms[g]} == {
        "Codeur 1": "Anouk Smit",
        "Codeur 2": "Griet Mertens",
    }
    # a coder added later gets the next number; the others keep theirs
    (project / "c1.txt").write_text("I: En?\n\nR: [[competition: Wij concurreren.]]\n", "utf-8")
    assert invoke_cli("code", "c1.txt", "--coder", "Bram")[0] == 0
    again = tmp_path / "again.qdpx"
    assert invoke_cli("export", "qdpx", str(again))[0] == 0
    qde = etree.fromstring(_members(again)["project.qde"].encode("utf-8"))
    now = {u.get("guid"): u.get("name") for u in qde.iterfind(".//q:User", NS)}
    assert {g: now[g] for g in pseudonyms} == pseudonyms
    assert "Codeur 3" in now.values() and "Bram" not in now.values()
