"""Whether the words around a capitalised ordinary word say it is a person's name.

Many first names are ordinary words too: Dutch "Roos", "Mark", "Hoop", "Iris", "Koen", English
"Will", "Hope", "Grace". `lernet names` lists a capitalised ordinary word only where its context
says a person: a verb of saying or calling beside it, "met"/"with" before it, a spoken
possessive after it, "en"/"and" joining it to a name or to "ik". Without such a context the
capital is the sentence's ("Hoop doet leven") and the word is not listed, so that the list
stays short enough to read.

A common given name (`language.given_names`: "Koen", "Anna", "Rose") needs less: inside a
sentence its capital, not after a determiner ("ik zag Koen"); at a sentence's start a finite
verb after it ("Koen gaat weg", "Jack helped us"; a form of "zijn", "be" or a modal only after a
name that is no word: "Anna is er", not "Hope is all"; no plural that a verb follows, right
after it or after a phrase: "Rose gardens (in the area) were lovely"), a surname-like
capitalised word after it ("Mark Bakker belde"), or, for a name that is no word, the study
writing it capitalised inside a sentence elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import regex

from ..language.given_names import finite_verb, is_given_name, name_is_word, subject_plural

STARTERS = frozenset(
    "euh eh ehm uh uhm um hm hmm mm mhm ah oh o oeh nou tja ja jaja nee jep joh hè he hoor "
    "oké okay ok yep yeah nope nah wow haha oops ooh aha ahum allee awel amai goh oei pff poeh "
    "mwah joa da's ach duh poe houdoe jazeker neenee integendeel aiya wah eeh chur kia "
    "namaste effe efkes dunno gonna wanna gotta kinda".split()
)
"""Sounds, greetings, words that open a sentence in speech ("Euh", "Tja", "Amai",
"Integendeel", "Kia ora") and spoken shortenings ("effe", "gonna"), which the dictionaries lack:
no name at a sentence's start, nor in lower case beside a verb ("ik belde effe")."""
SAYING = frozenset(
    """
    zei zegt zeiden vroeg vraagt vertelde vertelt belde belt mailde mailt appte appt schreef
    riep antwoordde antwoordt vond vindt wilde stelde stelt legde legt
    said says asked asks told tells called calls phoned rang emailed texted wrote replied
    thinks thought wanted mentioned suggested explained
    """.split()
)
"""Verbs of saying and calling a person's name stands beside ("Mark zei", "toen zei Mark",
"Will said", "I called Rose"): there a capitalised ordinary word is a name ("Roos", "Hope")."""
TOWARDS = SAYING | frozenset("met tegen with".split())
"""Words a person's name follows ("met Bas", "zei tegen Roos", "with Hope"), besides `SAYING`;
"van" and "from" are place words already."""
DOES = frozenset(
    """
    heeft had hadden wil wilde ging kwam hebben wilden gingen kwamen has went came wanted
    """.split()
)
"""Finite verbs a person's name stands before inside a sentence ("subsidies en Koen heeft"); at
a sentence's start the capital is the sentence's, and "is", "was" follow any noun."""
POSSESSIVE = frozenset("d'r z'n".split())
"""Spoken possessives after a name ("Mieke d'r zus", "Bram z'n auto")."""
SELF = frozenset("ik mij me i we wij".split())
"""Pronouns a name is joined to ("ik en Iris", "me and Will", "Bram en ik")."""
JOINING = frozenset("en and &".split())
"""What joins a name to another ("Mark en Bas", "Bill and Pat")."""
ANYONE = frozenset(
    "iedereen niemand iemand men everyone everybody someone somebody nobody anyone anybody".split()
)
"""Who says something without a name ("Iedereen zei", "Everyone said")."""
SUBJECTS = frozenset("ik jij je hij zij ze wij we u jullie men i you he she we they".split())
"""Subject pronouns: after a verb of saying they, a determiner or a capitalised word say the word
before the verb is none ("Eigenlijk vond ik", "Gelukkig belde de gemeente")."""
ARTICLES = frozenset("de een the a an mijn onze hun my our their".split())
"""Determiners that open a subject after a verb ("belde de gemeente"); "dat", "that" after a
verb of saying open what was said ("Mees zei dat")."""
DETERMINERS = frozenset(
    "de het een die dat deze dit onze ons mijn jullie hun the a an this that our my their".split()
)
"""Words before a noun: "de Gemeente", "the Council" are no names, capital or not."""
_WORD = regex.compile(r"[^\W\d_](?:[\w’']*[^\W_])?")
FIXED_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "met spoed",
        "met behulp van",
        "met inachtneming van",
        "tegen heug en meug",
        "with bated breath",
    )
)
"""Fixed phrases after "met", "tegen", "with" whose word the dictionaries lack ("als een klant
met spoed belt"): a word of the phrase, no name typed in lower case."""
ARTICLE_BEFORE = regex.compile(
    r"(?<![\w’'])(?i:de|het|een|'t|the|an?)[ \t]+([^\W\d_A-Z](?:[\w’']*[^\W_])?)(?![\w’'-])"
)
"""A word in lower case after an article ("de wmo", "het mbo", "the kpis"): a noun, whatever the
dictionary lacks; a name typed in lower case has none."""


NOT_SURNAMES = frozenset(
    """
    street road lane avenue drive way close square park garden gardens hill place court
    terrace crescent green house hall centre center college church
    straat weg laan plein park tuin dreef steenweg huis hof kerk
    """.split()
)
"""Words after a first name that make a place of it ("Hope Street", "Rose Garden", "Roos
Laan"), not a person's surname."""


_VOWEL = regex.compile(r"[aeiouy\p{Mn}àáâäèéêëìíîïòóôöùúûüý]")


def _abbreviation_like(folded: str) -> bool:
    """An abbreviation typed in lower case ("ggz", "pgb", "mkb": no vowel) or a person noun made
    of one ("ict'ers", "mbo'er"): no name."""
    return _VOWEL.search(folded) is None or folded.endswith(("'ers", "'er"))


_SAYING_OR_POSSESSIVE = SAYING | POSSESSIVE
_FOLLOWING = regex.compile(r"[ \t]*([^\W\d_](?:[\w’']*[^\W_])?)")
"""The word that follows, past spaces and tabs (`_WORD`)."""


def nouns_after_articles(
    texts: Iterable[str], wanted: Callable[[str], bool] = lambda word: True
) -> frozenset[str]:
    """The folded words the texts write in lower case after an article, as `ARTICLE_BEFORE`,
    but where a verb of saying or a spoken possessive follows: the Flemish "de marie zei",
    "de joost z'n auto" say a person. `wanted`: of the folded words only those it says yes to
    (the few no dictionary has, which alone `_lower_name` asks about): what follows each of the
    many others is not read."""

    def person_after(text: str, end: int) -> bool:
        following = _FOLLOWING.match(text, end, end + 40)
        return following is not None and (
            following.group(1).casefold().replace("’", "'") in _SAYING_OR_POSSESSIVE
        )

    out: set[str] = set()
    asked: dict[str, bool] = {}
    for text in texts:
        for m in ARTICLE_BEFORE.finditer(text):
            word = m.group(1)
            folded = word.casefold().replace("’", "'")
            if folded in out:
                continue
            want = asked.get(folded)
            if want is None:
                want = asked[folded] = wanted(folded)
            if want and word.islower() and not person_after(text, m.end()):
                out.add(folded)
    return frozenset(out)


_OPENING_CLITIC = regex.compile(r"(?:^|(?<=[\s\"“‘(«]))['’][stkn][ \t]+$", regex.IGNORECASE)
"""A Dutch clitic before a sentence's first word, which then takes the capital ("'s Ochtends
ging ik", "'t Is goed")."""


def sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (or the text), also after a Dutch clitic
    ("'s Ochtends")."""
    before = text[:start]
    clitic = _OPENING_CLITIC.search(before[-8:])
    if clitic is not None:
        before = before[: len(before) - len(clitic.group())]
    before = before.rstrip(" \t\"'“‘(«»-–—")
    return not before or before[-1] in ".!?…:;\n"


def _last_word(text: str) -> str:
    words = _WORD.findall(text)
    return words[-1].casefold().replace("’", "'") if words else ""


def _word_before(text: str, start: int) -> str:
    """The folded word before `start` in the same sentence ("" where a sentence ends)."""
    gap_before = text[max(0, start - 60) : start].rstrip()
    return "" if gap_before[-1:] in tuple(".!?…:;\n") else _last_word(gap_before)


_CAPITALISED = regex.compile(r"(?<![\w’'-])\p{Lu}[\w’']*(?![\w’'-])")
_SUBJECT = regex.compile(r"[^\W\d_][\w’']*[ \t]+([^\W\d_][\w’']*)")
_JOINED_LEFT = regex.compile(r"([^\W\d_][\w’'-]*)[ \t]+(?:en|and|&)[ \t]+$")
_JOINED_RIGHT = regex.compile(r"[ \t]+(?:en|and|&)[ \t]+([^\W\d_][\w’'-]*)")
_APART = regex.compile(r"[.!?…:;\n\[\]]")
_LOWER = regex.compile(r"(?<![\w’'])[^\W\d_A-Z](?:[\w’']*[^\W_])?(?![\w’'])")


class PersonContext:
    """`NameFinder`'s reading of a word's context; the finder gives the word lists."""

    _openers: frozenset[str]
    _names_too: frozenset[str]
    _listed_lower: frozenset[str] = frozenset()
    """Listed names of one ordinary word ("Roos"), which outputs hide only where capitalised."""

    _nouns: frozenset[str] = frozenset()
    """Words the study writes in lower case after an article (`nouns_after_articles`): no name
    typed in lower case, wherever else they stand ("met wmo", "with kpis")."""

    _plain: Callable[[str], bool]

    _named_inside: frozenset[str] = frozenset()
    """Folded given names the texts write capitalised inside a sentence (`names_inside`)."""

    _lower_seen: dict[str, bool]
    """`_lower_name` of the words seen, while `_nouns` stays the same (`find` empties it)."""

    def _plain_anyway(self, word: str) -> bool:
        raise NotImplementedError

    def _person_here(
        self, text: str, start: int, end: int, at_start: bool, joined: bool = True
    ) -> bool:
        """Whether the words around a capitalised ordinary word say it is a person's name, as
        "Roos", "Mark", "Hope" are: a verb of saying beside it ("Mark zei", "toen belde ik
        Roos", "Will said"), "met", "tegen" or "with" before it, a spoken possessive after it
        ("Mieke d'r zus"), "en"/"and" joining it to another capitalised word or to "ik"/"me"
        ("Bas en Fleur", "ik en Will"), or inside a sentence a finite verb after it ("en Koen
        heeft"). A sentence's capital before any other verb stays the sentence's ("Hoop doet
        leven"), as does a word after a determiner ("de Gemeente") or a function word."""
        gap_after = text[end : end + 60].lstrip()
        # only words of the same sentence count
        following = None if gap_after[:1] in tuple(".!?…:;\n,") else _WORD.match(gap_after)
        after = [following.group().casefold().replace("’", "'")] if following else []
        if at_start and not (after and after[0] in SAYING | POSSESSIVE | JOINING):
            return False  # most sentences: only what follows the first word may say a person
        folded = text[start:end].casefold()
        if folded in STARTERS or folded in ANYONE or (at_start and folded in self._openers):
            return False
        function_word = folded in self._names_too
        if self._plain_anyway(text[start:end]) and not function_word:
            return False
        gap_before = text[max(0, start - 60) : start].rstrip()
        prev = "" if gap_before[-1:] in tuple(".!?…:;\n") else _last_word(gap_before)
        if prev in DETERMINERS:
            return False
        if prev in TOWARDS or (after[:1] and after[0] in POSSESSIVE):
            return True
        if after[:1] and after[0] in SAYING:
            # "Toen zei Mark", "Daarna belde ik": the verb's subject follows it, so the word
            # before it is no name
            subject = _SUBJECT.match(gap_after)
            return not (
                subject
                and (
                    subject.group(1)[0].isupper()
                    or subject.group(1).casefold() in SUBJECTS | ARTICLES | ANYONE
                )
            )
        if function_word:
            return False  # "Wij en Zij": only a verb of saying makes "Will" a name
        if not at_start and after and after[0] in DOES:
            return True
        return joined and self._joined(text, start, end)

    def _given_name(self, word: str, at_start: bool) -> bool:
        """Whether a capitalised word is a common given name that may be a person's here: no
        function word (at a sentence's start none of any language: "Will you", "Dan ging"),
        sound of speech, word of the codebook or the calendar ("May", "June")."""
        folded = word.casefold()
        return (
            is_given_name(folded)
            and folded not in STARTERS
            and folded not in ANYONE
            and not (at_start and folded in self._openers)
            and not self._plain_anyway(word)
        )

    def _given_name_here(self, text: str, start: int, end: int, at_start: bool) -> bool:
        """Whether a capitalised common given name is likely a person's where it stands: inside
        a sentence, not after a determiner ("ik zag Koen", not "café De Roos"); at a sentence's
        start, before a finite verb ("Koen gaat weg", "Bill came along"; before a form of
        "zijn", "be" or a modal only a name that is no word: "Anna is", not "Hope is"), or, a
        name that is no word, written capitalised inside a sentence elsewhere in the study
        ("Koen, ja."). It only suggests: outputs hide what the researcher lists."""
        word = text[start:end]
        if not self._given_name(word, at_start):
            return False
        if not at_start:
            return _word_before(text, start) not in DETERMINERS
        if word.casefold() in self._named_inside and not name_is_word(word):
            return True
        following = _FOLLOWING.match(text, end, end + 40)
        verb = finite_verb(following.group(1)) if following else None
        if (
            verb == "verb"
            and following is not None
            and subject_plural(following.group(1), text[following.end() :])
        ):
            return False  # "Rose gardens (in the area) were lovely": the subject's plural
        return verb == "verb" or (verb == "aux" and not name_is_word(word))

    def _surname_after(self, text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
        """Whether two capitalised words at a sentence's start are a common given name and a
        surname ("Mark Bakker belde", "Rose Baker went home"), not a place ("Hope Street") or an
        organisation ("Iris Stichting")."""
        from ..language.names_contacts import is_street_word
        from ..language.organisations import is_organisation_word

        name, surname = text[slice(*first)], text[slice(*second)]
        folded = surname.casefold()
        return (
            self._given_name(name, at_start=True)
            and not surname.isupper()
            and folded not in NOT_SURNAMES
            and folded not in self._openers
            and folded not in STARTERS
            and not self._plain_anyway(surname)
            and not is_street_word(surname)
            and not is_organisation_word(surname)
        )

    def names_inside(self, texts: Iterable[str]) -> frozenset[str]:
        """The folded common given names the texts write capitalised inside a sentence, not
        after a determiner ("ik sprak Koen", "me and Rose"): at a sentence's start elsewhere the
        same name is likely a person's too ("Koen, ja."). A word in lower case ("ik mark",
        "de roos") is no such evidence."""
        out: set[str] = set()
        for text in texts:
            for m in _CAPITALISED.finditer(text):
                word = m.group()
                folded = word.casefold()
                if folded in out or not is_given_name(folded):
                    continue
                if not self._given_name(word, at_start=False) or sentence_start(text, m.start()):
                    continue
                if _word_before(text, m.start()) not in DETERMINERS:
                    out.add(folded)
        return frozenset(out)

    def _joined(self, text: str, start: int, end: int) -> bool:
        """Whether "en"/"and" joins the word at `start` to a capitalised word that is no
        function word or sound of speech ("Bas en Fleur", "Mark en Bas") or to "ik"/"me"."""

        def other(at: int, word: str) -> bool:
            folded = word.casefold()
            if folded in SELF:
                return True
            if not word[:1].isupper() or folded in self._openers or folded in STARTERS:
                return False
            # a name by itself ("Bas en Fleur") or by its own context ("Mark en Bas hebben"),
            # not another ordinary word ("Kennis en Innovatie")
            return not self._plain(word) or self._person_here(
                text, at, at + len(word), sentence_start(text, at), joined=False
            )

        left = _JOINED_LEFT.search(text[max(0, start - 60) : start])
        right = _JOINED_RIGHT.match(text[end : end + 60])
        return bool(
            (left and other(max(0, start - 60) + left.start(1), left.group(1)))
            or (right and other(end + right.start(1), right.group(1)))
        )

    def _lower_name(self, word: str) -> bool:
        """Whether a word in lower case may be a name: a listed one that is an ordinary word, or
        one no dictionary has that the study never writes after an article and that is no
        abbreviation ("ggz")."""
        folded = word.replace("’", "'")
        return (
            len(folded) > 2
            and folded not in STARTERS
            and (
                folded in self._listed_lower
                or (
                    not self._plain(folded)
                    and folded not in self._nouns
                    and not _abbreviation_like(folded)
                )
            )
        )

    def lower_names(
        self, text: str, hidden: Collection[tuple[int, int, str]] = ()
    ) -> list[tuple[int, int]]:
        """Where a name typed in lower case stands ("toen belde ik sterre", "met joost en
        fleur", "daan zei"): a word no dictionary has, or a listed name that is an ordinary
        word ("roos" of a listed "Roos", which outputs hide only where capitalised), beside a
        verb of saying or calling, after "met", "tegen", "with", or joined by "en"/"and" to one
        such word or to "ik". Another ordinary word in lower case ("mark") is not found so: only
        the capital tells."""
        seen = self._lower_seen
        for written in set(_LOWER.findall(text)):
            may = seen.get(written)
            if may is None:
                may = seen[written] = self._lower_name(written)
            if may:
                break
        else:
            return []  # most texts: every word in lower case is a word
        words = [
            (m.start(), m.end(), m.group().casefold().replace("’", "'"))
            for m in _WORD.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e, _ in hidden)
        ]

        def apart(i: int) -> bool:
            """Whether a sentence ends (or a hidden name stands) between word i and i + 1."""
            between = text[words[i][1] : words[i + 1][0]]
            return len(between) > 3 or _APART.search(between) is not None

        def candidate(i: int) -> bool:
            start, end, folded = words[i]
            return (
                text[start:end].islower()
                and self._lower_name(folded)
                and not compound_head(i)
                and not in_phrase(i)
            )

        def compound_head(i: int) -> bool:
            """ "met ggz-instellingen", "with sme-owners": the first part of a compound that
            ends in an ordinary word ("jan-willem" stays a name)."""
            end = words[i][1]
            return (
                i + 1 < len(words)
                and text[end : words[i + 1][0]] == "-"
                and self._plain(words[i + 1][2])
            )

        def in_phrase(i: int) -> bool:
            return any(
                tuple(word(k) for k in range(i - at, i - at + len(phrase))) == phrase
                for phrase in FIXED_PHRASES
                for at, part in enumerate(phrase)
                if part == words[i][2]
            )

        def word(i: int) -> str:
            return words[i][2] if 0 <= i < len(words) else ""

        def linked(i: int) -> bool:
            prev = word(i - 1) if i > 0 and not apart(i - 1) else ""
            after = word(i + 1) if i + 1 < len(words) and not apart(i) else ""
            if prev in TOWARDS or after in SAYING | POSSESSIVE:
                return True
            return prev in SUBJECTS and i > 1 and not apart(i - 2) and word(i - 2) in SAYING

        found = [candidate(i) and linked(i) for i in range(len(words))]
        for i in range(len(words)):
            if found[i] or not candidate(i):
                continue
            # "met joost en fleur", "ik en sterre": joined to a name or to "ik"
            for j, k in ((i - 2, i - 1), (i + 2, i + 1)):
                lo, hi = min(i, j), max(i, j)
                joined = lo >= 0 and hi < len(words) and word(k) in ("en", "and")
                if joined and not apart(lo) and not apart(lo + 1):
                    found[i] = found[i] or found[j] or word(j) in SELF
        return [(words[i][0], words[i][1]) for i in range(len(words)) if found[i]]
