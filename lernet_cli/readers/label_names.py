"""The people's names in a speaker label: "Jane" in "Nurse Jane", none in "Ward nurse".

Names come only from where names are, so a role used as a label is never redacted in quotes.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .labels import PARTICLES, clean_label, device_owner, fold
from .labels.shape import _LABEL_SHAPE_RE, _role_like

_NAME_CHARS_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")


def label_names(
    label: str, language: str = "nl", lowercase_words: Collection[str] = ()
) -> list[str]:
    """The people's names a speaker label carries: none for a role ("Nurse", "Ward nurse",
    "Verpleegkundige 2", "Interviewer"), a common word of `language` ("Me") or a number; "Jane"
    for "Nurse Jane" or "Jane (ward nurse)"; both names in "Interviewer (Eva)" style labels;
    "Sandra COLE" for "COLE, Sandra"; "Hilde" for a device Zoom shows ("iPad van Hilde").

    `lowercase_words` are the words the transcript's speech uses in lower case: where a label
    also holds a role ("Telehealth Nurse"), such a word is an ordinary word, not a name.
    """
    from ..language.stopwords import BY_LANGUAGE

    common = BY_LANGUAGE.get(language, frozenset())
    owner = device_owner(clean_label(label))
    if owner:
        label = owner
    m = _LABEL_SHAPE_RE.match(clean_label(label))
    parts = [m["name"], (m["paren"] or "()")[1:-1]] if m else [clean_label(label)]
    surname, comma, given = parts[0].partition(",")
    if m and comma:  # "COLE, Sandra" as Outlook and Teams write it: the name is "Sandra COLE"
        parts[0] = f"{given.strip()} {surname.strip()}"
    names = []
    for part in parts:
        words = part.split()
        keys = [fold(w).strip(".,;'’") for w in words]
        has_role = any(_role_like(k) for k in keys)
        found = [
            i
            for i, (w, k) in enumerate(zip(words, keys, strict=True))
            if _name_word(w, k, has_role, common, lowercase_words)
        ]
        if not found:
            continue
        span = words[found[0] :]
        while span and (
            _role_like(fold(span[-1]).strip(".,;'’")) or not _NAME_CHARS_RE.match(span[-1])
        ):
            span.pop()
        names.append(" ".join(span))
    return names


def names_someone(value: str, languages: tuple[str, ...] = ("nl", "en")) -> bool:
    """Whether a value found where a name is expected (a header line's, a title field's, a page
    header's) is a person's or organisation's name to redact: not a role, not a common word of
    `languages` (`label_names`), and not what stands where a name is withheld ("Anoniem",
    "anonymous", "[redacted]", "n.v.t."), which redacted would hide that word in speech."""
    from .labels.title import withheld

    return not withheld(value) and all(label_names(value, lang) for lang in languages)


def _name_word(
    word: str, key: str, has_role: bool, common: Collection[str], lowercase: Collection[str]
) -> bool:
    """Whether a word of a label can be (part of) a name; beside a role it must be written as a
    name (capitalised, or in a script without capitals: "Respondent 田中") and not an ordinary
    word of the transcript."""
    from ..language.scripts import written_as_name

    if not _NAME_CHARS_RE.match(word) or len(key) < 2 or _role_like(key):
        return False
    if key in common or key in PARTICLES:
        return False
    return not has_role or (written_as_name(word) and key not in lowercase)
