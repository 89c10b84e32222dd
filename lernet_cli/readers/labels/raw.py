"""What every format reader hands over: paragraphs as found, before labels are read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Annotation


@dataclass
class RawParagraph:
    """One paragraph or line as a reader found it, before labels are interpreted.

    `bold_prefix` is the text of the leading bold run(s), if any. `speaker` is set when the format
    already separated the speaker (a table cell): None means "not split", "" means "no speaker".
    """

    text: str
    position: int
    bold_prefix: str | None = None
    speaker: str | None = None
    timestamp: str | None = None
    continues: bool = False
    """The line before this one broke off mid-sentence where the file was hard-wrapped (text from
    pdftotext, say): unless this line starts a turn, it is joined to that line with a space."""
    in_table: bool = False
    """A cell's paragraph, in a table that is no speaker table ("Datum | 12 maart"): never a
    question set in bold, and before the first question no speech."""


@dataclass
class RawDocument:
    """What a format reader returns: paragraphs in order, plus metadata and its own warnings."""

    paragraphs: list[RawParagraph]
    metadata: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unit: str = "line"
    """What `position` counts, for messages: "line" or "paragraph"."""
    annotations: list[Annotation] = field(default_factory=list)
    title: str | None = None
    """The first heading, which is no speech (readers/kind.py reads what it says)."""
    bold_paragraphs: bool = False
    """The reader sees bold in every run, so a paragraph whose `bold_prefix` is its whole text is
    set wholly in bold (Word, OpenDocument): where no labels are found, bold paragraphs that
    alternate with plain ones are the interviewer's questions."""
