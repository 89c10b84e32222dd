"""Another tool's project into lernet and back: what lernet keeps (codes' GUIDs, colours and
memos, notes whose text is a file, case variables and descriptions, the project's name and
description) and, by name, what it leaves out (project notes, sets)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.errors import CodebookError
from lernet_cli.exchange.qdc import export_qdc, import_qdc

from .conftest import MINI_CODEBOOK
from .test_refi import NS, _schema, _zip

runner = CliRunner()

U1 = "dd20a190-2f01-554a-bb63-3606523176d1"
SRC = "7ace85ad-ea58-9713-c327-4494e4c090df"
PARENT, CHILD, OTHER = (
    "401a6831-1430-e598-0a74-3ac554d5ecd3",
    "9865d9b7-062d-594b-41ab-c3f406b8ff83",
    "3bd7acb0-e31a-ef2f-3d2b-53dfcb8fb234",
)
N_FILE, N_CODE, N_PROJECT, N_SOURCE = (
    "afa36c72-d343-a2ce-465b-318ad07b3173",
    "de59cfc3-4cb8-364a-0ca0-e9d6200cdf31",
    "db34dcae-fc2e-814a-51fd-3c2e3bd5dceb",
    "f06fd35a-e29b-bab5-1ae5-606fff01618c",
)
ROLE, AGE = "65b7a7bf-661f-7696-f5da-2b0d90252e4f", "a693e644-0b36-3a38-e43c-86c994de9e02"
CASE = "7c5c21df-7ac7-c56f-24c2-00a7aa6733f0"
TEXT = (
    "Interviewer: Could you tell me about the home?\n\n"
    "Respondent: We lose staff to the hospital all the time.\n"
)
MEMO_TEXT = "Joanne asked that the safeguarding remark is not quoted."


def _qde() -> str:
    start = TEXT.index("We lose")
    end = start + len("We lose staff to the hospital")
    return f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Tynedale network" origin="NVivo 14.23.2 (Windows)"
         creatingUserGUID="{U1}">
<Users><User guid="{U1}" name="Sam Okafor" id="SO"/></Users>
<CodeBook><Codes>
<Code guid="{PARENT}" name="Workforce" isCodable="true" color="#C0392B">
<Description>Staff supply, pay, skills.</Description>
<Code guid="{CHILD}" name="Competition for staff" isCodable="true" color="#F5B7B1">
<Description>Providers taking each other's staff.</Description>
<NoteRef targetGUID="{N_CODE}"/></Code></Code>
<Code guid="{OTHER}" name="Relationships" isCodable="true"/>
</Codes></CodeBook>
<Variables><Variable guid="{ROLE}" name="Role" typeOfVariable="Text"/>
<Variable guid="{AGE}" name="Years in post" typeOfVariable="Integer"/></Variables>
<Cases><Case guid="{CASE}" name="CH01"><Description>Care home manager</Description>
<VariableValue><VariableRef targetGUID="{ROLE}"/><TextValue>Manager</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="{AGE}"/><IntegerValue>9</IntegerValue></VariableValue>
<SourceRef targetGUID="{SRC}"/></Case></Cases>
<Sources>
<TextSource guid="{SRC}" name="CH01 interview" plainTextPath="internal://{SRC}.txt"
            creatingUser="{U1}">
<PlainTextSelection guid="5e000000-0000-4000-8000-000000000a01" startPosition="{start}"
    endPosition="{end}" creatingUser="{U1}" creationDateTime="2024-03-01T10:00:00Z">
<Coding guid="c0000000-0000-4000-8000-000000000001" creatingUser="{U1}">
<CodeRef targetGUID="{CHILD}"/></Coding>
<NoteRef targetGUID="{N_SOURCE}"/></PlainTextSelection>
<NoteRef targetGUID="{N_FILE}"/>
</TextSource>
</Sources>
<Notes>
<Note guid="{N_FILE}" name="Memo CH01" creatingUser="{U1}" plainTextPath="internal://{N_FILE}.txt"/>
<Note guid="{N_SOURCE}" name="Annotation CH01 1" creatingUser="{U1}">
<PlainTextContent>Ask Tom if we can use it.</PlainTextContent></Note>
<Note guid="{N_CODE}" name="Memo on competition" creatingUser="{U1}">
<PlainTextContent>It cuts across every sector.</PlainTextContent></Note>
<Note guid="{N_PROJECT}" name="Project memo" creatingUser="{U1}">
<PlainTextContent>Trust is built through contact.</PlainTextContent></Note>
</Notes>
<Sets><Set guid="f3c654db-e868-25f4-1b7e-388115eda16a" name="Core themes for paper">
<MemberCode targetGUID="{CHILD}"/><MemberCode targetGUID="{OTHER}"/></Set></Sets>
<Description>Study of the Tynedale learning network, 2024.</Description>
<NoteRef targetGUID="{N_PROJECT}"/>
</Project>
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    qde = _qde()
    _schema("Project.xsd").validate(qde.encode("utf-8"))
    return _zip(
        tmp_path / "nvivo.qdpx",
        {
            "project.qde": qde,
            f"sources/{SRC}.txt": TEXT.encode("utf-8"),
            f"sources/{N_FILE}.txt": MEMO_TEXT.encode("utf-8"),
        },
    )


def _import(archive: Path, into: Path) -> str:
    result = runner.invoke(app, ["import", "qdpx", str(archive), "--into", str(into)])
    assert result.exit_code == 0, result.output
    return result.stderr


def _export(project: Path, out: Path) -> tuple[etree._Element, dict[str, str]]:
    args = ["export", "qdpx", str(out), "--no-anonymize", "--project", str(project)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        _schema("Project.xsd").validate(root)
        texts = {
            n.removeprefix("sources/"): zf.read(n).decode("utf-8")
            for n in zf.namelist()
            if n.startswith("sources/")
        }
    return root, texts


def test_what_lernet_keeps_comes_back_and_what_it_cannot_is_named(
    archive: Path, tmp_path: Path
) -> None:
    err = _import(archive, tmp_path / "p")
    # left out, by name: the project's note and the set (with its codes)
    assert "'Project memo' (the project)" in err
    assert "'Core themes for paper' (Competition for staff, Relationships)" in err
    book = yaml.safe_load((tmp_path / "p" / "codebook.yaml").read_text(encoding="utf-8"))
    workforce = book["themes"][0]
    competition = workforce["codes"][0]
    assert (workforce["color"], workforce["guid"]) == ("#C0392B", PARENT)
    assert (competition["color"], competition["guid"]) == ("#F5B7B1", CHILD)
    # a code's note is its memo, not its description (what it means to coders)
    assert competition["memo"] == "It cuts across every sector."
    assert competition["description"] == "Providers taking each other's staff."
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    (ch01,) = people["participants"]
    assert ch01["description"] == "Care home manager"
    assert ch01["variables"] == {"Role": "Manager", "Years in post": 9}
    # a note whose text is a file in the archive keeps that text (not its name)
    memos = runner.invoke(app, ["memos", "--project", str(tmp_path / "p"), "-f", "json"])
    assert MEMO_TEXT in memos.stdout and "Memo CH01" not in memos.stdout

    root, _ = _export(tmp_path / "p", tmp_path / "back.qdpx")
    assert root.get("name") == "Tynedale network"
    assert root.findtext("q:Description", namespaces=NS).startswith(
        "Study of the Tynedale learning network, 2024."
    )
    codes = {c.get("guid"): c for c in root.iterfind(".//q:Code", NS)}
    assert set(codes) == {PARENT, CHILD, OTHER}  # the same codes: no duplicates in NVivo
    assert codes[PARENT].get("color") == "#C0392B" and codes[OTHER].get("color") is None
    descriptions = [c.findtext("q:Description", namespaces=NS) or "" for c in codes.values()]
    assert not any("lernet id" in d for d in descriptions), descriptions
    notes = {n.get("guid"): n for n in root.iterfind(".//q:Notes/q:Note", NS)}
    assert set(notes) == {N_FILE, N_SOURCE, N_CODE}
    assert notes[N_FILE].findtext("q:PlainTextContent", namespaces=NS) == MEMO_TEXT
    assert codes[CHILD].find("q:NoteRef", NS).get("targetGUID") == N_CODE
    variables = {v.get("name"): v for v in root.iterfind(".//q:Variable", NS)}
    assert {n: (v.get("guid"), v.get("typeOfVariable")) for n, v in variables.items()} == {
        "Role": (ROLE, "Text"),
        "Years in post": (AGE, "Integer"),
    }
    (case,) = root.iterfind(".//q:Case", NS)
    assert case.get("guid") == CASE
    assert case.findtext("q:Description", namespaces=NS) == "Care home manager"
    values = [
        etree.QName(v[1]).localname + "=" + v[1].text for v in case.iterfind("q:VariableValue", NS)
    ]
    assert values == ["TextValue=Manager", "IntegerValue=9"]
    # the coded passage with its note is one selection, as it was
    (sel,) = root.iterfind(".//q:TextSource/q:PlainTextSelection", NS)
    assert sel.get("guid") == "5e000000-0000-4000-8000-000000000a01"
    assert sel.find("q:NoteRef", NS).get("targetGUID") == N_SOURCE
    # and the note holds its words, as QualCoder reads an annotation
    (own,) = notes[N_SOURCE].iterfind("q:PlainTextSelection", NS)
    assert (own.get("startPosition"), own.get("endPosition")) == (
        sel.get("startPosition"),
        sel.get("endPosition"),
    )

    # and a second import takes it all in again
    _import(tmp_path / "back.qdpx", tmp_path / "again")
    again = load_codebook(tmp_path / "again" / "codebook.yaml")
    first = load_codebook(tmp_path / "p" / "codebook.yaml")
    assert {c.id: (c.guid, c.color, c.memo) for c in again.walk()} == {
        c.id: (c.guid, c.color, c.memo) for c in first.walk()
    }


def test_a_lernet_code_s_id_travels_only_when_its_name_would_not_give_it(tmp_path: Path) -> None:
    book = tmp_path / "cb.yaml"
    book.write_text(
        "themes:\n"
        "  - id: trust\n    label: Trust\n    codes:\n"
        "      - id: low\n        label: {nl: Weinig vertrouwen, en: Low trust}\n"
        "      - id: built\n        label: Built\n",
        encoding="utf-8",
    )
    cb = load_codebook(book)
    out = tmp_path / "cb.qdc"
    export_qdc(cb, out, language="en")
    root = etree.parse(str(out)).getroot()
    said = {
        c.get("name"): c.findtext("c:Description", namespaces=NS)
        for c in root.iter()
        if etree.QName(c).localname == "Code"
    }
    assert said["Trust"] is None and said["Built"] is None
    assert "lernet id: trust.low" in said["Low trust"]
    back = tmp_path / "back.yaml"
    back.write_text(import_qdc(out), encoding="utf-8")
    assert [c.id for c in load_codebook(back).walk()] == ["trust", "trust.low", "trust.built"]


def test_qdc_keeps_colours_and_guids_both_ways(tmp_path: Path, archive: Path) -> None:
    qdc = tmp_path / "their.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14">'
        f'<Codes><Code guid="{PARENT}" name="Workforce" isCodable="true" color="#C0392B">'
        f'<Code guid="{CHILD}" name="Competition" isCodable="true" color="#f00"/></Code></Codes>'
        f'<Sets><Set guid="f3c654db-e868-25f4-1b7e-388115eda16a" name="Core">'
        f'<MemberCode guid="{CHILD}"/></Set></Sets></CodeBook>',
        encoding="utf-8",
    )
    out = tmp_path / "cb.yaml"
    result = runner.invoke(app, ["codebook", "import", str(qdc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out 1 set (lernet has no sets): 'Core' (Competition)" in result.stderr
    cb = load_codebook(out)
    assert {c.id: (c.guid, c.color) for c in cb.walk()} == {
        "workforce": (PARENT, "#C0392B"),
        "workforce.competition": (CHILD, "#f00"),
    }
    again = tmp_path / "again.qdc"
    export_qdc(cb, again, language="en")
    _schema("Codebook.xsd").validate(str(again))
    codes: dict[str, Any] = {
        c.get("guid"): c.get("color")
        for c in etree.parse(str(again)).getroot().iter("{urn:QDA-XML:codebook:1.0}Code")
    }
    assert codes == {PARENT: "#C0392B", CHILD: "#f00"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    color: red\n", "color: 'red' is not a colour like #C0392B"),
        ("    guid: 12\n", "guid: 12 is not a GUID"),
    ],
)
def test_bad_colour_or_guid_is_a_codebook_error_with_its_line(
    tmp_path: Path, line: str, message: str
) -> None:
    book = tmp_path / "cb.yaml"
    book.write_text(f"themes:\n  - id: a\n    label: A\n{line}", encoding="utf-8")
    result = runner.invoke(app, ["codebook", "check", str(book)])
    assert result.exit_code != 0
    assert f"cb.yaml:4: [a] {message}" in result.output


def test_two_codes_with_one_guid_are_refused(tmp_path: Path) -> None:
    book = tmp_path / "cb.yaml"
    book.write_text(
        f"themes:\n  - id: a\n    label: A\n    guid: {PARENT}\n"
        f"  - id: b\n    label: B\n    guid: {PARENT.upper()}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "check", str(book)])
    assert result.exit_code != 0 and "also the GUID of 'a'" in result.output


ANALYSED = (
    MINI_CODEBOOK.replace("name: mini", "name: Lerende netwerken (mini)").replace(
        '      both: ["over en weer", uitwisselen]\n',
        '      both: ["over en weer", uitwisselen]\n'
        "    direction_labels:\n"
        "      bring: {nl: Geeft, en: Gives}\n"
        "      take: {nl: Neemt, en: Takes}\n",
    )
    + """\
  - id: development
    label: {nl: Ontwikkeling, en: Development}
    codes:
      - id: growing
        label: {nl: Groeiend, en: Growing}
        phase: 2
        match:
          - any: [groeit]
      - id: potential
        label: {nl: Potentieel, en: Potential}
        phase: 1
        match:
          - any: [potentieel]
"""
)
GROUPED = """\
groups: [overheid, bedrijf]
participants:
  - {id: b1, group: bedrijf, label: aannemer}
  - {id: o1, group: overheid, label: beleidsadviseur}
"""


def test_the_analyses_codebook_name_and_group_order_survive_a_round_trip(
    project: Path, tmp_path: Path
) -> None:
    """qa20 #3: the re-imported project reports the matrix and the phases as the first did,
    under the codebook's own name, with the groups in the same order."""
    (project / "codebook.yaml").write_text(ANALYSED, encoding="utf-8")
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nparticipants: participants.yaml\nlanguage: nl\n",
        encoding="utf-8",
    )
    (project / "participants.yaml").write_text(GROUPED, encoding="utf-8")
    (project / "b1.txt").write_text(
        "I: Wat doet het netwerk?\nR: Het netwerk groeit. Wij brengen kennis in bij de anderen.\n",
        encoding="utf-8",
    )
    (project / "o1.txt").write_text(
        "I: En voor u?\nR: Er is veel potentieel. Wij halen daar kennis op.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "b1.txt", "o1.txt"]).exit_code == 0
    out = tmp_path / "a.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as zf:
        _schema("Project.xsd").validate(etree.fromstring(zf.read("project.qde")))
    copy = tmp_path / "copy"
    _import(out, copy)

    new = load_codebook(copy / "codebook.yaml")
    old = load_codebook(project / "codebook.yaml")
    assert new.problems == []
    assert new.name == "Lerende netwerken (mini)"
    assert new.matrix == old.matrix == "interest_balance"
    assert new.phases == old.phases == ["development.potential", "development.growing"]
    assert new.direction_word("interest_balance.knowledge", "bring", "nl") == "Geeft"
    people = yaml.safe_load((copy / "participants.yaml").read_text(encoding="utf-8"))
    assert people["groups"] == ["overheid", "bedrijf"]

    def report(folder: Path) -> str:
        args = ["report", "-o", str(folder / "r.md"), "--project", str(folder)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        return (folder / "r.md").read_text(encoding="utf-8")

    def section(text: str, title: str) -> str:
        return text.split(f"\n## {title}\n", 1)[1].split("\n#", 1)[0]

    first, again = report(project), report(copy)
    for title in ("Belangenbalans per groep", "Ontwikkelingsfase"):
        assert section(again, title) == section(first, title)
    assert "‘Lerende netwerken (mini)’" in again
    assert "| overheid | bedrijf |" in section(again, "Belangenbalans per groep").replace("  ", " ")


def test_a_directional_code_needs_direction_cues_only_when_it_has_rules(tmp_path: Path) -> None:
    """An imported codebook's directional theme has no rules and no cues: its directions come
    from its codings. With match rules, the cues are still required."""
    path = tmp_path / "cb.yaml"
    book = "version: 1\nname: x\nthemes:\n  - id: t\n    label: T\n    directional: true\n"
    path.write_text(book + "    codes: [{id: c, label: C}]\n", encoding="utf-8")
    assert load_codebook(path).problems == []
    path.write_text(book + "    codes: [{id: c, label: C, match: [kennis]}]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="needs directions"):
        load_codebook(path)
