"""`lernet matrix --undirected`: the mentions the matrix's notes count, without a direction word,
listed with their quote and participant; and the notes in `matrix --format md/docx` output, as
the terminal gives them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lernet_cli.analysis.matrix import undirected_mentions
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.project.participants import Participants
from lernet_cli.project.project import load_project
from lernet_cli.store.store import Store
from tests.conftest import dump_store, invoke_cli
from tests.test_left_out import study  # noqa: F401  (the fixture)

C = "Interviewer: Anything?\nNurse: [[exchange.funding: Funding for the new ward.]]\n"


def test_the_library_lists_both_kinds(study: Path) -> None:  # noqa: F811
    (study / "c.txt").write_text(C, encoding="utf-8")
    code, out = invoke_cli("code", "c.txt", "--coder", "dana")
    assert code == 0, out
    project = load_project(study)
    book = load_codebook(project.codebook_path, with_rules=False)  # as `matrix` loads it
    with Store.open(project.store_path) as store:
        rows = store.coding_rows(codes=book.descendants("exchange"))
        found = undirected_mentions(book, store, rows, "exchange", Participants(), lang="en")
    left = [(m.file, m.code, m.quote, m.coded) for m in found]
    assert ("a.txt", "exchange.contacts", "Contacts, mainly.", False) in left
    assert ("b.txt", "exchange.funding", "Funding is tight everywhere.", False) in left
    assert ("c.txt", "exchange.funding", "Funding for the new ward.", True) in left
    assert len(left) == 3


def test_matrix_undirected_lists_them(study: Path) -> None:  # noqa: F811
    before = dump_store(study)
    code, out = invoke_cli("matrix", "--undirected")
    assert code == 0, out
    assert "Contacts (left out)" in out
    assert "“Contacts, mainly.” (" in out and "a.txt, turn 2" in out
    assert "“Funding is tight everywhere.”" in out
    data = json.loads(invoke_cli("matrix", "--undirected", "--format", "json")[1])
    assert {(m["code"], m["segment"]) for m in data} == {
        ("exchange.contacts", 2),
        ("exchange.funding", 6),
    }
    assert all(not m["coded"] and m["participant"] for m in data)
    code, out = invoke_cli("matrix", "--undirected", "-o", "u.csv")
    assert code == 0, out
    with (study / "u.csv").open(encoding="utf-8-sig") as fh:
        listed = list(csv.DictReader(fh))
    assert {r["quote"] for r in listed} == {"Contacts, mainly.", "Funding is tight everywhere."}
    assert dump_store(study) == before


def test_the_terminal_note_names_the_option(study: Path) -> None:  # noqa: F811
    code, out = invoke_cli("matrix")
    assert code == 0, out
    assert "left out of the table" in out and "lernet matrix --undirected" in out


def test_md_and_docx_keep_the_note(study: Path) -> None:  # noqa: F811
    code, out = invoke_cli("matrix", "--format", "md")
    assert code == 0, out
    assert out.count("2 mentions by 2 participants without a direction word") == 2  # + stderr
    code, out = invoke_cli("matrix", "-o", "m.docx")
    assert code == 0, out
    import docx

    said = [p.text for p in docx.Document(str(study / "m.docx")).paragraphs]
    assert any("without a direction word are left out of the table" in p for p in said)


def test_undirected_docx_is_one_error(study: Path) -> None:  # noqa: F811
    before = dump_store(study)
    code, out = invoke_cli("matrix", "--undirected", "-o", "u.docx")
    assert code != 0
    assert "Traceback" not in out
    assert [line for line in out.splitlines() if line.startswith("lernet: error")] == [
        "lernet: error: --undirected lists the mentions as a table, md, csv or json, not docx"
    ]
    assert not (study / "u.docx").exists()
    assert dump_store(study) == before
