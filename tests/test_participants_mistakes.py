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


def test_a_csv_row_with_a_cell_too_many_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(
        "id;group;label\nP01;school;leraar\nP02;school;directeur;Hulshof\nP03;school;;;\n",
        encoding="utf-8",
    )
    with pytest.raises(ParticipantsError) as caught:
        load_participants(path)
    said = str(caught.value)
    assert said.startswith(f"{path}:3: 1 cell more than the header's 3 columns ('Hulshof')")
    assert "needs quotes" in said
    path.write_text("id;group;label\nP01;school;leraar;;\n", encoding="utf-8")  # empty: fine
    assert list(load_participants(path).people) == ["P01"]
