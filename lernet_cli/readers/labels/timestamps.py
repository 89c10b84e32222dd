"""The forms a time takes in a transcript: "0:03", "[00:12:31]", "(12:31 - 12:40)",
f4transkript's "#00:01:23-4#"."""

from __future__ import annotations

import re

# "0:03", "00:12:31.5", and the unpadded "0:0:3.120" of older Teams transcripts.
_TS = r"(?:\d{1,2}:\d{1,2}:\d{1,2}|\d{1,2}:\d{2})(?:[.,]\d{1,3})?"
_RANGE = rf"{_TS}(?:\s*(?:-|–|—|-->)\s*{_TS})?"
_BRACKETED = rf"\[\s*{_RANGE}\s*\]|\(\s*{_RANGE}\s*\)"
_TS_RE = re.compile(_TS)
# f4transkript's and f5's time marks, "#00:01:23-4#" or "#00:01:23#": at a paragraph's end, and
# where the typist pressed the key, at its start too ("#00:00:05# I: ...").
_F4_TIME = r"#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#"
_LEADING_BRACKETED_RE = re.compile(rf"^(?:{_BRACKETED}|{_F4_TIME})\s*[-–—|]?\s*")
_LEADING_BARE_RE = re.compile(rf"^{_RANGE}(?=\s|$)\s*[-–—|]?\s*")
_TRAILING_BRACKETED_RE = re.compile(rf"\s*(?:{_BRACKETED})\s*$")
_ONLY_TS_RE = re.compile(rf"^(?:{_BRACKETED}|{_RANGE})$")


def is_timestamp(text: str) -> bool:
    """Whether a whole string is one timestamp: "00:12:31", "[0:03]", "(12:31 - 12:40)"."""
    return bool(_ONLY_TS_RE.match(text.strip()))


def _first_ts(token: str) -> str | None:
    m = _TS_RE.search(token)
    return m.group(0) if m else None
