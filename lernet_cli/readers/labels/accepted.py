"""Which lines' labels are taken, judged against the whole document: recurring labels, role
words, a title above, names on lines of their own; the header line that names the interviewer."""

from __future__ import annotations

import re
from collections import Counter

from ...language.scripts import written_as_name
from ...language.text import fold_label as fold
from .lines import _Line
from .questions import is_question
from .shape import _shape
from .timestamps import _ONLY_TS_RE, _RANGE
from .words import NOT_LABELS, PARTICLES


def _accepted(lines: list[_Line]) -> set[int]:
    """Indices of lines whose label is taken, judged against the whole document.

    Strong evidence (a table cell, a recurring label, two different role words) is taken first. A
    label seen once is then taken only beside strong ones or on the first line, so one "Vraag: ..."
    or "Kortom: ..." in unlabelled prose does not turn everything before it into a preamble; one
    "Surname, First" label only beside other labels written so.
    """
    shaped = [(i, line, line.shape) for i, line in enumerate(lines) if line.shape]
    counts = Counter(line.key for _, line, _ in shaped)
    role_keys = {line.key for _, line, s in shaped if s.role}
    taken: set[int] = set()
    for i, line, s in shaped:
        known = s.role or s.name_like or ((s.lower_simple or s.sentence_role) and line.colon)
        if line.pre_split or (known and counts[line.key] >= 2) or (s.role and len(role_keys) > 1):
            taken.add(i)
    if not taken:
        taken |= _short_dialogue(lines)
    comma_taken = any(s.comma for i, _, s in shaped if i in taken)
    first = _after_title(lines)
    for i, line, s in shaped:
        if i in taken or not (s.role or s.name_like) or not (line.rest or line.colon):
            continue
        if s.comma and not comma_taken:
            continue
        if line.rest[:1].islower() and not (s.role and line.colon):
            continue
        if taken or i == 0 or (i == first and s.role != "interviewer"):
            taken.add(i)
    return taken


MAX_TITLE_LINES = 3
MAX_TITLE_WORDS = 10


def _after_title(lines: list[_Line]) -> int:
    """The first line after a title ("Interview Lotte Dekker, 12 maart", "Datum: 12 maart"): up
    to `MAX_TITLE_LINES` short lines without a label or a sentence's end. A label seen once there
    counts as on the first line (a transcript of one answer, a group that each spoke once), unless
    it is the interviewer's role word: one "Vraag:" under a heading of notes is speech."""
    for i, line in enumerate(lines[: MAX_TITLE_LINES + 1]):
        text = line.body.strip()
        if line.shape or line.pre_split:
            return i
        if len(text.split()) > MAX_TITLE_WORDS or text.endswith((".", "?", "!", "…")):
            return 0
    return 0


def _short_dialogue(lines: list[_Line]) -> set[int]:
    """A question and its answer under two different labels on lines next to each other, one of
    them a role word ("Interviewer: Hoe...?" then "Lotte Dekker: Ik heb..."): a short transcript
    whose labels each occur once, after a title line that keeps them off the first line."""
    for i, (one, two) in enumerate(zip(lines, lines[1:], strict=False)):
        a, b = one.shape, two.shape
        if (
            a
            and b
            and one.colon
            and two.colon
            and one.key != two.key
            and (a.role or b.role)
            and (a.role or a.name_like)
            and (b.role or b.name_like)
            and one.rest
            and two.rest
            and is_question(one.rest)
        ):
            return {i, i + 1}
    return set()


def _only_time(line: _Line) -> bool:
    return not line.pre_split and line.shape is None and bool(_ONLY_TS_RE.match(line.body))


_NUMBERED_SPEAKER_RE = re.compile(r"^(?:speaker|spreker|spk|sprecher|locuteur)[\s_]*\d{1,2}$")
"""The labels services give speakers they cannot name ("Speaker 1", "Spreker 2", "Speaker1",
WhisperX's "SPEAKER_00")."""


def _speech(line: _Line | None) -> bool:
    return (
        line is not None
        and not (line.shape or line.para.in_table or _only_time(line))
        and bool(line.body.strip())
    )


def _names_on_own_lines(lines: list[_Line]) -> None:
    """A speaker's name on a line of its own, the speech on the lines after, is a candidate
    label where a time stands beside it: before it (older Teams transcripts: "0:0:3.120 -->
    0:0:9.450", the name, the speech), on its line ("[00:00:00.00] - Speaker 1" of Happy Scribe,
    "00:00:03 Speaker 1" of Word's Transcribe) or on the line after ("Speaker 1", "00:00:03").
    Without a time only a role word or a service's "Speaker 1" is one: a line "Precies" alone
    is speech."""
    for i, line in enumerate(lines):
        if line.shape or line.pre_split or line.para.in_table:
            continue
        text = (line.after_bare if line.bare_ts else line.body).strip()
        if not text or text.endswith(".") or _ONLY_TS_RE.match(text):
            continue
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        timed = bool(line.ts or line.bare_ts) or (before is not None and _only_time(before))
        if after is not None and _only_time(after) and not timed:
            timed, after = True, lines[i + 2] if i + 2 < len(lines) else None
        if not _speech(after):
            continue
        shape = _shape(text)
        if shape is None or not (shape.name_like or shape.role):
            continue
        if timed or shape.role or _NUMBERED_SPEAKER_RE.match(fold(text)):
            line.shape, line.rest, line.colon = shape, "", True
            line.label_ts = line.bare_ts


_LABEL_LIKE_RE = re.compile(
    rf"^(?:(?P<label>[^\W\d_][^\n]{{0,104}}?)\s*(?:[:：](?!\d)|\s{_RANGE}\s*$)"
    rf"|\[(?P<bracketed>[^\W\d_][^\[\]\n]{{0,104}}?)\]\s*(?:[:：](?!\d)|{_RANGE}\s*$))"
)


def _unread_label(lines: list[_Line], unit: str) -> str:
    """Where nothing was taken as a label: an example of a line that looks like one (a short
    text before a colon or a time, recurring), so the reader can see what was not understood."""
    seen: dict[str, _Line] = {}
    for line in lines:
        if line.pre_split:
            continue
        head = line.para.text.replace("\u00a0", " ").strip().partition("\n")[0].rstrip()
        m = _LABEL_LIKE_RE.match(head)
        label = m and (m["label"] or m["bracketed"])
        if not label or len(label.split()) > 8:
            continue
        key = fold(label)
        if key.split()[0].strip(",.") in NOT_LABELS:  # "Datum:", "Opmerking:"
            continue
        if key in seen:
            first = seen[key]
            shown = first.para.text.strip().partition("\n")[0].strip()
            if len(shown) > 80:
                shown = shown[:79].rstrip() + "…"
            return (
                f"; {unit} {first.para.position} looks like a speaker label but was not read as "
                f"one: '{shown}'"
            )
        seen[key] = line
    return ""


_HEADER_NAME_RE = re.compile(
    r"^(?P<name>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,4})\s*"
    r"(?:\([^()]{0,60}\))?\s*(?:[.,;|]\s*(?P<more>.*))?$"
)


def _header_name(lines: list[_Line], taken: set[int]) -> tuple[int, str] | None:
    """A first line such as "Moderator: Lotte Janssens. Uitgeschreven door: Ruben": a role word
    used nowhere else as a label, followed by a person's name (capitalised words, or words of a
    script without capitals: "Interviewee: 田中 花子") and nothing or more header fields, is the
    file's header, not a turn. Returns its index and the name."""
    if not taken:
        return None
    first = min(taken)
    line = lines[first]
    if line.pre_split or line.shape is None or line.shape.role is None:
        return None
    if sum(1 for i in taken if lines[i].key == line.key) > 1:
        return None
    m = _HEADER_NAME_RE.match(line.rest.strip())
    if not m or (m["more"] and ":" not in m["more"]):
        return None
    words = m["name"].split()
    if not all(written_as_name(w) or fold(w) in PARTICLES for w in words):
        return None
    if not written_as_name(words[0]):
        return None
    return first, m["name"]
