"""Replace names of people and organisations, and e-mail addresses, in quotes and exports.

Researchers promised anonymity, so a name must not slip through in another case or inflection:
matching ignores case and accents, takes possessive and diminutive forms (*Jeroens*, *Jeroen's*,
*Jeroentje*) and a name's words written together (*VitaalWerk.nl*). A possessive stays after the
placeholder ("[name]'s patience"); a diminutive goes with the name. An e-mail address goes whole.

A name also hides its parts (*Jeroen*, *Bakker*, *de Vos*; *Hoekstra* of "Bouwbedrijf
Hoekstra"), but not the Dutch particles nor a word that only says what kind of organisation
("Stichting", "Hospital"). A part that is also an ordinary lower-case word of the project's
language (the *mark* of "Mark Jansen", the *will* of "Will Smith", the *werk* of "Vitaal Werk")
is hidden only where it is written capitalised, as names are in a transcript, so "I mark the
forms" stays; a name of two or more words is hidden in any case, and in a text written wholly
in lower case (speech recognition) every part is. The placeholders follow the project's
language, or its `placeholders:` setting.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import regex

from ..language.organisations import ORGANISATION_WORDS, is_organisation_compound

PERSON = "[naam]"
ORGANISATION = "[organisatie]"
EMAIL = "[e-mail]"
PARTICLES = frozenset(
    "van de der den ter ten het t 's la le du da von zu di del dos das y e en and of".split()
)
MIN_PART = 3
COMPOUND_PART = 4
"""The shortest word a compound is taken apart into: shorter ones ("oen", "tra") make names."""
# Possessive endings, kept after the placeholder, and diminutive ones, which go with the name.
POSSESSIVE = r"['’]s|['’]|s"
DIMINUTIVE = r"etje|tjes|tje|jes|je|ke"
SUFFIX = rf"(?P<suffix>{POSSESSIVE}|{DIMINUTIVE})?"
EMAIL_PATTERN = r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
SEPARATORS = r"[\s\-_]"


@dataclass(frozen=True)
class _Entry:
    placeholder: str
    capitalised_only: bool
    """Hidden only where its words are written capitalised: an ordinary word too."""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Redactor:
    """Compiled once per command; `redact` is then one regex pass per text."""

    def __init__(
        self,
        names: Iterable[str],
        organisations: Iterable[str],
        person: str = PERSON,
        organisation: str = ORGANISATION,
        common_words: Collection[str] = (),
        language: str | None = None,
        email: str = EMAIL,
    ):
        """`common_words` (folded) and, with `language`, the words of its dictionary are
        ordinary words: as a part of a name, or a name of one word, hidden only where written
        capitalised."""
        self.person = person
        self.email = email
        self._common = common_words
        self._language = language
        self.entries: dict[str, _Entry] = {}
        """By a name's folded words written together."""
        self._written: set[str] = set()
        """Each name's folded words, space-separated: what the pattern looks for."""
        names = [n.strip() for n in names if n.strip()]
        organisations = [o.strip() for o in organisations if o.strip()]
        for org in organisations:
            self._add_whole(org, organisation)
        for name in names:
            self._add_whole(name, person)
        for org in organisations:
            self._add_parts(org, organisation)
        for name in names:
            self._add_parts(name, person)
        body = "|".join(_flexible(w) for w in sorted(self._written, key=len, reverse=True))
        name = rf"|(?<!\w)(?P<name>{body}){SUFFIX}(?!\w)" if body else ""
        self.pattern = regex.compile(
            rf"(?P<email>{EMAIL_PATTERN}){name}", regex.IGNORECASE | regex.UNICODE
        )

    def _add(self, words: list[str], placeholder: str, capitalised_only: bool) -> None:
        key = "".join(words)
        self._written.add(" ".join(words))
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = _Entry(placeholder, capitalised_only)
        elif old.capitalised_only and not capitalised_only:
            self.entries[key] = _Entry(old.placeholder, False)

    def _add_whole(self, name: str, placeholder: str) -> None:
        words = _words(name)
        if not words:
            return
        one_ordinary = len(words) == 1 and self._ordinary(words[0])
        self._add(words, placeholder, one_ordinary)

    def _add_parts(self, name: str, placeholder: str) -> None:
        words = _words(name)
        for i, word in enumerate(words):
            if len(word) >= MIN_PART and word not in PARTICLES and word not in ORGANISATION_WORDS:
                self._add([word], placeholder, self._ordinary(word))
            # "de Vos" of "Peter de Vos", "El Amrani" of "Fatima El Amrani": a surname of
            # several words, with its particles
            if 0 < i < len(words) - 1 and words[i - 1] not in PARTICLES:
                tail = words[i:]
                rest = [w for w in tail if w not in PARTICLES]
                if rest:
                    self._add(tail, placeholder, any(self._ordinary(w) for w in rest))

    def _ordinary(self, word: str) -> bool:
        if word in self._common or is_organisation_compound(word):
            return True
        if self._language is None:
            return False
        from ..language.lemmas import is_common_word

        if is_common_word(word, self._language):
            return True
        # A Dutch compound the dictionary lacks ("werkvermogen", "waterbouw"): two of its words,
        # the first perhaps with a linking s or e ("arbeidsmarkt").
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if is_common_word(tail, self._language) and any(
                len(h) >= COMPOUND_PART and is_common_word(h, self._language)
                for h in (head, head[:-1] if head[-1:] in "se" else "")
            ):
                return True
        return False

    def spans(self, text: str, cased: bool | None = None) -> list[tuple[int, int, str]]:
        """Where `text` is redacted, and with what. `cased` says whether the turn the text is
        from is written with capitals (by default: whether the text has any); in one without,
        every part of a name is hidden."""
        if cased is None:
            cased = is_cased(text)
        out = []
        for m in self.pattern.finditer(_fold_keep_length(text)):
            if m.group("email") is not None:
                out.append((m.start(), m.end(), self.email))
                continue
            entry = self.entries.get(regex.sub(rf"{SEPARATORS}+", "", m.group("name")))
            if entry is None:
                entry = _Entry(self.person, False)
            start, end = m.span("name")
            if cased and entry.capitalised_only and not _capitalised(text[start:end]):
                continue
            suffix = m.group("suffix")
            kept = text[m.start("suffix") : m.end()] if suffix and _possessive(suffix) else ""
            out.append((m.start(), m.end(), entry.placeholder + kept))
        return out

    participant_names: dict[str, str] | None = None
    """Participant id -> what outputs call them: the id itself, unless it holds a name (a file
    name like "Interview Joost Smit"), then a neutral P3 (`name_participants`)."""

    def name_participants(self, ids: Iterable[str]) -> None:
        """Numbered in sorted order of every participant, so all outputs name them alike."""
        ids = sorted(set(ids))
        taken = set(ids)
        self.participant_names = {}
        for n, pid in enumerate(ids, 1):
            if self.redact(pid) != pid:
                name = f"P{n}"
                while name in taken:
                    name += "x"
                taken.add(name)
                self.participant_names[pid] = name

    def participant(self, pid: str) -> str:
        """A participant id as outputs show it (see `participant_names`)."""
        named = (self.participant_names or {}).get(pid)
        if named is not None:
            return named
        return pid if self.redact(pid) == pid else "P?"

    def redact(self, text: str, cased: bool | None = None) -> str:
        out: list[str] = []
        pos = 0
        last = ""
        for start, end, replacement in self.spans(text, cased):
            between = text[pos:start]
            if out and replacement == last and between.strip() == "":
                pos = end  # "[organisatie] [organisatie]" of one name's two parts: one mark
                continue
            out.append(between)
            out.append(replacement)
            pos, last = end, replacement
        out.append(text[pos:])
        return "".join(out)


def is_cased(text: str) -> bool:
    """Whether a text is written with capitals at all: speech recognition may write none, and
    then a name cannot be told from a word by its capital."""
    return any(c.isupper() for c in text)


def _words(name: str) -> list[str]:
    return [w for w in (p.strip(".,") for p in regex.split(r"[\s\-_]+", _fold(name))) if w]


def _possessive(suffix: str) -> bool:
    return regex.fullmatch(POSSESSIVE, suffix) is not None


def _capitalised(written: str) -> bool:
    """Whether every word of a name as written, less its particles, starts with a capital."""
    words = [w for w in regex.findall(r"[^\W\d_]+", written) if _fold(w) not in PARTICLES]
    return bool(words) and all(w[0].isupper() for w in words)


def _flexible(words: str) -> str:
    """A name's words as a pattern: written apart (spaces, hyphens, underscores) or together."""
    return rf"{SEPARATORS}*".join(regex.escape(p) for p in words.split())


def _fold_keep_length(text: str) -> str:
    """Fold accents and case character by character so match offsets map back onto `text`."""
    out = []
    for ch in text:
        folded = _fold(ch)
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or ch)
    return "".join(out)
