"""Reviewing machine-made codings (rules, protocol) one at a time: accept, reject, change, skip.

Each decision is written at once, so a review can stop anywhere and resume with what is still
pending. Changing a code rejects the proposal and stores the reviewer's code on the same span.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from ..codebook.codebook import Codebook
from ..errors import UsageError
from ..store.store import REVIEWABLE, CodingRow, Store
from .manual import find_code

DECISIONS = {
    "a": "accept",
    "accept": "accept",
    "y": "accept",
    "j": "accept",
    "r": "reject",
    "reject": "reject",
    "n": "reject",
    "c": "change",
    "change": "change",
    "s": "skip",
    "skip": "skip",
    "": "skip",
    "q": "quit",
    "quit": "quit",
    "stop": "quit",
}


def default_reviewer() -> str:
    """Who is reviewing: $LERNET_CODER, else the login name."""
    name = os.environ.get("LERNET_CODER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "reviewer"
    except (KeyError, OSError):
        return "reviewer"


def queue(store: Store, codes: list[str] | None = None) -> list[CodingRow]:
    """Pending machine-made codings, in file and segment order."""
    return store.coding_rows(codes=codes, sources=REVIEWABLE, statuses=["pending"])


def parse_decision(answer: str) -> str | None:
    return DECISIONS.get(answer.strip().lower())


@dataclass
class Tally:
    accepted: int = 0
    rejected: int = 0
    changed: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return (
            f"{self.accepted} accepted, {self.rejected} rejected, {self.changed} changed, "
            f"{self.skipped} skipped"
        )


def decide(
    store: Store,
    codebook: Codebook,
    row: CodingRow,
    decision: str,
    reviewer: str,
    new_code: str | None = None,
    tally: Tally | None = None,
) -> None:
    """Record one decision on one coding (skip records nothing)."""
    tally = tally if tally is not None else Tally()
    if decision == "accept":
        store.set_review(row.id, "accepted", reviewer)
        tally.accepted += 1
    elif decision == "reject":
        store.set_review(row.id, "rejected", reviewer)
        tally.rejected += 1
    elif decision == "change":
        code = find_code(codebook, new_code or "")
        if code is None:
            raise UsageError(f"unknown code {new_code!r}")
        if code.id == row.code:
            store.set_review(row.id, "accepted", reviewer)
            tally.accepted += 1
        else:
            store.change_code(row.id, code.id, reviewer)
            tally.changed += 1
    elif decision == "skip":
        tally.skipped += 1
    else:
        raise UsageError(f"unknown decision {decision!r}")
