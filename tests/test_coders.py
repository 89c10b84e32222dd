"""One person, several coder names: `lernet coders` lists them, `lernet coders same` makes them one
person in counts, agreement and learning, `lernet coders apart` undoes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.store.coders import CoderNames, joined, look_alike, parted

from .conftest import dump_store

runner = CliRunner()

TXT = """\
I: Hoe gaat het?
R: [[not_acquainted: We kennen elkaar nog niet goed.]]
I: En verder?
R: Er is wel concurrentie tussen de bedrijven.
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def data(*args: str) -> object:
    status, out, err = invoke(*args, "--format", "json")
    assert status == 0, err
    return json.loads(out)


@pytest.fixture
def named(project: Path) -> Path:
    """Lotte's Word comment (author "Lotte Peeters") and Bram's on one interview, and Lotte's
    tags (`--coder lotte`) on another."""
    import docx

    d = docx.Document()
    d.add_paragraph("I: Hoe gaat het?")
    first = d.add_paragraph("R: ").add_run("Er is wel concurrentie tussen de bedrijven.")
    d.add_paragraph("I: En verder?")
    second = d.add_paragraph("R: ").add_run("We kennen elkaar nog niet goed.")
    d.add_comment(first, "competition", "Lotte Peeters")
    d.add_comment(first, "protect_position", "bram")
    d.add_comment(second, "not_acquainted", "bram")
    d.save(str(project / "a.docx"))
    (project / "b.txt").write_text(TXT, encoding="utf-8")
    assert invoke("code", "a.docx")[0] == 0
    assert invoke("code", "b.txt", "--coder", "lotte")[0] == 0
    return project


def test_coders_lists_names_and_hints_at_one_person(named: Path) -> None:
    status, out, err = invoke("coders")
    assert status == 0 and "Lotte Peeters" in out and "bram" in out
    assert 'lernet coders same "Lotte Peeters" "lotte"' in err and "bram" not in err
    rows = data("coders")
    assert [(r["name"], r["person"], r["by_hand"]) for r in rows] == [  # type: ignore[index]
        ("bram", "bram", 2),
        ("lotte", "lotte", 1),
        ("Lotte Peeters", "Lotte Peeters", 1),
    ]


def test_same_person_counts_once_everywhere(named: Path) -> None:
    status, _, err = invoke("coders", "same", "Lotte Peeters", "lotte")
    assert status == 0 and "Lotte Peeters = lotte: one person, shown as Lotte Peeters" in err
    assert "may be one person" not in invoke("coders")[2]
    tally = data("tally", "--coder", "LOTTE")
    counts = {r["id"]: r["participants"] for t in tally["themes"] for r in [t, *t["codes"]]}  # type: ignore[index]
    assert counts["trust.not_acquainted"] == 1 and counts["competition"] == 1
    listed = data("codings", "--coder", "lotte", "--no-anonymize")
    assert {r["coder"] for r in listed} == {"Lotte Peeters"}  # type: ignore[attr-defined]
    shown = {r["coder"] for r in data("codings", "--coder", "lotte")}  # type: ignore[attr-defined]
    assert len(shown) == 1 and shown.pop().startswith("Codeur ")  # one person, one pseudonym
    # Lotte's comments and Bram's are on one interview: one person, so now they compare.
    result = data("agree", "lotte", "bram", "--no-anonymize")
    assert result["coder_a"] == "Lotte Peeters"  # type: ignore[index]
    # a.docx's two turns x the codes that are no other row's parent (competition is that of
    # protect_position), and Lotte's comment naming the theme competition itself, pooled once
    # as "competition (itself)".
    assert result["overall"]["units"] == 2 * 3  # type: ignore[index]
    status, _, err = invoke("agree", "Lotte Peeters", "lotte")
    assert status == 2 and "are one person, Lotte Peeters" in err
    # Learning from hand coding sees one person, and takes either name.
    status, _, err = invoke("codebook", "eval", "--coder", "lotte")
    assert status == 0, err
    status, _, err = invoke("coders", "apart", "lotte")
    assert status == 0
    status, _, err = invoke("agree", "lotte", "bram")
    assert status == 2 and "no transcript in common" in err


def test_bad_names_are_one_line_and_change_nothing(named: Path) -> None:
    before = dump_store(named)
    for args, message in (
        (["same", "auto", "lotte"], "is the rules or the protocol"),
        (["same", "lotte"], "at least two coder names"),
        (["same", "lotte", " LOTTE "], "differ only in case"),
        (["apart", "bram"], "'bram' is not one person with another name"),
    ):
        status, _, err = invoke("coders", *args)
        assert status == 2 and message in err and err.count("\n") == 1, err
    assert dump_store(named) == before


def test_names_library() -> None:
    groups = joined([], ["Lotte Peeters", "lotte"])
    groups = joined(groups, ["L. Peeters", "LOTTE"])
    assert groups == [["L. Peeters", "LOTTE", "Lotte Peeters"]]
    names = CoderNames(groups, ["Lotte Peeters", "lotte", "bram"])
    assert names.person("lotte") == "L. Peeters" and names.person("bram") == "bram"
    assert sorted(names.names_of("LOTTE")) == ["Lotte Peeters", "lotte"]
    assert parted(groups, ["lotte", "nobody"]) == (
        [["L. Peeters", "Lotte Peeters"]],
        ["nobody"],
    )
    plain = CoderNames()
    assert look_alike(["lotte", "Lotte Peeters", "Jonas De Vos", "auto"], plain) == [
        ("Lotte Peeters", "lotte")
    ]


def test_same_warns_when_the_names_coded_the_same_transcripts(named: Path) -> None:
    """Lotte's Word name and her tag name code different files: no warning. Lotte and Bram both
    commented on a.docx: made one person, their agreement is gone, and lernet says so."""
    status, _, err = invoke("coders", "same", "Lotte Peeters", "lotte")
    assert status == 0 and "warning" not in err
    status, _, err = invoke("coders", "same", "lotte", "bram")
    assert status == 0
    assert (
        "warning: lotte and bram both coded 1 of the same transcript (a.docx): if they are two "
        "people, their agreement can no longer be measured; lernet coders apart bram undoes this"
    ) in err
    assert invoke("coders", "apart", "bram")[0] == 0
    assert invoke("agree", "lotte", "bram")[0] == 0


def test_an_unknown_coder_points_to_the_name_it_is_a_word_of(named: Path) -> None:
    """Word writes a comment's author in full: `peeters` (or a misspelt `bran`) names the coder
    it likely means, where a bare 'unknown coder' left the researcher guessing."""
    from lernet_cli.analysis.coders import unknown_coder
    from lernet_cli.project.project import load_project
    from lernet_cli.store.store import Store

    with Store.open(load_project(named).store_path) as store:
        assert "(did you mean 'Lotte Peeters'?)" in unknown_coder(store, "Peeters")
        assert "(did you mean 'bram'?)" in unknown_coder(store, "bran")
        assert "did you mean" not in unknown_coder(store, "mira")
    before = dump_store(named)
    for args in (["agree", "peeters", "bram"], ["tally", "--coder", "peeters"]):
        status, _, err = invoke(*args)
        assert status == 2 and "unknown coder 'peeters' (did you mean 'Lotte Peeters'?)" in err
    assert invoke("agree", "peeters", "bram", "mira")[2].count("did you mean") == 1
    assert dump_store(named) == before
