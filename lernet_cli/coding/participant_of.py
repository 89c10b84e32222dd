"""Whose interview a file is (participant, group, label), from the command line, the file,
the participants file or what the file is stored with; and what the command line gave a file,
kept for later runs."""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Participant
from ..project.participants import Participants
from ..store.store import StoredTranscript
from .results import CodeOptions


def _resolve_participant(
    path: Path,
    transcript_meta: dict[str, object],
    participants: Participants,
    options: CodeOptions,
    stored: StoredTranscript | None = None,
) -> tuple[str, str | None, str | None, str]:
    """(participant id, group override, label override, where the id came from).

    A stored transcript of a listed participant that the participants file no longer names
    (its file was renamed: "Interview 1.docx" to "Interview 01.docx", or moved) keeps that
    participant, source "kept": it does not become a participant of its own, in no group.
    What the command line gave the file before (`given_options`) stands where nothing of this
    run, the file or the participants file names another."""
    given = given_options(options, stored)
    group, label = given.get("group"), given.get("label")
    if options.participant:
        return options.participant, group, label, "command line"
    meta_id = transcript_meta.get("participant")
    if meta_id:
        # this run's --group wins; the file's own front matter over what an earlier run gave
        return (
            str(meta_id),
            _str(options.group) or _str(transcript_meta.get("group")) or group,
            _str(options.label) or _str(transcript_meta.get("label")) or label,
            "front matter",
        )
    match = participants.match_file(path)
    if match is not None:
        # a row edited since an earlier run's --group/--label gave the file another: the edit
        # is the researcher's newer word
        changed = row_changed_since(stored, match) - {k for k in GIVEN if getattr(options, k)}
        group = None if "group" in changed else group
        label = None if "label" in changed else label
        return match.id, group, label, "participants file"
    if given.get("participant"):
        return given["participant"], group, label, "command line"
    if stored is not None and stored.participant in participants.people:
        return stored.participant, stored.group_name, stored.label, "kept"
    if stored is not None and options.keep_stored and stored.participant != path.stem:
        return stored.participant, stored.group_name, stored.label, "stored"
    return path.stem, group, label, "file name"


GIVEN = ("participant", "group", "label")
ROW = "row"
"""In what the command line gave a file: the group and label its participant's row had when a
run last gave --group or --label (null where no row named them). A row edited since wins over
what was given: `row_changed_since`."""


def _given_before(stored: StoredTranscript | None) -> dict[str, object]:
    if stored is None or not stored.given:
        return {}
    try:
        kept = json.loads(stored.given)
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def given_options(options: CodeOptions, stored: StoredTranscript | None) -> dict[str, str]:
    """--participant, --group and --label as this run gives them, over what the command line gave
    the file before: a file coded with `--participant P07` stays P07's when a later `lernet code
    FOLDER` (or a re-read after an edit) names nobody, instead of becoming a participant named
    after its file."""
    before = {k: str(v) for k, v in _given_before(stored).items() if k in GIVEN and v}
    values = (options.participant, options.group, options.label)
    now = {k: v for k, v in zip(GIVEN, values, strict=True) if v}
    return {**before, **now}


def row_changed_since(stored: StoredTranscript | None, row: Participant) -> set[str]:
    """Which of "group" and "label" the row gives otherwise than when an earlier run's --group
    or --label was given to the file (one coded with `--group gemeente` before the participants
    file listed them, or whose row's group was edited since): there the row wins. A --group
    given to one interview of someone whose row still says what it said then stays (a role
    changed between rounds). Files coded before lernet kept the row's values: none."""
    then = _given_before(stored).get(ROW)
    if not isinstance(then, dict):
        return set()
    return {
        k
        for k in ("group", "label")
        if _str(getattr(row, k)) is not None and _str(getattr(row, k)) != _str(then.get(k))
    }


def _given_to_keep(
    options: CodeOptions,
    stored: StoredTranscript | None,
    row: Participant | None,
    from_row: bool,
) -> dict[str, object]:
    """What to keep of what the command line gave the file: `given_options`, less a group or
    label its row (`from_row`: the participants file gave the file to it) has changed since,
    with the row's values when this run gives --group or --label (`ROW`)."""
    given: dict[str, object] = {**given_options(options, stored)}
    if from_row and row is not None:
        for key in row_changed_since(stored, row):
            if not getattr(options, key):
                given.pop(key, None)
    if options.group or options.label:
        given[ROW] = {"group": row.group, "label": row.label} if row else {}
    elif "group" in given or "label" in given:
        then = _given_before(stored).get(ROW)
        if isinstance(then, dict):
            given[ROW] = then
    return given


def given_interviewer(options: CodeOptions, stored: StoredTranscript | None) -> list[str]:
    """--interviewer as this run gives it, or else as the command line gave it to the file before
    (a file is read again with the labels it was read with; [] where none was given)."""
    if options.interviewer:
        return list(options.interviewer)
    kept = _given_before(stored).get("interviewer")
    return [str(x) for x in kept] if isinstance(kept, list) else []


def speaker_keys(participants: Participants) -> list[list[str]]:
    """What of the participants file maps speakers to participants, for the coding digest: each
    row's id and names, and the `files:` of rows that share a name (they decide which row's a
    speaker of that name is)."""
    from ..language.text import fold_label as fold

    rows: dict[str, int] = {}
    for p in participants.people.values():
        for key in {fold(n) for n in p.names}:
            rows[key] = rows.get(key, 0) + 1
    out = []
    for p in participants.people.values():
        shared = any(rows[fold(n)] > 1 for n in p.names)
        out.append([p.id, *sorted(p.names), *(["files:", *p.files] if shared else [])])
    return sorted(out)


def _str(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()
