"""`lernet merge --add-codes` with an archive whose codes are this codebook's spelled otherwise
(case, accents, "&" for "en") or with a typo: the first are taken as the codes here and said,
the second asked about before anything changes."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from .conftest import dump_store
from .test_import_other_tools import invoke_cli
from .test_merge_new_codes import _codings, _project, _q


def _archive(root: Path, names: list[str]) -> Path:
    """The project's export as a co-researcher sends it back: Joris coded p03's last sentence
    with a code of theirs by each name (a theme of the archive)."""
    exported = root.parent / "project.qdpx"
    assert invoke_cli(["export", "qdpx", str(exported)], cwd=root).exit_code == 0
    with zipfile.ZipFile(exported) as z:
        members = {n: z.read(n) for n in z.namelist()}
    qde = etree.fromstring(members["project.qde"])
    joris = str(uuid.uuid4())
    etree.SubElement(qde.find(_q("Users")), _q("User"), guid=joris, name="Joris")
    codes = qde.find(_q("CodeBook")).find(_q("Codes"))
    source = next(s for s in qde.iter(_q("TextSource")) if s.get("name").endswith("p03.txt"))
    text = members[f"sources/{source.get('guid')}.txt"].decode("utf-8")
    words = "De koffie is trouwens slecht."
    for name in names:
        code = etree.SubElement(codes, _q("Code"), guid=str(uuid.uuid4()), name=name)
        code.set("isCodable", "true")
        start = text.index(words)
        sel = etree.SubElement(source, _q("PlainTextSelection"), guid=str(uuid.uuid4()))
        sel.set("startPosition", str(start))
        sel.set("endPosition", str(start + len(words)))
        sel.set("creatingUser", joris)
        coding = etree.SubElement(sel, _q("Coding"), guid=str(uuid.uuid4()), creatingUser=joris)
        etree.SubElement(coding, _q("CodeRef"), targetGUID=code.get("guid"))
    members["project.qde"] = etree.tostring(qde, xml_declaration=True, encoding="utf-8")
    back = root.parent / "back.qdpx"
    with zipfile.ZipFile(back, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return back


def test_a_code_spelled_otherwise_is_taken_as_the_code_here_and_said(tmp_path: Path) -> None:
    root = _project(tmp_path)
    back = _archive(root, ["HALEN & bréngen", "feedback and Fear of judgement"])
    codebook = (root / "codebook.yaml").read_bytes()
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "added 2 codings (2 by Joris" in err
    assert (
        "took 2 codes of back.qdpx as this codebook's, spelled otherwise here: 'feedback and "
        "Fear of judgement' as knowledge_sharing.feedback, 'HALEN & bréngen' as "
        "knowledge_sharing.give_and_take; --map THEIRS=OURS takes one as another code"
    ) in err
    assert "added 2 codes" not in err
    assert (root / "codebook.yaml").read_bytes() == codebook
    assert {
        ("knowledge_sharing.give_and_take", "Joris"),
        ("knowledge_sharing.feedback", "Joris"),
    } <= _codings(root)


def test_a_code_a_typo_away_is_asked_about_before_anything_changes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    back = _archive(root, ["Feedbak en angst voor oordeel", "Sfeer"])
    codebook = (root / "codebook.yaml").read_bytes()
    before = dump_store(root)
    result = invoke_cli(["merge", str(back), "--add-codes"], cwd=root)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert (
        "--add-codes: the archive's code 'Feedbak en angst voor oordeel' is spelled almost as "
        "this codebook's 'Feedback en angst voor oordeel' (knowledge_sharing.feedback): --map "
        "'Feedbak en angst voor oordeel=knowledge_sharing.feedback' merges its codings there, "
        "--new-code 'Feedbak en angst voor oordeel' adds it as a code of its own; nothing was "
        "changed"
    ) in result.stderr
    assert (root / "codebook.yaml").read_bytes() == codebook
    assert dump_store(root) == before
    # each way out works as printed
    mapped = invoke_cli(
        [
            "merge",
            str(back),
            "--add-codes",
            "--map",
            "Feedbak en angst voor oordeel=knowledge_sharing.feedback",
        ],
        cwd=root,
    )
    assert mapped.exit_code == 0, mapped.output
    assert "added 1 code without match rules to codebook.yaml: sfeer" in mapped.stderr
    assert ("knowledge_sharing.feedback", "Joris") in _codings(root)
    apart = tmp_path / "apart"
    apart.mkdir()
    root2 = _project(apart)
    back2 = _archive(root2, ["Feedbak en angst voor oordeel"])
    kept = invoke_cli(
        ["merge", str(back2), "--add-codes", "--new-code", "Feedbak en angst voor oordeel"],
        cwd=root2,
    )
    assert kept.exit_code == 0, kept.output
    assert "feedbak_en_angst_voor_oordeel (Feedbak en angst voor oordeel, a theme)" in (kept.stderr)
    out = invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=root2).stdout
    assert ("feedbak_en_angst_voor_oordeel", "Joris") in {
        (r["code"], r["coder"]) for r in json.loads(out)
    }


def test_new_code_goes_with_add_codes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    back = _archive(root, ["Sfeer"])
    result = invoke_cli(["merge", str(back), "--new-code", "Sfeer"], cwd=root)
    assert result.exit_code != 0
    assert "--new-code goes with --add-codes" in result.stderr
