"""Markdown transcripts: optional YAML front matter for metadata, then lines read like .txt."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import TranscriptError
from .labels import RawDocument, RawParagraph
from .tables import title_text
from .tags import extract_tags
from .txt import decode, read_bytes

_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_HTML_COMMENT_RE = re.compile(r"^\s*<!--.*-->\s*$")
# "**I:** text", "**Eva**: text", "_Eva_: text", optionally after a bracketed timestamp.
_EMPHASISED_LABEL_RE = re.compile(
    r"^(?P<lead>\s*(?:\[[^\]\n]{1,30}\]|\([^)\n]{1,30}\))?\s*)"
    r"(?P<mark>\*\*|__|\*|_)(?P<inner>[^*_\n]{1,45}?)(?P=mark)(?P<after>.*)$"
)


def _front_matter(lines: list[str], path: Path) -> tuple[dict[str, object], int]:
    """Parse a leading `---` block; return the metadata and the index of the first body line."""
    if not lines or lines[0].rstrip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise TranscriptError("front matter opened with '---' is never closed", path, 1)
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        raise TranscriptError(f"invalid YAML front matter: {reason}", path, line) from None
    if data is None:
        return {}, end + 1
    if not isinstance(data, dict):
        raise TranscriptError("front matter must be a mapping (key: value lines)", path, 2)
    return {str(k): v for k, v in data.items()}, end + 1


def _paragraph(line: str, number: int) -> RawParagraph | None:
    if not line.strip() or _HEADING_RE.match(line) or _RULE_RE.match(line):
        return None
    if _HTML_COMMENT_RE.match(line):
        return None
    m = _EMPHASISED_LABEL_RE.match(line)
    if m:
        inner = m["inner"].strip()
        return RawParagraph(f"{m['lead']}{inner}{m['after']}", number, bold_prefix=inner)
    return RawParagraph(line, number)


def read(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    metadata, start = _front_matter(lines, path)
    paragraphs = [p for n in range(start, len(lines)) if (p := _paragraph(lines[n], n + 1))]
    paragraphs, tags = extract_tags(paragraphs, path)
    heading = next((line for line in lines[start:] if _HEADING_RE.match(line)), "")
    title = title_text(heading.lstrip(" #").rstrip("# \t"))
    return RawDocument(paragraphs, metadata=metadata, unit="line", annotations=tags, title=title)
