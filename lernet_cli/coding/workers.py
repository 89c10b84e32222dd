"""Forked worker processes for coding, shared by `lernet code` and re-coding from the store."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool

MAX_WORKERS = 4


def fork_workers() -> int:
    """How many forked workers to use: 0 where there is one core or no fork (then code in this
    process)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cores or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(cores or 2, MAX_WORKERS)


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle (it keeps the files finished and says so); a worker
    that took it too would print its own traceback. A worker collects its garbage as usual,
    even when the parent paused collection while it waits (`sealed.gc_paused`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


@contextmanager
def fork_pool(processes: int) -> Iterator[Pool]:
    """A pool of forked workers that leave Ctrl-C to the parent.

    What the workers inherit (the codebook's index, the lemmatizer, the word forms: hundreds of
    thousands of objects that live as long as they do) is frozen out of the garbage collector
    while the pool runs: a worker's full collections would walk all of it again and again, and
    copy the pages they touch."""
    with (
        frozen(),
        multiprocessing.get_context("fork").Pool(processes, initializer=_ignore_interrupt) as pool,
    ):
        yield pool


@contextmanager
def frozen() -> Iterator[None]:
    """What lives now (the codebook, its index, the word forms) out of the garbage collector's
    way while files are coded, in this process as in forked workers; given back at the end."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
