"""Reference passages (learn/reference.py): what a code looks like in other studies' coded
interviews, counted by candidates with the codebook's examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.learn.candidates import load_study
from lernet_cli.learn.reference import Reference, reference_for
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK, dump_store, eval_script

runner = CliRunner()
CODE = "trust.not_acquainted"
SHIPPED = DEFAULT_CODEBOOK.with_name("lerende-netwerken.reference.json")

P1 = """\
I: Kent u de anderen?
R: We kennen elkaar nog niet goed.
I: En de leden van het netwerk?
R: Eerlijk gezegd zijn de meeste leden nog vreemden voor mij.
I: Hoe was de lunch?
R: De lunch was goed verzorgd.
"""


@pytest.fixture
def study(project: Path) -> Path:
    (project / "p1.txt").write_text(P1, encoding="utf-8")
    result = runner.invoke(app, ["code", "p1.txt"])
    assert result.exit_code == 0, result.stderr
    return project


def beside(project: Path, codes: dict[str, list[str]]) -> Path:
    path = project / "codebook.reference.json"
    path.write_text(json.dumps({"source": "a test", "codes": codes}), encoding="utf-8")
    return path


def rank(project: Path, reference: bool = True) -> dict[int, float]:
    with Store.open(project / ".lernet" / "lernet.db") as store:
        study = load_study(store, load_codebook(project / "codebook.yaml"), reference=reference)
        return {c.segment: c.score for c in study.rank(CODE)}


def test_the_shipped_reference_is_what_the_script_writes_from_dev() -> None:
    built = eval_script("reference").build()
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == built
    assert built["source"].startswith("eval/dev")
    assert len(built["codes"]) == 34 and all(len(v) >= 10 for v in built["codes"].values())


def test_the_default_codebook_gets_the_shipped_reference(tmp_path: Path) -> None:
    found = reference_for(load_codebook(DEFAULT_CODEBOOK))
    assert found is not None and found.path.resolve() == SHIPPED.resolve()
    # a project's copy of the default codebook has every code the reference names
    copy = tmp_path / "codebook.yaml"
    copy.write_text(DEFAULT_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    assert reference_for(load_codebook(copy)) is not None


def test_a_reference_naming_codes_the_codebook_lacks_is_not_used(project: Path) -> None:
    mini = load_codebook(project / "codebook.yaml")
    assert reference_for(mini) is None  # the shipped one names codes the mini codebook lacks
    beside(project, {CODE: ["Ze zijn vreemden voor me."], "trust.no_such_code": ["x"]})
    assert reference_for(mini) is None
    beside(project, {CODE: ["Ze zijn vreemden voor me."]})
    found = reference_for(mini)
    assert found is not None and found.passages == {CODE: ["Ze zijn vreemden voor me."]}


def test_reference_passages_raise_the_turns_that_resemble_them(study: Path) -> None:
    without = rank(study)
    beside(study, {CODE: ["De anderen zijn nog vreemden voor me.", "Vreemden, echt."]})
    with_reference = rank(study)
    # turn 4 says "vreemden", which only the reference has; it now scores higher
    assert with_reference[4] > without.get(4, 0.0)
    assert rank(study, reference=False) == without
    with Store.open(study / ".lernet" / "lernet.db") as store:
        best = load_study(store, load_codebook(study / "codebook.yaml")).rank(CODE)[0]
    assert any(w["lemma"].startswith("vreemd") for w in best.why())


def test_only_passages_in_the_study_languages_are_used(study: Path) -> None:
    both = Reference(
        Path("r.json"),
        "",
        {CODE: ["Ze zijn nog vreemden voor mij.", "They are still strangers to me."]},
    )
    assert both.in_languages({"nl"}) == {CODE: ["Ze zijn nog vreemden voor mij."]}
    assert both.in_languages({"nl", "en"}) == both.passages
    beside(study, {CODE: ["They are still strangers to me, the members of the network."]})
    with Store.open(study / ".lernet" / "lernet.db") as store:
        s = load_study(store, load_codebook(study / "codebook.yaml"))
    assert s.reference == {}  # a Dutch study: the English passage teaches nothing


@pytest.mark.parametrize(
    "text", ["{not json", '{"codes": ["a list"]}', '{"codes": {"x": "a string"}}']
)
def test_a_bad_reference_file_is_one_line_naming_it(study: Path, text: str) -> None:
    path = study / "codebook.reference.json"
    path.write_text(text, encoding="utf-8")
    before = dump_store(study)
    result = runner.invoke(app, ["codings", "--candidates", "--code", "not_acquainted"])
    assert result.exit_code == 4
    assert "codebook.reference.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert dump_store(study) == before


def test_codebook_check_says_when_a_reference_is_not_used(project: Path) -> None:
    result = runner.invoke(app, ["codebook", "check"])
    assert result.exit_code == 0 and "reference" not in result.stderr
    beside(project, {CODE: ["Ze zijn vreemden voor me."], "trust.no_such_code": ["x"]})
    result = runner.invoke(app, ["codebook", "check"])
    assert result.exit_code == 0  # a warning: the codebook itself is fine
    assert "codebook.reference.json" in result.stderr and "trust.no_such_code" in result.stderr
    beside(project, {CODE: ["Ze zijn vreemden voor me."]})
    result = runner.invoke(app, ["codebook", "check"])
    assert result.exit_code == 0 and "reference" not in result.stderr
    (project / "codebook.reference.json").write_text("{broken", encoding="utf-8")
    result = runner.invoke(app, ["codebook", "check"])
    assert result.exit_code == 4 and "codebook.reference.json" in result.stderr
