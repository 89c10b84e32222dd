"""What a command imports at start-up: a run that finds its settings parsed already does not
import PyYAML, and reading settings never makes a folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import coded_with, invoke_cli

SCRIPT = (
    "import sys\nfrom lernet_cli.cli import main\nsys.argv = ['lernet', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print('yaml', 'yaml' in sys.modules, file=sys.stderr)\n"
)


def _imports_yaml(project: Path, *args: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=project, capture_output=True, text=True
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("yaml "), done.stderr
    return last == "yaml True"


def test_tally_run_again_does_not_import_yaml(project: Path) -> None:
    coded_with(project, "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    _imports_yaml(project, "tally")
    assert not _imports_yaml(project, "tally")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    assert _imports_yaml(project, "tally")  # the edited settings are parsed again


def test_settings_read_again_after_an_edit_are_checked_again(project: Path) -> None:
    coded_with(project, "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    code, _ = invoke_cli("tally")
    assert code == 0
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("language: en\n")  # a second `language:`
    code, out = invoke_cli("tally")
    assert code != 0
    assert "lernet.yaml:3" in out and "duplicate key 'language'" in out, out


def test_reading_settings_of_a_project_without_its_store_makes_no_folder(project: Path) -> None:
    assert not (project / ".lernet").exists()
    code, out = invoke_cli("tally")
    assert code != 0, out
    assert not (project / ".lernet").exists()
