"""British and American spellings of one English word, made one form.

A codebook written in Britain says `organisation`, `programme`, `behaviour`; a transcript from
Otter, Zoom or Teams writes *organization*, *program*, *behavior*. `us_uk` writes a word of one
of the regular families the same way whichever spelling it came in, and the matcher adds that as
one more form of the word (in the text and in the codebook's terms alike), so either spelling
finds the other. Only words the English dictionary knows are read this way (text.py), and only
these families, each with a stem long enough that a short word is not taken for one (*size*,
*four*, *hour* stay as they are):

- -ize/-ise and their derivations: organize, organizes, organized, organizing, organization(s)
- -yze/-yse: analyze, analyzed
- -or/-our and their derivations: behavior(al), color(ful), favorite, neighborhood, labor(er)
- -er/-re after t or b: center(s), theater, meter, fiber
- -og/-ogue: catalog, dialog
- -am/-amme: program(s)
- a doubled l before -ed/-ing: traveled/travelled, modeling/modelling, canceled/cancelled
- defense/defence, offense/offence, license/licence, pretense/pretence
"""

from __future__ import annotations

import re
from functools import lru_cache

_FAMILIES = [
    (
        re.compile(r"^(\w{3,}?)i[sz](e|es|ed|ing|er|ers|ation|ations|ational|ationally)$"),
        r"\1iz\2",
    ),
    (re.compile(r"^(\w{2,}?)y[sz](e|es|ed|ing|er|ers)$"), r"\1yz\2"),
    (
        re.compile(
            r"^(\w{3,}?)ou?r(s|ed|ing|ite|ites|able|ably|ful|fully|less|hood|hoods|er|ers|al|"
            r"ally|ism|ist|ists)?$"
        ),
        r"\1or\2",
    ),
    (re.compile(r"^(\w{2,}?)([tb])(?:re|er)(s)?$"), r"\1\2er\3"),
    (re.compile(r"^(\w{3,}?)og(?:ue)?(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w{4,}?)am(?:me)?(s)?$"), r"\1am\2"),
    (re.compile(r"^(\w{2,}[aeiou])ll?(ed|ing)$"), r"\1l\2"),
    (re.compile(r"^(def|off|lic|pret)en[cs]e(s)?$"), r"\1ense\2"),
]
_KEEP = frozenset({"timbre", "timber", "sabre", "saber"})
"""Words of a family's shape whose other spelling is another word."""


@lru_cache(maxsize=50_000)
def us_uk_family(word: str) -> str | None:
    """`us_uk` of a folded English word that is of one of the families above (its American
    spelling too: *organized*, *labored*); None for a word of none (*organism*, *laboratory*)."""
    if word in _KEEP:
        return None
    for pattern, replacement in _FAMILIES:
        if pattern.match(word):
            return pattern.sub(replacement, word, count=1)
    return None


_PREFIX_STEMS = re.compile(r"^(\w{3,}?)i[sz](a|at|ati|atio)$")
"""A wildcard cut inside an -ise/-ize word's derivation: `organisat*`, `realisa*`."""


def us_uk_prefix(prefix: str) -> str | None:
    """What a wildcard's folded prefix (`organis*`, `colour*`, `behaviour*`, `centre*`) reads
    as in `us_uk` spelling, for finding the family's words in the other spelling: a word
    matches where its `us_uk_family` starts with it. None: the prefix ends in no family's stem."""
    if prefix.endswith(("is", "iz", "ys", "yz")):
        family = us_uk_family(prefix + "e")  # organis: organise -> organize, less the "e"
        if family is not None:
            return family[:-1]
    family = us_uk_family(prefix)
    if family is not None:
        return family
    match = _PREFIX_STEMS.match(prefix)
    return f"{match.group(1)}iz{match.group(2)}" if match else None


@lru_cache(maxsize=50_000)
def us_uk(word: str) -> str:
    """The one spelling of a folded English word that its British and American spellings share
    (the American one, where it has one); the word itself when it is of no family above."""
    return us_uk_family(word) or word


SPOKEN_DUTCH = {
    "mekaar": "elkaar",
    "malkaar": "elkaar",
    "mekander": "elkaar",
    "malkander": "elkaar",
    "elkander": "elkaar",
    "nie": "niet",
    "da": "dat",
    "ge": "je",
    "gij": "jij",
    "ne": "een",
    "nen": "een",
    "wa": "wat",
}
"""Flemish and spoken Dutch forms of a word, read as the word a codebook writes: "we kennen
mekaar nog niet" is "elkaar", "ge kent da nie" is "je kent dat niet", "ne babbel" is "een
babbel". Only forms that can mean nothing else: not "se" (the "se" of "per se"), "uw" (your, as
polite as "u") nor "gene" (that one)."""


def standard_dutch(word: str) -> str | None:
    """The written form of a Flemish or spoken Dutch word (lower case), or None."""
    return SPOKEN_DUTCH.get(word)
