"""Replace names of people and organisations in quotes and exports.

Researchers promised anonymity, so a name must not slip through in another case or inflection:
matching ignores case and accents and takes possessive and genitive forms (*Jeroens*, *Jeroen's*).
A person's full name also hides its parts (*Jeroen*, *Bakker*), but not the Dutch particles, nor a
part that is a common word of the project's language (the *will* of "Will Smith"), which would
turn every "we will" into "we [name]"; the full name is still hidden. The placeholders follow
the project's language, or its `placeholders:` setting.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable

import regex

PERSON = "[naam]"
ORGANISATION = "[organisatie]"
PARTICLES = frozenset(
    "van de der den ter ten het t 's la le du da von zu di del dos das y e en and of".split()
)
MIN_PART = 3
# Possessive and diminutive endings a name takes in Dutch and English speech.
SUFFIX = r"(?:['’]?s|['’]|je|tje|etje|ke|tjes|jes)?"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Redactor:
    """Compiled once per command; `redact` is then one regex pass per text."""

    def __init__(
        self,
        names: Iterable[str],
        organisations: Iterable[str],
        whole_names: Iterable[str] = (),
        person: str = PERSON,
        organisation: str = ORGANISATION,
        common_words: Collection[str] = (),
    ):
        """`common_words` are never hidden as a part of a longer name, only within it."""
        self.person = person
        self.replacement: dict[str, str] = {}
        for name in whole_names:
            if _normal(name):
                self.replacement[_normal(name)] = person
        for org in organisations:
            key = _normal(org)
            if key:
                self.replacement[key] = organisation
        for name in names:
            full = name.strip()
            if not full:
                continue
            self.replacement.setdefault(_normal(full), person)
            for part in full.replace("-", " ").split():
                folded = _fold(part.strip(".,"))
                if (
                    len(folded) >= MIN_PART
                    and folded not in PARTICLES
                    and folded not in common_words
                ):
                    self.replacement.setdefault(folded, person)
        self.pattern = None
        if self.replacement:
            alternatives = sorted(self.replacement, key=len, reverse=True)
            body = "|".join(_flexible(a) for a in alternatives)
            self.pattern = regex.compile(
                rf"(?<![\w])(?:{body}){SUFFIX}(?![\w])", regex.IGNORECASE | regex.UNICODE
            )

    def redact(self, text: str) -> str:
        if self.pattern is None:
            return text
        out = []
        pos = 0
        for m in self.pattern.finditer(_fold_keep_length(text)):
            out.append(text[pos : m.start()])
            out.append(self._kind(m.group(0)))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def _kind(self, matched: str) -> str:
        key = _normal(matched)
        if key in self.replacement:
            return self.replacement[key]
        for cut in regex.finditer(r"(?:['’]?s|['’]|je|tje|etje|ke|tjes|jes)$", key):
            found = self.replacement.get(key[: cut.start()])
            if found:
                return found
        return self.person


def _normal(text: str) -> str:
    return " ".join(regex.split(r"[\s\-]+", _fold(text).strip()))


def _flexible(folded: str) -> str:
    """A folded name as a pattern in which any run of spaces or hyphens may differ."""
    parts = [regex.escape(p) for p in regex.split(r"[\s\-]+", folded) if p]
    return r"[\s\-]+".join(parts)


def _fold_keep_length(text: str) -> str:
    """Fold accents and case character by character so match offsets map back onto `text`."""
    out = []
    for ch in text:
        folded = _fold(ch)
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or ch)
    return "".join(out)
