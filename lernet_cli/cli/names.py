"""`lernet names`: words that look like names and are not hidden; and the notes after an
anonymized output that point to it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ..analysis.hidden_contacts import HiddenContacts
    from ..analysis.uncased import Uncased
from .common import (
    DelimiterOpt,
    ForceOutputOpt,
    FormatOpt,
    OutputOpt,
    ProjectOpt,
    _delimiter,
    _err,
    _open,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)
from .notes import _say_if_empty


def _note_quoted(project: Any, codebook: Any, quoted: list[tuple[str, str]], where: str) -> None:
    """`note_unhidden` for anonymized quotes, (file, text) each: likely names left in them."""
    from ..analysis.hidden_contacts import HiddenContacts
    from ..analysis.likely_names import NameFinder
    from ..analysis.name_sources import codebook_words
    from ..analysis.uncased import uncased_text

    found = NameFinder(project.language, codebook_words(codebook)).find(quoted)
    # a quote's redaction mark stands for a name, written with its capital
    uncased = uncased_text(quoted, project.placeholders.values())
    marks = project.placeholders
    kinds = [marks[k] for k in ("phone", "address", "bsn", "iban")]
    contacts = HiddenContacts(
        phones=sum(text.count(marks["phone"]) for _, text in quoted),
        addresses=sum(text.count(marks["address"]) for _, text in quoted),
        transcripts={f for f, text in quoted if any(k in text for k in kinds)},
        bsns=sum(text.count(marks["bsn"]) for _, text in quoted),
        ibans=sum(text.count(marks["iban"]) for _, text in quoted),
    )
    note_unhidden(len(found), where, project.language, uncased, "quote", contacts)


def note_unhidden(
    n: int,
    where: str,
    language: str,
    uncased: Uncased | None = None,
    unit: str = "turn",
    contacts: HiddenContacts | None = None,
) -> None:
    """The lines after an anonymized report or export that holds likely names, or text written
    without capitals, where names cannot be found by their capital; and how many phone numbers
    and street addresses it hid, found by their form."""
    if contacts:
        _err(f"lernet: note: hidden as phone numbers and addresses {where}: {contacts.summary()}")
    if n:
        _err(
            f"lernet: note: {n} "
            + ("word that looks like a name is" if n == 1 else "words that look like names are")
            + f" not hidden {where}: lernet names"
        )
    if uncased is not None and uncased.turns:
        _err("lernet: note: " + uncased_note(uncased, language, unit))


SHOWN_FILES = 3
"""Transcripts named in the note on text without capitals; the rest are counted."""


SAID_BEFORE_NAMES = {
    "nl": "'ik ben', 'mijn naam is', 'dank je'",
    "en": "'I'm', 'my name is', 'thanks'",
}
"""Words a name follows in speech, as the note on text without capitals names them (the words
likely_names.SAID_BEFORE finds names after), in the project's language."""


def uncased_note(uncased: Uncased, language: str, unit: str = "turn") -> str:
    """What the researcher must know of text written without capitals (speech recognition)."""
    files = uncased.files()
    shown = ", ".join(files[:SHOWN_FILES])
    if len(files) > SHOWN_FILES:
        shown += f" and {len(files) - SHOWN_FILES} more"
    n = uncased.turns
    return (
        f"{n} {unit}{'' if n == 1 else 's'} in {len(files)} "
        + ("transcript" if len(files) == 1 else "transcripts")
        + f" ({shown}) {'is' if n == 1 else 'are'} written without capitals, as speech "
        "recognition writes: names there cannot be found by their capital, only after "
        f"{SAID_BEFORE_NAMES.get(language, SAID_BEFORE_NAMES['en'])} and the like; read them "
        "for names and list those under redact: in the participants file"
    )


UNFOUND_STREETS = {
    "nl": "a street said without a capital inside a sentence, a house number after it or "
    "'in de', 'aan de', 'op de' before it is hidden only where listed under redact: names",
    "en": "a street said without a house number and without Street, Road, Lane, Avenue or "
    "Drive after it is hidden only where listed under redact: names",
}
"""What the note on hidden addresses says a street needs to be found, in the project's
language's examples (the Dutch streets' prepositions mean nothing to an English study)."""


@handle_errors
def names(
    fmt: FormatOpt = "table",
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Only the first N (most transcripts first).", show_default=False),
    ] = None,
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Words that look like names of people, organisations or places and are not hidden, in
    what was said (participants and interviewers), comments' notes, participant variables,
    file names and the codebook's examples, which exports carry: capitalised and no ordinary
    word nor codebook word (at a sentence's start: no dictionary's word), or capitalised after a
    title (dokter, Mrs), or a first name that is also a word where the words around say a person
    (ik belde Roos, Mark zei, met Bas en Fleur, Will said), or a common first name before a verb
    or a surname (Koen gaat weg, Jack helped us, Mark Bakker belde); it only suggests, and
    outputs hide only what is listed. To hide one, list it in the
    participants file (redact: names or organisations). Also says how many phone numbers and
    street addresses anonymized outputs hide by their form, naming the streets."""
    from ..analysis.name_sources import names_and_contacts, uncased_turns

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, codebook, participants = _open(project_dir)
    with store:
        found, contacts = names_and_contacts(project, store, codebook, participants, examples=True)
        uncased = uncased_turns(store)
        _say_if_empty(store, project)
    total = len(found)
    _names_table(
        found, total, limit, fmt, output, delimiter, project.csv_style, participants.redact_hint()
    )
    if contacts:
        _err(
            "lernet: note: anonymized outputs hide, found by their form: "
            + contacts.summary()
            + "; "
            + UNFOUND_STREETS.get(project.language, UNFOUND_STREETS["en"])
        )
    if uncased.turns:
        _err("lernet: note: " + uncased_note(uncased, project.language))


def _names_table(
    found: list[Any],
    total: int,
    limit: int | None,
    fmt: str,
    output: Path | None,
    delimiter: str,
    csv_style: str,
    hint: str,
) -> None:
    """`hint`: where a name to hide goes in this project's participants file."""
    from ..output.render import print_table, to_json, to_md_table, write

    if limit is not None:
        found = found[:limit]
    records = [n.to_json() for n in found]
    columns = ["name", "count", "transcripts", "example"]
    rows = [[r[c] for c in columns] for r in records]
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json(records))
            return
        if fmt == "csv":
            _write_csv(columns, rows, _delimiter(delimiter, fmt, csv_style))
            return
        if not found:
            _err(
                "lernet: no words that look like names are left unhidden in what was said, "
                "comments' notes, participant variables, file names or codebook examples"
            )
            return
        if fmt == "md":
            write(to_md_table(columns, rows))
        else:
            print_table(columns, rows, numeric_from=1, numeric_to=3)
    shown = f" (the first {len(found)} shown)" if len(found) < total else ""
    _err(
        f"lernet: {total} "
        + ("word that looks like a name" if total == 1 else "words that look like names")
        + f"{shown}; to hide one, {hint}"
    )
