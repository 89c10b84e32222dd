"""Replace names of people and organisations, and e-mail addresses, in quotes and exports.

Researchers promised anonymity, so a name must not slip through in another case or inflection:
matching ignores case and accents, takes possessive and diminutive forms (*Jeroens*, *Jeroen's*,
*Jeroentje*, *Kimmetje*, Flemish *Tommeke*) and a name's words written together
(*VitaalWerk.nl*). A possessive stays after the placeholder ("[name]'s patience"); a diminutive
goes with the name. An e-mail address goes whole.

A person's name also hides its parts of two letters or more (*Jeroen*, *Bakker*, *An*, *de Vos*),
but not the Dutch particles nor a title (*Dr*, *Mevr*). A part that is also an ordinary lower-case
word of the project's language or of the other one (a study may hold interviews in both: the *mark*
of "Mark Jansen", the *will* of "Will Smith", the *bos* of "Karin Bos") is hidden
only where it is written capitalised, as names are in a transcript, so "I mark the forms" stays;
the English article *An* at the start of a sentence, before a word it can stand before ("An
idea"), is the article. A name of two or more words is hidden in any case, and in a text written
wholly in lower case (speech recognition) every part is, except a function word ("will", "an"),
which there is surely the word.

An organisation's name hides its distinctive parts alone (*Hoekstra* of "Bouwbedrijf Hoekstra",
*Larchwood* of "Larchwood Care Group", *Victor* of "Sint-Victorinstituut"), and any run of two or
more of its adjacent words (*Larchwood Care*, *Sint-Victor*, *stad Lier*). A part that is an
ordinary word (*Care*, *Onderwijs*) or only says what kind of organisation ("Stichting",
"Hospital") is not hidden alone, unless it is the name's only word besides those (*Klimop* of
"Basisschool De Klimop", *Vitaal* of "Stichting Vitaal"), or the name has no distinctive word
("Riverside Medical Practice"): then each is hidden where capitalised inside a sentence. A run of
ordinary words ending in a word for the kind ("the health authority" of "Prairie Ridge Health
Authority") says what kind, not which: hidden only so too, never in text without capitals; and a
compound the dictionary has ("melkveebedrijf") is not taken apart into a name ("melkvee"). A word
the list itself writes in lower case (the *stad* of "dienst Onderwijs stad Lier") needs no capital
in the text either. The placeholders follow the project's language, or its `placeholders:`
setting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import accumulate, compress

import regex

from .names_contacts import ADDRESS, BSN, IBAN, PHONE
from .organisations import (
    COMMON_ABBREVIATIONS,
    COMPOUND_ENDINGS,
    ORGANISATION_WORDS,
    is_organisation_compound,
)

PERSON = "[naam]"
ORGANISATION = "[organisatie]"
EMAIL = "[e-mail]"
PARTICLES = frozenset(
    "van de der den ter ten het t 't ’t 's la le du da von zu di del dos das y e en and of".split()
)
TITLES = frozenset("dr drs dhr mevr mw mr mrs ms miss prof ir ing sir st".split())
"""Titles written with a name ("Dr Osei", "Mevr. Claes"): part of it, never a name alone."""
MIN_PART = 2
"""The shortest part of a name hidden alone: "An", "Jo"; one letter is an initial."""
COMPOUND_PART = 4
"""The shortest word a compound is taken apart into: shorter ones ("oen", "tra") make names."""
# Possessive endings, kept after the placeholder, and diminutive ones, which go with the name.
POSSESSIVE = r"['’]s|['’]|s"
DIMINUTIVE = r"etje|tjes|tje|jes|je|ke"
DOUBLED = ("etjes", "etje", "ekes", "eke", "ke")
"""Diminutive endings after the name's last letter written twice: "Kimmetje", "Tommeke"
(Flemish), "Jeffke"."""
SUFFIX = (
    rf"(?P<suffix>{POSSESSIVE}|{DIMINUTIVE}"
    rf"|(?<=(?P<last>[^\W\d_aeiouy]))(?P=last)(?:{'|'.join(DOUBLED)}))?"
)
EMAIL_PATTERN = r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
SEPARATORS = r"[\s\-_]"
SENTENCE_START = regex.compile(r"(?:^|[.!?…:;]|\n)[\s\"“‘'(\[\-–—]*$")
ENGLISH_ARTICLE = "an"


@dataclass(frozen=True)
class _Entry:
    placeholder: str
    capitalised_only: bool
    """Hidden only where its words are written capitalised: an ordinary word too."""
    lower: frozenset[str] = frozenset()
    """Its words the list writes in lower case ("stad" of "dienst Onderwijs stad Lier"): they
    need no capital in the text either."""
    function_word: bool = False
    """A function word of the project's language ("an", "will"): in a text without capitals it
    is the word, not the name."""
    not_first: bool = False
    """An ordinary word of a name with nothing distinctive in it ("Riverside" of "Riverside
    Medical Practice"): hidden where capitalised inside a sentence, where the capital is the
    name's; at a sentence's start ("Care home manager", "Samen met ...") it is the word."""


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
"""Apostrophes as keyboards and Word write them: a list typed with one and a transcript with
another name the same "St Mary's"."""


_LOOKALIKES = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
    | {"ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ɨ": "i", "ƚ": "l"}
)
"""Letters that NFKD leaves whole, as their ASCII look-alike: a Turkish "Yılmaz" is written
"Yilmaz" and "YILMAZ" too, a Danish "Søren" "Soren", a Polish "Michał" "Michal"."""
_DOUBLES = {"ß": "ss", "æ": "ae", "œ": "oe"}
"""Letters written as two ("Großmann", "Grossmann"; "Bæk", "Baek"): a name is folded to the two,
a text keeps the one (its offsets stay) and the name's pattern takes either (`_flexible`)."""
_EXPAND = str.maketrans(_DOUBLES)


def _fold(text: str) -> str:
    text = text.translate(_APOSTROPHES).translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFKD", text).casefold().translate(_EXPAND)
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
        contacts: bool = False,
        phone: str = PHONE,
        address: str = ADDRESS,
        said_lower: Collection[str] = (),
        bsn: str = BSN,
        iban: str = IBAN,
    ):
        """`common_words` (folded) and, with `language`, the words of its dictionary are
        ordinary words: as a part of a name, or a name of one word, hidden only where written
        capitalised. `said_lower`: folded words of the organisations' names that the project's
        texts write in lower case, ordinary words there too ("circulair" of "Kenniscentrum
        Circulair Bouwen", said "we doen circulair bouwen"): such a word is hidden as a part of
        the name, or alone where capitalised inside a sentence. `contacts`: phone numbers,
        street addresses, BSNs and IBANs are hidden too, found by their form (`names_contacts`),
        as anonymized outputs hide them; a number listed as a name ("06-12345678") is hidden
        whole, as a phone number, either way."""
        from .names_contacts import Contacts, listed_number
        from .stopwords import BY_LANGUAGE

        self.person = person
        self.email = email
        self._common = common_words
        self._function = BY_LANGUAGE.get(language or "", frozenset())
        self._language = language
        self._said_lower = frozenset(said_lower)
        self._files: dict[str, str] = {}
        self.entries: dict[str, _Entry] = {}
        """By a name's folded words written together."""
        self._written: set[str] = set()
        self._weak: list[tuple[str, str]] = []
        """Each name's folded words, space-separated: what the pattern looks for."""
        names = [n.strip() for n in names if n.strip()]
        organisations = [o.strip() for o in organisations if o.strip()]
        numbers = [d for d in map(listed_number, names + organisations) if d]
        names = [n for n in names if listed_number(n) is None]
        organisations = [o for o in organisations if listed_number(o) is None]
        self.contacts = Contacts(numbers, phone, address, find=contacts, bsn=bsn, iban=iban)
        # The first placeholder a word is given stays: an organisation listed by exactly those
        # words is one ("Bakker" listed as an organisation), but a listed person's name and its
        # parts are the person's before an organisation's parts and runs of the same spelling
        # ("Van Dijk vond ..." of Pieter van Dijk beside "Van Dijk Groep" is a person speaking,
        # not a firm). Either is hidden as much as the other would hide it (`_add`).
        for org in organisations:
            self._add_whole(org, organisation)
        for name in names:
            self._add_whole(name, person)
        for name in names:
            self._add_parts(name, person)
        for org in organisations:
            self._add_organisation_parts(org, organisation)
        for part, placeholder in self._weak:  # the weakest sign of a name: after the others
            self._add([part], placeholder, True, not_first=True)
        body = "|".join(_flexible(w) for w in sorted(self._written, key=len, reverse=True))
        name = rf"|(?<!\w)(?P<name>{body}){SUFFIX}(?!\w)" if body else ""
        self.pattern = regex.compile(
            rf"(?P<email>{EMAIL_PATTERN}){name}", regex.IGNORECASE | regex.UNICODE
        )
        heads = {_flexible(" ".join(_head(w.split()))) for w in self._written}
        self._heads = regex.compile(
            # a lookahead: every start, also one inside another's head ("vries" of "de vries")
            rf"(?<!\w)(?=(?:{'|'.join(sorted(heads, key=len, reverse=True))}))",
            regex.IGNORECASE | regex.UNICODE,
        )
        self._email = regex.compile(EMAIL_PATTERN, regex.IGNORECASE | regex.UNICODE)
        """Where a name may start: its first word (with the next where that is a particle, as
        the *de* of "de Vries"): a pattern of few short alternatives, searched much faster than
        `pattern`, which is then tried only there."""
        self._suspects = _Suspects(self._written)
        """Whether a text's word (as `str.split` gives it) may hold the start of a name or an
        e-mail address: most texts hold none, and one look-up a word tells so."""

    def _add(
        self,
        words: list[str],
        placeholder: str,
        capitalised_only: bool,
        lower: Iterable[str] = (),
        not_first: bool = False,
    ) -> None:
        key = _key(" ".join(words))
        self._written.add(" ".join(words))
        function = len(words) == 1 and (words[0] in self._common or words[0] in self._function)
        new = _Entry(placeholder, capitalised_only, frozenset(lower), function, not_first)
        old = self.entries.get(key)
        if old is not None:  # the first placeholder; the most that hides it
            new = _Entry(
                old.placeholder,
                old.capitalised_only and capitalised_only,
                old.lower | new.lower,
                old.function_word and new.function_word,
                old.not_first and not_first,
            )
        self.entries[key] = new

    def _add_whole(self, name: str, placeholder: str) -> None:
        cased = _cased_words(name)
        words = [w for w, _ in cased]
        if not words:
            return
        one_ordinary = len(words) == 1 and self._a_word(words[0])
        self._add(words, placeholder, one_ordinary, (w for w, low in cased if low))

    def _add_parts(self, name: str, placeholder: str) -> None:
        words = _words(name)
        for i, word in enumerate(words):
            part = _without_possessive(word)
            if (
                len(part) >= MIN_PART
                and part not in PARTICLES
                and part not in TITLES
                and part not in ORGANISATION_WORDS
            ):
                self._add([part], placeholder, self._a_word(part))
            # "de Vos" of "Peter de Vos", "El Amrani" of "Fatima El Amrani": a surname of
            # several words, with its particles
            if 0 < i < len(words) - 1 and words[i - 1] not in PARTICLES:
                tail = words[i:]
                rest = [w for w in tail if w not in PARTICLES]
                if rest:
                    self._add(tail, placeholder, any(self._a_word(w) for w in rest))

    def _add_organisation_parts(self, name: str, placeholder: str) -> None:
        """Its distinctive words alone; an ordinary word alone (where capitalised) where it is
        the name's only word besides particles and words for a kind of organisation, or, inside
        a sentence, where the name has no distinctive word; and every run of two or more
        adjacent words that holds one of either."""
        cased = self._organisation_words(name)
        words = [w for w, _ in cased]
        lower = {w for w, low in cased if low}
        content = [
            w
            for w in words
            if w not in PARTICLES
            and w not in TITLES
            and w not in ORGANISATION_WORDS
            and w not in COMMON_ABBREVIATIONS  # "HR" of "HR Partners Enschede"
            and not is_organisation_compound(w)
        ]
        said = self._said_lower

        def ordinary_word(word: str) -> bool:
            return self._ordinary(word) or word in said

        def a_word(word: str) -> bool:
            return self._a_word(word) or word in said

        # A name made of ordinary words only ("Riverside Medical Practice") has nothing
        # distinctive to hide it by: each is hidden alone where capitalised inside a sentence.
        plain = all(ordinary_word(_without_possessive(w)) for w in content)
        for word in content:
            part = _without_possessive(word)
            if len(part) < MIN_PART:
                continue
            if not ordinary_word(part) or len(content) == 1:
                self._add([part], placeholder, a_word(part))
            elif plain or part in said:
                self._weak.append((part, placeholder))
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                run = words[i:j]
                if (i, j) == (0, len(words)) or run[-1] in PARTICLES:
                    continue
                held = [w for w in run if w in content]
                if held:
                    ordinary = all(a_word(_without_possessive(w)) for w in held)
                    # "health authority" of "Prairie Ridge Health Authority", "Medical Clinic":
                    # ordinary words and a kind of organisation say what kind, not which one;
                    # hidden only as the name's words are where nothing is distinctive
                    generic = ordinary and self._generic(run)
                    self._add(
                        run, placeholder, ordinary, lower.intersection(run), not_first=generic
                    )

    def _generic(self, run: list[str]) -> bool:
        """Whether a run of an organisation's words only says what kind of organisation: it
        ends in a word for a kind ("authority", "kliniek", "Zorggroep") and its other words are
        ordinary words of the language (or the other one) that say which kind ("the health
        authority", "Community Clinic", "regionale zorggroep"). An ordinary word after the kind
        names the one ("stad Lier", "gemeente Dronten")."""
        kind = [w for w in run if w in ORGANISATION_WORDS or is_organisation_compound(w)]
        return (
            bool(kind)
            and run[-1] in kind
            and all(
                w in kind
                or w in PARTICLES
                or w in COMMON_ABBREVIATIONS
                or self._a_word(_without_possessive(w))
                for w in run
            )
        )

    def _organisation_words(self, name: str) -> list[tuple[str, bool]]:
        """The name's folded words (with whether the list writes each in lower case), a
        compound that ends in a word for a kind of organisation taken apart where what stands
        before that is a name ("Victorinstituut": "victor", "instituut"; not "Basisschool")."""
        out: list[tuple[str, bool]] = []
        for word, low in _cased_words(name):
            end = next((e for e in COMPOUND_ENDINGS if word.endswith(e)), None)
            stem = word[: -len(end)] if end else ""
            if (
                end
                and is_organisation_compound(word)
                and not self._ordinary(stem)
                and not self._dictionary_word(word)  # "melkveebedrijf": a word, not a name
            ):
                out += [(stem, low), (end, True)]
            else:
                out.append((word, low))
        return out

    def _dictionary_word(self, word: str) -> bool:
        """Whether the project's language's dictionary has the word in lower case as it is:
        a compound it knows ("melkveebedrijf") is a word, whatever its parts ("vee")."""
        if self._language is None:
            return False
        from .lemmas import is_common_word

        return is_common_word(word, self._language)

    def _ordinary(self, word: str) -> bool:
        """An ordinary word of the project's language: what a name is taken apart by."""
        return is_ordinary_word(word, self._language, self._common)

    def _a_word(self, word: str) -> bool:
        """Whether a part is hidden only where written capitalised: an ordinary word of the
        project's language or of the other one, as a study may hold interviews in both (the
        *wonen* of "Salland Wonen" in an English project's Dutch interview, the *energy* of
        "Greenfield Energy Advisors" in a Dutch project's English one). The other language's
        dictionary words only, not its compounds; and only this judgement, not which parts a
        name is hidden by, which stays the project language's ("Victor" of
        "Sint-Victorinstituut" is hidden alone, where capitalised)."""
        if self._ordinary(word):
            return True
        if self._language is None:
            return False
        from .lemmas import is_common_word
        from .stopwords import BY_LANGUAGE

        return any(
            word in stop or is_common_word(word, other)
            for other, stop in BY_LANGUAGE.items()
            if other != self._language
        )

    def spans(self, text: str, cased: bool | None = None) -> list[tuple[int, int, str]]:
        """Where `text` is redacted, and with what. `cased` says whether the turn the text is
        from is written with capitals (by default: whether the text has any); in one without,
        every part of a name is hidden but a function word."""
        found = self._name_spans(text, cased)
        if not self.contacts:
            return found
        from .names_contacts import merged

        more = self.contacts.spans(text, cased)
        return merged(found, more) if more else found

    def _name_spans(self, text: str, cased: bool | None = None) -> list[tuple[int, int, str]]:
        """`spans` of names and e-mail addresses."""
        suspects = self._suspects
        if suspects.always:
            windows = [(0, len(text))]
        elif not suspects.may_hold(text):
            return []  # no word of it holds a name: the same as searching, much faster
        else:
            windows = suspects.windows(text)
        if cased is None:
            cased = is_cased(text)
        folded = _fold_keep_length(text)
        out = []
        pos = 0
        # `pattern.search` from `pos`, tried only where a match can start: the same matches
        starts: set[int] = set()
        for first, last in windows:
            starts.update(m.start() for m in self._email.finditer(folded, first, last))
            if self._written:
                starts.update(m.start() for m in self._heads.finditer(folded, first, last))
        for start in sorted(starts):
            if start < pos:
                continue
            m = self.pattern.match(folded, start)
            if m is None:
                continue
            found = self._judge(m, text, cased) or self._shorter(m, folded, text, cased)
            if found is None:
                continue  # a name may still start inside what was not one
            if found[2].startswith(self.person):
                initials = _INITIALS_BEFORE.search(text, max(pos, found[0] - 12), found[0])
                if initials is not None:  # "T. Whitfield" of a listed Tom Whitfield
                    found = (initials.start(), found[1], found[2])
            out.append(found)
            pos = found[1]
        return out

    def _judge(self, m: regex.Match[str], text: str, cased: bool) -> tuple[int, int, str] | None:
        """What replaces a match, or None where it is an ordinary word, not the name."""
        if m.group("email") is not None:
            return (m.start(), m.end(), self.email)
        written = m.group("name")
        entry = self.entries.get(_key(written.translate(_EXPAND)))
        if entry is None:
            entry = _Entry(self.person, False)
        start, end = m.span("name")
        if not cased and entry.function_word:
            return None
        if cased and entry.capitalised_only and not _capitalised(text[start:end], entry.lower):
            return None
        if entry.not_first and (not cased or _sentence_start(text, start)):
            return None
        if self._language == "en" and written == ENGLISH_ARTICLE and _article(text, start, end):
            return None
        suffix = m.group("suffix")
        kept = text[m.start("suffix") : m.end()] if suffix and _possessive(suffix) else ""
        return (m.start(), m.end(), entry.placeholder + kept)

    def _shorter(
        self, m: regex.Match[str], folded: str, text: str, cased: bool
    ) -> tuple[int, int, str] | None:
        """A shorter name where a match was not taken: "Mark" of a rejected "Mark will"."""
        limit = m.end() - 1
        while limit > m.start():
            short = self.pattern.match(folded, m.start(), limit)
            if short is None:
                return None
            limit = short.end() - 1
            if short.end() < len(folded) and regex.match(r"\w", folded[short.end()]):
                continue  # cut inside a word
            found = self._judge(short, text, cased)
            if found is not None:
                return found
        return None

    coders: dict[str, str] = {}
    """A person's coder name (folded: any of their spellings, `lernet coders same`) -> what
    anonymized outputs call them ("Codeur 1"), set by `analysis.people.make_redactor`."""
    machine_coders: frozenset[str] = frozenset()
    """lernet's machine coders ("auto"): shown as they are."""
    unknown_coder: str = "?"
    """What shows a person without a pseudonym (a name given on the command line that coded
    nothing): never the name."""

    def coder(self, name: str) -> str:
        """A coder's name as anonymized outputs show it: a person's pseudonym, one of lernet's
        machine coders as it is."""
        found = self.coders.get(" ".join(name.split()).casefold())
        if found is not None:
            return found
        if name.removesuffix(":reviewed") in self.machine_coders:
            return name
        return self.unknown_coder

    participant_names: dict[str, str] | None = None
    """Participant id -> what outputs call them: the id itself, unless it holds a name (a file
    name like "Interview Joost Smit"), then a neutral P3 (`name_participants`)."""

    participant_ids: list[str] = []
    """Every participant id `name_participants` was given, sorted."""

    def name_participants(self, ids: Iterable[str]) -> None:
        """Numbered in sorted order of every participant, so all outputs name them alike."""
        ids = sorted(set(ids))
        taken = set(ids)
        self.participant_ids = ids
        self.participant_names = {}
        for n, pid in enumerate(ids, 1):
            if self._name_of_file(pid) != pid:
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
        return pid if self._name_of_file(pid) == pid else "P?"

    own_words: dict[str, frozenset[str]] = {}
    """Participant id -> the folded words of their own listed names and organisations, which a
    file name of theirs in lower case hides also where they are ordinary words."""
    file_owner: dict[str, str] = {}
    """Stored path -> the participant id whose transcript it is (for `own_words`)."""

    def file(self, path: str) -> str:
        """A transcript's stored path as anonymized outputs show it: names and organisations in
        it hidden, also between underscores ("CH04_Willowbank_interview.docx"), and a file
        outside the project (stored with its absolute path, which may name the researcher's
        home folder or an organisation) by its file name only. Asked once per quote: worked out
        once per path."""
        shown = self._files.get(path)
        if shown is None:
            owner = self.file_owner.get(path)
            shown = self._files[path] = self._name_of_file(file_name_shown(path), owner)
        return shown

    def _name_of_file(self, name: str, owner: str | None = None) -> str:
        """`redact` for a file name or id, whose words underscores and digits may join
        ("Koen_Verhaeghe", "02Verhaeghe", "Koen2"): the names a quote hides, hidden there too.
        A name in lower case has no capital to tell a name's ordinary word from the word
        ("ronde2_mark" beside a listed Mark Visser): such a word alone is hidden only where it
        is a word of the file's own participant's names (`owner`, `own_words`); a listed name's
        words together ("de vries" of Karin de Vries, in "interview_de_vries") are hidden as
        they are where capitalised: a particle before the word says the surname."""
        words = file_name_words(name)
        spans = self.spans(words)
        if not is_cased(name):
            own = {_file_key(w) for w in self.own_words.get(owner or name, ())}
            spans = [
                s
                for s in spans
                if _file_key(words[s[0] : s[1]]) in own
                or len(regex.findall(r"[^\W\d_]+", words[s[0] : s[1]])) > 1
                or not self._ordinary_part(words[s[0] : s[1]])
            ]
        return self._apply(name, spans)

    def _ordinary_part(self, written: str) -> bool:
        """Whether a hidden word is a listed name's part that is also an ordinary word."""
        entry = self.entries.get(_file_key(written))
        return entry is not None and (entry.capitalised_only or entry.not_first)

    def redact(self, text: str, cased: bool | None = None) -> str:
        return self._apply(text, self.spans(text, cased))

    @staticmethod
    def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
        out: list[str] = []
        pos = 0
        last = ""
        for start, end, replacement in spans:
            between = text[pos:start]
            if out and replacement == last and between.strip() == "":
                pos = end  # "[organisatie] [organisatie]" of one name's two parts: one mark
                continue
            out.append(between)
            out.append(replacement)
            pos, last = end, replacement
        out.append(text[pos:])
        return "".join(out)


def is_ordinary_word(word: str, language: str | None, common: Collection[str] = ()) -> bool:
    """Whether a (folded) word is an ordinary word of the language rather than only a name: one
    of `common` (its stop words), an organisation's kind ("bouwbedrijf"), a word its dictionary
    has in lower case, or in Dutch an adjective whose inflected form it has ("circulair") or a
    compound of two such words ("werkvermogen")."""
    if word in common or is_organisation_compound(word):
        return True
    if language is None:
        return False
    from .lemmas import is_common_word

    if is_common_word(word, language):
        return True
    if language != "nl":
        return False  # "Larchwood", "Tynedale": English writes such words apart
    if len(word) >= COMPOUND_PART and is_common_word(word + "e", language):
        return True  # an adjective the dictionary has only inflected ("circulair": "circulaire")
    # A Dutch compound the dictionary lacks ("werkvermogen", "waterbouw"): two of its words,
    # the first perhaps with a linking s or e ("arbeidsmarkt").
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:cut], word[cut:]
        if is_common_word(tail, language) and any(
            len(h) >= COMPOUND_PART and is_common_word(h, language)
            for h in (head, head[:-1] if head[-1:] in "se" else "")
        ):
            return True
    return False


ADJECTIVE_ENDINGS = {
    "nl": ("se", "sche"),
    "en": ("an", "ese", "ish", "ch", "ic", "i"),
}
"""How adjectives of a place or nation end ("Brusselse", "Gentse"; "Canadian", "Congolese",
"Flemish", "French", "Pakistani"): with a determiner before and a noun after, such a word is the
adjective, not a name (`place_adjective_here`)."""
DETERMINERS = frozenset(
    "de het een onze ons hun mijn jullie uw zijn haar die deze dat dit elke ieder iedere alle "
    "the a an our their my your his her its this that these those every each all".split()
)
"""Words before an adjective and its noun ("de Gentse haven", "the Canadian firm")."""


def is_place_adjective(word: str) -> bool:
    """Whether a Dutch dictionary inflects `word` as an adjective of a proper noun: it is the
    inflected form ("Vlaamse", "Europese", "Belgische") of a capitalised dictionary word
    ("Vlaams", "Europees", "Belg"), or such a word whose inflected form the dictionary has
    ("Vlaams": "vlaamse"). Names have no adjective forms, so none is taken (a given name the
    dictionary has, "Frans", is inflected to another word: "franse" is of "Fransman")."""
    from .lemmas import dictionary_lemma as lookup

    folded = word.lower()
    lemma = lookup(folded, "nl")
    if lemma is None or lemma == lemma.lower():
        return False
    if lemma.lower() != folded:
        return folded.endswith("e")
    forms = [folded + "e"]
    if folded.endswith("ees"):  # Europees -> Europese
        forms.append(folded[:-2] + "se")
    return any(lookup(f, "nl") == lemma for f in forms)


def place_adjective_here(text: str, start: int, end: int) -> bool:
    """Whether the word at `text[start:end]` stands as an adjective of a place or nation: it
    ends as one does (`ADJECTIVE_ENDINGS`, either language), a determiner stands right before it
    and a word in lower case right after ("in de Gentse haven", "the Canadian firm"). A name is
    seldom written so; a dictionary may lack these words ("Gentse", "Kortrijkse")."""
    word = text[start:end].casefold()
    if not any(word.endswith(e) for ends in ADJECTIVE_ENDINGS.values() for e in ends):
        return False
    before = regex.search(r"(?<![\w'’-])([^\W\d_]+)[ \t]+$", text[:start])
    after = regex.match(r"[ \t]+([^\W\d_][\w-]*)", text[end:])
    return (
        before is not None
        and before.group(1).casefold() in DETERMINERS
        and after is not None
        and after.group(1).islower()
        and not _dutch_verb_form(after.group(1))
    )


def _dutch_verb_form(word: str) -> bool:
    """Whether a word is a Dutch verb's form other than its infinitive ("zei", "werkt"), as
    after a name in Flemish speech ("de Ilse zei"), where an adjective has its noun."""
    from .lemmas import dictionary_lemma

    lemma = dictionary_lemma(word, "nl")
    return lemma is not None and lemma != word and lemma.islower() and lemma.endswith("n")


_FILE_GAPS = str.maketrans({c: " " for c in "_0123456789"})


def file_name_words(name: str) -> str:
    """A file name as the anonymizer reads it, of the same length: underscores and digits are
    gaps between words, as file names join words with them ("P02_Verhaeghe2")."""
    return name.translate(_FILE_GAPS)


def file_name_shown(path: str) -> str:
    """A stored path as an anonymized output shows it before redaction: relative to the project
    as stored, or for a file outside the project (stored absolute) its file name only."""
    from pathlib import PurePosixPath, PureWindowsPath

    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return regex.split(r"[/\\]", path.rstrip("/\\"))[-1] or path
    return path


def is_cased(text: str) -> bool:
    """Whether a text is written with capitals at all: speech recognition may write none, and
    then a name cannot be told from a word by its capital."""
    return any(c.isupper() for c in text)


def _words(name: str) -> list[str]:
    return [w for w, _ in _cased_words(name)]


def name_words(name: str) -> list[str]:
    """A name's words as the Redactor keeps them: folded, accents and case."""
    return _words(name)


def fold_keep_length(text: str) -> str:
    """A text folded as names are (accents, case), character by character: offsets stay."""
    return _fold_keep_length(text)


def _cased_words(name: str) -> list[tuple[str, bool]]:
    """A name's folded words, each with whether it is written in lower case ("stad")."""
    out = []
    for written in regex.split(r"[\s\-_]+", name):
        word = _fold(written.strip(".,"))
        if word:
            out.append((word, written.strip(".,'’")[:1].islower()))
    return out


def _without_possessive(word: str) -> str:
    """ "aidan" of the "Aidan's" in "St Aidan's Home": the suffix of the pattern takes it."""
    return regex.sub(r"['’]s?$", "", word)


def _article(text: str, start: int, end: int) -> bool:
    """Whether an "An" is the English article: at the start of a sentence, before a word in
    lower case that the article stands before (a vowel or an h) and that is no function word
    nor looks like a verb ("An asked", "An agrees", "An is"), as a name there would be."""
    if not text[start:end].istitle() or not SENTENCE_START.search(text[:start]):
        return False
    m = regex.match(r"\s+([a-z]+)\b", text[end:])
    if m is None:
        return False
    word = m.group(1)
    from .stopwords import ENGLISH

    verb_like = word.endswith("ed") or (
        word.endswith("s") and not word.endswith(("ss", "is", "us"))
    )
    return word[0] in "aeiouh" and word not in ENGLISH and not verb_like


def _possessive(suffix: str) -> bool:
    return regex.fullmatch(POSSESSIVE, suffix) is not None


def _sentence_start(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence (or the text, a line, a quotation)."""
    before = text[:start].rstrip(" \t\"'“‘(«»-–—")
    return not before or before[-1] in ".!?…:;\n"


def _capitalised(written: str, lower: Collection[str] = ()) -> bool:
    """Whether every word of a name as written, less its particles and the words the list
    itself writes in lower case, starts with a capital."""
    words = [w for w in regex.findall(r"[^\W\d_]+", written) if _fold(w) not in PARTICLES]
    return bool(words) and all(w[0].isupper() or _fold(w) in lower for w in words)


def _head(words: list[str]) -> list[str]:
    """A name's first word, with those after it while it is a particle ("de vries")."""
    out = []
    for word in words:
        out.append(word)
        if word not in PARTICLES:
            break
    return out


def _flexible(words: str) -> str:
    """A name's words as a pattern: written apart (spaces, hyphens, underscores) or together,
    an apostrophe in them written or left out ("StMarys" of "St Mary's"), an initial's period
    too ("J. de Vries", "J.B. Bakker", "W.Vermeulen" of "W. Vermeulen")."""
    parts = words.split()
    pattern = rf"{SEPARATORS}*".join(
        regex.escape(p).replace("'", "'?")
        + (r"\.?" if i < len(parts) - 1 and _INITIALS.fullmatch(p) else "")
        for i, p in enumerate(parts)
    )
    for one, two in _DOUBLES.items():
        pattern = pattern.replace(two, f"(?:{two}|{one})")
    return pattern


_KEY_GAPS = regex.compile(rf"{SEPARATORS}+|'|(?<=(?:^|[\s\-_.])[^\W\d_])\.")
"""What a key leaves out: gaps, apostrophes and an initial's period ("j. de vries")."""
_INITIALS = regex.compile(r"[^\W\d_](?:\.[^\W\d_])*")
_INITIALS_BEFORE = regex.compile(r"(?<![\w.])(?:\p{Lu}\.[ \t]?){1,3}\Z")
"""Initials right before a name ("T. ", "W.H. "): a listed person's, hidden with the name."""
"""A name's word that is an initial or initials (folded, periods stripped at its ends): "j",
"j.b"."""


def _file_key(written: str) -> str:
    """`_key` of words as a file name writes them: folded first."""
    return _key(_fold_keep_length(written).translate(_EXPAND))


def _key(written: str) -> str:
    """What a name's entry is kept under: its folded words written together, no apostrophe."""
    return _KEY_GAPS.sub("", written)


def _fold_keep_length(text: str) -> str:
    """Fold accents and case character by character so match offsets map back onto `text`."""
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """Character -> its folded self of one character, worked out on first use: `str.translate`
    folds a text in one call (the rules read every turn masked, so this runs on all of them)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _fold(ch)
        out = folded if len(folded) == 1 else ch.lower()[:1] or ch
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


_GAPS = re.compile(r"(\s+)")
"""What parts a text's words as `str.split` gives them."""
_RUN = regex.compile(r"[^\W_]+", regex.UNICODE)
"""A run of letters and digits (a word's, split at signs and underscores)."""
SUFFIX_LETTERS = tuple(s for s in f"{POSSESSIVE}|{DIMINUTIVE}".split("|") if s.isalnum())
"""The suffixes of `SUFFIX` that go on a name's run of letters ("Jeroens", "Evaatje"); the
others start with an apostrophe, which ends the run."""


class _Suspects(dict[str, bool]):
    """Word (a text's `split()`) -> whether it may hold a match of a Redactor's `pattern`: an
    e-mail address's "@", or a run of letters and digits (folded) that may end a name of
    `written` (the Redactor's names, folded words space-separated). A name's words are written
    apart or together, so the last run of letters a name takes up is its last word, or its last
    words written together, perhaps with a suffix: "Vries", "Jeroens", "VitaalWerk" (so
    "werkgever" holds no "werk", nor "de" a "de Vries"). A name whose words have other signs in
    them ("St Mary's") is looked for by its first run of letters, at the start of a run. Worked
    out once a word: texts use few distinct words."""

    def __init__(self, written: Iterable[str]):
        super().__init__()
        written = list(written)
        self.ends: set[str] = set()
        """The runs that may end a name of letters and digits alone."""
        self.leads: set[str] = set()
        """The first run of letters of a name with other signs in it: a run that starts with it
        may be where that name starts."""
        self.always = False
        """A name whose first word has no letter or digit: every text is searched."""
        for name in written:
            words = name.split(" ")
            if all(_RUN.fullmatch(w) for w in words):
                for j in range(len(words)):
                    tail = "".join(words[j:])
                    self.ends.update(tail + s for s in ("", *SUFFIX_LETTERS))
                    self.ends.update(tail + tail[-1:] + s for s in DOUBLED)
            else:
                lead = _RUN.search(words[0])  # after an apostrophe, which may be left out
                if lead is None:
                    self.always = True
                else:
                    self.leads.add(lead.group())
        self._longest = max(map(len, self.leads), default=0)
        self.words = max((len(name.split(" ")) for name in written), default=1)
        """The most words a name has: a text's words it may take up."""

    def may_hold(self, text: str) -> bool:
        """Whether a word of `text` may hold a match."""
        return any(map(self.__getitem__, text.split()))

    def windows(self, text: str) -> list[tuple[int, int]]:
        """Where in `text` a match may stand: around each word that may hold one, as many words
        before and after it as a name has words (less one), overlapping ones joined."""
        parts = _GAPS.split(text)  # word, gap, word, ..., word
        ends = list(accumulate(map(len, parts)))
        words = parts[0::2]
        out: list[tuple[int, int]] = []
        for i in compress(range(len(words)), map(self.__getitem__, words)):
            k = 2 * max(0, i - self.words + 1)
            first = ends[k] - len(parts[k])
            last = ends[2 * min(len(words) - 1, i + self.words - 1)]  # a name of `leads` starts
            if out and first <= out[-1][1]:
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
        return out

    def __missing__(self, word: str) -> bool:
        if word.isascii() and word.isalnum():  # most words: the run is the word in lower case
            found = self._holds(word.lower())
        else:
            folded = _fold_keep_length(word)
            found = "@" in folded or any(
                self._holds(run) or self._holds(run.translate(_EXPAND))
                for run in _RUN.findall(folded)
            )
        self[word] = found
        return found

    def _holds(self, run: str) -> bool:
        if run in self.ends:
            return True
        return any(run[:i] in self.leads for i in range(1, min(len(run), self._longest) + 1))


def masked(text: str, spans: Iterable[tuple[int, int, object]]) -> str:
    """The text with each span's letters and digits replaced by a neutral filler of the same
    length ("Stichting Samen Vertrouwen" -> "Xxxxxxxxx Xxxxx Xxxxxxxxxx"), what the codebook's
    rules read where a name stands: its words are no evidence for a code, the words around it do
    not join across it into one term, and every offset into the text stays where it was, so
    evidence and quotes show the real text."""
    out: list[str] = []
    pos = 0
    for start, end, _ in spans:
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(_filler(text[start:end]))
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _filler(written: str) -> str:
    return "".join(
        ("X" if c.isupper() else "x") if c.isalpha() else ("0" if c.isdigit() else c)
        for c in written
    )


def is_filler(word: str) -> bool:
    """Whether a word is (a part of) the filler `masked` puts where a name stood: no word to
    learn from nor to weigh in a similarity."""
    return bool(word) and not word.strip("xX0")
