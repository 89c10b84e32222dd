"""Counts after a rule edit and before `lernet code`, or with a codebook that has errors: tally,
quotes, matrix, phases and report say so in one line, and the report cites the codebook the
codings were made with."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import DEFAULT_CODEBOOK

runner = CliRunner()
COMMANDS = [
    ["tally"],
    ["quotes", "--code", "hesitant"],
    ["matrix"],
    ["phases"],
    ["report", "-o", "{root}/r.md", "--force"],
]


def run(root: Path, *args: str) -> tuple[int, str]:
    args = tuple(a.format(root=root) for a in args)
    result = runner.invoke(app, [*args, "--project", str(root)])
    return result.exit_code, result.stderr


@pytest.fixture
def own(coded_sample: Path, tmp_path: Path) -> Path:
    """The coded sample with a codebook of its own (the bundled one, copied): coded with it."""
    root = tmp_path / "study"
    shutil.copytree(coded_sample, root)
    shutil.copy(DEFAULT_CODEBOOK, root / "codebook.yaml")
    yaml = root / "lernet.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(str(DEFAULT_CODEBOOK), "codebook.yaml"), "utf-8"
    )
    assert run(root, "code")[0] == 0
    return root


def edit(root: Path, old: str, new: str) -> None:
    book = root / "codebook.yaml"
    text = book.read_text(encoding="utf-8")
    assert old in text
    book.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("lernet: warning:")]


@pytest.mark.parametrize("args", COMMANDS)
def test_a_rule_edit_not_coded_yet_is_said_once(own: Path, args: list[str]) -> None:
    code, err = run(own, *args)
    assert code == 0 and warnings(err) == [], err
    edit(own, '"koud water", ', '"koud water", twijfel, ')
    code, err = run(own, *args)
    assert code == 0, err
    said = [w for w in warnings(err) if "last `lernet code`" in w]
    assert len(said) == 1 and "run `lernet code` to re-code" in said[0], err
    assert run(own, "code")[0] == 0
    code, err = run(own, *args)
    assert code == 0 and warnings(err) == [], err


@pytest.mark.parametrize("args", COMMANDS)
def test_a_codebook_with_errors_is_said_with_its_line(own: Path, args: list[str]) -> None:
    book = (own / "codebook.yaml").read_text(encoding="utf-8")
    line = book[: book.index('"koud water"')].count("\n") + 1
    edit(own, '"koud water", ', '"koud water", ]\n            nagation: ignore\n#')
    code, err = run(own, *args)
    assert code == 0, err
    said = [w for w in warnings(err) if "has errors" in w]
    assert len(said) == 1 and f"codebook.yaml:{line + 1}:" in said[0], err
    assert "nagation" in said[0]


def method(root: Path) -> str:
    assert run(root, "report", "-o", "{root}/r.md", "--force")[0] == 0
    return (root / "r.md").read_text(encoding="utf-8").split("\n# Resultaten")[0]


def digests(text: str) -> list[str]:
    return re.findall(r"SHA-256 ([0-9a-f]{12})…", text)


def test_the_report_cites_the_codebook_the_codings_were_made_with(own: Path) -> None:
    before = digests(method(own))
    assert len(before) == 1
    edit(own, '"koud water", ', '"koud water", twijfel, ')
    text = method(own)
    assert digests(text)[0] == before[0] and len(digests(text)) == 2, text
    assert "zoals het was bij de laatste lernet code" in text
    # A label edit alone changes no rule: the codings are the rules' as they are.
    assert run(own, "code")[0] == 0
    edit(own, "label: {nl: ", "label: {nl: Nu ")
    assert len(digests(method(own))) == 1


def test_counts_after_lernet_code_do_not_build_the_rules(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual case (the codebook file unchanged since the last `lernet code`) is known from
    the store: tally does not pay for building the rules (a quarter of its time on the sample)."""
    from lernet_cli.analysis import freshness

    def no_rules(*args: object, **kwargs: object) -> None:
        raise AssertionError("the rules were built")

    monkeypatch.setattr(freshness, "parse_codebook", no_rules)
    code, err = run(own, "tally")
    assert code == 0 and warnings(err) == [], err


def test_a_file_coded_with_other_rules_is_said_after_the_codebook_is_put_back(
    own: Path,
) -> None:
    """One interview re-coded with an edited codebook, then the edit undone: the file is the
    one every interview was once coded with, but that interview's codings are not its rules'."""
    book = own / "codebook.yaml"
    before = book.read_text(encoding="utf-8")
    edit(own, '"koud water", ', '"koud water", twijfel, ')
    first = sorted((own / "sample_transcripts").glob("*.docx"))[0]
    assert run(own, "code", str(first))[0] == 0
    book.write_text(before, encoding="utf-8")
    code, err = run(own, "tally")
    assert code == 0, err
    said = [w for w in warnings(err) if "last `lernet code`" in w]
    assert len(said) == 1 and "1 of" in said[0], err
