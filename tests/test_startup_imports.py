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


def test_recoding_from_the_store_imports_no_reader(project: Path) -> None:
    """After a codebook edit, `lernet code` re-codes the stored turns: it reads no file, so it
    imports no reader (their label patterns are a fifth of its start-up)."""
    coded_with(project, "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    codebook = project / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(text.replace("marktpositie]", "marktpositie, marktaandeel]"), "utf-8")
    script = (
        "import sys\nfrom lernet_cli.cli import main\nsys.argv = ['lernet', 'code']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('readers', 'lernet_cli.readers' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True
    )
    assert "1 re-coded" in done.stdout + done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "readers False", done.stderr
