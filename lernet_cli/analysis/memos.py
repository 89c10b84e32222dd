"""`lernet memos`: comments and tags that are not counted, anonymized as quotes are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .anonymize import is_cased

if TYPE_CHECKING:
    from ..store.store import Store
    from .anonymize import Redactor

MEMO_COLUMNS = [
    "file",
    "participant",
    "segment",
    "author",
    "made",
    "memo",
    "text",
    "source",
    "reason",
]


def made_on(when: str) -> str | None:
    """The date a memo was made, as this computer's calendar has it (ISO: 2026-12-01), from the
    time the store keeps (ISO 8601, UTC); None where it is not known."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.date().isoformat()


def memo_records(store: Store, redactor: Redactor | None) -> list[dict[str, Any]]:
    """One record per memo. Anonymized, the marked text is redacted as a quote of its turn is:
    whether the turn (not the few words marked) is written with capitals decides whether a
    name's part that is also an ordinary word ("Zuster" of "Zuster Marie") is hidden where
    written in lower case ("de zusters" stays). The reason quotes the parts of a comment that
    name no code, so it is redacted as the comment is."""
    out = []
    for row, turn, made in store.memo_turns():
        file, participant, segment, author, *rest = row
        record = dict(
            zip(
                MEMO_COLUMNS,
                (file, participant, segment, author, made_on(made), *rest),
                strict=True,
            )
        )
        if redactor is not None:
            record["file"] = redactor.file(row[0])
            record["participant"] = redactor.participant(row[1])
            record["author"] = redactor.coder(row[3])
            record["memo"] = redactor.redact(row[4])
            record["text"] = redactor.redact(row[5], is_cased(turn) if turn else None)
            record["reason"] = redactor.redact(row[7])
        out.append(record)
    return out
