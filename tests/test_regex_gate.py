"""The gate in front of `regex:` rules only skips searches that cannot find anything: what a
pattern needs, read from it, is in every text the pattern matches."""

from __future__ import annotations

import string
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.codebook.regexgate import (
    gate_text,
    is_word_literal,
    may_match,
    regex_branch_needs,
    regex_needs,
)

from .conftest import DEFAULT_CODEBOOK

FLAGS = regex.IGNORECASE | regex.UNICODE


def test_needs_of_plain_patterns() -> None:
    assert regex_needs(r"\bkennis\b") == (("kennis",),)
    needs = regex_needs(r"\b(heeft|hebben)\s+\w+\s+aan\b")
    assert set(needs) == {("hebben", "heeft"), ("aan",)}
    # an optional part needs nothing; a literal run goes on through exact groups
    assert regex_needs(r"zo(doende)?\s+wel") == (("wel",), ("zodoende", "zo"))
    assert regex_needs(r"ge(ef|ven)t?") == (("gevent", "geeft", "geven", "geef"),)
    # lower case: the gate folds the text
    assert regex_needs(r"KENNIS") == (("kennis",),)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)kennis",  # inline flags
        r"(kennis)\1",  # a backreference
        r"\p{L}+kennis",  # a Unicode property
        r"(?:kennis){e<=1}",  # fuzzy matching
        r"[[:alpha:]]kennis",  # a POSIX class
        r"(?(1)a|b)",  # a conditional
        r"kennis)",  # unbalanced
    ],
)
def test_gives_up_on_what_it_does_not_know(pattern: str) -> None:
    assert regex_needs(pattern) == ()


def test_a_group_with_its_own_flags_is_read_but_gives_no_literal() -> None:
    """ "(?-i:[A-Z]...)" (a name, its capital exact) leaves the rest of the pattern its needs."""
    pattern = r"\b(we\s+all|iedereen)\s+(belt|calls?)\s+(?-i:[A-Z][a-z]+)\b(?!\s+(?-i:[A-Z]))"
    assert set(regex_needs(pattern)) == {("iedereen", "all"), ("calls", "belt", "call")}
    assert regex_needs(r"(?-i:Kennis)delen") == (("delen",),)
    assert regex_needs(r"(?-i:Kennis)") == ()
    assert regex_needs(r"(?s:a.b)|c") == ()  # a branch with nothing known: no gate
    assert regex_needs(r"(?x:a b)c") == ()  # verbose: its syntax is another; give up
    assert regex_needs(r"(?-i:a") == ()


def test_alternatives_without_a_need_need_nothing() -> None:
    assert regex_needs(r"(kennis|\w+)\s") == ()
    assert regex_needs(r"kennis|") == ()


def test_lookarounds_and_classes_are_no_literals() -> None:
    assert regex_needs(r"(?=kennis)\w+") == ()
    assert regex_needs(r"(?!kennis)[a-z]+delen") == (("delen",),)
    assert regex_needs(r"[kennis]+") == ()


def _patterns() -> list[str]:
    codebook = load_codebook(DEFAULT_CODEBOOK)
    found = [r.pattern_text for c in codebook.rule_codes() for r in c.rules if r.kind == "regex"]
    assert len(found) > 10
    return found + [
        r"\b(denk|denkt)\s+(\w+\s+){1,3}mee\b",
        r"zo.n\s+(ding|iets)",
        r"e-?mail\w*",
        r"(a|aa)+$",
        r"\bweet\s+(ik\s+)?niet\b",
        r"\b[1-9]\d?\s+(leden|members)\b",
        r"covid[- ]?19|\b20[0-9]{2}\b",
    ]


PATTERNS = _patterns()


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_gate_lets_every_match_through(pattern: str, data: st.DataObject) -> None:
    """Texts made to match the pattern (case varied) always pass the gate."""
    import re

    try:
        strategy = st.from_regex(re.compile(pattern, re.IGNORECASE), fullmatch=False)
    except (re.error, ValueError, NotImplementedError):
        pytest.skip("hypothesis cannot generate this pattern")
    text = data.draw(strategy)
    compiled = regex.compile(pattern, FLAGS)
    if compiled.search(text) is not None:
        assert may_match(regex_needs(pattern), gate_text(text)), text
        branches = regex_branch_needs(pattern)
        assert not branches or any(may_match(b, gate_text(text)) for b in branches), text


def test_each_branch_of_an_alternation_has_its_own_needs() -> None:
    """A text must meet every need of some branch: one branch's words and another's do not make
    a match, though together they meet the needs of the whole."""
    pattern = r"\bvertellen\s+kan\s+ik\b|\bspeaking\s+comes\s+easy\b"
    assert regex_needs(pattern) == (("vertellen", "speaking"),)
    branches = regex_branch_needs(pattern)
    assert branches == ((("vertellen",), ("kan",), ("ik",)), (("speaking",), ("comes",), ("easy",)))
    mixed = gate_text("Vertellen comes easy")
    assert may_match(regex_needs(pattern), mixed)
    assert not any(may_match(b, mixed) for b in branches)
    assert regex_branch_needs(r"\bkennis\b") == ()
    assert regex_branch_needs(r"kennis|\w+") == ()  # a branch that needs nothing: no gate


def test_ascii_literals_fold_as_ignorecase_matches_them() -> None:
    """Under IGNORECASE an ASCII character matches only characters that the gate folds to it."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    ascii_like = set(regex.findall(r"[\x20-\x7e]", everything, FLAGS))
    for c in ascii_like:
        for literal in string.printable[:95]:
            if regex.fullmatch(regex.escape(literal), c, FLAGS):
                expected = "#" if literal.isdigit() else literal.lower()
                assert gate_text(c) == expected, (hex(ord(c)), literal)


def test_every_digit_is_one_literal() -> None:
    """What `\\d` matches (any script's decimal digits) the gate writes as #, and nothing else;
    a pattern's digits, `\\d` and sets of digits alone need it."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    digits = set(regex.findall(r"\d", everything, FLAGS))
    assert {c for c in everything if gate_text(c) == "#"} == digits | {"#"}
    assert regex_needs(r"\b[1-9]\d\b") == (("##",),)
    assert regex_needs(r"covid-?19") == (("covid-##", "covid##"),)
    assert regex_needs(r"\b([0-9]|[2-57])\s+leden") == (("leden",), ("#",))
    assert regex_needs(r"[0-9a-f]+x") == (("x",),)  # a set with more than digits: no literal
    assert regex_needs(r"[^0-9]x") == (("x",),)
    assert gate_text("Sinds 2019, ٣٤ leden") == "sinds ####, ## leden"


def test_growth_said_as_numbers_needs_two_digits_or_a_number_word() -> None:
    """A turn without a number of ten or more (in digits or words) is not searched for "from a
    few at the start to many now"."""
    pattern = (
        r"\b(?:began|begonnen)\b[^.?!]{0,60}?\b(?:five|vijf|[1-9])\b[^?!]{0,80}?"
        r"\b(?:now|nu)\b[^.?!]{0,40}?\b(?:forty|veertig|[1-9]\d)\b"
    )
    needs = regex_needs(pattern)
    assert ("veertig", "forty", "##") in needs
    assert may_match(needs, gate_text("We began with 5 and now we are 40."))
    assert may_match(needs, gate_text("We begonnen met vijf en nu zijn we met veertig."))
    assert not may_match(needs, gate_text("We began with five and now we are six."))


def test_a_word_literal_stands_inside_one_word() -> None:
    """A character the gate folds to an ASCII word character is itself a word character, so a
    word literal is found in the words of a text whenever it is found in the text."""
    import re

    word = re.compile(r"\w")
    wrong = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code < 0xE000
        and any(is_word_literal(x) for x in gate_text(chr(code)))
        and not word.match(chr(code))
    ]
    assert wrong == []
