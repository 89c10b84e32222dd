"""What text a `regex:` rule needs before it can match: literal strings read from the pattern.

A rule's expression is searched in every segment, and almost every search finds nothing. Most
expressions spell out words ("\\b(heeft|hebben)\\s+...\\s+aan\\b"): a match must contain one of
*heeft*, *hebben*, and *aan*. `regex_needs` reads those requirements from the pattern (an AND of
OR-sets of literal strings), and `gate_text` folds a segment's text so that a plain substring test
tells when a requirement is missing. The search then runs only where every requirement is met.

The gate must never turn away a text the expression matches. So the reader knows a conservative
subset of the syntax and gives up (no gate: the rule is searched everywhere) on anything else:
inline flags for the whole pattern, backreferences, `\\p{..}`, nested sets, fuzzy matching,
conditionals. A group with flags of its own ("(?-i:[A-Z]...)") is read for its syntax and gives
no literal. Only ASCII characters count as literals: under IGNORECASE the `regex` module matches an
ASCII letter only with characters whose case fold is that letter, except i (dotted capital I,
dotless small i), which `gate_text` maps to i (tests/test_regex_gate.py checks this over all of
Unicode).

Digits are one literal, "#": the gate writes every decimal digit of a text as #, and a pattern's
digits, its `\\d` and its sets of digits alone (`[0-9]`, `[1-9]`) stand for it. So "began with
five, now [1-9]\\d" needs two digits in a row, which most turns lack, where before it needed
nothing known. The mark is no word character, so a requirement with a digit is looked for in the
whole text, not word by word: the `regex` module knows digits (newer Unicode) that the words of
a text, split by `re`, leave out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

MAX_EXACT = 64
"""The most strings an exact part of a pattern may stand for ("(a|b)(c|d)" stands for four)."""
MAX_NEEDS = 3
"""Requirements kept per rule, the most selective first; more cost more than they save."""

_ZERO_WIDTH_ESCAPES = set("bBAZGmM")
_SCOPED_FLAGS_RE = re.compile(r"[aimsu]*(?:-[imsu]+)?:")
"""The flags of a group of its own, "(?-i:...)", that leave its syntax as it is (not x, V)."""
_CLASS_ESCAPES = set("DsSwWhH")
_DIGIT = "#"
"""What the gate writes for any decimal digit, in texts and in patterns alike."""
_DIGIT_SET_RE = re.compile(r"(?:[0-9](?:-[0-9])?)+")
"""The inside of a set of ASCII digits alone ("0-9", "1-9", "2357")."""


class _GiveUp(Exception):
    """A construct the reader does not know: the rule gets no gate."""


@dataclass
class _Node:
    kind: str  # lit | seq | alt | rep | zero | other
    char: str = ""
    items: list[_Node] | None = None
    low: int = 0
    high: int | None = None


class _Parser:
    def __init__(self, pattern: str):
        self.p = pattern
        self.i = 0

    def parse(self) -> _Node:
        node = self.alternation()
        if self.i != len(self.p):
            raise _GiveUp  # an unbalanced ")"
        return node

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def alternation(self) -> _Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else _Node("alt", items=branches)

    def sequence(self) -> _Node:
        items: list[_Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            items.append(self.quantified(atom))
        return _Node("seq", items=items)

    def quantified(self, atom: _Node) -> _Node:
        c = self.peek()
        if c in ("?", "*", "+"):
            self.i += 1
            low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{":
            low, high = self.braces()
        else:
            return atom
        if self.peek() in ("?", "+"):
            self.i += 1  # lazy or possessive: the same strings match
        if self.peek() in ("?", "*", "+", "{"):
            raise _GiveUp  # a quantified quantifier
        return _Node("rep", items=[atom], low=low, high=high)

    def braces(self) -> tuple[int, int | None]:
        end = self.p.find("}", self.i)
        if end < 0:
            raise _GiveUp
        body = self.p[self.i + 1 : end]
        lo, comma, hi = body.partition(",")
        if not (lo.isdigit() or (comma and not lo)) or not (hi.isdigit() or not hi):
            raise _GiveUp  # fuzzy matching {e<=1}, or a brace meant literally
        if not lo and not hi:
            raise _GiveUp
        self.i = end + 1
        return int(lo or 0), (int(hi) if hi else None if comma else int(lo))

    def atom(self) -> _Node:
        c = self.peek()
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            start = self.i
            self.char_class()
            if _DIGIT_SET_RE.fullmatch(self.p, start, self.i - 1):
                return _Node("lit", char=_DIGIT)
            return _Node("other")
        if c == ".":
            return _Node("other")
        if c in ("^", "$"):
            return _Node("zero")
        if c == "\\":
            return self.escape()
        if c in ("*", "+", "?", "{", "}", "]"):
            raise _GiveUp  # a quantifier with nothing before it, or a stray bracket
        if c.isascii() and c.isdigit():
            return _Node("lit", char=_DIGIT)
        return _Node("lit", char=c) if c.isascii() else _Node("other")

    def escape(self) -> _Node:
        c = self.peek()
        self.i += 1
        if c == "":
            raise _GiveUp
        if c in _ZERO_WIDTH_ESCAPES:
            return _Node("zero")
        if c == "d":
            return _Node("lit", char=_DIGIT)
        if c in _CLASS_ESCAPES:
            return _Node("other")
        if c.isascii() and not c.isalnum():
            return _Node("lit", char=c)  # an escaped punctuation mark stands for itself
        raise _GiveUp  # backreferences, \p{..}, \N{..}, \x.., \u.... and the like

    def char_class(self) -> None:
        """Skip a set up to its closing bracket; it matches one character, never a literal."""
        i = self.i
        if self.p[i : i + 1] == "^":
            i += 1
        if self.p[i : i + 1] == "]":
            i += 1  # a "]" first in a set is itself
        while i < len(self.p):
            c = self.p[i]
            if c == "\\":
                i += 2
                continue
            if c == "[":
                raise _GiveUp  # POSIX classes and nested sets
            if c == "]":
                self.i = i + 1
                return
            i += 1
        raise _GiveUp

    def group(self) -> _Node:
        zero = False
        if self.peek() == "?":
            rest = self.p[self.i + 1 : self.i + 4]
            if rest.startswith(":") or rest.startswith(">"):
                self.i += 2
            elif rest.startswith("=") or rest.startswith("!"):
                self.i += 2
                zero = True
            elif rest.startswith("<=") or rest.startswith("<!"):
                self.i += 3
                zero = True
            elif rest.startswith("P<") or rest.startswith("<"):
                end = self.p.find(">", self.i)
                name = self.p[self.i + (3 if rest.startswith("P") else 2) : end]
                if end < 0 or not name.isidentifier():
                    raise _GiveUp
                self.i = end + 1
            else:
                flags = _SCOPED_FLAGS_RE.match(self.p, self.i + 1)
                if flags is None:
                    raise _GiveUp  # inline flags, comments, conditionals, recursion, branch reset
                # flags for the group alone, "(?-i:[A-Z]\w+)": the rest of the pattern is read
                # as before; the group itself gives no literal (its case may be exact)
                self.i = flags.end()
                inner = self.alternation()
                if self.peek() != ")":
                    raise _GiveUp
                self.i += 1
                return _Node("other")
        inner = self.alternation()
        if self.peek() != ")":
            raise _GiveUp
        self.i += 1
        return _Node("zero") if zero else inner


def _exact(node: _Node) -> set[str] | None:
    """Every string the node can match, when they are few literal ones; else None."""
    if node.kind == "lit":
        return {node.char.lower()}
    if node.kind == "seq":
        out = {""}
        for item in node.items or []:
            part = _exact(item)
            if part is None or len(out) * len(part) > MAX_EXACT:
                return None
            out = {a + b for a in out for b in part}
        return out
    if node.kind == "alt":
        found: set[str] = set()
        for branch in node.items or []:
            part = _exact(branch)
            if part is None:
                return None
            found |= part
        return found if len(found) <= MAX_EXACT else None
    if node.kind == "rep" and node.low == 0 and node.high == 1:
        part = _exact((node.items or [])[0])
        return None if part is None else part | {""}
    return None


def _needs(node: _Node) -> list[frozenset[str]]:
    """OR-sets of strings, one of each of which every match of the node contains."""
    if node.kind == "lit":
        return [frozenset([node.char.lower()])]
    if node.kind == "rep":
        return _needs((node.items or [])[0]) if node.low >= 1 else []
    if node.kind == "alt":
        chosen = []
        for branch in node.items or []:
            needs = _needs(branch)
            if not needs:
                return []
            chosen.append(_best(needs))
        return [frozenset().union(*chosen)]
    if node.kind != "seq":
        return []
    out: list[frozenset[str]] = []
    run: set[str] = {""}
    for item in node.items or []:
        part = _exact(item)
        if part is not None and len(run) * len(part) <= MAX_EXACT:
            run = {a + b for a in run for b in part}
            continue
        if "" not in run:
            out.append(frozenset(run))
        run = {""}
        if part is not None and "" not in part:
            out.append(frozenset(part))
        else:
            out.extend(_needs(item))
    if "" not in run:
        out.append(frozenset(run))
    return out


def _rank(needs: frozenset[str]) -> tuple[int, int]:
    """Longer shortest strings first, then fewer of them: the rarer requirement."""
    return (-min(len(s) for s in needs), len(needs))


def _best(needs: list[frozenset[str]]) -> frozenset[str]:
    return min(needs, key=_rank)


def regex_needs(pattern: str) -> tuple[tuple[str, ...], ...]:
    """What a text must contain (after `gate_text`) for `pattern` to match in it: for each
    requirement, strings one of which must stand in the text. Empty when nothing is known."""
    try:
        tree = _Parser(pattern).parse()
    except (_GiveUp, IndexError, ValueError):
        return ()
    needs = sorted(set(_needs(tree)), key=_rank)[:MAX_NEEDS]
    return tuple(tuple(sorted(s, key=lambda x: (-len(x), x))) for s in needs)


def regex_branch_needs(pattern: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """For a pattern that is an alternation at the top ("a...|b..."), what each branch needs, as
    `regex_needs` gives it: a text can match only where every requirement of some branch is met.
    Empty when the pattern is no such alternation or a branch needs nothing known."""
    try:
        tree = _Parser(pattern).parse()
    except (_GiveUp, IndexError, ValueError):
        return ()
    if tree.kind != "alt":
        return ()
    out = []
    for branch in tree.items or []:
        needs = sorted(set(_needs(branch)), key=_rank)[:MAX_NEEDS]
        if not needs:
            return ()
        out.append(tuple(tuple(sorted(s, key=lambda x: (-len(x), x))) for s in needs))
    return tuple(out)


_ASCII_DIGITS = str.maketrans("0123456789", _DIGIT * 10)
_DECIMAL_RE = regex.compile(r"\d")
"""The digits the rules' `\\d` matches (the `regex` module's Unicode, newer than `re`'s)."""


def gate_text(text: str) -> str:
    """A text as the gate compares it: case-folded, dotted capital I and dotless small i as the
    i that IGNORECASE matches them with, and every decimal digit (any script's) as #."""
    folded = text.casefold().replace("i\u0307", "i").replace("\u0131", "i")
    if folded.isascii():
        return folded.translate(_ASCII_DIGITS)
    return _DECIMAL_RE.sub(_DIGIT, folded)


def may_match(needs: tuple[tuple[str, ...], ...], gated: str) -> bool:
    """False when `gated` (from `gate_text`) lacks a requirement: the expression cannot match."""
    for options in needs:
        for s in options:
            if s in gated:
                break
        else:
            return False
    return True


def is_word_literal(s: str) -> bool:
    """Whether a required string is made of word characters only, so that it stands inside one
    word of a text whenever it stands in the text (checked per word, once per word)."""
    return bool(s) and all(c.isascii() and (c.isalnum() or c == "_") for c in s)


_WORD_RUN_RE = re.compile(r"[0-9A-Za-z_]+")


def word_runs(options: tuple[str, ...]) -> tuple[str, ...] | None:
    """For a requirement some of whose strings span words ("in the beginning", "set up"), a
    weaker one made of word literals: each string's longest run of word characters, which stands
    inside one word wherever the string stands. None when a string has no such run."""
    out = []
    for s in options:
        runs = _WORD_RUN_RE.findall(s)
        if not runs:
            return None
        out.append(max(runs, key=len))
    return tuple(dict.fromkeys(out))
