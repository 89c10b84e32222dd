"""`lernet code`'s warnings that say the same of many files, one line per kind.

How a file was read (its first line taken as the header, the paragraphs before the first label
skipped, a speaker taken as the interviewer) is said of each file, and a study's files are often
alike: sixteen files give thirty-two such lines, and the warnings that concern one file (a version
of another, counted twice?) are lost among them. A kind of warning given for `GROUP_FROM` files or
more becomes one line naming how many files and the first few; each file's own wording stays
available from `lernet speakers FILE`, which reads the files as `lernet code` does and says every
warning of each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

GROUP_FROM = 3
"""Files that give one kind of warning before it is said once for all of them."""
SHOWN = 3
"""Files named in a grouped line; the rest are counted ("and 8 more")."""

_HEADER_RE = re.compile(
    r"^(?P<unit>line|paragraph) (?P<n>\d+) \('(?P<line>.*)'\) read as the header, not a turn"
    r"(?:: took '(?P<took>.+)' as the interviewer)?$",
    re.S,
)
_TITLE_RE = re.compile(
    r"^(?P<unit>line|paragraph) \d+ \('(?P<line>.*?)'\).* read as fields of the title above the "
    r"first turn, not as speech(?:: took '(?P<took>.+)' as the interviewer)?$",
    re.S,
)
_PREAMBLE_RE = re.compile(
    r"^skipped (?P<n>\d+) paragraphs? before the first speaker label \((?P<where>[^)]*)\): "
    r"not taken as speech$"
)
_TOOK_RE = re.compile(
    r"^took '(?P<who>.+)' as the interviewer \(\d+ of \d+ turns are questions\); set interviewer "
    r"labels in lernet\.yaml or --interviewer to change$",
    re.S,
)
_FOOTER_RE = re.compile(
    r"^(?P<unit>line|paragraph) (?P<n>\d+) \('(?P<line>.*)'\) is a transcription tool's footer, "
    r"not speech$",
    re.S,
)
_ASKED_RE = re.compile(
    r"^no speaker labels: the (?P<asked>\d+) of (?P<turns>\d+) turns that ask a question "
    r"\(the first at [^)]*\) read as the interviewer's, the rest as the participant's; "
)


@dataclass
class _Kind:
    text: str
    """The grouped line, with {files} where the files go."""
    files: list[str] = field(default_factory=list)
    each: list[tuple[str, str]] = field(default_factory=list)
    """(file, warning) as said of each file, for when too few files give it."""


def _kind_of(warning: str) -> tuple[tuple[str, ...], str] | None:
    """The kind of a routine warning (its key) and its grouped wording, None for one that is
    said of each file on its own."""
    m = _HEADER_RE.match(warning)
    if m:
        took = m["took"]
        text = (
            f"a first speaker line such as '{m['line']}' ({m['unit']} {m['n']} of {{first}}) "
            "read as the file's header, not a turn"
        )
        if took:
            text += f": took '{took}' as the interviewer"
        return ("header", m["unit"], took or ""), text
    m = _TITLE_RE.match(warning)
    if m:
        took = m["took"]
        text = (
            f"labelled lines of a title block such as '{m['line']}' (in {{first}}) read as its "
            "fields, not as speech"
        )
        if took:
            text += f": took '{took}' as the interviewer"
        return ("title", m["unit"], took or ""), text
    m = _PREAMBLE_RE.match(warning)
    if m:
        return ("preamble",), (
            "skipped the paragraphs before the first speaker label: not taken as speech "
            f"({m['n']} in {{first}}, {m['where']})"
        )
    m = _TOOK_RE.match(warning)
    if m:
        return ("took", m["who"]), (
            f"took '{m['who']}' as the interviewer (the speaker who asks most questions); set "
            "interviewer labels in lernet.yaml or --interviewer to change"
        )
    m = _FOOTER_RE.match(warning)
    if m:
        return ("footer", m["line"]), (
            f"the last {m['unit']} ('{m['line']}') is a transcription tool's footer, not speech"
        )
    m = _ASKED_RE.match(warning)
    if m:
        return ("asked",), (
            "no speaker labels: the turns that ask a question read as the interviewer's, the "
            f"rest as the participant's ({m['asked']} of {m['turns']} turns in {{first}}); where "
            "that is wrong, start the turns with labels such as 'I:' and 'R:'"
        )
    if warning.startswith("no speaker labels found: all text taken as participant speech"):
        return ("unlabelled", warning), warning
    return None


def _some(paths: Sequence[str]) -> str:
    shown = ", ".join(PurePosixPath(p).name for p in paths[:SHOWN])
    more = len(paths) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def group_warnings(
    warnings: Sequence[tuple[str, str]],
) -> tuple[list[str], list[tuple[str, str]]]:
    """(file, warning) pairs in the order said: the grouped lines, one per kind that
    `GROUP_FROM` files or more give ("16 files: …"), and the (file, warning) pairs left to say
    one by one, in their order."""
    kinds: dict[tuple[str, ...], _Kind] = {}
    keyed: list[tuple[tuple[str, ...] | None, str, str]] = []
    for path, warning in warnings:
        found = _kind_of(warning)
        if found is None:
            keyed.append((None, path, warning))
            continue
        key, text = found
        kind = kinds.setdefault(key, _Kind(text))
        if path not in kind.files:
            kind.files.append(path)
        keyed.append((key, path, warning))
    grouped = {key for key, kind in kinds.items() if len(kind.files) >= GROUP_FROM}
    lines = []
    for key in kinds:
        if key in grouped:
            kind = kinds[key]
            first = PurePosixPath(kind.files[0]).name
            lines.append(
                f"{len(kind.files)} files ({_some(kind.files)}): "
                f"{kind.text.replace('{first}', first)} (lernet speakers FILE says it of each)"
            )
    rest = [(path, warning) for key, path, warning in keyed if key not in grouped]
    return lines, rest
