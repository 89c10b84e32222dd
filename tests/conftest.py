from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

# Lemma dictionaries are built once per machine; keep the tests' copy out of the user's cache.
os.environ.setdefault("LERNET_CACHE_DIR", str(Path(tempfile.gettempdir()) / "lernet-test-cache"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_transcripts"
DEFAULT_CODEBOOK = ROOT / "codebooks" / "lerende-netwerken.yaml"


def eval_script(name: str) -> ModuleType:
    """eval/<name>.py as a module (eval/ is no package; importing one runs nothing)."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", ROOT / "eval" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


MINI_CODEBOOK = """\
version: 1
name: mini
themes:
  - id: trust
    label: {nl: Vertrouwen, en: Trust}
    codes:
      - id: not_acquainted
        label: {nl: Elkaar nog niet goed kennen, en: Not acquainted}
        match:
          - all: [elkaar, [kennen, ontmoeten, spreken]]
            negation: require
        examples: ["We kennen elkaar nog nauwelijks."]
        counterexamples: ["We kennen elkaar goed."]
      - id: built
        label: {nl: Vertrouwen door bijdragen, en: Trust through contribution}
        match:
          - all: [vertrouwen, [bijdragen, inbrengen]]
            within: 12
  - id: competition
    label: {nl: Concurrentie, en: Competition}
    codes:
      - id: protect_position
        label: {nl: Positie beschermen, en: Protect position}
        match:
          - any: ["*concurrent*", marktpositie]
  - id: interest_balance
    label: {nl: Belangenbalans, en: Interest balance}
    analysis: matrix
    directional: true
    directions:
      bring: [brengen, inbrengen, aanbieden, delen]
      take: [halen, ophalen, opdoen, krijgen]
      both: ["over en weer", uitwisselen]
    codes:
      - id: knowledge
        label: {nl: Kennis, en: Knowledge}
        match:
          - any: [kennis, "*kennis"]
"""


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    # The name tags and reviews are stored under when no option names one (`who_codes`): the
    # same on every machine, whoever runs the tests.
    monkeypatch.setenv("LERNET_CODER", "manual")


@pytest.fixture
def mini_codebook(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_CODEBOOK, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, mini_codebook: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project using the mini codebook, with the current folder set to it."""
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(mini_codebook, root / "codebook.yaml")
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def dump_store(root: Path) -> bytes:
    """The store's logical content, for before/after comparisons."""
    import sqlite3

    db = root / ".lernet" / "lernet.db"
    if not db.exists():
        return b""
    conn = sqlite3.connect(db)
    try:
        return "\n".join(conn.iterdump()).encode()
    finally:
        conn.close()


def file_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture(scope="session")
def coded_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus coded once with the default codebook, in a temporary project."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLES, root / "sample_transcripts")
    (root / "lernet.yaml").write_text(
        f"codebook: {DEFAULT_CODEBOOK}\nparticipants: sample_transcripts/participants.yaml\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["code", "--project", str(root), str(root / "sample_transcripts")]
    )
    assert result.exit_code == 0, result.stderr
    return root


def coded_with(project: Path, text: str, name: str = "good.txt") -> Path:
    """The project with one transcript of `text` coded through the CLI."""
    (project / name).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", name)
    assert code == 0, out
    return project


def coded_study(project: Path, codebook_extra: str, csv: str, texts: dict[str, str]) -> Path:
    """The project with `codebook_extra` added to its codebook, `csv` as its participants file
    and `texts` (file name -> text) coded through the CLI."""
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + codebook_extra, encoding="utf-8")
    (project / "participants.csv").write_text(csv, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    for name, text in texts.items():
        (project / name).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", *texts)
    assert code == 0, out
    return project


def invoke_cli(*args: str) -> tuple[int, str]:
    """A lernet command through CliRunner: its exit code and everything it printed; a traceback
    (any exception but the exit) fails the test."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout + result.stderr
