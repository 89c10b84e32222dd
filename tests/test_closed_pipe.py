"""A reader of standard output that stops early (`lernet codings | head -1`, `| true`) ends the
command quietly with exit code 0: no traceback, no "Exception ignored", no exit code 1 that
`set -o pipefail` takes for a failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import coded_with

TEXT = (
    "I: Hoe is het contact?\n"
    "R: We kennen elkaar nog niet goed, en de concurrent kijkt mee.\n"
    "I: En de kennis?\n"
    "R: Wij brengen onze kennis in en halen kennis op bij de anderen.\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["codings"],  # a table rich draws
        ["tally"],
        ["quotes", "--format", "md"],
        ["codings", "--format", "csv"],
        ["tally", "--format", "json"],
        ["--help"],  # typer's help, drawn with rich
        ["--version"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_0(project: Path, args: list[str]) -> None:
    coded_with(project, TEXT)
    run = subprocess.Popen(
        [sys.executable, "-m", "lernet_cli", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # gone before lernet has started: its first write finds no reader
    err = run.stderr.read().decode("utf-8", "replace")
    assert run.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert "BrokenPipe" not in err


def test_another_broken_pipe_is_no_success(project: Path) -> None:
    """A broken pipe that is not standard output's (a worker's) says the command failed."""
    coded_with(project, TEXT)
    script = (
        "import sys\n"
        "from lernet_cli.store.store import Store\n"
        "def broken(*args, **kwargs):\n"
        "    raise BrokenPipeError(32, 'a pipe to a worker')\n"
        "Store.open = broken\n"
        "from lernet_cli.cli import main\n"
        "sys.argv = ['lernet', 'tally']\n"
        "main()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, timeout=120
    )
    assert run.returncode != 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [["tally"], ["codings", "--format", "csv"], ["quotes", "--format", "md"], ["--help"]],
)
def test_standard_output_on_a_full_disk_is_one_line_and_exit_3(
    project: Path, args: list[str]
) -> None:
    """`lernet tally > /dev/full`: no traceback, no "Exception ignored" at exit, exit code 3 as
    `--output` on a full disk; the store as it was."""
    coded_with(project, TEXT)
    db = project / ".lernet" / "lernet.db"
    before = db.read_bytes()
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "lernet_cli", *args],
            cwd=project,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 3, err
    assert err.splitlines()[-1] == (
        "lernet: error: cannot write standard output: No space left on device"
    )
    assert "Traceback" not in err and "Exception ignored" not in err
    assert db.read_bytes() == before
