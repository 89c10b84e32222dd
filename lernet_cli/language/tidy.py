"""Tidying a quote of spoken language for a report (`--tidy`): fillers and words said twice in a
row left out, nothing else changed.

Verbatim quotes are the research norm, so this is never done unless asked, and the report's
method section says so when it is. What is left out, in Dutch and English alike:

- fillers: "um", "uh", "uhm", "erm", "eh", "ehm", "euh" and their drawn-out spellings ("ummm"),
  with the commas around them ("we, uh, left": "we left").
  "eh?" closing a question is a tag (Canadian "cold, eh?"), not a filler, and stays; "er"
  (Dutch "er is"), "ah", "oh" and "hm" are words and stay;
- "you know", "weet je" and "weet je wel" only where they are clearly a filler: set off by
  commas or standing at a sentence's edge with a comma ("It was, you know, hard."; "You know,
  it was hard."), or right beside a filler ("uh you know"). In speech without punctuation
  ("nobody applied you know so") the words alone cannot tell the filler from "the people you
  know", so they stay;
- a word or two said again right after themselves ("the the", "is is", "ik ik", "in the in
  the"), also across a filler ("ik euh ik"), except words people repeat on purpose ("very
  very", "no no", "ja ja"), words a sentence needs twice ("that that", "had had", "dat dat",
  "die die") and numbers ("twenty twenty").

A redaction mark ("[naam]") is never a word here: two of them are two names."""

from __future__ import annotations

import re
from typing import Any

FILLER_WORDS = ("um", "uh", "uhm", "erm", "eh", "ehm", "euh", "euhm")
"""The fillers left out, each also drawn out: "ummm", "uhhh", "euhh"."""

KEPT_TWICE = frozenset(
    # said twice on purpose
    "very really so much many far long no yes yeah yep nope ok okay bye well hear "
    "heel erg zeer echt nee ja jawel nou zo neenee "
    # needed twice by the sentence
    "that had do does dat die "
    # numbers: "twenty twenty" is a year
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand een twee drie vier vijf zes zeven acht negen tien twintig dertig veertig "
    "vijftig zestig zeventig tachtig negentig honderd duizend".split()
)

_FILLER = r"(?:" + "|".join(f"{w[:-1]}{re.escape(w[-1])}+" for w in FILLER_WORDS) + r")"
_EDGE_BEFORE = r"(?<![\w\[\]'’-])"
_EDGE_AFTER = r"(?![\w\[\]'’-])"
_FILLER_TOKEN = re.compile(
    r"(?P<pre>,\s*)?"
    + _EDGE_BEFORE
    + r"(?P<word>"
    + _FILLER
    + r")"
    + _EDGE_AFTER
    # a trailing ellipsis belongs to the hesitation; "eh?" ending a question is a tag
    + r"(?P<dots>\s*(?:\.\.\.|…))?(?!\s*\?)(?P<post>\s*,)?",
    re.IGNORECASE,
)
_YOU_KNOW = r"(?:you\s+know|weet\s+je(?:\s+wel)?)"
_KNOW_IN_COMMAS = re.compile(
    r",\s*" + _EDGE_BEFORE + _YOU_KNOW + _EDGE_AFTER + r"\s*(?P<post>,|(?=[.!?;…]|$))",
    re.IGNORECASE,
)
_KNOW_OPENING = re.compile(r"(?P<start>^|[.!?…]\s+)" + _YOU_KNOW + r"\s*,\s*(?=\w)", re.IGNORECASE)
_KNOW_BESIDE_FILLER = re.compile(
    _EDGE_BEFORE
    + r"(?:(?P<f1>"
    + _FILLER
    + r")\s+"
    + _YOU_KNOW
    + r"|"
    + _YOU_KNOW
    + r"\s+(?P<f2>"
    + _FILLER
    + r"))"
    + _EDGE_AFTER,
    re.IGNORECASE,
)
_REPEAT = re.compile(
    _EDGE_BEFORE
    + r"(?P<first>\w+(?:['’]\w+)?(?:\s+\w+(?:['’]\w+)?)?)(?:,?\s+(?P=first))+"
    + _EDGE_AFTER,
    re.IGNORECASE,
)


_CAP = "\x01"
"""Marks where a sentence now starts with the word after it: it gets a capital."""


def _drop_fillers(text: str) -> str:
    def gone(m: re.Match[str]) -> str:
        before = text[: m.start()].rstrip().rstrip("“‘\"'(")
        if (not before or before[-1] in ".!?…") and m.group("word")[0].isupper():
            return " " + _CAP
        return " "

    return _FILLER_TOKEN.sub(gone, text)


def _tidy_spacing(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?…])", r"\1", text)
    text = re.sub(r"([“‘(])\s+", r"\1", text)
    text = re.sub(r"\s*\(\s*\)", "", text)  # "(uh)"
    text = re.sub(r",\s*([.;:!?…])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r"^(\s|\x01)*[,;:]\s*", _CAP, text)
    text = re.sub(r"([.!?])\s*,\s*", r"\1 ", text)
    text = re.sub(_CAP + r"[\s,;]*(\w?)", lambda m: m.group(1).upper(), text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _drop_repeats(text: str) -> str:
    def once(m: re.Match[str]) -> str:
        words = m.group("first").split()
        if len(words) == 1 and (words[0].casefold() in KEPT_TWICE or words[0].isdigit()):
            return m.group(0)
        return m.group("first")

    while True:  # "ik ik denk ik denk": "ik denk ik denk", then "ik denk"
        out = _REPEAT.sub(once, text)
        if out == text:
            return out
        text = out


def tidy_speech(text: str) -> str:
    """`text` with fillers, filler "you know"/"weet je" and immediate repetitions left out (see
    the module's notes); unchanged when it has none."""
    out = _KNOW_BESIDE_FILLER.sub(lambda m: m.group("f1") or m.group("f2"), text)
    # a pair of commas around a filler goes with it: "It was, you know, hard." "It was hard."
    out = _KNOW_IN_COMMAS.sub(lambda m: " " if m.group("post") else "", out)
    out = _KNOW_OPENING.sub(
        lambda m: m.group("start") + (_CAP if m.group(0).lstrip(".!?… ")[0].isupper() else ""),
        out,
    )
    out = _drop_fillers(out)
    out = _drop_repeats(out)
    out = _tidy_spacing(out)
    return out if out.strip(' .,;:!?…"“”‘’') and out != " ".join(text.split()) else text


def tidy_quotes(quotes: list[Any]) -> set[int]:
    """Tidy each quote's `text` in place; the `id` of each that changed."""
    changed: set[int] = set()
    for quote in quotes:
        tidied = tidy_speech(quote.text)
        if tidied != quote.text:
            quote.text = tidied
            changed.add(id(quote))
    return changed
