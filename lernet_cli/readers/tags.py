"""Inline codes in text transcripts: `[[trust.not_acquainted: we kennen elkaar nauwelijks]]`.

The part before the first colon names one or more codes (ids or labels, separated by commas or
semicolons); the rest is the coded text, which stays in the transcript without the brackets. Tags
may nest and may run over several lines. A `[[` not followed by `name:` is ordinary text, and so is
its closing `]]`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import TranscriptError
from ..model import Annotation
from .labels import RawParagraph

_OPEN_RE = re.compile(r"\[\[(?:(?P<head>[^\[\]:\n]{1,120}):[ \t]?)?")
_TOKEN_RE = re.compile(r"\[\[|\]\]")


def extract_tags(
    paragraphs: list[RawParagraph], path: Path
) -> tuple[list[RawParagraph], list[Annotation]]:
    """Paragraphs with the tag markup removed, and one annotation per tag."""
    open_tags: list[tuple[str | None, int, int, int]] = []  # (codes or None, line, pos, offset)
    out: list[RawParagraph] = []
    notes: list[Annotation] = []
    for para in paragraphs:
        text = para.text
        if "[[" not in text and "]]" not in text and not open_tags:
            out.append(para)
            continue
        kept: list[str] = []
        length = 0
        at = 0
        for m in _TOKEN_RE.finditer(text):
            if m.start() < at:
                continue
            kept.append(text[at : m.start()])
            length += m.start() - at
            if m.group(0) == "[[":
                opener = _OPEN_RE.match(text, m.start())
                assert opener is not None
                head = opener["head"]
                if head is not None and head.strip():
                    open_tags.append((head.strip(), para.position, para.position, length))
                    at = opener.end()
                    continue
                if head is not None:
                    raise TranscriptError(
                        f"tag '{opener.group(0)}' names no code", path, para.position
                    )
                open_tags.append((None, para.position, para.position, length))
                kept.append("[[")
                length += 2
                at = m.end()
                continue
            if not open_tags:
                raise TranscriptError(
                    "']]' closes no tag (tags look like [[code: text]])", path, para.position
                )
            head, _, pos, offset = open_tags.pop()
            if head is None:
                kept.append("]]")
                length += 2
            else:
                notes.append(
                    Annotation(
                        "tag", head, (pos, offset), (para.position, length), ref=str(len(notes))
                    )
                )
            at = m.end()
        kept.append(text[at:])
        new_text = "".join(kept)
        if new_text.strip():
            out.append(
                RawParagraph(
                    new_text, para.position, para.bold_prefix, para.speaker, para.timestamp
                )
            )
    for head, _, pos, _ in open_tags:
        if head is not None:
            raise TranscriptError(f"tag '[[{head}:' is never closed with ']]'", path, pos)
    return out, notes
