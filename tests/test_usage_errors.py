"""A mistyped command line is one line on stderr and exit code 2: no box, no "(env var:
'None')", no "integer range"; the option or command meant, when it is close."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["quotes", "--theme", "x", "--limit", "twee"], "--limit needs a whole number"),
        (["quotes", "--limit", "twee"], "(got 'twee')"),
        (["report", "-o", "r.md", "--quotes", "drie"], "--quotes needs a whole number"),
        (["tally", "-by", "group"], "no option -by (did you mean --by?)"),
        (["quotes", "--theem", "x"], "no option --theem (did you mean --theme?)"),
        (["tallyy"], "no command 'tallyy' (did you mean 'tally'?)"),
        (["codebook", "chek"], "no command 'chek' (did you mean 'check'?)"),
        (["tally", "a", "b"], "lernet tally: got unexpected extra arguments (a b)"),
        (["report"], "lernet report: the option --output is needed"),
        (["tally", "--format"], "--format needs a value"),
        (  # report, cases and agree write to -o; the exports take the file as an argument
            ["export", "csv", "-o", "codings.csv"],
            "no option -o: name the file to write without it (lernet export csv OUT)",
        ),
        (["export", "qdpx", "--output", "s.qdpx"], "(lernet export qdpx OUT)"),
    ],
)
def test_usage_error_is_one_line(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr
    assert result.stderr.startswith("lernet: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    for noise in ("env var", "integer range", "╭", "│", "Usage:"):
        assert noise not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [[], ["codebook"]])
def test_a_group_alone_shows_its_help(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Usage: lernet" in result.stdout + result.stderr
    assert "lernet: error" not in result.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["nosuch"], "lernet: error: no command 'nosuch'; see lernet -h\n"),
        (["--bogus"], "lernet: error: no option --bogus; see lernet -h\n"),
        (["export", "nosuch"], "lernet: error: lernet export: no command 'nosuch'; "),
    ],
)
def test_lernet_is_named_once_at_the_top(args: list[str], line: str) -> None:
    """`lernet: error: lernet: …` said the program twice; a subcommand still says which."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(line)
