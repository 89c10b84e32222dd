"""Whether a string could be a speaker label on its own, and the role it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...language.scripts import written_as_name
from ...language.text import fold_label as fold
from ...model import Role
from .words import _FILLERS, INTERVIEWER_WORDS, NOT_LABELS, PARTICIPANT_WORDS, PARTICLES

# A name, "Surname, First" as Outlook and Teams write it, and a remark or organisation in brackets.
_LABEL_SHAPE_RE = re.compile(
    r"^(?P<name>[^\W\d_][\w .'’&/-]*?(?:,\s*[^\W\d_][\w .'’&/-]*?)?)\s*"
    r"(?P<paren>\([^()\n]{1,60}\))?$"
)
_ROLE_SUFFIX_RE = re.compile(r"(?:\s*\d+|\s+[a-z])$")
_EMPHASIS = "*_ \t"

MAX_LABEL_CHARS = 40
"""Of a label's name; the part in brackets may add up to 60 ("(ST MARY'S HOSPITAL NHS TRUST)")."""
MAX_LABEL_WORDS = 4
MAX_COMMA_NAME_WORDS = 3
"""Of each side of a "Surname, First" label."""


_DEVICES = r"(?:iPad|iPhone|Galaxy|Android|Samsung|Pixel)(?:\s+\w+)?"
_DEVICE_RE = re.compile(
    rf"^(?:{_DEVICES}\s+(?:van|of|de|from)\s+(?P<after>.+)|(?P<before>.+?)['’]s?\s+{_DEVICES})$",
    re.I,
)


def device_owner(label: str) -> str | None:
    """The person a device's name stands for, as Zoom shows a participant who did not set a
    name: "Hilde" for "iPad van Hilde", "Galaxy van Hilde" or "Hilde's iPhone"."""
    m = _DEVICE_RE.match(" ".join(label.split()))
    if not m:
        return None
    owner = (m["after"] or m["before"] or "").strip()
    return owner or None


def role_word(label: str) -> Role | None:
    """The role a label names by itself ("I", "Respondent 2", "Interviewer (Eva)"), if any."""
    m = _LABEL_SHAPE_RE.match(label)
    name, paren = (m["name"], m["paren"]) if m else (label, None)
    for part in (name, paren[1:-1] if paren else ""):
        key = _ROLE_SUFFIX_RE.sub("", fold(part).rstrip("."))
        if key in INTERVIEWER_WORDS:
            return "interviewer"
        if key in PARTICIPANT_WORDS:
            return "participant"
    return None


def _role_like(key: str) -> bool:
    from ...language.roles import NOT_NAMES

    return key in NOT_NAMES or key in INTERVIEWER_WORDS or key in PARTICIPANT_WORDS


def clean_label(label: str) -> str:
    """A label as displayed: emphasis markers, trailing colon and extra spaces removed."""
    return " ".join(label.strip(_EMPHASIS).rstrip(":：").strip(_EMPHASIS).split())


def looks_like_label(text: str) -> bool:
    """Whether a string could be a speaker label on its own (a table's speaker cell, say)."""
    return _shape(text) is not None


@dataclass(frozen=True)
class _Shape:
    label: str
    role: Role | None
    name_like: bool
    lower_simple: bool
    sentence_role: bool = False
    """A sentence-case role ("Site manager"): taken only where it recurs with a colon."""
    comma: bool = False
    """A "Surname, First" name: seen once, taken only beside other such labels."""


def _sentence_case_role(words: list[str]) -> bool:
    """A role written in sentence case, "Site manager", "Practice nurse": two or three content
    words, the first capitalised, none a function word (so "Het punt is:" is no label)."""
    from ...language.stopwords import STOPWORDS

    return (
        2 <= len(words) <= 3
        and words[0][:1].isupper()
        and all(w.isalpha() for w in words)
        and not any(fold(w) in STOPWORDS for w in words)
    )


_NAME_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")


def _comma_name(name: str) -> bool:
    """Whether "COLE, Sandra" or "van Dijk, Jan-Willem" is a "Surname, First" name: both sides
    short, every word a name's ("Cole", "O'Brien", "J."), each side with a capital, and no word
    an ordinary one, so "Well, Yes" or "So, Tuesday" is none."""
    from ...language.stopwords import STOPWORDS

    for side in name.split(","):
        words = side.split()
        if not 1 <= len(words) <= MAX_COMMA_NAME_WORDS:
            return False
        capitalised = False
        for word in words:
            key = fold(word).rstrip(".")
            if key in PARTICLES:
                continue
            if not _NAME_WORD_RE.match(word) or not word[0].isupper():
                return False
            if key in STOPWORDS or key in _FILLERS or key in NOT_LABELS:
                return False
            capitalised = True
        if not capitalised:
            return False
    return True


@lru_cache(maxsize=4096)
def _shape(label: str) -> _Shape | None:
    """Whether a string could be a speaker label at all, judged on its own."""
    label = clean_label(label)
    if not label:
        return None
    m = _LABEL_SHAPE_RE.match(label)
    if not m or len(m["name"]) > MAX_LABEL_CHARS:
        return None
    if "," in m["name"]:
        if not _comma_name(m["name"]):
            return None
        return _Shape(label, role_word(label), True, False, comma=True)
    words = m["name"].split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return None
    role = role_word(label)
    if role is None and (fold(label) in NOT_LABELS or fold(words[0]).rstrip(".") in NOT_LABELS):
        return None
    # a name in a script without capitals ("田中 花子", "سارة أحمد") is written as a name too
    name_like = written_as_name(words[0]) and all(
        written_as_name(w) or w.isdigit() or len(w) == 1 or fold(w) in PARTICLES for w in words[1:]
    )
    # "Ward nurse", "Senior adviseur 2": a role spelled as in a sentence is a label like a name.
    name_like = name_like or (
        words[0][0].isupper()
        and all(w.isdigit() or len(w) == 1 or _role_like(fold(w).strip(".")) for w in words)
    )
    lower_simple = len(words) <= 2 and all(w.isalnum() and w.islower() for w in words)
    sentence_role = not name_like and _sentence_case_role(words)
    if role is None and not name_like and not lower_simple and not sentence_role:
        return None
    return _Shape(label, role, name_like, lower_simple, sentence_role)
