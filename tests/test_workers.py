"""Forked coding workers leave Ctrl-C to the parent, which keeps what was finished and says so in
one line (a worker that took the interrupt printed its own traceback)."""

from __future__ import annotations

import gc
import multiprocessing
import signal

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
