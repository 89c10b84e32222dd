"""`lernet memos` says when each memo was made: the date, as the researcher's calendar has it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.conftest import invoke_cli

from .test_manual import word_with_comments


def test_memos_have_a_made_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "en")[0] == 0
    word_with_comments(
        tmp_path / "C01.docx", [("We meet every month at the college.", "check this!", "Helen")]
    )
    code, out = invoke_cli("code", "C01.docx")
    assert code == 0, out
    code, listed = invoke_cli("memos", "--format", "json")
    assert code == 0, listed
    [memo] = json.loads(listed[: listed.rindex("]") + 1])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", memo["made"])
    code, csv = invoke_cli("memos", "--format", "csv", "--delimiter", ",")
    header = csv.lstrip("\ufeff").splitlines()[0]
    assert header.split(",")[:5] == ["file", "participant", "segment", "author", "made"]
    code, table = invoke_cli("memos")
    assert code == 0 and "made" in table and memo["made"] in table


def test_the_date_is_the_local_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store keeps UTC; half past eleven at night in UTC is the next day in Amsterdam."""
    from lernet_cli.analysis.memos import made_on

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        assert made_on("2026-05-01T23:30:00+00:00") == "2026-05-02"
        assert made_on("") is None
    finally:
        monkeypatch.undo()
        time.tzset()
