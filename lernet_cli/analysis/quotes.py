"""Quotes: the sentences that carry the evidence, anonymized, attributed by role only."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..codebook.codebook import Codebook
from ..language.text import sentences_covering, split_sentences
from ..project.participants import Participants
from ..store.store import CodingRow
from .anonymize import Redactor, is_cased
from .people import person_of


@dataclass
class Quote:
    theme: str
    code: str
    participant: str
    group: str
    label: str
    text: str
    file: str
    segment: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def sentence_span(segment_text: str, start: int, end: int) -> tuple[int, int]:
    """Where the whole sentence(s) around the evidence span stand in the segment's text."""
    from ..language.text import Doc

    doc = Doc(text=segment_text, tokens=[], sentences=split_sentences(segment_text))
    return sentences_covering(doc, start, end)


def changed_in_review(row: CodingRow) -> bool:
    """A code a reviewer put in place of the rule's (`lernet review`, answer c): it stands on the
    rule's evidence, which was evidence for the rule's code, not for this one."""
    return row.source == "review" and (row.note or "").startswith("changed from")


def quote_span(row: CodingRow) -> tuple[int, int]:
    """What a coding's quote covers: the sentence(s) around its evidence; for a code changed in
    review the whole turn, which is what the reviewer judged (the rule's sentence may say
    nothing of the new code: "In het begin was het aftasten" for a phase of growth)."""
    text = row.segment_text
    if changed_in_review(row):
        return len(text) - len(text.lstrip()), len(text.rstrip())
    return sentence_span(text, row.start, row.end)


def evidence_sentences(segment_text: str, start: int, end: int) -> str:
    """The whole sentence(s) around the evidence span, whitespace tidied."""
    a, b = sentence_span(segment_text, start, end)
    return " ".join(segment_text[a:b].split())


def collect_quotes(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    redactor: Redactor | None,
    group: str | None = None,
) -> list[Quote]:
    """One quote per participant, segment and code, in codebook order; duplicates dropped, and of
    two quotes of one turn where one holds the other (a person's comment and the rule's sentence
    in it) only the longer."""
    order = {c.id: i for i, c in enumerate(codebook.walk())}
    out: list[Quote] = []
    seen: set[tuple[str, str, str]] = set()
    in_turn: dict[tuple[str, str, str, int], list[int]] = {}
    for row in sorted(
        rows, key=lambda r: (order.get(r.code, 1 << 30), r.participant, r.path, r.segment)
    ):
        person = person_of(row, participants)
        if group is not None and person.group.casefold() != group.casefold():
            continue
        a, b = quote_span(row)
        text = " ".join(row.segment_text[a:b].split())
        shown, label, file = row.participant, person.label, row.path
        if redactor is not None:
            file = redactor.file(row.path)
            text = redactor.redact(text, is_cased(row.segment_text))
            shown = redactor.participant(row.participant)
            # The researcher's own label ("library user") is written as it is meant: redacted
            # as cased text, so an ordinary word that is also part of a name stays.
            label = shown if label == row.participant else redactor.redact(label, True)
        key = (row.code, row.participant, text)
        if key in seen:
            continue
        seen.add(key)
        turn = (row.code, row.participant, row.path, row.segment)
        held = in_turn.setdefault(turn, [])
        if any(text in out[i].text for i in held):
            continue
        wider = [i for i in held if out[i].text in text]
        code = codebook.codes.get(row.code)
        if wider:
            out[wider[0]].text = text
            continue
        held.append(len(out))
        out.append(
            Quote(
                theme=code.theme if code else row.code.split(".")[0],
                code=row.code,
                participant=shown,
                group=person.group,
                label=label,
                text=text,
                file=file,
                segment=row.segment,
            )
        )
    return out


def format_quote(quote: Quote, template: str) -> str:
    """The quote in the project's attribution; quotation marks inside a quote the template puts
    between “…” become ‘…’, as nested quotes are written."""
    text = quote.text
    if "“{quote}”" in template:
        text = text.replace("“", "‘").replace("”", "’")
    return template.replace("{quote}", text).replace("{label}", quote.label)
