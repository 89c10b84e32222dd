"""Counts written as a researcher writes them: "1 vermelding", "22 vermeldingen", never
"vermelding(en)" or "mention(s)" where the number is known."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from lernet_cli.analysis.matrix import LeftOut, left_out_note
from lernet_cli.language.plural import counted


def test_counted_writes_the_singular_or_the_plural() -> None:
    assert counted(1, "mention") == "1 mention"
    assert counted(22, "mention") == "22 mentions"
    assert counted(0, "file") == "0 files"
    assert counted(1, "vermelding", "vermeldingen") == "1 vermelding"
    assert counted(22, "vermelding", "vermeldingen") == "22 vermeldingen"
    assert counted(8, "deelnemer") == "8 deelnemers"


def _matrix(mentions: int, participants: int) -> Any:
    left = LeftOut(mentions, participants, {"Kennis": mentions})
    return SimpleNamespace(left_out=left, own_words={})


def test_the_matrix_note_on_mentions_left_out_says_one_or_many() -> None:
    many = left_out_note(_matrix(22, 8), "nl")
    assert many is not None
    assert many.startswith("22 vermeldingen van 8 deelnemers zonder richtingwoord staan niet")
    one = left_out_note(_matrix(1, 1), "nl")
    assert one is not None
    assert one.startswith("1 vermelding van 1 deelnemer zonder richtingwoord staat niet")
    english = left_out_note(_matrix(1, 1), "en")
    assert english is not None
    assert english.startswith("1 mention by 1 participant without a direction word is left out")
    assert "(s)" not in many + one + english and "(en)" not in many + one
