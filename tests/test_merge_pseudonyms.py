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
