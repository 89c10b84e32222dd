"""The figures a methodologist checks by hand in the corner cases: `lernet phases --by group`
with the same group columns as `lernet tally --by group`, a group whose interviewees named no
phase included."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import coded_study, invoke_cli
from .test_waves import PHASES

CSV = "id,group\nP1,charity\nP2,charity\nP3,school\n"
TEXTS = {
    "P1.txt": "I: Hoe staat het?\nR: We zijn nog aan het aftasten.\n",
    "P2.txt": "I: Hoe staat het?\nR: Het netwerk is gegroeid.\n",
    "P3.txt": "I: Kent u de anderen?\nR: We kennen elkaar nog niet.\n",
}


def test_phases_by_group_keeps_a_group_that_named_no_phase(project: Path) -> None:
    coded_study(project, PHASES, CSV, TEXTS)
    code, out = invoke_cli("tally", "--by", "group", "--format", "json")
    assert code == 0, out
    tally_groups = json.loads(out[out.index("{") : out.rindex("}") + 1])["groups"]
    assert tally_groups == ["charity", "school"]
    code, out = invoke_cli("phases", "--by", "group", "--format", "json")
    assert code == 0, out
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert data["groups"] == tally_groups
    assert {r["id"]: r["by_group"] for r in data["phases"]} == {
        "stage.early": {"charity": 1, "school": 0},
        "stage.grown": {"charity": 1, "school": 0},
    }
    code, out = invoke_cli("phases", "--by", "group")
    assert code == 0 and "school" in out
