"""Dutch separable verbs: *samenwerken* is written apart in a main clause ("we werken goed samen
met de school", "ik verwijs ze door", "dat stemmen we af") and around *te* ("om samen te werken").

A word is taken for a separable verb when it is a known particle followed by a Dutch verb: the
rest ends like an infinitive (*-en*, or one of the short verbs *gaan, doen, staan, zien, slaan*)
and the dictionary knows its third person (*werkt*, *verwijst*, *stemt*) as a form of it. The
first step needs only the spelling (so reading a codebook never loads the dictionary); the second
is made when a transcript is searched.

The particles are those that are separable in nearly every verb they start. *Onder, achter,
vol* and *weer* are left out: most verbs they start are not separable (*ondersteunen, onderzoeken,
achterhalen, voldoen*), and *weer* (again) stands in half the sentences of an interview. *Over,
door, om* and *voor* are in, though a few of their verbs are not separable (*overleggen*,
*doorzien*, *omschrijven*, *voorspellen*): their split forms ("we leggen het over") hardly occur.
"""

from __future__ import annotations

from functools import lru_cache

from .text import fold

PARTICLES = frozenset(
    """aan af bij bijeen binnen buiten deel door heen in kwijt langs los mee mis na neer om op
    open over plaats rond samen tegen tegemoet terecht terug toe tussen uit vast voor vooruit
    voort vrij weg""".split()
)
"""Separable particles (see the module's text for those left out)."""

_BY_LENGTH = sorted(PARTICLES, key=len, reverse=True)
SHORT_VERBS = frozenset({"gaan", "doen", "staan", "zien", "slaan"})
SPLIT_GAP = 10
"""How many words after the verb its particle may stand, within the verb's clause: a main
clause's middle part ("we werken sinds vorig jaar heel goed met de gemeente samen")."""
NOUN_PHRASE = frozenset(
    """de het een 't 'n dit deze mijn m'n zijn z'n onze hun uw jouw elke ieder iedere alle hem
    haar ons hen jou mij me""".split()
)
"""Words that open a noun phrase: a 'particle' before one is a preposition ("ik werk door de
regen", "we kijken op het scherm")."""
_VOWELS = "aeiouy"


def split_separable(word: str) -> tuple[str, str] | None:
    """(particle, verb) when the spelling is a particle followed by an infinitive
    ("samenwerken" -> ("samen", "werken")); None otherwise. Spelling only."""
    low = fold(word)
    if not low.isalpha():
        return None
    for particle in _BY_LENGTH:
        rest = low[len(particle) :]
        if low.startswith(particle) and (
            rest in SHORT_VERBS or (len(rest) >= 4 and rest.endswith("en"))
        ):
            return particle, rest
    return None


@lru_cache(maxsize=4096)
def is_separable_verb(word: str) -> bool:
    """Whether the word is a particle and a Dutch verb the dictionary knows (see the module)."""
    split = split_separable(word)
    if split is None:
        return False
    verb = split[1]
    if verb in SHORT_VERBS:
        return True
    from .lemmas import dictionary_lemma

    for form in _third_persons(verb):
        lemma = dictionary_lemma(form, "nl")
        if lemma is not None and fold(lemma).replace("_", "") == verb:
            return True
    return False


def _third_persons(verb: str) -> set[str]:
    """Spellings the third person singular of a regular infinitive may have: werken -> werkt,
    stemmen -> stemt, nemen -> neemt, geven -> geeft, verwijzen -> verwijst, zetten -> zet."""
    stem = verb[:-2]
    stems = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        stems.add(stem[:-1])
    shape = "".join("v" if c in _VOWELS else "c" for c in stem[-3:])
    if shape == "cvc":  # an open syllable's vowel is written double when closed: nemen -> neem
        stems.add(stem[:-1] + stem[-2] + stem[-1])
    for s in list(stems):
        if s.endswith("v"):
            stems.add(s[:-1] + "f")
        if s.endswith("z"):
            stems.add(s[:-1] + "s")
    return {s if s.endswith("t") else s + "t" for s in stems}


def particle_stands(words: list[str], at: int) -> bool:
    """Whether the word at `at` (the particle) is not a preposition: not followed by what opens
    a noun phrase, and not the noun after an article ("een deel van")."""
    after = fold(words[at + 1]) if at + 1 < len(words) else ""
    before = fold(words[at - 1]) if at > 0 else ""
    return after not in NOUN_PHRASE and before not in ("een", "de", "'n")
