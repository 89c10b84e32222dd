"""Phone numbers, street addresses, BSNs and IBANs: hidden in anonymized outputs like e-mail
addresses.

Nobody lists them, and a participant says them ("bel me op 06-12345678", "ons kantoor is aan de
Kerkstraat 12"), so anonymized outputs find them by their form (`Contacts.spans`).

A phone number is a run of digits in groups (spaces, hyphens, dots, slashes, brackets between
them) that starts as one does: with a country code (`+31 6 1234 5678`, `+32 478 12 34 56`,
`0044 20 7946 0958`), with a trunk 0 (`06-12345678`, `0612345678`, `030 234 5678`,
`(020) 123 4567`, `0478/12.34.56`, `07700 900123`), or in an American form (`(555) 123-4567`,
`555-123-4567`, `1-800-555-1234`); and that has as many digits as a number has: 9 to 11 after a
trunk 0, 10 to 15 with a country code, 10 in an American form. A run that holds more is cut after
the last group that makes a number of that length ("06 12345678 3 keer" is the number and "3
keer"). A North American number may be grouped by spaces or not at all (`204 555 0199`,
`2045550143`, `1 800 555 0199`), its area code and exchange starting with 2 to 9. Speech
recognition writes a number said digit by digit in words ("two oh four five five five zero one
nine nine", Dutch in pairs "nul zes twaalf vierendertig"): SPELLED_WORDS number words in a row
saying SPELLED_DIGITS digits or more are a phone number (`spelled_phones`). So dates
(`01-02-2019`), times (`12.30`, `09.00-17.00`), years, amounts, percentages,
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
Grove, Gardens, St, Rd and Ave of its other forms need a house number. In lower case (speech
recognition) an English street is hidden with a house number before it (`lower_streets`: "45
lakeview drive", "12 main st"; not "a 45 minute drive"). A Dutch postcode before a place's name
("3512 JE Utrecht") is hidden as an address too, and so are a Canadian postal code in either case
("R0L 1P0"), a British postcode in capitals ("SW1A 1AA") and an American ZIP code after a state
("MN 55401-1234"); the place is a name to list.

A Dutch citizen service number (BSN: nine digits passing the 11-test, `bsns`) and an IBAN (a
country's code, two check digits and 11 to 30 letters and digits passing the mod-97 check,
`ibans`) are found by their checksum: a number that fails it, or an amount ("€ 123.456.782"),
stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

PHONE = "[telefoon]"
ADDRESS = "[adres]"
BSN = "[BSN]"
IBAN = "[rekeningnummer]"

_SEP = r"(?:[ \u00a0]?[\-–/][ \u00a0]?|[ \u00a0.])"
"""What stands between a phone number's groups: a space, a hyphen, a dot, a slash."""
_PHONE = regex.compile(
    r"(?<![\w.,/+\-–])(?:"
    r"(?:\+|00)[1-9]\d{0,2}(?:[ \u00a0]?\(0\))?(?:" + _SEP + r"?\d{1,5}){2,7}"
    r"|\(0\d{1,4}\)[ \u00a0]?\d{1,5}(?:" + _SEP + r"?\d{1,5}){0,5}"
    r"|0\d{1,4}(?:" + _SEP + r"?\d{1,8}){1,6}"
    r"|\(\d{3}\)[ \u00a0]?\d{3}[\-. \u00a0]\d{4}"
    r"|1[\-. \u00a0]\(?\d{3}\)?[\-. \u00a0]\d{3}[\-. \u00a0]\d{4}"
    r"|[2-9]\d{2}[\-.]\d{3}[\-.]\d{4}"
    r"|[2-9]\d{2}[ \u00a0][2-9]\d{2}[ \u00a0]\d{4}(?![ \u00a0]?[\-–/.,:]?\d)"
    r"|1?[2-9]\d{2}[2-9]\d{6}"
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
LOWER_KINDS = (
    "street|st|road|rd|lane|avenue|ave|drive|crescent|terrace|boulevard|blvd|way|highway|hwy|trail"
)
"""English street words that, in lower case, make an address with a house number before them
("45 lakeview drive", "12 main st", as speech recognition writes it)."""
NOT_STREET_NAMES = frozenset(
    """
    minute minutes min mins hour hours hr hrs day days week weeks month months year years
    mile miles km kms kilometre kilometres kilometer kilometers metre metres meter meters
    block blocks am pm percent dollar dollars times people patients more less other
    """.split()
)
"""Words after a number that make it a quantity, not a house number ("a 45 minute drive")."""
QUANTIFIERS = frozenset("a an the about over under than every each some only just".split())
"""Words before a number that make it a quantity ("the 2 lane road", "about 40 mile drive")."""
_LOWER_STREET = regex.compile(
    r"(?<![\w\-.,/])(?P<number>\d{1,5}[a-z]?)[ \u00a0]+"
    r"(?P<name>(?:[a-z][a-z'’\-]*[ \u00a0]+){1,3})"
    r"(?P<kind>" + LOWER_KINDS + r")\b\.?",
    regex.UNICODE | regex.IGNORECASE,
)
_CANADIAN_POSTCODE = regex.compile(
    r"(?<![\w\-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \u00a0\-]?\d[ABCEGHJ-NPRSTV-Z]\d"
    r"(?![\w\-])",
    regex.IGNORECASE,
)
"""A Canadian postal code, in either case ("R0L 1P0", "r0l 1p0"): a letter, a digit and a
letter twice, of the letters Canada Post uses."""
_UK_POSTCODE = regex.compile(
    r"(?<![\w\-])[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \u00a0]?(?![0-9][GKMT]B\b)\d[ABD-HJLNP-UW-Z]{2}"
    r"(?![\w\-])"
)
"""A British postcode in capitals ("SW1A 1AA", "M1 1AE"): not "4GB" of "MP3 4GB", nor "3PM"
(the Royal Mail's inward letters leave out C, I, K, M, O and V)."""
US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
).split()
_US_ZIP = regex.compile(
    r"(?<=(?<![\w\-])(?:" + "|".join(US_STATES) + r")\.?,?[ \u00a0]+)\d{5}(?:-\d{4})?(?![\w\-])"
)
"""A ZIP code after a state's abbreviation ("MN 55401", "TX 75201-1234")."""
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


DIGIT_WORDS = {
    **{
        w: 1
        for w in (
            "zero oh o one two three four five six seven eight nine "
            "nul een één eén twee drie vier vijf zes zeven acht negen"
        ).split()
    },
    **{
        w: 2
        for w in (
            "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
            "twenty thirty forty fifty sixty seventy eighty ninety "
            "double triple "
            "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien "
            "twintig dertig veertig vijftig zestig zeventig tachtig negentig"
        ).split()
    },
}
"""Digits as speech recognition writes a number said digit by digit ("two oh four five five
five"), or in pairs, as the Dutch say a phone number ("nul zes twaalf vierendertig"): how many
digits each word says ("double five" says two, counted so)."""
_DUTCH_PAIR = regex.compile(
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
)
"""A Dutch number of two digits said as one word ("vierendertig", "tweeëntwintig")."""
SPELLED_DIGITS = 7
"""Digits at least that a run of number words says to be a phone number: a local number; fewer
are a count, a date, an amount ("twee drie keer", "nineteen ninety nine")."""
SPELLED_WORDS = 5
"""Words at least in such a run: a year or an amount is said in fewer ("twenty twenty four")."""
_SPELLED_TOKEN = regex.compile(r"[^\W_]+|[^\w\s]", regex.UNICODE)


def _spelled_digits(word: str) -> int:
    """How many digits a word of a spelled-out number says (0: none)."""
    folded = word.casefold()
    if folded.isdigit() and folded.isascii():
        return len(folded) if len(folded) <= 4 else 0
    return DIGIT_WORDS.get(folded) or (2 if _DUTCH_PAIR.fullmatch(folded) else 0)


def spelled_phones(text: str) -> list[tuple[int, int]]:
    """Where `text` says a phone number in words: SPELLED_WORDS or more number words (or short
    groups of digits) in a row, saying SPELLED_DIGITS digits or more, nothing but spaces,
    commas and hyphens between them, not counting up by one ("one two three four five six
    seven" is counting)."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, int]] = []

    def close() -> None:
        words = [text[s:e].casefold() for s, e, _ in run]
        spelled = [w for w in words if not w.isdigit()]
        if (
            len(run) >= SPELLED_WORDS
            and len(spelled) >= SPELLED_WORDS - 2  # "2018 2019 2020 2021 2022": years
            and sum(d for _, _, d in run) >= SPELLED_DIGITS
            and not _counting(words)
        ):
            out.append((run[0][0], run[-1][1]))
        run.clear()

    for m in _SPELLED_TOKEN.finditer(text):
        token = m.group()
        if token in ",-–":
            continue
        digits = _spelled_digits(token)
        if digits:
            run.append((m.start(), m.end(), digits))
        else:
            close()
    close()
    return out


_COUNT = "zero one two three four five six seven eight nine ten".split()
_TEL = "nul een twee drie vier vijf zes zeven acht negen tien".split()
_TENS = frozenset(
    "ten twenty thirty forty fifty sixty seventy eighty ninety "
    "tien twintig dertig veertig vijftig zestig zeventig tachtig negentig".split()
)
COUNTING = 4
"""Number words counting up by one in a row that make a run a count, not a number."""


def _counting(words: list[str]) -> bool:
    """Whether number words count ("een twee drie vier", "ten twenty thirty forty"): COUNTING of
    them up by one in a row, or two tens or more in a row."""
    if sum(1 for a, b in zip(words, words[1:], strict=False) if a in _TENS and b in _TENS):
        return True
    for order in (_COUNT, _TEL):
        at = [order.index(w) if w in order else -9 for w in words]
        for i in range(len(at) - COUNTING + 1):
            window = at[i : i + COUNTING]
            if window[0] >= 0 and all(b == a + 1 for a, b in zip(window, window[1:], strict=False)):
                return True
    return False


def _may_spell(text: str) -> bool:
    """A fast test before `spelled_phones`: SPELLED_WORDS of the text's words are number words."""
    n = 0
    for word in text.split():
        if word.strip(",.;:!?-").casefold() in DIGIT_WORDS:
            n += 1
            if n >= 3:
                return True
    return False


_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d[\d \-./()\u00a0–]{5,}\d")
"""What every phone number holds: a fast test before `_PHONE`, which few texts need."""


_BSN = regex.compile(
    r"(?<![\w.,/+\-–€$£])(?:\d{9}|\d{3}([ .\u00a0])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})"
    r"(?![\w%]|[.,/\-–]\d)"
)
"""Nine digits, written together or grouped 3-3-3 or 4-2-3 ("123456782", "123 456 782",
"1234.56.782"): a BSN where they pass the 11-test (`is_bsn`)."""
_AMOUNT_BEFORE = regex.compile(r"(?:€|\$|£|\beur|\beuro|\busd|\bgbp)[ \u00a0]*$", regex.IGNORECASE)
_AMOUNT_AFTER = regex.compile(
    r"[ \u00a0]*(?:euro|eur|dollar|pond|pound|procent|percent|mln|miljoen|million|miljard)\b",
    regex.IGNORECASE,
)
"""A currency before or a unit after nine digits makes an amount, not a BSN."""
_IBAN_START = regex.compile(r"(?<![\w\-])[A-Za-z]{2}\d{2}(?=[ \u00a0]?[A-Za-z0-9])")
_IBAN_CHUNK = regex.compile(r"[ \u00a0]?([A-Za-z0-9]{1,4})(?![A-Za-z0-9])|([A-Za-z0-9]+)")
IBAN_LENGTHS = (15, 34)
"""How many letters and digits an IBAN has: 15 (Norway) to 34; 18 in the Netherlands, 16 in
Belgium."""


def is_bsn(digits: str) -> bool:
    """The 11-test of a Dutch citizen service number (burgerservicenummer): 9×d1 + 8×d2 + … +
    2×d8 − d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def is_iban(text: str) -> bool:
    """An IBAN's mod-97 check: its country and check digits moved to the end, each letter a
    number (A is 10), the whole number modulo 97 is 1."""
    code = "".join(text.split()).upper()
    if not IBAN_LENGTHS[0] <= len(code) <= IBAN_LENGTHS[1] or not code.isalnum():
        return False
    if not (code[:2].isalpha() and code[2:4].isdigit()):
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def bsns(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a BSN: nine digits (`_BSN`) that pass the 11-test, no currency before
    them and no unit after ("€ 123.456.782", "123456782 euro" are amounts)."""
    out = []
    for m in _BSN.finditer(text):
        if not is_bsn("".join(c for c in m.group() if c.isdigit())):
            continue
        if _AMOUNT_BEFORE.search(text, 0, m.start()) or _AMOUNT_AFTER.match(text, m.end()):
            continue
        out.append((m.start(), m.end()))
    return out


def ibans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds an IBAN, written together or in groups of four ("NL91ABNA0417164300",
    "NL91 ABNA 0417 1643 00"), in either case: the longest run of groups from a country's code
    and two digits that passes the mod-97 check."""
    out: list[tuple[int, int]] = []
    for m in _IBAN_START.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        ends = []
        pos = m.end()
        while True:
            chunk = _IBAN_CHUNK.match(text, pos)
            if chunk is None or chunk.end() == pos:
                break
            pos = chunk.end()
            ends.append(pos)
            if len("".join(text[m.start() : pos].split())) > IBAN_LENGTHS[1]:
                break
        for end in reversed(ends):
            if is_iban(text[m.start() : end]) and not regex.match(r"[\w\-]", text[end : end + 1]):
                out.append((m.start(), end))
                break
    return out


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
        bsn: str = BSN,
        iban: str = IBAN,
    ):
        """`listed`: numbers' digits a participants file lists; `find`: also those nobody listed,
        by their form (anonymized outputs), with BSNs and IBANs; without it, only the listed ones
        (the rules' masks)."""
        self.phone = phone
        self.address = address
        self.bsn = bsn
        self.iban = iban
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
            if has_digit:
                out += [(s, e, self.iban) for s, e in ibans(text)]
                out += [(s, e, self.bsn) for s, e in bsns(text)]
            if has_digit and _DIGIT_RUN.search(text):
                out += self._phones(text)
            if _may_spell(text):
                out += [(s, e, self.phone) for s, e in spelled_phones(text)]
            if has_digit:
                out += [(s, e, self.address) for s, e in postcodes(text)]
                out += [(s, e, self.address) for s, e in lower_streets(text)]
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


def postcodes(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a postal code: a Dutch one before a place's name, a Canadian one, a
    British one in capitals, an American ZIP code after a state's abbreviation."""
    return [
        (m.start(), m.end())
        for pattern in (_POSTCODE, _CANADIAN_POSTCODE, _UK_POSTCODE, _US_ZIP)
        for m in pattern.finditer(text)
    ]


def lower_streets(text: str) -> list[tuple[int, int]]:
    """Where `text` names an English street after a house number in any case ("45 lakeview
    drive", "12 main st"): none of the name's words a function word or a unit ("45 minutes down
    the road", "a 100 mile drive"), no article or quantifier before the number."""
    from .stopwords import BY_LANGUAGE

    out = []
    for m in _LOWER_STREET.finditer(text):
        words = m.group("name").casefold().split()
        if any(w in NOT_STREET_NAMES or any(w in s for s in BY_LANGUAGE.values()) for w in words):
            continue
        before = regex.search(r"([^\W\d_]+)[ \u00a0]*$", text[: m.start()])
        if before is not None and before.group(1).casefold() in QUANTIFIERS:
            continue
        out.append((m.start(), m.end()))
    return out


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
