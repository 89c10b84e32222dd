"""An anonymized archive coming back from a tool that gives its users new GUIDs (QualCoder at
each export): `Codeur 1` is still the coder here whose work it carries, not a new coder whose
codings and memos come in a second time."""

from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

from .conftest import invoke_cli
from .test_qdpx_privacy import _coded


def _new_user_guids(archive: Path, out: Path, other_code: bool = False) -> Path:
    """The archive as a tool writes it again that keeps user names but not their GUIDs;
    `other_code`: each coding on another code (work that is not here)."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    for guid in set(re.findall(r'<User guid="([^"]+)"', qde)):
        qde = qde.replace(guid, str(uuid.uuid4()))
    if other_code:
        codes = re.findall(r'<Code guid="([^"]+)" name="[^"]*" isCodable="true"', qde)
        used = set(re.findall(r'<CodeRef targetGUID="([^"]+)"', qde))
        spare = next(c for c in codes if c not in used)
        qde = re.sub(r'<CodeRef targetGUID="[^"]+"', f'<CodeRef targetGUID="{spare}"', qde)
    members["project.qde"] = qde.encode("utf-8")
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def test_pseudonyms_with_new_guids_are_the_coders_here(project: Path, tmp_path: Path) -> None:
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    back = _new_user_guids(out, tmp_path / "qualcoder.qdpx")
    code, said = invoke_cli("merge", str(back))
    assert code == 0, said
    assert "no coding to add" in said and "2 codings already here" in said, said
    assert "Codeur 1 = Griet Mertens" in said and "Codeur 2 = Anouk Smit" in said, said
    code, listed = invoke_cli("codings", "-f", "json", "--no-anonymize")
    assert code == 0 and "Codeur" not in listed, listed


def test_a_pseudonym_whose_work_is_not_here_stays_a_coder_of_its_own(
    project: Path, tmp_path: Path
) -> None:
    """A colleague's archive names its own people `Codeur 1`: not this project's Codeur 1."""
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    back = _new_user_guids(out, tmp_path / "colleague.qdpx", other_code=True)
    code, said = invoke_cli("merge", str(back))
    assert code == 0, said
    assert "pseudonyms" not in said and "added 2 codings" in said, said
    code, listed = invoke_cli("codings", "-f", "json", "--no-anonymize")
    assert code == 0 and '"Codeur 1"' in listed and '"Codeur 2"' in listed, listed


def _renamed_user(archive: Path, out: Path, pseudonym: str, name: str) -> Path:
    """The archive after its user `pseudonym` (GUID kept) was renamed `name` in another tool and
    coded one more passage in b1.txt with the code b1's coding has."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    user = re.search(rf'<User guid="([^"]+)" name="{pseudonym}"', qde)
    assert user is not None
    qde = qde.replace(f'name="{pseudonym}"', f'name="{name}"')
    source = re.search(r'<TextSource guid="([^"]+)" name="b1.txt"[^>]*>', qde)
    assert source is not None
    text = members[f"sources/{source[1]}.txt"].decode("utf-8-sig")
    code = re.search(r'<CodeRef targetGUID="([^"]+)"', qde[source.end() :])
    assert code is not None
    start = text.index("Echt niet.")
    selection = (
        f'<PlainTextSelection guid="{uuid.uuid4()}" startPosition="{start}" '
        f'endPosition="{start + 10}" creatingUser="{user[1]}"><Coding guid="{uuid.uuid4()}" '
        f'creatingUser="{user[1]}"><CodeRef targetGUID="{code[1]}"/></Coding>'
        "</PlainTextSelection>"
    )
    at = qde.index("</TextSource>", source.end())
    members["project.qde"] = (qde[:at] + selection + qde[at:]).encode("utf-8")
    with zipfile.ZipFile(out, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return out


def test_a_user_renamed_in_the_other_tool_can_be_renamed_as_the_merge_says(
    project: Path, tmp_path: Path
) -> None:
    """Codeur 2 (Anouk Smit here) renamed Jonas in the other tool: the merge names Jonas, and
    --rename 'Jonas=…' takes Jonas's new coding, not Anouk's coding that is here already."""
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    back = _renamed_user(out, tmp_path / "jonas.qdpx", "Codeur 2", "Jonas")
    code, said = invoke_cli("merge", str(back))
    assert code == 0, said
    assert "left out 1 coding by Jonas, the archive's name for Anouk Smit" in said, said
    assert "--rename 'Jonas=NAME'" in said, said
    code, said = invoke_cli("merge", str(back), "--rename", "Jonas=Jonas")
    assert code == 0, said
    assert "added 1 coding (1 by Jonas" in said, said
    code, listed = invoke_cli("codings", "-f", "json", "--no-anonymize")
    assert code == 0 and listed.count('"Jonas"') == 1, listed


def test_the_rename_the_merge_offers_for_a_coder_here_works(project: Path, tmp_path: Path) -> None:
    """The anonymized memo comes back as another text, left out as by Griet Mertens (Codeur 1,
    by GUID); --rename 'Griet Mertens=NAME', as offered, takes it under NAME."""
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    code, said = invoke_cli("merge", str(out))
    assert code == 0 and "--rename 'Griet Mertens=NAME'" in said, said
    code, said = invoke_cli("merge", str(out), "--rename", "Griet Mertens=Pieter")
    assert code == 0 and "added 1 memo" in said, said
    code, memos = invoke_cli("memos", "-f", "json", "--no-anonymize")
    assert code == 0 and '"Pieter"' in memos, memos


def test_a_remark_typed_into_a_rules_codings_memo_comes_back_as_a_memo(
    project: Path, tmp_path: Path
) -> None:
    """The rules' codings are this project's to make, so a merge leaves them out; what a
    co-researcher typed above lernet's lines in one's memo (QualCoder) was lost with it."""
    _coded(project)
    out = tmp_path / "anon.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    with zipfile.ZipFile(out) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    rules = re.search(r"<Description>(?=[^<]*lernet: status=pending)", qde)
    assert rules is not None
    qde = qde[: rules.end()] + "Sterk citaat voor hoofdstuk 4\n" + qde[rules.end() :]
    members["project.qde"] = qde.encode("utf-8")
    back = tmp_path / "back.qdpx"
    with zipfile.ZipFile(back, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    code, said = invoke_cli("merge", str(back))
    assert code == 0 and "added 1 memo" in said, said
    code, memos = invoke_cli("memos", "-f", "json")
    assert code == 0 and memos.count("Sterk citaat voor hoofdstuk 4") == 1, memos
    code, said = invoke_cli("merge", str(back))
    assert code == 0 and "no coding to add, no memo" in said, said
