"""How a count of interviewees is written: the notation follows the project's language."""

from __future__ import annotations


def times(n: int, lang: str = "nl") -> str:
    """Dutch reports write "5x" for five interviewees, as the research report this tool comes
    from does; to an English reader "5x" says five mentions, so English writes "n=5"."""
    return f"{n}x" if lang == "nl" else f"n={n}"
