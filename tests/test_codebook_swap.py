"""The README's first project with a codebook of one's own swapped in: `lernet code interviews/`
in an empty folder (the default codebook), her codebook.yaml copied over it, then `lernet code`.
Her Word comments are read again against her codebook, as reading the files again reads them:
those the default codebook's codes counted and hers name count under hers, the old ids keep
nothing, the memo count is no negative number, and no "renamed it?" is said of a code of the
codebook she replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.orphans import note_codebook, orphans, replaced_codebooks
from lernet_cli.store.store import Store
from tests.conftest import invoke_cli

from .test_manual import word_with_comments

HERS = """\
version: 1
name: CoP evaluation
language: en
themes:
  - id: value_creation
    label: {en: Value creation}
    codes:
      - id: realised
        label: {en: Realised value}
        match:
          - any: [results]
  - id: exchange
    label: {en: What groups give and get}
    analysis: matrix
    directional: true
    directions:
      bring: [give, gives, share]
      take: [get, gets, learn]
    codes:
      - id: knowledge
        label: {en: Knowledge and expertise}
        match:
          - any: [expertise]
"""
COMMENTS = [
    ("I learned a lot about the new housing rules from the others.", "Knowledge gets", "Helen"),
    (
        "We see results and I learned how they assess tenants.",
        "Realised value; knowledge gets",
        "Helen",
    ),
    ("I act as a bit of a broker between the groups.", "Brokerage", "Helen"),
]


def _run(*args: str) -> str:
    code, out = invoke_cli(*args)
    assert code == 0, out
    return out


def _review(code: str) -> None:
    """anna accepts every rule coding of the code."""
    result = CliRunner().invoke(
        app, ["review", "--code", code, "--reviewer", "anna"], input="a\n" * 5
    )
    assert result.exit_code == 0 and " 0 accepted" not in result.stderr, result.stderr


def _by_hand() -> list[tuple[str, str, str | None]]:
    code, out = invoke_cli("codings", "--no-anonymize", "--format", "json")
    rows = json.loads(out[: out.rindex("]") + 1])
    return sorted((c["code"], c["text"], c["direction"]) for c in rows if c["coder"] == "Helen")


def _first_project(root: Path, review: bool = False) -> Path:
    """`lernet code interviews/` in an empty folder (the default codebook), the rules' codings
    of Knowledge reviewed if asked, then her codebook copied over the default."""
    (root / "interviews").mkdir(parents=True)
    word_with_comments(root / "interviews" / "P04.docx", COMMENTS)
    _run("code", "interviews/", "--coder", "Helen")
    assert any(code.startswith("interest_balance.") for code, _, _ in _by_hand())
    if review:
        _review("interest_balance.knowledge")
    (root / "codebook.yaml").write_text(HERS, encoding="utf-8")
    return root


@pytest.fixture
def swapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return _first_project(tmp_path)


def test_comments_are_read_again_against_her_codebook(swapped: Path) -> None:
    out = _run("code")
    assert "read again it names exchange.knowledge: counted there" in out
    assert "renamed it?" not in out and "-1" not in out
    assert "1 comment or tag kept as a memo, not counted" in out  # "Brokerage"
    by_hand = _by_hand()
    assert not [c for c, _, _ in by_hand if c.startswith("interest_balance.")]
    assert [(c, d) for c, _, d in by_hand if c == "exchange.knowledge"] == [
        ("exchange.knowledge", "take"),
        ("exchange.knowledge", "take"),
    ]
    assert "value_creation.realised" in {c for c, _, _ in by_hand}
    # As reading the files again makes them.
    stored = by_hand
    _run("code", "interviews/")
    assert _by_hand() == stored


def test_work_left_under_a_replaced_codebook_s_code_is_not_called_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _first_project(tmp_path, review=True)
    out = _run("code")
    assert (
        "warning: stored under a code of the codebook this one replaced (Learning networks), "
        "not counted: interest_balance.knowledge ("
    ) in out
    assert "to count it under a code of this codebook: lernet codebook renamed" in out
    assert "renamed it?" not in out
    # A code of her own codebook renamed afterwards (same codebook, its id changed): asked.
    hers = tmp_path / "codebook.yaml"
    hers.write_text(HERS.replace("      - id: realised\n", "      - id: achieved\n"), "utf-8")
    _review("exchange.knowledge")
    hers.write_text(
        hers.read_text(encoding="utf-8").replace("      - id: knowledge\n", "      - id: know\n"),
        "utf-8",
    )
    out = _run("code")
    assert "renamed it? lernet codebook renamed exchange.knowledge NEW_ID" in out


def test_the_codebook_coded_with_is_remembered(swapped: Path) -> None:
    project_db = swapped / ".lernet" / "lernet.db"
    with Store.open(project_db) as store:
        assert replaced_codebooks(store) == ([], set())
    _run("code")
    with Store.open(project_db) as store:
        names, codes = replaced_codebooks(store)
        assert len(names) == 1 and "interest_balance.knowledge" in codes
        hers = load_codebook(swapped / "codebook.yaml")
        note_codebook(store, hers)  # the same codebook again: nothing changes
        assert replaced_codebooks(store) == (names, codes)
        assert orphans(store, hers) == []
