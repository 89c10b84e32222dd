"""The analytic part of the research report, as Word or Markdown: the researcher edits prose,
not numbers.

`build_report` gathers everything into plain data; `write_docx` and `write_markdown` only lay it
out, with real Word styles (headings, Quote, a table style) so the document can be restyled.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.matrix import Matrix, cell_text, interest_matrix
from ..analysis.people import make_redactor
from ..analysis.phases import PhaseResult, phase_distribution, phase_sentence
from ..analysis.quotes import collect_quotes, format_quote
from ..analysis.tally import Tally, tally
from ..codebook.codebook import Codebook
from ..project.participants import UNGROUPED, Participants
from ..project.project import Project
from ..store.store import Store
from .files import check_new, write_private

TEXT = {
    "nl": {
        "title": "Resultaten",
        "participants": "Deelnemers",
        "interviews": "Er zijn {n} interviews gehouden met {m} deelnemers: {groups}.",
        "group": "Groep",
        "count": "Deelnemers",
        "findings": "Bevindingen",
        "quotes": "Citaten",
        "chart": "Deelnemers per code, naar groep",
        "matrix": "Belangenbalans",
        "matrix_caption": "Tabel: wat elke groep brengt en haalt.",
        "phases": "Ontwikkelingsfase",
        "phase": "Fase",
        "none": "Geen codes voor dit thema.",
        "code": "Code",
    },
    "en": {
        "title": "Results",
        "participants": "Participants",
        "interviews": "{n} interviews were held with {m} participants: {groups}.",
        "group": "Group",
        "count": "Participants",
        "findings": "Findings",
        "quotes": "Quotes",
        "chart": "Participants per code, by group",
        "matrix": "Interest balance",
        "matrix_caption": "Table: what each group brings and takes.",
        "phases": "Development phase",
        "phase": "Phase",
        "none": "No codes for this theme.",
        "code": "Code",
    },
}


@dataclass
class Finding:
    code: str
    label: str
    participants: int
    groups: dict[str, int]
    quotes: list[str] = field(default_factory=list)


@dataclass
class ThemeSection:
    id: str
    label: str
    participants: int
    findings: list[Finding]
    chart_png: bytes | None = None


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


def build_report(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    quotes_per_code: int = 3,
    anonymize: bool = True,
    charts: bool = True,
    selection: dict[str, Any] | None = None,
) -> Report:
    lang = project.language
    t = TEXT[lang]
    rows = store.coding_rows(**(selection or {}))
    known = store.people()
    people = sorted(known)
    group_of = {}
    for pid, group in known.items():
        entry = participants.people.get(pid)
        group_of[pid] = group or (entry.group if entry else None) or UNGROUPED
    groups_present = sorted(set(group_of.values()))
    order = participants.group_order(groups_present)
    group_counts = [(g, sum(1 for p in people if group_of[p] == g)) for g in order]
    overview = t["interviews"].format(
        n=len(store.transcripts()),
        m=len(people),
        groups=", ".join(f"{n} {g}" for g, n in group_counts),
    )
    counted: Tally = tally(codebook, rows, participants, None, lang)
    redactor = make_redactor(participants, store) if anonymize else None
    quotes = collect_quotes(codebook, rows, participants, redactor)
    by_code: dict[str, list[str]] = {}
    for q in quotes:
        bucket = by_code.setdefault(q.code, [])
        if len(bucket) < quotes_per_code:
            bucket.append(format_quote(q, project.quote_attribution))
    themes: list[ThemeSection] = []
    for row in counted.rows:
        if row.is_theme:
            themes.append(ThemeSection(row.id, row.label, row.participants, []))
            continue
        if row.participants == 0 or codebook.codes[row.id].children:
            continue
        themes[-1].findings.append(
            Finding(
                row.id,
                row.label,
                row.participants,
                {g: n for g, n in row.by_group.items() if n},
                by_code.get(row.id, []),
            )
        )
    for section in themes:
        section.findings.sort(key=lambda f: -f.participants)
        if charts and section.findings:
            section.chart_png = theme_chart(section, counted.groups, t["chart"])
    # The matrix and the phases are what the codebook declares (analysis: matrix, phase: N);
    # a codebook without them gets no such section.
    matrix = None
    if codebook.matrix is not None:
        below = set(codebook.descendants(codebook.matrix))
        ib_rows = [r for r in rows if r.code in below]
        matrix = interest_matrix(codebook, ib_rows, participants, codebook.matrix, lang)
    phases = None
    phase_text = ""
    if codebook.phases:
        phases = phase_distribution(codebook, rows, participants, len(people), lang)
        phase_text = phase_sentence(phases, lang)
    return Report(lang, t["title"], overview, group_counts, themes, matrix, phases, phase_text)


def theme_chart(section: ThemeSection, groups: list[str], title: str) -> bytes:
    """A horizontal bar per code, stacked by group: who stands behind each finding."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f.label for f in reversed(section.findings)]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(labels) + 1.4), dpi=120)
    left = [0] * len(labels)
    # Okabe-Ito: distinguishable for colour-blind readers.
    palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
    for i, group in enumerate(groups):
        values = [f.groups.get(group, 0) for f in reversed(section.findings)]
        if not any(values):
            continue
        ax.barh(labels, values, left=left, color=palette[i % len(palette)], label=group)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(f"{section.label}: {title}", fontsize=10, loc="left")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def matrix_rows(matrix: Matrix, codebook: Codebook, lang: str) -> list[list[str]]:
    """Rows for a table: a parent heading row, then its codes, as in the report's Tabel 1."""
    out: list[list[str]] = []
    parent = None
    for r in matrix.rows:
        if r.parent != parent and r.parent in codebook.codes and codebook.codes[r.parent].depth:
            parent = r.parent
            out.append([codebook.codes[parent].label(lang), *[""] * len(matrix.groups)])
        out.append(
            [
                f"- {r.label}",
                *[cell_text(r.cells[g], lang, directional=r.directional) for g in matrix.groups],
            ]
        )
    return out


def write_docx(report: Report, codebook: Codebook, out: Path, overwrite: bool = False) -> None:
    from docx import Document
    from docx.shared import Inches

    check_new(out, overwrite)
    t = TEXT[report.lang]
    doc = Document()
    doc.add_heading(report.title, level=1)
    doc.add_heading(t["participants"], level=2)
    doc.add_paragraph(report.overview)
    _docx_table(doc, [t["group"], t["count"]], [[g, str(n)] for g, n in report.groups])
    for section in report.themes:
        doc.add_heading(f"{section.label} ({section.participants}x)", level=2)
        if not section.findings:
            doc.add_paragraph(t["none"])
            continue
        for f in section.findings:
            groups = ", ".join(f"{g} {n}" for g, n in f.groups.items())
            doc.add_paragraph(f"{f.label} ({f.participants}x): {groups}", style="List Bullet")
        if section.chart_png:
            doc.add_picture(io.BytesIO(section.chart_png), width=Inches(6))
        for f in section.findings:
            if f.quotes:
                doc.add_heading(f.label, level=3)
                for q in f.quotes:
                    doc.add_paragraph(q, style="Quote")
    if report.matrix is not None:
        doc.add_heading(t["matrix"], level=2)
        doc.add_paragraph(t["matrix_caption"])
        _docx_table(
            doc, ["", *report.matrix.groups], matrix_rows(report.matrix, codebook, report.lang)
        )
    if report.phases is not None:
        doc.add_heading(t["phases"], level=2)
        doc.add_paragraph(report.phase_text)
        _docx_table(
            doc,
            [t["phase"], t["count"]],
            [[r.label, f"{r.participants}x"] for r in report.phases.rows],
        )
    buf = io.BytesIO()
    doc.save(buf)
    write_private(out, buf.getvalue())


def write_matrix_docx(
    matrix: Matrix, codebook: Codebook, lang: str, out: Path, overwrite: bool = False
) -> None:
    from docx import Document

    check_new(out, overwrite)
    doc = Document()
    doc.add_heading(TEXT[lang]["matrix"], level=2)
    _docx_table(doc, ["", *matrix.groups], matrix_rows(matrix, codebook, lang))
    buf = io.BytesIO()
    doc.save(buf)
    write_private(out, buf.getvalue())


def _docx_table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    try:
        table.style = "Light Grid Accent 1"
    except (KeyError, ValueError):
        table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def write_markdown(
    report: Report, codebook: Codebook, out: Path, overwrite: bool = False
) -> list[Path]:
    """The report as Markdown; charts go to `<name>_files/` beside it. Returns the charts."""
    from .render import to_md_table

    check_new(out, overwrite)
    t = TEXT[report.lang]
    lines = [f"# {report.title}", "", f"## {t['participants']}", "", report.overview, ""]
    lines.append(to_md_table([t["group"], t["count"]], [[g, n] for g, n in report.groups]))
    charts: list[Path] = []
    files = out.parent / f"{out.stem}_files"
    for section in report.themes:
        lines += ["", f"## {section.label} ({section.participants}x)", ""]
        if not section.findings:
            lines.append(t["none"])
            continue
        for f in section.findings:
            groups = ", ".join(f"{g} {n}" for g, n in f.groups.items())
            lines.append(f"- {f.label} ({f.participants}x): {groups}")
        if section.chart_png:
            files.mkdir(mode=0o700, exist_ok=True)
            chart = files / f"{section.id}.png"
            write_private(chart, section.chart_png)
            charts.append(chart)
            lines += ["", f"![{section.label}]({files.name}/{chart.name})"]
        for f in section.findings:
            if f.quotes:
                lines += ["", f"### {f.label}", ""]
                lines += [f"> {q}\n" for q in f.quotes]
    if report.matrix is not None:
        lines += ["", f"## {t['matrix']}", "", t["matrix_caption"], ""]
        lines.append(
            to_md_table(
                ["", *report.matrix.groups], matrix_rows(report.matrix, codebook, report.lang)
            )
        )
    if report.phases is not None:
        lines += ["", f"## {t['phases']}", "", report.phase_text, ""]
        lines.append(
            to_md_table(
                [t["phase"], t["count"]],
                [[r.label, f"{r.participants}x"] for r in report.phases.rows],
            )
        )
    write_private(out, ("\n".join(lines).rstrip() + "\n").encode("utf-8"))
    return charts
