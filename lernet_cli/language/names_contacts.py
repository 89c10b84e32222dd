"""Phone numbers and street addresses: hidden in anonymized outputs like e-mail addresses.

Nobody lists them, and a participant says them ("bel me op 06-12345678", "ons kantoor is aan de
Kerkstraat 12"), so anonymized outputs find them by their form (`Contacts.spans`).

A phone number is a run of digits in groups (spaces, hyphens, dots, slashes, brackets between
them) that starts as one does: with a country code (`+31 6 1234 5678`, `+32 478 12 34 56`,
`0044 20 7946 0958`), with a trunk 0 (`06-12345678`, `0612345678`, `030 234 5678`,
`(020) 123 4567`, `0478/12.34.56`, `07700 900123`), or in an American form (`(555) 123-4567`,
`555-123-4567`, `1-800-555-1234`); and that has as many digits as a number has: 9 to 11 after a
trunk 0, 10 to 15 with a country code, 10 in an American form. A run that holds more is cut after
the last group that makes a number of that length ("06 12345678 3 keer" is the number and "3
keer"). So dates (`01-02-2019`), times (`12.30`, `09.00-17.00`), years, amounts, percentages,
timestamps and counts ("20 procent", "3 x") stay: none starts so and has so many digits. A number
the participants file lists under names (`"06-12345678"`) is hidden wherever its digits stand, as
a phone number, whatever groups they are written in, and never by its parts ("06", "12").

A street is a Dutch name ending in -straat, -weg, -laan, -plein, -gracht, -kade, -singel, -dijk,
-steeg, -hof or -dreef, with at least three letters before that ending (not "Weg", "Hof"), or an
English one of capitalised words before Street, Road, Lane, Avenue and the like. A Dutch one is
hidden, with the house number after it, where

- it is written with a capital inside a sentence ("de Kerkstraat", "vlak bij het Marktplein"),
  except one ending in -hof ("het Gerechtshof", "het Binnenhof": more often a court or a
  palace than a street);
- a house number follows it ("Kerkstraat 12", "Stationsweg 4a", "Hoofdstraat 12-14"), also at a
  sentence's start;
- "in de", "aan de", "op de" (or "naar de", "langs de", "via de", "uit de", "bij de", "vanaf
  de", "door de", "over de") comes before it ("aan de Dorpsstraat"), also at a sentence's start.

Written in lower case ("kerkstraat 12", speech recognition) it is hidden only with a house number
after it (or, in a text without capitals, "in de" and the like before it), and only where it is no
word of the Dutch dictionary: "op de snelweg", "onderweg", "de weg", "de hof" stay. The capitalised
words and particles right before it are the street's ("Van Goghstraat", "Prins Hendrikkade",
"Burgemeester de Withstraat"). An English one (`14 Mill Lane`, `221B Baker Street`, `Station
Road 3`) is hidden where a house number stands before or after it, or its last word is Street,
Road, Lane, Avenue, Drive, Crescent, Terrace or Boulevard; the Close, Place, Square, Way, Row,
Grove, Gardens, St, Rd and Ave of its other forms need a house number. A Dutch postcode before
a place's name ("3512 JE Utrecht") is hidden as an address too; the place is a name to list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

PHONE = "[telefoon]"
ADDRESS = "[adres]"

_SEP = r"(?:[ \u00a0]?[\-–/][ \u00a0]?|[ \u00a0.])"
"""What stands between a phone number's groups: a space, a hyphen, a dot, a slash."""
_PHONE = regex.compile(
    r"(?<![\w.,/+\-–])(?:"
    r"(?:\+|00)[1-9]\d{0,2}(?:[ \u00a0]?\(0\))?(?:" + _SEP + r"?\d{1,5}){2,7}"
    r"|\(0\d{1,4}\)[ \u00a0]?\d{1,5}(?:" + _SEP + r"?\d{1,5}){0,5}"
    r"|0\d{1,4}(?:" + _SEP + r"?\d{1,8}){1,6}"
    r"|\(\d{3}\)[ \u00a0]?\d{3}[\-. \u00a0]\d{4}"
    r"|1[\-. ]\d{3}[\-. ]\d{3}[\-. ]\d{4}"
    r"|[2-9]\d{2}[\-.]\d{3}[\-.]\d{4}"
    r")(?!\w)",
    regex.UNICODE,
)
_DATE = regex.compile(r"\d{1,2}([\-./])\d{1,2}\1(?:\d{4}|\d{2})(?![\d\-./])")
"""A date at a run's start ("01-02-2019 10" is no phone number; "06.12.34.56.78" may be)."""
_GROUPS = regex.compile(r"\d+")

STREET_ENDINGS = (
    "straat",
    "weg",
    "laan",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "steeg",
    "hof",
    "dreef",
)
"""How a Dutch street's name ends (-hof only with a house number or "in de" before it)."""
MIN_STEM = 3
"""Letters at least before the ending: "Kerkstraat", not "Weg" nor "Hof"."""
NOT_STREETS = frozenset("onderweg halfweg allerweg opweg".split())
"""Words that end as a street does and are none."""
_DUTCH_STREET = regex.compile(
    r"(?<![\w\-])[\p{L}][\p{L}'’\-]*?(?:" + "|".join(STREET_ENDINGS) + r")(?![\w\-])",
    regex.UNICODE,
)
_HOUSE_NUMBER = regex.compile(
    r"[ \u00a0]\d{1,4}(?:[ \u00a0]?[a-zA-Z](?!\p{L}))?(?:[\-–/]\d{1,4}[a-zA-Z]?)?"
    r"(?:[ \u00a0]bus[ \u00a0]\d{1,4})?(?![\d%]|[.,:]\d|[ \u00a0]?(?:%|procent|percent))",
    regex.UNICODE,
)
_PREPOSITION = regex.compile(
    r"(?<!\w)(?:in|aan|op|naar|langs|via|uit|bij|vanaf|vanuit|door|over|voorbij)[ \u00a0]+de"
    r"[ \u00a0]+$",
    regex.IGNORECASE | regex.UNICODE,
)
_NAME_BEFORE = regex.compile(r"(?<![\w\-])([\p{L}][\p{L}'’.\-]*)[ \u00a0]+$", regex.UNICODE)
STREET_PARTICLES = frozenset("de der den van ter ten het".split())
"""Particles inside a street's name ("Burgemeester de Withstraat")."""
CAPITAL_PARTICLES = frozenset("van ter ten den der".split())
"""Particles that may open a street's name with their capital ("Van Goghstraat"); "De", "Het"
open a sentence as often."""

ENGLISH_KINDS = (
    "Street|Road|Lane|Avenue|Drive|Crescent|Terrace|Boulevard|Close|Place|Square|Way|Row|Grove"
    "|Gardens|St|Rd|Ave"
)
SURE_KINDS = frozenset("Street Road Lane Avenue Drive Crescent Terrace Boulevard".split())
"""English street words that name a street without a house number."""
_ENGLISH_STREET = regex.compile(
    r"(?<![\w\-])(?:(?P<before>\d{1,5}[A-Za-z]?),?[ \u00a0]+)?"
    r"(?P<name>(?:[A-Z][\p{L}'’\-]*[ \u00a0]+){1,3})"
    r"(?P<kind>" + ENGLISH_KINDS + r")\b\.?"
    r"(?:[ \u00a0]+(?P<after>\d{1,5}[A-Za-z]?)(?![\w.,:]\d|\w))?",
    regex.UNICODE,
)
_POSTCODE = regex.compile(
    r"(?<![\w\-])[1-9]\d{3}[ \u00a0]?(?!S[ADS])[A-Z]{2}(?=[ \u00a0,]+\p{Lu}\p{Ll})",
    regex.UNICODE,
)
"""A Dutch postcode before a place's name ("3512 JE Utrecht"): a year before an abbreviation
("2019 EU") has no place after it."""
_MAY_BE_STREET = re.compile(
    r"(?=[sSwWlLpPgGkKdDhHRrACTBV])(?:" + "|".join(STREET_ENDINGS) + "|" + ENGLISH_KINDS + r")\b"
)
"""What a text with a street in it holds: a fast test before the patterns, which few texts
need (the lookahead on a first letter lets `re` skip most places at once)."""
_KIND_WORDS = frozenset(ENGLISH_KINDS.split("|"))
_PUNCTUATION = ".,;:!?)(\"'“”‘’…"


def _may_hold_street(text: str) -> bool:
    """Whether a word of `text` ends as a Dutch street does, with MIN_STEM letters before the
    ending, or is an English street's word: after `_MAY_BE_STREET`, before the patterns."""
    if not _MAY_BE_STREET.search(text):
        return False
    for word in text.split():
        word = word.strip(_PUNCTUATION)
        if word in _KIND_WORDS:
            return True
        if len(word) >= MIN_STEM + 3 and word.lower().endswith(STREET_ENDINGS):
            return True
    return False


_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d[\d \-./()\u00a0–]{5,}\d")
"""What every phone number holds: a fast test before `_PHONE`, which few texts need."""


def listed_number(name: str) -> str | None:
    """The digits of a name that is a number ("06-12345678", "+32 478 12 34 56"): no letter and
    six digits or more; None for a name."""
    if any(c.isalpha() for c in name):
        return None
    digits = "".join(c for c in name if c.isdigit())
    return digits if len(digits) >= 6 else None


class Contacts:
    """Finds phone numbers and street addresses in a text; numbers listed as names too."""

    def __init__(
        self,
        listed: Iterable[str] = (),
        phone: str = PHONE,
        address: str = ADDRESS,
        find: bool = True,
    ):
        """`listed`: numbers' digits a participants file lists; `find`: also those nobody listed,
        by their form (anonymized outputs); without it, only the listed ones (the rules' masks)."""
        self.phone = phone
        self.address = address
        self.find = find
        digits = sorted(set(listed), key=len, reverse=True)
        self._listed = (
            regex.compile(
                r"(?<!\d)\+?(?:" + "|".join(r"[\s\-./()]*".join(d) for d in digits) + r")(?!\d)",
                regex.UNICODE,
            )
            if digits
            else None
        )

    def __bool__(self) -> bool:
        return self.find or self._listed is not None

    def spans(self, text: str, cased: bool | None = None) -> list[tuple[int, int, str]]:
        """Where `text` holds a phone number or an address, sorted, none overlapping. `cased`:
        whether the turn is written with capitals (by default: whether `text` has any)."""
        out: list[tuple[int, int, str]] = []
        has_digit = _DIGIT.search(text) is not None
        if has_digit and self._listed is not None:
            out += [(m.start(), m.end(), self.phone) for m in self._listed.finditer(text)]
        if self.find:
            if has_digit and _DIGIT_RUN.search(text):
                out += self._phones(text)
            if has_digit:
                out += [(m.start(), m.end(), self.address) for m in _POSTCODE.finditer(text)]
            if _may_hold_street(text):
                out += self._streets(text, cased)
        return _disjoint(out)

    def _phones(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _PHONE.finditer(text):
            end = phone_end(m.group())
            if end:
                out.append((m.start(), m.start() + end, self.phone))
        return out

    def _streets(self, text: str, cased: bool | None) -> list[tuple[int, int, str]]:
        out = []
        for m in _DUTCH_STREET.finditer(text):
            found = self._dutch(text, m.start(), m.end(), cased)
            if found is not None:
                out.append((*found, self.address))
        for m in _ENGLISH_STREET.finditer(text):
            found = _english(text, m)
            if found is not None:
                out.append((*found, self.address))
        return out

    def _dutch(self, text: str, start: int, end: int, cased: bool | None) -> tuple[int, int] | None:
        word = text[start:end]
        folded = word.casefold()
        ending = next(e for e in STREET_ENDINGS if folded.endswith(e))
        stem = [c for c in folded[: -len(ending)] if c.isalpha()]
        if len(stem) < MIN_STEM or folded in NOT_STREETS:
            return None
        number = _HOUSE_NUMBER.match(text, end)
        first = _street_start(text, start)
        before = text[:first]
        after_preposition = _PREPOSITION.search(before) is not None
        if word[0].isupper():
            inside = not _sentence_start(text, first)
            if not (number or after_preposition or (inside and ending != "hof")):
                return None
        else:
            from .lemmas import is_common_word

            if is_common_word(folded, "nl"):
                return None
            if cased is None:
                cased = text.lower() != text
            if not (number or (not cased and after_preposition)):
                return None
            first = start
        return (first, number.end() if number else end)


def is_street_word(word: str) -> bool:
    """Whether a word (as written) ends as a Dutch street's name does, with a capital and at
    least MIN_STEM letters before the ending ("Kerkstraat", "Binnenhof"; not "Weg",
    "Onderweg"): a name, however ordinary its parts, for `lernet names`."""
    folded = word.casefold()
    ending = next((e for e in STREET_ENDINGS if folded.endswith(e)), None)
    if ending is None or not word[:1].isupper() or folded in NOT_STREETS:
        return False
    return sum(c.isalpha() for c in folded[: -len(ending)]) >= MIN_STEM


def _street_start(text: str, start: int) -> int:
    """Where a Dutch street's name starts: its capitalised words and particles before the word
    with its ending ("Van Goghstraat", "Burgemeester de Withstraat"), none a function word."""
    from .stopwords import STOPWORDS

    first = start
    kept = start
    for _ in range(4):
        m = _NAME_BEFORE.search(text[:first])
        if m is None:
            break
        word = m.group(1)
        folded = word.casefold()
        if word[0].isupper() and (folded not in STOPWORDS or folded in CAPITAL_PARTICLES):
            first = kept = m.start(1)
        elif word.islower() and folded in STREET_PARTICLES:
            first = m.start(1)  # kept only with a capitalised word before it
        else:
            break
    return kept


def _english(text: str, m: regex.Match[str]) -> tuple[int, int] | None:
    from .stopwords import STOPWORDS

    words = list(regex.finditer(r"[^\s\u00a0]+", m.group("name")))
    offset = m.start("name")
    # "On Baker Street", "The Old Road": a function word opens the sentence, not the name
    while words and words[0].group().casefold() in STOPWORDS:
        words.pop(0)
    if not words:
        return None
    before = m.group("before") if words[0].start() == 0 else None
    after = m.group("after")
    if not (before or after or m.group("kind") in SURE_KINDS):
        return None
    start = m.start() if before else offset + words[0].start()
    end = m.end("after") if after else m.end("kind")
    return (start, end)


def phone_end(candidate: str) -> int:
    """How much of a run of digit groups (`_PHONE`'s match) is a phone number: the longest
    part, ending after a group, with as many digits as a number has; 0 for none (a date, a
    count, too few or too many digits). A part ends where a space ends a group, or at the end."""
    if _DATE.match(candidate.lstrip("(+")):
        return 0
    international = candidate.startswith(("+", "00"))
    american = not international and not candidate.lstrip("(").startswith("0")
    if international:
        low, high = 10, 15
    elif american:
        low, high = 10, 11
    else:
        low, high = 9, 11
    best = 0
    digits = 0
    groups = list(_GROUPS.finditer(candidate))
    for i, g in enumerate(groups):
        digits += len(g.group())
        if international and i == 0 and candidate.startswith("00"):
            digits -= 2
        last = i == len(groups) - 1
        ends_here = last or candidate[g.end()] in " \u00a0"
        if ends_here and low <= digits <= high and (len(g.group()) > 1 or i < 2):
            best = g.end()
    return best


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0\"'“‘(«»-–—")
    return not before or before[-1] in ".!?…:;\n"


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, a span overlapping an earlier (or longer) one left out."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def merged(
    names: list[tuple[int, int, str]], contacts: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The spans of names and of contacts together: where they overlap, the one that holds the
    other ("Julianalaan 5" of the name "Julianalaan"), or, neither holding the other, both
    hidden as one, by the name's placeholder."""
    if not contacts:
        return names
    if not names:
        return contacts
    out: list[tuple[int, int, str]] = []
    for span in sorted(names + contacts, key=lambda s: (s[0], -s[1])):
        if out and span[0] < out[-1][1]:
            prev = out[-1]
            if span[1] <= prev[1]:
                continue  # held by the one before
            placeholder = prev[2] if prev in names else span[2]
            out[-1] = (prev[0], span[1], placeholder)
            continue
        out.append(span)
    return out
