"""An agreement table and its list of disagreements as a person reads them (`lernet agree`, of
two coders or more): on the screen, or in Markdown to paste into a methods section."""

from __future__ import annotations

from typing import Any

from .render import Figure, print_table, to_md_table, write


def interval_text(ci: tuple[float, float] | None, lang: str = "en") -> str:
    """Alpha's confidence interval as a person reads it: 0.612–0.781 (Dutch 0,612–0,781); empty
    where there is none (alpha undefined)."""
    if ci is None:
        return ""
    text = f"{ci[0]:.3f}–{ci[1]:.3f}"
    return Figure(text.replace(".", ",") if lang == "nl" else text)


def interval_columns(fmt: str, resamples: int) -> list[str]:
    """The interval's columns: two in CSV always (empty without an interval, so that the files
    of several runs stack), one in a table or Markdown, none there with `--resamples 0`."""
    if fmt == "csv":
        return ["alpha_ci_low", "alpha_ci_high"]
    return ["alpha 95% CI"] if resamples else []


def interval_csv(ci: tuple[float, float] | None) -> list[Any]:
    """Alpha's confidence interval as two CSV cells (low, high), empty where there is none."""
    return ["", ""] if ci is None else [round(ci[0], 4), round(ci[1], 4)]


def agree_table(
    title: str, columns: list[str], rows: list[list[Any]], fmt: str, notes: list[str]
) -> None:
    """An agreement table for a person (`lernet agree`, of two coders or more): the line that
    says who, which units and how many above it, the last row (the overall) bold, and the notes
    that say what an undefined figure or one on too few units means under it; in Markdown, to
    paste into a methods section, the overall in bold and the notes as paragraphs."""
    if fmt == "md":
        last = ["**" + str(v) + "**" if str(v) else "" for v in rows[-1]]
        write(
            "\n\n".join([title, to_md_table(columns, [*rows[:-1], last]).rstrip(), *notes]) + "\n"
        )
        return
    write(title + "\n")
    print_table(columns, rows, numeric_from=1, bold_rows={len(rows) - 1})
    for note in notes:
        write(note + "\n")


def agree_list(lines: list[str], fmt: str) -> None:
    """`--show-disagreements`' lines under the table; in Markdown a list of its own, so that
    pasted they are not run together into one paragraph."""
    if fmt == "md" and lines:
        write("\n" + "".join(f"- {line}\n" for line in lines))
    else:
        write("".join(f"{line}\n" for line in lines))
