"""Mistakes in a participants file are named with the file and line, and with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.errors import ParticipantsError
from lernet_cli.project.participants import load_participants


@pytest.mark.parametrize("groups", ["groups: [primary, local authority]\n", ""])
def test_two_groups_for_one_participant_say_one_group_and_a_variable(
    tmp_path: Path, groups: str
) -> None:
    path = tmp_path / "participants.yaml"
    path.write_text(
        f"{groups}participants:\n"
        "  - id: P09\n    group: primary\n"
        "  - id: P10\n    group: [local authority, primary]\n",
        encoding="utf-8",
    )
    with pytest.raises(ParticipantsError) as caught:
        load_participants(path)
    said = str(caught.value)
    assert f"participants.yaml:{5 + bool(groups)}: " in said, said
    assert "one group per participant" in said and "variables:" in said
    assert "add it to groups" not in said
