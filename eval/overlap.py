"""Which codebook lines share a run of six words with a held-out interview (eval/test, eval/learn).

    .venv/bin/python eval/overlap.py

Words are case-folded, punctuation is stripped and the test interviews' tags are removed (lernet's
Markdown reader), as in tests/test_eval_corpus.py: a run is six consecutive words of one paragraph
of an `eval/test/*.md` file, and of a codebook's whole text (a run may cross lines there). For
every codebook in codebooks/*.yaml the script prints the line numbers that take part in a shared
run, each with the code (or protocol question) the line belongs to.

Privacy: the test interviews must never be shown to people who tune rules, so this prints file
names, line numbers, code ids and counts only, never the words. Reword the line's own sentence
(an example keeps its meaning and stays an example) and run it again until it finds nothing.

Exit code 0 when no codebook shares a run, 1 when one does, 2 on a missing folder.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = 6
_WORD_RE = re.compile(r"\w+")
_ITEM_RE = re.compile(r"^(\s*)-\s+(id|number):\s*(\S+)")


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def runs(sequence: list[str]) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + RUN]) for i in range(len(sequence) - RUN + 1)}


def interview_runs(folder: Path) -> set[tuple[str, ...]]:
    """Every six-word run of a paragraph of the interviews in `folder`, tags taken out."""
    from lernet_cli.readers import md

    found: set[tuple[str, ...]] = set()
    for path in sorted(folder.glob("*.md")):
        for paragraph in md.read(path).paragraphs:
            found |= runs(words(paragraph.text))
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def owners(path: Path, lines: list[str]) -> dict[int, str]:
    """Line number (1-based) -> the id of the innermost code or question whose item holds it.

    Codes are named by their full id as lernet reads them (`theme.code`); a file lernet cannot
    read as a codebook (the interview protocol) names items by their `id:` or `question N`.
    """
    full: dict[int, str] = {}
    try:
        from lernet_cli.codebook.codebook import parse_codebook

        book = parse_codebook(path, with_rules=False)
        full = {code.line: code.id for code in book.codes.values()}
    except Exception:  # not a codebook: fall back to the item lines' own text
        full = {}
    found: dict[int, str] = {}
    open_items: list[tuple[int, str]] = []  # (indent of the dash, id)
    for number, line in enumerate(lines, start=1):
        content = line.strip()
        if content and not content.startswith("#"):
            while open_items and _indent(line) <= open_items[-1][0]:
                open_items.pop()
            m = _ITEM_RE.match(line)
            if m:
                name = m.group(3).strip("'\"")
                name = full.get(number, name if m.group(2) == "id" else f"question {name}")
                open_items.append((len(m.group(1)), name))
        found[number] = open_items[-1][1] if open_items else "-"
    return found


@dataclass
class Shared:
    line: int
    code: str
    runs: int


def shared_lines(path: Path, against: set[tuple[str, ...]]) -> list[Shared]:
    """The lines of codebook `path` that take part in a run found in `against`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sequence: list[tuple[str, int]] = [(w, n) for n, ln in enumerate(lines, 1) for w in words(ln)]
    hits: dict[int, int] = {}
    for i in range(len(sequence) - RUN + 1):
        window = sequence[i : i + RUN]
        if tuple(w for w, _ in window) in against:
            for n in sorted({n for _, n in window}):
                hits[n] = hits.get(n, 0) + 1
    who = owners(path, lines)
    return [Shared(n, who[n], k) for n, k in sorted(hits.items())]


def report(books: Iterable[Path], against: set[tuple[str, ...]]) -> list[str]:
    out = []
    for book in books:
        for s in shared_lines(book, against):
            out.append(
                f"{book.relative_to(ROOT) if book.is_relative_to(ROOT) else book}:{s.line}  "
                f"{s.code}  ({s.runs} run{'s' if s.runs != 1 else ''})"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    if argv:
        print(f"usage: {sys.argv[0]} (takes no arguments)", file=sys.stderr)
        return 2
    folder = ROOT / "eval" / "test"
    books = sorted((ROOT / "codebooks").glob("*.yaml"))
    if not folder.is_dir() or not books:
        print("eval/overlap.py: eval/test/ or codebooks/*.yaml is missing", file=sys.stderr)
        return 2
    held_out = interview_runs(folder)
    for study in sorted((ROOT / "eval" / "learn").glob("*/")):
        held_out |= interview_runs(study)
    found = report(books, held_out)
    for row in found:
        print(row)
    print(
        f"{len(found)} codebook line(s) share a six-word run with eval/test/ or eval/learn/"
        if found
        else "no codebook line shares a six-word run with eval/test/ or eval/learn/"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
