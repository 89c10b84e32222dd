"""Apply a codebook's rules to text: one Match per code that a segment carries."""

from __future__ import annotations

from dataclasses import dataclass

from .codebook import Code, Codebook
from .errors import CodebookError
from .model import Match
from .rules import RegexTimeout, find_direction
from .text import Doc, make_doc


def code_doc(codebook: Codebook, doc: Doc) -> list[Match]:
    """Every code whose rules match the doc, with the first evidence span and the direction."""
    out = []
    for code in codebook.rule_codes():
        match = _match_code(codebook, code, doc)
        if match is not None:
            out.append(match)
    return out


def code_text(codebook: Codebook, text: str) -> list[Match]:
    return code_doc(codebook, make_doc(text))


def _match_code(codebook: Codebook, code: Code, doc: Doc) -> Match | None:
    first: Match | None = None
    directions: set[str] = set()
    for rule in code.rules:
        try:
            spans = list(rule.find(doc))
        except RegexTimeout as exc:
            raise CodebookError(
                f"[{code.id}] regular expression {exc.pattern!r} takes too long "
                "(catastrophic backtracking?); simplify it",
                codebook.path,
                code.line,
            ) from None
        for start, end in spans:
            direction = None
            if code.directional:
                direction = find_direction(doc, start, end, code.directions)
                if direction is None:
                    continue
                directions.add(direction)
            if first is None:
                first = Match(code.id, start, end, rule.name, direction)
    if first is not None and code.directional:
        first.direction = (
            "both"
            if "both" in directions or {"bring", "take"} <= directions
            else next(iter(directions))
        )
    return first


@dataclass
class ExampleFailure:
    code: str
    kind: str  # "example" | "counterexample"
    text: str

    def __str__(self) -> str:
        what = "not coded" if self.kind == "example" else "wrongly coded"
        return f"[{self.code}] {self.kind} {what}: {self.text}"


def run_examples(codebook: Codebook) -> tuple[int, list[ExampleFailure]]:
    """Run every code's examples and counterexamples; return (number run, failures)."""
    failures = []
    count = 0
    for code in codebook.walk():
        for text in code.examples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id not in ids:
                failures.append(ExampleFailure(code.id, "example", text))
        for text in code.counterexamples:
            count += 1
            ids = _ids_with_ancestors(codebook, code_text(codebook, text))
            if code.id in ids:
                failures.append(ExampleFailure(code.id, "counterexample", text))
    return count, failures


def _ids_with_ancestors(codebook: Codebook, matches: list[Match]) -> set[str]:
    """A code's match also counts for its parents: a theme's example may be any of its codes."""
    ids = set()
    for m in matches:
        code: Code | None = codebook.codes.get(m.code)
        while code is not None:
            ids.add(code.id)
            code = codebook.codes.get(code.parent) if code.parent else None
    return ids
