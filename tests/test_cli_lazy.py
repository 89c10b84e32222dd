"""`lernet` registers only the command it runs: the same command, the same help, the same
errors as with every command registered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli import cli
from lernet_cli.cli import common

runner = CliRunner()


def _names() -> list[list[str]]:
    out = []
    for group, name, _, _ in cli._COMMANDS:
        out.append([name] if group is None else [group, name])
    return out + [[group] for group in cli._GROUPS]


def test_wanted_names_the_command_or_asks_for_all() -> None:
    assert cli.wanted(["tally", "--format", "csv"]) == frozenset({"tally"})
    assert cli.wanted(["codebook", "check", "x.yaml"]) == frozenset({"codebook"})
    assert cli.wanted(["coders"]) == frozenset({"coders"})
    for args in ([], ["--help"], ["-h"], ["--version"], ["talli"], ["Tally"]):
        assert cli.wanted(args) is None, args


@pytest.mark.parametrize("args", _names(), ids=" ".join)
def test_one_command_registered_helps_as_with_all(args: list[str]) -> None:
    full = runner.invoke(cli.register(None), [*args, "--help"], terminal_width=100)
    try:
        alone = runner.invoke(cli.register(cli.wanted(args)), [*args, "--help"], terminal_width=100)
    finally:
        cli.register(None)
    assert full.exit_code == 0, full.output
    assert alone.exit_code == full.exit_code
    assert alone.output == full.output


def test_every_command_is_registered_for_the_app() -> None:
    app = cli.register(frozenset({"tally"}))
    assert [c.name for c in app.registered_commands] == ["tally"]
    from lernet_cli.cli import app as everything

    names = [c.name for c in everything.registered_commands]
    assert names == [name for group, name, _, _ in cli._COMMANDS if group is None]
    assert everything is common.app
    assert [c.name for c in common.coders_app.registered_commands] == ["same", "apart"]


def test_the_program_imports_only_the_command_it_runs(tmp_path: Path) -> None:
    """Through the entry point: `lernet tally` in an empty folder fails as before, without
    importing the other commands' modules."""
    script = (
        "import json, sys\nfrom lernet_cli.cli import main\nsys.argv = ['lernet', 'tally']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n"
        "    print('exit', exc.code, file=sys.stderr)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lernet_cli.cli.'))),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    *said, exit_line, loaded = done.stderr.splitlines()
    assert said[0].startswith("lernet: error: ") and "not inside a lernet project" in said[0]
    assert exit_line == "exit 3"
    assert json.loads(loaded) == [
        "lernet_cli.cli.columns",
        "lernet_cli.cli.common",
        "lernet_cli.cli.notes",
        "lernet_cli.cli.tally",
    ]


def test_a_misspelt_command_still_gets_its_suggestion() -> None:
    from lernet_cli.cli import main

    done = subprocess.run(
        [sys.executable, "-c", "from lernet_cli.cli import main; main()", "talyl"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "talyl" in done.stderr and "tally" in done.stderr, done.stderr
    assert main is cli.main


def test_shows_help_for_help_groups_alone_and_lernet_itself() -> None:
    for args in (["--help"], [], ["tally", "-h"], ["tally", "--help"], ["codebook"], ["talli"]):
        assert cli.shows_help(args), args
    for args in (["tally"], ["codebook", "check"], ["coders"], ["quotes", "--theme", "trust"]):
        assert not cli.shows_help(args), args


def _run_main(cwd: Path, *args: str) -> tuple[str, str, list[str]]:
    script = (
        "import json, sys\nfrom lernet_cli.cli import main\nsys.argv = ['lernet', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich' "
        "or m == 'typer.rich_utils')), file=sys.stderr)\n"
    )
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True, env=env
    )
    *said, loaded = done.stderr.splitlines()
    return done.stdout, "\n".join(said), json.loads(loaded)


def test_a_command_without_help_does_not_load_typers_rich_help(tmp_path: Path) -> None:
    """`lernet tally` outside a project: the same one-line error, and neither rich nor typer's
    help panels imported; its help keeps the panels."""
    out, err, loaded = _run_main(tmp_path, "tally", "--format", "json")
    assert err.startswith("lernet: error: ") and "not inside a lernet project" in err
    assert loaded == []
    out, err, loaded = _run_main(tmp_path, "tally", "--formt", "json")
    assert err == (
        "lernet: error: lernet tally: no option --formt (did you mean --format?); "
        "see lernet tally -h"
    )
    out, err, loaded = _run_main(tmp_path, "tally", "--help")
    assert "typer.rich_utils" in loaded and "╭─ Options" in out and "--format" in out
    out, err, loaded = _run_main(tmp_path, "codebook")
    assert "╭─ Commands" in out and "check" in out
