"""A co-researcher's archive from QualCoder, with codes of their own and codings deleted there,
merged back into the project that exported it."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from .conftest import dump_store
from .test_import_other_tools import invoke_cli
from .test_refi import project_xsd  # noqa: F401  (a fixture)

Q = "urn:QDA-XML:project:1.0"
P01 = (
    "Interviewer: Hoe kijkt u naar het netwerk?\n\n"
    "Anna: We kennen elkaar nog niet goed. [[trust.built_by_contribution: Het vertrouwen moet "
    "groeien.]]\n"
)
P03 = (
    "Interviewer: Hoe gaat dat?\n\n"
    "Carla: De adviseur van NIPlan brengt ons samen. [[trust.shared_vision: Zonder die "
    "begeleiding zou het niet lukken.]] De koffie is trouwens slecht.\n"
)


def _q(tag: str) -> str:
    return f"{{{Q}}}{tag}"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "interviews").mkdir(parents=True)
    (root / "interviews" / "p01.txt").write_text(P01, encoding="utf-8")
    (root / "interviews" / "p03.txt").write_text(P03, encoding="utf-8")
    assert invoke_cli(["code", "interviews/", "--coder", "anne"], cwd=root).exit_code == 0
    assert (root / "codebook.yaml").is_file()
    return root


def _from_qualcoder(root: Path, xsd: Any, folder: bool = False) -> Path:
    """The project's archive as a co-researcher sends it back: a theme and a code under Trust
    of their own, coded with, the researcher's hand coding on p03 and the rules' coding of
    "kennen elkaar" on p01 deleted. `folder`: the code is under a QualCoder category of theirs
    (Begeleiding) instead of Trust."""
    exported = root.parent / "project.qdpx"
    assert invoke_cli(["export", "qdpx", str(exported)], cwd=root).exit_code == 0
    with zipfile.ZipFile(exported) as z:
        members = {n: z.read(n) for n in z.namelist()}
    qde = etree.fromstring(members["project.qde"])
    joris = str(uuid.uuid4())
    etree.SubElement(qde.find(_q("Users")), _q("User"), guid=joris, name="Joris")
    codes = qde.find(_q("CodeBook")).find(_q("Codes"))
    theme = etree.SubElement(codes, _q("Code"), guid=str(uuid.uuid4()), name="Sfeer")
    theme.set("isCodable", "true")
    trust = next(c for c in codes if c.get("name") == "Vertrouwen")
    if folder:
        trust = etree.SubElement(codes, _q("Code"), guid=str(uuid.uuid4()), name="Begeleiding")
        trust.set("isCodable", "false")
    role = etree.SubElement(trust, _q("Code"), guid=str(uuid.uuid4()), name="Rol van de adviseur")
    role.set("isCodable", "true")
    source = next(s for s in qde.iter(_q("TextSource")) if s.get("name").endswith("p03.txt"))
    mine = next(s for s in source if (s.get("name") or "").startswith("Zonder die"))
    source.remove(mine)
    p01 = next(s for s in qde.iter(_q("TextSource")) if s.get("name").endswith("p01.txt"))
    p01.remove(next(s for s in p01 if (s.get("name") or "").startswith("We kennen elkaar")))
    text = members[f"sources/{source.get('guid')}.txt"].decode("utf-8")
    for words, code in (("De koffie is trouwens slecht.", theme), ("De adviseur van", role)):
        start = text.index(words)
        sel = etree.SubElement(source, _q("PlainTextSelection"), guid=str(uuid.uuid4()))
        sel.set("startPosition", str(start))
        sel.set("endPosition", str(start + len(words)))
        sel.set("creatingUser", joris)
        coding = etree.SubElement(sel, _q("Coding"), guid=str(uuid.uuid4()), creatingUser=joris)
        etree.SubElement(coding, _q("CodeRef"), targetGUID=code.get("guid"))
    members["project.qde"] = etree.tostring(qde, xml_declaration=True, encoding="utf-8")
    xsd.validate(members["project.qde"])
    back = root.parent / "back.qdpx"
    with zipfile.ZipFile(back, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return back


def _codings(root: Path) -> set[tuple[str, str]]:
    out = invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=root).stdout
    return {(r["code"], r["coder"]) for r in json.loads(out)}


def test_new_codes_are_named_with_the_option_that_adds_them(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd)
    codebook = (root / "codebook.yaml").read_bytes()
    before = dump_store(root)
    result = invoke_cli(["merge", str(back)], cwd=root)
    assert result.exit_code == 0, result.output
    assert "Rol van de adviseur (1), Sfeer (1)" in result.stderr
    assert "merge again with --add-codes" in result.stderr
    assert (root / "codebook.yaml").read_bytes() == codebook
    assert dump_store(root) == before


@pytest.mark.parametrize("command", [["merge"], ["import", "qdpx", "--into", "."]])
def test_add_codes_adds_them_where_the_archive_has_them_and_merges_their_codings(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
    command: list[str],
) -> None:
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd)
    old = (root / "codebook.yaml").read_text(encoding="utf-8")
    result = invoke_cli([*command, str(back), "--add-codes"], cwd=root)
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert (
        "added 2 codes without match rules to codebook.yaml: sfeer (Sfeer, a theme), "
        "trust.rol_van_de_adviseur (Rol van de adviseur, under trust)"
    ) in err
    assert "added 2 codings (2 by Joris" in err
    assert "codes this codebook does not have" not in err
    # the old codebook kept with the project's other backups (not beside it, where the
    # project's folder would collect copies), the new one has the new codes and all it had
    kept = list((root / ".lernet" / "backups").glob("codebook-*.yaml"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == old
    assert f"the previous codebook is kept as .lernet/backups/{kept[0].name}" in err
    assert not list(root.glob("codebook (backup *).yaml"))
    new = (root / "codebook.yaml").read_text(encoding="utf-8")
    added = ["      - id: rol_van_de_adviseur\n", "        label: Rol van de adviseur\n"]
    assert "".join(line for line in new.splitlines(True) if line not in added) == old + (
        "  - id: sfeer\n    label: Sfeer\n"
    )
    # the new code stands with its theme, before the comment that opens the next theme
    assert new.index("- id: rol_van_de_adviseur") < new.index("# interest_balance: directional")
    themes = yaml.safe_load(new)["themes"]
    assert themes[-1] == {"id": "sfeer", "label": "Sfeer"}
    trust = next(t for t in themes if t["id"] == "trust")
    assert trust["codes"][-1] == {"id": "rol_van_de_adviseur", "label": "Rol van de adviseur"}
    coded = _codings(root)
    assert {("sfeer", "Joris"), ("trust.rol_van_de_adviseur", "Joris")} <= coded
    # the researcher's own hand coding, deleted in the other tool, stays
    assert ("trust.shared_vision", "anne") in coded
    # coding the files again keeps the merged codings; merging again adds nothing
    assert invoke_cli(["code", "interviews/"], cwd=root).exit_code == 0
    assert ("sfeer", "Joris") in _codings(root)
    again = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert again.exit_code == 0, again.output
    assert "no coding to add" in again.stderr and "added 2 codes" not in again.stderr
    assert len(list((root / ".lernet" / "backups").glob("codebook-*.yaml"))) == 1


def test_codings_deleted_in_the_other_tool_are_named_and_kept(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    unchanged = root.parent / "unchanged.qdpx"
    assert invoke_cli(["export", "qdpx", str(unchanged)], cwd=root).exit_code == 0
    same = invoke_cli(["merge", str(unchanged)], cwd=root)
    assert same.exit_code == 0, same.output
    assert "not in unchanged.qdpx" not in same.stderr
    back = _from_qualcoder(root, project_xsd)
    before = _codings(root)
    result = invoke_cli(["merge", str(back)], cwd=root)
    assert result.exit_code == 0, result.output
    assert (
        "1 coding by hand here is not in back.qdpx (deleted in the other tool, or made here "
        "since the export): p03.txt trust.shared_vision by anne; kept here: to delete it too, "
        "reject it in lernet review --coder anne"
    ) in result.stderr
    assert (
        "1 coding of the rules here is not in back.qdpx (deleted in the other tool, or made "
        "here since the export): p01.txt trust.not_acquainted; kept here: to delete it too, "
        "reject it in lernet review --code trust.not_acquainted"
    ) in result.stderr
    assert _codings(root) == before


def test_a_codebook_lernet_cannot_edit_is_left_alone_and_nothing_merged(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd)
    # a layout lernet cannot keep: the codes indented unlike the themes
    odd = (
        "themes:\n- id: trust\n  label: Vertrouwen\n  codes:\n     - id: shared_vision\n"
        "       label: Gedeelde visie\n     - {id: built_by_contribution, label: Inbreng}\n"
    )
    (root / "codebook.yaml").write_text(odd, encoding="utf-8")
    before = dump_store(root)
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "codebook.yaml: cannot add the new codes without changing the file's layout" in (
        result.stderr
    )
    assert "add them yourself and merge again: sfeer ('Sfeer')" in result.stderr
    assert (root / "codebook.yaml").read_text(encoding="utf-8") == odd
    assert not list(root.glob("codebook (backup *).yaml"))
    assert not list((root / ".lernet" / "backups").glob("codebook-*.yaml"))
    assert dump_store(root) == before


def test_a_qualcoder_category_is_added_as_a_folder(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd, folder=True)
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code == 0, result.output
    assert (
        "begeleiding (Begeleiding, a theme, codable: false as a category there), "
        "begeleiding.rol_van_de_adviseur (Rol van de adviseur, under begeleiding)"
    ) in result.stderr
    themes = yaml.safe_load((root / "codebook.yaml").read_text(encoding="utf-8"))["themes"]
    folder = next(t for t in themes if t["id"] == "begeleiding")
    assert folder["codable"] is False
    assert folder["codes"] == [{"id": "rol_van_de_adviseur", "label": "Rol van de adviseur"}]
    assert next(t for t in themes if t["id"] == "sfeer").get("codable", True) is True
    assert ("begeleiding.rol_van_de_adviseur", "Joris") in _codings(root)


def test_a_codebook_saved_on_windows_gets_the_codes_with_its_line_ends(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd)
    path = root / "codebook.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "added 2 codes" in result.stderr
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert b"      - id: rol_van_de_adviseur\r\n        label: Rol van de adviseur\r\n" in data
    assert ("trust.rol_van_de_adviseur", "Joris") in _codings(root)


@pytest.mark.parametrize(
    "form", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")]
)
def test_a_codebook_saved_by_notepad_gets_the_codes_in_its_own_encoding(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
    form: tuple[str, bytes],
) -> None:
    encoding, bom = form
    root = _project(tmp_path)
    back = _from_qualcoder(root, project_xsd)
    path = root / "codebook.yaml"
    old = path.read_text(encoding="utf-8").replace("\n", "\r\n").rstrip()  # no last line end
    path.write_bytes(bom + old.encode(encoding))
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code == 0, result.output
    assert "added 2 codes" in result.stderr
    data = path.read_bytes()
    assert data.startswith(bom)
    new = data[len(bom) :].decode(encoding)
    assert new.count("\r\n") == new.count("\n") and not new.endswith("\n")
    assert "      - id: rol_van_de_adviseur\r\n        label: Rol van de adviseur\r\n" in new
    # every line as it was, the new ones between them
    lines = iter(new.split("\r\n"))
    assert all(any(line == mine for mine in lines) for line in old.split("\r\n"))
    assert ("trust.rol_van_de_adviseur", "Joris") in _codings(root)


def _review(root: Path, args: list[str], answers: str) -> Any:
    import os

    from lernet_cli.cli import app

    from .test_import_other_tools import runner

    before = Path.cwd()
    os.chdir(root)
    try:
        result = runner.invoke(app, ["review", *args], input=answers)
    finally:
        os.chdir(before)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _status(root: Path, code: str) -> list[str]:
    out = invoke_cli(["codings", "--code", code, "-f", "json"], cwd=root).stdout
    return [r["status"] for r in json.loads(out)]


def test_an_accepted_coding_deleted_there_can_be_rejected_as_the_merge_says(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    accepted = _review(root, ["--code", "trust.not_acquainted", "--reviewer", "anne"], "a\n")
    assert "1 accepted" in accepted.stderr
    back = _from_qualcoder(root, project_xsd)
    result = invoke_cli(["merge", str(back)], cwd=root)
    assert result.exit_code == 0, result.output
    follow = "lernet review --code trust.not_acquainted --accepted"
    assert (
        "p01.txt trust.not_acquainted (accepted); kept here: to delete it too, reject it in "
        + follow
        in result.stderr
    )
    # without --accepted there is nothing to review; with it, the coding is there to reject
    assert "nothing to review" in _review(root, ["--code", "trust.not_acquainted"], "r\n").stderr
    rejected = _review(root, follow.split()[2:] + ["--reviewer", "anne"], "r\n")
    assert "1 rejected" in rejected.stderr and "still pending" not in rejected.stderr
    assert _status(root, "trust.not_acquainted") == ["rejected"]


def _rows(root: Path) -> list[tuple[Any, ...]]:
    import sqlite3

    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return conn.execute("SELECT * FROM codings ORDER BY id").fetchall()
    finally:
        conn.close()


def test_taking_back_an_answer_on_an_accepted_coding_keeps_the_earlier_decision(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    (root / "interviews" / "p02.txt").write_text(P01.replace("Anna", "Bert"), encoding="utf-8")
    assert invoke_cli(["code", "interviews/"], cwd=root).exit_code == 0
    first = _review(root, ["--code", "trust.not_acquainted", "--reviewer", "anne"], "a\na\n")
    assert "2 accepted" in first.stderr
    before = _rows(root)
    again = _review(root, ["--accepted", "--reviewer", "piet"], "r\nu\nq\n")
    assert "(accepted already)" in again.stdout and "undone: rejected" in again.stdout
    assert _rows(root) == before
