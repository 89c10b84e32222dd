"""Words that look like names lernet was not told about, in what was said and what exports carry.

lernet hides the names it knows (the participants file, speaker labels, headers). A name nobody
listed ("mijn directeur, Frank Meijer", "mijn broer Sjoerd", a village) stays in quotes and
exports. This finds the likely ones, so the researcher can list them: a capitalised word, or a
run of them (with particles: "Jan de Vries"), inside a sentence, that is not an ordinary word of
the project's language (its stop words, a word its dictionary has in lower case, a compound of
two such words), not a word of the codebook, and not hidden already; at a sentence's start a
single word only where no dictionary has it, it is no sound of speech and the texts never write
it in lower case ("Truus zei ..."); after a title ("dokter Mulder", "Mrs. Baker") any capitalised
word, the title left out; where a place is said ("in", "uit", "vlakbij", "from", "near":
`PLACE_WORDS`) an ordinary word or a compound of two counts too ("in Dronten", "uit Hoofddorp",
"uit Zevenhuizen"). A run of two or more capitalised words counts also at a
sentence's start ("Jan de Vries zei ..."), less a function word first ("Maar Henk ..." is
"Henk"). The pronoun I (and "I'm", "I've", "I'd", "I'll") is no name nor part of one ("I'm Tom
Hughes" gives "Tom Hughes"), nor is a single letter ("B" of a table's cell). It is a heuristic:
it lists what to look at, it hides nothing.

Text written without capitals (speech recognition: "ik ben christoph") shows no name by its
capital. There it lists the words where a name is said by its place: after a self-introduction or
a thanks ("ik ben X", "ik heet X", "mijn naam is X", "dank je X", "I'm X", "my name is X", "thanks
X") and before a check of the line ("X kun je me horen", "X can you hear me"), where the word is no
ordinary word of Dutch or English; and `uncased.uncased_text` counts such turns, so the researcher
knows where names may be that nothing finds. What it reads of a project is `name_sources`'s.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from ..language.abbreviations import generic_abbreviation
from ..language.contractions import is_contraction
from ..language.given_names import finite_verb, is_given_name
from ..language.names import file_name_words, is_place_adjective, place_adjective_here
from ..language.names_contacts import is_street_word
from ..language.roles import TITLES as NOT_A_NAME_TITLES
from .anonymize import PARTICLES, TITLES, is_cased, is_ordinary_word
from .hidden_contacts import HiddenContacts
from .name_files import _WORD, FILE_WORDS, _id_words, _shared_words, _without, file_name_parts
from .person_context import STARTERS, PersonContext, nouns_after_articles, sentence_start

if TYPE_CHECKING:
    from .anonymize import Redactor

_GAP = regex.compile(r"[ \t]+")
JOINING = PARTICLES - {"en", "and", "of", "e", "y"}
"""Particles inside a name ("Jan de Vries"); "en", "and" join two names ("Henk en Piet")."""
CONTEXT = 50
"""Characters of context either side of the example."""
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei "
    "juni juli augustus oktober".split()
)
"""Written capitalised in English (and at times in Dutch: "in Oktober"), but no names."""
OPENERS = frozenset(
    "onder via tegen naast achter boven tussen sinds zonder volgens behalve langs rond vanuit "
    "bedankt dank hoi hallo dag nou oké ja nee kijk zeg beste "
    "thanks thank hi hello dear yes no well ask tell call says said "
    "toen daarna daarop later eerst gisteren vandaag vanochtend soms dus daarom nu dan "
    "eigenlijk gelukkig natuurlijk uiteindelijk misschien inderdaad bovendien vervolgens "
    "meestal vaak altijd verder toch vroeger tenslotte "
    "then later finally actually luckily yesterday today basically sometimes honestly "
    "afterwards eventually".split()
)
"""Words that open a sentence before a name ("Onder Gasselte", "Bedankt Jan", "Thanks Tom",
"Toen zei Mark", "Finally Hope called") besides the function words."""

INTRODUCING = tuple(
    tuple(p.split())
    for p in (
        "ik ben|ik heet|mijn naam is|ik noem|dank je|dank je wel|dank u|dank u wel|bedankt|merci|"
        "dag|hallo|hoi|dit is|i'm|i am|my name is|i'm called|thank you|thanks|hi|hello|this is|"
        "it's"
    ).split("|")
)
"""Words a name follows in speech ("ik ben christoph", "thanks tom"), longest matched first."""
ADDRESSING = tuple(
    tuple(f"{verb} {you} {me} {hear}".split())
    for verb in ("kun", "kunt", "kan")
    for you in ("je", "ge", "gij", "jij", "u")
    for me in ("me", "mij", "ons")
    for hear in ("horen", "verstaan", "zien")
) + (
    ("can", "you", "hear", "me"),
    ("can", "you", "hear", "us"),
    ("can", "you", "see", "me"),
    ("do", "you", "hear", "me"),
)
"""Words a name precedes in speech ("iene kunt ge mij horen", "tom can you hear me")."""
PLACE_WORDS = frozenset(
    """
    in uit van bij naar rond rondom nabij vlakbij dichtbij richting omgeving buiten vanuit
    woonplaats dorp stad regio gemeente provincie
    from near at to around outside towards toward via town village city
    """.split()
)
"""Words a place's name follows ("uit Zoetermeer", "vlakbij Marknesse", "from Dauphin"): a
capitalised word after one is a likely name even where it is an ordinary word or two glued
together, as Dutch places often are ("Hoofddorp", "Zevenhuizen", "Nieuwegein")."""
JOINING_PLACES = frozenset("en of and or , &".split())
"""What joins one place to the next ("Marknesse en Kraggenburg", "Dronten, Urk")."""
TOOLS = frozenset(
    "teams zoom skype webex whatsapp signal excel word powerpoint outlook sharepoint onedrive "
    "google linkedin facebook instagram youtube twitter slack miro mentimeter".split()
)
"""Programs and platforms said where a place would be ("via Teams", "in Excel", "on Zoom"):
no name of a place nor a person."""
NUMBER_WORDS = frozenset("bsn iban bic sofinummer burgerservicenummer".split())
"""What a participant calls the numbers outputs hide by their form ("mijn IBAN"): no names."""
PLACE_LOOKBACK = 120
"""Characters before a word looked at for a place word."""
PRONOUN_I = frozenset("i i'm i've i'd i'll".split())
"""The English pronoun and its contractions (folded, straight apostrophe): capitalised, never a
name, and no part of one ("I'm Tom Hughes" holds "Tom Hughes")."""
NAMED_AFTER = NOT_A_NAME_TITLES | frozenset(
    """
    dokter dokters professor juffrouw juf meester zuster broeder pater pastoor dominee collega
    oom tante opa oma buurman buurvrouw ons den
    doctor colleague uncle aunt auntie grandma grandpa granny
    """.split()
)
"""Titles and forms of address a name follows ("dokter Mulder", "meneer Schuurman", "collega
Bakker", "tante Roos", "Dr Smith", "Mrs. Baker"), and the Flemish words said before a first name
("ons Lies", "den Koen"): a capitalised word after one is a likely name even where it is an
ordinary word too; the title is no part of the name listed."""
LISTED_LOWER = "listed capitalised, said in lower case, not hidden (list '{}' too): "
"""How the example of a listed name said in lower case begins: an ordinary word ("roos") is
hidden in lower case only where the participants file writes it so."""
SAID_NAME_WORDS = 3
"""At most this many words of a name said after an introduction ("ik ben ine vermeulen")."""


@dataclass
class LikelyName:
    name: str
    count: int = 0
    transcripts: set[str] = field(default_factory=set)
    example: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "transcripts": len(self.transcripts),
            "example": self.example,
        }


class NameFinder(PersonContext):
    """Compiled once per command: the language's ordinary words are looked up once per word."""

    def __init__(
        self,
        language: str,
        known_words: Collection[str] = (),
        redactor: Redactor | None = None,
    ):
        from ..language.stopwords import BY_LANGUAGE

        self.language = language
        self.known = known_words
        self.redactor = redactor
        self._common = BY_LANGUAGE.get(language, frozenset())
        # a sentence of the other language opens with its own function words ("Then Will")
        self._openers = frozenset().union(*BY_LANGUAGE.values()) | OPENERS
        self._ordinary = lru_cache(maxsize=None)(self._is_ordinary)
        # inside a sentence a capital makes these a name ("me and Will"), not the function word
        self._names_too = frozenset(
            w for w in self._openers - OPENERS if w.isalpha() and len(w) > 2
        )
        self.contacts = HiddenContacts()
        """What `find` saw hidden by its form in what participants said."""
        if redactor is not None:
            self._listed_lower = frozenset(
                key
                for key, entry in redactor.entries.items()
                if entry.placeholder == redactor.person and entry.capitalised_only
            )
        self._plain = lru_cache(maxsize=None)(self._is_plain)
        self._contraction = lru_cache(maxsize=None)(self._is_contraction)
        self._lower_seen = {}

    def _is_ordinary(self, word: str) -> bool:
        """An ordinary word: of the codebook, the calendar, a title, or each of its parts (split
        at hyphens) one of the language or an adjective of a place or nation ("Vlaamse",
        "West-Vlaamse"); in a compound that ends in an ordinary word, a part may also be an
        abbreviation in capitals ("HR-manager", "ICT-dienst": a role or a department)."""
        folded = word.casefold()
        if folded in self.known or folded in CALENDAR or folded in TITLES or folded in TOOLS:
            return True
        if folded in NUMBER_WORDS or generic_abbreviation(word):
            return True
        if _language_name(word):
            return True
        if is_street_word(word):
            return False  # "Kerkstraat", "Marktplein": ordinary words, a street's name
        parts = [p for p in word.split("-") if p]

        def ordinary(part: str) -> bool:
            return is_ordinary_word(part.casefold(), self.language, self._common) or (
                is_place_adjective(part)
            )

        if not parts:
            return False
        head = ordinary(parts[-1])
        return head and all(ordinary(p) or (len(parts) > 1 and _acronym(p)) for p in parts[:-1])

    def _is_plain(self, word: str) -> bool:
        """An ordinary word of the project's language, or of Dutch or English (a Flemish study
        may be set to English for its report), too short for a name, or a contraction ("i'd",
        "z'n")."""
        from ..language.stopwords import BY_LANGUAGE

        if len(word) < 2 or self._ordinary(word):
            return True
        folded = word.casefold().replace("’", "'")
        return any(
            is_ordinary_word(p, lang, common)
            for lang, common in BY_LANGUAGE.items()
            for p in folded.split("-")
            if p
        ) or ("'" in folded and self._contraction(word))

    def _is_contraction(self, word: str) -> bool:
        """`language.contractions.is_contraction`, its pieces' ordinary words `_plain`."""
        return is_contraction(word, self._plain)

    def find(
        self,
        texts: Iterable[tuple[str, str]],
        said_only: Iterable[tuple[str, str]] = (),
        files: Iterable[tuple[str, str]] = (),
        written: Iterable[tuple[str, str, str]] = (),
    ) -> list[LikelyName]:
        """The likely names in (transcript, text) pairs: most transcripts first. In `said_only`
        (an interviewer's turns, which exports show) only names said by their place in text
        without capitals; in `files` (transcripts' stored paths, with their participants: what
        anonymized outputs show redacted) the capitalised words of their names, less the
        ordinary words before a name that the files of other participants have too
        ("Interview", of "Interview Koen Verhaeghe ronde 1"); in `written` (transcript, what it
        is, text: a comment's note, a participant variable's value) those of a text, each
        example saying what it is."""
        found: dict[str, LikelyName] = {}
        spellings: dict[str, dict[str, int]] = {}
        pairs = [(w, t, "said") for w, t in texts] + [(w, t, "only said") for w, t in said_only]
        pairs += [(w, t, f"{what}: ") for w, what, t in written]
        files = list(files)
        ids = dict(files)
        pairs += [(path, part, "file") for path, _ in files for part in file_name_parts(path)]
        self._shared = _shared_words(files)
        # `_lower_name` asks about words no dictionary has only ("wmo", "kpis")
        self._nouns = nouns_after_articles(
            (t for _, t, kind in pairs if kind != "file"), lambda w: not self._plain(w)
        )
        self._lower_seen = {}
        self._named_inside = self.names_inside(t for _, t, kind in pairs if kind != "file")
        self._lower = frozenset(
            w.casefold()
            for _, text, kind in pairs
            if kind != "file" and is_cased(text)
            for w in set(_WORD.findall(text))  # each word of a text once
            if w.islower()
        )
        for where, text, kind in pairs:
            only_said = kind == "only said"
            if only_said and is_cased(text):
                continue
            # a file name's words as the anonymizer reads them: underscores, digits are gaps
            read = file_name_words(text) if kind == "file" else text
            hidden = self.redactor.spans(read) if self.redactor is not None else []
            if kind == "said" and hidden and self.redactor is not None:
                self.contacts.add(where, text, hidden, self.redactor.contacts)
            if kind == "file":
                spans = self.runs(read, hidden, anywhere=True) if is_cased(read) else []
                # the words of the file's own participant id ("EN" of EN01.vtt): every output
                # shows that id as it is, so its file name hides nothing more by hiding them
                own = _id_words(ids.get(where, ""))
                spans = [t for a, b in spans if (t := _without(read, a, b, own)) is not None]
            else:
                spans = [] if only_said else self.runs(text, hidden)
                if not only_said:
                    spans = sorted(set(spans) | set(self.lower_names(text, hidden)))
                if not is_cased(text):
                    spans = sorted(set(spans) | set(self.said(text, hidden)))
            for start, end in spans:
                name = " ".join(read[start:end].split())
                key = name.casefold()
                entry = found.get(key)
                if entry is None:
                    example = self._example(text, start, end, hidden)
                    if kind == "file":
                        example = f"file name: {example}"
                    elif key in self._listed_lower and name.islower():
                        # "Roos" listed: hidden where capitalised, not as the word "roos"
                        example = LISTED_LOWER.format(name) + example
                    elif kind.endswith(": "):
                        example = kind + example
                    entry = found[key] = LikelyName(name, example=example)
                entry.count += 1
                entry.transcripts.add(where)
                seen = spellings.setdefault(key, {})
                seen[name] = seen.get(name, 0) + 1
        for key, entry in found.items():
            entry.name = max(spellings[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
        return sorted(found.values(), key=lambda e: (-len(e.transcripts), -e.count, e.name))

    def runs(
        self, text: str, hidden: Collection[tuple[int, int, str]] = (), anywhere: bool = False
    ) -> list[tuple[int, int]]:
        """Where the likely names stand in `text`; `anywhere`: a file name's, which has no
        sentences (a capital counts at its start too) and whose ordinary words before a name
        are none of it ("Interview Jef Peeters")."""
        blocked = sorted((s, e) for s, e, _ in hidden)
        at = 0  # the first hidden span that may still meet a word (words come in order)
        out: list[tuple[int, int]] = []
        run: list[tuple[int, int]] = []

        def close() -> None:
            if run:
                for part in self._split(text, run):
                    out.extend(self._judge(text, part, anywhere))
                run.clear()

        for m in _WORD.finditer(text):
            start, end = m.span()
            word = m.group()
            if not run and not word[0].isupper():
                continue  # most words: in lower case, no run to close or to join
            while at < len(blocked) and blocked[at][1] <= start:
                at += 1
            if at < len(blocked) and blocked[at][0] < end:
                close()
                continue
            folded = word.casefold().replace("’", "'")
            if folded in PRONOUN_I or ("'" in folded and self._contraction(word)):
                close()
                continue
            capital = word[0].isupper()
            particle = word.casefold() in JOINING
            if run and not _GAP.fullmatch(text[run[-1][1] : start]):
                close()
            if capital or (particle and run):
                run.append((start, end))
            else:
                close()
        close()
        return out

    def beside_hidden(
        self, text: str, hidden: Collection[tuple[int, int, str]], mark: str
    ) -> list[tuple[int, int]]:
        """In a file name: a person's hidden name (`mark`) with the capitalised word after it,
        past any particles ("Interview Wilma Kok", "Wilma van Dam"), which is part of that
        name, ordinary word or not: where the first name is hidden (a speaker label) the
        surname would show alone. Not a word file names hold (`FILE_WORDS`), a function word,
        the codebook's, the calendar's, a title, an abbreviation in capitals or a word for a
        kind of organisation ("Thuiszorg")."""
        from ..language.organisations import is_organisation_word

        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]

        def free(span: tuple[int, int]) -> bool:
            return not any(s < span[1] and span[0] < e for s, e, _ in hidden)

        def name_word(word: str) -> bool:
            return (
                word[0].isupper()
                and len(word) > 1
                and not word.isupper()
                and word.casefold() not in FILE_WORDS
                and not self._plain_anyway(word)
                and not is_organisation_word(word)
            )

        out: list[tuple[int, int]] = []
        for start, end, what in hidden:
            j = next((i for i, w in enumerate(words) if w[0] >= end), len(words))
            if what != mark or j == len(words):
                continue
            last = end
            while j + 1 < len(words) and text[slice(*words[j])].casefold() in JOINING:
                if not _GAP.fullmatch(text[last : words[j][0]]):
                    break
                last = words[j][1]
                j += 1
            word = text[slice(*words[j])]
            if _GAP.fullmatch(text[last : words[j][0]]) and free(words[j]) and name_word(word):
                out.append((start, words[j][1]))
        return out

    def said(
        self, text: str, hidden: Collection[tuple[int, int, str]] = ()
    ) -> list[tuple[int, int]]:
        """Where names stand that are said by their place: after "ik ben", "my name is", "dank
        je" (up to SAID_NAME_WORDS words), before "kun je me horen", "can you hear me"; each no
        ordinary word and not hidden. For text without capitals, where `runs` sees nothing."""
        blocked = [(s, e) for s, e, _ in hidden]
        words = [
            (m.start(), m.end(), m.group().casefold().replace("’", "'"))
            for m in _WORD.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in blocked)
        ]
        folded = [w for _, _, w in words]

        def at(i: int, phrase: tuple[str, ...]) -> bool:
            return tuple(folded[i : i + len(phrase)]) == phrase and all(
                not text[words[k][1] : words[k + 1][0]].strip()
                for k in range(i, i + len(phrase) - 1)
            )

        def name(i: int) -> bool:
            return 0 <= i < len(words) and folded[i] not in STARTERS and not self._plain(folded[i])

        out: set[tuple[int, int]] = set()
        for i in range(len(words)):
            after = max((len(p) for p in INTRODUCING if at(i, p)), default=0)
            j = i + after
            if after and name(j):
                k = j
                while k + 1 < j + SAID_NAME_WORDS and name(k + 1):
                    k += 1
                out.add((words[j][0], words[k][1]))
            if any(at(i, p) for p in ADDRESSING) and name(i - 1):
                out.add((words[i - 1][0], words[i - 1][1]))
        return sorted(out)

    _lower: frozenset[str] = frozenset()
    """The folded words that the texts `find` reads write in lower case somewhere (in text
    with capitals): ordinary words of this study, whatever the dictionary lacks."""

    _shared: frozenset[str] | None = None
    """The folded words of the file names of more than one participant; None with the file names
    of one participant only, where nothing tells them apart."""

    def _plain_anyway(self, word: str) -> bool:
        """Whether a word is no name even where a place is said: a function word, the
        codebook's, the calendar's, a title, an adjective of a place ("in Vlaamse dorpen")."""
        folded = word.casefold()
        return (
            folded in self._common
            or folded in self.known
            or folded in CALENDAR
            or folded in TITLES
            or folded in TOOLS
            or folded in NUMBER_WORDS
            or is_place_adjective(word)
            or _language_name(word)
            or generic_abbreviation(word)
            or ("-" in word and self._ordinary(word))  # "HR-manager", "West-Vlaamse"
        )

    def _said_start(self, word: str) -> bool:
        """Whether a capitalised word alone at a sentence's start is the sentence's, not a
        name: an ordinary word of Dutch or English (also less a contraction: "We've",
        "Nobody's"), a sound of speech (`STARTERS`), one the texts write in lower case
        elsewhere ("Achteraf", "hooguit"), or an abbreviation in capitals."""
        folded = word.casefold().replace("’", "'")
        stem = regex.sub(r"'(?:s|d|ve|ll|re|m|t)$", "", folded)
        return (
            word.isupper()
            or folded in STARTERS
            or folded in OPENERS
            or folded in self._lower
            or self._plain(word)
            or (stem != folded and (stem in self._lower or self._plain(stem)))
            or _compound_of_words(folded)
        )

    def _verb_first(self, text: str, start: int, end: int) -> bool:
        """Whether a sentence's capitalised first word is no part of a name after it: a finite
        verb and no given name (Dutch puts the verb first: "Zag Koen je?", "'k Zag Koen",
        "Belde Truus nog?"), or a word after Dutch "'s" ("'s Middags Geert gezien")."""
        word = text[start:end]
        if regex.search(r"(?:^|\s)['’]s[ \t]+$", text[max(0, start - 6) : start]):
            return True
        verb = finite_verb(word.casefold())
        if verb == "verb" and word.casefold().endswith("s"):
            return False  # "Partners Enschede": an English plural reads as a verb too
        return verb is not None and not is_given_name(word)

    def _after_place_word(self, text: str, start: int) -> bool:
        """Whether the word at `start` follows a word a place's name follows (`PLACE_WORDS`:
        "in", "uit", "bij", "vlakbij", "near", "from"), or joins, after "en", "of", "and", "or"
        or a comma, a capitalised word that does ("uit Marknesse en Kraggenburg")."""
        before = text[max(0, start - PLACE_LOOKBACK) : start]
        tokens = regex.findall(r"[^\W\d_][\w’'-]*|[,.!?…:;\[\]\n]", before)
        i = len(tokens) - 1
        while i >= 0:
            token = tokens[i].casefold()
            if token in PLACE_WORDS:
                return True
            if token not in JOINING_PLACES or i == 0 or not tokens[i - 1][:1].isupper():
                return False
            i -= 2  # past the conjunction and the capitalised word before it
            while i >= 0 and tokens[i][:1].isupper() and tokens[i].casefold() not in PLACE_WORDS:
                i -= 1  # the rest of a name of more words ("uit Den Haag en Delft")
        return False

    def _file_word(self, word: str) -> bool:
        """Whether an ordinary word of a file name is no name: a word file names hold
        (`FILE_WORDS`), a function word, the codebook's, or one in the file names of many
        participants (`_boilerplate`)."""
        folded = word.casefold()
        return (
            folded in FILE_WORDS
            or folded in self._common
            or folded in self.known
            or folded in CALENDAR
            or self._boilerplate(word)
        )

    def _boilerplate(self, word: str) -> bool:
        """Whether a file name's word is no part of a name after it: in other participants'
        file names too (any, when there is no other participant to compare with)."""
        return self._shared is None or word.casefold() in self._shared

    def _split(self, text: str, run: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """A run apart where particles stand before an ordinary word that more capitalised words
        follow: the article of "mijn broer Sjoerd de Maatschap Hoekstra", not the particle of
        "Jan de Vries" or "Peter de Bakker"."""

        def word(span: tuple[int, int]) -> str:
            return text[span[0] : span[1]]

        parts: list[list[tuple[int, int]]] = [[]]
        i = 0
        while i < len(run):
            j = i
            while j < len(run) and word(run[j]).casefold() in JOINING:
                j += 1
            if j > i and parts[-1] and j + 1 < len(run) and self._ordinary(word(run[j])):
                parts.append([])
                i = j
                continue
            parts[-1].extend(run[i : j + 1])
            i = j + 1
        return [p for p in parts if p]

    def _judge(
        self, text: str, run: list[tuple[int, int]], anywhere: bool = False
    ) -> list[tuple[int, int]]:
        def word(span: tuple[int, int]) -> str:
            return text[span[0] : span[1]]

        def particle(span: tuple[int, int]) -> bool:
            return word(span).casefold() in JOINING

        while run and particle(run[-1]):
            run.pop()
        titled = bool(run) and _after_title(text, run[0][0])
        while len(run) > 1 and word(run[0]).casefold() in NAMED_AFTER:
            run, titled = run[1:], True  # "Dokter Mulder", "Meneer Schuurman": the name
        if titled:
            # "dokter Mulder", "Mrs. Baker": a name, ordinary word or not
            names = [s for s in run if not particle(s) and not self._plain_anyway(word(s))]
            return [(run[0][0], run[-1][1])] if names else []
        # "De Smet", "Van Dijk" inside a sentence or a file name: a particle with a capital
        # before a capitalised word makes a surname of it, ordinary word or not
        surname = len(run) > 1 and particle(run[0]) and word(run[0])[0].isupper()
        if surname and (anywhere or not sentence_start(text, run[0][0])):
            return [(run[0][0], run[-1][1])]
        while run and particle(run[0]):
            run.pop(0)
        if anywhere:  # "Interview Jef Van den Broeck": the name is what follows the word
            while len(run) > 1 and (
                particle(run[0])
                or (self._ordinary(word(run[0])) and self._boilerplate(word(run[0])))
            ):
                run = run[1:]
        if not run:
            return []
        at_start = not anywhere and sentence_start(text, run[0][0])
        if at_start:
            # "Maar Henk", "Met Harm Dijkstra", "('k) Zag Koen": the capital of the first word
            # is the sentence's (only a function word, a verb that is no given name or a word
            # after "'s" is dropped: "Frank Meijer" is no "frank" and "Meijer")
            while len(run) > 1 and (
                word(run[0]).casefold() in self._openers or self._verb_first(text, *run[0])
            ):
                run = run[1:]
                while run and particle(run[0]):
                    run = run[1:]
                at_start = False
        # a single letter is no name ("B" of a table's cell), at most an initial ("J Okafor")
        content = [s for s in run if not particle(s) and len(word(s)) > 1]
        if not content or all(word(s).casefold() in self.known for s in content):
            return []
        plain = all(self._ordinary(word(s)) for s in content)
        if plain and not anywhere and not at_start and self._after_place_word(text, run[0][0]):
            # "in Dronten", "uit Zoetermeer", "vlakbij Marknesse en Kraggenburg", "from
            # Dauphin": a capitalised word where a place is said is a place's name, however
            # ordinary its parts (a dodo's plural, "hoofd" and "dorp", "zoeter" and "meer")
            plain = all(self._plain_anyway(word(s)) for s in content)
        if anywhere and plain:
            # a file name's capitalised word is a name more often than a sentence's: an ordinary
            # word ("Dauphin", "Creek", "Swan Lake") counts unless file names hold it anyway
            # ("Interview", "Final") or those of many participants do
            plain = all(self._file_word(word(s)) for s in content)
        if len(content) == 1:
            adjective = place_adjective_here(text, *content[0])
            alone = word(content[0])
            if at_start and not adjective:
                # "Truus zei ...", "Bertus van de andere thuiszorg": the sentence's capital,
                # but a word no dictionary has, nor a sound of speech ("Tja"), is a name; and
                # an ordinary word the words around say is a person's ("Mark zei")
                word_only = self._said_start(alone)
                if word_only and not (
                    self._person_here(text, *content[0], at_start)
                    or self._given_name_here(text, *content[0], at_start)
                ):
                    return []
                return [(run[0][0], run[-1][1])]
            if adjective or (
                plain
                and not self._person_here(text, *content[0], at_start)
                and (anywhere or not self._given_name_here(text, *content[0], at_start))
            ):
                return []
            return [(run[0][0], run[-1][1])]
        inner = len(content) < len(run)
        if at_start and plain and not inner:
            last = content[-1]
            if len(content) == 2 and self._surname_after(text, *content):
                return [(run[0][0], run[-1][1])]  # "Mark Bakker belde", "Rose Baker went"
            if len(content) == 2 and self._person_here(text, *last, at_start=False):
                return [last]  # "Finally Hope called", "Gisteren Mark belde": an adverb first
            return []  # "Brede Welvaart is ...": maybe a title, maybe the sentence's capital
        return [(run[0][0], run[-1][1])]

    def _example(self, text: str, start: int, end: int, hidden: list[tuple[int, int, str]]) -> str:
        """The text around the name (at most CONTEXT characters either side, in whole words),
        the names lernet hides hidden, the name itself as said."""
        left = max(0, start - CONTEXT)
        right = min(len(text), end + CONTEXT)
        while 0 < left < start and not text[left - 1].isspace():
            left += 1
        while start < right < len(text) and not text[right].isspace():
            right -= 1
        for s, e, _ in hidden:  # a hidden name cut by the window's edge is left out whole
            if s < left < e:
                left = e
            if s < right < e:
                right = s
        parts = [text[left:right]]
        for s, e, mark in sorted(hidden, reverse=True):
            if left <= s and e <= right:
                piece = parts[0]
                parts[0] = piece[: s - left] + mark + piece[e - left :]
        head = "…" if left > 0 else ""
        tail = "…" if right < len(text) else ""
        return " ".join(f"{head}{parts[0]}{tail}".split())


LANGUAGE_ENDINGS = ("ish", "ese", "ench", "utch", "zech")
"""How English names of languages end ("English", "Chinese", "French", "Dutch", "Czech")."""


def _language_name(word: str) -> bool:
    """Whether a capitalised word is a language's or a nation's ("in English", "in French",
    "in Portuguese"): it ends as their English names do (`LANGUAGE_ENDINGS`), and the English
    dictionary has it, capitalised (not "Adrian", "Bosch")."""
    from ..language.lemmas import dictionary_lemma

    if not word[:1].isupper() or not word.casefold().endswith(LANGUAGE_ENDINGS):
        return False
    lemma = dictionary_lemma(word, "en") or dictionary_lemma(word.casefold(), "en")
    return lemma is not None and lemma[:1].isupper()


PREFIXES = ("uit", "aan", "mee", "toe", "op", "af", "om", "in", "na")
"""Dutch prefixes a compound may start with ("Uitstroom", "Aanloop")."""


def _compound_of_words(folded: str) -> bool:
    """A Dutch compound the dictionaries lack, of a Dutch prefix (`PREFIXES`) or word and a word
    of Dutch or English ("Uitstroom", "Loopbaancoaching"), each of four letters or more."""
    from ..language.lemmas import is_common_word

    for cut in range(2, len(folded) - 3):
        head, tail = folded[:cut], folded[cut:]
        if (head in PREFIXES or (cut >= 4 and is_common_word(head, "nl"))) and any(
            is_common_word(tail, lang) for lang in ("nl", "en")
        ):
            return True
    return False


def _acronym(part: str) -> bool:
    """An abbreviation in capitals ("HR", "ICT", "CLB") as the first part of a compound."""
    return 2 <= len(part) <= 5 and part.isalpha() and part.isupper()


_TITLE_BEFORE = regex.compile(r"(?<![\w’'.-])([^\W\d_]+)(\.?)[ \t]+$")
ABBREVIATED_TITLES = frozenset("dr drs ir ing mr mrs ms mx prof dhr mevr mw rev fr".split())
"""Titles written with a dot ("Mrs. Baker", "dhr. Jansen"); after another word of `NAMED_AFTER`
a dot ends the sentence ("Het is voor ons. Toen belde ik")."""


def _after_title(text: str, start: int) -> bool:
    """Whether a title or form of address stands right before `start` ("dokter ", "Mrs. ")."""
    m = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    if m is None or m.group(1).casefold() not in NAMED_AFTER:
        return False
    return not m.group(2) or m.group(1).casefold() in ABBREVIATED_TITLES
