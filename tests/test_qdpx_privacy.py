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
        "lernet-regels (niet beoordeeld)": "auto",
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

    # numbered in the order people first coded in the store, as every other anonymized output
    assert said is not None and ("Codeur 2 = Anouk Smit; Codeur 1 = Griet Mertens" in said), said
    code, out = invoke_cli("export", "csv", str(tmp_path / "c.csv"))
    assert code == 0, out
    shown = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "Codeur 1" in shown and "Codeur 2" in shown and "Griet" not in shown
    # the same users (GUIDs) in both
    anon_qde = etree.fromstring(_members(anon)["project.qde"].encode("utf-8"))
    pseudonyms = {u.get("guid"): u.get("name") for u in anon_qde.iterfind(".//q:User", NS)}
    assert {pseudonyms[g]: users[g] for g in users if users[g] != pseudonyms[g]} == {
        "Codeur 2": "Anouk Smit",
        "Codeur 1": "Griet Mertens",
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


# --- names in another tool's case descriptions and variables --------------------------------


def test_names_in_values_are_the_capitalised_names_not_a_clause_s_first_word() -> None:
    from lernet_cli.exchange.qdpx_read import names_in_values

    assert names_in_values("Interviewed by Griet Mertens; Care home manager") == (
        ["Griet Mertens"],
        [],
    )
    assert names_in_values("Met Griet Mertens gesproken, bij Bouwbedrijf Hoekstra") == (
        ["Griet Mertens"],
        ["Bouwbedrijf Hoekstra"],
    )
    assert names_in_values("Contact: Dr Helen Marsh") == (["Helen Marsh"], [])
    for plain in ("Care home manager", "Female", "NHS Trust", "Practice Manager", "Yes", "9"):
        assert names_in_values(plain) == ([], []), plain


def _nvivo_with_names(tmp_path: Path) -> Path:
    from .test_refi import _schema, _zip
    from .test_refi_roundtrip import MEMO_TEXT, N_FILE, SRC, TEXT, _qde

    contact = "0a0b0c0d-0000-4000-8000-00000000c0c0"
    qde = _qde().replace(
        "<Description>Care home manager</Description>",
        "<Description>Care home manager, interviewed by Griet Mertens</Description>",
    )
    qde = qde.replace(
        '<Variable guid="',
        f'<Variable guid="{contact}" name="Contact" typeOfVariable="Text"/>\n<Variable guid="',
        1,
    )
    qde = qde.replace(
        "<SourceRef ",
        f'<VariableValue><VariableRef targetGUID="{contact}"/>'
        "<TextValue>Dr Helen Marsh (Westgate Pharmacy)</TextValue></VariableValue>\n<SourceRef ",
        1,
    )
    _schema("Project.xsd").validate(qde.encode("utf-8"))
    return _zip(
        tmp_path / "names.qdpx",
        {
            "project.qde": qde,
            f"sources/{SRC}.txt": TEXT.encode("utf-8"),
            f"sources/{N_FILE}.txt": MEMO_TEXT.encode("utf-8"),
        },
    )


def test_import_keeps_names_in_a_case_s_description_and_variables_to_be_hidden(
    tmp_path: Path,
) -> None:
    import yaml

    archive = _nvivo_with_names(tmp_path)
    into = tmp_path / "p"
    code, printed = invoke_cli("import", "qdpx", str(archive), "--into", str(into))
    assert code == 0, printed
    assert (
        "took the names in the description or variables of 1 participant as theirs, to be "
        "redacted (names: and organisations: in participants.yaml): CH01 (Griet Mertens, "
        "Helen Marsh, Westgate Pharmacy)" in printed
    )
    people = yaml.safe_load((into / "participants.yaml").read_text(encoding="utf-8"))
    (ch01,) = people["participants"]
    # the values as they came, the names in them listed to be hidden
    assert ch01["description"] == "Care home manager, interviewed by Griet Mertens"
    assert ch01["variables"]["Contact"] == "Dr Helen Marsh (Westgate Pharmacy)"
    assert ch01["names"] == ["Griet Mertens", "Helen Marsh", "Westgate Pharmacy"]
    # hidden in an anonymized export back
    out = tmp_path / "back.qdpx"
    code, printed = invoke_cli("export", "qdpx", str(out), "--project", str(into))
    assert code == 0, printed
    for member, text in _members(out).items():
        for secret in ("Griet", "Mertens", "Helen", "Marsh", "Westgate"):
            assert secret not in text, (member, secret)


# --- export qdpx --file ----------------------------------------------------------------------


def _waves(project: Path) -> None:
    for wave, pid, said in (
        ("Golf 1", "a1", "Wij kennen elkaar nog niet."),
        ("Golf 1", "b1", "Wij halen kennis op."),
        ("Golf 2", "a1", "Nu kennen we elkaar goed."),
    ):
        folder = project / wave
        folder.mkdir(exist_ok=True)
        (folder / f"{pid} {wave[-1]}.txt").write_text(
            f"I: Vertel eens.\n\nR: [[trust: {said}]]\n", encoding="utf-8"
        )
    (project / "participants.yaml").write_text(
        "participants:\n"
        "  - id: a1\n    group: adviseur\n    files: ['a1 *']\n"
        "  - id: b1\n    group: bedrijf\n    files: ['b1 *']\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "Golf 1", "Golf 2", "--coder", "Eva")
    assert code == 0, out


def test_export_qdpx_file_writes_only_those_transcripts(
    project: Path,
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    _waves(project)
    out = tmp_path / "wave1.qdpx"
    code, printed = invoke_cli("export", "qdpx", str(out), "--file", "Golf 1")
    assert code == 0, printed
    assert "2 sources" in printed and "(--file: 2 of 3 transcripts)" in printed
    members = _members(out)
    qde = etree.fromstring(members["project.qde"].encode("utf-8"))
    project_xsd.validate(qde)
    names = sorted(s.get("name") for s in qde.iterfind(".//q:TextSource", NS))
    assert names == ["Golf 1/a1 1.txt", "Golf 1/b1 1.txt"]
    assert len(members) == 3
    assert "Nu kennen we" not in "".join(members.values())
    assert sorted(c.get("name") for c in qde.iterfind(".//q:Case", NS)) == ["a1", "b1"]
    # a pattern of files; and the codings are those of the files kept only
    out2 = tmp_path / "a1.qdpx"
    assert invoke_cli("export", "qdpx", str(out2), "--file", "*a1*")[0] == 0
    qde = etree.fromstring(_members(out2)["project.qde"].encode("utf-8"))
    names = sorted(s.get("name") for s in qde.iterfind(".//q:TextSource", NS))
    assert names == ["Golf 1/a1 1.txt", "Golf 2/a1 2.txt"]
    assert [c.get("name") for c in qde.iterfind(".//q:Case", NS)] == ["a1"]
    sources = {s.get("guid") for s in qde.iterfind(".//q:TextSource", NS)}
    refs = {r.get("targetGUID") for r in qde.iterfind(".//q:SourceRef", NS)}
    assert refs == sources


def test_export_qdpx_file_matching_nothing_is_one_line_and_changes_nothing(
    project: Path, tmp_path: Path
) -> None:
    from .conftest import dump_store

    _waves(project)
    before = dump_store(project)
    out = tmp_path / "none.qdpx"
    code, printed = invoke_cli("export", "qdpx", str(out), "--file", "Golf 9*")
    assert code != 0 and printed.count("\n") == 1 and "Traceback" not in printed, printed
    assert "'Golf 9*'" in printed
    assert not out.exists()
    assert dump_store(project) == before


def test_an_anonymized_archive_merged_back_is_by_the_coders_here(
    project: Path, tmp_path: Path
) -> None:
    """Its users' GUIDs are this project's: `Codeur 1` is the coder here again, so nothing of
    theirs comes in twice under a pseudonym."""
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    code, said = invoke_cli("merge", str(out))
    assert code == 0, said
    assert "Codeur" not in said and "no coding to add" in said, said
    assert "2 codings already here" in said, said
    code, listed = invoke_cli("codings", "-f", "json", "--no-anonymize")
    assert code == 0 and "Codeur" not in listed
    # (the memo comes back as a new one: its text is anonymized in the archive)
    code, memos = invoke_cli("memos", "-f", "json", "--no-anonymize")
    assert code == 0 and "Codeur" not in memos and "Griet Mertens" in memos


def test_export_qdc_anonymizes_the_examples_as_export_qdpx_does(
    project: Path, tmp_path: Path
) -> None:
    """A codebook's example is often a participant's words: the .qdc hides the names in it as
    the .qdpx does, unless --no-anonymize, which the message then says (qa18 #7)."""
    _coded(project)
    codebook = project / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    example = '"We kennen elkaar nog nauwelijks."'
    assert example in text
    codebook.write_text(
        text.replace(example, f'{example}, "Jeroen Bakker zei het al, en Griet Mertens ook."'),
        encoding="utf-8",
    )
    code, printed = invoke_cli("export", "qdc", str(tmp_path / "cb.qdc"))
    assert code == 0, printed
    written = (tmp_path / "cb.qdc").read_text(encoding="utf-8")
    assert not [s for s in SECRETS if s in written]
    assert "[naam] zei het al, en [naam] ook." in written
    code, printed = invoke_cli("export", "qdc", str(tmp_path / "open.qdc"), "--no-anonymize")
    assert code == 0 and "(NOT anonymized)" in printed, printed
    assert "Jeroen Bakker zei het al" in (tmp_path / "open.qdc").read_text(encoding="utf-8")
