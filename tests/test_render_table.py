"""Tables drawn without rich (plain text, piped) are the same text rich draws."""

from __future__ import annotations

import contextlib
import io
import random

import pytest

from lernet_cli.output import render
from lernet_cli.output.render import print_table


def drawn(columns: list[str], rows: list[list[object]], **options: object) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_table(columns, rows, **options)  # type: ignore[arg-type]
    return buf.getvalue()


def by_rich(columns: list[str], rows: list[list[object]], **options: object) -> str:
    """The same table through rich itself (bold rows no row has: nothing else changes)."""
    return drawn(columns, rows, bold_rows={10**9}, **options)


PIECES = ["a", "bc", "Zürich", "ē", "語", "😀", " ", "-", "12", "3.5", "%", "", "x y", "naïve"]


def test_plain_tables_are_what_rich_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = render._plain_table
    monkeypatch.setattr(
        render,
        "_plain_table",
        lambda *a: calls.append(1) or real(*a),  # type: ignore[func-returns-value]
    )
    rng = random.Random(7)

    def cell() -> object:
        return rng.choice([None, 0, 17, 3.25, "".join(rng.choices(PIECES, k=rng.randint(0, 8)))])

    for _ in range(300):
        n = rng.randint(1, 6)
        columns = ["".join(rng.choices(PIECES, k=rng.randint(1, 4))) for _ in range(n)]
        rows = [[cell() for _ in range(n)] for _ in range(rng.randint(0, 5))]
        first = rng.randint(0, n)
        assert drawn(columns, rows, numeric_from=first) == by_rich(
            columns, rows, numeric_from=first
        )
    assert len(calls) == 300


@pytest.mark.parametrize(
    "rows",
    [
        [["[bold]x[/bold]", 1]],  # markup: rich's
        [[" padded ", 1]],  # space at an end: rich trims it
        [["tab\there", 1]],
        [["x" * 190, 1]],  # wider than the console: rich shrinks it
        [],
    ],
)
def test_what_the_plain_table_leaves_to_rich(rows: list[list[object]]) -> None:
    assert drawn(["name", "n"], rows) == by_rich(["name", "n"], rows)


def test_bracketed_text_is_shown_not_taken_for_markup() -> None:
    rows = [["I work for [organisation] and [naam] knows it", "[bold]x[/bold]"]]
    out = by_rich(["text", "more"], rows)
    assert "[organisation]" in out and "[naam]" in out and "[bold]x[/bold]" in out
    assert drawn(["text", "more"], rows) == out
