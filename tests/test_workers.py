"""Forked coding workers leave Ctrl-C to the parent, which keeps what was finished and says so in
one line (a worker that took the interrupt printed its own traceback)."""

from __future__ import annotations

import gc
import multiprocessing
import signal
from pathlib import Path
from typing import Any

import pytest

from lernet_cli.coding.workers import fork_pool, fork_workers


def _handler(_: int) -> object:
    return signal.getsignal(signal.SIGINT)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_workers_ignore_ctrl_c() -> None:
    """The parent's own handler stays as it was (whatever it was: a test run started in the
    background may ignore Ctrl-C from the start)."""
    before = signal.getsignal(signal.SIGINT)
    with fork_pool(1) as pool:
        assert pool.map(_handler, [0]) == [signal.SIG_IGN]
    assert signal.getsignal(signal.SIGINT) is before


def _frozen(_: int) -> int:
    return gc.get_freeze_count()


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_what_the_workers_inherit_is_frozen_while_they_run() -> None:
    """The workers' collector leaves the inherited objects alone; the parent's gets them back."""
    assert gc.get_freeze_count() == 0
    with fork_pool(1) as pool:
        assert pool.map(_frozen, [0])[0] > 0
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_no_more_workers_than_the_cap() -> None:
    assert 0 <= fork_workers() <= 4


def test_coding_in_this_process_gives_the_collector_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coding a few files in this process freezes what lives (codebook, index) out of the
    collector's way while it runs, and unfreezes it at the end; the collector stays on."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app
    from tests.conftest import DEFAULT_CODEBOOK, SAMPLES

    seen: list[int] = []
    from lernet_cli.coding import read_and_code

    real = read_and_code._read_and_code

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(read_and_code, "_read_and_code", spy)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lernet.yaml").write_text(f'codebook: "{DEFAULT_CODEBOOK}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(SAMPLES / "p05_bedrijf_zorg.txt")])
    assert result.exit_code == 0, result.stderr
    assert seen and all(n > 0 for n in seen)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def _collects(_: int) -> bool:
    return gc.isenabled()


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_workers_collect_garbage_while_the_parent_pauses_collection() -> None:
    """Re-coding pauses the parent's collector while it holds every stale transcript's words;
    the workers it forks then still collect theirs."""
    from lernet_cli.sealed import gc_paused

    with gc_paused(), fork_pool(1) as pool:
        assert not gc.isenabled()
        assert pool.map(_collects, [0]) == [True]
    assert gc.isenabled()


def test_recoding_gives_the_collector_back(project: Path) -> None:
    from .conftest import coded_with, invoke_cli

    coded_with(project, "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n")
    codebook = project / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    codebook.write_text(text.replace("marktpositie]", "marktpositie, marktaandeel]"), "utf-8")
    code, out = invoke_cli("code")
    assert code == 0 and "1 re-coded" in out, out
    assert gc.isenabled()
