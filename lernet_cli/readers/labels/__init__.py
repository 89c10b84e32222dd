"""Turn raw paragraphs into speaker turns: find labels, timestamps and who the interviewer is.

Every format reader hands over the same `RawDocument`, so label detection behaves identically for
.txt, .md and .docx. Labels are recognised per document, not per line: a label that recurs, is a
known role word, or is set in bold is trusted; a one-off "Wat ik belangrijk vind: ..." is not.

A module per step (`turns.build_transcript` runs them); the names other modules use are here.
"""

from __future__ import annotations

from ...language.text import fold_label as fold
from .interviewer import assign_roles
from .lines import label_alone
from .not_speech import tool_footer
from .questions import asks, is_question
from .raw import RawDocument, RawParagraph
from .shape import clean_label, device_owner, looks_like_label, role_word
from .timestamps import is_timestamp
from .turns import build_transcript
from .words import NOT_LABELS, PARTICLES

__all__ = [
    "NOT_LABELS",
    "PARTICLES",
    "RawDocument",
    "RawParagraph",
    "asks",
    "assign_roles",
    "build_transcript",
    "clean_label",
    "device_owner",
    "fold",
    "is_question",
    "is_timestamp",
    "label_alone",
    "looks_like_label",
    "role_word",
    "tool_footer",
]
