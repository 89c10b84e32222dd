"""Forked coding workers leave Ctrl-C to the parent, which keeps what was finished and says so in
one line (a worker that took the interrupt printed its own traceback)."""

from __future__ import annotations

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
    with fork_pool(1) as pool:
        assert pool.map(_handler, [0]) == [signal.SIG_IGN]
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


def test_no_more_workers_than_the_cap() -> None:
    assert 0 <= fork_workers() <= 4
