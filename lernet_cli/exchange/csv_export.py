"""A flat CSV of the codings, one row per coding, for spreadsheets and R/SPSS."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from ..analysis.people import make_redactor, person_of, shown_note, values_shown
from ..codebook.codebook import LANGS, Codebook
from ..coding.review import codebook_for_rules, rule_text
from ..output.files import check_new, write_output
from ..output.render import csv_writer, spreadsheet_text
from ..project.participants import Participants
from ..project.project import Project
from ..store.store import Store
from .qdpx_text import render_turn
from .spans import DEFAULT_SPAN, check_span, passage

CSV_COLUMNS = [
    "participant",
    "group",
    "theme",
    "code",
    "coder",
    "status",
    "direction",
    "text",
    "file",
    "segment",
    "evidence",
    "theme_label",
    "code_label",
    "direction_label",
    "status_label",
    "note",
    "rule",
]
"""The columns, ids first (for scripts: the names and order of the first eleven never change),
then the theme's and code's labels and the direction and status in the project's language, as a
table in a thesis shows them: the direction in the codebook's words (`direction_labels:`) where it
has them, as the matrix; then what a person wrote with the coding (a comment's words after the
code, anonymized as the text is); last the rule that made it and the words it fired on (as
review shows them; empty for what a person coded). After them, a column per participant
variable (a participants CSV's other columns, participants.yaml's `variables:`), named as the file
names it (`participant_NAME` where that is one of these columns' names)."""

STATUS_TEXT = {
    "nl": {"pending": "te beoordelen", "accepted": "geaccepteerd", "rejected": "afgewezen"},
    "en": {"pending": "to review", "accepted": "accepted", "rejected": "rejected"},
}
"""A coding's status in words: a rule's coding no one has reviewed yet is `pending`."""


def _label(codebook: Codebook, code_id: str | None, language: str) -> str:
    code = codebook.codes.get(code_id) if code_id else None
    return code.label(language) if code else ""


def delimiter_for(choice: str, language: str) -> str:
    """`--delimiter`: 'auto' (the project's language), or ',', ';' or 'tab': the rule every CSV
    lernet writes follows (output.render.csv_delimiter)."""
    from ..output.render import csv_delimiter

    return csv_delimiter(choice, language)


def export_csv(
    store: Store,
    codebook: Codebook,
    participants: Participants,
    out: Path,
    anonymize: bool = True,
    overwrite: bool = False,
    span: str = DEFAULT_SPAN,
    project: Project | None = None,
    delimiter: str = ",",
    transcripts: Iterable[int] | None = None,
) -> int:
    """One row per coding (rejected ones, and those under codes the codebook lacks, left out) for
    Excel, R or pandas; returns the rows.

    UTF-8 with a byte-order mark, so Excel shows accents right. `text` is the coding's passage as
    `span` has it (by default the evidence sentence(s); what a person marked stays as marked),
    `evidence` the words the coding rests on. `transcripts`: those transcripts' codings alone
    (ids; `--file`).
    """
    check_span(span)
    check_new(out, overwrite)
    language = project.language if project is not None and project.language in LANGS else "nl"
    statuses = STATUS_TEXT[language]
    redactor = make_redactor(participants, store, project) if anonymize else None
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter)
    variables = participants.variable_names
    # a value as tally --by and the qdpx export show it: two values never merged into one
    shown_values = (
        {v: values_shown(participants, v, redactor) for v in variables} if redactor else {}
    )
    writer.writerow(
        [*CSV_COLUMNS, *(f"participant_{v}" if v in CSV_COLUMNS else v for v in variables)]
    )
    # codings under codes the codebook lacks are left out, as counting leaves them out
    rows = [r for r in store.coding_rows(transcripts=transcripts) if r.code in codebook.codes]
    rules = codebook_for_rules(codebook, project.cache_dir if project is not None else None)
    for row in rows:
        person = person_of(row, participants)
        code = codebook.codes.get(row.code)
        # redacted between the boundaries of both, so that neither shows part of a name
        shown, ((a, b), (ea, eb)) = render_turn(
            row.segment_text, [passage(row, span), (row.start, row.end)], redactor
        )
        text, evidence = " ".join(shown[a:b].split()), " ".join(shown[ea:eb].split())
        cells = [
            redactor.participant(row.participant) if redactor else row.participant,
            person.group,
            code.theme if code else row.code.split(".")[0],
            row.code,
            redactor.coder(row.coder) if redactor else row.coder,
            row.status,
            row.direction or "",
            text,
            redactor.file(row.path) if redactor else row.path,
            str(row.segment),
            evidence,
            _label(codebook, code.theme if code else None, language),
            code.label(language) if code else "",
            codebook.direction_word(row.code, row.direction, language) if row.direction else "",
            statuses.get(row.status, row.status),
            shown_note(row, redactor),
            rule_text(rules, row, redactor),
            *(
                # a variable may name a person (an interviewer, a contact): hidden
                (shown_values[v].get(value) or redactor.redact(value, True)) if redactor else value
                for v, value in (
                    (v, participants.value_of(row.participant, v) or "") for v in variables
                )
            ),
        ]
        writer.writerow([spreadsheet_text(c) for c in cells])
    write_output(out, buffer.getvalue().encode("utf-8-sig"), anonymized=anonymize)
    return len(rows)
