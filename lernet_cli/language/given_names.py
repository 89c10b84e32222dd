"""Common given names of Dutch, Flemish and English speakers, and the finite verbs a subject has.

The dictionaries know many first names as ordinary words ("koen", "daan", "geert", "peter",
"eva" in Dutch; "anna" in English), so at a sentence's start the capital of "Koen gaat weg"
told `lernet names` nothing. The lists (`given_names_nl.txt`, `given_names_en.txt`, written for
lernet) say which capitalised words are commonly a person's first name; `finite_verb` says
whether the word after one is a verb that a subject has ("gaat", "regelde", "went", "knows").

These only suggest names for the researcher to look at: what outputs hide is what the
researcher lists (the participants file, speaker labels), never a name of these lists.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

WORD_MARK = "*"
"""After a name in the lists: the name is an ordinary word too ("Roos", "Will", "Bill")."""

AUXILIARIES = frozenset(
    """
    is was ben zijn waren heeft had hebben hadden wordt werd blijft bleef kan kon wil wilde
    moet moest zal zou mag mocht hoeft hoefde lijkt leek
    are were be been has have does did do can could will would shall should may might must
    seems seemed gets got
    """.split()
)
"""Forms of "zijn", "hebben", "be", "have" and modal verbs: any noun stands before them ("Hoop
is er", "Hope is all we have"), so they say a person only after a name that is no word."""
ENGLISH_AUXILIARIES = frozenset(
    "is was are were be been has have had does did do can could will would shall should may "
    "might must".split()
)
"""English forms of "be", "have", "do" and the modals: a subject has one finite verb, so a word
before one ended the subject ("Rose gardens were lovely": "gardens" a plural, no verb)."""
ENGLISH_PAST = frozenset(
    """
    left felt kept meant found made took gave told thought brought bought sent spent stood sat
    met led lost paid put read set let sold held heard understood won wrote went came knew saw
    ran began became drove rode spoke broke chose fell forgot grew hid hung taught caught fought
    built lent slept swam threw wore woke
    """.split()
)
"""English past tenses the dictionary leaves as they are ("left", "felt") or that are verbs
only ("went", "knew")."""


@cache
def _names() -> dict[str, bool]:
    """Folded given name -> whether it is an ordinary word too, of both lists."""
    out: dict[str, bool] = {}
    for language in ("nl", "en"):
        text = resources.files(__package__).joinpath(f"given_names_{language}.txt")
        for line in text.read_text("utf-8").splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            name = parts[0].casefold()
            out[name] = out.get(name, False) or WORD_MARK in parts[1:]
    return out


def is_given_name(word: str) -> bool:
    """Whether a word is a common Dutch, Flemish or English given name ("Koen", "Anna",
    "Rose")."""
    return word.casefold() in _names()


def name_is_word(word: str) -> bool:
    """Whether a given name is an ordinary word too ("Roos", "Hope", "Will", "Bill")."""
    return _names().get(word.casefold(), False)


def finite_verb(word: str) -> str | None:
    """What a lower-case word after a subject is: "aux" (`AUXILIARIES`), "verb" (a finite verb
    of one subject in Dutch or English: "gaat", "ging", "regelde", "went", "helped", "knows"),
    or None (no such verb: "weg", "you", "my", "gardening")."""
    from .lemmas import dictionary_lemma
    from .past_tense import past_infinitive

    folded = word.replace("’", "'")
    if not folded.isalpha() or not folded.islower():
        return None
    if folded in AUXILIARIES:
        return "aux"
    if folded in ENGLISH_PAST or past_infinitive(folded) is not None:
        return "verb"
    if _dutch_finite(folded, dictionary_lemma(folded, "nl")):
        return "verb"
    if _english_finite(folded, dictionary_lemma(folded, "en")):
        return "verb"
    return None


PLURAL_VERBS = frozenset(
    """
    zijn waren hebben hadden worden werden blijven bleven kunnen konden willen wilden moeten
    moesten zullen zouden mogen mochten lijken leken
    are were have had do did can could will would shall should may might must seemed got
    """.split()
)
"""Forms of "zijn", "hebben", "be", "have" and the modals a plural subject has."""
PREPOSITIONS = frozenset(
    """
    in op aan bij van voor uit met naar over onder achter naast rond om tegen langs binnen
    buiten zonder
    in on at of for from with near around across along behind under over by without within
    """.split()
)
"""Words that open a phrase a plural subject may end in ("Rose gardens in the area were")."""
CLAUSE_STOPS = frozenset(
    """
    en maar of want omdat als toen terwijl dat die wie wat waar ik jij je hij zij ze wij we u
    and but or because if when while that which who what where i you he she we they it
    """.split()
)
"""Words that open another clause or subject: a verb after one is not the first subject's."""
PHRASE_WORDS = 5
"""The most words of a phrase between a plural subject and its verb ("in the old area")."""
_PHRASE_TOKEN = re.compile(r"[^\W\d_][\w’']*|[^\w\s]")


def subject_plural(word: str, rest: str) -> bool:
    """Whether a word that reads as a verb's third person ("gardens", "ups", "tips") after a
    capitalised word is rather the plural noun the subject ends in: a verb follows it, right
    after ("Rose gardens were lovely", "Mark ups have gone up") or after a phrase ("Rose
    gardens in the area were lovely", "Iris scans in het ziekenhuis waren duur"), as it does
    not follow a verb ("Rose gardens every Sunday", "Rose gardens in the area", "Jack helps
    people who were ill"). `rest`: the text after the word."""
    if not word.endswith("s"):
        return False
    tokens = _PHRASE_TOKEN.findall(rest[:200])
    if not tokens:
        return False
    first = tokens[0].replace("’", "'")
    if first in ENGLISH_AUXILIARIES:
        return True
    if first not in PREPOSITIONS:
        return False
    before = first
    for token in tokens[1 : PHRASE_WORDS + 2]:
        folded = token.replace("’", "'")
        if not folded[:1].isalpha() or folded.casefold() in CLAUSE_STOPS:
            return False
        if before not in PREPOSITIONS and _plural_verb(folded):
            return True
        before = folded.casefold()
    return False


def _plural_verb(word: str) -> bool:
    """A finite verb a plural subject has: "waren", "hielpen", "were", "looked", "went"; a
    word after a preposition is none (a noun: "over eten")."""
    if word in PLURAL_VERBS or word in ENGLISH_PAST:
        return True
    if not word.isalpha() or not word.islower():
        return False
    if word.endswith("ed"):
        return finite_verb(word) == "verb"
    if word.endswith("en"):
        from .lemmas import dictionary_lemma

        lemma = dictionary_lemma(word, "nl")
        return lemma is not None and lemma.endswith(("en", "aan")) and len(lemma) > 3
    return False


def _dutch_finite(word: str, lemma: str | None) -> bool:
    """A Dutch verb's form of one subject: its lemma an infinitive ("gaat" of "gaan", "ging",
    "regelde" of "regelen"), the form neither that nor a plural ("keukens" of "keuken") nor a
    diminutive."""
    if lemma is None or lemma == word or not lemma.islower() or not lemma.endswith("n"):
        return False
    if word.endswith(("en", "je")) or (word.endswith("s") and lemma == word[:-1]):
        return False
    return len(lemma) > 3


def _english_finite(word: str, lemma: str | None) -> bool:
    """An English verb's past or third person ("helped", "knows", "went"): a form the dictionary
    files under another word, which is a verb (its -ing form is a form of it)."""
    if lemma is None or lemma == word or not lemma.islower() or word.endswith("ing"):
        return False
    from .lemmas import dictionary_lemma

    stems = {lemma + "ing", lemma[:-1] + "ing", lemma + lemma[-1:] + "ing"}
    return any(dictionary_lemma(s, "en") == lemma for s in stems if s)
