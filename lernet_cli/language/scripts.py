"""Names in scripts without capitals (Chinese, Japanese, Korean, Arabic, Hebrew): such a name
shows no capital, so where a name is expected (a speaker label, a header's "Name:" field, a page
header) its letters, not a capital, say it may be one. In speech nothing changes: a word there
is a name only by its capital and its context (`analysis.likely_names`)."""

from __future__ import annotations


def uncased(word: str) -> bool:
    """Whether a word has letters and none of them has a case ("田中", "花子", "سارة", "שרה")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


def written_as_name(word: str) -> bool:
    """Whether a word is written as a name is in its script: with a capital ("Jan", "Ольга",
    "Ελένη") or in a script without capitals ("田中")."""
    return word[:1].isupper() or uncased(word)
