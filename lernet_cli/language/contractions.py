"""Contractions and clitics of Dutch and English: never a name, nor part of one.

Speech recognition writes what was said as it sounds ("i'd say", "what's next", "y'know", Dutch
"z'n moeder", "d'r vader", "met d'rin"), in lower case or with a capital here and there. The
dictionaries lack most such forms, so `lernet names` took them for names no dictionary has. A
contraction is read by its pieces: a function word with a clitic ("what" and "is", "we" and
"will"), a clitic before a word ("y" and "know"), or what `language.text.split_clitics` makes of it
("don't": "do" and "not"). A name with an apostrophe stays one: "O'Brien", "D'Souza" (a capital
after the apostrophe), "Mark's", "Dan's" (a possessive written with a capital).
"""

from __future__ import annotations

from collections.abc import Callable

from .stopwords import BY_LANGUAGE
from .text import CLITIC_WORDS, split_clitics

CLITIC_PIECES = frozenset("s d ll ve re m t n k r z y em".split())
"""What stands beside an apostrophe in a contraction, less the word it leans on: English "'s",
"'d", "'ll", "'ve", "'re", "'m", "n't", "y'", "'em"; Dutch "'t", "'k", "'n", "z'n", "m'n",
"d'r"."""
FUNCTION_WORDS = frozenset().union(*BY_LANGUAGE.values()) | CLITIC_WORDS
"""The function words of Dutch and English, and those a clitic stands for ("het", "would")."""
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def is_contraction(word: str, ordinary: Callable[[str], bool]) -> bool:
    """Whether a word with an apostrophe is a contraction or clitic, not a name ("i'd",
    "What's", "we'll", "y'know", "z'n", "d'rin"): its first piece a clitic or a function word
    (written in lower case, also an `ordinary` word: "everyone's", "mum's"), every other piece a
    clitic, a function word, one glued to a clitic ("rin" of "d'rin"), or after "y'" an ordinary
    word ("y'know"; not after "d'": "D'hoop" is a Flemish surname). With a capital, no
    possessive ("Dan's", "Will's": a name's) and no capital after an apostrophe ("O'Brien")
    unless the word is all capitals."""
    written = word.translate(APOSTROPHES)
    if "'" not in written:
        return False
    if not written.isupper() and any(p[:1].isupper() for p in written.split("'")[1:]):
        return False
    lower = written == written.lower()
    parts = split_clitics(written, 0)
    pieces = [piece for part, _, _ in parts for piece in part.casefold().split("'") if piece]
    if not pieces or (not lower and len(parts) == 1 and pieces[-1] == "s"):
        return False

    def function(piece: str) -> bool:
        return piece in CLITIC_PIECES or piece in FUNCTION_WORDS

    first, *rest = pieces
    if not (function(first) or (lower and len(first) > 1 and ordinary(first))):
        return False
    return all(
        function(p)
        or (p[0] in CLITIC_PIECES and p[1:] in FUNCTION_WORDS)
        or (first == "y" and ordinary(p))
        for p in rest
    )
