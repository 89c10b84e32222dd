"""Transcripts imported from another tool (`lernet import qdpx`) under `lernet code`: their
interviewer follows the project's interviewer labels as a file's does, and the codebook's rules
code them as they code files (coding/recode.py), the other tool's codings kept as they are.

An imported transcript has no file to read again, so its turns' roles are set again from the
stored turns, with the labels of lernet.yaml, the way `readers.labels` sets a file's: whenever
those labels differ from the ones its roles were last given with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..codebook.codebook import Codebook
from ..project.project import DEFAULT_INTERVIEWER_LABELS
from ..store.imported import RoleChange
from ..store.store import Store
from .digests import code_digests, digest_of

LABELS_KEY = "imported_interviewer_labels"
"""Store meta: the interviewer labels the imported transcripts' roles were last given with."""


def remember_labels(store: Store, labels: list[str]) -> None:
    """The labels an import gave the roles with (the new project's)."""
    store.set_meta(LABELS_KEY, json.dumps(labels, ensure_ascii=False))


@dataclass
class Followed:
    changes: list[RoleChange]
    warnings: list[tuple[str, str]]
    """(transcript, warning) as reading a file gives them ("took 'Sam' as the interviewer")."""


def follow_interviewer_labels(store: Store, labels: list[str]) -> Followed:
    """Give the imported transcripts' turns their roles again when the project's interviewer
    labels changed since they were given (an older lernet's import, which kept none: when
    lernet.yaml names other labels than the usual ones). A turn that becomes the interviewer's
    stops counting; another tool's codings on it become memos, and back again
    (store/imported.py)."""
    remembered = store.get_meta(LABELS_KEY)
    if remembered is None and labels == DEFAULT_INTERVIEWER_LABELS:
        return Followed([], [])
    if remembered is not None and json.loads(remembered) == labels:
        return Followed([], [])
    from ..readers.labels import assign_roles

    explicit = None if labels == DEFAULT_INTERVIEWER_LABELS else labels
    out = Followed([], [])
    for tid in store.imported_ids():
        turns = [turn for _, turn in store.segments(tid)]
        chosen, warnings = assign_roles(turns, explicit)
        change = store.set_roles(tid, {i: t.role for i, t in enumerate(turns, 1)}, chosen)
        if change.to_interviewer or change.to_participant:
            out.changes.append(change)
            out.warnings.extend((change.path, w) for w in warnings)
    remember_labels(store, labels)
    return out


@dataclass
class ImportedState:
    """The imported transcripts against the codebook's rules, for what `lernet code` says."""

    total: int
    uncoded: list[str]
    """Paths of those the codebook's rules (as they are now) have not coded."""
    codings: int
    """The other tool's codings in all of them (kept as they are, whatever the rules do)."""
    has_rules: bool


def imported_state(store: Store, codebook: Codebook) -> ImportedState:
    ids = set(store.imported_ids())
    if not ids:
        return ImportedState(0, [], 0, bool(codebook.rule_codes()))
    rules = digest_of(code_digests(codebook))
    uncoded = [t.path for t in store.transcripts() if t.id in ids and t.rules_digest != rules]
    marks = ",".join("?" * len(ids))
    (codings,) = store.conn.execute(
        f"SELECT COUNT(*) FROM codings WHERE source = 'import' AND transcript_id IN ({marks})",
        sorted(ids),
    ).fetchone()
    return ImportedState(len(ids), uncoded, int(codings), bool(codebook.rule_codes()))
