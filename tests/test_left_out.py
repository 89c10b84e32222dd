"""Mentions of a directional code without a direction word: the rules leave them uncoded, and
the matrix and the report say in one line how many they leave out of the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.analysis.matrix import left_out_mentions
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.autocode import undirected_matches
from lernet_cli.project.project import load_project
from lernet_cli.store.store import Store
from tests.conftest import dump_store, invoke_cli

BOOK = """\
version: 1
name: left out
language: en
themes:
  - id: exchange
    label: {en: Exchange}
    analysis: matrix
    directional: true
    directions:
      bring: [give, share]
      take: [get, learn]
    codes:
      - id: contacts
        label: {en: Contacts}
        match:
          - any: [contacts]
      - id: funding
        label: {en: Funding}
        match:
          - any: [funding]
"""
A = (
    "Interviewer: What has the network given you?\n"
    "Nurse: Contacts, mainly.\n"
    "Interviewer: And funding?\n"
    "Nurse: We share our funding bids with the others.\n"
)
B = (
    "Interviewer: What has the network given you?\n"
    "Nurse: I get contacts there.\n"
    "Interviewer: Anything else?\n"
    "Nurse: [[Contacts gets: Contacts in housing, so I know who to call.]]\n"
    "Interviewer: And funding?\n"
    "Nurse: Funding is tight everywhere.\n"
)


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "en")
    assert code == 0, out
    (tmp_path / "codebook.yaml").write_text(BOOK, encoding="utf-8")
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    code, out = invoke_cli("code", "a.txt", "b.txt")
    assert code == 0, out
    return tmp_path


def test_undirected_matches_are_the_mentions_the_rules_leave(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(BOOK, encoding="utf-8")
    book = load_codebook(path)
    codes = {"exchange.contacts", "exchange.funding"}
    turns = [(1, "Contacts, mainly."), (2, "I get contacts there."), (3, "Nothing.")]
    assert undirected_matches(book, codes, turns) == [(1, "exchange.contacts")]


def test_left_out_counts_mentions_no_coding_holds(study: Path) -> None:
    project = load_project(study)
    counting = load_codebook(project.codebook_path, with_rules=False)  # as `matrix` loads it
    with Store.open(project.store_path) as store:
        left = left_out_mentions(counting, store, "exchange", None, "en", project.cache_dir)
    # a: "Contacts, mainly."; b: "Funding is tight" (the tagged turn is coded by hand)
    assert left is not None
    assert (left.mentions, left.participants) == (2, 2)
    assert left.by_code == {"Contacts": 1, "Funding": 1}


def test_matrix_and_report_say_how_many_are_left_out(study: Path) -> None:
    before = dump_store(study)
    code, out = invoke_cli("matrix")
    assert code == 0, out
    line = (
        "lernet: note: 2 mentions by 2 participants without a direction word are left out "
        "of the table (Contacts 1, Funding 1)"
    )
    assert line in out
    assert out.count("left out of the table") == 1
    code, out = invoke_cli("matrix", "--format", "json")
    data = json.loads(out[: out.rindex("}") + 1])
    assert data["left_out"] == {
        "mentions": 2,
        "participants": 2,
        "by_code": {"Contacts": 1, "Funding": 1},
    }
    code, out = invoke_cli("report", "-o", "report.md")
    assert code == 0, out
    report = (study / "report.md").read_text(encoding="utf-8")
    assert "2 mentions by 2 participants without a direction word are left out" in report
    assert dump_store(study) == before  # looking changes nothing stored


def test_no_line_when_every_mention_has_a_direction(study: Path) -> None:
    (study / "a.txt").write_text(A.replace("Contacts, mainly.", "I get contacts."), "utf-8")
    (study / "b.txt").write_text(B.replace("Funding is tight", "We get funding"), "utf-8")
    code, out = invoke_cli("code", "a.txt", "b.txt")
    assert code == 0, out
    code, out = invoke_cli("matrix")
    assert code == 0 and "left out" not in out, out


def _stored(study: Path) -> tuple[list[tuple[int, int, str, str]], list[int]]:
    with Store.open(load_project(study).store_path) as store:
        return store.undirected_mentions({"exchange.contacts", "exchange.funding"})


def _live(study: Path) -> list[tuple[int, int, str, str]]:
    """The same mentions found by matching every stored turn again, as the matrix once did."""
    project = load_project(study)
    book = load_codebook(project.codebook_path)
    with Store.open(project.store_path) as store:
        turns = store.participant_segments()
    found = undirected_matches(
        book,
        {"exchange.contacts", "exchange.funding"},
        (((r.transcript_id, r.segment, r.participant), r.segment_text) for r in turns),
    )
    return sorted((tid, seg, pid, code) for (tid, seg, pid), code in found)


def test_code_keeps_the_mentions_without_a_direction(study: Path) -> None:
    stored, unknown = _stored(study)
    assert unknown == []
    # b's tagged turn holds "Contacts" too: kept here, left out of the count by its coding
    assert sorted(stored) == _live(study)
    assert {code for *_, code in stored} == {"exchange.contacts", "exchange.funding"}


def test_matrix_counts_from_the_store_without_matching_turns_again(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("matched the stored turns again")

    monkeypatch.setattr("lernet_cli.coding.autocode.undirected_matches", refuse)
    code, out = invoke_cli("matrix")
    assert code == 0, out
    assert "2 mentions by 2 participants without a direction word" in out


def test_recoding_one_code_from_the_store_keeps_its_mentions_up_to_date(study: Path) -> None:
    book = study / "codebook.yaml"
    # "share" no longer gives a direction: a's funding turn becomes a mention without one
    book.write_text(BOOK.replace("bring: [give, share]", "bring: [give]"), encoding="utf-8")
    code, out = invoke_cli("code")
    assert code == 0, out
    stored, unknown = _stored(study)
    assert unknown == [] and sorted(stored) == _live(study)
    assert sum(code == "exchange.funding" for *_, code in stored) == 2
    code, out = invoke_cli("matrix")
    assert "3 mentions by 2 participants without a direction word" in out, out
    # a code's rules changed so that they find nothing: its mentions go with them
    book.write_text(BOOK.replace("any: [funding]", "any: [budget]"), encoding="utf-8")
    code, out = invoke_cli("code")
    assert code == 0, out
    stored, _ = _stored(study)
    assert {code for *_, code in stored} == {"exchange.contacts"}


def test_a_store_made_before_the_mentions_were_kept_is_counted_by_matching(
    study: Path,
) -> None:
    with Store.open(load_project(study).store_path) as store, store.transaction() as conn:
        conn.execute("DELETE FROM undirected")
        conn.execute("UPDATE transcripts SET undirected_known = 0")
    stored, unknown = _stored(study)
    assert stored == [] and len(unknown) == 2
    code, out = invoke_cli("matrix")
    assert code == 0, out
    assert "2 mentions by 2 participants without a direction word" in out


BOOK_NL = """\
version: 1
name: left out
language: nl
themes:
  - id: exchange
    label: {nl: Uitwisseling}
    analysis: matrix
    directional: true
    directions:
      bring: [geven, delen]
      take: [krijgen, halen]
    codes:
      - id: contacts
        label: {nl: Contacten}
        match:
          - any: [contacten]
"""


def test_the_line_points_to_the_same_place_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a Dutch project the line (in the report, in Dutch) points to no English heading."""
    from lernet_cli.analysis.matrix import LeftOut, Matrix, left_out_note

    matrix = Matrix([], [], left_out=LeftOut(1, 1, {"Contacten": 1}))
    for lang in ("nl", "en"):
        note = left_out_note(matrix, lang)
        assert note is not None
        assert "Mentions without a direction" not in note
        assert "docs/codebook-format.md, directions:" in note
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "nl")
    assert code == 0, out
    (tmp_path / "codebook.yaml").write_text(BOOK_NL, encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "Interviewer: Wat heeft het netwerk u gegeven?\nVerpleegkundige: Contacten, vooral.\n"
        "Interviewer: En verder?\nVerpleegkundige: Wij krijgen contacten daar.\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code == 0, out
    report = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    line = next(x for x in report.splitlines() if "zonder richtingwoord" in x)
    assert "Mentions" not in line and "(zie docs/codebook-format.md, directions:)" in line
    code, out = invoke_cli("matrix")
    assert code == 0 and "Mentions without" not in out and "docs/codebook-format.md" in out


def test_a_new_matcher_version_makes_an_older_store_s_mentions_known(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project coded before lernet kept these mentions is re-coded from the store at the next
    `lernet code` after an upgrade (every code's digest changes with the matcher): from then on
    the matrix counts them from the store."""
    from lernet_cli.coding import digests

    with Store.open(load_project(study).store_path) as store, store.transaction() as conn:
        conn.execute("DELETE FROM undirected")
        conn.execute("UPDATE transcripts SET undirected_known = 0")
    monkeypatch.setattr(digests, "CODER_VERSION", "next")
    code, out = invoke_cli("code")
    assert code == 0, out
    stored, unknown = _stored(study)
    assert unknown == [] and sorted(stored) == _live(study) and stored
