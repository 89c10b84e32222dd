"""`lernet codebook check` tries every `regex:` rule on a long made-up turn, so that one that
backtracks without end is found before `lernet code` refuses a transcript for it.

The turn is 3,000 everyday Dutch and English words in a row, without punctuation or digits (a
long answer from speech recognition reads like that), with the literal words the expression
needs sprinkled in, so that it is tried where it may start matching, and a number it needs at
the end. The timeout is the coder's.
"""

from __future__ import annotations

from .codebook import Codebook, Problem
from .regexgate import regex_needs
from .rules import REGEX_TIMEOUT, slow_regex

WORDS = (
    "we hebben het daar vaak over gehad met de school en de wijkteams maar het blijft lastig om "
    "elkaar echt te vinden als je niet weet wie je moet bellen dan duurt alles langer en de "
    "ouders merken dat ook natuurlijk ik denk dat het netwerk helpt omdat we nu samen aan tafel "
    "zitten and then we talked about it again with the team because nobody really knew who was "
    "responsible for what and that takes time you know the families notice it too so we try to "
    "work together more often and share what we learn with each other every month"
).split()
PROBE_WORDS = 3000


def probe_text(needs: tuple[tuple[str, ...], ...] = ()) -> str:
    """The made-up turn: `PROBE_WORDS` words, with a literal the expression needs every 40; one
    it needs with a digit (the gate writes digits as #) once, at the end, after a full stop, so
    that the turn passes the gate and the words before it hold no digit, as a long answer that
    names one number does."""
    literals = [alts[0] for alts in needs if alts and "#" not in alts[0]]
    numbers = [alts[0].replace("#", "1") for alts in needs if alts and "#" in alts[0]]
    out = []
    for i in range(PROBE_WORDS):
        if literals and i % 40 == 20:
            out.append(literals[(i // 40) % len(literals)])
        else:
            out.append(WORDS[(i * 7) % len(WORDS)])
    return " ".join(out) + "".join(f". {n}" for n in numbers)


def slow_regexes(codebook: Codebook) -> list[Problem]:
    """An error for each `regex:` rule that takes longer than the coder allows on the turn."""
    out = []
    for code in codebook.walk():
        for rule in code.rules:
            if rule.kind != "regex" or rule.pattern is None:
                continue
            text = probe_text(regex_needs(rule.pattern_text))
            try:
                for _ in rule.pattern.finditer(text, timeout=REGEX_TIMEOUT):
                    pass
            except TimeoutError:
                out.append(
                    Problem(
                        codebook.path,
                        rule.pattern_line or code.line,
                        code.id,
                        slow_regex(rule.pattern_text),
                    )
                )
    return out
