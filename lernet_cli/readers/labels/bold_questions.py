"""A transcript without labels whose questions are set in bold."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Role
from .lines import _Line
from .questions import is_question
from .raw import RawDocument, RawParagraph

BOLD_SPEAKERS: dict[Role, str] = {"interviewer": "Interviewer", "participant": "Respondent"}
"""The speakers of a transcript without labels whose questions are set in bold: role words, so
an export read back (REFI-QDA) gives each turn its role again."""
MIN_BOLD_QUESTIONS = 2
"""Bold paragraphs, each followed by plain ones, that make a transcript one of bold questions."""


def _wholly_bold(para: RawParagraph) -> bool:
    if para.in_table or para.speaker is not None or not para.bold_prefix:
        return False
    return para.bold_prefix.split() == para.text.replace("\u00a0", " ").split()


@dataclass
class _BoldQuestions:
    first: int
    """Index of the first question's line: the lines before it are a title or header."""
    asks: list[bool]
    """Per line: set wholly in bold (the interviewer's)."""


def _bold_questions(doc: RawDocument, lines: list[_Line]) -> _BoldQuestions | None:
    """In a transcript without labels, whole paragraphs in bold that alternate with plain ones
    (at least `MIN_BOLD_QUESTIONS` times), and half of them or more questions, are the
    interviewer's: the plain paragraphs after each are the answer. Bold section headings
    ("Achtergrond", "Samenwerking") ask nothing, so a document of them is left as it was."""
    if not doc.bold_paragraphs or any(line.pre_split for line in lines):
        return None
    asks = [_wholly_bold(line.para) for line in lines]
    if True not in asks:
        return None
    first = asks.index(True)
    runs: list[list[int]] = []  # indices of consecutive bold lines, from the first on
    answered = 0
    for i in range(first, len(lines)):
        if asks[i] and not (i > first and asks[i - 1]):
            runs.append([])
        if asks[i]:
            runs[-1].append(i)
        elif asks[i - 1]:
            answered += 1
    if answered < MIN_BOLD_QUESTIONS:
        return None
    questions = [any(is_question(lines[i].body) for i in run) for run in runs]
    if 2 * sum(questions) < len(runs):
        return None
    # A bold title just above the first question ("Interview 3 - 20 maart") is no question.
    opening = next((i for i in runs[0] if is_question(lines[i].body)), runs[0][0])
    return _BoldQuestions(opening, asks)
