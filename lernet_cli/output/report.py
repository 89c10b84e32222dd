"""The analytic part of the research report, as Word or Markdown: the researcher edits prose,
not numbers.

`build_report` gathers everything into plain data; `write_docx` and `write_markdown` only lay it
out, with real Word styles (headings, Quote, a table style) so the document can be restyled. The
method section (output/method.py) opens it; tables are laid out by output/tables.py.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.matrix import (
    Cell,
    Matrix,
    above_note,
    cell_text,
    counts_legend,
    interest_matrix,
    left_out_mentions,
    left_out_note,
    not_interviewed_note,
    unknown_note,
)
from ..analysis.people import (
    FOLDER,
    by_name,
    folder_names,
    folder_order,
    interviewees,
    make_redactor,
    value_columns,
)
from ..analysis.phases import PhaseResult, phase_distribution, phase_sentence
from ..analysis.quotes import (
    collect_quotes,
    format_quote,
    interview_names,
    quote_parts,
    spread,
)
from ..analysis.scope import FileScope
from ..analysis.tally import Tally, finding_key, tally, tree_sorted
from ..codebook.codebook import Codebook
from ..language.tidy import tidy_quotes
from ..project.participants import UNGROUPED, Participants
from ..project.project import Project
from ..readers.own_output import markdown_mark
from ..store.store import Store
from .chart_cache import cached_chart
from .files import check_new, mark_docx, output_folder, write_output
from .method import (
    MethodSection,
    TableBlock,
    build_method,
    group_interviews,
    group_name,
    per_group,
    unreviewed,
)
from .method import (
    counted as counted_noun,
)
from .tables import NBSP, add_table, keep_with_next, md_table
from .word import new_document, proof_run

TEXT = {
    "nl": {
        "title": "Resultaten",
        "participants": "Deelnemers",
        "interviews": "Er {verb} {what} gehouden met {m}{groups}.",
        "one": "is",
        "many": "zijn",
        "and": "en",
        "no_interviews": "Dit project bevat nog geen interviews: er is niets geteld.",
        "people_count": " Een getal als (5x) telt deelnemers, niet interviews of keren: wie in "
        "meer dan één interview iets zegt, telt één keer.",
        "group": "Groep",
        "count": "Deelnemers",
        "findings": "Bevindingen",
        "quotes": "Citaten",
        "chart": "Deelnemers per code, naar groep",
        "chart_plain": "Deelnemers per code",
        "chart_by": "Deelnemers per code, naar {by}",
        "figure": "Figuur",
        "table": "Tabel",
        "bar_chart": "Staafdiagram",
        "matrix": "Belangenbalans",
        "matrix_heading": "{label} per {by}",
        "matrix_caption": "Tabel: wat elke groep brengt en haalt.",
        "matrix_caption_by": "Tabel: wat deelnemers brengen en halen, per {by}.",
        "phases": "Ontwikkelingsfase",
        "phase": "Fase",
        "none": "Geen deelnemer is met dit thema gecodeerd.",
        "code": "Code",
        "unreviewed": "waarvan {n} niet beoordeeld",
        "legend": (
            "Bij een telling staat „waarvan N niet beoordeeld” als N van de getelde deelnemers "
            "alleen meetellen door automatische coderingen (regels, protocol) die nog niemand "
            "heeft beoordeeld."
        ),
        "matrix_legend": (
            "* De cel berust (deels) op automatische coderingen die nog niemand heeft beoordeeld."
        ),
        "tidied": (
            "De citaten zijn licht bewerkt: stopwoorden („eh”, „ehm”, „uh”, een „weet je” tussen "
            "komma's) en direct herhaalde woorden („de de”) zijn weggelaten, in {k} van de {n} "
            "citaten; verder zijn ze letterlijk (lernet report --tidy)."
        ),
        "not_anonymized": (
            "NIET GEANONIMISEERD: dit rapport toont namen, telefoonnummers, adressen en de namen "
            "van codeurs zoals ze zijn (lernet report --no-anonymize). Deel het niet buiten het "
            "onderzoeksteam."
        ),
    },
    "en": {
        "title": "Results",
        "participants": "Participants",
        "interviews": "{what} {verb} held with {m}{groups}.",
        "one": "was",
        "many": "were",
        "and": "and",
        "no_interviews": "This project holds no interviews yet: nothing was counted.",
        "people_count": " A count such as (n=5) counts participants, not interviews or "
        "mentions: someone who says it in more than one interview counts once.",
        "group": "Group",
        "count": "Participants",
        "findings": "Findings",
        "quotes": "Quotes",
        "chart": "Participants per code, by group",
        "chart_plain": "Participants per code",
        "chart_by": "Participants per code, by {by}",
        "figure": "Figure",
        "table": "Table",
        "bar_chart": "Bar chart",
        "matrix": "Interest balance",
        "matrix_heading": "{label} by {by}",
        "matrix_caption": "Table: what each group brings and takes.",
        "matrix_caption_by": "Table: what participants bring and take, by {by}.",
        "phases": "Development phase",
        "phase": "Phase",
        "none": "No participant was coded with this theme.",
        "code": "Code",
        "unreviewed": "{n} unreviewed",
        "legend": (
            "A count reads “N unreviewed” when N of the participants counted are counted only "
            "through automatic codings (rules, protocol) that nobody has reviewed yet."
        ),
        "matrix_legend": "* The cell rests (partly) on automatic codings nobody has reviewed yet.",
        "tidied": (
            "The quotes are lightly edited: fillers (“um”, “uh”, “erm”, a “you know” between "
            "commas) and words said twice in a row (“the the”) are left out, in {k} of the {n} "
            "quotes; otherwise they are verbatim (lernet report --tidy)."
        ),
        "not_anonymized": (
            "NOT ANONYMIZED: this report shows names, phone numbers, addresses and coders' names "
            "as they are (lernet report --no-anonymize). Do not share it outside the research "
            "team."
        ),
    },
}


def _held(store: Store, transcripts: list[Any], lang: str) -> str:
    """ "33 interviews", or "32 interviews and 1 group interview (focus group)", as the method
    section counts them."""
    together = group_interviews(store, transcripts)
    single = len(transcripts) - together
    if together == 0 or single == 0:
        return counted_noun(len(transcripts), "group" if together else "interview", lang)
    and_ = TEXT[lang]["and"]
    return (
        f"{counted_noun(single, 'interview', lang)} {and_} {counted_noun(together, 'group', lang)}"
    )


@dataclass
class Finding:
    code: str
    label: str
    participants: int
    groups: dict[str, int]
    quotes: list[str] = field(default_factory=list)
    unreviewed: int = 0
    """Participants counted only through codings nobody reviewed (with --mark-unreviewed)."""
    quote_runs: list[list[tuple[str, str | None]]] = field(default_factory=list)
    """Each quote in pieces for Word: (text, language): the participant's words in their
    interview's language, the attribution None (the project's)."""
    depth: int = 1
    """1: a theme's code; 2: a sub-code, listed under its code (as `tally --format md`)."""
    phase: int | None = None


@dataclass
class ThemeSection:
    id: str
    label: str
    participants: int
    findings: list[Finding]
    chart_png: bytes | None = None
    unreviewed: int = 0
    chart_title: str = ""
    """What the chart shows ("Deelnemers per code, naar groep"), for its caption and alt text."""


@dataclass
class Report:
    lang: str
    title: str
    overview: str
    groups: list[tuple[str, int]]
    themes: list[ThemeSection]
    matrix: Matrix | None
    phases: PhaseResult | None
    phase_text: str
    method: MethodSection | None = None
    marked: bool = False
    """Counts resting on unreviewed codings are marked (--mark-unreviewed) and some are."""
    matrix_marks: set[tuple[str, str]] = field(default_factory=set)
    """(code, group) cells of the matrix that change without the unreviewed codings."""
    phase_unreviewed: dict[str, int] = field(default_factory=dict)
    quoted: list[tuple[str, str]] = field(default_factory=list)
    """(file, text as shown) of each quote in the report."""
    by: str | None = None
    """What the tables are broken down by (`--by`): "group", a participant variable, or None:
    by group, with the phases' table as one column (the report without --by)."""
    by_counts: list[tuple[str, int]] = field(default_factory=list)
    """With a variable `by`: participants per value, for the participants' table."""
    anonymized: bool = True
    """False with --no-anonymize: the file says so on its first line (and Word on every page)."""
    tidied: tuple[int, int] | None = None
    """With --tidy: (quotes edited, quotes shown); the method section says so."""
    selected: bool = False
    """The transcripts counted are a selection (--file): a group without a column may have
    interviewees outside it (`not_interviewed_note`)."""
    grouped: bool = True
    """False where no participant counted has a group: the report then reads as a study without
    groups (no participants' table, no counts per group beside the findings, charts without a
    legend) instead of showing one "ungrouped" everywhere."""


def tidy_sentence(k: int, n: int, lang: str) -> str:
    """The method section's line on quotes tidied with --tidy: `k` of the `n` shown changed."""
    return TEXT[lang]["tidied"].format(k=k, n=n)


def count_text(n: int, unreviewed: int, lang: str, cell: bool = False) -> str:
    """`5x`, or with participants counted only through unreviewed codings
    `5x, waarvan 2 niet beoordeeld` (in a table cell `5x (waarvan 2 niet beoordeeld)`)."""
    from ..analysis.counts import times

    if not unreviewed:
        return times(n, lang)
    note = TEXT[lang]["unreviewed"].format(n=unreviewed)
    return f"{times(n, lang)} ({note})" if cell else f"{times(n, lang)}, {note}"


def build_report(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    quotes_per_code: int = 3,
    anonymize: bool = True,
    charts: bool = True,
    selection: dict[str, Any] | None = None,
    method: bool = True,
    mark_unreviewed: bool = False,
    scope: FileScope | None = None,
    by: str | None = None,
    tidy: bool = False,
) -> Report:
    """Everything the report says, from the codings `selection` picks (see `Store.coding_rows`).

    `method`: open with the method section. `mark_unreviewed`: say which counts would be lower
    without the automatic codings nobody has reviewed yet. `scope`: only these transcripts
    (`--file`): the interviews, participants and codings counted are theirs, and the method
    section says so (`selection` must keep their codings alone too). `by`: break the tables
    down by "group" or a participant variable (`--by`): the participants' table, the findings'
    counts and charts, the matrix's columns and a column per group or value in the phases'
    table; the overview and the method section still speak of groups. `tidy`: fillers and
    words said twice left out of the quotes (`--tidy`; language/tidy.py), and the method
    section (or, without one, the results' opening) says so.
    """
    lang = project.language
    t = TEXT[lang]
    selected = store.coding_rows(**(selection or {}))
    # codings under codes the codebook lacks (renamed or removed since) count nowhere; the
    # method section says how many
    rows = [r for r in selected if r.code in codebook.codes]
    known = store.groups_of(scope.ids if scope is not None else None)
    transcripts = [tr for tr in store.transcripts() if scope is None or tr.id in scope.ids]
    people = sorted(known)
    # a person counts in each group stored with their transcripts (one whose group changed
    # between waves in both), as `tally --by group` counts them
    group_of: dict[str, set[str]] = {}
    for pid, groups in known.items():
        entry = participants.people.get(pid)
        group_of[pid] = {
            participants.canonical_group(g or (entry.group if entry else None) or UNGROUPED)
            for g in groups
        }
    groups_present = sorted(set().union(*group_of.values()))
    order = participants.group_order(groups_present)
    group_counts = [(g, sum(1 for p in people if g in group_of[p])) for g in order]
    shared = sum(1 for p in people if len(group_of[p]) > 1)
    grouped = order != [UNGROUPED]
    overview = (
        t["interviews"].format(
            verb=t["one"] if len(transcripts) == 1 else t["many"],
            what=_held(store, transcripts, lang),
            m=counted_noun(len(people), "participant", lang),
            groups=f" ({per_group(group_counts, lang, shared)})" if grouped else "",
        )
        if transcripts
        else t["no_interviews"]
    )
    interviews = store.interviews_of()
    if any(
        sum(1 for tid, _ in interviews.get(p, []) if scope is None or tid in scope.ids) > 1
        for p in people
    ):  # someone interviewed twice (waves): (5x) is not the number of interviews
        overview += t["people_count"]
    column_by = by or "group"
    # by group in a study without groups: the findings and charts have no breakdown
    broken_down = grouped or column_by != "group"
    redactor = make_redactor(participants, store, project) if anonymize else None
    by_counts: list[tuple[str, int]] = []
    folders = None
    if column_by == FOLDER and participants.variable(FOLDER) is None:
        folders = folder_names([tr.path for tr in store.transcripts()], lang, redactor)
        # a person interviewed in two folders counts in each
        held = store.interviews_of()
        in_folder: dict[str, set[str]] = {}
        for pid in people:
            for tid, path in held.get(pid, []):
                if scope is None or tid in scope.ids:
                    in_folder.setdefault(folders[path], set()).add(pid)
        by_counts = [(v, len(in_folder[v])) for v in folder_order(in_folder, lang)]
    elif column_by != "group":
        value_of, values = value_columns(
            set(people), participants, column_by, lang, redactor=redactor
        )
        by_counts = [(v, sum(1 for p in people if value_of[p] == v)) for v in values]
    # every group interviewed is a column of the charts, the matrix and the phases, as the
    # participants' table counts them, whatever was coded
    interviewed = interviewees(store, scope.ids if scope is not None else None)
    counted: Tally = tally(
        codebook, rows, participants, None, lang, column_by, folders, redactor, interviewed
    )
    sure_rows = [r for r in rows if not unreviewed(r)] if mark_unreviewed else rows
    sure_tally = (
        tally(
            codebook, sure_rows, participants, None, lang, column_by, folders, redactor, interviewed
        )
        if mark_unreviewed
        else counted
    )
    sure = {r.id: r.participants for r in sure_tally.rows}
    quotes = spread(
        collect_quotes(
            codebook,
            rows,
            participants,
            redactor,
            interviews=interview_names(store, redactor, lang),
            lang=lang,
        )
    )
    edited = tidy_quotes(quotes) if tidy else set()
    by_code: dict[str, list[str]] = {}
    runs_by_code: dict[str, list[list[tuple[str, str | None]]]] = {}
    quoted: list[tuple[str, str]] = []
    chosen = []
    for q in quotes:
        bucket = by_code.setdefault(q.code, [])
        if len(bucket) < quotes_per_code:
            bucket.append(format_quote(q, project.quote_attribution))
            quoted.append((q.file, q.text))
            chosen.append(q)
    tidied = (sum(1 for q in chosen if id(q) in edited), len(chosen)) if tidy else None
    spoken = _interview_languages(store, rows, {q.file for q in chosen}, redactor, lang)
    for q in chosen:
        runs_by_code.setdefault(q.code, []).append(
            [
                (text, spoken.get(q.file, lang) if words else None)
                for text, words in quote_parts(q, project.quote_attribution)
            ]
        )
    sure_own = {r.id: r.own for r in sure_tally.rows}
    themes: list[ThemeSection] = []
    for row in counted.rows:
        if row.is_theme:
            themes.append(
                ThemeSection(
                    row.id,
                    row.label,
                    row.participants,
                    [],
                    unreviewed=row.participants - sure[row.id],
                )
            )
            if row.own:
                # coded as a whole (a theme without codes, a comment naming it): its own
                # finding, with its groups and quotes, among those of its codes
                themes[-1].findings.append(
                    Finding(
                        row.id,
                        row.label,
                        row.own,
                        {g: n for g, n in row.own_by_group.items() if n} if broken_down else {},
                        by_code.get(row.id, []),
                        unreviewed=row.own - sure_own[row.id],
                        quote_runs=runs_by_code.get(row.id, []),
                    )
                )
            continue
        if row.participants == 0:
            continue
        themes[-1].findings.append(
            Finding(
                row.id,
                row.label,
                row.participants,
                {g: n for g, n in row.by_group.items() if n} if broken_down else {},
                by_code.get(row.id, []),
                unreviewed=row.participants - sure[row.id],
                quote_runs=runs_by_code.get(row.id, []),
                depth=row.depth,
                phase=row.phase,
            )
        )
    chart_title = (
        (t["chart"] if grouped else t["chart_plain"])
        if column_by == "group"
        else t["chart_by"].format(by=by_name(column_by, lang))
    )
    chart_groups = counted.groups if broken_down else []
    for section in themes:
        section.findings = tree_sorted(
            section.findings, lambda f: f.depth, lambda f: finding_key(f.phase, f.participants)
        )
        if charts and section.findings:
            # kept only as anonymized: a chart --no-anonymize draws may show names (folders)
            kept_in = project.cache_dir if anonymize else None
            section.chart_png = theme_chart(section, chart_groups, chart_title, lang, kept_in)
            section.chart_title = chart_title
    # The matrix and the phases are what the codebook declares (analysis: matrix, phase: N);
    # a codebook without them gets no such section.
    matrix = None
    matrix_marks: set[tuple[str, str]] = set()
    if codebook.matrix is not None:
        below = set(codebook.descendants(codebook.matrix))

        def matrix_of(chosen: list[Any]) -> Any:
            """The matrix of these codings, its columns those of all the report counts."""
            return interest_matrix(
                codebook,
                [r for r in chosen if r.code in below],
                participants,
                codebook.matrix,
                lang,
                column_by,
                folders,
                redactor,
                everyone=rows,
                interviewed=interviewed,
            )

        matrix = matrix_of(rows)
        matrix.left_out = left_out_mentions(
            codebook,
            store,
            codebook.matrix,
            scope.ids if scope is not None else None,
            lang,
            project.cache_dir,
        )
        if mark_unreviewed:
            without = matrix_of(sure_rows)
            for mrow, wrow in zip(matrix.rows, without.rows, strict=True):
                for g in matrix.groups:
                    # an empty cell rests on nothing; a column the reviewed codings lack is empty
                    if mrow.cells[g].participants and mrow.cells[g] != wrow.cells.get(g, Cell()):
                        matrix_marks.add((mrow.id, g))
    phases = None
    phase_text = ""
    phase_unreviewed: dict[str, int] = {}
    if codebook.phases:
        phases = phase_distribution(
            codebook,
            rows,
            participants,
            len(people),
            lang,
            column_by,
            folders,
            redactor,
            interviewed,
        )
        phase_text = phase_sentence(phases, lang)
        if mark_unreviewed:
            without_p = phase_distribution(
                codebook,
                sure_rows,
                participants,
                len(people),
                lang,
                column_by,
                folders,
                redactor,
                interviewed,
            )
            phase_unreviewed = {
                a.id: a.participants - b.participants
                for a, b in zip(phases.rows, without_p.rows, strict=True)
            }
    method_section = (
        build_method(
            lang,
            store,
            codebook,
            selected,
            group_counts if grouped else [],
            selection,
            scope,
            redactor,
            project.cache_dir,
            shared,
        )
        if method
        else None
    )
    marked = mark_unreviewed and (
        any(s.unreviewed for s in themes) or bool(matrix_marks) or any(phase_unreviewed.values())
    )
    if tidied is not None and method_section is not None:
        method_section.blocks.append(tidy_sentence(*tidied, lang))
    return Report(
        lang,
        t["title"],
        overview,
        group_counts,
        themes,
        matrix,
        phases,
        phase_text,
        method_section,
        marked,
        matrix_marks,
        phase_unreviewed,
        quoted,
        by,
        by_counts,
        anonymize,
        tidied,
        any((selection or {}).values()),
        grouped,
    )


def _interview_languages(
    store: Store, rows: list[Any], files: set[str], redactor: Any, default: str
) -> dict[str, str]:
    """The language each quoted interview is in (its participants' words), by the file name its
    quotes show (redacted when the report is anonymized); Dutch that reads as Flemish is
    "nl-BE"."""
    from ..language.detect import detect_language, flemish

    shown: dict[int, str] = {}
    for r in rows:
        if r.transcript_id not in shown:
            shown[r.transcript_id] = redactor.file(r.path) if redactor else r.path
    wanted = [tid for tid, name in shown.items() if name in files]
    turns = store.participant_turns(wanted)
    out = {}
    for tid in wanted:
        said = [text for _, text in turns.get(tid, [])]
        language = detect_language(said, default).language
        out[shown[tid]] = "nl-BE" if language == "nl" and flemish(said) else language
    return out


def finding_line(f: Finding, lang: str) -> str:
    """ "Elkaar nog niet goed kennen (5x) – adviesbureau: 2, bedrijf: 3"; group names are not
    inflected. With --mark-unreviewed the count says how many rest on unreviewed codings.
    Without groups (a study without them) the count alone."""
    count = count_text(f.participants, f.unreviewed, lang)
    if not f.groups:
        return f"{f.label} ({count})"
    return f"{f.label} ({count}) – {per_group(f.groups.items(), lang)}"


def chart_label(f: Finding) -> str:
    """A bar's label: a sub-code's dash says it is part of the code above it (whose bar counts
    its people too)."""
    return "– " * (f.depth - 1) + f.label


def chart_caption(section: ThemeSection, lang: str) -> str:
    """What a theme's chart shows, for the line under it: "Vertrouwen: deelnemers per code,
    naar groep" (the number, "Figuur 1.", goes before it)."""
    return theme_titled(section.label, section.chart_title)


def theme_titled(label: str, title: str) -> str:
    """ "Vertrouwen: deelnemers per code, naar groep": the chart's title after its theme's
    label, in lower case after the colon as Dutch and British English write it (the caption
    and the title drawn in the chart alike)."""
    return f"{label}: {title[:1].lower()}{title[1:]}"


def chart_alt(section: ThemeSection, lang: str) -> str:
    """A chart's alt text, for a reader who cannot see it: what it shows and its numbers, in
    the project's language ("Staafdiagram, Vertrouwen: deelnemers per code, naar groep. Elkaar
    nog niet goed kennen: 5 (melkveehouder 3, adviseur 2)."). `group_name` as the legend."""
    bars = "; ".join(
        f"{chart_label(f)}: {f.participants}"
        + (
            " (" + ", ".join(f"{group_name(g, lang)} {n}" for g, n in f.groups.items() if n) + ")"
            if f.groups
            else ""
        )
        for f in section.findings
    )
    return f"{TEXT[lang]['bar_chart']}, {chart_caption(section, lang)}. {bars}."


def _word_caption(doc: Any, text: str, number: int, lang: str, kind: str = "figure") -> Any:
    """A Word caption (a figure's under it, a table's above it): style Caption, "Figuur " or
    "Tabel " and a SEQ field numbering it (so Word's lists of figures and tables and
    cross-references find it), then the text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = TEXT[lang][kind]
    paragraph = doc.add_paragraph(style="Caption")
    paragraph.add_run(f"{word} ")

    def field_char(kind: str) -> Any:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        return run

    field_char("begin")
    code = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" SEQ {word} \\* ARABIC "
    code._r.append(instr)
    field_char("separate")
    paragraph.add_run(str(number))
    field_char("end")
    paragraph.add_run(f". {text}")
    return paragraph


def theme_chart(
    section: ThemeSection, groups: list[str], title: str, lang: str, cache: Path | None = None
) -> bytes:
    """A horizontal bar per code, stacked by group: who stands behind each finding; without
    `groups` one bar of its participants. `cache`: the project's cache folder, where a chart
    drawn before is kept (`chart_cache`)."""

    def draw() -> bytes:
        import matplotlib.pyplot as plt

        fig = chart_figure(section, groups, title, lang)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        plt.close(fig)
        return buf.getvalue()

    findings = list(reversed(section.findings))
    shown: dict[str, Any] = {
        "title": theme_titled(section.label, title),
        "bars": [chart_label(f) for f in findings],
        "groups": [[group_name(g, lang), [f.groups.get(g, 0) for f in findings]] for g in groups],
    }
    if not groups:
        shown["participants"] = [f.participants for f in findings]
    return cached_chart(cache, shown, draw)


PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
"""The groups' colours (Okabe-Ito: distinguishable for colour-blind readers)."""
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "+++", "ooo"]
"""A pattern per group besides its colour, as in the legend: a chart printed in grey, or read by
someone who cannot tell the colours apart, still says which part of a bar is which group (a
chart does not rely on colour alone, WCAG 1.4.1). One list as long as `PALETTE`, so the eighth
group repeats the first's colour and pattern alike."""


def chart_figure(section: ThemeSection, groups: list[str], title: str, lang: str) -> Any:
    """`theme_chart`'s figure (matplotlib), for a test to measure. The legend stands right of
    the plot, outside it, so it never covers a bar, however long the bars are. Without `groups`
    a bar per code of its participants and no legend (one entry would name no group)."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [chart_label(f) for f in reversed(section.findings)]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(labels) + 1.4), dpi=120, layout="constrained")
    left = [0] * len(labels)
    if not groups:
        values = [f.participants for f in reversed(section.findings)]
        ax.barh(labels, values, color=PALETTE[0], linewidth=0)
    for i, group in enumerate(groups):
        values = [f.groups.get(group, 0) for f in reversed(section.findings)]
        if not any(values):
            continue
        ax.barh(
            labels,
            values,
            left=left,
            color=PALETTE[i % len(PALETTE)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="white",  # the hatch's lines; the bars touch without a visible edge
            linewidth=0,
            label=group_name(group, lang),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(theme_titled(section.label, title), fontsize=10, loc="left")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    if groups:
        fig.legend(fontsize=7, loc="outside right upper", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def matrix_rows(
    matrix: Matrix,
    codebook: Codebook,
    lang: str,
    marks: set[tuple[str, str]] | None = None,
    mark: str = " *",
    counts: bool = False,
    indent: str = "",
) -> list[list[str]]:
    """Rows for a table: a parent heading row, then its codes, as in the report's Tabel 1;
    codes right below the matrix's theme have no heading. A code under a heading gets `indent`
    before its label (Word indents its cell instead: `sub_rows`), never a "- " a reader takes
    for a stray list mark. A cell in `marks` gets `mark` after its text; with `counts` a cell
    says how many participants ("Brengen (3x)"), as `lernet matrix --counts` does in every
    format."""
    marks = marks or set()
    out: list[list[str]] = []
    for r, heading in _matrix_layout(matrix, codebook):
        if heading is not None:
            out.append([codebook.codes[heading].label(lang), *[""] * len(matrix.groups)])
        out.append(
            [
                f"{indent}{r.label}" if _below(matrix, codebook, r) else r.label,
                *[
                    cell_text(r.cells[g], lang, counts, r.directional, matrix.words)
                    + (mark if (r.id, g) in marks else "")
                    for g in matrix.groups
                ],
            ]
        )
    return out


def _below(matrix: Matrix, codebook: Codebook, r: Any) -> bool:
    """A row of a code under a parent code (not the matrix's theme): listed under its heading."""
    return r.parent is not None and r.parent != matrix.root and r.parent in codebook.codes


def _matrix_layout(matrix: Matrix, codebook: Codebook) -> list[tuple[Any, str | None]]:
    """Each row of the matrix, with the parent code whose heading row goes before it (None)."""
    out: list[tuple[Any, str | None]] = []
    parent = None
    for r in matrix.rows:
        below = _below(matrix, codebook, r)
        heading = r.parent if below and r.parent != parent else None
        if heading is not None:
            parent = heading
        out.append((r, heading))
    return out


def sub_rows(matrix: Matrix, codebook: Codebook) -> list[int]:
    """The rows of `matrix_rows` that list a code under its parent's heading row: in Word their
    label is indented."""
    out: list[int] = []
    i = 0
    for r, heading in _matrix_layout(matrix, codebook):
        i += heading is not None
        if _below(matrix, codebook, r):
            out.append(i)
        i += 1
    return out


def indent_rows(table: Any, rows: list[int]) -> None:
    """Indent the label of these rows (indices into the rows under the header) in a Word table."""
    from docx.shared import Pt

    for i in rows:
        table.rows[i + 1].cells[0].paragraphs[0].paragraph_format.left_indent = Pt(10)


def md_headings(rows: list[list[str]]) -> list[list[str]]:
    """`matrix_rows` for Markdown: a heading row's label in bold, over the codes under it (a
    pipe table cannot indent them, and a "- " before them reads as a stray list mark)."""
    heads = set(heading_rows(rows))
    return [[f"**{row[0]}**", *row[1:]] if i in heads else row for i, row in enumerate(rows)]


def heading_rows(rows: list[list[str]]) -> list[int]:
    """The rows of `matrix_rows` that head the codes under them (a parent code's label and no
    cells): in Word one cell across the table (`add_table`'s `spans`)."""
    return [i for i, row in enumerate(rows) if len(row) > 1 and not any(row[1:])]


def matrix_notes(report: Report) -> list[str]:
    """The lines under the matrix's table: what a `*` means, and the codings without a
    direction."""
    out = []
    if report.matrix_marks:
        out.append(TEXT[report.lang]["matrix_legend"])
    if report.matrix is not None:
        by = report.by or "group"
        unheard = not_interviewed_note(report.matrix, report.lang, by, report.selected)
        if unheard is not None:
            out.append(unheard)
    note = unknown_note(report.matrix, report.lang) if report.matrix is not None else None
    if note is not None:
        out.append(note)
    above = above_note(report.matrix, report.lang) if report.matrix is not None else None
    if above is not None:
        out.append(above)
    left = left_out_note(report.matrix, report.lang) if report.matrix is not None else None
    if left is not None:
        out.append(left)
    return out


def numbered_caption(caption: str, lang: str) -> str:
    """A table's caption as it follows its number ("Tabel 1. Wat elke groep brengt en haalt."):
    `caption` without its leading "Tabel: ", and with a capital."""
    caption = caption.removeprefix(f"{TEXT[lang]['table']}: ")
    return caption[:1].upper() + caption[1:]


def matrix_caption(matrix: Matrix, lang: str, by: str | None = None) -> str:
    """The line under the matrix's heading: what the cells say, in the codebook's words
    (`direction_labels:`) where it has its own, else "what each group brings and takes". `by`:
    the participant variable the columns are the values of (`--by`), None or "group": groups."""
    from ..codebook.codebook import DIRECTION_LABELS

    w = matrix.words
    default = DIRECTION_LABELS.get(lang, DIRECTION_LABELS["en"])
    column = None if by in (None, "group") else by_name(str(by), lang)
    if all(w.get(k) == default[k] for k in ("bring", "take", "both")):
        if column is not None:
            return TEXT[lang]["matrix_caption_by"].format(by=column)
        return TEXT[lang]["matrix_caption"]
    keys = ("bring", "take", "both", "none")
    cells = " / ".join(f"“{w[k]}”" if lang == "en" else f"„{w[k]}”" for k in keys)
    if lang == "nl":
        return f"Tabel: per {column or 'groep'} {cells}."
    return f"Table: per {column or 'group'}, {cells}."


def matrix_heading(report: Report) -> str:
    """The matrix section's heading: its theme's label and what its columns are ("Belangenbalans
    per groep"), so that it does not repeat the heading of the theme's findings ("Belangenbalans
    (10x)"): Word's navigation pane and table of contents show two sections apart."""
    assert report.matrix is not None
    t = TEXT[report.lang]
    column = "group" if report.by in (None, "group") else str(report.by)
    by = {"nl": "groep", "en": "group"}[report.lang] if column == "group" else None
    return t["matrix_heading"].format(
        label=report.matrix.label or t["matrix"], by=by or by_name(column, report.lang)
    )


def phases_heading(phases: PhaseResult, lang: str) -> str:
    """The phases' heading: "Development phase" (Ontwikkelingsfase), or with the codebook's
    own word for a phase ("Stage: forming"...) "Development stage" (nl: that word)."""
    if phases.word is None:
        return TEXT[lang]["phases"]
    return phases.word if lang == "nl" else f"Development {phases.word.lower()}"


def _tables(report: Report, codebook: Codebook, word: bool) -> dict[str, TableBlock]:
    """The report's tables, shared by the Word and Markdown writers. In Word a mark is joined
    to its cell's last word (no-break space) so that it never wraps onto a line of its own."""
    t = TEXT[report.lang]
    by_variable = report.by not in (None, "group")
    out: dict[str, TableBlock] = {}
    # a study without groups has no participants' table: its one row would be "ungrouped"
    if by_variable or report.grouped:
        out["groups"] = TableBlock(
            [by_name(str(report.by), report.lang) if by_variable else t["group"], t["count"]],
            [
                [group_name(g, report.lang), str(n)]
                for g, n in (report.by_counts if by_variable else report.groups)
            ],
            [1],
        )
    if report.matrix is not None:
        rows = matrix_rows(
            report.matrix,
            codebook,
            report.lang,
            report.matrix_marks,
            NBSP + "*" if word else " *",
        )
        if not word:
            rows = md_headings(rows)
        out["matrix"] = TableBlock(
            [t["code"], *(group_name(g, report.lang) for g in report.matrix.groups)], rows
        )
    if report.phases is not None:
        # with --by, a column per group or value, as the matrix has
        columns = report.phases.groups if report.by is not None else []
        out["phases"] = TableBlock(
            [
                report.phases.word or t["phase"],
                t["count"],
                *(group_name(g, report.lang) for g in columns),
            ],
            [
                [
                    r.label,
                    count_text(
                        r.participants, report.phase_unreviewed.get(r.id, 0), report.lang, True
                    ),
                    # people, written as the count beside them ("2x")
                    *(count_text(r.by_group.get(g, 0), 0, report.lang) for g in columns),
                ]
                for r in report.phases.rows
            ],
            list(range(1, 2 + len(columns))),
        )
    return out


def write_docx(report: Report, codebook: Codebook, out: Path, overwrite: bool = False) -> None:
    from docx.shared import Inches, Pt

    check_new(out, overwrite)
    t = TEXT[report.lang]
    lang = report.lang
    tables = _tables(report, codebook, word=True)
    doc = new_document(lang)
    if not report.anonymized:
        warning = t["not_anonymized"]
        doc.add_paragraph().add_run(warning).bold = True
        for section in doc.sections:  # on every page, also one printed alone
            section.header.paragraphs[0].add_run(warning.split(":")[0]).bold = True
    if report.method is not None:
        doc.add_heading(report.method.heading, level=1)
        blocks = report.method.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, TableBlock):
                add_table(doc, block.header, block.rows, block.right)
                continue
            paragraph = doc.add_paragraph(block)
            if i and isinstance(blocks[i - 1], TableBlock):
                paragraph.paragraph_format.space_before = Pt(10)  # air below the table
            if i + 1 < len(blocks) and isinstance(blocks[i + 1], TableBlock):
                keep_with_next(paragraph)
    doc.add_heading(report.title, level=1)
    if report.marked:
        doc.add_paragraph(t["legend"])
    if report.tidied is not None and report.method is None:
        doc.add_paragraph(tidy_sentence(*report.tidied, lang))
    keep_with_next(doc.add_heading(t["participants"], level=2))
    overview = doc.add_paragraph(report.overview)
    figures = 0
    if "groups" in tables:
        keep_with_next(overview)
        add_table(doc, tables["groups"].header, tables["groups"].rows, tables["groups"].right)
    for section in report.themes:
        doc.add_heading(
            f"{section.label} ({count_text(section.participants, section.unreviewed, lang)})",
            level=2,
        )
        if not section.findings:
            doc.add_paragraph(t["none"])
            continue
        for f in section.findings:
            style = "List Bullet" + (f" {min(f.depth, 3)}" if f.depth > 1 else "")
            doc.add_paragraph(finding_line(f, lang), style=style)
        if section.chart_png:
            figures += 1
            picture = doc.add_picture(io.BytesIO(section.chart_png), width=Inches(6))
            frame = picture._inline.docPr
            frame.set("name", f"{t['figure']} {figures}")
            frame.set("descr", chart_alt(section, lang))
            frame.set("title", chart_caption(section, lang))
            keep_with_next(doc.paragraphs[-1])
            _word_caption(doc, chart_caption(section, lang), figures, lang)
        for f in section.findings:
            if f.quotes:
                doc.add_heading(f.label, level=3)
                for runs in f.quote_runs:
                    paragraph = doc.add_paragraph(style="Quote")
                    for text, spoken in runs:
                        run = paragraph.add_run(text)
                        if spoken is not None:
                            proof_run(run, spoken)
    if report.matrix is not None:
        keep_with_next(doc.add_heading(matrix_heading(report), level=2))
        caption = numbered_caption(matrix_caption(report.matrix, report.lang, report.by), lang)
        keep_with_next(_word_caption(doc, caption, 1, lang, "table"))
        rows = tables["matrix"].rows
        table = add_table(doc, tables["matrix"].header, rows, spans=heading_rows(rows))
        indent_rows(table, sub_rows(report.matrix, codebook))
        for i, line in enumerate(matrix_notes(report)):
            paragraph = doc.add_paragraph(line)
            if not i:
                paragraph.paragraph_format.space_before = Pt(6)
    if report.phases is not None:
        keep_with_next(doc.add_heading(phases_heading(report.phases, report.lang), level=2))
        keep_with_next(doc.add_paragraph(report.phase_text))
        add_table(doc, tables["phases"].header, tables["phases"].rows, tables["phases"].right)
    mark_docx(doc, "report", lang, document_title(report, codebook))
    buf = io.BytesIO()
    doc.save(buf)
    write_output(out, buf.getvalue(), anonymized=report.anonymized)


def document_title(report: Report, codebook: Codebook) -> str:
    """The Word document's title (its properties, which Word, a PDF and a file list show):
    the study's codebook by name and what this is, "Lerende netwerken: resultaten", not a
    "Resultaten" that every report shares."""
    name = " ".join(codebook.name_in(report.lang).split())
    if not name:
        return report.title
    return f"{name}: {report.title[:1].lower()}{report.title[1:]}"


def write_matrix_docx(
    matrix: Matrix,
    codebook: Codebook,
    lang: str,
    out: Path,
    overwrite: bool = False,
    counts: bool = False,
    unheard: str | None = None,
) -> None:
    """`lernet matrix -o FILE.docx`; `unheard`: the line on listed groups without a column
    (`not_interviewed_note`), which needs the command's `--by` and selection."""
    check_new(out, overwrite)
    doc = new_document(lang)
    keep_with_next(doc.add_heading(matrix.label or TEXT[lang]["matrix"], level=2))
    rows = matrix_rows(matrix, codebook, lang, counts=counts)
    table = add_table(
        doc,
        [TEXT[lang]["code"], *(group_name(g, lang) for g in matrix.groups)],
        rows,
        spans=heading_rows(rows),
    )
    indent_rows(table, sub_rows(matrix, codebook))
    legend = counts_legend(matrix, lang) if counts else None
    if legend is not None:
        doc.add_paragraph(legend)
    # the notes `lernet matrix` gives in the terminal, in the project's language
    notes = (unheard, unknown_note(matrix, lang), above_note(matrix, lang))
    for note in (*notes, left_out_note(matrix, lang)):
        if note is not None:
            doc.add_paragraph(note)
    mark_docx(doc, "matrix", lang, matrix.label or TEXT[lang]["matrix"])
    buf = io.BytesIO()
    doc.save(buf)
    write_output(out, buf.getvalue())


def _link(name: str) -> str:
    """A file name as a Markdown link part: spaces and bytes that are not UTF-8 %-escaped."""
    from urllib.parse import quote

    return quote(os.fsencode(name))


def write_markdown(
    report: Report, codebook: Codebook, out: Path, overwrite: bool = False
) -> list[Path]:
    """The report as Markdown; charts go to `<name>_files/` beside it. Returns the charts."""
    check_new(out, overwrite)
    t = TEXT[report.lang]
    lang = report.lang
    tables = _tables(report, codebook, word=False)

    def table(block: TableBlock) -> str:
        return md_table(block.header, block.rows, block.right).rstrip("\n")

    lines: list[str] = []
    if not report.anonymized:
        lines += [f"**{t['not_anonymized']}**", ""]
    if report.method is not None:
        lines += [f"# {report.method.heading}", ""]
        for block in report.method.blocks:
            lines += [table(block) if isinstance(block, TableBlock) else block, ""]
    lines += [f"# {report.title}", ""]
    if report.marked:
        lines += [t["legend"], ""]
    if report.tidied is not None and report.method is None:
        lines += [tidy_sentence(*report.tidied, lang), ""]
    lines += [f"## {t['participants']}", "", report.overview]
    if "groups" in tables:
        lines += ["", table(tables["groups"])]
    charts: list[Path] = []
    figures = 0
    files = out.parent / f"{out.stem}_files"
    for section in report.themes:
        count = count_text(section.participants, section.unreviewed, lang)
        lines += ["", f"## {section.label} ({count})", ""]
        if not section.findings:
            lines.append(t["none"])
            continue
        for f in section.findings:
            lines.append(f"{'  ' * (f.depth - 1)}- {finding_line(f, lang)}")
        if section.chart_png:
            output_folder(files)
            chart = files / f"{section.id}.png"
            write_output(chart, section.chart_png, keep=False)
            charts.append(chart)
            figures += 1
            alt = chart_alt(section, lang).replace("[", "(").replace("]", ")")
            lines += [
                "",
                f"![{alt}]({_link(files.name)}/{_link(chart.name)})",
                "",
                f"*{t['figure']} {figures}. {chart_caption(section, lang)}*",
            ]
        for f in section.findings:
            if f.quotes:
                lines += ["", f"### {f.label}", ""]
                lines += [f"> {q}\n" for q in f.quotes]
    if report.matrix is not None:
        lines += [
            "",
            f"## {matrix_heading(report)}",
            "",
            # numbered as Word numbers it and as the figures above are: "Tabel 1. ..."
            f"*{t['table']} 1. "
            f"{numbered_caption(matrix_caption(report.matrix, lang, report.by), lang)}*",
            "",
        ]
        lines.append(table(tables["matrix"]))
        for line in matrix_notes(report):
            lines += ["", line.replace("*", "\\*", 1)]  # a "* ..." is not a list item
    if report.phases is not None:
        lines += ["", f"## {phases_heading(report.phases, lang)}", "", report.phase_text, ""]
        lines.append(table(tables["phases"]))
    lines += ["", markdown_mark("report")]
    text = "\n".join(lines).rstrip() + "\n"
    write_output(out, text.encode("utf-8"), anonymized=report.anonymized)
    return charts
