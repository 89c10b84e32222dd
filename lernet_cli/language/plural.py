"""A count with its noun as a reader writes it: "1 mention", "22 mentions", "1 vermelding", "22
vermeldingen", never "mention(s)" or "vermelding(en)" where the number is known."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 deelnemer", "8 deelnemers": `n` and `one` in the singular, else `many`, the plural, by
    default `one` + "s" (English, and Dutch nouns such as "deelnemer")."""
    return f"{n} {one if n == 1 else (many if many is not None else one + 's')}"
